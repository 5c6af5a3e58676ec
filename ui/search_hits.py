"""A search hit opens the session on the tab holding it, the row or the words selected:
an agenda item (its row, or its minutes text when the words are there), a decision, a
commitment; a plan activity opens its plan with the activity selected."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ui import places

if TYPE_CHECKING:
    from mipg_desktop.search import SearchHit
    from ui.main_window import MainWindow
    from ui.session_editor import SessionEditor


def open_hit(window: MainWindow, hit: SearchHit, query: str) -> None:
    from mipg_desktop.search import KIND_AGENDA_ITEM, KIND_COMMITMENT, KIND_DECISION, query_words

    words = query_words(query)
    if hit.plan_id is not None and hit.year is not None:
        _open_activity(window, hit.year, hit.plan_id, hit.record_id)
        return
    if hit.session_id is None or hit.committee_id is None or hit.year is None:
        return
    tab = {KIND_DECISION: places.TAB_DECISIONS, KIND_COMMITMENT: places.TAB_COMMITMENTS}.get(
        hit.kind, places.TAB_AGENDA
    )

    def select(editor: SessionEditor) -> None:
        if hit.kind == KIND_AGENDA_ITEM:
            _show_item(editor, hit.record_id, words)
        elif hit.kind == KIND_DECISION:
            panel = editor.decisions
            places.select_row(panel.table, panel.model.rows, lambda d: d.id == hit.record_id)
        elif hit.kind == KIND_COMMITMENT:
            panel = editor.commitments
            places.select_row(panel.table, panel.model.rows, lambda c: c.id == hit.record_id)

    places.open_session(window, hit.committee_id, hit.year, hit.session_id, tab, select)


def _show_item(editor: SessionEditor, item_id: int, words: list[str]) -> None:
    """The minutes with the words selected when the item's deliberation holds them; else
    the item's row in the agenda."""
    from mipg_desktop.text import normalize_key

    detail = editor.detail
    item = next((i for i in detail.all_agenda_items() if i.id == item_id), None) if detail else None
    if item is None:
        return
    deliberation = normalize_key(item.deliberation)
    minutes = getattr(editor, "minutes", None)
    if minutes is not None and any(w in deliberation for w in words):
        places.show_tab(editor, places.TAB_MINUTES)
        _select_minutes_item(minutes, item_id)
        pages = getattr(minutes, "pages", None)  # the editor, or its read-only preview
        shown = pages.currentWidget() if pages is not None else getattr(minutes, "text", None)
        if shown is not None and hasattr(shown, "document"):
            places.highlight_text(shown, words)
            shown.setFocus()
        return
    places.show_tab(editor, places.TAB_AGENDA)
    panel = editor.agenda
    places.select_row(panel.table, panel.model.rows, lambda r: r.item.id == item_id)


def _select_minutes_item(minutes: Any, item_id: int) -> None:
    from ui import minutes_panel

    role = getattr(minutes_panel, "ITEM_ROLE", None)
    items = getattr(minutes, "items", None)
    if role is None or items is None:
        return
    for row in range(items.count()):
        entry = items.item(row)
        if entry.data(role) == item_id:
            items.setCurrentItem(entry)  # shows its text
            return


def _open_activity(window: MainWindow, year: int, plan_id: int, activity_id: int) -> None:
    from ui.plan_view import PlanEditor

    places.open_plan(window, year, plan_id)
    editor = window.editors.currentWidget()
    if isinstance(editor, PlanEditor) and editor.plan_id == plan_id:
        editor.select_activity = activity_id
        editor.load()
