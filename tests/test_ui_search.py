"""The search box: results as you type, without accents, opening the session they belong to."""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from ui_support import TIMEOUT, idle, keys, type_text

from mipg_desktop.committees.agenda import add_agenda_item
from mipg_desktop.committees.committees import create_committee
from mipg_desktop.committees.minutes import save_deliberation
from mipg_desktop.committees.sessions import create_session
from mipg_desktop.entity_profile import save_entity
from mipg_desktop.storage.database import Database
from ui.main_window import MainWindow
from ui.session_editor import SessionEditor

pytestmark = pytest.mark.qt


@pytest.fixture
def session_id(qtbot, window: MainWindow, db: Database) -> int:  # type: ignore[no-untyped-def]
    save_entity(db, expected_version=None, name="Alcaldía de Tunja")
    committee = create_committee(
        db, "Comité Institucional de Gestión y Desempeño", short_name="CIGD"
    )
    session = create_session(db, committee.id, date(2026, 3, 12))
    item = add_agenda_item(db, session.id, "Política de Gestión Documental")
    save_deliberation(
        db,
        item.id,
        "Se aprobó la actualización de las tablas de retención.",
        expected_version=item.version,
    )
    window.refresh()
    idle(qtbot, window)
    return session.id


def test_typing_finds_minutes_and_opens_their_session(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, session_id: int
) -> None:
    results = window.search_panel.results
    assert not results.isVisible()
    keys(qtbot, window, "Ctrl+F")
    type_text(window.search_box, "retencion")
    qtbot.waitUntil(lambda: results.isVisible() and results.count() == 1, timeout=TIMEOUT)
    item = results.item(0)
    assert "Punto del orden del día · Acta No. 01 de 2026 · CIGD" in item.text()
    assert "retención" in item.text()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    current = window.tree_model.row_at(window.tree.currentIndex())
    assert current is not None and (current.kind, current.key) == ("session", session_id)
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), SessionEditor), timeout=TIMEOUT
    )


def test_no_match_says_so_and_clearing_hides_results(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, session_id: int
) -> None:
    results = window.search_panel.results
    window.search_box.setFocus()
    type_text(window.search_box, "palabrainexistente")
    qtbot.waitUntil(lambda: results.isVisible() and results.count() == 1, timeout=TIMEOUT)
    assert results.item(0).text() == "Sin resultados"
    keys(qtbot, window.search_box, "Ctrl+A")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not results.isVisible(), timeout=TIMEOUT)


def _open_hit(qtbot, window: MainWindow, query: str) -> SessionEditor:  # type: ignore[no-untyped-def]
    results = window.search_panel.results
    keys(qtbot, window, "Ctrl+F")
    type_text(window.search_box, query)
    qtbot.waitUntil(lambda: results.isVisible() and results.count() >= 1, timeout=TIMEOUT)
    rect = results.visualItemRect(results.item(0))
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), SessionEditor), timeout=TIMEOUT
    )
    idle(qtbot, window)
    editor = window.editors.currentWidget()
    assert isinstance(editor, SessionEditor)
    return editor


def test_a_hit_in_the_minutes_opens_the_acta_tab_with_the_words_highlighted(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, session_id: int
) -> None:
    editor = _open_hit(qtbot, window, "retencion")
    assert editor.tabs.currentWidget() is editor.minutes
    shown = editor.minutes.pages.currentWidget()
    marks = shown.extraSelections()
    assert [m.cursor.selectedText() for m in marks] == ["retención"]
    # highlighted, not selected: the next key typed never replaces the found word
    assert not shown.textCursor().hasSelection()


def test_a_hit_in_an_agenda_title_selects_its_row(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, session_id: int
) -> None:
    editor = _open_hit(qtbot, window, "gestion documental")
    assert editor.tabs.currentWidget() is editor.agenda
    row = editor.agenda.current_row()
    assert editor.agenda.model.rows[row].item.title == "Política de Gestión Documental"


def test_a_commitment_hit_opens_the_commitments_tab_on_its_row(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, session_id: int, db: Database
) -> None:
    from mipg_desktop.committees.commitments import add_commitment

    add_commitment(db, session_id, "Publicar las tablas de valoración", "Archivo")
    wanted = add_commitment(db, session_id, "Capacitar en el inventario documental", "Archivo")
    editor = _open_hit(qtbot, window, "inventario")
    assert editor.tabs.currentWidget() is editor.commitments
    panel = editor.commitments
    assert panel.model.rows[panel.table.currentIndex().row()].id == wanted.id
