"""Shared fixtures.

The core suite runs on SQLite by default; with ``MIPG_TEST_DATABASE`` set to a
PostgreSQL URL (``postgresql+psycopg://user@127.0.0.1:5432/postgres``) every test
that uses ``db`` or ``db_url`` gets a fresh database on that server instead.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MIPG_USER", "pruebas")
# automatic copies: off unless a test turns them on, and never in the real data folder
os.environ.setdefault("MIPG_AUTO_BACKUP", "0")
os.environ.setdefault("MIPG_BACKUP_DIR", tempfile.mkdtemp(prefix="mipg-copias-"))

PG_URL = os.environ.get("MIPG_TEST_DATABASE", "")
ON_POSTGRES = PG_URL.startswith("postgresql")
_counter = itertools.count()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: SQLite files only (skipped on PostgreSQL)")
    config.addinivalue_line("markers", "postgres_only: runs only against PostgreSQL")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip_pg = pytest.mark.skip(reason="SQLite only")
    skip_sqlite = pytest.mark.skip(reason="PostgreSQL only (set MIPG_TEST_DATABASE)")
    for item in items:
        if ON_POSTGRES and "sqlite_only" in item.keywords:
            item.add_marker(skip_pg)
        if not ON_POSTGRES and "postgres_only" in item.keywords:
            item.add_marker(skip_sqlite)


def _pg_admin_url(name: str) -> str:
    base, _, _ = PG_URL.rpartition("/")
    return f"{base}/{name}"


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated, seeded database made once per run; tests get copies of it."""
    from mipg_desktop.storage.database import open_database

    if ON_POSTGRES:
        from sqlalchemy import create_engine, text

        admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("DROP DATABASE IF EXISTS mipg_template WITH (FORCE)"))
            conn.execute(text("CREATE DATABASE mipg_template"))
        admin.dispose()
        url = _pg_admin_url("mipg_template")
        open_database(url).close()
        return url
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    open_database(path).close()
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return str(path)


@pytest.fixture
def db_url(template_db: str, tmp_path: Path) -> Iterator[str]:
    """URL of a fresh, migrated and seeded database for one test."""
    if ON_POSTGRES:
        from sqlalchemy import create_engine, text

        name = f"mipg_test_{os.getpid()}_{next(_counter)}"
        admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name} TEMPLATE mipg_template"))
        yield _pg_admin_url(name)
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()
        return
    path = tmp_path / "mipg.sqlite"
    shutil.copyfile(template_db, path)
    yield "sqlite:///" + str(path)


@pytest.fixture
def db(db_url: str) -> Iterator[object]:
    from mipg_desktop.storage.database import open_database

    database = open_database(db_url)
    yield database
    database.close()


@pytest.fixture
def window(qtbot: Any, db: Any, tmp_path: Path) -> Iterator[Any]:
    """The main window over a fresh database, at 1366×768, its core loaded; what tests
    click, type and trigger in it is recorded (``tests/ui_support.py``)."""
    from ui_support import close_window, open_window

    win = open_window(qtbot, db, tmp_path)
    yield win
    close_window(win)


ANNEX_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def approved(db: Any) -> int:
    """An approved session whose first item carries an annex."""
    from test_committees_lifecycle import held_session
    from test_committees_support import build_cigd

    from mipg_desktop.committees.agenda import add_agenda_item, add_attachment
    from mipg_desktop.committees.approval import approve_minutes
    from mipg_desktop.committees.sessions import set_status
    from mipg_desktop.committees.votes import record_decision
    from mipg_desktop.entity_profile import get_entity, save_entity

    cigd = build_cigd(db)
    entity = get_entity(db)
    save_entity(
        db,
        expected_version=entity.version if entity else None,
        name="Alcaldía de Santa Bárbara",
    )
    sid = held_session(db, cigd)
    item = add_agenda_item(db, sid, "Matriz de riesgos", presenter="Control Interno")
    add_attachment(db, item.id, "Matriz_de_riesgos.pdf", ANNEX_PDF)
    record_decision(db, sid, "Aprobar la matriz de riesgos", 5, 0, 0, agenda_item_id=item.id)
    set_status(db, sid, "minutes_draft")
    set_status(db, sid, "under_review")
    approve_minutes(db, sid, approved_by="Comité en pleno")
    return sid
