"""The main flow through the window: committee, session, agenda, attendance, minutes typed in
Spanish, vote, commitment, approval (read-only banner), and the pack exported in the background."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QDate, QEvent, QModelIndex, QSettings, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from mipg_desktop.committees.people import add_membership, add_person
from mipg_desktop.committees.views import get_session_detail, list_committees, list_sessions
from mipg_desktop.entity_profile import save_entity
from mipg_desktop.storage.database import Database
from ui.app_settings import AppSettings
from ui.committee_dialogs import CommitteeDialog, MemberDialog, SessionDialog
from ui.committee_editor import CommitteeEditor
from ui.main_window import MainWindow
from ui.session_editor import SessionEditor

pytestmark = pytest.mark.qt
SENTENCE = "Se revisó el avance del PAAC: 85 % de las metas; ¿quién firma? La señora Núñez."


def type_text(widget: QWidget, text: str) -> None:
    """One QKeyEvent per character (QTest.keyClicks aborts on non-ASCII with PySide6 6.12)."""
    for ch in text:
        QApplication.sendEvent(
            widget,
            QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch),
        )


def find_dialog(kind: type[QDialog]) -> QDialog:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, kind) and widget.isVisible():
            return widget
    for widget in QApplication.allWidgets():
        if isinstance(widget, kind) and widget.isVisible():
            return widget
    raise AssertionError(f"no {kind.__name__} open")


@pytest.fixture
def window(qtbot, db: Database, tmp_path: Path):  # type: ignore[no-untyped-def]
    save_entity(db, expected_version=None, name="Alcaldía de Santa Bárbara", city="Santa Bárbara")
    settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    win = MainWindow(db, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.is_ready, timeout=30_000)
    yield win
    win.flush()
    win.runner.wait_idle()


def _idle(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20_000)
    qtbot.wait(20)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20_000)


def test_full_session_flow(qtbot, window: MainWindow, db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # the committee, from the welcome panel
    assert window.welcome.committee_button.isEnabled()
    window.welcome.committee_button.click()
    dialog = find_dialog(CommitteeDialog)
    assert isinstance(dialog, CommitteeDialog)
    dialog.creation_act.setText("Resolución 045 de 2018")
    dialog.accept()
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), CommitteeEditor), timeout=30_000
    )
    committee_id = list_committees(db)[0].id
    committee = window.editors.currentWidget()
    assert isinstance(committee, CommitteeEditor)

    # one member through the dialog, the rest through the service
    committee.add_member_button.click()
    member = find_dialog(MemberDialog)
    assert isinstance(member, MemberDialog)
    member.full_name.setText("María Fernanda Núñez")
    member.position.setText("Alcaldesa")
    member.role.setCurrentIndex(member.role.findData("president"))
    member.start.setDate(QDate(2024, 1, 1))
    member.accept()
    qtbot.waitUntil(lambda: committee.members.rowCount() == 1, timeout=30_000)
    for name, role in (
        ("Carlos Andrés Peña", "technical_secretary"),
        ("Luz Ángela Gómez", "voting_member"),
        ("Jorge Iván Muñoz", "voting_member"),
        ("Andrés Felipe Castaño", "permanent_guest"),
    ):
        person = add_person(db, name, "Jefe de oficina")
        add_membership(db, committee_id, person.id, role, date(2024, 1, 1))

    # a session, from the committee editor
    committee.new_session_button.click()
    session_dialog = find_dialog(SessionDialog)
    assert isinstance(session_dialog, SessionDialog)
    day = date.today() + timedelta(days=20)
    session_dialog.session_date.setDate(QDate(day.year, day.month, day.day))
    session_dialog.accept()
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), SessionEditor), timeout=30_000
    )
    editor = window.editors.currentWidget()
    assert isinstance(editor, SessionEditor)
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=30_000)
    session_id = editor.session_id
    assert editor.detail is not None and editor.detail.status == "scheduled"

    # agenda: add an item, move it up by keyboard step and by a drop
    agenda = editor.agenda
    before = agenda.model.rowCount()
    agenda.title.setText("Seguimiento al Plan Anticorrupción y de Atención al Ciudadano")
    agenda.presenter.setText("Oficina de Planeación")
    agenda.duration.setValue(20)
    agenda.add_button.click()
    qtbot.waitUntil(lambda: agenda.model.rowCount() == before + 1, timeout=30_000)
    _idle(qtbot, window)
    titles = [r.item.title for r in agenda.model.rows]
    new_row = titles.index("Seguimiento al Plan Anticorrupción y de Atención al Ciudadano")
    agenda.table.selectRow(new_row)
    agenda.step(-1)
    qtbot.waitUntil(
        lambda: [r.item.title for r in agenda.model.rows].index(titles[new_row]) == new_row - 1,
        timeout=30_000,
    )
    _idle(qtbot, window)
    moved = next(r for r in agenda.model.rows if r.item.title == titles[new_row])
    assert moved.parent_id is None
    assert agenda.model.drop_position(moved.item.id, 0) == 0
    agenda.move_item(moved.item.id, 0)
    qtbot.waitUntil(lambda: agenda.model.rows[0].item.id == moved.item.id, timeout=30_000)
    _idle(qtbot, window)

    # convene, then attendance with the live quorum indicator
    editor.next_step.click()
    qtbot.waitUntil(
        lambda: editor.detail is not None and editor.detail.status == "convened", timeout=30_000
    )
    _idle(qtbot, window)
    attendance = editor.attendance
    first_quorum = attendance.quorum.text()
    assert attendance.combos and all(c.isEnabled() for c in attendance.combos)
    attendance.set_status(attendance.model.rows[0], "present")
    qtbot.waitUntil(lambda: attendance.model.rows[0].status == "present", timeout=30_000)
    _idle(qtbot, window)
    attendance.all_present.click()
    qtbot.waitUntil(
        lambda: all(a.status == "present" for a in attendance.model.rows), timeout=30_000
    )
    _idle(qtbot, window)
    assert attendance.quorum.text() != first_quorum
    guest = next(a for a in attendance.model.rows if a.name == "Andrés Felipe Castaño")
    assert guest.role == "permanent_guest" and guest.status == "present" and not guest.has_vote
    assert editor.detail is not None and editor.detail.quorum.can_decide
    # attending remotely, and the arrival time, in the grid: one call each, kept on reload
    from datetime import time as clock

    from PySide6.QtCore import QTime

    first = attendance.model.rows[0]
    attendance.remote_boxes[0].setChecked(True)
    qtbot.waitUntil(lambda: attendance.model.rows[0].remote, timeout=30_000)
    _idle(qtbot, window)
    attendance.arrivals[0].setTime(QTime(9, 15))
    attendance.arrivals[0].editingFinished.emit()
    qtbot.waitUntil(lambda: attendance.model.rows[0].arrival_time == clock(9, 15), timeout=30_000)
    _idle(qtbot, window)
    kept = attendance.model.rows[0]
    assert (kept.membership_id, kept.status, kept.remote) == (first.membership_id, "present", True)
    assert attendance.arrivals[0].time() == QTime(9, 15)  # rebuilt from the stored mark

    # held, minutes draft, then type the deliberation in Spanish
    editor.next_step.click()
    qtbot.waitUntil(
        lambda: editor.detail is not None and editor.detail.status == "held", timeout=30_000
    )
    _idle(qtbot, window)
    editor.next_step.click()
    qtbot.waitUntil(
        lambda: editor.detail is not None and editor.detail.status == "minutes_draft",
        timeout=30_000,
    )
    _idle(qtbot, window)
    minutes = editor.minutes
    editor.tabs.setCurrentWidget(minutes)
    minutes.items.setCurrentRow(0)
    item_id = minutes.current_id
    assert item_id is not None and not minutes.text.isReadOnly()
    minutes.text.setFocus()
    type_text(minutes.text, SENTENCE)
    assert minutes.text.toPlainText() == SENTENCE

    def saved_text() -> str:
        detail = get_session_detail(db, session_id)
        return next(i.deliberation for i in detail.all_agenda_items() if i.id == item_id)

    qtbot.waitUntil(lambda: saved_text() == SENTENCE, timeout=30_000)
    qtbot.waitUntil(lambda: window.save_state.text() == "Todo guardado", timeout=20_000)
    minutes.text.undo()
    assert minutes.text.toPlainText() != SENTENCE

    minutes.text.redo()
    _idle(qtbot, window)

    # a decision with its vote and a commitment
    decisions = editor.decisions
    decisions.text.setText("Aprobar el informe de seguimiento del PAAC")
    decisions.votes["votes_for"].setValue(3)
    decisions.votes["votes_against"].setValue(0)
    decisions.votes["abstentions"].setValue(0)
    decisions.record_button.click()
    qtbot.waitUntil(lambda: decisions.model.rowCount() == 1, timeout=30_000)
    assert decisions.model.rows[0].outcome == "approved"
    _idle(qtbot, window)
    commitments = editor.commitments
    commitments.text.setText("Publicar el informe en la página web")
    commitments.owner.setEditText("Carlos Andrés Peña")
    commitments.add_button.click()
    qtbot.waitUntil(lambda: commitments.model.rowCount() == 1, timeout=30_000)
    assert commitments.model.rows[0].owner == "Carlos Andrés Peña"
    _idle(qtbot, window)

    # review and approve: read-only with a banner
    editor.next_step.click()
    qtbot.waitUntil(
        lambda: editor.detail is not None and editor.detail.status == "under_review", timeout=30_000
    )
    _idle(qtbot, window)
    editor.next_step.click()
    qtbot.waitUntil(
        lambda: editor.detail is not None and editor.detail.status == "approved", timeout=30_000
    )
    _idle(qtbot, window)
    assert editor.banner.isVisible() and "Solo lectura" in editor.banner.text()
    assert minutes.text.isReadOnly()
    assert minutes.pages.currentWidget() is minutes.preview
    assert "Núñez" in minutes.preview.toPlainText()
    assert not agenda.add_button.isEnabled()
    assert not decisions.record_button.isEnabled()
    assert not editor.next_step.isVisible()
    assert list_sessions(db, committee_id=committee_id)[0].status == "approved"
    assert editor.erratum_button.isVisible()
    editor.add_erratum("En el punto 2 donde dice «Núñez» debe decir «Nuñez».")
    qtbot.waitUntil(
        lambda: editor.detail is not None and len(editor.detail.errata) == 1, timeout=30_000
    )
    assert "Fe de erratas registradas: 1" in editor.banner.text()
    _idle(qtbot, window)

    # the pack, exported in the background
    target = tmp_path / "paquete.pdf"
    editor.export("pack", target)
    qtbot.waitUntil(lambda: target.exists(), timeout=60_000)
    _idle(qtbot, window)
    assert target.read_bytes().startswith(b"%PDF")
    assert "PDF guardado" in window.statusBar().currentMessage()


def test_late_convocation_asks_for_a_reason(
    qtbot, window: MainWindow, db: Database, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog

    from mipg_desktop.committees.committees import create_committee
    from mipg_desktop.committees.sessions import create_session

    committee = create_committee(
        db, "Comité Institucional de Gestión y Desempeño", short_name="CIGD"
    )
    summary = create_session(db, committee.id, date.today() + timedelta(days=1))
    asked: list[str] = []

    def answer(_parent, _title, label, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(label)
        return ("Reunión urgente por la auditoría de la Contraloría", True)

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(answer))
    window.session_created(committee.id, summary.year, summary.id)
    editor = window.editors.currentWidget()
    assert isinstance(editor, SessionEditor)
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=30_000)
    editor.next_step.click()
    qtbot.waitUntil(
        lambda: editor.detail is not None and editor.detail.status == "convened", timeout=30_000
    )
    assert asked and "extemporánea" in asked[0]
    assert editor.detail is not None and "Contraloría" in editor.detail.notice_override_reason


def test_reglamento_saved_from_committee_editor(qtbot, window: MainWindow, db: Database) -> None:  # type: ignore[no-untyped-def]
    from mipg_desktop.committees.committees import create_committee
    from mipg_desktop.committees.views import get_committee

    committee = create_committee(
        db, "Comité Institucional de Gestión y Desempeño", short_name="CIGD"
    )
    window.committee_created(committee.id)
    editor = window.editors.currentWidget()
    assert isinstance(editor, CommitteeEditor)
    qtbot.waitUntil(lambda: editor.rules_version is not None, timeout=30_000)
    editor.notice_ordinary.setValue(4)
    editor.majority.setCurrentIndex(editor.majority.findData("absolute_members"))
    editor.tie_breaker.setCurrentIndex(editor.tie_breaker.findData("none"))
    editor.save_rules_button.click()
    qtbot.waitUntil(
        lambda: get_committee(db, committee.id).rules.notice_days_ordinary == 4, timeout=30_000
    )  # type: ignore[union-attr]
    rules = get_committee(db, committee.id).rules
    assert (
        rules is not None
        and rules.majority_kind == "absolute_members"
        and rules.tie_breaker == "none"
    )


def test_member_dialog_reuses_a_registered_person_and_a_refusal_stores_nothing(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database
) -> None:
    from mipg_desktop.committees.committees import create_committee
    from mipg_desktop.committees.views import list_members, list_people

    other = create_committee(db, "Comité de Conciliación", short_name="CC")
    known = add_person(db, "Luz Ángela Gómez", "Jefe Oficina Jurídica", "Oficina Jurídica")
    add_membership(db, other.id, known.id, "president", date(2024, 1, 1))
    cigd = create_committee(db, "Comité Institucional de Gestión y Desempeño", short_name="CIGD")
    add_membership(
        db, cigd.id, add_person(db, "María Fernanda Núñez").id, "president", date(2024, 1, 1)
    )
    window.committee_created(cigd.id)
    editor = window.editors.currentWidget()
    assert isinstance(editor, CommitteeEditor)
    qtbot.waitUntil(lambda: editor.members.rowCount() == 1, timeout=30_000)

    editor.add_member_button.click()
    dialog = find_dialog(MemberDialog)
    assert isinstance(dialog, MemberDialog)
    qtbot.waitUntil(lambda: bool(dialog.people), timeout=30_000)
    completer = dialog.full_name.completer()
    offered = [completer.model().index(r, 0).data() for r in range(completer.model().rowCount())]
    assert offered == ["Luz Ángela Gómez — Jefe Oficina Jurídica"]  # not the sitting president
    dialog.full_name.setText("luz ángela gómez ")  # as typed: case and spaces do not matter
    completer.setCompletionPrefix("luz")
    completer.activated[QModelIndex].emit(completer.completionModel().index(0, 0))
    assert dialog.position.text() == "Jefe Oficina Jurídica"
    dialog.role.setCurrentIndex(dialog.role.findData("voting_member"))
    dialog.accept()
    qtbot.waitUntil(lambda: editor.members.rowCount() == 2, timeout=30_000)
    joined = next(m for m in list_members(db, cigd.id) if m.name == "Luz Ángela Gómez")
    assert joined.person_id == known.id
    people = len(list_people(db))

    editor.add_member_button.click()
    dialog = find_dialog(MemberDialog)
    assert isinstance(dialog, MemberDialog)
    dialog.full_name.setText("Otro Presidente")
    dialog.role.setCurrentIndex(dialog.role.findData("president"))
    dialog.accept()
    qtbot.waitUntil(lambda: bool(window.findChildren(QMessageBox, "userErrorBox")), timeout=30_000)
    window.runner.wait_idle()
    assert len(list_people(db)) == people  # the refused member left no person behind
    assert len(list_members(db, cigd.id)) == 2


def test_undo_redo_of_agenda_and_commitment(qtbot, window: MainWindow, db: Database) -> None:  # type: ignore[no-untyped-def]
    from mipg_desktop.committees.committees import create_committee
    from mipg_desktop.committees.sessions import convene, create_session

    committee = create_committee(
        db, "Comité Institucional de Gestión y Desempeño", short_name="CIGD"
    )
    person = add_person(db, "Gloria Parra")
    add_membership(db, committee.id, person.id, "president", date(2024, 1, 1))
    summary = create_session(db, committee.id, date.today() + timedelta(days=20))
    convene(db, summary.id)
    window.session_created(committee.id, summary.year, summary.id)
    editor = window.editors.currentWidget()
    assert isinstance(editor, SessionEditor)
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=30_000)
    _idle(qtbot, window)

    def titles() -> list[str]:
        return [r.item.title for r in editor.agenda.model.rows]

    start = titles()
    editor.agenda.table.selectRow(1)
    editor.agenda.step(-1)
    qtbot.waitUntil(lambda: titles() != start, timeout=30_000)
    _idle(qtbot, window)
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: titles() == start, timeout=30_000)
    _idle(qtbot, window)
    window.undo_stack.redo()
    qtbot.waitUntil(lambda: titles()[0] == start[1], timeout=30_000)
    _idle(qtbot, window)

    panel = editor.commitments
    panel.text.setText("Enviar el acta a los integrantes")
    panel.owner.setEditText("Gloria Parra")
    panel.add_button.click()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=30_000)
    _idle(qtbot, window)
    assert window.undo_stack.undoText().startswith("Agregar el compromiso")
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=30_000)
    _idle(qtbot, window)
    window.undo_stack.redo()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=30_000)
    _idle(qtbot, window)


def test_text_block_inserted_with_placeholders(qtbot, window: MainWindow, db: Database) -> None:  # type: ignore[no-untyped-def]
    from mipg_desktop.committees.committees import create_committee
    from mipg_desktop.committees.sessions import convene, create_session, mark_held, start_minutes

    committee = create_committee(
        db, "Comité Institucional de Gestión y Desempeño", short_name="CIGD"
    )
    for name, role in (("Gloria Parra", "president"), ("Iván Rojas", "voting_member")):
        person = add_person(db, name)
        add_membership(db, committee.id, person.id, role, date(2024, 1, 1))
    summary = create_session(db, committee.id, date.today() + timedelta(days=20))
    convene(db, summary.id)
    mark_held(db, summary.id)
    start_minutes(db, summary.id)
    window.session_created(committee.id, summary.year, summary.id)
    editor = window.editors.currentWidget()
    assert isinstance(editor, SessionEditor)
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=30_000)
    _idle(qtbot, window)
    minutes = editor.minutes
    editor.tabs.setCurrentWidget(minutes)
    minutes.items.setCurrentRow(0)
    qtbot.waitUntil(lambda: minutes.blocks.count() > 0, timeout=30_000)
    index = minutes.blocks.findText("Verificación del quórum")
    assert index >= 0
    minutes.blocks.setCurrentIndex(index)
    minutes.insert_block.click()
    qtbot.waitUntil(lambda: "Se verificó el quórum" in minutes.text.toPlainText(), timeout=30_000)
    assert "{presentes}" not in minutes.text.toPlainText()
    _idle(qtbot, window)


def test_session_details_saved(qtbot, window: MainWindow, db: Database) -> None:  # type: ignore[no-untyped-def]
    from mipg_desktop.committees.committees import create_committee
    from mipg_desktop.committees.sessions import create_session

    committee = create_committee(
        db, "Comité Institucional de Gestión y Desempeño", short_name="CIGD"
    )
    day = date.today() + timedelta(days=20)
    summary = create_session(db, committee.id, day)
    window.session_created(committee.id, summary.year, summary.id)
    editor = window.editors.currentWidget()
    assert isinstance(editor, SessionEditor)
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=30_000)
    _idle(qtbot, window)
    details = editor.details
    details.modality.setCurrentIndex(details.modality.findData("virtual"))
    details.platform.setText("https://meet.example.gov.co/cigd")
    details.start.setTime(QTime(9, 0))
    details.end.setTime(QTime(11, 30))
    details.has_next.setChecked(True)
    nxt = day + timedelta(days=90)
    details.next_date.setDate(QDate(nxt.year, nxt.month, nxt.day))
    details.save_button.click()
    qtbot.waitUntil(
        lambda: get_session_detail(db, summary.id).modality == "virtual", timeout=30_000
    )
    saved = get_session_detail(db, summary.id)
    assert saved.platform == "https://meet.example.gov.co/cigd"
    assert saved.next_meeting_date == nxt and saved.end_time is not None
    assert saved.end_time.hour == 11 and saved.end_time.minute == 30
    _idle(qtbot, window)


def test_guest_and_member_retirement(qtbot, window: MainWindow, db: Database) -> None:  # type: ignore[no-untyped-def]
    from mipg_desktop.committees.committees import create_committee
    from mipg_desktop.committees.sessions import convene, create_session

    committee = create_committee(
        db, "Comité Institucional de Gestión y Desempeño", short_name="CIGD"
    )
    for name, role in (("Gloria Parra", "president"), ("Iván Rojas", "voting_member")):
        person = add_person(db, name)
        add_membership(db, committee.id, person.id, role, date(2024, 1, 1))
    window.committee_created(committee.id)
    committee_editor = window.editors.currentWidget()
    assert isinstance(committee_editor, CommitteeEditor)
    qtbot.waitUntil(lambda: committee_editor.members.rowCount() == 2, timeout=30_000)
    row = next(i for i, m in enumerate(committee_editor.members.rows) if m.name == "Iván Rojas")
    committee_editor.table.selectRow(row)
    committee_editor.end_member(date.today() - timedelta(days=1))
    qtbot.waitUntil(lambda: committee_editor.members.rowCount() == 1, timeout=30_000)
    _idle(qtbot, window)

    summary = create_session(db, committee.id, date.today() + timedelta(days=20))
    convene(db, summary.id)
    window.session_created(committee.id, summary.year, summary.id)
    editor = window.editors.currentWidget()
    assert isinstance(editor, SessionEditor)
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=30_000)
    _idle(qtbot, window)
    editor.attendance.add_guest("Marta Lucía Díaz", "Contraloría Departamental")
    qtbot.waitUntil(lambda: "Marta Lucía Díaz" in editor.attendance.guests.text(), timeout=30_000)
    assert [a.name for a in editor.attendance.model.rows] == ["Gloria Parra"]
    _idle(qtbot, window)
