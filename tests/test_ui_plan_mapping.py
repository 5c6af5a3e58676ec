"""The mapping step of a plan import in the window: preview, field choosers, refused rows,
saved layouts, and the plan view's «Dependencia» and «Responsable» columns."""

from __future__ import annotations

from pathlib import Path

import plan_layouts_support as layouts
import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_planning_import import table_counts
from ui_support import click, dialog, idle, menu_action

from mipg_desktop.entity_profile import save_entity
from mipg_desktop.planning.plans import get_plan, list_plans
from mipg_desktop.storage.database import Database
from ui import file_dialogs
from ui.main_window import MainWindow
from ui.navigation import ROOT_PLANS
from ui.plan_mapping_dialog import CONFIDENCE_ROW, PlanMappingDialog
from ui.plan_view import PlanEditor

pytestmark = pytest.mark.qt


def _open(qtbot, window: MainWindow, monkeypatch, path: Path) -> PlanMappingDialog:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        file_dialogs, "get_open_file_name", staticmethod(lambda *a, **k: (str(path), ""))
    )
    menu_action(qtbot, window, "Planes", "Importar plan")
    found: PlanMappingDialog = dialog(qtbot, PlanMappingDialog)
    return found


def _choose(qtbot, found: PlanMappingDialog, column: int, typed: str) -> None:  # type: ignore[no-untyped-def]
    """Pick a field in a column's chooser with the keyboard, as a person does."""
    combo = found.combos[column]
    found.table.scrollTo(found.table.model().index(CONFIDENCE_ROW, column))
    before = found.serial
    qtbot.wait(QApplication.keyboardInputInterval() + 50)  # a new search, not the last one's
    combo.setFocus()
    qtbot.keyClicks(combo, typed)
    assert found.serial > before  # the change asked for a new check of the rows
    qtbot.waitUntil(lambda: found.shown == found.serial, timeout=20_000)


def test_doubtful_file_opens_the_mapping_step_and_saves_the_layout(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, tmp_path: Path, monkeypatch
) -> None:
    save_entity(db, expected_version=None, name="Alcaldía de Chía")
    before = table_counts(db)
    found = _open(qtbot, window, monkeypatch, layouts.doubtful(tmp_path / "feria.xlsx"))
    confidence = found.table.item(CONFIDENCE_ROW, 1)
    assert confidence is not None and "dudosa" in confidence.text()
    assert found.combos[1].currentData() == "unidad"
    assert "Revise las columnas dudosas" in found.warnings.text()
    first = found.table.item(2, 0)
    assert first is not None and first.text() == "Organizar la feria de servicios"
    found.year.setValue(2026)
    _choose(qtbot, found, 1, "Meta")
    assert found.combos[1].currentData() == "meta"
    qtbot.waitUntil(lambda: "3 actividades" in found.problems_title.text(), timeout=20_000)
    assert table_counts(db) == before  # nothing written until «Importar»
    click(qtbot, found.import_button)
    qtbot.waitUntil(lambda: bool(list_plans(db)), timeout=30_000)
    window.runner.wait_idle()
    idle(qtbot, window)
    plan = get_plan(db, list_plans(db)[0].id)
    assert plan.year == 2026
    assert [a.target_value for a in plan.activities] == [1.0, 2.0, 1.0]
    # the same headers next time: the saved layout, preselected and confident; cancel writes nothing
    stored = table_counts(db)
    again = _open(qtbot, window, monkeypatch, layouts.doubtful(tmp_path / "feria-2.xlsx"))
    assert again.proposal.layout == "feria" and again.proposal.confident
    assert again.combos[1].currentData() == "meta"
    assert "formato guardado «feria»" in again.summary.text()
    click(qtbot, again.cancel_button)
    idle(qtbot, window)
    assert table_counts(db) == stored


def test_other_entity_warned_and_columns_not_swapped(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, tmp_path: Path, monkeypatch
) -> None:
    save_entity(db, expected_version=None, name="Alcaldía de Chía")
    found = _open(qtbot, window, monkeypatch, layouts.municipal(tmp_path / "municipal.xlsx"))
    assert "otra entidad" in found.warnings.text() and "Sotavento" in found.warnings.text()
    assert [found.combos[i].currentData() for i in (5, 6)] == ["dependencia", "responsable"]
    _choose(qtbot, found, 7, "Ign")  # the weight ignored: still importable
    assert found.combos[7].currentData() == "" and found.import_button.isEnabled()
    _choose(qtbot, found, 8, "Pond")  # the start date read as a weight: rows refused
    assert found.combos[8].currentData() == "ponderacion"
    assert not found.import_button.isEnabled()
    refused = [found.problems.item(i).text() for i in range(found.problems.count())]
    assert any("fila 5, columna I" in p and "15/01/2026" in p for p in refused)
    _choose(qtbot, found, 8, "Fecha de i")
    assert found.combos[8].currentData() == "inicio" and found.import_button.isEnabled()
    click(qtbot, found.import_button)
    qtbot.waitUntil(lambda: bool(list_plans(db)), timeout=30_000)
    window.runner.wait_idle()
    idle(qtbot, window)
    plan = list_plans(db)[0]
    assert get_plan(db, plan.id).activities[0].weight is None
    node = window.reveal((ROOT_PLANS, None), ("plan_year", plan.year), ("plan", plan.id))
    rect = window.tree.visualRect(node)
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: isinstance(window.editors.currentWidget(), PlanEditor), timeout=20_000)
    editor = window.editors.currentWidget()
    assert isinstance(editor, PlanEditor)
    qtbot.waitUntil(lambda: editor.model.rowCount() == 3, timeout=20_000)
    heads = [
        editor.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(editor.model.columnCount())
    ]
    unit, person = heads.index("Dependencia"), heads.index("Responsable")
    assert editor.model.data(editor.model.index(0, unit)) == "Secretaría General"
    assert editor.model.data(editor.model.index(0, person)) == "Auxiliar de archivo"
