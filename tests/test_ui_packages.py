"""Session packages and annexes, one click from where the user is."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from ui_support import TIMEOUT, click, idle, keys

from mipg_desktop.committees.commitments import add_commitment
from mipg_desktop.committees.committees import create_committee
from mipg_desktop.committees.people import add_membership, add_person
from mipg_desktop.committees.sessions import convene, create_session
from mipg_desktop.committees.views import get_session_detail
from mipg_desktop.entity_profile import save_entity
from mipg_desktop.storage.database import Database
from ui import file_dialogs
from ui.main_window import MainWindow
from ui.session_editor import SessionEditor

pytestmark = pytest.mark.qt


def _session(qtbot, window: MainWindow, db: Database) -> SessionEditor:  # type: ignore[no-untyped-def]
    save_entity(db, expected_version=None, name="Instituto Departamental de Cultura y Turismo")
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
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=TIMEOUT)
    idle(qtbot, window)
    return editor


def test_session_package_exported_and_imported_back(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, tmp_path: Path, monkeypatch
) -> None:
    editor = _session(qtbot, window, db)
    package = tmp_path / "acta.mipgsesion"
    monkeypatch.setattr(
        file_dialogs, "get_save_file_name", staticmethod(lambda *a, **k: (str(package), ""))
    )
    click(qtbot, editor.findChild(QPushButton, "exportPackage"))  # «Paquete de sesión…»
    qtbot.waitUntil(package.exists, timeout=TIMEOUT)
    idle(qtbot, window)
    assert "Paquete de «Acta No. 01" in window.statusBar().currentMessage()
    monkeypatch.setattr(
        file_dialogs, "get_open_file_name", staticmethod(lambda *a, **k: (str(package), ""))
    )
    keys(qtbot, window, "Ctrl+Shift+I")  # Comité ▸ Importar paquete de sesión…
    qtbot.waitUntil(lambda: "sin cambios" in window.statusBar().currentMessage(), timeout=TIMEOUT)
    idle(qtbot, window)


def test_an_annex_attached_to_an_agenda_item(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, tmp_path: Path, monkeypatch
) -> None:
    editor = _session(qtbot, window, db)
    annex = tmp_path / "Informe de gestión (trimestre III).csv"
    annex.write_text("meta;avance\nPINAR;80 %\n", encoding="utf-8")
    monkeypatch.setattr(
        file_dialogs, "get_open_file_name", staticmethod(lambda *a, **k: (str(annex), ""))
    )
    agenda = editor.agenda
    qtbot.mouseClick(
        agenda.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=agenda.table.visualRect(agenda.model.index(0, 1)).center(),
    )
    item_id = agenda.model.rows[0].item.id
    click(qtbot, agenda.attach_button)
    idle(qtbot, window)

    def names() -> list[str]:
        detail = get_session_detail(db, editor.session_id)
        return [a.name for i in detail.all_agenda_items() if i.id == item_id for a in i.attachments]

    assert names() == [annex.name]
    qtbot.waitUntil(lambda: agenda.model.data(agenda.model.index(0, 4)) == "1", timeout=TIMEOUT)
    keys(qtbot, agenda.table, "Ctrl+Z")  # the annex is undone like any other change
    idle(qtbot, window)
    assert names() == []


def _package_from_another_laptop(tmp_path: Path, template_db: str) -> Path:
    """A session of «the same» committee, created on another laptop (other uids)."""
    import shutil

    from test_committees_package import full_session

    from mipg_desktop.committees.package import export_session
    from mipg_desktop.storage.database import open_database

    if template_db.startswith("postgresql"):
        pytest.skip("the other laptop is a SQLite file")
    shutil.copyfile(template_db, tmp_path / "portatil.sqlite")
    laptop = open_database(tmp_path / "portatil.sqlite")
    try:
        package = tmp_path / "portatil.mipgsesion"
        export_session(laptop, full_session(laptop), package)
    finally:
        laptop.close()
    return package


def _committees(db: Database) -> list[int]:
    from mipg_desktop.committees.views import list_committees

    return sorted(c.id for c in list_committees(db))


def _import_answering(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, package: Path, answer: str, monkeypatch
) -> list[str]:
    from ui_support import answer_next

    monkeypatch.setattr(
        file_dialogs, "get_open_file_name", staticmethod(lambda *a, **k: (str(package), ""))
    )
    seen: list[str] = []
    answer_next("sameCommitteeBox", answer, lambda box: seen.append(box.text()))
    keys(qtbot, window, "Ctrl+Shift+I")  # Comité ▸ Importar paquete de sesión…
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT)
    idle(qtbot, window)
    return seen


def test_a_committee_created_twice_is_matched_when_the_user_says_so(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, tmp_path: Path, monkeypatch, template_db: str
) -> None:
    from test_committees_package import counts
    from test_committees_support import build_cigd

    package = _package_from_another_laptop(tmp_path, template_db)
    local = build_cigd(db)
    before = counts(db)
    seen = _import_answering(qtbot, window, package, "cancelImport", monkeypatch)
    assert seen == [
        "Ya existe un comité llamado «Comité Institucional de Gestión y Desempeño» en esta "
        "base. ¿Es el mismo comité?"
    ]
    assert counts(db) == before
    assert "cancelada" in window.statusBar().currentMessage()
    _import_answering(qtbot, window, package, "useExistingCommittee", monkeypatch)
    qtbot.waitUntil(lambda: "creada" in window.statusBar().currentMessage(), timeout=TIMEOUT)
    after = counts(db)
    assert after["committee_sessions"] == before["committee_sessions"] + 1
    for table in ("committees", "people", "memberships"):
        assert after[table] == before[table], table
    assert _committees(db) == [local.committee_id]
    # remembered: the same package again asks nothing
    keys(qtbot, window, "Ctrl+Shift+I")
    qtbot.waitUntil(lambda: "sin cambios" in window.statusBar().currentMessage(), timeout=TIMEOUT)
    idle(qtbot, window)


def test_a_committee_created_twice_can_stay_two(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, tmp_path: Path, monkeypatch, template_db: str
) -> None:
    from test_committees_support import build_cigd

    package = _package_from_another_laptop(tmp_path, template_db)
    local = build_cigd(db)
    _import_answering(qtbot, window, package, "createOtherCommittee", monkeypatch)
    qtbot.waitUntil(lambda: "creada" in window.statusBar().currentMessage(), timeout=TIMEOUT)
    committees = _committees(db)
    assert len(committees) == 2 and local.committee_id in committees
