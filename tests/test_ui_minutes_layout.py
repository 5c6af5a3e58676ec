"""The Acta tab at 1024×600 and 1366×768 with long Spanish agenda titles: the block tools
are not clipped, the agenda list is wide enough to read every title (wrapped, never cut)
and keeps the width the secretary dragged it to."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QSplitter, QWidget
from test_ui_editing import tab
from ui_support import TIMEOUT, idle

from mipg_desktop.committees.views import list_sessions
from mipg_desktop.storage.database import Database
from ui.dev_screenshots import sample_data
from ui.main_window import MainWindow
from ui.minutes_layout import LIST_CHARS
from ui.session_editor import SessionEditor

pytestmark = pytest.mark.qt


def open_acta(qtbot: Any, window: MainWindow, committee_id: int, year: int, sid: int) -> Any:
    window.session_created(committee_id, year, sid)
    qtbot.waitUntil(
        lambda: (
            isinstance(window.editors.currentWidget(), SessionEditor)
            and window.editors.currentWidget().session_id == sid
        ),
        timeout=TIMEOUT,
    )
    editor = window.editors.currentWidget()
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=TIMEOUT)
    idle(qtbot, window)
    tab(qtbot, editor, editor.minutes)
    qtbot.waitUntil(lambda: editor.minutes.blocks.count() > 0, timeout=TIMEOUT)
    idle(qtbot, window)
    return editor


def inside(widget: QWidget, top: QWidget) -> bool:
    rect = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
    return top.rect().contains(rect) and widget.isVisible()


@pytest.mark.parametrize("size", [(1024, 600), (1366, 768)])
def test_the_acta_tab_is_usable_on_small_and_usual_screens(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, size: tuple[int, int]
) -> None:
    committee_id, sid, year = sample_data(db)
    window.resize(*size)
    minutes = open_acta(qtbot, window, committee_id, year, sid).minutes
    qtbot.waitUntil(lambda: window.width() == size[0], timeout=TIMEOUT)
    for widget in (minutes.blocks, minutes.insert_block, *minutes.style_buttons):
        assert inside(widget, minutes), widget.objectName() or widget.accessibleName()
    combo = minutes.blocks
    name = combo.currentText()
    assert name and combo.fontMetrics().horizontalAdvance(name) < combo.width() - 30, name
    items = minutes.items
    assert items.width() >= items.fontMetrics().averageCharWidth() * LIST_CHARS
    viewport = items.viewport().width()
    longest = max(range(items.count()), key=lambda row: len(items.item(row).text()))
    for row in range(items.count()):
        entry = items.item(row)
        rect = items.visualItemRect(entry)
        needed = items.fontMetrics().boundingRect(
            QRect(0, 0, rect.width() - 6, 10_000), Qt.TextFlag.TextWordWrap, entry.text()
        )
        assert rect.right() <= viewport and needed.height() <= rect.height(), entry.text()
        assert entry.toolTip()
    assert items.visualItemRect(items.item(longest)).height() > items.fontMetrics().height() * 1.5


def drag(handle: QWidget, by: int) -> None:
    """A press, a move with the button held and a release on the splitter's handle."""
    start = QPointF(handle.rect().center())
    end = start + QPointF(by, 0)
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for kind, at, buttons in (
        (QEvent.Type.MouseButtonPress, start, left),
        (QEvent.Type.MouseMove, end, left),
        (QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton),
    ):
        glob = QPointF(handle.mapToGlobal(at.toPoint()))
        QApplication.sendEvent(handle, QMouseEvent(kind, at, glob, left, buttons, none))


def test_the_agenda_list_keeps_the_width_it_was_dragged_to(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database
) -> None:
    committee_id, sid, year = sample_data(db)
    minutes = open_acta(qtbot, window, committee_id, year, sid).minutes
    splitter = minutes.findChild(QSplitter)
    before = minutes.items.width()
    drag(splitter.handle(1), 80)
    qtbot.waitUntil(lambda: minutes.items.width() >= before + 60, timeout=TIMEOUT)
    dragged = minutes.items.width()
    window.resize(window.width() + 120, window.height())  # the text takes what the window gains
    qtbot.waitUntil(lambda: window.width() > 1400, timeout=TIMEOUT)
    idle(qtbot, window)
    assert minutes.items.width() == dragged
    other = next(s for s in list_sessions(db, committee_id) if s.id != sid)
    again = open_acta(qtbot, window, committee_id, other.year, other.id).minutes
    assert again is not minutes
    assert abs(again.items.width() - dragged) <= 2  # another acta opens as it was left
