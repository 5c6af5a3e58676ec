"""Database errors reach a command-line user as one Spanish line: no SQL, values or password."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mipg_desktop.cli import main
from mipg_desktop.storage.db_errors import describe_database_error

RAW = ("SELECT", "INSERT", "UPDATE", "Traceback", "sqlalchemy", "sqlite3.", "psycopg.")


def mipg(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mipg_desktop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **env},
        timeout=300,
    )


def one_spanish_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert not any(raw in lines[0] for raw in RAW), lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("paquetes")
    source = folder / "demo.sqlite"
    assert mipg("--db", str(source), "demo", "--years", "1").returncode == 0
    out = []
    for number in range(1, 6):
        target = folder / f"sesion{number}.mipgsesion"
        assert (
            mipg("--db", str(source), "export-session", "-o", str(target), str(number)).returncode
            == 0
        )
        out.append(target)
    return out


@pytest.mark.sqlite_only
def test_twenty_parallel_imports_queue_instead_of_failing(
    packages: list[Path], tmp_path: Path
) -> None:
    target = tmp_path / "compartida.sqlite"
    assert mipg("--db", str(target), "init").returncode == 0
    command = [sys.executable, "-m", "mipg_desktop", "--db", str(target), "import-session"]
    children = [
        subprocess.Popen(
            [*command, str(packages[i % len(packages)])],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        for i in range(20)
    ]
    results = []
    for child in children:
        out, err = child.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(child.args, child.returncode, out, err))
    for result in results:
        if result.returncode != 0:
            line = one_spanish_line(result)
            assert "ocupada" not in line and "escribiendo" not in line  # they queued
    assert sum(r.returncode == 0 for r in results) >= len(packages)
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM committee_sessions").fetchone()[0] == len(packages)
    conn.close()


@pytest.mark.sqlite_only
def test_a_database_locked_past_the_timeout_is_one_spanish_line(
    packages: list[Path], tmp_path: Path
) -> None:
    target = tmp_path / "bloqueada.sqlite"
    assert mipg("--db", str(target), "init").returncode == 0
    holder = sqlite3.connect(target, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = mipg(
            "--db", str(target), "import-session", str(packages[0]), MIPG_BUSY_TIMEOUT="0.3"
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 1
    assert "bloqueada por otro programa" in one_spanish_line(result)


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://u:secreto@127.0.0.1:99999/x",  # a typo in the port
        "postgresql+psycopg://u:secreto@127.0.0.1:1/x",  # nothing listens there
        "postgresql+psycopg://u:secreto@127.0.0.1:9x9/x",  # not a number
    ],
)
def test_a_wrong_server_address_never_prints_the_password(url: str) -> None:
    result = mipg("--db", url, "sessions")
    assert result.returncode == 1
    line = one_spanish_line(result)
    assert "secreto" not in result.stderr + result.stdout
    assert "u:***@127.0.0.1" in line


@pytest.mark.parametrize(
    ("driver_message", "expected"),
    [
        ("database is locked", "ocupada por otro programa"),
        ("attempt to write a readonly database", "solo lectura"),
        ("database or disk is full", "No queda espacio"),
        ("unable to open database file", "permiso"),
        ("database disk image is malformed", "dañada"),
    ],
)
def test_sqlite_errors_from_a_command_are_one_spanish_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    driver_message: str,
    expected: str,
) -> None:
    from sqlalchemy.exc import OperationalError

    import mipg_desktop.cli.cmd_sessions as cmd_sessions

    def failing(args: Any) -> int:
        raise OperationalError(
            "INSERT INTO persons (name) VALUES (?)",
            ("Ana Pérez",),
            sqlite3.OperationalError(driver_message),
        )

    monkeypatch.setattr(cmd_sessions, "run", failing)
    assert main(["sessions"]) == 1
    err = capsys.readouterr().err
    assert expected in err and len(err.strip().splitlines()) == 1
    assert "Ana Pérez" not in err and "INSERT" not in err
    assert main(["--debug", "sessions"]) == 1  # --debug still shows the detail
    assert "INSERT INTO persons" in capsys.readouterr().err


def test_an_unknown_driver_error_names_its_kind_only() -> None:
    error = sqlite3.IntegrityError("CHECK constraint failed: amount > 0 (valor 123)")
    line = describe_database_error(error)
    assert line is not None and "IntegrityError" in line and "123" not in line


@pytest.mark.postgres_only
def test_a_read_only_postgresql_account_gets_one_spanish_line(db_url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    engine = create_engine(db_url, isolation_level="AUTOCOMMIT")
    name = make_url(db_url).database
    with engine.connect() as conn:
        conn.execute(text("DROP ROLE IF EXISTS mipg_lectora"))
        conn.execute(text("CREATE ROLE mipg_lectora LOGIN"))
        conn.execute(text(f'GRANT CONNECT ON DATABASE "{name}" TO mipg_lectora'))
        conn.execute(text("GRANT USAGE ON SCHEMA public TO mipg_lectora"))
        conn.execute(text("GRANT SELECT ON ALL TABLES IN SCHEMA public TO mipg_lectora"))
    reader = make_url(db_url).set(username="mipg_lectora").render_as_string(hide_password=False)
    try:
        result = mipg("--db", reader, "demo", "--years", "1")
        assert result.returncode == 1
        line = one_spanish_line(result)
        assert "permiso" in line or "solo lectura" in line
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'REVOKE ALL ON DATABASE "{name}" FROM mipg_lectora'))
            conn.execute(text("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM mipg_lectora"))
            conn.execute(text("REVOKE ALL ON SCHEMA public FROM mipg_lectora"))
            conn.execute(text("DROP ROLE mipg_lectora"))
        engine.dispose()
