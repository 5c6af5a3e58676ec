"""Running Alembic upgrades: imported only when a database must be created or upgraded."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from mipg_desktop.errors import DatabaseRefused
from mipg_desktop.i18n import _
from mipg_desktop.storage.engine import make_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> object:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade_to_head(url: str, target: str = "heads") -> None:
    """Upgrade (or create) the schema to ``target`` in one transaction; on error nothing changes.

    SQLite migrations run with foreign keys off (batch mode rebuilds tables) and
    the result is checked with ``PRAGMA foreign_key_check`` before committing.
    """
    from alembic import command

    config = alembic_config()
    engine = make_engine(url, foreign_keys=False)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection  # type: ignore[attr-defined]
            command.upgrade(config, target)  # type: ignore[arg-type]
            if engine.dialect.name == "sqlite":
                problems = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
                if problems:
                    raise DatabaseRefused(
                        _(
                            "La actualización de la base de datos dejó referencias rotas "
                            "({n}); no se aplicó ningún cambio."
                        ).format(n=len(problems))
                    )
    finally:
        engine.dispose()
