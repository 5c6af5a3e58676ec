"""The attendance grid: quick successive edits on one row, status changes, the time field."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, QTime
from PySide6.QtWidgets import QInputDialog
from test_committees_support import build_cigd, names

from mipg_desktop.committees.attendance import set_attendance
from mipg_desktop.committees.sessions import convene, create_session
from mipg_desktop.committees.views import AttendeeInfo, get_session_detail
from mipg_desktop.storage.database import Database
from ui.app_settings import AppSettings
from ui.attendance_panel import AttendancePanel
from ui.main_window import MainWindow
from ui.session_editor import SessionEditor

pytestmark = pytest.mark.qt


@pytest.fixture
def grid(qtbot, db: Database, tmp_path: Path):  # type: ignore[no-untyped-def]
    cigd = build_cigd(db)
    session = create_session(db, cigd.committee_id, date(2026, 3, 12), start_time=time(9, 0))
    convene(db, session.id, convened_on=date(2026, 2, 20))
    member = cigd.members[names(1)[0]]
    set_attendance(db, session.id, member, "present")
    settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(db, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.is_loaded, timeout=60_000)
    editor = SessionEditor(window, session.id)
    editor.reload()
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=30_000)
    settle(qtbot, window)
    yield window, editor.attendance, session.id, member
    settle(qtbot, window)


def settle(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        qtbot.waitUntil(lambda: not window.runner.busy, timeout=30_000)
        qtbot.wait(50)


def stored(db: Database, session_id: int, member: int) -> AttendeeInfo:
    detail = get_session_detail(db, session_id)
    return next(a for a in detail.attendees if a.membership_id == member)


def row_of(panel: AttendancePanel, member: int) -> int:
    return next(i for i, a in enumerate(panel.model.rows) if a.membership_id == member)


def test_time_then_virtual_at_once_keeps_both(qtbot, grid, db: Database) -> None:  # type: ignore[no-untyped-def]
    window, panel, sid, member = grid
    row = row_of(panel, member)
    panel.arrivals[row].setTime(QTime(9, 15))
    panel.arrivals[row].editingFinished.emit()
    panel.remote_boxes[row].setChecked(True)  # before the first save has come back
    settle(qtbot, window)
    mark = stored(db, sid, member)
    assert (mark.remote, mark.arrival_time) == (True, time(9, 15))


def test_delegating_after_typing_a_time_keeps_the_time(  # type: ignore[no-untyped-def]
    qtbot, grid, db: Database, monkeypatch
) -> None:
    window, panel, sid, member = grid
    row = row_of(panel, member)
    drawn = panel.model.rows[row]
    panel.arrivals[row].setTime(QTime(9, 25))
    panel.arrivals[row].editingFinished.emit()

    def ask(*_args: object, **_kwargs: object) -> tuple[str, bool]:
        settle(qtbot, window)  # the modal dialog: the first save finishes meanwhile
        return "Pedro Pérez", True

    monkeypatch.setattr(QInputDialog, "getText", ask)
    panel.set_status(drawn, "delegated")
    settle(qtbot, window)
    mark = stored(db, sid, member)
    assert (mark.status, mark.delegate_name, mark.arrival_time) == (
        "delegated",
        "Pedro Pérez",
        time(9, 25),
    )


def test_a_mis_click_to_absent_and_back_restores_remote_and_arrival(  # type: ignore[no-untyped-def]
    qtbot, grid, db: Database
) -> None:
    window, panel, sid, member = grid
    row = row_of(panel, member)
    panel.remote_boxes[row].setChecked(True)
    panel.arrivals[row].setTime(QTime(9, 40))
    panel.arrivals[row].editingFinished.emit()
    settle(qtbot, window)
    panel.set_status(panel.model.rows[row_of(panel, member)], "absent")
    settle(qtbot, window)
    absent = stored(db, sid, member)
    assert (absent.status, absent.remote, absent.arrival_time) == ("absent", False, None)
    panel.set_status(panel.model.rows[row_of(panel, member)], "present")
    settle(qtbot, window)
    back = stored(db, sid, member)
    assert (back.status, back.remote, back.arrival_time) == ("present", True, time(9, 40))


def test_an_empty_time_starts_at_the_session_start_and_passing_through_saves_nothing(  # type: ignore[no-untyped-def]
    qtbot, grid, db: Database
) -> None:
    window, panel, sid, member = grid
    field = panel.arrivals[row_of(panel, member)]
    assert field.text() == "—"
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=5_000)
    assert field.time() == QTime(9, 0)  # the session's start, ready to adjust
    panel.setFocus()
    field.editingFinished.emit()
    settle(qtbot, window)
    assert stored(db, sid, member).arrival_time is None
    field = panel.arrivals[row_of(panel, member)]
    assert field.text() == "—"
