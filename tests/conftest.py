"""Shared fixtures.

The core suite runs on SQLite by default; with ``MIPG_TEST_DATABASE`` set to a
PostgreSQL URL (``postgresql+psycopg://user@127.0.0.1:5432/postgres``) every test
that uses ``db`` or ``db_url`` gets a fresh database on that server instead.
"""

from __future__ import annotations

import fnmatch
import itertools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MIPG_USER", "pruebas")
# automatic copies: off unless a test turns them on, and never in the real data folder
os.environ.setdefault("MIPG_AUTO_BACKUP", "0")
os.environ.setdefault("MIPG_BACKUP_DIR", tempfile.mkdtemp(prefix="mipg-copias-"))
# the window's settings (QSettings), the user profile and the log: this run's own, never the
# real ones of the person running the tests, nor shared by two pytest-xdist workers
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="mipg-config-")
os.environ.setdefault("MIPG_LOG_DIR", tempfile.mkdtemp(prefix="mipg-log-"))

PG_URL = os.environ.get("MIPG_TEST_DATABASE", "")
ON_POSTGRES = PG_URL.startswith("postgresql")
# one template database per pytest-xdist worker («gw0», «gw1»…; «main» without xdist)
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
PG_TEMPLATE = f"mipg_template_{WORKER}"
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


# Tests that drive the window in this process, and ``test_ui_zz_*`` which check what those
# clicked and saw (``tests/ui_support.py``), run in one process, in file order. A window
# test file that only starts the program in child processes may run in any worker.
WINDOW_GROUP = "test_ui_*.py"
OWN_WORKER_OK = {"test_ui_first_start.py", "test_ui_kill.py", "test_ui_platform_check.py"}


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """With pytest-xdist (``make test`` runs ``-n auto``): a test file runs whole in one
    worker (its module fixtures made once, as without xdist), and the window tests all in
    one worker (:data:`WINDOW_GROUP`); largest groups first."""
    if config.getoption("dist") not in ("load", "loadfile", "loadscope", "loadgroup"):
        return None
    from xdist.scheduler import LoadScopeScheduling

    class FileAndWindowScheduling(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            name = Path(nodeid.split("::", 1)[0]).name
            if fnmatch.fnmatch(name, WINDOW_GROUP) and name not in OWN_WORKER_OK:
                return "window"
            return name

    return FileAndWindowScheduling(config, log)


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
            conn.execute(text(f"DROP DATABASE IF EXISTS {PG_TEMPLATE} WITH (FORCE)"))
            conn.execute(text(f"CREATE DATABASE {PG_TEMPLATE}"))
        admin.dispose()
        url = _pg_admin_url(PG_TEMPLATE)
        open_database(url).close()
        return url
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    open_database(path).close()
    _checkpoint(path)
    return str(path)


@pytest.fixture
def db_url(template_db: str, tmp_path: Path) -> Iterator[str]:
    """URL of a fresh, migrated and seeded database for one test."""
    if ON_POSTGRES:
        from sqlalchemy import create_engine, text

        name = f"mipg_test_{WORKER}_{os.getpid()}_{next(_counter)}"
        admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {PG_TEMPLATE}"))
        yield _pg_admin_url(name)
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()
        return
    path = tmp_path / "mipg.sqlite"
    shutil.copyfile(template_db, path)
    yield "sqlite:///" + str(path)


def _checkpoint(path: Path) -> None:
    """Fold the write-ahead log into the file, so that copying the file copies everything."""
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _pg_copy(template: str, prefix: str) -> str:
    from sqlalchemy import create_engine, text

    name = f"{prefix}_{WORKER}_{os.getpid()}_{next(_counter)}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
    admin.dispose()
    return name


def _pg_drop(name: str) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture(scope="session")
def _demo_templates() -> Iterator[dict[tuple[int, date], str]]:
    """(years, today) → a database holding ``run_demo(years, today)``, made once per worker
    (on PostgreSQL, dropped at the end of the run)."""
    made: dict[tuple[int, date], str] = {}
    yield made
    if ON_POSTGRES:
        for name in made.values():
            _pg_drop(name)


@pytest.fixture
def demo_copy(
    template_db: str,
    _demo_templates: dict[tuple[int, date], str],
    tmp_path_factory: pytest.TempPathFactory,
    tmp_path: Path,
) -> Iterator[Callable[[int, date], Any]]:
    """``demo_copy(years, today)``: a fresh database of this test's own holding what
    ``run_demo(db, years=years, today=today)`` makes on a new database. The demo is built once
    per (years, today) in this worker and copied, for tests that read it (building two years
    renders and freezes a dozen actas)."""
    from mipg_desktop.demo import run_demo
    from mipg_desktop.storage.database import open_database

    opened: list[Any] = []
    made: list[str] = []

    def build(years: int, today: date) -> str:
        if ON_POSTGRES:
            name = _pg_copy(PG_TEMPLATE, "mipg_demo")
            source: str | Path = _pg_admin_url(name)
        else:
            source = tmp_path_factory.mktemp("demo") / "demo.sqlite"
            shutil.copyfile(template_db, source)
        database = open_database(source)
        run_demo(database, years=years, today=today)
        database.close()
        if ON_POSTGRES:
            return name
        _checkpoint(Path(source))
        return str(source)

    def copy(years: int, today: date) -> Any:
        key = (years, today)
        if key not in _demo_templates:
            _demo_templates[key] = build(years, today)
        if ON_POSTGRES:
            made.append(_pg_copy(_demo_templates[key], "mipg_test"))
            target: str | Path = _pg_admin_url(made[-1])
        else:
            target = tmp_path / f"demo-{years}-{today.isoformat()}-{len(opened)}.sqlite"
            shutil.copyfile(_demo_templates[key], target)
        opened.append(open_database(target))
        return opened[-1]

    yield copy
    for database in opened:
        database.close()
    for name in made:
        _pg_drop(name)


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
