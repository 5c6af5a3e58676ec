"""The attendance grid, used with the mouse and keys: quick successive edits on one row,
status changes, a delegate, the time field, session guests corrected and removed."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton
from test_committees_support import build_cigd, names
from ui_support import (
    TIMEOUT,
    answer_next,
    click,
    dialog,
    idle,
    in_dialog_later,
    press,
    replace_text,
    tick,
)

from mipg_desktop.committees.attendance import set_attendance
from mipg_desktop.committees.sessions import convene, create_session
from mipg_desktop.committees.views import AttendeeInfo, get_session_detail
from mipg_desktop.storage.database import Database
from ui.attendance_panel import AttendancePanel
from ui.edit_dialogs import EditDialog
from ui.main_window import MainWindow
from ui.session_editor import SessionEditor

pytestmark = pytest.mark.qt


@pytest.fixture
def grid(qtbot, window: MainWindow, db: Database):  # type: ignore[no-untyped-def]
    cigd = build_cigd(db)
    session = create_session(db, cigd.committee_id, date(2026, 3, 12), start_time=time(9, 0))
    convene(db, session.id, convened_on=date(2026, 2, 20))
    member = cigd.members[names(1)[0]]
    set_attendance(db, session.id, member, "present", expected_version=None)
    window.session_created(cigd.committee_id, 2026, session.id)
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), SessionEditor), timeout=TIMEOUT
    )
    editor = window.editors.currentWidget()
    assert isinstance(editor, SessionEditor)
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=TIMEOUT)
    editor.tabs.setCurrentWidget(editor.attendance)
    idle(qtbot, window)
    return window, editor.attendance, session.id, member


def stored(db: Database, session_id: int, member: int) -> AttendeeInfo:
    detail = get_session_detail(db, session_id)
    return next(a for a in detail.attendees if a.membership_id == member)


def row_of(panel: AttendancePanel, member: int) -> int:
    return next(i for i, a in enumerate(panel.model.rows) if a.membership_id == member)


def type_time(qtbot: Any, field: Any, hour: int, minute: int) -> None:
    """Into the arrival field: focus, select the hour, type, leave."""
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=5_000)
    field.setSelectedSection(field.Section.HourSection)
    for ch in f"{hour}:{minute:02d}":  # «:» moves on to the minutes, as in any time field
        qtbot.keyClick(field, ch)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def choose_status(qtbot: Any, panel: AttendancePanel, row: int, status: str) -> None:
    box = panel.combos[row]
    box.setFocus()
    target = box.findData(status)
    key = Qt.Key.Key_Down if target > box.currentIndex() else Qt.Key.Key_Up
    while box.currentIndex() != target:
        qtbot.keyClick(box, key)


def test_time_then_virtual_at_once_keeps_both(qtbot, grid, db: Database) -> None:  # type: ignore[no-untyped-def]
    window, panel, sid, member = grid
    row = row_of(panel, member)
    type_time(qtbot, panel.arrivals[row], 9, 15)
    tick(qtbot, panel.remote_boxes[row])  # before the save is back
    idle(qtbot, window)
    mark = stored(db, sid, member)
    assert (mark.remote, mark.arrival_time) == (True, time(9, 15))


def test_delegating_after_typing_a_time_keeps_the_time(qtbot, grid, db: Database) -> None:  # type: ignore[no-untyped-def]
    window, panel, sid, member = grid
    row = row_of(panel, member)
    type_time(qtbot, panel.arrivals[row], 9, 25)

    def fill(box: QDialog) -> None:
        name, position = box.findChildren(QLineEdit)[:2]
        name.setText("Pedro Pérez")
        position.setText("Asesor de despacho")
        press(box.findChild(QPushButton, "acceptDelegate"))

    in_dialog_later(QDialog, fill, "delegateDialog")
    choose_status(qtbot, panel, row, "delegated")
    idle(qtbot, window)
    mark = stored(db, sid, member)
    assert (mark.status, mark.delegate_name, mark.delegate_position, mark.arrival_time) == (
        "delegated",
        "Pedro Pérez",
        "Asesor de despacho",
        time(9, 25),
    )


def test_a_mis_click_to_absent_and_back_restores_remote_and_arrival(
    qtbot, grid, db: Database
) -> None:  # type: ignore[no-untyped-def]
    window, panel, sid, member = grid
    row = row_of(panel, member)
    tick(qtbot, panel.remote_boxes[row])
    type_time(qtbot, panel.arrivals[row], 9, 40)
    idle(qtbot, window)
    choose_status(qtbot, panel, row_of(panel, member), "absent")
    idle(qtbot, window)
    absent = stored(db, sid, member)
    assert (absent.status, absent.remote, absent.arrival_time) == ("absent", False, None)
    choose_status(qtbot, panel, row_of(panel, member), "present")
    idle(qtbot, window)
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
    assert field.time().hour() == 9 and field.time().minute() == 0  # the session's start
    qtbot.mouseClick(  # elsewhere in the grid: the field is left
        panel.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.table.visualRect(panel.model.index(row_of(panel, member), 0)).center(),
    )
    idle(qtbot, window)
    assert stored(db, sid, member).arrival_time is None
    assert panel.arrivals[row_of(panel, member)].text() == "—"


def test_a_mark_changed_elsewhere_is_not_overwritten(qtbot, grid, db: Database) -> None:  # type: ignore[no-untyped-def]
    """Another window marked the member excused after this one read the grid: this window's
    change is refused and explained, and the other mark stays."""
    window, panel, sid, member = grid
    row = row_of(panel, member)
    set_attendance(db, sid, member, "excused", expected_version=panel.model.rows[row].version)
    choose_status(qtbot, panel, row, "absent")
    qtbot.waitUntil(lambda: bool(window.findChildren(QDialog, "userErrorBox")), timeout=TIMEOUT)
    idle(qtbot, window)
    assert stored(db, sid, member).status == "excused"
    assert panel.model.rows[row_of(panel, member)].status == "excused"  # read again


def test_session_guests_added_corrected_and_removed(qtbot, grid, db: Database) -> None:  # type: ignore[no-untyped-def]
    window, panel, sid, _member = grid
    click(qtbot, panel.guest_button)
    guest = dialog(qtbot, EditDialog, "guestDialog")
    replace_text(qtbot, guest.binding.fields["name"].widget, "Marta Lucía Díaz")
    replace_text(qtbot, guest.binding.fields["organization"].widget, "Contraloría Departamental")
    click(qtbot, guest.findChild(QPushButton, "saveEdit"))
    qtbot.waitUntil(lambda: panel.guest_model.rowCount() == 1, timeout=TIMEOUT)
    idle(qtbot, window)
    qtbot.mouseClick(
        panel.guests.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.guests.visualRect(panel.guest_model.index(0, 0)).center(),
    )
    click(qtbot, panel.edit_guest_button)
    fix = dialog(qtbot, EditDialog, "guestDialog")
    replace_text(qtbot, fix.binding.fields["position"].widget, "Profesional universitaria")
    click(qtbot, fix.findChild(QPushButton, "saveEdit"))
    idle(qtbot, window)
    shown = [g for g in get_session_detail(db, sid).guests if not g.permanent]
    assert (shown[0].name, shown[0].position) == ("Marta Lucía Díaz", "Profesional universitaria")
    qtbot.mouseClick(
        panel.guests.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.guests.visualRect(panel.guest_model.index(0, 0)).center(),
    )
    answer_next("confirmRemoval", "confirmRemove")
    click(qtbot, panel.remove_guest_button)
    qtbot.waitUntil(lambda: panel.guest_model.rowCount() == 0, timeout=TIMEOUT)
    assert not [g for g in get_session_detail(db, sid).guests if not g.permanent]
