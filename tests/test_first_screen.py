"""The window's first screen, read without the ORM, must say what the services say."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from mipg_desktop.catalog import add_entity_dimension, add_entity_policy
from mipg_desktop.first_screen import FirstScreen, _read_with_services, read_first_screen
from mipg_desktop.storage.database import Database, open_database

ROOT = Path(__file__).resolve().parent.parent


def test_empty_database_opens_on_the_welcome_panel(db: Database) -> None:
    screen = read_first_screen(db)
    assert screen == _read_with_services(db)
    assert (screen.has_entity, screen.committee_count, screen.empty) == (False, 0, True)
    assert [d.code for d in screen.catalog.dimensions] == [f"D{n}" for n in range(1, 8)]
    assert sum(len(d.policies) for d in screen.catalog.dimensions) == 19
    assert len(screen.catalog.plan_types) == 12


def test_demo_database_and_entity_additions_read_the_same_both_ways(db: Database) -> None:
    from mipg_desktop.demo import run_demo

    run_demo(db, years=1, today=date(2026, 11, 21))
    add_entity_dimension(db, "GA", "Gestión ambiental")
    add_entity_policy(db, "GA", "GA-1", "Residuos y consumo responsable", "Ley 1672 de 2013")
    add_entity_policy(db, "D1", "D1-X", "Bienestar «ampliado» & clima laboral")
    screen = read_first_screen(db)
    assert screen == _read_with_services(db)
    assert screen.has_entity and screen.committee_count >= 1 and not screen.empty
    extra = screen.catalog.dimensions[-1]
    assert (extra.code, extra.origin, [p.code for p in extra.policies]) == (
        "GA",
        "entity",
        ["GA-1"],
    )
    assert screen.catalog.dimensions[0].policies[-1].name == "Bienestar «ampliado» & clima laboral"
    linked = [t for t in screen.catalog.plan_types if t.policy_codes]
    assert linked, "Decreto 612 plan types keep their suggested policies"


@pytest.mark.sqlite_only
def test_opening_a_current_file_makes_no_engine_until_first_use(db_url: str) -> None:
    db = open_database(db_url)
    try:
        assert not db.engine_loaded and db.dialect == "sqlite"
        assert isinstance(read_first_screen(db), FirstScreen)
        assert not db.engine_loaded, "the first screen is read with sqlite3 alone"
        engines = []

        def first_use() -> None:
            engines.append(db.engine)

        threads = [threading.Thread(target=first_use) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len({id(e) for e in engines}) == 1, "one engine however many threads ask"
        with db.transaction() as session:
            from sqlalchemy import text

            assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        db.close()


@pytest.mark.sqlite_only
def test_first_screen_of_a_current_file_never_imports_sqlalchemy(db_url: str) -> None:
    path = db_url.removeprefix("sqlite:///")
    code = (
        "import sys\n"
        "from mipg_desktop.storage.database import open_database\n"
        "from mipg_desktop.first_screen import read_first_screen\n"
        f"screen = read_first_screen(open_database({path!r}))\n"
        "print(len(screen.catalog.dimensions), screen.empty,"
        " sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split(" ", 2)
    assert out == ["7", "True", "[]\n"]


@pytest.mark.sqlite_only
def test_a_database_without_catalog_says_so(db_url: str) -> None:
    import sqlite3

    from mipg_desktop.errors import NotFound

    db = open_database(db_url)
    conn = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    conn.execute("UPDATE catalog_versions SET is_current = 0")
    conn.commit()
    conn.close()
    with pytest.raises(NotFound, match="no tiene catálogo MIPG"):
        read_first_screen(db)
    db.close()
