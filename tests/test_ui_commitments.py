"""The commitments tracker: filters by status, owner, committee and overdue; status updates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

pytest.importorskip("PySide6")

from mipg_desktop.committees.commitments import add_commitment
from mipg_desktop.committees.committees import create_committee
from mipg_desktop.committees.people import add_membership, add_person
from mipg_desktop.committees.sessions import convene, create_session
from mipg_desktop.committees.views import list_commitments
from mipg_desktop.storage.database import Database
from ui.commitments_view import CommitmentsTracker
from ui.tasks import TaskRunner

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


def test_tracker_filters_and_updates(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    cigd, _cicci = _data(db)
    runner = TaskRunner()
    tracker = CommitmentsTracker(db, runner)
    qtbot.addWidget(tracker)
    tracker.load()
    qtbot.waitUntil(lambda: tracker.model.rowCount() == 3, timeout=30_000)
    assert tracker.summary.text() == "3 compromisos; 1 vencido"
    tracker.overdue_only.setChecked(True)
    qtbot.waitUntil(lambda: tracker.model.rowCount() == 1, timeout=30_000)
    assert tracker.model.row(0).text == "Publicar el plan anticorrupción"
    assert tracker.model.row(0).status_label == "Vencido"
    tracker.overdue_only.setChecked(False)
    tracker.committee.setCurrentIndex(tracker.committee.findData(cigd))
    qtbot.waitUntil(lambda: tracker.model.rowCount() == 2, timeout=30_000)
    tracker.owner.setText("secretaria")  # accents and case ignored
    qtbot.waitUntil(lambda: tracker.model.rowCount() == 1, timeout=30_000)
    assert tracker.model.row(0).owner == "Secretaría General"
    tracker.table.selectRow(0)
    tracker.new_status.setCurrentIndex(tracker.new_status.findData("in_progress"))
    tracker.new_progress.setValue(60)
    tracker.update_button.click()
    qtbot.waitUntil(
        lambda: tracker.model.rowCount() == 1 and tracker.model.row(0).progress == 60,
        timeout=30_000,
    )
    stored = next(c for c in list_commitments(db) if c.owner == "Secretaría General")
    assert stored.status == "in_progress" and stored.progress == 60
    tracker.table.selectRow(0)
    tracker.new_progress.setValue(80)
    tracker.note.setText("Se envió el borrador de la política a revisión jurídica")
    tracker.follow_button.click()
    qtbot.waitUntil(
        lambda: tracker.model.rowCount() == 1 and bool(tracker.model.row(0).follow_ups),
        timeout=30_000,
    )
    follow = tracker.model.row(0).follow_ups[-1]
    assert follow.note.startswith("Se envió el borrador") and follow.progress == 80
    runner.wait_idle()


def test_policy_node_lists_open_commitments_and_opens_the_tracker_on_one(  # type: ignore[no-untyped-def]
    qtbot, db: Database, tmp_path
) -> None:
    from PySide6.QtCore import QSettings, Qt

    from mipg_desktop.catalog import get_catalog
    from mipg_desktop.committees.agenda import add_agenda_item
    from mipg_desktop.committees.commitments import set_commitment_status
    from mipg_desktop.entity_profile import save_entity
    from ui.app_settings import AppSettings
    from ui.main_window import MainWindow
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
    set_commitment_status(db, done.id, "done")
    settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(db, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.is_ready, timeout=30_000)
    policy = window.reveal(
        (ROOT_MIPG, None), ("dimension", integrity.dimension_code), ("policy", "integridad")
    )
    window.tree_model.fetchMore(policy)
    children = [
        window.tree_model.index(r, 0, policy) for r in range(window.tree_model.rowCount(policy))
    ]
    labels = [window.tree_model.data(i) for i in children]
    assert labels == ["Compromiso: Socializar el código (Vencido)"]  # the done one is not listed
    assert window.tree_model.data(children[0], Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOR
    window.tree.setCurrentIndex(children[0])
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), CommitmentsTracker), timeout=20_000
    )
    tracker = window.editors.currentWidget()
    assert isinstance(tracker, CommitmentsTracker)
    qtbot.waitUntil(lambda: tracker.table.currentIndex().isValid(), timeout=20_000)
    assert tracker.policy.currentData() == "integridad"
    assert tracker.filters()["policy_code"] == "integridad"
    assert [tracker.model.row(r).text for r in range(tracker.model.rowCount())] == [
        "Socializar el código",
        "Firmar el acta de compromiso",
    ]
    shown = tracker.model.row(tracker.proxy.mapToSource(tracker.table.currentIndex()))
    assert shown.id == late.id
    window.runner.wait_idle()
