"""A MECI-only entity in the window: no CIGD or Decreto 612 plan by default, the CICCI
proposed, the model branch limited to control interno; the scope set in the entity editor and
offered by a FURAG import whose own results say MECI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from furag_files import entities, published
from ui_support import answer_next, click, close_window, dialog, idle, open_window, tick

from mipg_desktop.committees.views import list_committees
from mipg_desktop.entity_profile import get_entity, save_entity
from mipg_desktop.planning.furag import list_furag
from mipg_desktop.planning.plans import create_plan
from ui.navigation import ROOT_MIPG

pytestmark = pytest.mark.qt

CICCI = "Comité Institucional de Coordinación de Control Interno"


def _model_branch(window: Any) -> tuple[str, list[str]]:
    """The model branch's label and its children's, as the tree shows them."""
    model = window.tree_model
    index = model.find(ROOT_MIPG, None)
    window.tree.expand(index)
    label = str(model.data(index))
    children = [str(model.data(model.index(r, 0, index))) for r in range(model.rowCount(index))]
    return label, children


def test_a_meci_only_entity_sees_no_cigd_or_decree_612_plan_by_default(
    qtbot: Any, db: Any, tmp_path: Path
) -> None:
    from ui.committee_dialogs import CommitteeDialog
    from ui.committee_editor import CommitteeEditor

    save_entity(db, expected_version=None, name="Concejo Municipal de Pasto")
    profile = get_entity(db)
    assert profile is not None
    save_entity(db, expected_version=profile.version, reporting_scope="meci")
    window = open_window(qtbot, db, tmp_path)
    try:
        idle(qtbot, window)
        assert window.editors.currentWidget() is window.welcome
        intro = window.welcome.intro.text()
        assert CICCI in intro and "Gestión y Desempeño" not in intro
        qtbot.waitUntil(lambda: len(_model_branch(window)[1]) == 1, timeout=20_000)
        assert _model_branch(window) == ("Modelo MECI (control interno)", ["D7 · Control Interno"])

        click(qtbot, window.welcome.committee_button)
        proposed = dialog(qtbot, CommitteeDialog)
        assert (proposed.name.text(), proposed.short_name.text()) == (CICCI, "CICCI")
        offered = [
            proposed.committee_type.itemData(i) for i in range(proposed.committee_type.count())
        ]
        assert offered == ["CICCI", ""]  # the types that apply to MECI, and «sin tipo»
        click(qtbot, proposed.buttons.button(proposed.buttons.StandardButton.Ok))
        qtbot.waitUntil(
            lambda: isinstance(window.editors.currentWidget(), CommitteeEditor), timeout=20_000
        )
        assert [(c.name, c.kind) for c in list_committees(db)] == [(CICCI, "internal_control")]
    finally:
        close_window(window)


def test_a_meci_plan_view_hides_the_decree_612_column(qtbot: Any, db: Any, tmp_path: Path) -> None:
    from ui.plan_view import DECREE_612_COLUMN, PlanEditor

    save_entity(db, expected_version=None, name="Personería de Ipiales")
    profile = get_entity(db)
    assert profile is not None
    save_entity(db, expected_version=profile.version, reporting_scope="meci")
    plan = create_plan(db, 2026, "Plan de acción 2026")
    window = open_window(qtbot, db, tmp_path)
    try:
        idle(qtbot, window)
        editor = PlanEditor(window, plan.id)
        window.show_editor(editor)
        editor.load()
        idle(qtbot, window)
        assert editor.table.isColumnHidden(DECREE_612_COLUMN)
    finally:
        close_window(window)


def test_the_entity_editor_sets_meci_only_and_the_tree_follows(qtbot: Any, window: Any) -> None:
    from ui.entity_editor import EntityEditor

    db = window.db
    save_entity(db, expected_version=None, name="Contraloría Departamental de Nariño")
    window.refresh()
    idle(qtbot, window)
    assert _model_branch(window)[0] == "Modelo MIPG"
    window.open_entity_editor()
    idle(qtbot, window)
    editor = window.editors.currentWidget()
    assert isinstance(editor, EntityEditor)
    assert not editor.meci_only.isChecked()
    assert "valor inicial" in editor.scope_source.text()
    tick(qtbot, editor.meci_only)
    idle(qtbot, window)
    profile = get_entity(db)
    assert profile is not None
    assert (profile.reporting_scope, profile.reporting_scope_source) == ("meci", "manual")
    qtbot.waitUntil(lambda: _model_branch(window)[0].startswith("Modelo MECI"), timeout=20_000)


def test_a_furag_import_with_meci_results_asks_to_change_the_profile(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from test_ui_furag import _choose_file, _entity_dialog, _open_view

    db = window.db
    meci = next(e for e in entities(2024, "territorio", 60) if e.form == "MECI")
    save_entity(db, expected_version=None, name=meci.name, sigep_code=str(meci.sigep))
    view = _open_view(qtbot, window)
    path, _rows = published(tmp_path, 2024, "territorio", count=60)
    _choose_file(monkeypatch, path)
    picker = _entity_dialog(qtbot, view)
    answer_next("furagScopeBox", "furagScopeSet")
    click(qtbot, picker.import_button)
    qtbot.waitUntil(lambda: bool(list_furag(db)), timeout=30_000)

    def meci_now() -> bool:
        profile = get_entity(db)
        return profile is not None and profile.reporting_scope == "meci"

    qtbot.waitUntil(meci_now, timeout=30_000)
    idle(qtbot, window)
    profile = get_entity(db)
    assert profile is not None and profile.reporting_scope_source == "FURAG 2024"
    qtbot.waitUntil(lambda: _model_branch(window)[0].startswith("Modelo MECI"), timeout=20_000)
