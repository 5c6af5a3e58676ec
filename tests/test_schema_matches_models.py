"""The migrations build exactly the tables, columns and types the models describe."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import mipg_desktop.models  # noqa: F401  (every table in Base.metadata)
from mipg_desktop.storage.base import Base
from mipg_desktop.storage.migrate import upgrade_to_head


def _differences(url: str) -> list[object]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    # the full-text index is a virtual table made by the migration, not a model
    return [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith("search_fts"))]


def test_sqlite_schema_at_head_matches_the_models(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'schema.sqlite'}"
    upgrade_to_head(url)
    assert _differences(url) == []
