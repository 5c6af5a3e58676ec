"""Developer tool: autogenerate the next Alembic revision from the models.

    .venv/bin/python tools/new_migration.py 0002_committees "committees and sessions"

It upgrades a scratch SQLite database to the current heads, then compares it with
the models. Review the generated file before committing it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from mipg_desktop.storage.migrate import alembic_config, upgrade_to_head


def main() -> None:
    rev_id, message = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'scratch.sqlite'}"
        upgrade_to_head(url)
        config = alembic_config()
        config.set_main_option("file_template", "%%(rev)s")
        engine = create_engine(url)
        with engine.begin() as connection:
            config.attributes["connection"] = connection  # type: ignore[attr-defined]
            command.revision(config, message=message, autogenerate=True, rev_id=rev_id)  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
