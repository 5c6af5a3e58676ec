"""The mapping step after the issue 13 walk-through: a field chosen twice is a problem, never
moved silently; the plan's name is shown and editable, a taken name is a problem before
«Importar»; after the import the window opens the new plan."""

from __future__ import annotations

from pathlib import Path

import plan_walk_support as walk
import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from test_ui_plan_mapping import _choose, _open
from ui_support import click, idle, replace_text

from mipg_desktop.planning.plan_import import import_plan
from mipg_desktop.planning.plan_proposal import propose_mapping
from mipg_desktop.planning.plans import list_plans
from mipg_desktop.storage.database import Database
from ui.formats import percent
from ui.main_window import MainWindow
from ui.plan_mapping_dialog import CONFIDENCE_ROW
from ui.plan_view import PlanEditor

pytestmark = pytest.mark.qt


def _problems(found) -> list[str]:  # type: ignore[no-untyped-def]
    return [found.problems.item(i).text() for i in range(found.problems.count())]


def test_a_field_chosen_twice_is_a_problem_not_a_silent_move(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    found = _open(qtbot, window, monkeypatch, walk.municipal(tmp_path / "pai.xlsx", goal=4))
    assert found.combos[3].currentData() == "actividad"
    assert found.import_button.isEnabled()
    _choose(qtbot, found, 4, "Act")  # typing in the closed chooser lands on «Actividad»
    assert found.combos[4].currentData() == "actividad"
    assert found.combos[3].currentData() == "actividad"  # column D keeps it
    assert "Las columnas D y E son las dos «Actividad»; elija una." in _problems(found)
    for column in (3, 4):
        mark = found.table.item(CONFIDENCE_ROW, column)
        assert mark is not None and mark.text() == "repetida: elija una" and mark.font().bold()
    assert not found.import_button.isEnabled()
    _choose(qtbot, found, 4, "Resp")
    assert found.combos[4].currentData() == "responsable"
    qtbot.waitUntil(found.import_button.isEnabled, timeout=20_000)
    assert not any("son las dos" in p for p in _problems(found))


def test_taken_name_is_a_problem_and_the_new_plan_opens(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, tmp_path: Path, monkeypatch
) -> None:
    first = walk.municipal(tmp_path / "pai.xlsx", goal=4)
    import_plan(db, first, mapping=propose_mapping(db, first).mapping())
    found = _open(qtbot, window, monkeypatch, walk.municipal(tmp_path / "hacienda.xlsx"))
    assert found.name.text() == "Plan de Acción Institucional 2026"
    taken = "Ya hay un plan «Plan de Acción Institucional 2026» de 2026; cambie el nombre."
    assert taken in _problems(found) and not found.import_button.isEnabled()
    assert "El nombre del plan" in found.warnings.text()
    before = found.serial
    replace_text(qtbot, found.name, "Plan de Acción de Hacienda 2026")
    qtbot.waitUntil(lambda: found.serial > before and found.shown == found.serial, timeout=20_000)
    assert taken not in _problems(found)
    qtbot.waitUntil(found.import_button.isEnabled, timeout=20_000)
    click(qtbot, found.import_button)
    qtbot.waitUntil(lambda: len(list_plans(db)) == 2, timeout=30_000)
    window.runner.wait_idle()
    idle(qtbot, window)
    names = {p.name for p in list_plans(db)}
    assert "Plan de Acción de Hacienda 2026" in names
    qtbot.waitUntil(lambda: isinstance(window.editors.currentWidget(), PlanEditor), timeout=20_000)
    editor = window.editors.currentWidget()
    assert isinstance(editor, PlanEditor)
    qtbot.waitUntil(lambda: editor.model.rowCount() == 3, timeout=20_000)
    model = editor.model
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    row = {h: model.data(model.index(0, c)) for c, h in enumerate(heads)}
    assert (row["Meta"], row["Unidad"], row["Planes del Decreto 612"]) == ("4", "TRD", "PINAR")
    message = window.statusBar().currentMessage()
    assert message == "Plan «Plan de Acción de Hacienda 2026» importado: 3 actividades."
    assert window.statusBar().fontMetrics().horizontalAdvance(message) < 1366 - 200
    assert "está vacía" not in window.welcome.intro.text()


def test_preview_wording_and_the_menu_item(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    from datetime import date

    from openpyxl import load_workbook

    path = walk.municipal(tmp_path / "pai.xlsx", goal=4)
    book = load_workbook(path)
    sheet = book.active
    assert sheet is not None
    sheet["G5"], sheet["H5"] = 0.4, date(2026, 2, 1)  # a fraction and a real date
    book.save(path)
    menu = window.plans_menu
    assert any(
        a.text().replace("&", "") == "Importar plan (hoja de cálculo)…" for a in menu.actions()
    )
    found = _open(qtbot, window, monkeypatch, path)
    weight, start = found.table.item(2, 6), found.table.item(2, 7)
    assert weight is not None and weight.text() == percent(0.4)  # as the plan view shows it
    assert start is not None and start.text() == "01/02/2026"
    _choose(qtbot, found, 3, "Ign")  # no activity column now
    lines = [p for p in _problems(found) if "actividad" in p.casefold()]
    assert lines == ["Hoja «PAI 2026»: ninguna columna es la actividad; elija cuál es."]


def test_the_table_stays_put_when_problems_appear(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    found = _open(qtbot, window, monkeypatch, walk.municipal(tmp_path / "pai.xlsx", goal=4))
    qtbot.waitExposed(found)
    assert found.problems.count() == 0
    before = found.table.geometry()
    _choose(qtbot, found, 6, "Fecha de i")  # the weights read as dates: every row refused
    assert found.problems.count() > 0 and not found.import_button.isEnabled()
    assert found.table.geometry() == before
