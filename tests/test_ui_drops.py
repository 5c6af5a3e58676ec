"""Files dragged from the file manager: annexes onto an agenda item (one undoable action
per drop), a spreadsheet onto the plans (the import starts)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from ui_support import TIMEOUT, drop_files, idle, keys, row_center

from mipg_desktop.committees.agenda import add_agenda_item
from mipg_desktop.committees.views import get_session_detail
from mipg_desktop.storage.database import Database
from ui import places
from ui.main_window import MainWindow
from ui.session_editor import SessionEditor

pytestmark = pytest.mark.qt


def files(folder: Path, *names: str) -> list[Path]:
    out = []
    for name in names:
        path = folder / name
        path.write_bytes(b"%PDF-1.4\n% " + name.encode() + b"\n%%EOF\n")
        out.append(path)
    return out


def annexes(db: Database, sid: int, title: str) -> list[str]:
    item = next(i for i in get_session_detail(db, sid).all_agenda_items() if i.title == title)
    return [a.name for a in item.attachments]


def open_agenda(qtbot: Any, window: MainWindow, committee_id: int, sid: int) -> SessionEditor:
    window.refresh()
    idle(qtbot, window)
    editor = places.open_session(window, committee_id, 2026, sid, places.TAB_AGENDA)
    assert isinstance(editor, SessionEditor)
    idle(qtbot, window)
    qtbot.waitUntil(lambda: editor.agenda.model.rowCount() > 0, timeout=TIMEOUT)
    return editor


def test_files_dropped_on_an_agenda_item_are_its_annexes_in_one_undoable_step(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, tmp_path: Path
) -> None:
    from mipg_desktop.committees.committees import create_committee
    from mipg_desktop.committees.sessions import create_session
    from mipg_desktop.entity_profile import save_entity

    save_entity(db, expected_version=None, name="Alcaldía de Tunja")
    committee = create_committee(
        db, "Comité Institucional de Gestión y Desempeño", short_name="CIGD"
    )
    sid = create_session(db, committee.id, date(2026, 3, 12)).id
    add_agenda_item(db, sid, "Matriz de riesgos")
    add_agenda_item(db, sid, "Plan de Acción")
    editor = open_agenda(qtbot, window, committee.id, sid)
    table = editor.agenda.table
    target = next(
        n for n, r in enumerate(editor.agenda.model.rows) if r.item.title == "Plan de Acción"
    )
    dropped = files(tmp_path, "Informe de avance.pdf", "Anexo técnico.pdf")
    assert drop_files(table.viewport(), dropped, row_center(table, target))
    qtbot.waitUntil(lambda: len(annexes(db, sid, "Plan de Acción")) == 2, timeout=TIMEOUT)
    idle(qtbot, window)
    assert annexes(db, sid, "Plan de Acción") == ["Informe de avance.pdf", "Anexo técnico.pdf"]
    assert annexes(db, sid, "Matriz de riesgos") == []
    assert "Adjuntar 2 anexos" in window.undo_action.text()
    keys(qtbot, window.tree, "Ctrl+Z")  # one step takes both back
    idle(qtbot, window)
    assert annexes(db, sid, "Plan de Acción") == []
    # a folder is not a file: the drop is not taken
    assert not drop_files(table.viewport(), [tmp_path], row_center(table, target))


def test_an_approved_acta_takes_no_annex(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, approved: int, tmp_path: Path
) -> None:
    detail = get_session_detail(db, approved)
    editor = open_agenda(qtbot, window, detail.committee_id, approved)
    table = editor.agenda.table
    before = [a.name for i in detail.all_agenda_items() for a in i.attachments]
    assert not drop_files(table.viewport(), files(tmp_path, "tarde.pdf"), row_center(table, 0))
    idle(qtbot, window)
    after = [
        a.name for i in get_session_detail(db, approved).all_agenda_items() for a in i.attachments
    ]
    assert after == before


def test_a_spreadsheet_dropped_on_the_plans_starts_their_import(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, tmp_path: Path, monkeypatch
) -> None:
    from mipg_desktop.demo import run_demo
    from mipg_desktop.planning.plans import list_plans
    from ui import plan_view

    run_demo(db, years=1, today=date(2026, 5, 20))
    started: list[Path] = []
    monkeypatch.setattr(plan_view, "import_plan", lambda _w, path=None: started.append(path))
    window.refresh()
    idle(qtbot, window)
    plan = list_plans(db)[0]
    places.open_plan(window, plan.year, plan.id)
    view = window.editors.currentWidget()
    assert isinstance(view, plan_view.PlanEditor)
    [sheet] = files(tmp_path, "plan 2027.xlsx")
    [other] = files(tmp_path, "acta.docx")
    assert not drop_files(view, [other])
    assert started == []
    assert drop_files(view, [sheet])
    assert started == [sheet]
