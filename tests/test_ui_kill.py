"""Nothing typed more than a second before a ``kill -9`` is lost, even while the typing never
pauses: the real window in a child process, typing into the minutes editor without a
break, killed at random moments."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from test_committees_lifecycle import held_session
from test_committees_support import build_cigd

from mipg_desktop.committees.sessions import set_status
from mipg_desktop.committees.views import get_session_detail
from mipg_desktop.storage.database import Database

pytestmark = [pytest.mark.qt, pytest.mark.sqlite_only]
ROOT = Path(__file__).resolve().parent.parent
KILLS = 10
TEXT = (
    "La secretaría técnica presentó el avance del Plan de Acción: el 85 % de las metas "
    "cumplidas; la señora Núñez pidió revisar la política de gestión documental y el "
    "comité acordó publicar el informe en la sede electrónica antes del 30 de junio. "
) * 20

CHILD = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication
    from mipg_desktop.storage.database import open_database
    from ui.app import make_app
    from ui.app_settings import AppSettings
    from ui.main_window import MainWindow

    db_path, session_id, committee_id, year, text = sys.argv[1:6]
    app = make_app()
    db = open_database(db_path)
    window = MainWindow(db, AppSettings(QSettings(db_path + ".ini", QSettings.Format.IniFormat)))
    window.show()
    state = {"n": 0}

    def open_minutes():
        window.session_created(int(committee_id), int(year), int(session_id))
        editor = window.editors.currentWidget()

        def ready():
            if editor.detail is None or window.runner.busy:
                QTimer.singleShot(20, ready)
                return
            editor.tabs.setCurrentWidget(editor.minutes)
            editor.minutes.items.setCurrentRow(0)
            box = editor.minutes.text
            box.setFocus()
            print("ITEM", editor.minutes.current_id, flush=True)
            timer = QTimer(window)
            timer.setInterval(15)  # a fast, steady typist: never a pause

            def key():
                ch = text[state["n"] % len(text)]
                event = QKeyEvent(
                    QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch
                )
                QApplication.sendEvent(box, event)
                state["n"] += 1
                print("T", time.monotonic(), state["n"], flush=True)

            timer.timeout.connect(key)
            timer.start()

        ready()

    window.core_loaded.connect(lambda: QTimer.singleShot(0, open_minutes))
    app.exec()
    """
)


def run_and_kill(
    path: str, ids: tuple[int, int, int], delay: float, log: Path
) -> tuple[int, list[tuple[float, int]], float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MIPG_LOG_DIR=str(log), PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, path, *map(str, ids), TEXT],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    typed: list[tuple[float, int]] = []
    item = 0
    started = threading.Event()

    def read() -> None:
        nonlocal item
        assert child.stdout is not None
        for line in child.stdout:
            parts = line.split()
            if parts and parts[0] == "ITEM":
                item = int(parts[1])
            elif len(parts) == 3 and parts[0] == "T":  # not a last line the kill cut short
                typed.append((float(parts[1]), int(parts[2])))
                started.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert started.wait(60), "the child never started typing"
        time.sleep(delay)
        killed_at = time.monotonic()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    reader.join(timeout=5)
    assert child.returncode == -signal.SIGKILL
    return item, typed, killed_at


def test_kill_9_while_typing_without_a_pause_loses_nothing_older_than_a_second(
    db: Database, db_url: str, tmp_path: Path
) -> None:
    from mipg_desktop.committees.minutes import save_deliberation

    cigd = build_cigd(db)
    sid = held_session(db, cigd, date(2026, 3, 12))
    set_status(db, sid, "minutes_draft")
    first = get_session_detail(db, sid).all_agenda_items()[0]
    path = db_url.removeprefix("sqlite:///")
    rng = random.Random(20261129)
    report = []
    for _attempt in range(KILLS):
        item = next(i for i in get_session_detail(db, sid).all_agenda_items() if i.id == first.id)
        save_deliberation(db, item.id, "", expected_version=item.version)  # a blank page
        delay = rng.uniform(1.3, 3.0)
        item_id, typed, killed_at = run_and_kill(
            path, (sid, cigd.committee_id, 2026), delay, tmp_path
        )
        assert item_id == first.id and typed, "nothing was typed"
        found = get_session_detail(db, sid).all_agenda_items()
        saved = next(i.deliberation for i in found if i.id == item_id)
        older = max((n for t, n in typed if t <= killed_at - 1.0), default=0)
        report.append((round(delay, 2), typed[-1][1], older, len(saved)))
        # what was stored is what was typed, in order, and at least all of it up to 1 s before
        assert TEXT.startswith(saved), report
        assert len(saved) >= older, report
    assert all(kept >= older > 0 for _d, _n, older, kept in report), report
    print("kill -9 while typing (delay s, typed, typed ≥1 s before, stored):", report)
