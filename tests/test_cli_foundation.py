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
