"""Storage: engines, schema revisions and migrations, the Database handle."""

from mipg_desktop.storage.database import Database, open_database

__all__ = ["Database", "open_database"]
