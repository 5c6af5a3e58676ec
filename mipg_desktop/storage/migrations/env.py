"""Alembic environment: runs on the connection handed in by ``migrate.upgrade_to_head``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

import mipg_desktop.models  # noqa: F401  (registers every table on Base.metadata)
from mipg_desktop.storage.base import Base

config = context.config


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=Base.metadata,
        render_as_batch=True,
        transaction_per_migration=False,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # command-line use by developers: alembic -x url=sqlite:///file.sqlite ...
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    engine = create_engine(str(url))
    with engine.begin() as conn:
        _run(conn)
