"""The commitments tracker, used with the mouse and keys: filters by status, owner, committee,
overdue and policy; status, progress and follow-ups recorded; a change made elsewhere is not
overwritten; the Excel export applies the filters shown."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from ui_support import TIMEOUT, click, idle, keys, replace_text, tick, user_errors

from mipg_desktop.committees.commitments import add_commitment, set_commitment_status
from mipg_desktop.committees.committees import create_committee
from mipg_desktop.committees.people import add_membership, add_person
from mipg_desktop.committees.sessions import convene, create_session
from mipg_desktop.committees.views import list_commitments
from mipg_desktop.entity_profile import save_entity
from mipg_desktop.storage.database import Database
from ui import file_dialogs
from ui.commitments_view import CommitmentsTracker
from ui.main_window import MainWindow
from ui.navigation import ROOT_COMMITMENTS

pytestmark = pytest.mark.qt


def _data(db: Database) -> tuple[int, int]:
    today = date.today()
    ids = []
    for name, short in (
        ("Comité Institucional de Gestión y Desempeño", "CIGD"),
        ("Comité de Coordinación de Control Interno", "CICCI"),
    ):
        committee = create_committee(db, name, short_name=short)
        person = add_person(db, f"Presidencia {short}")
        add_membership(db, committee.id, person.id, "president", date(2024, 1, 1))
        session = create_session(db, committee.id, today - timedelta(days=30))
        convene(db, session.id, convened_on=today - timedelta(days=45))
        ids.append((committee.id, session.id))
    (cigd, s1), (cicci, s2) = ids
    add_commitment(
        db,
        s1,
        "Publicar el plan anticorrupción",
        "Oficina de Planeación",
        today - timedelta(days=5),
    )
    add_commitment(
        db,
        s1,
        "Actualizar la política de gestión documental",
        "Secretaría General",
        today + timedelta(days=30),
    )
    add_commitment(
        db, s2, "Presentar el informe de auditoría", "Control Interno", today + timedelta(days=10)
    )
    return cigd, cicci


def open_tracker(qtbot: Any, window: MainWindow) -> CommitmentsTracker:
    index = window.reveal((ROOT_COMMITMENTS, None))
    qtbot.mouseClick(
        window.tree.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.tree.visualRect(index).center(),
    )
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), CommitmentsTracker), timeout=TIMEOUT
    )
    tracker = window.editors.currentWidget()
    assert isinstance(tracker, CommitmentsTracker)
    idle(qtbot, window)
    return tracker


def choose(qtbot: Any, box: QComboBox, value: object) -> None:
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    while box.currentData() != value:
        qtbot.keyClick(box, Qt.Key.Key_Down)


def select_first(qtbot: Any, tracker: CommitmentsTracker) -> None:
    qtbot.mouseClick(
        tracker.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=tracker.table.visualRect(tracker.proxy.index(0, 1)).center(),
    )


def test_tracker_filters_and_updates(
    qtbot, window: MainWindow, db: Database, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    save_entity(db, expected_version=None, name="Secretaría Distrital de Prueba")
    cigd, _cicci = _data(db)
    tracker = open_tracker(qtbot, window)
    qtbot.waitUntil(lambda: tracker.model.rowCount() == 3, timeout=TIMEOUT)
    assert tracker.summary.text() == "3 compromisos; 1 vencido"
    tick(qtbot, tracker.overdue_only)
    qtbot.waitUntil(lambda: tracker.model.rowCount() == 1, timeout=TIMEOUT)
    assert tracker.model.row(0).status_label == "Vencido"
    tick(qtbot, tracker.overdue_only)
    choose(qtbot, tracker.committee, cigd)
    qtbot.waitUntil(lambda: tracker.model.rowCount() == 2, timeout=TIMEOUT)
    replace_text(qtbot, tracker.owner, "secretaria")  # accents and case ignored
    qtbot.waitUntil(lambda: tracker.model.rowCount() == 1, timeout=TIMEOUT)
    idle(qtbot, window)
    select_first(qtbot, tracker)
    choose(qtbot, tracker.new_status, "in_progress")
    replace_text(qtbot, tracker.new_progress, "60")
    click(qtbot, tracker.update_button)
    qtbot.waitUntil(lambda: tracker.model.row(0).progress == 60, timeout=TIMEOUT)
    idle(qtbot, window)
    stored = next(c for c in list_commitments(db) if c.owner == "Secretaría General")
    assert stored.status == "in_progress" and stored.progress == 60
    select_first(qtbot, tracker)
    replace_text(qtbot, tracker.new_progress, "80")
    replace_text(qtbot, tracker.note, "Se envió el borrador de la política a revisión jurídica")
    click(qtbot, tracker.follow_button)
    qtbot.waitUntil(lambda: bool(tracker.model.row(0).follow_ups), timeout=TIMEOUT)
    idle(qtbot, window)
    follow = tracker.model.row(0).follow_ups[-1]
    assert follow.note.startswith("Se envió el borrador") and follow.progress == 80
    assert tracker.note.text() == ""
    keys(qtbot, tracker.table, "Ctrl+Z")  # the follow-up is undone
    qtbot.waitUntil(lambda: not tracker.model.row(0).follow_ups, timeout=TIMEOUT)
    idle(qtbot, window)
    # the Excel export, with the filters shown
    target = tmp_path / "compromisos.xlsx"
    monkeypatch.setattr(
        file_dialogs, "get_save_file_name", staticmethod(lambda *a, **k: (str(target), ""))
    )
    click(qtbot, tracker.export_button)
    qtbot.waitUntil(target.exists, timeout=TIMEOUT)
    idle(qtbot, window)
    from openpyxl import load_workbook

    rows = [r for r in load_workbook(target).active.iter_rows(values_only=True) if any(r)]
    assert any("Actualizar la política de gestión documental" in str(r) for r in rows)
    assert not any("informe de auditoría" in str(r) for r in rows)


def test_a_status_changed_elsewhere_is_not_overwritten(
    qtbot, window: MainWindow, db: Database
) -> None:  # type: ignore[no-untyped-def]
    _data(db)
    tracker = open_tracker(qtbot, window)
    qtbot.waitUntil(lambda: tracker.model.rowCount() == 3, timeout=TIMEOUT)
    select_first(qtbot, tracker)
    shown = tracker.model.row(tracker.proxy.mapToSource(tracker.table.currentIndex()))
    set_commitment_status(db, shown.id, "done", expected_version=shown.version)  # elsewhere
    choose(qtbot, tracker.new_status, "cancelled")
    click(qtbot, tracker.update_button)
    qtbot.waitUntil(lambda: bool(user_errors(window)), timeout=TIMEOUT)
    idle(qtbot, window)
    assert "Otra persona modificó" in user_errors(window)[0]
    assert next(c for c in list_commitments(db) if c.id == shown.id).status == "done"


def test_policy_node_lists_open_commitments_and_opens_the_tracker_on_one(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database
) -> None:
    from mipg_desktop.catalog import get_catalog
    from mipg_desktop.committees.agenda import add_agenda_item
    from ui.models.tree import OVERDUE_COLOR
    from ui.navigation import ROOT_MIPG

    save_entity(db, expected_version=None, name="Secretaría Distrital de Prueba")
    _data(db)
    session_id = list_commitments(db)[0].session_id
    integrity = next(p for p in get_catalog(db).policies() if p.code == "integridad")
    item = add_agenda_item(db, session_id, "Código de integridad", policy_ids=[integrity.id])
    late = add_commitment(
        db,
        session_id,
        "Socializar el código",
        "Talento Humano",
        date.today() - timedelta(days=1),
        agenda_item_id=item.id,
    )
    done = add_commitment(
        db, session_id, "Firmar el acta de compromiso", "Talento Humano", agenda_item_id=item.id
    )
    set_commitment_status(db, done.id, "done", expected_version=done.version)
    window.refresh()
    idle(qtbot, window)
    policy = window.reveal(
        (ROOT_MIPG, None), ("dimension", integrity.dimension_code), ("policy", "integridad")
    )
    window.tree.expand(policy)
    qtbot.waitUntil(lambda: window.tree_model.rowCount(policy) > 0, timeout=TIMEOUT)
    children = [
        window.tree_model.index(r, 0, policy) for r in range(window.tree_model.rowCount(policy))
    ]
    labels = [window.tree_model.data(i) for i in children]
    assert labels == ["Compromiso: Socializar el código (Vencido)"]  # the done one is not listed
    assert window.tree_model.data(children[0], Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOR
    qtbot.mouseClick(
        window.tree.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.tree.visualRect(children[0]).center(),
    )
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), CommitmentsTracker), timeout=TIMEOUT
    )
    tracker = window.editors.currentWidget()
    assert isinstance(tracker, CommitmentsTracker)
    qtbot.waitUntil(lambda: tracker.table.currentIndex().isValid(), timeout=TIMEOUT)
    assert tracker.policy.currentData() == "integridad"
    assert [tracker.model.row(r).text for r in range(tracker.model.rowCount())] == [
        "Socializar el código",
        "Firmar el acta de compromiso",
    ]
    shown = tracker.model.row(tracker.proxy.mapToSource(tracker.table.currentIndex()))
    assert shown.id == late.id
