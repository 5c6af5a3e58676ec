"""The keyboard as a person uses it: Alt+letter reaches one thing in every view, Tab goes
down each form in the order it reads, Ctrl+S saves now and says so."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QTabWidget,
    QWidget,
)
from test_committees_lifecycle import held_session
from test_committees_support import build_cigd
from ui_support import TIMEOUT, idle, keys, type_text

from mipg_desktop.storage.database import Database
from ui.committee_editor import CommitteeEditor
from ui.entity_editor import EntityEditor
from ui.main_window import MainWindow
from ui.session_editor import SessionEditor

pytestmark = pytest.mark.qt


def mnemonic(text: str) -> str:
    """The letter after a single «&» (lower case), or ""."""
    found = re.search(r"(?<!&)&([^&\s])", text)
    return found[1].casefold() if found else ""


def shown_mnemonics(window: MainWindow) -> list[tuple[str, str]]:
    """(letter, text) of everything Alt+letter can reach in the window as it is now: the
    menu bar, visible buttons and check boxes, tabs, labels' buddies, group boxes."""
    found: list[tuple[str, str]] = []
    for action in window.menuBar().actions():
        found.append((mnemonic(action.text()), action.text()))
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        labelled = isinstance(widget, QLabel) and widget.buddy() is not None
        if isinstance(widget, QAbstractButton) or labelled:
            texts = [widget.text()]
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            texts = [widget.title()]
        elif isinstance(widget, QTabBar):
            texts = [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i)]
        else:
            continue
        found += [(mnemonic(t), t) for t in texts if mnemonic(t)]
    return [(letter, text) for letter, text in found if letter]


def collisions(window: MainWindow) -> list[str]:
    shown = shown_mnemonics(window)
    counts = Counter(letter for letter, _text in shown)
    return sorted(
        f"Alt+{letter.upper()}: " + " / ".join(t for k, t in shown if k == letter)
        for letter, n in counts.items()
        if n > 1
    )


def each_tab(qtbot: Any, widget: QWidget) -> Iterator[str]:
    """Every tab of the (first, outer) tab widget in ``widget``, shown in turn."""
    tabs = widget.findChild(QTabWidget)
    if tabs is None:
        yield ""
        return
    for index in range(tabs.count()):
        if tabs.isTabVisible(index):
            tabs.setCurrentIndex(index)
            qtbot.wait(10)
            yield tabs.tabText(index)


def open_session(qtbot: Any, window: MainWindow, committee_id: int, sid: int) -> SessionEditor:
    window.session_created(committee_id, 2026, sid)
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), SessionEditor), timeout=TIMEOUT
    )
    editor = window.editors.currentWidget()
    assert isinstance(editor, SessionEditor)
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=TIMEOUT)
    idle(qtbot, window)
    return editor


def open_committee(qtbot: Any, window: MainWindow, committee_id: int) -> CommitteeEditor:
    window.committee_created(committee_id)
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), CommitteeEditor), timeout=TIMEOUT
    )
    idle(qtbot, window)
    editor = window.editors.currentWidget()
    assert isinstance(editor, CommitteeEditor)
    return editor


def test_no_two_things_answer_the_same_alt_letter(
    qtbot: Any, window: MainWindow, db: Database
) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd, date(2026, 3, 12))
    found: dict[str, list[str]] = {}
    found["inicio"] = collisions(window)
    keys(qtbot, window, "Ctrl+Shift+E")
    entity = window.editors.currentWidget()
    assert isinstance(entity, EntityEditor)
    for name in each_tab(qtbot, entity):
        found[f"entidad · {name}"] = collisions(window)
    committee = open_committee(qtbot, window, cigd.committee_id)
    for name in each_tab(qtbot, committee):
        found[f"comité · {name}"] = collisions(window)
    session = open_session(qtbot, window, cigd.committee_id, sid)
    for name in each_tab(qtbot, session):
        found[f"sesión · {name}"] = collisions(window)
    model = window.tree_model
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        window.tree.setCurrentIndex(index)
        idle(qtbot, window)
        shown = window.editors.currentWidget()
        if shown is not None:
            for name in each_tab(qtbot, shown):
                found[f"{index.data()} · {name}"] = collisions(window)
    assert len(found) > 10, found
    bad = {state: clash for state, clash in found.items() if clash}
    assert not bad, "\n".join(f"{state}: {clash}" for state, clash in bad.items())
    # where «Agregar punto» shows, Alt+A presses it (and opens no menu)
    session = open_session(qtbot, window, cigd.committee_id, sid)
    session.tabs.setCurrentWidget(session.agenda)
    with qtbot.waitSignal(session.agenda.add_button.clicked, timeout=TIMEOUT):
        keys(qtbot, session.agenda.add_button, "Alt+A")
    assert QApplication.activePopupWidget() is None
    idle(qtbot, window)
    for menu in window.menuBar().actions():
        actions = [a.text() for a in menu.menu().actions() if a.text()]
        letters = Counter(mnemonic(t) for t in actions if mnemonic(t))
        assert all(n == 1 for n in letters.values()), (menu.text(), actions)


def reading_order(page: QWidget) -> list[QWidget]:
    """The fields of ``page`` a Tab can reach, in the order a person reads them: by line
    (top to bottom), then left to right."""
    fields = [
        w
        for w in page.findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
        and not isinstance(w, QTabBar)
    ]

    def place(w: QWidget) -> tuple[int, int]:
        # a table by its top (its rows' fields follow it), any other field by its middle
        where = w.mapTo(
            page, QPoint(2, 2) if isinstance(w, QAbstractItemView) else w.rect().center()
        )
        return where.y() // 12, where.x()  # the same line within a few pixels

    return sorted(fields, key=place)


def tab_walk(qtbot: Any, first: QWidget, steps: int) -> list[QWidget]:
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(first.hasFocus, timeout=TIMEOUT)
    seen = [first]
    for _ in range(steps):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None
        seen.append(now)
    return seen


def _name(w: QWidget) -> str:
    return w.accessibleName() or w.objectName() or type(w).__name__


def assert_tab_follows_the_form(qtbot: Any, page: QWidget, where: str) -> None:
    order = reading_order(page)
    assert len(order) >= 2, where
    walked = tab_walk(qtbot, order[0], len(order) - 1)
    assert [_name(w) for w in walked] == [_name(w) for w in order], (
        where,
        [_name(w) for w in walked],
    )


def test_tab_goes_down_each_form_as_it_reads(qtbot: Any, window: MainWindow, db: Database) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd, date(2026, 3, 12))
    keys(qtbot, window, "Ctrl+Shift+E")
    entity = window.editors.currentWidget()
    assert isinstance(entity, EntityEditor)
    for index in range(entity.tabs.count()):
        entity.tabs.setCurrentIndex(index)
        idle(qtbot, window)
        assert_tab_follows_the_form(qtbot, entity.tabs.currentWidget(), entity.tabs.tabText(index))
    entity.tabs.setCurrentIndex(1)
    walked = tab_walk(qtbot, reading_order(entity.tabs.currentWidget())[0], 6)
    assert entity.valid_from.line in walked  # «Fecha de vigencia» is reached by Tab
    session = open_session(qtbot, window, cigd.committee_id, sid)
    for index in range(session.tabs.count()):
        session.tabs.setCurrentIndex(index)
        if session.tabs.currentWidget() is session.minutes:
            continue  # the minutes editor keeps Tab (indenting lists, as in Word)
        idle(qtbot, window)
        page = session.tabs.currentWidget()
        assert_tab_follows_the_form(qtbot, page, session.tabs.tabText(index))
    committee = open_committee(qtbot, window, cigd.committee_id)
    assert_tab_follows_the_form(qtbot, committee, "comité")


def test_ctrl_s_saves_what_is_typed_now_and_says_when(
    qtbot: Any, window: MainWindow, db: Database
) -> None:
    from mipg_desktop.entity_profile import get_entity, save_entity

    save_entity(db, expected_version=None, name="Alcaldía de Pasto")
    keys(qtbot, window, "Ctrl+Shift+E")
    editor = window.editors.currentWidget()
    assert isinstance(editor, EntityEditor)
    idle(qtbot, window)
    city = editor.entity_inputs["city"]
    assert isinstance(city, QLineEdit)
    city.setFocus()
    type_text(city, "San Juan de Pasto")
    assert city.hasFocus()  # not left: nothing saved it yet
    keys(qtbot, city, "Ctrl+S")
    entity = get_entity(db)
    assert entity is not None and entity.city == "San Juan de Pasto"
    assert re.fullmatch(r"Guardado a las \d\d:\d\d", window.statusBar().currentMessage())
