"""FURAG in the window: the entity picked from the file's list (searched, preselected, never a
dead end), policy names in the table, the chart against the peer group."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from furag_files import published
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QPushButton, QToolTip
from ui_support import answer_next, click, dialog, idle, keys, row_center, type_text

from mipg_desktop.entity_profile import get_entity, save_entity
from mipg_desktop.planning.furag import list_furag
from ui import file_dialogs

pytestmark = pytest.mark.qt


def _open_view(qtbot: Any, window: Any, shown: str = "Aún no hay") -> Any:
    from test_ui_plans import click_node

    from ui.furag_view import FuragView
    from ui.navigation import ROOT_FURAG

    window.refresh()
    idle(qtbot, window)
    click_node(qtbot, window, window.reveal((ROOT_FURAG, None)))
    qtbot.waitUntil(lambda: isinstance(window.editors.currentWidget(), FuragView), timeout=20_000)
    view = window.editors.currentWidget()
    qtbot.waitUntil(lambda: shown in view.weakest.text(), timeout=20_000)
    return view


def _choose_file(monkeypatch: Any, path: Path) -> None:
    monkeypatch.setattr(
        file_dialogs, "get_open_file_name", staticmethod(lambda *a, **k: (str(path), ""))
    )


def _entity_dialog(qtbot: Any, view: Any) -> Any:
    from ui.furag_entity_dialog import FuragEntityDialog

    click(qtbot, view.import_button)
    found = dialog(qtbot, FuragEntityDialog)
    qtbot.waitUntil(lambda: found.import_button.isVisible(), timeout=20_000)
    return found


def test_profile_entity_preselected_imported_and_remembered(
    qtbot: Any, window: Any, db: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    save_entity(
        db, expected_version=None, name="Hospital San Rafael de Tunja Empresa Social del Estado"
    )
    view = _open_view(qtbot, window)
    newer, rows = published(tmp_path, 2024, "territorio", count=60)
    _choose_file(monkeypatch, newer)
    picker = _entity_dialog(qtbot, view)
    chosen = picker.chosen()
    assert chosen is not None and chosen.sigep_code == "5012"
    assert "Se preseleccionó «E.S.E. HOSPITAL SAN RAFAEL DE Tunja»" in picker.explanation.text()
    assert picker.model.rowCount() == 60
    click(qtbot, picker.import_button)
    qtbot.waitUntil(lambda: bool(list_furag(db)), timeout=30_000)
    idle(qtbot, window)
    qtbot.waitUntil(lambda: view.model.rowCount() > 20, timeout=30_000)
    assert "código SIGEP 5012 en el perfil" in window.statusBar().currentMessage()
    profile = get_entity(db)
    assert profile is not None and profile.sigep_code == "5012"
    # names, never internal codes, in the table
    texts = [
        view.model.data(view.model.index(r, c))
        for r in range(view.model.rowCount())
        for c in range(view.model.columnCount())
    ]
    assert "Compras y Contratación Pública" in texts
    assert "Gestión Estratégica del Talento Humano" in texts
    assert not any(t in texts for t in ("talento-humano", "compras-contratacion"))
    assert view.model.headerData(0, Qt.Orientation.Horizontal) == "Medición"
    # the header: the profile as it is now, with the code just remembered
    assert "<b>Hospital San Rafael de Tunja Empresa Social del Estado</b>" in view.entity.text()
    assert "código SIGEP 5012" in view.entity.text()
    assert "formulario MIPG" in view.entity.text()
    assert "otra entidad" not in view.entity.text()
    last = view.model.columnCount() - 1
    assert view.model.headerData(last, Qt.Orientation.Horizontal) == "Promedio grupo par 2024"
    # a second year: the remembered SIGEP code preselects the row, whatever the name
    older, _rows = published(tmp_path, 2023, "territorio", count=60)
    _choose_file(monkeypatch, older)
    picker = _entity_dialog(qtbot, view)
    chosen = picker.chosen()
    assert chosen is not None and chosen.sigep_code == "5012"
    click(qtbot, picker.import_button)
    qtbot.waitUntil(lambda: len(list_furag(db)) == 2, timeout=30_000)
    idle(qtbot, window)
    qtbot.waitUntil(lambda: view.model.columnCount() == 4, timeout=30_000)
    assert [view.model.headerData(c, Qt.Orientation.Horizontal) for c in (1, 2)] == [
        "2023",
        "2024",
    ]
    idi = next(s for s in view.chart.series if s.code == "IDI")
    expected = next(e for e in rows if e.sigep == 5012)
    assert [p[0] for p in idi.points] == [2023, 2024]
    assert idi.points[-1][1] == expected.idi and idi.points[-1][2] is not None
    assert [s.code for s in view.chart.series] == ["IDI", "D1", "D2", "D3", "D4", "D5", "D6", "D7"]
    chart = view.chart
    assert chart.isVisible() and chart.height() > 100
    corner = chart.panel_at(chart.width() - 5, chart.height() - 5)
    assert chart.panel_at(5, 30).code == "IDI" and corner is not None and corner.code == "D7"
    # every title whole, wrapped where it is long
    titles = chart.titles()
    assert [" ".join(lines) for lines in titles] == [s.label for s in chart.series]
    assert max(len(lines) for lines in titles) == 2
    # on a small screen: two lines at most, a longer title cut with «…», whole in its tooltip
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: chart.width() < 800, timeout=10_000)
    for lines, series in zip(chart.titles(), chart.series, strict=True):
        assert len(lines) <= 2
        assert " ".join(lines) == series.label or lines[-1].endswith("…")
        middle = chart.panel_center(series.code).toPoint()
        help_event = QHelpEvent(QEvent.Type.ToolTip, middle, chart.mapToGlobal(middle))
        QApplication.sendEvent(chart, help_event)
        assert QToolTip.text().startswith(series.label + "\n")


def test_wrong_name_searched_by_municipality_and_sigep(
    qtbot: Any, window: Any, db: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    save_entity(db, expected_version=None, name="Hospital del Norte")
    view = _open_view(qtbot, window)
    path, _rows = published(tmp_path, 2024, "territorio", count=40)
    _choose_file(monkeypatch, path)
    picker = _entity_dialog(qtbot, view)
    assert picker.chosen() is None and not picker.import_button.isEnabled()
    assert "no aparece con ese nombre" in picker.explanation.text()
    # the closest names come first
    assert "HOSPITAL" in picker.model.row(0).name
    picker.search.setFocus()
    type_text(picker.search, "duitama hospital")
    assert picker.model.rowCount() == 1
    assert picker.model.row(0).sigep_code == "5013" and picker.import_button.isEnabled()
    picker.search.clear()
    type_text(picker.search, "montería")  # accents as typed or not
    assert {e.municipality for e in picker.model.rows} == {"MONTERÍA"}
    picker.search.clear()
    type_text(picker.search, "5005")
    assert [e.sigep_code for e in picker.model.rows] == ["5005"]
    assert picker.chosen() == picker.model.row(0)  # the only one left is chosen
    picker.search.clear()
    type_text(picker.search, "concejo")  # several: the first is selected, for Enter
    assert picker.model.rowCount() > 1 and picker.chosen() == picker.model.row(0)
    target = next(i for i, e in enumerate(picker.model.rows) if e.municipality == "PASTO")
    qtbot.mouseClick(
        picker.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=row_center(picker.table, target, 0),
    )
    chosen = picker.chosen()
    assert chosen is not None and chosen.form_type == "MECI"
    # not the profile's name: asked first
    answer_next("furagOtherEntityBox", "furagOtherImport")
    click(qtbot, picker.import_button)
    qtbot.waitUntil(lambda: bool(list_furag(db)), timeout=30_000)
    idle(qtbot, window)
    (stored,) = list_furag(db)
    assert stored.entity_name == chosen.name and stored.form_type == "MECI"
    profile = get_entity(db)
    assert profile is not None and profile.sigep_code == ""  # another entity's: not kept
    qtbot.waitUntil(lambda: "formulario MECI" in view.entity.text(), timeout=10_000)
    assert "Control Interno" in view.weakest.text()


def test_cancel_keeps_nothing(
    qtbot: Any, window: Any, db: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    view = _open_view(qtbot, window)  # no profile at all
    path, _rows = published(tmp_path, 2024, "nacion", count=12)
    _choose_file(monkeypatch, path)
    picker = _entity_dialog(qtbot, view)
    assert picker.explanation.text().startswith("Busque su entidad")
    assert {e.sheet for e in picker.model.rows} == {"Nacion"}
    # ↑/↓ in the search box walk the list
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    second = picker.chosen()
    assert second is not None and second == picker.model.row(1)
    qtbot.keyClick(picker.search, Qt.Key.Key_Up)
    assert picker.chosen() == picker.model.row(0)
    click(qtbot, picker.cancel_button)
    qtbot.waitUntil(lambda: not picker.isVisible(), timeout=10_000)
    idle(qtbot, window)
    assert list_furag(db) == [] and get_entity(db) is None


def test_sigep_code_typed_and_enter_imports(
    qtbot: Any, window: Any, db: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    save_entity(db, expected_version=None, name="Entidad que no está")
    view = _open_view(qtbot, window)
    path, rows = published(tmp_path, 2023, "territorio", count=30)
    _choose_file(monkeypatch, path)
    picker = _entity_dialog(qtbot, view)
    picker.search.setFocus()
    type_text(picker.search, "5021")
    # the profile has no code: the person may say it is theirs, named otherwise
    answer_next("furagOtherEntityBox", "furagOtherOurs")
    # 5021 is a concejo: its form is MECI, so the window asks about the profile's scope
    answer_next("furagScopeBox", "furagScopeKeep")
    keys(qtbot, picker.search, "Return")
    qtbot.waitUntil(lambda: bool(list_furag(db)), timeout=30_000)
    idle(qtbot, window)
    (stored,) = list_furag(db)
    assert stored.sigep_code == "5021" and stored.year == 2023
    assert get_entity(db).reporting_scope == "mipg"  # type: ignore[union-attr]  # kept
    assert stored.entity_name == next(e.name for e in rows if e.sigep == 5021)
    profile = get_entity(db)
    assert profile is not None and profile.sigep_code == "5021"
    qtbot.waitUntil(lambda: "código SIGEP 5021 en el perfil" in window.statusBar().currentMessage())


def _walkthrough_answers(qtbot: Any, picker: Any, other: str, replace: str | None) -> list[str]:
    """Type «1005», Enter, answer the questions (button objectNames); their texts."""
    seen: list[str] = []

    def first(box: Any) -> None:
        seen.append(box.text())
        assert box.defaultButton().objectName() == "furagOtherCancel"
        assert box.findChild(QPushButton, "furagOtherOurs") is None  # the profile has a code
        if replace is not None:
            answer_next("furagReplaceBox", replace, second)

    def second(box: Any) -> None:
        seen.append(box.text())
        assert box.defaultButton().objectName() == "furagKeep"

    picker.search.setFocus()
    type_text(picker.search, "1005")
    answer_next("furagOtherEntityBox", other, first)
    keys(qtbot, picker.search, "Return")
    qtbot.waitUntil(lambda: len(seen) == (1 if replace is None else 2), timeout=30_000)
    return seen


def test_another_entity_and_a_year_with_results_asked_first(
    qtbot: Any, window: Any, db: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """The walkthrough: profile SIGEP 5012 with 2024 results; a ministry's file, «1005» and
    Enter. Asked twice, «no» keeps everything; the profile's code never changes."""
    from mipg_desktop.planning.furag import import_furag

    save_entity(db, expected_version=None, name="E.S.E. Hospital San Rafael", sigep_code="5012")
    ours, _rows = published(tmp_path, 2024, "territorio", count=20)
    import_furag(db, ours)
    (mine,) = list_furag(db)
    (tmp_path / "n").mkdir()
    nacion, _rows = published(tmp_path / "n", 2024, "nacion", count=12)
    view = _open_view(qtbot, window, "Políticas más débiles en 2024")
    _choose_file(monkeypatch, nacion)
    for other, replace in (("furagOtherCancel", None), ("furagOtherImport", "furagKeep")):
        picker = _entity_dialog(qtbot, view)
        assert "Vigencia 2024" in picker.year.text()
        assert "Ya hay resultados de 2024 (IDI" in picker.year.text()
        seen = _walkthrough_answers(qtbot, picker, other, replace)
        assert seen[0] == (
            "Los resultados son de «MINISTERIO NÚMERO 6» (SIGEP 1005), no de «E.S.E. Hospital "
            "San Rafael» (SIGEP 5012), la entidad de este perfil. ¿Importarlos de todos modos?"
        )
        if replace is not None:
            assert seen[1].startswith("Ya hay resultados de 2024 (IDI ")
            assert seen[1].endswith("; ¿reemplazarlos?")
        idle(qtbot, window)
        assert list_furag(db) == [mine]
        profile = get_entity(db)
        assert profile is not None and profile.sigep_code == "5012"
    # both answered yes: replaced; the header still says the profile's code, and whose the
    # year's results are
    picker = _entity_dialog(qtbot, view)
    _walkthrough_answers(qtbot, picker, "furagOtherImport", "furagReplace")
    qtbot.waitUntil(lambda: list_furag(db)[0].sigep_code == "1005", timeout=30_000)
    idle(qtbot, window)
    profile = get_entity(db)
    assert profile is not None and profile.sigep_code == "5012"
    qtbot.waitUntil(lambda: "otra entidad" in view.entity.text(), timeout=10_000)
    header = view.entity.text()
    assert "<b>E.S.E. Hospital San Rafael</b> · código SIGEP 5012" in header
    assert "2024: «MINISTERIO NÚMERO 6» (SIGEP 1005)" in header
    assert "perfil" not in window.statusBar().currentMessage()


def test_search_selects_its_first_match_and_enter_imports_it(
    qtbot: Any, window: Any, db: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    view = _open_view(qtbot, window)  # no profile: nobody's entity to compare with
    path, _rows = published(tmp_path, 2024, "nacion", count=12)
    _choose_file(monkeypatch, path)
    picker = _entity_dialog(qtbot, view)
    assert picker.year.text() == "<b>Vigencia 2024</b>. Aún no hay resultados de 2024."
    assert picker.chosen() is None  # nothing typed, nothing suggested: nothing chosen
    picker.search.setFocus()
    type_text(picker.search, "ministerio")
    assert picker.model.rowCount() > 1
    first = picker.model.row(0)
    assert picker.chosen() == first and picker.import_button.isEnabled()
    keys(qtbot, picker.search, "Return")
    qtbot.waitUntil(lambda: bool(list_furag(db)), timeout=30_000)
    idle(qtbot, window)
    (stored,) = list_furag(db)
    assert (stored.entity_name, stored.sigep_code) == (first.name, first.sigep_code)
