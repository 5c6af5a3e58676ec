"""Session packages and the commitments spreadsheet, one click from where the user is."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings

from mipg_desktop.committees.commitments import add_commitment
from mipg_desktop.committees.committees import create_committee
from mipg_desktop.committees.people import add_membership, add_person
from mipg_desktop.committees.sessions import convene, create_session
from mipg_desktop.entity_profile import save_entity
from mipg_desktop.storage.database import Database
from ui.app_settings import AppSettings
from ui.commitments_view import CommitmentsTracker
from ui.main_window import MainWindow
from ui.navigation import ROOT_COMMITMENTS
from ui.packages import import_package
from ui.session_editor import SessionEditor

pytestmark = pytest.mark.qt


@pytest.fixture
def window(qtbot, db: Database, tmp_path: Path):  # type: ignore[no-untyped-def]
    save_entity(db, expected_version=None, name="Instituto Departamental de Cultura y Turismo")
    settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    win = MainWindow(db, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.is_ready, timeout=30_000)
    yield win
    win.runner.wait_idle()


def test_session_package_and_commitments_excel(
    qtbot, window: MainWindow, db: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    committee = create_committee(
        db, "Comité Institucional de Gestión y Desempeño", short_name="CIGD"
    )
    person = add_person(db, "Gloria Esperanza Parra")
    add_membership(db, committee.id, person.id, "president", date(2024, 1, 1))
    summary = create_session(db, committee.id, date.today() + timedelta(days=20))
    convene(db, summary.id)
    add_commitment(db, summary.id, "Publicar el informe de gestión", "Secretaría General")
    window.session_created(committee.id, summary.year, summary.id)
    editor = window.editors.currentWidget()
    assert isinstance(editor, SessionEditor)
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=30_000)
    package = tmp_path / "acta.mipgsesion"
    editor.export_package(package)
    qtbot.waitUntil(package.exists, timeout=30_000)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=30_000)
    assert "Paquete de «Acta No. 01" in window.statusBar().currentMessage()
    import_package(window, package)
    qtbot.waitUntil(lambda: "sin cambios" in window.statusBar().currentMessage(), timeout=30_000)

    window.reveal((ROOT_COMMITMENTS, None))
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), CommitmentsTracker), timeout=5000
    )
    tracker = window.editors.currentWidget()
    assert isinstance(tracker, CommitmentsTracker)
    sheet = tmp_path / "compromisos.xlsx"
    tracker.export_excel(sheet)
    qtbot.waitUntil(sheet.exists, timeout=30_000)
    from openpyxl import load_workbook

    qtbot.waitUntil(lambda: not window.runner.busy, timeout=30_000)
    text = " ".join(
        str(c) for row in load_workbook(sheet).active.iter_rows(values_only=True) for c in row if c
    )
    assert "Publicar el informe de gestión" in text


def test_attachment_added_to_agenda_item(
    qtbot, window: MainWindow, db: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from mipg_desktop.committees.views import get_session_detail

    committee = create_committee(
        db, "Comité Institucional de Gestión y Desempeño", short_name="CIGD"
    )
    summary = create_session(db, committee.id, date.today() + timedelta(days=20))
    window.session_created(committee.id, summary.year, summary.id)
    editor = window.editors.currentWidget()
    assert isinstance(editor, SessionEditor)
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=30_000)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=30_000)
    annex = tmp_path / "Informe de gestión (trimestre III).csv"
    annex.write_text("meta;avance\nPINAR;80 %\n", encoding="utf-8")
    editor.agenda.table.selectRow(0)
    editor.agenda.attach(annex)
    item_id = editor.agenda.model.rows[0].item.id

    def names() -> list[str]:
        detail = get_session_detail(db, summary.id)
        item = next(i for i in detail.all_agenda_items() if i.id == item_id)
        return [a.name for a in item.attachments]

    qtbot.waitUntil(lambda: names() == [annex.name], timeout=30_000)
    qtbot.waitUntil(
        lambda: editor.agenda.model.data(editor.agenda.model.index(0, 4)) == "1", timeout=30_000
    )
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=30_000)
