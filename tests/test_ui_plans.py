"""Plans in the window: import an Excel plan in the background, roll-up bars, follow-up, export."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from test_planning_import import SAMPLES
from ui_support import click, dialog, idle, replace_text

from mipg_desktop.entity_profile import save_entity
from mipg_desktop.planning.plans import get_plan, list_plans
from mipg_desktop.storage.database import Database
from ui import file_dialogs
from ui.main_window import MainWindow
from ui.navigation import ROOT_PLANS
from ui.plan_mapping_dialog import PlanMappingDialog
from ui.plan_view import PlanEditor, RollupView

pytestmark = pytest.mark.qt
SAMPLE = SAMPLES / "plan_accion_ejemplo.xlsx"


def click_node(qtbot, window: MainWindow, index) -> None:  # type: ignore[no-untyped-def]
    rect = window.tree.visualRect(index)
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample plan not available")
def test_import_rollup_follow_up_export(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, tmp_path: Path, monkeypatch
) -> None:
    save_entity(db, expected_version=None, name="Secretaría Distrital de Prueba")
    monkeypatch.setattr(
        file_dialogs, "get_open_file_name", staticmethod(lambda *a, **k: (str(SAMPLE), ""))
    )
    window.refresh()  # the entity is registered: the welcome panel offers the plan
    idle(qtbot, window)
    click(qtbot, window.welcome.plan_button)
    mapping = dialog(qtbot, PlanMappingDialog)  # the mapping step, preselected and confident
    assert mapping.import_button.isEnabled() and not list_plans(db)
    click(qtbot, mapping.import_button)
    qtbot.waitUntil(lambda: bool(list_plans(db)), timeout=60_000)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20_000)
    plan = list_plans(db)[0]
    assert "importado" in window.statusBar().currentMessage()
    year_index = window.reveal((ROOT_PLANS, None), ("plan_year", plan.year))
    assert year_index.isValid()
    click_node(qtbot, window, year_index)
    qtbot.waitUntil(lambda: isinstance(window.editors.currentWidget(), RollupView), timeout=20_000)
    rollup = window.editors.currentWidget()
    assert isinstance(rollup, RollupView)
    qtbot.waitUntil(lambda: bool(rollup.charts["by_dimension"].lines), timeout=30_000)
    assert "Avance total" in rollup.total.text()
    node = window.reveal((ROOT_PLANS, None), ("plan_year", plan.year), ("plan", plan.id))
    click_node(qtbot, window, node)
    qtbot.waitUntil(lambda: isinstance(window.editors.currentWidget(), PlanEditor), timeout=20_000)
    editor = window.editors.currentWidget()
    assert isinstance(editor, PlanEditor)
    qtbot.waitUntil(lambda: editor.model.rowCount() == plan.activity_count, timeout=30_000)
    qtbot.mouseClick(
        editor.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=editor.table.visualRect(editor.model.index(0, 1)).center(),
    )
    first = editor.model.row(0)
    planned_before = first.quarter(2).planned if first.quarter(2) else None
    editor.quarter.setFocus()
    qtbot.keyClick(editor.quarter, Qt.Key.Key_Down)  # trimestre 2
    replace_text(qtbot, editor.progress, "40")
    replace_text(qtbot, editor.evidence, "Informe de gestión del segundo trimestre")
    click(qtbot, editor.record_button)
    idle(qtbot, window)
    stored = next(a for a in get_plan(db, plan.id).activities if a.id == first.id).quarter(2)
    assert stored is not None and stored.progress == 0.4
    assert stored.planned == planned_before  # what was not in the form is kept
    target = tmp_path / "plan.xlsx"
    monkeypatch.setattr(
        file_dialogs, "get_save_file_name", staticmethod(lambda *a, **k: (str(target), ""))
    )
    click(qtbot, editor.export_button)
    qtbot.waitUntil(target.exists, timeout=30_000)
    idle(qtbot, window)
    assert target.read_bytes()[:2] == b"PK"


FURAG_SAMPLE = SAMPLES / "resultados_furag_ejemplo.xlsx"


@pytest.mark.skipif(not FURAG_SAMPLE.exists(), reason="sample FURAG file not available")
def test_furag_view_imports_and_pivots_years(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, monkeypatch
) -> None:
    from ui.furag_view import FuragView
    from ui.navigation import ROOT_FURAG

    save_entity(db, expected_version=None, name="Hospital Regional de la Montaña")
    win = window
    click_node(qtbot, win, win.reveal((ROOT_FURAG, None)))
    qtbot.waitUntil(lambda: isinstance(win.editors.currentWidget(), FuragView), timeout=20_000)
    view = win.editors.currentWidget()
    assert isinstance(view, FuragView)
    qtbot.waitUntil(lambda: "Aún no hay" in view.weakest.text(), timeout=20_000)
    monkeypatch.setattr(
        file_dialogs, "get_open_file_name", staticmethod(lambda *a, **k: (str(FURAG_SAMPLE), ""))
    )
    from ui_support import dialog

    from ui.furag_entity_dialog import FuragEntityDialog

    click(qtbot, view.import_button)
    picker = dialog(qtbot, FuragEntityDialog)
    qtbot.waitUntil(lambda: picker.import_button.isVisible(), timeout=20_000)
    chosen = picker.chosen()
    assert chosen is not None and chosen.name == "HOSPITAL REGIONAL DE LA MONTAÑA"
    click(qtbot, picker.import_button)
    qtbot.waitUntil(lambda: view.model.rowCount() > 8, timeout=30_000)
    assert view.model.row(0).code == "IDI"
    assert view.model.data(view.model.index(0, 1)) == "85,5"
    assert view.model.headerData(1, Qt.Orientation.Horizontal) == "2024"
    assert "Políticas más débiles en 2024" in view.weakest.text()
    win.runner.wait_idle()


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample plan not available")
def test_policy_node_lists_linked_activities(qtbot, window: MainWindow, db: Database) -> None:  # type: ignore[no-untyped-def]
    from mipg_desktop.planning.plan_import import import_plan as core_import
    from ui.navigation import ROOT_MIPG

    save_entity(db, expected_version=None, name="Secretaría Distrital de Prueba")
    core_import(db, SAMPLE)
    plan = get_plan(db, list_plans(db)[0].id)
    activity = plan.activities[0]
    code = activity.policy_codes[0]
    dimension = next(
        d.code
        for d in window.navigator.catalog().dimensions
        if code in [p.code for p in d.policies]
    )
    index = window.reveal((ROOT_MIPG, None), ("dimension", dimension), ("policy", code))
    assert index.isValid()
    window.tree_model.fetchMore(index)
    labels = [
        window.tree_model.data(window.tree_model.index(r, 0, index))
        for r in range(window.tree_model.rowCount(index))
    ]
    assert any(activity.description in label for label in labels)
    window.tree.expand(index)  # a person opens the policy's branch
    child = window.tree_model.find("activity", (plan.id, activity.id))
    window.tree.scrollTo(child)
    click_node(qtbot, window, child)
    qtbot.waitUntil(lambda: isinstance(window.editors.currentWidget(), PlanEditor), timeout=20_000)
    editor = window.editors.currentWidget()
    assert isinstance(editor, PlanEditor)
    qtbot.waitUntil(lambda: editor.table.currentIndex().isValid(), timeout=20_000)
    assert editor.model.row(editor.table.currentIndex()).id == activity.id
