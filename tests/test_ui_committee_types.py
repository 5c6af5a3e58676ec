"""Committee types in the window, by clicks and keys: a CICCI created from its type (the
source shown), its modality rules edited in the committee editor, a session scheduled from
one of its agenda templates in a modality outside the rules (the reason asked, as a late
convocation's is), and the commitments tracker showing both committees with a filter."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QInputDialog
from test_ui_commitments import open_tracker
from ui_support import TIMEOUT, click, dialog, idle, in_dialog_later, keys, replace_text

from mipg_desktop.committees.commitments import add_commitment
from mipg_desktop.committees.sessions import create_session
from mipg_desktop.committees.types import create_from_type
from mipg_desktop.committees.views import get_committee, get_session_detail, list_committees
from mipg_desktop.storage.database import Database
from ui.committee_dialogs import CommitteeDialog, SessionDialog
from ui.committee_editor import CommitteeEditor
from ui.main_window import MainWindow
from ui.session_editor import SessionEditor

pytestmark = pytest.mark.qt


def choose(qtbot: Any, box: QComboBox, value: object) -> None:
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    for _step in range(box.count()):
        if box.currentData() == value:
            return
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentData() == value, value


def _new_cicci(qtbot: Any, window: MainWindow) -> CommitteeEditor:
    keys(qtbot, window, "Ctrl+Shift+N")
    new = dialog(qtbot, CommitteeDialog)
    assert new.committee_type.currentData() == "CIGD"  # the first type, as before
    assert "2.2.22.3.8" in new.type_source.text()
    choose(qtbot, new.committee_type, "CICCI")
    assert new.name.text() == "Comité Institucional de Coordinación de Control Interno"
    assert new.short_name.text() == "CICCI"
    shown = new.type_source.text()
    assert "Ley 87 de 1993 art. 13" in shown and "Jefe de Control Interno" in shown
    replace_text(qtbot, new.creation_act, "Resolución 010 de 2018")
    click(qtbot, new.buttons.button(new.buttons.StandardButton.Ok))
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), CommitteeEditor), timeout=TIMEOUT
    )
    editor = window.editors.currentWidget()
    assert isinstance(editor, CommitteeEditor)
    idle(qtbot, window)
    return editor


def test_a_cicci_from_its_type_with_its_modality_rules_and_a_templated_session(
    qtbot: Any, window: MainWindow, db: Database
) -> None:
    editor = _new_cicci(qtbot, window)
    (made,) = list_committees(db)
    assert made.type_code == "CICCI" and made.kind == "internal_control"
    rules = get_committee(db, made.id).rules
    assert rules is not None and rules.periodicity_months == 6

    # the reglamento's modalities: virtual only for public-order reasons, mixed never
    box = editor.modality_rules
    assert box.allowed["virtual"].currentData() == "always"
    assert not box.condition["virtual"].isVisible()  # asked only when conditional
    assert "CPACA" in box.allowed["virtual"].toolTip()
    choose(qtbot, box.allowed["virtual"], "conditional")
    assert box.condition["virtual"].isVisible() and not box.condition["mixed"].isVisible()
    replace_text(qtbot, box.condition["virtual"], "razones de orden público")
    choose(qtbot, box.allowed["mixed"], "never")
    click(qtbot, box.save_button)
    idle(qtbot, window)
    saved = {r["modality"]: r for r in get_committee(db, made.id).rules.modality_rules}  # type: ignore[union-attr]
    assert saved["virtual"]["allowed"] == "conditional"
    assert saved["virtual"]["condition"] == "razones de orden público"
    assert saved["mixed"]["allowed"] == "never"
    assert saved["virtual"]["source"] == "Reglamento del comité"
    assert "CPACA" in saved["in_person"]["source"] or saved["in_person"]["source"]

    # a session from the audit-plan template, virtual: the reason is asked first
    click(qtbot, editor.new_session_button)
    session = dialog(qtbot, SessionDialog)
    replace_text(qtbot, session.session_date.line, "12/02/2026")
    replace_text(qtbot, session.start.line, "9:00")
    choose(qtbot, session.modality, "virtual")
    choose(qtbot, session.agenda_template, "CICCI_PLAN_AUDITORIA")
    asked: list[str] = []

    def cancel(ask: QInputDialog) -> None:
        asked.append(ask.labelText())
        ask.reject()

    in_dialog_later(QInputDialog, cancel, "askTextDialog")
    click(qtbot, session.buttons.button(session.buttons.StandardButton.Ok))
    assert asked and "solo si: razones de orden público" in asked[0]
    assert session.isVisible() and "orden público" in session.error.text()
    assert all(c.session_count == 0 for c in list_committees(db))

    def answer(ask: QInputDialog) -> None:
        ask.setTextValue("Alteración del orden público en Tunja")
        ask.accept()

    in_dialog_later(QInputDialog, answer, "askTextDialog")
    click(qtbot, session.buttons.button(session.buttons.StandardButton.Ok))
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), SessionEditor), timeout=TIMEOUT
    )
    opened = window.editors.currentWidget()
    assert isinstance(opened, SessionEditor)
    idle(qtbot, window)
    detail = get_session_detail(db, opened.session_id)
    assert detail.modality == "virtual"
    assert detail.modality_reason == "Alteración del orden público en Tunja"
    # the secretary sees the reason given, under the session's facts
    qtbot.waitUntil(lambda: "motivo" in opened.facts.text(), timeout=TIMEOUT)
    assert "motivo: Alteración del orden público en Tunja" in opened.facts.text()
    assert "Aprobación del Plan Anual de Auditoría" in [i.title for i in detail.agenda]


def test_convening_a_session_moved_to_a_modality_outside_the_rules_asks_the_reason(
    qtbot: Any, window: MainWindow, db: Database
) -> None:
    cicci = create_from_type(db, "CICCI")
    from mipg_desktop.committees.modality import save_modality_rules
    from mipg_desktop.committees.sessions import update_session

    version = get_committee(db, cicci.id).rules.version  # type: ignore[union-attr]
    save_modality_rules(
        db,
        cicci.id,
        [{"modality": "mixed", "allowed": "never", "condition": "", "source": ""}],
        expected_version=version,
    )
    day = date.today() + timedelta(days=30)
    s = create_session(db, cicci.id, day)
    update_session(db, s.id, expected_version=s.version, modality="mixed")
    window.session_created(cicci.id, day.year, s.id)
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), SessionEditor), timeout=TIMEOUT
    )
    editor = window.editors.currentWidget()
    assert isinstance(editor, SessionEditor)
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=TIMEOUT)
    asked: list[str] = []

    def answer(ask: QInputDialog) -> None:
        asked.append(ask.labelText())
        ask.setTextValue("La sala principal está en obra")
        ask.accept()

    in_dialog_later(QInputDialog, answer, "askTextDialog")
    click(qtbot, editor.next_step)  # «Convocar»
    qtbot.waitUntil(lambda: get_session_detail(db, s.id).status == "convened", timeout=TIMEOUT)
    idle(qtbot, window)
    assert asked and "no permite la modalidad mixta" in asked[0]
    assert get_session_detail(db, s.id).modality_reason == "La sala principal está en obra"


def test_the_tracker_shows_the_commitments_of_both_committees_and_filters_them(
    qtbot: Any, window: MainWindow, db: Database
) -> None:
    cigd = create_from_type(db, "CIGD")
    cicci = create_from_type(db, "CICCI")
    a = create_session(db, cigd.id, date(2026, 3, 12))
    b = create_session(db, cicci.id, date(2026, 2, 12), agenda_template="CICCI_PLAN_AUDITORIA")
    add_commitment(db, a.id, "Publicar el Plan de Acción", "Planeación")
    add_commitment(db, b.id, "Ajustar el Plan Anual de Auditoría", "Control Interno")
    tracker = open_tracker(qtbot, window)
    qtbot.waitUntil(lambda: tracker.model.rowCount() == 2, timeout=TIMEOUT)
    headers = [
        tracker.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(tracker.model.columnCount())
    ]
    column = headers.index("Comité")
    shown = {
        tracker.model.index(r, column).data(): tracker.model.index(r, 1).data()
        for r in range(tracker.model.rowCount())
    }
    assert shown == {
        "CIGD": "Publicar el Plan de Acción",
        "CICCI": "Ajustar el Plan Anual de Auditoría",
    }
    choose(qtbot, tracker.committee, cicci.id)
    qtbot.waitUntil(lambda: tracker.model.rowCount() == 1, timeout=TIMEOUT)
    assert tracker.model.index(0, 1).data() == "Ajustar el Plan Anual de Auditoría"
    choose(qtbot, tracker.committee, None)
    qtbot.waitUntil(lambda: tracker.model.rowCount() == 2, timeout=TIMEOUT)


def test_a_virtual_session_is_not_proposed_the_boardroom_as_its_place(
    qtbot: Any, window: MainWindow, db: Database
) -> None:
    cicci = create_from_type(db, "CICCI")
    window.committee_created(cicci.id)
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), CommitteeEditor), timeout=TIMEOUT
    )
    editor = window.editors.currentWidget()
    assert isinstance(editor, CommitteeEditor)
    idle(qtbot, window)
    click(qtbot, editor.new_session_button)
    session = dialog(qtbot, SessionDialog)
    assert session.place.text() == "Sala de juntas"  # proposed for an in-person session
    choose(qtbot, session.modality, "virtual")
    assert session.place.text() == ""  # a virtual session has no room
    choose(qtbot, session.modality, "in_person")
    assert session.place.text() == "Sala de juntas"
    replace_text(qtbot, session.place, "Auditorio del piso 3")
    choose(qtbot, session.modality, "virtual")
    assert session.place.text() == "Auditorio del piso 3"  # what the secretary typed stays
    replace_text(qtbot, session.place, "")
    replace_text(qtbot, session.session_date.line, "12/02/2026")
    replace_text(qtbot, session.start.line, "9:00")
    click(qtbot, session.buttons.button(session.buttons.StandardButton.Ok))
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), SessionEditor), timeout=TIMEOUT
    )
    opened = window.editors.currentWidget()
    assert isinstance(opened, SessionEditor)
    idle(qtbot, window)
    detail = get_session_detail(db, opened.session_id)
    assert detail.modality == "virtual" and not detail.place


def test_a_new_committee_proposes_the_type_the_entity_does_not_have_yet(
    qtbot: Any, window: MainWindow, db: Database
) -> None:
    create_from_type(db, "CIGD")
    keys(qtbot, window, "Ctrl+Shift+N")
    new = dialog(qtbot, CommitteeDialog)
    assert new.committee_type.currentData() == "CICCI"  # not a second CIGD
    assert new.short_name.text() == "CICCI"
    assert "Ley 87 de 1993" in new.type_source.text()
    choose(qtbot, new.committee_type, "CIGD")  # still there, for who needs it
    assert new.short_name.text() == "CIGD"
    new.reject()


def test_on_a_small_screen_the_tracker_keeps_room_for_the_commitment_itself(
    qtbot: Any, window: MainWindow, db: Database
) -> None:
    cigd = create_from_type(db, "CIGD")
    cicci = create_from_type(db, "CICCI")
    a = create_session(db, cigd.id, date(2026, 3, 12))
    b = create_session(db, cicci.id, date(2026, 2, 12))
    unit = "Subdirección de Fomento, Patrimonio Cultural y Turismo Sostenible del Departamento"
    add_commitment(db, a.id, "Publicar el Plan de Acción en la sede electrónica", unit)
    add_commitment(db, b.id, "Ajustar el Plan Anual de Auditoría", "Oficina de Control Interno")
    window.resize(1024, 600)
    tracker = open_tracker(qtbot, window)
    qtbot.waitUntil(lambda: tracker.model.rowCount() == 2, timeout=TIMEOUT)
    idle(qtbot, window)
    table = tracker.table
    text, who = table.columnWidth(1), table.columnWidth(2)
    assert text >= 0.25 * table.viewport().width(), (text, who, table.viewport().width())
    assert text > who
    window.resize(1366, 768)  # on a wide screen the unit has its full width again
    qtbot.waitUntil(lambda: table.columnWidth(2) == 240, timeout=TIMEOUT)
    assert table.columnWidth(1) > 300


def test_the_committee_page_shows_what_its_type_says_with_the_sources(
    qtbot: Any, window: MainWindow, db: Database
) -> None:
    editor = _new_cicci(qtbot, window)
    qtbot.waitUntil(lambda: editor.type_defaults.isVisible(), timeout=TIMEOUT)
    shown = editor.type_defaults.text()
    assert "Según su tipo (CICCI)" in shown
    assert "Preside: Representante legal de la entidad" in shown
    assert "Secretaría técnica: Jefe de Control Interno" in shown
    assert "Invitados permanentes: ninguno" in shown
    assert "Aprueba: Plan Anual de Auditoría" in shown
    assert "2.2.21.1.6" in editor.type_defaults.toolTip()  # where each default comes from


def test_the_committee_page_says_its_quorum_rule(
    qtbot: Any, window: MainWindow, db: Database
) -> None:
    editor = _new_cicci(qtbot, window)
    qtbot.waitUntil(lambda: "Quórum" in editor.rules.text(), timeout=TIMEOUT)
    assert (
        "Quórum para deliberar y decidir: la mitad más uno de los integrantes con voto"
        in editor.rules.text()
    )
