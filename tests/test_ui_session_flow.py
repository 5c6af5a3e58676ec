"""A whole session done in the window by clicks and keys, as a new secretary would: entity,
committee, members, session, agenda, attendance, minutes typed in Spanish, a decision with
its vote, a commitment, approval (with who approves), the three PDFs and the session
package. Then what a reader checks in the acta."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QInputDialog, QWidget
from ui_support import (
    TIMEOUT,
    click,
    close_errors,
    dialog,
    idle,
    in_dialog_later,
    keys,
    leave,
    replace_text,
    type_text,
    user_errors,
)

from mipg_desktop.committees.calendar import colombia_today
from mipg_desktop.committees.views import get_session_detail, list_committees
from mipg_desktop.entity_profile import get_entity
from mipg_desktop.storage.database import Database
from ui import file_dialogs
from ui.approval_dialog import ApprovalDialog
from ui.committee_dialogs import CommitteeDialog, MemberDialog, SessionDialog
from ui.committee_editor import CommitteeEditor
from ui.edit_dialogs import EditDialog
from ui.entity_editor import EntityEditor
from ui.main_window import MainWindow
from ui.session_editor import SessionEditor

pytestmark = pytest.mark.qt
SENTENCE = "Se revisó el avance del PAAC: 85 % de las metas; ¿quién firma? La señora Núñez."
MEMBERS = (
    ("María Fernanda Núñez", "Alcaldesa", "president"),
    ("Carlos Andrés Peña", "Jefe de Planeación", "technical_secretary"),
    ("Luz Ángela Gómez", "Secretaria General", "voting_member"),
    ("Jorge Iván Muñoz", "Secretario de Hacienda", "voting_member"),
    ("Andrés Felipe Castaño", "Jefe de Control Interno", "permanent_guest"),
)


def choose(qtbot, box: QComboBox, value: object) -> None:  # type: ignore[no-untyped-def]
    """Pick ``value`` with the keyboard: Home, then Down until it is current."""
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    for _step in range(box.count()):
        if box.currentData() == value:
            return
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentData() == value, f"{value} not offered"


def current(window: MainWindow, kind: type[QWidget]) -> QWidget:
    widget = window.editors.currentWidget()
    assert isinstance(widget, kind), type(widget)
    return widget


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_whole_session_by_clicks_and_keys(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, tmp_path: Path, monkeypatch
) -> None:
    # the entity, from the welcome panel: each field saved when left
    click(qtbot, window.welcome.entity_button)
    entity = current(window, EntityEditor)
    assert isinstance(entity, EntityEditor)
    for key, text in (
        ("name", "Alcaldía Municipal de Santa Bárbara"),
        ("nit", "890.980.331-1"),
        ("city", "Santa Bárbara"),
    ):
        replace_text(qtbot, entity.entity_inputs[key], text)
        leave(qtbot, entity.entity_inputs[key])
        idle(qtbot, window)
    profile = get_entity(db)
    assert profile is not None and profile.city == "Santa Bárbara" and profile.nit

    # the committee, from the menu's shortcut
    keys(qtbot, window, "Ctrl+Shift+N")
    committee_dialog = dialog(qtbot, CommitteeDialog)
    replace_text(qtbot, committee_dialog.creation_act, "Resolución 045 de 2018")
    click(qtbot, committee_dialog.buttons.button(committee_dialog.buttons.StandardButton.Ok))
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), CommitteeEditor), timeout=TIMEOUT
    )
    committee = current(window, CommitteeEditor)
    assert isinstance(committee, CommitteeEditor)
    assert [c.name for c in list_committees(db)] == ["Comité Institucional de Gestión y Desempeño"]

    # its members, one dialog each
    for count, (name, position, role) in enumerate(MEMBERS, start=1):
        click(qtbot, committee.add_member_button)
        member = dialog(qtbot, MemberDialog)
        replace_text(qtbot, member.full_name, name)
        replace_text(qtbot, member.position, position)
        choose(qtbot, member.role, role)
        replace_text(qtbot, member.start.line, "01/01/2024")
        click(qtbot, member.buttons.button(member.buttons.StandardButton.Ok))
        qtbot.waitUntil(lambda n=count: committee.members.rowCount() == n, timeout=TIMEOUT)
        idle(qtbot, window)

    # a session today: the date typed, the start time asked
    click(qtbot, committee.new_session_button)
    session_dialog = dialog(qtbot, SessionDialog)
    today = colombia_today()
    replace_text(qtbot, session_dialog.session_date.line, today.strftime("%d/%m/%Y"))
    click(qtbot, session_dialog.buttons.button(session_dialog.buttons.StandardButton.Ok))
    assert "hora de inicio" in session_dialog.error.text()  # asked, not silently midnight
    replace_text(qtbot, session_dialog.start.line, "9:00")
    click(qtbot, session_dialog.buttons.button(session_dialog.buttons.StandardButton.Ok))
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), SessionEditor), timeout=TIMEOUT
    )
    editor = current(window, SessionEditor)
    assert isinstance(editor, SessionEditor)
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=TIMEOUT)
    session_id = editor.session_id
    assert editor.detail is not None and editor.detail.start_time is not None

    # the agenda: a new item typed and added with Enter, moved up with Alt+↑, corrected (F2)
    agenda = editor.agenda
    before = agenda.model.rowCount()
    replace_text(
        qtbot, agenda.title, "Seguimiento al Plan Anticorrupción y de Atención al Ciudadano"
    )
    replace_text(qtbot, agenda.presenter, "Oficina de Planeación")
    agenda.title.setFocus()
    keys(qtbot, agenda.title, "Return")
    qtbot.waitUntil(lambda: agenda.model.rowCount() == before + 1, timeout=TIMEOUT)
    idle(qtbot, window)
    titles = [r.item.title for r in agenda.model.rows]
    new_row = titles.index("Seguimiento al Plan Anticorrupción y de Atención al Ciudadano")
    qtbot.mouseClick(
        agenda.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=agenda.table.visualRect(agenda.model.index(new_row, 1)).center(),
    )
    keys(qtbot, agenda.table, "Alt+Up")
    qtbot.waitUntil(
        lambda: [r.item.title for r in agenda.model.rows].index(titles[new_row]) == new_row - 1,
        timeout=TIMEOUT,
    )
    idle(qtbot, window)
    keys(qtbot, agenda.table, "F2")
    item_dialog = dialog(qtbot, EditDialog, "agendaItemDialog")
    duration = item_dialog.binding.fields["duration_minutes"].widget
    replace_text(qtbot, duration, "20")
    policies = item_dialog.binding.fields["policy_ids"].widget
    for row in range(policies.count()):
        if policies.item(row).text().startswith("Transparencia"):
            rect = policies.visualItemRect(policies.item(row))
            qtbot.mouseClick(
                policies.viewport(),
                Qt.MouseButton.LeftButton,
                pos=rect.topLeft() + rect.center() - rect.topLeft(),
            )
            keys(qtbot, policies, "Space")
    click(qtbot, item_dialog.findChild(type(editor.next_step), "saveEdit"))
    idle(qtbot, window)
    moved = next(i for i in get_session_detail(db, session_id).agenda if i.title == titles[new_row])
    assert moved.duration_minutes == 20 and moved.policies

    # convened today: past the notice term, so the reason is asked (in Spanish)
    in_dialog_later(
        QInputDialog,
        lambda box: (box.setTextValue("Reunión urgente por la auditoría"), box.accept()),
    )
    click(qtbot, editor.next_step)
    qtbot.waitUntil(
        lambda: editor.detail is not None and editor.detail.status == "convened", timeout=TIMEOUT
    )
    idle(qtbot, window)

    # attendance: everyone present, the quorum recorded
    editor.tabs.setCurrentWidget(editor.attendance)
    click(qtbot, editor.attendance.all_present)
    qtbot.waitUntil(
        lambda: all(a.status == "present" for a in editor.attendance.model.rows), timeout=TIMEOUT
    )
    idle(qtbot, window)
    click(qtbot, editor.attendance.verify)
    idle(qtbot, window)
    assert editor.detail is not None and editor.detail.quorum.checked_at is not None

    # held, minutes started, then the deliberation typed in Spanish (saved as typed)
    for status in ("held", "minutes_draft"):
        click(qtbot, editor.next_step)
        qtbot.waitUntil(
            lambda s=status: editor.detail is not None and editor.detail.status == s,
            timeout=TIMEOUT,
        )
        idle(qtbot, window)
    minutes = editor.minutes
    editor.tabs.setCurrentWidget(minutes)
    qtbot.mouseClick(
        minutes.items.viewport(),
        Qt.MouseButton.LeftButton,
        pos=minutes.items.visualItemRect(minutes.items.item(0)).center(),
    )
    item_id = minutes.current_id
    minutes.text.setFocus()
    type_text(minutes.text, SENTENCE)

    def saved_text() -> str:
        found = get_session_detail(db, session_id).all_agenda_items()
        return next(i.deliberation for i in found if i.id == item_id)

    qtbot.waitUntil(lambda: saved_text() == SENTENCE, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: window.save_state.clean, timeout=TIMEOUT)
    assert window.save_label.text().startswith("Todo guardado")

    # a decision with its vote
    decisions = editor.decisions
    editor.tabs.setCurrentWidget(decisions)
    replace_text(qtbot, decisions.text, "Aprobar el informe de seguimiento del PAAC")
    replace_text(qtbot, decisions.votes["votes_for"], "4")  # one more than the voters present
    click(qtbot, decisions.record_button)
    qtbot.waitUntil(lambda: bool(user_errors(window)), timeout=TIMEOUT)
    assert "solo hay 3" in user_errors(window)[0]
    assert decisions.text.text() == "Aprobar el informe de seguimiento del PAAC"  # kept
    close_errors(window)
    replace_text(qtbot, decisions.votes["votes_for"], "3")
    click(qtbot, decisions.record_button)
    qtbot.waitUntil(lambda: decisions.model.rowCount() == 1, timeout=TIMEOUT)
    assert decisions.model.rows[0].outcome == "approved" and decisions.text.text() == ""
    idle(qtbot, window)

    # a commitment with a typed due date
    commitments = editor.commitments
    editor.tabs.setCurrentWidget(commitments)
    replace_text(qtbot, commitments.text, "Publicar el informe en la página web")
    commitments.owner.setFocus()
    replace_text(qtbot, commitments.owner.lineEdit(), "Carlos Andrés Peña")
    due = today + timedelta(days=45)
    replace_text(qtbot, commitments.due.line, due.strftime("%d/%m/%Y"))
    click(qtbot, commitments.add_button)
    qtbot.waitUntil(lambda: commitments.model.rowCount() == 1, timeout=TIMEOUT)
    assert commitments.model.rows[0].due_date == due
    idle(qtbot, window)

    # review, then approval: what freezes is shown, a member approves
    click(qtbot, editor.next_step)
    qtbot.waitUntil(
        lambda: editor.detail is not None and editor.detail.status == "under_review",
        timeout=TIMEOUT,
    )
    idle(qtbot, window)
    click(qtbot, editor.next_step)
    approval = dialog(qtbot, ApprovalDialog)
    assert approval.approver.currentData() == "María Fernanda Núñez"
    assert approval.preview.decisions == 1 and approval.preview.commitments == 1
    click(qtbot, approval.confirm)
    qtbot.waitUntil(
        lambda: editor.detail is not None and editor.detail.status == "approved", timeout=TIMEOUT
    )
    idle(qtbot, window)
    assert editor.banner.isVisible() and "María Fernanda Núñez" in editor.banner.text()
    assert not agenda.add_button.isEnabled() and minutes.text.isReadOnly()

    # the three PDFs and the session package, each from its button
    targets = {name: tmp_path / f"{name}.pdf" for name in ("agenda", "minutes", "pack")}
    for name, target in targets.items():
        monkeypatch.setattr(
            file_dialogs, "get_save_file_name", staticmethod(lambda *a, t=target, **k: (str(t), ""))
        )
        click(qtbot, editor.export_buttons[name])
        qtbot.waitUntil(target.exists, timeout=60_000)
        idle(qtbot, window)
    package = tmp_path / "sesion.mipgsesion"
    monkeypatch.setattr(
        file_dialogs, "get_save_file_name", staticmethod(lambda *a, **k: (str(package), ""))
    )
    click(qtbot, editor.findChild(type(editor.next_step), "exportPackage"))
    qtbot.waitUntil(package.exists, timeout=60_000)
    idle(qtbot, window)

    acta = pdf_text(targets["minutes"])
    assert "Aprobar el informe de seguimiento del PAAC" in acta
    assert "señora Núñez" in acta and "Publicar el informe en la página web" in acta
    assert "María Fernanda Núñez" in acta
    import getpass

    assert getpass.getuser() not in acta.split()  # never the computer's login
    assert "Seguimiento al Plan Anticorrupción" in pdf_text(targets["agenda"])
    assert "Seguimiento al Plan Anticorrupción" in pdf_text(targets["pack"])
