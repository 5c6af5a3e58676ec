"""Autosave: text typed in the minutes editor survives ``kill -9`` of the window process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from mipg_desktop.committees.committees import create_committee
from mipg_desktop.committees.people import add_membership, add_person
from mipg_desktop.committees.sessions import convene, create_session, mark_held, start_minutes
from mipg_desktop.committees.views import get_session_detail
from mipg_desktop.entity_profile import save_entity
from mipg_desktop.storage.database import Database

pytestmark = [pytest.mark.qt, pytest.mark.sqlite_only]
ROOT = Path(__file__).resolve().parent.parent
SENTENCE = "El comité aprobó la política de gestión documental; la señora Núñez firmará el acta"

CHILD = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication
    from mipg_desktop.storage.database import open_database
    from ui.app import make_app
    from ui.app_settings import AppSettings
    from ui.main_window import MainWindow

    NO_MOD = Qt.KeyboardModifier.NoModifier
    db_path, session_id, committee_id, year, text = sys.argv[1:6]
    app = make_app()
    db = open_database(db_path)
    settings = AppSettings(QSettings(db_path + ".ini", QSettings.Format.IniFormat))
    window = MainWindow(db, settings)
    window.show()

    def type_it():
        window.session_created(int(committee_id), int(year), int(session_id))
        editor = window.editors.currentWidget()
        def go():
            if editor.detail is None or window.runner.busy:
                QTimer.singleShot(50, go)
                return
            editor.tabs.setCurrentWidget(editor.minutes)
            editor.minutes.items.setCurrentRow(0)
            box = editor.minutes.text
            box.setFocus()
            for ch in text:
                QApplication.sendEvent(
                    box,
                    QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, NO_MOD, ch),
                )
            print("TYPED", editor.minutes.current_id, flush=True)
        go()

    window.ready.connect(lambda: QTimer.singleShot(0, type_it))
    app.exec()
    """
)


def _session_in_draft(db: Database) -> tuple[int, int, int]:
    save_entity(db, expected_version=None, name="Gobernación de Prueba")
    committee = create_committee(
        db, "Comité Institucional de Gestión y Desempeño", short_name="CIGD"
    )
    for name, role in (("Ana Núñez", "president"), ("Luis Peña", "technical_secretary")):
        person = add_person(db, name)
        add_membership(db, committee.id, person.id, role, date(2024, 1, 1))
    day = date.today() + timedelta(days=20)
    summary = create_session(db, committee.id, day)
    convene(db, summary.id)
    mark_held(db, summary.id)
    start_minutes(db, summary.id)
    return summary.id, committee.id, summary.year


def test_typed_text_survives_kill_9(db: Database, db_url: str, tmp_path: Path) -> None:
    session_id, committee_id, year = _session_in_draft(db)
    path = db_url.removeprefix("sqlite:///")
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", MIPG_LOG_DIR=str(tmp_path), PYTHONPATH=str(ROOT)
    )
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            CHILD,
            path,
            str(session_id),
            str(committee_id),
            str(year),
            SENTENCE,
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("TYPED"), child.stderr.read() if child.stderr else line
        item_id = int(line.split()[1])
        time.sleep(1.5)  # the debounce (0.5 s) and the write; then the power goes out
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    detail = get_session_detail(db, session_id)
    saved = next(i.deliberation for i in detail.all_agenda_items() if i.id == item_id)
    assert saved == SENTENCE
