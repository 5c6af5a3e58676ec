"""Backups and restores that never make things worse; damage found on open; private files."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from mipg_desktop.entity_profile import get_entity, save_entity
from mipg_desktop.errors import DatabaseRefused
from mipg_desktop.storage import checks
from mipg_desktop.storage.backup import backup_database, restore_database
from mipg_desktop.storage.checks import check_database
from mipg_desktop.storage.database import Database, open_database
from mipg_desktop.storage.lockfile import hold_database, lock_path_for, shut_down_uncleanly
from mipg_desktop.storage.migrate import upgrade_to_head

pytestmark = pytest.mark.sqlite_only


def fingerprint(path: Path) -> str:
    """The bytes of the database and its WAL: what «byte-identical» compares."""
    digest = hashlib.sha256()
    for file in (path, path.with_name(path.name + "-wal")):
        if file.exists():
            digest.update(file.read_bytes())
    return digest.hexdigest()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def damage(path: Path, table: str = "catalog_versions") -> None:
    """Break one page (the root of ``table``) of a settled database file."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    conn.close()
    data = bytearray(path.read_bytes())
    offset = (root - 1) * size
    data[offset : offset + 12] = b"\xff" * 12
    path.write_bytes(bytes(data))


def live(db: Database) -> Path:
    assert db.path is not None
    return db.path


def mipg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mipg_desktop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


# --- 1. Restore only what is better ----------------------------------------------------


def test_restoring_an_empty_file_is_refused_and_changes_nothing(
    db: Database, tmp_path: Path
) -> None:
    save_entity(db, expected_version=None, name="Intacta")
    db.close()
    before = fingerprint(live(db))
    empty = tmp_path / "vacia.sqlite"
    empty.touch()
    with pytest.raises(DatabaseRefused, match="vacío"):
        restore_database(db.url, empty)
    assert fingerprint(live(db)) == before
    assert not list(tmp_path.glob("*antes-de-restaurar*"))
    profile = get_entity(db)
    assert profile is not None and profile.name == "Intacta"


@pytest.mark.parametrize("kind", ["foreign", "empty_version", "damaged"])
def test_restoring_a_file_that_is_not_a_sound_backup_is_refused(
    db: Database, tmp_path: Path, kind: str
) -> None:
    db.close()
    candidate = tmp_path / "candidata.sqlite"
    if kind == "damaged":
        backup_database(db.url, candidate)
        damage(candidate)
    else:
        conn = sqlite3.connect(candidate)
        conn.execute("CREATE TABLE clientes (id INTEGER PRIMARY KEY)")
        if kind == "empty_version":
            conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.commit()
        conn.close()
    before = fingerprint(live(db))
    with pytest.raises(DatabaseRefused) as refused:
        restore_database(db.url, candidate)
    assert "\n" not in str(refused.value) and "La base de datos no cambió" in str(refused.value)
    assert fingerprint(live(db)) == before


def test_restore_refuses_while_a_window_holds_the_database(db: Database, tmp_path: Path) -> None:
    from PySide6.QtCore import QLockFile

    backup = backup_database(db.url, tmp_path / "copia.sqlite")
    db.close()
    before = fingerprint(live(db))
    window_lock = QLockFile(str(lock_path_for(db.url)))  # what ui.single_instance takes
    assert window_lock.tryLock(100)
    try:
        with pytest.raises(DatabaseRefused, match="abierta en MIPG Desktop"):
            restore_database(db.url, backup)
        assert fingerprint(live(db)) == before
        restore_database(db.url, backup, own_lock=True)  # the window itself restores
    finally:
        window_lock.unlock()
    with pytest.raises(DatabaseRefused):
        restore_database(db.url, backup, own_lock=True)  # not this program's lock
    restore_database(db.url, backup)  # the window closed: now it may


def test_restore_refuses_while_another_connection_has_it_open(db: Database, tmp_path: Path) -> None:
    backup = backup_database(db.url, tmp_path / "copia.sqlite")
    save_entity(db, expected_version=None, name="Abierta")
    with pytest.raises(DatabaseRefused, match="Otro programa está usando"):
        restore_database(db.url, backup)
    profile = get_entity(db)
    assert profile is not None and profile.name == "Abierta"


def test_restore_keeps_a_complete_checked_private_copy(db: Database, tmp_path: Path) -> None:
    monday = save_entity(db, expected_version=None, name="Lunes")
    backup = backup_database(db.url, tmp_path / "lunes")
    assert backup.name == "lunes.sqlite"  # 2. a backup gets its extension
    save_entity(db, expected_version=monday.version, name="Martes")
    db.close()
    kept = restore_database(db.url, backup)
    assert kept is not None
    assert check_database(kept, full=True) == []
    with open_database(kept) as old:
        profile = get_entity(old)
        assert profile is not None and profile.name == "Martes"
    assert get_entity(db).name == "Lunes"  # type: ignore[union-attr]
    assert {mode(backup), mode(kept), mode(live(db))} == {0o600}
    leftovers = [p.name for p in live(db).parent.iterdir() if ".parcial" in p.name]
    assert leftovers == []
    assert not lock_path_for(db.url).exists()


def test_a_damaged_live_database_can_still_be_replaced(db: Database, tmp_path: Path) -> None:
    backup = backup_database(db.url, tmp_path / "buena.sqlite")
    db.close()
    damage(live(db))
    damaged_bytes = live(db).read_bytes()
    kept = restore_database(db.url, backup)
    assert kept is not None and kept.read_bytes()[100:] == damaged_bytes[100:]  # as it was
    assert check_database(live(db), full=True) == []


# --- 2. Backups that can be trusted ----------------------------------------------------


def test_backing_up_a_damaged_database_is_refused_naming_the_damage(
    db: Database, tmp_path: Path
) -> None:
    db.close()
    damage(live(db))
    result = mipg("--db", str(live(db)), "backup", "-o", str(tmp_path / "copia.sqlite"))
    assert result.returncode == 1
    assert "dañada" in result.stderr and "mipg restore" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "copia.sqlite").exists()
    assert [p for p in tmp_path.iterdir() if ".parcial" in p.name] == []


def test_leftovers_of_killed_runs_are_removed_and_live_work_is_not(tmp_path: Path) -> None:
    target = tmp_path / "mipg.sqlite"
    open_database(target).close()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    stray = tmp_path / f".mipg.sqlite.{dead.stdout.strip()}.parcial"
    stray.write_bytes(b"SQLite format 3\x00a medias")
    empty_copy = tmp_path / "mipg.antes-de-restaurar-20260101-000000.sqlite"
    empty_copy.touch()
    working = tmp_path / f".copia.sqlite.{os.getpid()}.parcial"  # this process: still writing
    working.touch()
    open_database(target).close()
    assert not stray.exists() and not empty_copy.exists()
    assert working.exists()


# --- 3. Damage found on open; only a new path becomes a new database ---------------------


def test_a_damaged_database_is_refused_on_open_and_never_written(db: Database) -> None:
    db.close()
    damage(live(db), "committees")
    before = fingerprint(live(db))
    assert check_database(live(db))  # the quick check sees it
    with pytest.raises(DatabaseRefused, match=r"dañada.*no se abrió"):
        open_database(live(db))
    assert fingerprint(live(db)) == before


@pytest.mark.parametrize("kind", ["empty", "foreign_empty_version", "no_tables"])
def test_a_file_that_is_not_ours_is_never_initialised(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "otra.sqlite"
    if kind == "empty":
        path.touch()
    else:
        conn = sqlite3.connect(path)
        if kind == "foreign_empty_version":
            conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
            conn.execute("CREATE TABLE clientes (id INTEGER PRIMARY KEY)")
        else:
            conn.execute("PRAGMA user_version = 7")
        conn.commit()
        conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseRefused, match="no es una base de datos de MIPG Desktop"):
        open_database(path)
    result = mipg("--db", str(path), "init")
    assert result.returncode == 1 and "no es una base de datos de MIPG Desktop" in result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["otra.sqlite"]


def test_a_full_check_runs_after_an_unclean_shutdown(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    db.close()
    calls: list[str] = []
    real = checks.integrity_problems

    def spy(conn: sqlite3.Connection) -> list[str]:
        calls.append("integrity_check")
        return real(conn)

    monkeypatch.setattr(checks, "integrity_problems", spy)
    open_database(live(db)).close()
    assert calls == [] and not shut_down_uncleanly(db.url)
    killed = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)"]  # a window that gets killed
    )
    lock_path_for(db.url).write_text(f"{killed.pid}\npython3\n{os.uname().nodename}\n")
    assert not shut_down_uncleanly(db.url)  # its process still runs
    killed.kill()
    killed.wait()
    assert shut_down_uncleanly(db.url)
    open_database(live(db)).close()
    assert calls == ["integrity_check"]


# --- 6. File modes ------------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_database_files_are_private_and_documents_are_not(tmp_path: Path) -> None:
    folder = tmp_path / "nueva" / "carpeta"
    target = folder / "mipg.sqlite"
    with open_database(target) as db:
        save_entity(db, expected_version=None, name="Privada")
        assert mode(target) == 0o600
        for side in ("-wal", "-shm"):
            assert mode(target.with_name(target.name + side)) == 0o600
        copy = backup_database(db.url, tmp_path / "copia.sqlite")
    assert mode(folder) == 0o700 and mode(folder.parent) == 0o700
    assert mode(copy) == 0o600
    with hold_database(db.url, str(target)) as lock:
        assert mode(lock) == 0o600
    # an older database upgraded: the copy kept before the upgrade is private too
    old = tmp_path / "vieja.sqlite"
    upgrade_to_head("sqlite:///" + str(old), "0006_row_versions")
    with open_database(old) as upgraded:
        assert upgraded.backup_path is not None and mode(upgraded.backup_path) == 0o600
    pdf = tmp_path / "acta.pdf"
    from mipg_desktop.cli.common import write_output
    from mipg_desktop.files import current_umask

    write_output(pdf, b"%PDF-1.4")
    assert mode(pdf) == 0o666 & ~current_umask()
