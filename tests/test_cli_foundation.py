"""The ``mipg`` command line contract: exit codes, one-line errors, JSON, light start-up."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mipg_desktop import __version__
from mipg_desktop.cli import main

HEAVY = ("reportlab", "openpyxl", "alembic", "PySide6", "pypdf")


def mipg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mipg_desktop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_version() -> None:
    result = mipg("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"mipg {__version__}"


def test_wrong_usage_exits_2() -> None:
    assert mipg().returncode == 2
    assert mipg("no-such-command").returncode == 2


@pytest.mark.sqlite_only
def test_init_is_idempotent_and_catalog_json_follows_the_contract(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.sqlite")
    assert mipg("--db", db, "init").returncode == 0
    first = mipg("--db", db, "catalog", "--json")
    assert mipg("--db", db, "init").returncode == 0
    second = mipg("--db", db, "catalog", "--json")
    assert first.returncode == 0 and first.stderr == ""
    assert first.stdout == second.stdout
    document = json.loads(first.stdout)
    assert [d["code"] for d in document["dimensions"]] == [f"D{i}" for i in range(1, 8)]
    assert all({"code", "name", "policies"} <= d.keys() for d in document["dimensions"])
    assert all({"code", "name"} <= p.keys() for d in document["dimensions"] for p in d["policies"])
    assert len(document["plan_types"]) == 12 and "name" in document["plan_types"][0]


def test_environment_variable_names_the_database(tmp_path: Path) -> None:
    db = tmp_path / "desde-entorno.sqlite"
    assert mipg("init", env={"MIPG_DB": str(db)}).returncode == 0
    assert db.exists()


@pytest.mark.sqlite_only
def test_errors_are_one_spanish_line_without_traceback_and_change_nothing(tmp_path: Path) -> None:
    garbage = tmp_path / "basura.sqlite"
    garbage.write_bytes(b"esto no es una base de datos" * 50)
    before = hashlib.sha256(garbage.read_bytes()).hexdigest()
    result = mipg("--db", str(garbage), "catalog")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert "no es una base de datos de MIPG Desktop" in lines[0]
    assert "Traceback" not in result.stderr
    assert hashlib.sha256(garbage.read_bytes()).hexdigest() == before
    debug = mipg("--db", str(garbage), "--debug", "catalog")
    assert debug.returncode == 1 and "Traceback" in debug.stderr


@pytest.mark.sqlite_only
def test_demo_loads_an_entity_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "demo.sqlite")
    assert main(["--db", db, "demo", "--today", "2026-11-21"]) == 0
    assert main(["--db", db, "demo"]) == 1
    assert "ya tiene una entidad" in capsys.readouterr().err


@pytest.mark.sqlite_only
@pytest.mark.parametrize("command", [["--version"], ["catalog", "--json"]])
def test_version_and_catalog_import_no_heavy_library(tmp_path: Path, command: list[str]) -> None:
    db = str(tmp_path / "ligera.sqlite")
    assert mipg("--db", db, "init").returncode == 0
    probe = (
        "import sys\n"
        "from mipg_desktop.cli import main\n"
        f"try:\n    main({['--db', db, *command]!r})\nexcept SystemExit:\n    pass\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.sqlite_only
def test_reading_commands_never_create_a_database(tmp_path: Path) -> None:
    missing = tmp_path / "no-existe" / "x.sqlite"
    for command in (
        ["sessions"],
        ["catalog"],
        ["plans"],
        ["render", "minutes", "1", "-o", "a.pdf"],
    ):
        result = mipg("--db", str(missing), *command)
        assert result.returncode == 1, command
        assert "No existe la base de datos" in result.stderr and "mipg init" in result.stderr
    assert not (tmp_path / "no-existe").exists()


@pytest.mark.sqlite_only
def test_demo_years_are_checked_before_anything_is_written(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    result = mipg("--db", str(db), "demo", "--years", "0")
    assert result.returncode == 2 and "1 a 30" in result.stderr
    assert not db.exists()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    assert main(["--db", db, "demo", "--today", "2026-11-21"]) == 0
    return db


@pytest.mark.sqlite_only
def test_file_errors_and_odd_arguments_are_one_spanish_line(tmp_path: Path, demo_db: str) -> None:
    db = demo_db
    cases = {
        ("render", "minutes", "1", "-o", str(tmp_path)): "es una carpeta",
        ("render", "minutes", "1", "-o", str(tmp_path / "falta" / "a.pdf")): "no existe",
        (
            "render",
            "minutes",
            "99999999999999999999",
            "-o",
            str(tmp_path / "a.pdf"),
        ): "fuera de rango",
        ("backup", "-o", str(tmp_path)): "carpeta",
    }
    for args, expected in cases.items():
        result = mipg("--db", db, *args)
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 1, args
        assert len(lines) == 1 and lines[0].startswith("Error: "), (args, result.stderr)
        assert expected in lines[0], (args, lines[0])


def test_bad_database_urls_and_unreachable_servers_are_refused_clearly() -> None:
    for url, expected in (
        ("foo://bar", "no es una dirección de base de datos válida"),
        ("postgresql+psycopg://nadie@127.0.0.1:1/x", "No se pudo conectar"),
    ):
        result = mipg("--db", url, "sessions")
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 1
        assert len(lines) == 1 and expected in lines[0], result.stderr


@pytest.mark.sqlite_only
def test_rendered_documents_get_the_usual_file_mode(tmp_path: Path, demo_db: str) -> None:
    db = demo_db
    out = tmp_path / "acta.pdf"
    result = mipg("--db", db, "render", "minutes", "1", "-o", str(out))
    assert result.returncode == 0, result.stderr
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
    assert out.read_bytes().startswith(b"%PDF")
