"""Window infrastructure: background jobs, delayed progress and cancel, lock, errors, settings."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QWidget,
)

from mipg_desktop.errors import Cancelled, ValidationError
from mipg_desktop.progress import Progress
from ui.app_settings import AppSettings
from ui.error_hook import ErrorHook
from ui.single_instance import DatabaseLock, lock_path_for
from ui.tasks import TaskRunner

pytestmark = pytest.mark.qt
ROOT = Path(__file__).resolve().parent.parent


def _slow_job(steps: int, pause: float, started: threading.Event | None = None):  # type: ignore[no-untyped-def]
    def job(progress: Progress) -> int:
        if started is not None:
            started.set()
        for step in range(steps):
            time.sleep(pause)
            progress.update(step + 1, steps, f"Paso {step + 1}")
        return steps

    return job


def test_quick_job_never_shows_the_dialog(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(parent, dialog_parent=parent)
    results: list[int] = []
    task = runner.run_with_progress("Rápido", _slow_job(3, 0.001), results.append)
    dialog = task.dialog
    assert dialog is not None and not dialog.isVisible()
    qtbot.waitUntil(lambda: results == [3], timeout=5000)
    assert task.dialog is None
    qtbot.wait(600)
    assert not parent.findChildren(QProgressDialog) or all(
        not d.isVisible() for d in parent.findChildren(QProgressDialog)
    )


def test_slow_job_shows_dialog_after_delay_and_cancels(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(parent, dialog_parent=parent)
    errors: list[BaseException] = []
    task = runner.run_with_progress(
        "Exportando", _slow_job(400, 0.01), on_error=errors.append, delay_ms=200
    )
    dialog = task.dialog
    assert dialog is not None
    qtbot.wait(100)
    assert not dialog.isVisible()
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    qtbot.waitUntil(lambda: dialog.value() > 0, timeout=3000)
    assert dialog.labelText().startswith("Paso")
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancelar"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], Cancelled)
    assert task.progress is not None and task.progress.done < 400
    assert not runner.busy


def test_runner_uses_one_worker_in_order(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    seen: list[int] = []
    threads: set[int] = set()

    def job(n: int) -> int:
        threads.add(threading.get_ident())
        time.sleep(0.005)
        return n

    for n in range(5):
        runner.run(lambda n=n: job(n), seen.append)
    qtbot.waitUntil(lambda: len(seen) == 5, timeout=5000)
    assert seen == [0, 1, 2, 3, 4]
    assert len(threads) == 1 and threading.get_ident() not in threads


def test_user_error_goes_to_handler(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    messages: list[str] = []
    runner.on_user_error = messages.append

    def fail() -> None:
        raise ValidationError("No se guardó.", ["Falta el nombre."])

    runner.run(fail)
    qtbot.waitUntil(lambda: bool(messages), timeout=5000)
    assert "Falta el nombre." in messages[0]


def test_error_hook_logs_flushes_and_explains(qtbot, qapp, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MIPG_LOG_DIR", str(tmp_path))
    hook = ErrorHook()
    flushed: list[bool] = []
    hook.flush_callbacks.append(lambda: flushed.append(True))
    hook.install()
    try:
        try:
            raise RuntimeError("falla de prueba ñ")
        except RuntimeError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    finally:
        hook.uninstall()
    assert flushed == [True]
    log = (tmp_path / "mipg-desktop.log").read_text(encoding="utf-8")
    assert "RuntimeError: falla de prueba ñ" in log and "Traceback" in log
    assert "no se perdió nada" in hook.last_message
    assert str(tmp_path) in hook.last_message
    boxes = [b for b in qapp.topLevelWidgets() if isinstance(b, QMessageBox)]
    assert any(b.objectName() == "unexpectedErrorBox" and b.isVisible() for b in boxes)
    for box in boxes:
        box.close()


def test_settings_remember_layout_and_recent(qtbot, qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    qsettings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings = AppSettings(qsettings)
    window = QMainWindow()
    qtbot.addWidget(window)
    splitter = QSplitter()
    splitter.addWidget(QWidget())
    splitter.addWidget(QWidget())
    window.setCentralWidget(splitter)
    window.resize(700, 500)
    window.show()
    splitter.setSizes([200, 500])
    assert not settings.restore_window(window, {"main": splitter})
    settings.save_window(window, {"main": splitter})
    for name in ("a.sqlite", "b.sqlite", "a.sqlite"):
        settings.add_recent(name)
    again = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert again.recent_databases() == ["a.sqlite", "b.sqlite"]
    other = QMainWindow()
    qtbot.addWidget(other)
    other_splitter = QSplitter()
    other_splitter.addWidget(QWidget())
    other_splitter.addWidget(QWidget())
    other.setCentralWidget(other_splitter)
    assert again.restore_window(other, {"main": other_splitter})
    other.show()
    assert abs(other.size().width() - window.size().width()) <= 2
    assert abs(other_splitter.sizes()[0] - splitter.sizes()[0]) <= 2


def test_lock_path_next_to_file_or_in_runtime_dir(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert lock_path_for(f"sqlite:///{tmp_path}/x.sqlite") == tmp_path / "x.sqlite.lock"
    monkeypatch.setenv("MIPG_RUNTIME_DIR", str(tmp_path / "run"))
    path = lock_path_for("postgresql+psycopg://u@h/db")
    assert path.parent == tmp_path / "run" and path.suffix == ".lock"


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        MIPG_LOG_DIR=str(tmp_path / "log"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        PYTHONPATH=str(ROOT),
    )
    return env


@pytest.mark.sqlite_only
def test_second_instance_on_same_file_is_refused(tmp_path, db_url) -> None:  # type: ignore[no-untyped-def]
    path = db_url.removeprefix("sqlite:///")
    env = _env(tmp_path)
    first = subprocess.Popen(
        [sys.executable, "-m", "ui.app", "--db", path],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        lock = Path(path + ".lock")
        deadline = time.monotonic() + 30
        while not lock.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert lock.exists()
        second = subprocess.run(
            [sys.executable, "-m", "ui.app", "--db", path, "--exit-when-ready"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 3
        assert "ya está abierta en otra ventana" in second.stderr
        assert str(first.pid) in second.stderr
    finally:
        first.kill()
        first.wait()
    # the first one died without unlocking: its stale lock must not block the next start
    third = subprocess.run(
        [sys.executable, "-m", "ui.app", "--db", path, "--exit-when-ready"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert third.returncode == 0, third.stderr


def test_in_process_lock_is_exclusive(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path}/z.sqlite"
    first = DatabaseLock(url)
    assert first.acquire()
    first.release()
    assert DatabaseLock(url).acquire()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_the_window_s_lock_and_its_new_folder_are_the_user_s_only(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import stat

    folder = tmp_path / "nueva"
    lock = DatabaseLock(f"sqlite:///{folder}/z.sqlite")
    assert lock.acquire()
    try:
        assert stat.S_IMODE(lock.path.stat().st_mode) == 0o600
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    finally:
        lock.release()


def test_autosaver_saves_a_steady_typist_within_the_maximum_wait(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    """A keystroke every 50 ms for 2 s: never a pause as long as the debounce, yet writes
    come at most :data:`MAX_WAIT_MS` apart; a pause writes sooner; ``flush`` writes now."""
    import time

    from PySide6.QtCore import QTimer

    from mipg_desktop.errors import ConcurrentEdit, ReadOnlyRecord
    from ui.autosave import DEBOUNCE_MS, MAX_WAIT_MS, Autosaver
    from ui.save_state import SaveState

    runner = TaskRunner()
    state = SaveState()
    writes: list[tuple[float, int, str, int, str]] = []
    conflicts: list[tuple[int, str]] = []

    def save(key: int, text: str, version: int, base: str) -> int:
        writes.append((time.monotonic(), key, text, version, base))
        return version + 1

    saver = Autosaver(
        runner, state, save, lambda key: f"punto {key}", lambda k, t, e: conflicts.append((k, t))
    )
    saver.track(1, 7, "")
    typed: list[float] = []
    timer = QTimer()
    timer.setInterval(50)

    def key() -> None:
        typed.append(time.monotonic())
        saver.changed(1, "x" * len(typed))

    timer.timeout.connect(key)
    timer.start()
    qtbot.waitUntil(lambda: len(typed) >= 40, timeout=10_000)
    timer.stop()
    assert DEBOUNCE_MS > 50  # the debounce alone would never have fired
    moments = [w[0] for w in writes]
    assert len(moments) >= 2
    gaps = [b - a for a, b in zip([typed[0], *moments], moments, strict=False)]
    assert max(gaps) < (MAX_WAIT_MS + 250) / 1000, gaps
    # each write carries the version and text the previous one left: one at a time
    for before, after in itertools.pairwise(writes):
        assert (after[3], after[4]) == (before[3] + 1, before[2])
    qtbot.waitUntil(lambda: state.clean, timeout=5_000)
    assert writes[-1][2] == "x" * len(typed)

    saver.track(2, 1, "")
    saver.changed(2, "pendiente")
    assert saver.flush()  # synchronous, before the debounce
    assert writes[-1][1:3] == (2, "pendiente") and state.clean

    def refuse(key: int, text: str, version: int, base: str) -> int:
        raise ReadOnlyRecord("El acta está aprobada.")

    errors: list[str] = []
    runner.on_user_error = errors.append
    saver.save = refuse
    saver.changed(2, "tarde")
    assert not saver.flush()  # reported, never raised; the text stays unsaved
    assert errors == ["El acta está aprobada."] and saver.latest[2] == "tarde"
    assert state.text().startswith("Sin guardar: punto 2")

    def clash(key: int, text: str, version: int, base: str) -> int:
        raise ConcurrentEdit("Otra persona lo cambió.", {"deliberation": "suyo"}, 9)

    saver.save = clash
    saver.changed(1, "mío")
    assert not saver.flush()
    assert conflicts == [(1, "mío")]
    runner.wait_idle()
