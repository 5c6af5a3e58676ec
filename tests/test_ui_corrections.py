"""Correcting what was entered, in the window: decisions and their votes, commitments,
members (name, position, role, period), the reglamento; dates that hold; text blocks;
errata after approval."""

from __future__ import annotations

import hashlib
from datetime import date, time, timedelta
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QPushButton, QSpinBox
from test_committees_lifecycle import held_session
from test_committees_support import build_cigd, names
from test_ui_editing import open_session, select_row, tab
from ui_support import (
    TIMEOUT,
    answer_next,
    click,
    close_errors,
    dialog,
    double_click,
    idle,
    in_dialog_later,
    keys,
    leave,
    replace_text,
    user_errors,
)

from mipg_desktop.committees import views
from mipg_desktop.committees.approval import approve_minutes
from mipg_desktop.committees.calendar import colombia_today
from mipg_desktop.committees.commitments import add_commitment
from mipg_desktop.committees.sessions import convene, create_session, set_status
from mipg_desktop.committees.votes import record_decision
from mipg_desktop.documents.inspect import page_texts
from mipg_desktop.documents.output import document_bytes
from mipg_desktop.storage.database import Database
from ui import file_dialogs
from ui.approval_dialog import ApprovalDialog
from ui.committee_dialogs import MemberDialog, SessionDialog
from ui.committee_editor import CommitteeEditor
from ui.edit_dialogs import EditDialog
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt


@pytest.fixture
def held(qtbot, window: MainWindow, db: Database) -> tuple[Any, int, Any]:  # type: ignore[no-untyped-def]
    cigd = build_cigd(db)
    sid = held_session(db, cigd, date(2026, 3, 12))
    return open_session(qtbot, window, cigd.committee_id, sid), sid, cigd


def test_a_decision_and_its_vote_corrected_then_removed(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, held, db: Database
) -> None:
    editor, sid, _cigd = held
    record_decision(db, sid, "Aprobar el informe", 3, 2, 0)
    editor.reload()
    idle(qtbot, window)
    panel = editor.decisions
    tab(qtbot, editor, panel)
    select_row(qtbot, panel.table, 0)
    keys(qtbot, panel.table, "F2")
    fix = dialog(qtbot, EditDialog, "decisionDialog")
    spins = [w for w in fix.findChildren(QSpinBox)]
    replace_text(qtbot, spins[0], "9")  # more votes than voters present
    click(qtbot, fix.findChild(QPushButton, "saveEdit"))
    error = fix.binding.fields["votes_for"].error  # beside «A favor»
    assert fix.isVisible() and error.isVisible() and "solo hay 5" in error.text()
    replace_text(qtbot, spins[0], "1")
    replace_text(qtbot, spins[1], "4")
    click(qtbot, fix.findChild(QPushButton, "saveEdit"))
    idle(qtbot, window)
    assert not fix.isVisible()
    stored = views.get_session_detail(db, sid).decisions[0]
    assert (stored.votes_for, stored.votes_against, stored.outcome) == (1, 4, "rejected")
    assert panel.model.rows[0].outcome_label != ""
    select_row(qtbot, panel.table, 0)
    click(qtbot, panel.edit_button)  # the same dialog from its button; nothing changed
    click(qtbot, dialog(qtbot, EditDialog, "decisionDialog").findChild(QPushButton, "cancelEdit"))
    select_row(qtbot, panel.table, 0)
    answer_next("confirmRemoval", "confirmRemove")
    click(qtbot, panel.remove_button)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=TIMEOUT)
    keys(qtbot, panel.table, "Ctrl+Z")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=TIMEOUT)
    idle(qtbot, window)


def test_a_commitment_corrected_by_double_click_and_removed(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, held, db: Database
) -> None:
    editor, sid, _cigd = held
    add_commitment(db, sid, "Publicar", "Planeación", date(2026, 4, 30))
    editor.reload()
    idle(qtbot, window)
    panel = editor.commitments
    tab(qtbot, editor, panel)
    rect = panel.table.visualRect(panel.model.index(0, 1))
    double_click(qtbot, panel.table.viewport(), rect.center())
    fix = dialog(qtbot, EditDialog, "commitmentDialog")
    replace_text(qtbot, fix.binding.fields["text"].widget, "Publicar el informe en la web")
    replace_text(qtbot, fix.binding.fields["due_date"].widget.line, "31/05/2026")
    replace_text(qtbot, fix.binding.fields["owner_name"].widget.lineEdit(), "Oficina TIC")
    click(qtbot, fix.findChild(QPushButton, "saveEdit"))
    idle(qtbot, window)
    stored = views.get_session_detail(db, sid).commitments[0]
    assert (stored.text, stored.due_date, stored.owner) == (
        "Publicar el informe en la web",
        date(2026, 5, 31),
        "Oficina TIC",
    )
    # a due date before the session is refused inside the dialog, which stays open
    select_row(qtbot, panel.table, 0)
    click(qtbot, panel.edit_button)
    again = dialog(qtbot, EditDialog, "commitmentDialog")
    replace_text(qtbot, again.binding.fields["due_date"].widget.line, "01/01/2026")
    click(qtbot, again.findChild(QPushButton, "saveEdit"))
    assert (
        again.isVisible()
        and "anterior a la sesión" in again.binding.fields["due_date"].error.text()
    )
    click(qtbot, again.findChild(QPushButton, "cancelEdit"))
    select_row(qtbot, panel.table, 0)
    answer_next("confirmRemoval", "confirmRemove")
    click(qtbot, panel.remove_button)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=TIMEOUT)
    idle(qtbot, window)


def open_committee(qtbot: Any, window: MainWindow, committee_id: int) -> CommitteeEditor:
    window.committee_created(committee_id)
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), CommitteeEditor), timeout=TIMEOUT
    )
    editor = window.editors.currentWidget()
    assert isinstance(editor, CommitteeEditor)
    qtbot.waitUntil(lambda: editor.members.rowCount() > 0, timeout=TIMEOUT)
    idle(qtbot, window)
    return editor


def test_members_corrected_retired_and_removed(qtbot, window: MainWindow, db: Database) -> None:  # type: ignore[no-untyped-def]
    cigd = build_cigd(db)
    editor = open_committee(qtbot, window, cigd.committee_id)
    row = next(i for i, m in enumerate(editor.members.rows) if m.name == "Carlos Andrés Gómez")
    select_row(qtbot, editor.table, row)
    keys(qtbot, editor.table, "F2")
    fix = dialog(qtbot, MemberDialog, "editMemberDialog")
    replace_text(qtbot, fix.full_name, "Carlos Andrés Gómez Ruiz")
    replace_text(qtbot, fix.position, "Secretario General (e)")
    click(qtbot, fix.buttons.button(fix.buttons.StandardButton.Ok))
    idle(qtbot, window)
    member = next(m for m in views.list_members(db, cigd.committee_id) if m.person_id)
    members = {m.name: m for m in views.list_members(db, cigd.committee_id)}
    assert members["Carlos Andrés Gómez Ruiz"].position == "Secretario General (e)"
    assert member is not None
    # retiring: the end date asked, old actas keep them
    row = next(i for i, m in enumerate(editor.members.rows) if m.name == "Hernán Darío López")
    select_row(qtbot, editor.table, row)
    click(qtbot, editor.end_member_button)
    retire = dialog(qtbot, MemberDialog, "editMemberDialog")
    assert retire.end.date() == date.today()
    replace_text(qtbot, retire.end.line, (date.today() - timedelta(days=1)).strftime("%d/%m/%Y"))
    click(qtbot, retire.buttons.button(retire.buttons.StandardButton.Ok))
    idle(qtbot, window)
    assert "Hernán Darío López" not in [m.name for m in views.list_members(db, cigd.committee_id)]
    # a member added by mistake, removed (asked first), then the removal undone
    click(qtbot, editor.add_member_button)
    cancelled = dialog(qtbot, MemberDialog, "memberDialog")
    click(qtbot, cancelled.buttons.button(cancelled.buttons.StandardButton.Cancel))
    click(qtbot, editor.add_member_button)
    add = dialog(qtbot, MemberDialog, "memberDialog")
    replace_text(qtbot, add.full_name, "Persona por error")
    click(qtbot, add.buttons.button(add.buttons.StandardButton.Ok))
    qtbot.waitUntil(
        lambda: "Persona por error" in [m.name for m in editor.members.rows], timeout=TIMEOUT
    )
    idle(qtbot, window)
    row = next(i for i, m in enumerate(editor.members.rows) if m.name == "Persona por error")
    select_row(qtbot, editor.table, row)
    answer_next("confirmRemoval", "confirmRemove")
    click(qtbot, editor.remove_member_button)
    qtbot.waitUntil(
        lambda: "Persona por error" not in [m.name for m in editor.members.rows], timeout=TIMEOUT
    )
    idle(qtbot, window)
    keys(qtbot, editor.table, "Ctrl+Z")
    qtbot.waitUntil(
        lambda: "Persona por error" in [m.name for m in editor.members.rows], timeout=TIMEOUT
    )
    idle(qtbot, window)


def test_a_name_in_an_approved_acta_cannot_be_rewritten(
    qtbot, window: MainWindow, db: Database
) -> None:  # type: ignore[no-untyped-def]
    cigd = build_cigd(db)
    sid = held_session(db, cigd, date(2026, 3, 12))
    set_status(db, sid, "minutes_draft")
    set_status(db, sid, "under_review")
    approve_minutes(db, sid, approved_by="Ana María Rojas Pérez")
    editor = open_committee(qtbot, window, cigd.committee_id)
    row = next(i for i, m in enumerate(editor.members.rows) if m.name == "Ana María Rojas Pérez")
    select_row(qtbot, editor.table, row)
    click(qtbot, editor.edit_member_button)
    fix = dialog(qtbot, MemberDialog, "editMemberDialog")
    replace_text(qtbot, fix.full_name, "Ana M. Rojas")
    click(qtbot, fix.buttons.button(fix.buttons.StandardButton.Ok))
    assert fix.isVisible() and "actas aprobadas" in fix.error.text()
    fix.reject()


def test_the_reglamento_is_saved_as_each_field_is_left(
    qtbot, window: MainWindow, db: Database
) -> None:  # type: ignore[no-untyped-def]
    cigd = build_cigd(db)
    editor = open_committee(qtbot, window, cigd.committee_id)
    replace_text(qtbot, editor.notice_ordinary, "4")
    leave(qtbot, editor.notice_ordinary)
    editor.majority.setFocus()
    while editor.majority.currentData() != "absolute_members":
        qtbot.keyClick(editor.majority, Qt.Key.Key_Down)
    idle(qtbot, window)
    rules = views.get_committee(db, cigd.committee_id).rules
    assert rules is not None and (rules.notice_days_ordinary, rules.majority_kind) == (
        4,
        "absolute_members",
    )


def test_the_quorum_and_a_qualified_majority_are_edited_on_the_committee_page(
    qtbot, window: MainWindow, db: Database
) -> None:  # type: ignore[no-untyped-def]
    """Everything the type set can be changed: the quorum to deliberate becomes two thirds of
    the voting members, the quorum to decide a fixed number, the majority a qualified 3/4;
    the numbers a kind does not use cannot be typed; a wrong fraction is refused in place."""
    cigd = build_cigd(db)
    editor = open_committee(qtbot, window, cigd.committee_id)
    assert not editor.deliberate.num.isEnabled()  # «mitad más uno» needs no numbers
    assert not editor.qualified.num.isEnabled()  # simple majority
    editor.deliberate.kind.setFocus()
    while editor.deliberate.kind.currentData() != "fraction":
        qtbot.keyClick(editor.deliberate.kind, Qt.Key.Key_Down)
    assert editor.deliberate.num.isEnabled() and editor.deliberate.den.isEnabled()
    replace_text(qtbot, editor.deliberate.num, "2")
    leave(qtbot, editor.deliberate.num)
    replace_text(qtbot, editor.deliberate.den, "3")
    leave(qtbot, editor.deliberate.den)
    editor.decide.kind.setFocus()
    while editor.decide.kind.currentData() != "count":
        qtbot.keyClick(editor.decide.kind, Qt.Key.Key_Down)
    assert editor.decide.num.isEnabled() and not editor.decide.den.isEnabled()
    replace_text(qtbot, editor.decide.num, "3")
    leave(qtbot, editor.decide.num)
    editor.majority.setFocus()
    while editor.majority.currentData() != "qualified":
        qtbot.keyClick(editor.majority, Qt.Key.Key_Down)
    assert editor.qualified.num.isEnabled()
    replace_text(qtbot, editor.qualified.num, "3")
    leave(qtbot, editor.qualified.num)
    replace_text(qtbot, editor.qualified.den, "4")
    leave(qtbot, editor.qualified.den)
    idle(qtbot, window)
    rules = views.get_committee(db, cigd.committee_id).rules
    assert rules is not None
    assert (rules.deliberate_quorum_kind, rules.deliberate_quorum_num) == ("fraction", 2)
    assert rules.deliberate_quorum_den == 3
    assert (rules.decide_quorum_kind, rules.decide_quorum_num) == ("count", 3)
    assert (rules.majority_kind, rules.majority_num, rules.majority_den) == ("qualified", 3, 4)
    replace_text(qtbot, editor.qualified.num, "5")  # 5/4 of those present: impossible
    leave(qtbot, editor.qualified.num)
    idle(qtbot, window)
    refusal = editor.findChild(QLabel, "error_majority_num")
    assert refusal is not None and refusal.isVisible() and refusal.text()
    assert views.get_committee(db, cigd.committee_id).rules.majority_num == 3  # type: ignore[union-attr]


def test_dates_that_hold(qtbot, window: MainWindow, db: Database) -> None:  # type: ignore[no-untyped-def]
    """A session is not marked held before its date; numbers out of date order warn,
    naming both actas."""
    cigd = build_cigd(db)
    future = colombia_today() + timedelta(days=8)
    upcoming = create_session(db, cigd.committee_id, future, start_time=time(9))
    convene(db, upcoming.id)
    editor = open_session(qtbot, window, cigd.committee_id, upcoming.id)
    editor.window_.session_created(cigd.committee_id, future.year, upcoming.id)
    idle(qtbot, window)
    click(qtbot, editor.next_step)  # «Marcar como realizada»
    qtbot.waitUntil(lambda: bool(user_errors(window)), timeout=TIMEOUT)
    assert "antes de esa fecha" in user_errors(window)[0]
    assert views.get_session_detail(db, upcoming.id).status == "convened"
    close_errors(window)  # read, and closed
    # a second session dated before the first
    committee = open_committee(qtbot, window, cigd.committee_id)
    keys(qtbot, committee.table, "Ctrl+N")  # «Programar sesión…»
    new = dialog(qtbot, SessionDialog)
    earlier = future - timedelta(days=3)
    replace_text(qtbot, new.session_date.line, earlier.strftime("%d/%m/%Y"))
    replace_text(qtbot, new.start.line, "2:30 pm")
    click(qtbot, new.buttons.button(new.buttons.StandardButton.Ok))
    qtbot.waitUntil(
        lambda: any("queda con fecha anterior" in e for e in user_errors(window)), timeout=TIMEOUT
    )
    warning = next(e for e in user_errors(window) if "queda con fecha anterior" in e)
    assert (
        f"Acta No. 02 de {earlier.year}" in warning and f"Acta No. 01 de {future.year}" in warning
    )


def test_a_text_block_inserted_with_its_placeholders(
    qtbot, window: MainWindow, held, db: Database
) -> None:  # type: ignore[no-untyped-def]
    editor, sid, _cigd = held
    set_status(db, sid, "minutes_draft")
    editor.reload()
    idle(qtbot, window)
    minutes = editor.minutes
    tab(qtbot, editor, minutes)
    qtbot.waitUntil(lambda: minutes.blocks.count() > 0, timeout=TIMEOUT)
    minutes.blocks.setFocus()
    while minutes.blocks.currentText() != "Verificación del quórum":
        qtbot.keyClick(minutes.blocks, Qt.Key.Key_Down)
    click(qtbot, minutes.insert_block)
    qtbot.waitUntil(lambda: "Se verificó el quórum" in minutes.text.toPlainText(), timeout=TIMEOUT)
    assert "{presentes}" not in minutes.text.toPlainText()
    idle(qtbot, window)


def test_approval_can_be_cancelled_and_an_erratum_recorded_after(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, held, db: Database, tmp_path, monkeypatch
) -> None:
    editor, sid, _cigd = held
    set_status(db, sid, "minutes_draft")
    set_status(db, sid, "under_review")
    editor.reload()
    idle(qtbot, window)
    click(qtbot, editor.next_step)
    asked = dialog(qtbot, ApprovalDialog)
    click(qtbot, asked.findChild(QPushButton, "cancelApproval"))
    idle(qtbot, window)
    assert views.get_session_detail(db, sid).status == "under_review"
    click(qtbot, editor.next_step)
    asked = dialog(qtbot, ApprovalDialog)
    asked.approver.setFocus()
    qtbot.keyClick(asked.approver, Qt.Key.Key_Down)  # another member approves
    chosen = asked.approver.currentData()
    click(qtbot, asked.confirm)
    qtbot.waitUntil(lambda: views.get_session_detail(db, sid).status == "approved", timeout=TIMEOUT)
    idle(qtbot, window)
    assert views.get_session_detail(db, sid).approval.approved_by == chosen  # type: ignore[union-attr]
    assert not window.undo_action.isEnabled()  # approval is not undone; errata correct it
    in_dialog_later(
        QInputDialog,
        lambda box: (box.setTextValue("Donde dice «Gómez» debe decir «Gómes»."), box.accept()),
    )
    click(qtbot, editor.erratum_button)
    qtbot.waitUntil(lambda: len(views.get_session_detail(db, sid).errata) == 1, timeout=TIMEOUT)
    idle(qtbot, window)
    assert "Fe de erratas registradas: 1" in editor.banner.text()
    # the erratum is its own document; the approved acta is not changed by it
    acta = document_bytes(db, "minutes", sid).data
    target = tmp_path / "fe-de-erratas.pdf"
    monkeypatch.setattr(
        file_dialogs, "get_save_file_name", staticmethod(lambda *a, **k: (str(target), ""))
    )
    click(qtbot, editor.export_buttons["errata"])
    qtbot.waitUntil(target.exists, timeout=TIMEOUT)
    text = " ".join(page_texts(target.read_bytes()))
    assert "FE DE ERRATAS" in text and "Gómes" in text
    assert hashlib.sha256(acta).hexdigest() in text.replace("\n", "")
    assert document_bytes(db, "minutes", sid).data == acta
    assert names(1)
