"""Engine factory for a SQLite path or a SQLAlchemy URL, and where the default database lives."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

DEFAULT_FILENAME = "mipg.sqlite"
DEFAULT_BUSY_TIMEOUT = 5.0


def default_database_path() -> Path:
    """The database in the user's data folder (platformdirs), used when nothing else is named."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("mipg-desktop", appauthor=False)) / DEFAULT_FILENAME


def resolve_target(target: str | os.PathLike[str] | None) -> str:
    """``--db`` value, else ``MIPG_DB``, else the default file; returns a SQLAlchemy URL."""
    if target is None or str(target) == "":
        target = os.environ.get("MIPG_DB") or default_database_path()
    text = str(target)
    if "://" in text:
        return text
    return "sqlite:///" + str(Path(text).expanduser().resolve())


def sqlite_path(url: str) -> Path | None:
    """The file behind a ``sqlite:///`` URL, or ``None`` for other back ends."""
    if not url.startswith("sqlite"):
        return None
    _, _, path = url.partition(":///")
    if not path or path == ":memory:":
        return None
    return Path(path)


def make_engine(
    url: str, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT, foreign_keys: bool = True
) -> Engine:
    """An engine with the project's connection settings.

    SQLite gets ``foreign_keys=ON``, WAL, a busy timeout and real transactions
    (pysqlite's implicit ones are switched off so ``BEGIN`` covers DDL too).
    """
    from sqlalchemy import create_engine, event

    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)

    engine = create_engine(url, connect_args={"timeout": busy_timeout})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get("mipg_immediate")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
