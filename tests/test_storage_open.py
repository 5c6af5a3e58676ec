"""Opening databases: creation, settings, and every refusal leaving the file untouched."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from mipg_desktop.catalog import get_catalog
from mipg_desktop.errors import DatabaseRefused
from mipg_desktop.models.audit import AuditEntry
from mipg_desktop.storage.database import Database, open_database
from mipg_desktop.storage.engine import resolve_target


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def settle(path: Path) -> None:
    """Fold the WAL into the main file so byte comparisons see everything."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()


@pytest.mark.sqlite_only
def test_new_file_is_created_with_the_catalog(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "nueva.sqlite"
    with open_database(path) as db:
        assert len(get_catalog(db).dimensions) == 7
    assert path.exists()


@pytest.mark.sqlite_only
def test_sqlite_connections_have_foreign_keys_wal_and_busy_timeout(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_a_failing_unit_of_work_rolls_back_whole(db: Database) -> None:
    def count() -> int:
        with db.transaction() as session:
            return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)

    before = count()
    with pytest.raises(RuntimeError), db.transaction() as session:
        session.add(AuditEntry(user_name="x", action="a", table_name="t", record_id="1"))
        session.flush()
        raise RuntimeError("boom")
    assert count() == before


@pytest.mark.sqlite_only
def test_garbage_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "acta.sqlite"
    path.write_bytes(os.urandom(8192))
    before = digest(path)
    with pytest.raises(DatabaseRefused, match="no es una base de datos de MIPG Desktop"):
        open_database(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acta.sqlite"]


@pytest.mark.sqlite_only
def test_damaged_sqlite_file_is_refused_untouched(tmp_path: Path, db_url: str) -> None:
    source = Path(db_url.removeprefix("sqlite:///"))
    settle(source)
    path = tmp_path / "danada.sqlite"
    data = bytearray(source.read_bytes())
    data[100:4096] = os.urandom(3996)  # keep the header, break the schema page
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(DatabaseRefused):
        open_database(path)
    assert digest(path) == before


@pytest.mark.sqlite_only
def test_someone_elses_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "otra.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE clientes (id INTEGER PRIMARY KEY, nombre TEXT)")
    conn.execute("INSERT INTO clientes VALUES (1, 'Ana')")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseRefused, match="no es una base de datos de MIPG Desktop"):
        open_database(path)
    assert digest(path) == before


@pytest.mark.sqlite_only
def test_newer_revision_is_refused_untouched(db_url: str) -> None:
    path = Path(db_url.removeprefix("sqlite:///"))
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM alembic_version")
    conn.execute("INSERT INTO alembic_version VALUES ('9999_del_futuro')")
    conn.commit()
    conn.close()
    settle(path)
    before = digest(path)
    with pytest.raises(DatabaseRefused, match=r"versión más reciente.*9999_del_futuro"):
        open_database(path)
    assert digest(path) == before


def test_newer_revision_is_refused_on_any_backend(db_url: str) -> None:
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM alembic_version"))
        conn.execute(text("INSERT INTO alembic_version VALUES ('9999_del_futuro')"))
    with pytest.raises(DatabaseRefused, match="versión más reciente"):
        open_database(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            "9999_del_futuro"
        )
    engine.dispose()


@pytest.mark.sqlite_only
def test_read_only_file_is_refused_untouched(db_url: str) -> None:
    path = Path(db_url.removeprefix("sqlite:///"))
    settle(path)
    before = digest(path)
    path.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        with pytest.raises(DatabaseRefused, match="solo lectura"):
            open_database(path)
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert digest(path) == before


@pytest.mark.sqlite_only
def test_locked_file_is_refused_untouched(db_url: str) -> None:
    path = Path(db_url.removeprefix("sqlite:///"))
    settle(path)
    before = digest(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseRefused, match="bloqueada por otro programa"):
            open_database(path, busy_timeout=0.2)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert digest(path) == before


def test_missing_database_is_refused_when_creation_is_not_wanted(tmp_path: Path) -> None:
    with pytest.raises(DatabaseRefused, match="No existe"):
        open_database(tmp_path / "no-existe.sqlite", create=False)


def test_target_resolution_prefers_argument_then_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MIPG_DB", str(tmp_path / "env.sqlite"))
    assert resolve_target(None) == "sqlite:///" + str(tmp_path / "env.sqlite")
    assert resolve_target(tmp_path / "arg.sqlite").endswith("arg.sqlite")
    url = "postgresql+psycopg://u@localhost/mipg"
    assert resolve_target(url) == url
    monkeypatch.delenv("MIPG_DB")
    assert resolve_target(None).endswith("mipg.sqlite")


@pytest.mark.sqlite_only
def test_template_copy_is_independent(db_url: str, tmp_path: Path) -> None:
    other = tmp_path / "copia.sqlite"
    shutil.copyfile(db_url.removeprefix("sqlite:///"), other)
    with open_database(other) as db:
        assert get_catalog(db).version_code == "MIPG-2025"
