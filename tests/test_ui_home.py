"""«Inicio»: the window opens on what is pending; one click opens where the work is. And the
window reopens where it was left, per database."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from ui_support import TIMEOUT, close_window, double_click, idle, keys, open_window

from mipg_desktop.storage.database import Database
from ui import home_view
from ui.commitments_view import CommitmentsTracker
from ui.home_view import HomeView
from ui.main_window import MainWindow
from ui.plan_view import PlanEditor
from ui.session_editor import SessionEditor
from ui.welcome import WelcomePanel

pytestmark = pytest.mark.qt
DEMO_DAY = date(2026, 5, 20)


def home(qtbot: Any, window: MainWindow) -> HomeView:
    qtbot.waitUntil(lambda: isinstance(window.editors.currentWidget(), HomeView), timeout=TIMEOUT)
    view = window.editors.currentWidget()
    assert isinstance(view, HomeView)
    qtbot.waitUntil(lambda: view.work is not None, timeout=TIMEOUT)
    idle(qtbot, window)
    return view


def entry(view: HomeView, section: int, number: int = 0) -> Any:
    return view.list.topLevelItem(section).child(number)


def click_entry(qtbot: Any, view: HomeView, section: int, number: int = 0) -> None:
    item = entry(view, section, number)
    rect = view.list.visualItemRect(item)
    assert rect.isValid(), item.text(0)
    qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def shown_session(qtbot: Any, window: MainWindow, session_id: int) -> SessionEditor:
    def opened() -> bool:
        editor = window.editors.currentWidget()
        return isinstance(editor, SessionEditor) and editor.session_id == session_id

    qtbot.waitUntil(opened, timeout=TIMEOUT)
    editor = window.editors.currentWidget()
    assert isinstance(editor, SessionEditor)
    idle(qtbot, window)
    return editor


@pytest.fixture
def demo(demo_copy: Any, monkeypatch: pytest.MonkeyPatch) -> Database:
    db: Database = demo_copy(1, DEMO_DAY)  # run_demo(db, years=1, today=DEMO_DAY), new database
    monkeypatch.setattr(home_view, "today", lambda: DEMO_DAY)
    return db


def sessions(db: Database, short_name: str = "CIGD") -> dict[int, Any]:
    """The demo committee's sessions by number (the demo has a CIGD and a CICCI)."""
    from mipg_desktop.committees.views import list_committees, list_sessions

    committee = next(c for c in list_committees(db) if c.short_name == short_name)
    return {s.number: s for s in list_sessions(db, committee_id=committee.id)}


def test_an_empty_database_opens_on_the_first_steps(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(window.editors.currentWidget(), WelcomePanel)
    keys(qtbot, window.tree, "Ctrl+Home")  # «Inicio» on an empty database: the first steps
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), WelcomePanel), timeout=TIMEOUT
    )
    current = window.tree_model.row_at(window.tree.currentIndex())
    assert current is not None and current.kind == "root_home"


def test_home_lists_the_pending_work_and_each_entry_opens_where_it_is(  # type: ignore[no-untyped-def]
    qtbot, demo: Database, tmp_path: Path
) -> None:
    window = open_window(qtbot, demo, tmp_path)
    try:
        view = home(qtbot, window)
        by_number = sessions(demo)
        heads = [view.list.topLevelItem(i).text(0) for i in range(view.list.topLevelItemCount())]
        assert heads == [  # the CIGD's and the CICCI's
            "Próximas sesiones (2)",
            "Actas por aprobar (2)",
            "Compromisos vencidos (1)",
            "Planes con seguimiento trimestral pendiente (0)",
        ]
        assert "Acta No. 02 de 2026 · CIGD · 11/06/2026 — falta: convocatoria sin enviar" in (
            entry(view, 0).text(0)
        )
        assert "Acta No. 02 de 2026 · CICCI · 18/08/2026" in entry(view, 0, 1).text(0)
        assert "Acta No. 01 de 2026 · CICCI · 17/02/2026" in entry(view, 1).text(0)
        assert entry(view, 3).text(0) == "Nada pendiente."
        # the CIGD's acta waiting for approval: its session, on the «Acta» tab
        assert "CIGD" in entry(view, 1, 1).text(0)
        click_entry(qtbot, view, 1, 1)
        editor = shown_session(qtbot, window, by_number[1].id)
        assert editor.tabs.currentWidget() is editor.minutes
        current = window.tree_model.row_at(window.tree.currentIndex())
        assert current is not None and (current.kind, current.key) == ("session", by_number[1].id)
        # back home with Ctrl+Home; the next session opens on its agenda
        keys(qtbot, window.tree, "Ctrl+Home")
        view = home(qtbot, window)
        click_entry(qtbot, view, 0)
        editor = shown_session(qtbot, window, by_number[2].id)
        assert editor.tabs.currentWidget() is editor.agenda
        # the overdue commitment names its committee first (cut at the end on a small screen)
        overdue = entry(view, 2).text(0)
        assert overdue.startswith("CIGD · "), overdue
        assert "(1 día)" in overdue  # one day late, in the singular
        # the overdue commitment: selected in the tracker
        keys(qtbot, window.tree, "Ctrl+Home")
        view = home(qtbot, window)
        wanted = view.work.overdue[0].commitment_id  # type: ignore[union-attr]
        rect = view.list.visualItemRect(entry(view, 2))
        double_click(qtbot, view.list.viewport(), rect.center())  # opened once, selected
        qtbot.waitUntil(
            lambda: isinstance(window.editors.currentWidget(), CommitmentsTracker),
            timeout=TIMEOUT,
        )
        tracker = window.editors.currentWidget()
        assert isinstance(tracker, CommitmentsTracker)
        qtbot.waitUntil(
            lambda: tracker.selected() is not None and tracker.selected().id == wanted,  # type: ignore[union-attr]
            timeout=TIMEOUT,
        )
    finally:
        close_window(window)


def test_a_plan_due_for_its_quarter_opens_from_home(  # type: ignore[no-untyped-def]
    qtbot, demo: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(home_view, "today", lambda: date(2026, 10, 5))
    window = open_window(qtbot, demo, tmp_path)
    try:
        view = home(qtbot, window)
        due = view.work.plans_due  # type: ignore[union-attr]
        assert due
        assert f"trimestre 3: {due[0].missing} de {due[0].activities}" in entry(view, 3).text(0)
        click_entry(qtbot, view, 3)
        qtbot.waitUntil(
            lambda: isinstance(window.editors.currentWidget(), PlanEditor), timeout=TIMEOUT
        )
        plan = window.editors.currentWidget()
        current = window.tree_model.row_at(window.tree.currentIndex())
        assert current is not None and (current.kind, current.key) == ("plan", due[0].plan_id)
        assert plan is window._editors[("plan", due[0].plan_id)]
    finally:
        close_window(window)


def test_the_window_reopens_on_the_same_session_tab_and_size(  # type: ignore[no-untyped-def]
    qtbot, demo: Database, tmp_path: Path
) -> None:
    window = open_window(qtbot, demo, tmp_path)
    view = home(qtbot, window)
    click_entry(qtbot, view, 1, 1)  # the CIGD acta in review (the CICCI's is first), on «Acta»
    sid = sessions(demo)[1].id
    editor = shown_session(qtbot, window, sid)
    decisions = editor.tabs.indexOf(editor.decisions)
    bar = editor.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(decisions).center())
    assert editor.tabs.currentWidget() is editor.decisions
    window.resize(780, 560)
    window.splitter.setSizes([200, 580])
    qtbot.wait(20)
    size, tree_width = window.size(), window.splitter.sizes()[0]
    close_window(window)

    again = open_window(qtbot, demo, tmp_path, resize=False)
    try:
        editor = shown_session(qtbot, again, sid)
        assert editor.tabs.currentWidget() is editor.decisions
        assert again.size() == size
        assert abs(again.splitter.sizes()[0] - tree_width) <= 2
        current = again.tree_model.row_at(again.tree.currentIndex())
        assert current is not None and (current.kind, current.key) == ("session", sid)
        assert again.tree.isExpanded(again.tree_model.parent(again.tree.currentIndex()))
    finally:
        close_window(again)


def test_a_window_left_maximised_reopens_maximised_on_a_small_screen(  # type: ignore[no-untyped-def]
    qtbot, demo: Database, tmp_path: Path
) -> None:
    """Left maximised (a 1366×768 laptop), reopened on a small screen (the offscreen one is
    800×600): maximised again, the tree wide enough for «No. 05 · 12/11/2026», never the
    odd size Qt makes of the saved one nor a tree squeezed to a letter."""
    window = open_window(qtbot, demo, tmp_path)
    window.showMaximized()
    window.splitter.setSizes([40, window.width() - 40])
    qtbot.waitUntil(window.isMaximized, timeout=TIMEOUT)
    close_window(window)

    again = open_window(qtbot, demo, tmp_path, resize=False)
    try:
        qtbot.waitUntil(again.isMaximized, timeout=TIMEOUT)
        assert again.splitter.sizes()[0] >= 180
    finally:
        close_window(again)


def test_another_database_keeps_its_own_place(  # type: ignore[no-untyped-def]
    qtbot, demo: Database, tmp_path: Path
) -> None:
    from mipg_desktop.storage.database import open_database

    window = open_window(qtbot, demo, tmp_path)
    view = home(qtbot, window)
    click_entry(qtbot, view, 1, 1)  # the CIGD acta in review
    shown_session(qtbot, window, sessions(demo)[1].id)
    close_window(window)
    other = open_database(tmp_path / "otra.sqlite")
    try:
        fresh = open_window(qtbot, other, tmp_path)
        try:
            assert isinstance(fresh.editors.currentWidget(), WelcomePanel)
        finally:
            close_window(fresh)
    finally:
        other.close()
