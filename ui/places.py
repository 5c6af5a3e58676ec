"""Opening the window where the work is: a session on a given tab, with a row or a piece of
the minutes selected; a commitment in the tracker; a plan. The home view, the search hits and
«reopen where it was left» all go through here."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QRegularExpression
from PySide6.QtWidgets import QTableView, QWidget

from ui.navigation import ROOT_COMMITMENTS, ROOT_COMMITTEES, ROOT_PLANS

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.session_editor import SessionEditor

# the session's tabs, by the editor attribute holding each panel
TAB_AGENDA = "agenda"
TAB_ATTENDANCE = "attendance"
TAB_MINUTES = "minutes"
TAB_DECISIONS = "decisions"
TAB_COMMITMENTS = "commitments"
TAB_DETAILS = "details"
TABS = (TAB_AGENDA, TAB_ATTENDANCE, TAB_MINUTES, TAB_DECISIONS, TAB_COMMITMENTS, TAB_DETAILS)

_FOLDS = {
    "a": "aáàâä",
    "e": "eéèêë",
    "i": "iíìîï",
    "o": "oóòôö",
    "u": "uúùûü",
    "n": "nñ",
    "c": "cç",
}


def tab_name(editor: SessionEditor) -> str:
    """The name of the tab shown (for «reopen where it was left»)."""
    shown = editor.tabs.currentWidget()
    return next((n for n in TABS if getattr(editor, n, None) is shown), TAB_AGENDA)


def reveal(window: MainWindow, *path: tuple[str, Any]) -> QModelIndex:
    """Select the node at the end of ``path`` and open its editor, also when it was the
    node selected already (selecting it again opens nothing)."""
    found = window.reveal(*path)
    shown = window._shown_index  # what the editor area shows (a QPersistentModelIndex)
    if found.isValid() and (shown is None or QModelIndex(shown) != found):
        window._open_index(found)
    return found


def show_tab(editor: SessionEditor, name: str) -> bool:
    panel = getattr(editor, name, None)
    index = editor.tabs.indexOf(panel) if isinstance(panel, QWidget) else -1
    if index >= 0:
        editor.tabs.setCurrentIndex(index)
    return index >= 0


def open_session(
    window: MainWindow,
    committee_id: int,
    year: int,
    session_id: int,
    tab: str = TAB_AGENDA,
    then: Callable[[SessionEditor], None] | None = None,
) -> SessionEditor | None:
    """Reveal the session in the tree (which opens its editor), show ``tab``, and once the
    session is read call ``then`` (to select what the person came for)."""
    from ui.session_editor import SessionEditor

    found = reveal(
        window,
        (ROOT_COMMITTEES, None),
        ("committee", committee_id),
        ("year", (committee_id, year)),
        ("session", session_id),
    )
    editor = window.editors.currentWidget()
    if not found.isValid() or not isinstance(editor, SessionEditor):
        return None
    if editor.session_id != session_id:
        return None
    show_tab(editor, tab)
    if then is not None:
        after_read(editor, then)
    return editor


def after_read(editor: SessionEditor, then: Callable[[SessionEditor], None]) -> None:
    """``then(editor)`` once, after the next read of the session is shown."""

    def once(_detail: Any) -> None:
        editor.loaded.disconnect(once)
        then(editor)

    editor.loaded.connect(once)
    editor.reload()


def select_row(table: QTableView, rows: list[Any], wanted: Callable[[Any], bool]) -> bool:
    """Select (and scroll to) the first row of ``table`` whose data answers ``wanted``."""
    for number, row in enumerate(rows):
        if wanted(row):
            index = table.model().index(number, 0)
            table.setCurrentIndex(index)
            table.selectRow(number)
            table.scrollTo(index)
            table.setFocus()
            return True
    return False


def folded_pattern(words: list[str]) -> QRegularExpression:
    """Any of ``words`` (already folded) matched with or without accents, any case."""
    parts = []
    for word in words:
        parts.append("".join(f"[{_FOLDS[ch]}]" if ch in _FOLDS else re.escape(ch) for ch in word))
    return QRegularExpression(
        "|".join(parts), QRegularExpression.PatternOption.CaseInsensitiveOption
    )


def highlight_text(editor_widget: Any, words: list[str]) -> bool:
    """Show the first of ``words`` in a text editor (QPlainTextEdit, QTextEdit or a browser)
    highlighted, the cursor just before it: the person sees where the hit is, and a key
    pressed next never replaces the found word (a selection would). The highlight goes with
    the first change or cursor move."""
    from PySide6.QtGui import QColor, QTextCursor
    from PySide6.QtWidgets import QTextEdit

    if not words:
        return False
    found = editor_widget.document().find(folded_pattern(words), 0)
    if found.isNull():
        return False
    mark = QTextEdit.ExtraSelection()
    mark.cursor = found
    mark.format.setBackground(QColor("#ffe680"))
    editor_widget.setExtraSelections([mark])
    cursor = QTextCursor(found)
    cursor.setPosition(found.selectionStart())
    editor_widget.setTextCursor(cursor)
    editor_widget.ensureCursorVisible()

    def clear(*_args: object) -> None:
        editor_widget.setExtraSelections([])
        for signal in (editor_widget.textChanged, editor_widget.cursorPositionChanged):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(clear)

    editor_widget.textChanged.connect(clear)
    editor_widget.cursorPositionChanged.connect(clear)
    return True


def open_commitment(window: MainWindow, commitment_id: int | None) -> None:
    """The tracker, every filter cleared, with the commitment selected (None: the whole
    tracker). Its tree node is selected without opening it: opening reads the tracker
    with its filters, and that answer would arrive after this one."""
    from PySide6.QtCore import QPersistentModelIndex

    from ui.commitments_view import CommitmentsTracker
    from ui.editors import tracker_for

    if commitment_id is None:
        reveal(window, (ROOT_COMMITMENTS, None))
        return
    if not window.commit_all():
        return
    window._reverting = True  # select the node, open nothing
    try:
        found = window.reveal((ROOT_COMMITMENTS, None))
    finally:
        window._reverting = False
    tracker = tracker_for(window)
    assert isinstance(tracker, CommitmentsTracker)
    window._shown_index = QPersistentModelIndex(found)
    window.show_editor(tracker)
    tracker.show_commitment(commitment_id)


def open_plan(window: MainWindow, year: int, plan_id: int) -> None:
    reveal(window, (ROOT_PLANS, None), ("plan_year", year), ("plan", plan_id))
