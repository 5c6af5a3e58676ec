"""Start-up: the first screen shows before SQLAlchemy loads; the rest loads behind it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from ui_support import close_window, open_window

from mipg_desktop.storage.database import Database, open_database
from ui.main_window import MainWindow
from ui.navigation import ROOT_MIPG

pytestmark = [pytest.mark.qt, pytest.mark.sqlite_only]
ROOT = Path(__file__).resolve().parent.parent


def start(tmp_path: Path, db_path: str, flag: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "MIPG_LOG_DIR": str(tmp_path / "log"),
        "MIPG_STARTUP_TRACE": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "ui.app", "--db", db_path, flag],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def test_window_is_ready_before_sqlalchemy_and_loads_it_behind(tmp_path: Path, db_url: str) -> None:
    path = db_url.removeprefix("sqlite:///")
    ready = start(tmp_path, path, "--exit-when-ready")
    assert ready.returncode == 0, ready.stderr
    # recorded when the first screen was filled, before the background load could begin
    # (not at «ready», when the load already runs beside it: that raced)
    assert "ready (first screen shown with sqlalchemy not loaded)" in ready.stderr
    loaded = start(tmp_path, path, "--exit-when-loaded")
    assert loaded.returncode == 0, loaded.stderr
    lines = loaded.stderr.splitlines()
    phases = [line.split(" ms ", 1)[1] for line in lines if " ms " in line]
    assert phases.index("core loaded") > phases.index(
        "ready (first screen shown with sqlalchemy not loaded)"
    )
    assert not Path(path + ".lock").exists()


def _window(qtbot, db: Database, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, db, tmp_path, loaded=False)
    return window


def test_first_screen_then_core_loaded(qtbot, db_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = open_database(db_url)
    window = _window(qtbot, db, tmp_path)
    with qtbot.waitSignal(window.core_loaded, timeout=60_000):
        qtbot.waitUntil(lambda: window.is_ready, timeout=30_000)
        mipg = window.tree_model.find(ROOT_MIPG, None)
        assert window.tree_model.rowCount(mipg) == 7  # from the first screen's catalog
    assert window.is_loaded and db.engine_loaded and not window.only_loading()
    close_window(window)
    db.close()


def test_closing_while_loading_waits_only_for_real_work(  # type: ignore[no-untyped-def]
    qtbot, db_url: str, tmp_path: Path, monkeypatch
) -> None:
    release = threading.Event()
    monkeypatch.setattr("ui.main_window.load_core", lambda db: release.wait(30))
    db = open_database(db_url)
    window = _window(qtbot, db, tmp_path)
    qtbot.waitUntil(lambda: window.is_ready, timeout=30_000)
    waits: list[int] = []
    original = window.runner.wait_idle
    monkeypatch.setattr(window.runner, "wait_idle", lambda *a: waits.append(1) or original(*a))
    assert window.only_loading()
    window.close()  # nothing to save: the background load is not waited for
    assert waits == [] and not release.is_set()
    ran: list[str] = []
    window.runner.run(lambda: ran.append("guardado"))
    assert not window.only_loading()
    release.set()
    window.show()
    window.close()  # a queued write is waited for
    assert waits == [1] and ran == ["guardado"]
    db.close()


RACE = """
import sys
from PySide6.QtCore import QTimer
import mipg_desktop.first_screen as first
first.REST_OF_CORE = ("slow_core_part",) + first.REST_OF_CORE  # the load surely still runs
from mipg_desktop.storage.database import open_database
from ui.app import make_app
from ui.main_window import MainWindow
from ui.navigation import ROOT_COMMITTEES

app = make_app()
window = MainWindow(open_database(sys.argv[1]))
window.show()
seen = []

def open_a_session_at_once():
    seen.append(first._LOADED.is_set() or window.is_loaded)
    root = window.tree_model.find(ROOT_COMMITTEES, None)
    window.tree.expand(root)
    committee = window.tree_model.index(0, 0, root)
    window.tree.expand(committee)
    year = window.tree_model.index(0, 0, committee)
    window.tree.expand(year)
    window.tree.setCurrentIndex(window.tree_model.index(0, 0, year))
    seen.append(type(window.editors.currentWidget()).__name__)

window.ready.connect(open_a_session_at_once)
window.core_loaded.connect(lambda: QTimer.singleShot(0, app.quit))
app.exec()
window.runner.wait_idle()
print(seen)
"""


def test_a_click_while_the_core_loads_waits_for_it_and_works(db: Database, tmp_path: Path) -> None:
    """The window thread imports a service the worker is still importing (the load is held
    back 1.5 s, so the click surely comes first): no deadlock, no half-initialized module;
    the session editor opens."""
    from mipg_desktop.demo import run_demo

    run_demo(db, years=1)
    path = str(db.path)
    db.close()
    slow = tmp_path / "lento"
    slow.mkdir()
    (slow / "slow_core_part.py").write_text("import time\ntime.sleep(1.5)\n", encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "MIPG_LOG_DIR": str(tmp_path / "log"),
        "PYTHONPATH": os.pathsep.join([str(slow), str(ROOT)]),
    }
    result = subprocess.run(
        [sys.executable, "-c", RACE, path],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[False, 'SessionEditor']"


def test_a_failing_background_load_is_logged_and_fails_exit_when_loaded(
    tmp_path: Path, db_url: str
) -> None:
    code = (
        "import sys\n"
        "import mipg_desktop.first_screen as first\n"
        "first.REST_OF_CORE += ('mipg_desktop.modulo_que_falta',)\n"
        "from ui.app import main\n"
        "sys.exit(main())\n"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "MIPG_LOG_DIR": str(tmp_path / "log"),
    }
    path = db_url.removeprefix("sqlite:///")
    result = subprocess.run(
        [sys.executable, "-c", code, "--db", path, "--exit-when-loaded"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    log = (tmp_path / "log" / "mipg-desktop.log").read_text(encoding="utf-8")
    assert "modulo_que_falta" in log and "Error inesperado" in log


WAIT = """
import sys
from PySide6.QtCore import QTimer
import mipg_desktop.first_screen as first
first.REST_OF_CORE = ("slow_core_part",) + first.REST_OF_CORE
from mipg_desktop.storage.database import open_database
from ui.app import make_app
from ui.main_window import MainWindow
from ui.navigation import ROOT_COMMITTEES

app = make_app()
window = MainWindow(open_database(sys.argv[1]))
window.show()
seen = []

def expand_at_once():
    root = window.tree_model.find(ROOT_COMMITTEES, None)
    window.tree.expand(root)  # the committees loader imports the core on this thread
    seen.append(first._LOADED.is_set())
    seen.append(window.tree_model.rowCount(root))

window.ready.connect(expand_at_once)
window.core_loaded.connect(lambda: QTimer.singleShot(0, app.quit))
app.exec()
window.runner.wait_idle()
print(seen)
"""


def test_a_window_action_waits_for_the_background_load_before_importing(
    db: Database, tmp_path: Path
) -> None:
    """Two threads importing SQLAlchemy at once can deadlock: the tree's loader waits."""
    from mipg_desktop.demo import run_demo

    run_demo(db, years=1)
    path = str(db.path)
    db.close()
    slow = tmp_path / "lento"
    slow.mkdir()
    (slow / "slow_core_part.py").write_text("import time\ntime.sleep(1.5)\n", encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "MIPG_LOG_DIR": str(tmp_path / "log"),
        "PYTHONPATH": os.pathsep.join([str(slow), str(ROOT)]),
    }
    result = subprocess.run(
        [sys.executable, "-c", WAIT, path],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[True, 2]"  # the demo's CIGD and CICCI
