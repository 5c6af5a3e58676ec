"""Automatic copies (Qt-free core): once a day, only after a change, verified, rotated."""

from __future__ import annotations

import logging
import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from damage_support import corrupt_page

from mipg_desktop.storage.backup_rotation import (
    AutoBackup,
    Outcome,
    Rotation,
    backup_folder,
    database_fingerprint,
    describe,
    kept_by_rotation,
    latest_good_backup,
    list_backups,
    make_automatic_backup,
    prune,
    quick_check,
)

pytestmark = pytest.mark.sqlite_only
NOON = datetime(2026, 12, 1, 12, 0, 0)


def _path(db_url: str) -> Path:
    return Path(db_url.removeprefix("sqlite:///"))


def _write(path: Path, sql: str, *args: object) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(sql, args)
    conn.close()


def test_a_copy_a_day_only_after_a_change(db_url: str, tmp_path: Path) -> None:
    root = tmp_path / "copias"
    first = make_automatic_backup(db_url, root=root, now=NOON)
    assert first.outcome is Outcome.MADE and first.path is not None
    assert first.path.name == "mipg-2026-12-01-120000.sqlite"
    assert first.path.parent == backup_folder(_path(db_url), root)
    assert stat.S_IMODE(first.path.stat().st_mode) == 0o600
    assert quick_check(first.path) == []
    # the same day: not again, even after a change
    _write(_path(db_url), "INSERT INTO settings (key, value) VALUES ('x', '1')")
    again = make_automatic_backup(db_url, root=root, now=NOON + timedelta(hours=3))
    assert again.outcome is Outcome.NOT_DUE
    # the next day: the change is copied
    next_day = make_automatic_backup(db_url, root=root, now=NOON + timedelta(days=1))
    assert next_day.outcome is Outcome.MADE
    # and the day after, nothing changed: no copy
    idle = make_automatic_backup(db_url, root=root, now=NOON + timedelta(days=2))
    assert idle.outcome is Outcome.UNCHANGED
    assert len(list_backups(first.path.parent)) == 2


def test_every_kind_of_write_changes_the_fingerprint(db_url: str) -> None:
    path = _path(db_url)
    before = database_fingerprint(path)
    assert database_fingerprint(path) == before  # reading changes nothing
    _write(path, "INSERT INTO settings (key, value) VALUES ('x', '1')")
    inserted = database_fingerprint(path)
    _write(path, "UPDATE settings SET value = '2' WHERE key = 'x'")  # same count, same rowid
    updated = database_fingerprint(path)
    from mipg_desktop.entity_profile import save_entity
    from mipg_desktop.storage.database import open_database

    with open_database(db_url) as db:  # through the services, as the window writes
        entity = save_entity(db, expected_version=None, name="Alcaldía de Jericó", city="Jericó")
    created = database_fingerprint(path)
    _write(path, "UPDATE entities SET version = version + 1")  # a versioned row, same count
    versioned = database_fingerprint(path)
    _write(path, "DELETE FROM settings WHERE key = 'x'")
    deleted = database_fingerprint(path)
    assert len({before, inserted, updated, created, versioned, deleted}) == 6
    assert entity.name


def test_rotation_keeps_7_daily_4_weekly_12_monthly(tmp_path: Path) -> None:
    start = datetime(2025, 1, 1, 18, 30)
    backups = []
    for day in range(500):  # a copy every day for 500 days
        taken = start + timedelta(days=day)
        path = tmp_path / f"mipg-{taken:%Y-%m-%d-%H%M%S}.sqlite"
        path.write_bytes(b"x")
        backups.append(AutoBackup(path, taken, 1))
    newest = backups[-1].taken
    kept = kept_by_rotation(backups)
    kept_days = sorted(datetime.strptime(p.name[5:15], "%Y-%m-%d") for p in kept)
    assert 12 <= len(kept) <= 7 + 4 + 12
    last_seven = {(newest - timedelta(days=n)).date() for n in range(7)}
    assert last_seven <= {d.date() for d in kept_days}
    months = {(d.year, d.month) for d in kept_days}
    assert len(months) == 12  # one copy for each of the last 12 months
    assert kept_days[0] > newest - timedelta(days=366)
    removed = prune(tmp_path)
    assert len(list_backups(tmp_path)) == len(kept) and len(removed) == 500 - len(kept)
    assert kept_by_rotation(backups, Rotation(daily=1, weekly=0, monthly=0)) == {backups[-1].path}


def test_a_damaged_database_gives_no_copy_and_is_logged(
    db_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = tmp_path / "copias"
    corrupt_page(_path(db_url))
    with caplog.at_level(logging.ERROR, logger="mipg_desktop.backups"):
        result = make_automatic_backup(db_url, root=root, now=NOON)
    assert result.outcome is Outcome.FAILED and result.path is None
    assert "dañada" in result.message or "No se pudo" in result.message
    folder = backup_folder(_path(db_url), root)
    assert not folder.exists() or list(folder.iterdir()) == []  # nothing kept, nothing stray
    assert any("Copia automática" in r.getMessage() for r in caplog.records)


def test_strays_of_a_killed_run_are_removed(db_url: str, tmp_path: Path) -> None:
    root = tmp_path / "copias"
    folder = backup_folder(_path(db_url), root)
    folder.mkdir(parents=True)
    for name in ("mipg-2026-11-30-120000.sqlite.sin-verificar", "x.sqlite.parcial"):
        (folder / name).write_bytes(b"")
    make_automatic_backup(db_url, root=root, now=NOON)
    assert sorted(p.name for p in folder.iterdir()) == ["mipg-2026-12-01-120000.sqlite"]


def test_postgresql_gets_no_automatic_copy(tmp_path: Path) -> None:
    result = make_automatic_backup("postgresql+psycopg://u@127.0.0.1:1/x", root=tmp_path)
    assert result.outcome is Outcome.NOT_SQLITE and "pg_dump" in result.message
    assert list(tmp_path.iterdir()) == []


def test_what_a_copy_holds_and_the_latest_good_one(db_url: str, tmp_path: Path) -> None:
    from mipg_desktop.demo import run_demo
    from mipg_desktop.storage.database import open_database

    with open_database(db_url) as db:
        run_demo(db, years=1)
    root = tmp_path / "copias"
    old = make_automatic_backup(db_url, root=root, now=NOON - timedelta(days=1))
    _write(_path(db_url), "INSERT INTO settings (key, value) VALUES ('x', '1')")
    new = make_automatic_backup(db_url, root=root, now=NOON)
    assert old.path is not None and new.path is not None
    contents = describe(new.path)
    assert contents.sessions > 3 and contents.committees >= 1
    assert "sesión" in contents.last_session and "/20" in contents.last_session
    folder = new.path.parent
    assert latest_good_backup(folder) == list_backups(folder)[0]
    assert quick_check(_path(db_url)) == []
    corrupt_page(new.path, "committee_sessions")
    assert quick_check(new.path)  # found
    good = latest_good_backup(folder)
    assert good is not None and good.path == old.path
