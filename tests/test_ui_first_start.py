"""First start on a fresh machine: the default database folder does not exist yet."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

pytestmark = pytest.mark.qt


def start(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "datos"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "estado"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    env.pop("MIPG_DB", None)
    return subprocess.run(
        [sys.executable, "-c", "import sys; from ui.app import main; sys.exit(main())", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_first_start_creates_the_default_database(tmp_path: Path) -> None:
    result = start(tmp_path, "--exit-when-ready")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "datos" / "mipg-desktop" / "mipg.sqlite").exists()


def test_first_start_in_a_new_folder_named_by_db(tmp_path: Path) -> None:
    target = tmp_path / "nueva" / "carpeta" / "comite.sqlite"
    result = start(tmp_path, "--db", str(target), "--exit-when-ready")
    assert result.returncode == 0, result.stderr
    assert target.exists()
    assert not target.with_name(target.name + ".lock").exists()  # released on exit
