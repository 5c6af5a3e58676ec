"""Backup while the database is open and being written; restore keeps what it replaces."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mipg_desktop.entity_profile import get_entity, save_entity
from mipg_desktop.errors import DatabaseRefused, MipgError
from mipg_desktop.models.audit import AuditEntry
from mipg_desktop.storage.backup import backup_database, restore_database
from mipg_desktop.storage.database import Database, open_database

pytestmark = pytest.mark.sqlite_only


def audit_count(db: Database) -> int:
    with db.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_backup_of_a_database_being_written_is_consistent(db: Database, tmp_path: Path) -> None:
    save_entity(db, expected_version=None, name="Alcaldía de Prueba")
    stop = threading.Event()
    written = 0

    def writer() -> None:
        nonlocal written
        while not stop.is_set():
            with db.transaction() as session:
                for _ in range(20):
                    session.add(
                        AuditEntry(
                            user_name="w",
                            action="x",
                            table_name="t",
                            record_id="1",
                            summary="ñ" * 200,
                        )
                    )
            written += 20

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while written < 200:
            pass
        before = audit_count(db)
        outputs = [backup_database(db.url, tmp_path / f"copia{i}.sqlite") for i in range(3)]
        after_count = audit_count(db)
    finally:
        stop.set()
        thread.join()
    assert written > 200
    for out in outputs:
        conn = sqlite3.connect(out)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT count(*) FROM audit_entries").fetchone()[0]
        conn.close()
        assert before <= rows <= after_count
        with open_database(out) as copy:
            profile = get_entity(copy)
            assert profile is not None and profile.name == "Alcaldía de Prueba"
    assert not list(tmp_path.glob("*.parcial"))


def test_restore_replaces_the_database_and_keeps_a_copy(db: Database, tmp_path: Path) -> None:
    monday = save_entity(db, expected_version=None, name="Versión del lunes")
    backup = backup_database(db.url, tmp_path / "lunes.sqlite")
    save_entity(db, expected_version=monday.version, name="Versión del martes")
    db.close()  # a restore replaces the file: this program lets go of it first
    kept = restore_database(db.url, backup)
    assert kept is not None and kept.exists()
    profile = get_entity(db)
    assert profile is not None and profile.name == "Versión del lunes"
    with open_database(kept) as old:
        old_profile = get_entity(old)
        assert old_profile is not None and old_profile.name == "Versión del martes"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_restoring_a_file_that_is_not_a_backup_changes_nothing(
    db: Database, tmp_path: Path
) -> None:
    save_entity(db, expected_version=None, name="Intacta")
    garbage = tmp_path / "no-es-copia.sqlite"
    garbage.write_bytes(b"PK\x03\x04 definitivamente no es SQLite" * 100)
    with pytest.raises(DatabaseRefused):
        restore_database(db.url, garbage)
    profile = get_entity(db)
    assert profile is not None and profile.name == "Intacta"
    assert not list(tmp_path.glob("*antes-de-restaurar*"))


def test_restoring_a_newer_backup_changes_nothing(db: Database, tmp_path: Path) -> None:
    save_entity(db, expected_version=None, name="Intacta")
    newer = backup_database(db.url, tmp_path / "futura.sqlite")
    conn = sqlite3.connect(newer)
    conn.execute("DELETE FROM alembic_version")
    conn.execute("INSERT INTO alembic_version VALUES ('9999_futuro')")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseRefused, match="más reciente"):
        restore_database(db.url, newer)
    profile = get_entity(db)
    assert profile is not None and profile.name == "Intacta"


def test_backup_cannot_overwrite_its_own_database(db: Database) -> None:
    assert db.path is not None
    before = _digest(db.path)
    with pytest.raises(MipgError, match="misma base de datos"):
        backup_database(db.url, db.path)
    assert _digest(db.path) == before


def test_backup_of_postgresql_points_to_pg_dump() -> None:
    with pytest.raises(MipgError, match="pg_dump"):
        backup_database("postgresql+psycopg://u@127.0.0.1:1/x", Path("/tmp/x.sqlite"))
