"""Spell check in the window, used as a secretary does: she types, misspelt words get a red
wavy underline, a right-click offers the right spelling, «Agregar al diccionario» and
«Ignorar» above the usual edit actions; a 30-page acta opens without freezing the window."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit, QTextEdit
from ui_support import TIMEOUT, type_text

from ui.spell_check import attach_spell_check, reset_spell_service, spell_highlighter

pytestmark = pytest.mark.qt
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def own_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A checker of its own for each test, with the person's words in a temporary folder."""
    monkeypatch.setenv("MIPG_CONFIG_DIR", str(tmp_path / "config"))
    reset_spell_service()
    yield tmp_path / "config" / "palabras.txt"
    reset_spell_service()


def editor(qtbot: Any, kind: type[QPlainTextEdit] | type[QTextEdit] = QPlainTextEdit) -> Any:
    edit = kind()
    qtbot.addWidget(edit)
    edit.resize(700, 400)
    edit.show()
    qtbot.waitExposed(edit)
    attach_spell_check(edit)
    edit.setFocus()
    return edit


def settled(qtbot: Any, edit: Any) -> None:
    highlighter = spell_highlighter(edit)
    assert highlighter is not None
    qtbot.waitUntil(lambda: not highlighter.busy(), timeout=TIMEOUT)


def underlined(edit: Any) -> list[str]:
    """The words the editor shows with the spelling underline, in order."""
    out = []
    block = edit.document().firstBlock()
    while block.isValid():
        for span in block.layout().formats():
            style = span.format.underlineStyle()
            if style == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                out.append(block.text()[span.start : span.start + span.length])
        block = block.next()
    return out


def right_click(qtbot: Any, edit: Any, pos: QPoint) -> None:
    """A right-click as the window system delivers it (press on the window, so Qt makes the
    context-menu event from it), at ``pos`` of the editor's viewport."""
    window = edit.window()
    at = edit.viewport().mapTo(window, pos)
    qtbot.mouseClick(window.windowHandle(), Qt.MouseButton.RightButton, pos=at)


def right_click_word(qtbot: Any, edit: Any, word: str, choose: Callable[[QMenu], Any]) -> dict:
    """Right-click on ``word``; once the menu shows its suggestions, ``choose(menu)`` names
    the action to click. Returns what the menu held."""
    seen: dict[str, Any] = {}

    def handle() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu) or not menu.isVisible():
            return
        names = [a.objectName() for a in menu.actions()]
        if not any(n == "spellSuggestion" for n in names) and "Sin sugerencias" not in str(
            [a.text() for a in menu.actions()]
        ):
            return  # still looking for suggestions
        poll.stop()
        seen["names"] = names
        seen["texts"] = [a.text() for a in menu.actions()]
        action = choose(menu)
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())

    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(handle)
    poll.start()
    cursor = QTextCursor(edit.document())
    cursor.setPosition(edit.toPlainText().index(word) + 2)
    right_click(qtbot, edit, edit.cursorRect(cursor).center())
    qtbot.waitUntil(lambda: "names" in seen, timeout=TIMEOUT)
    poll.stop()
    return seen


def named(name: str) -> Callable[[QMenu], Any]:
    return lambda menu: next(a for a in menu.actions() if a.objectName() == name)


def test_typing_underlines_only_the_misspelt_words(qtbot: Any) -> None:
    edit = editor(qtbot)
    type_text(edit, "La sesion del comité revisó el SECOP y el quórum; escriba a ")
    type_text(edit, "planeacion@entidad.gov.co antes del 2do corte.\nOtra reunion.")
    settled(qtbot, edit)
    # under load the last block's repaint can come one turn after the worker's answer
    qtbot.waitUntil(lambda: underlined(edit) == ["sesion", "reunion"], timeout=TIMEOUT)


def test_the_word_being_typed_is_underlined_once_left(qtbot: Any) -> None:
    edit = editor(qtbot)
    type_text(edit, "La sesion")
    settled(qtbot, edit)
    assert underlined(edit) == []  # still typing it: perhaps «sesiones» comes
    type_text(edit, " empezó")
    settled(qtbot, edit)
    assert underlined(edit) == ["sesion"]
    type_text(edit, ". Otra reunion")
    settled(qtbot, edit)
    assert underlined(edit) == ["sesion"]
    qtbot.keyClick(edit, Qt.Key.Key_Home)  # the cursor leaves the word
    assert underlined(edit) == ["sesion", "reunion"]


def test_underlining_is_not_taken_for_typing(qtbot: Any) -> None:
    """The repaint that follows the dictionary's answers changes no text: an editor that
    saves what is typed (the minutes) sees no textChanged from it."""
    edit = editor(qtbot)
    edit.setPlainText("La sesion empezó.\n\nOtra reunion sin quorum.")
    changes: list[int] = []
    edit.textChanged.connect(lambda: changes.append(1))
    settled(qtbot, edit)
    assert underlined(edit) == ["sesion", "reunion"]
    assert changes == []


def test_a_suggestion_replaces_the_word_and_undo_brings_it_back(qtbot: Any) -> None:
    edit = editor(qtbot)
    type_text(edit, "Se levantó la sesion a tiempo.")
    settled(qtbot, edit)
    seen = right_click_word(
        qtbot, edit, "sesion", lambda m: next(a for a in m.actions() if a.text() == "sesión")
    )
    assert seen["texts"][0] == "sesión"  # the right spelling comes first
    assert edit.toPlainText() == "Se levantó la sesión a tiempo."
    settled(qtbot, edit)
    assert underlined(edit) == []
    edit.undo()
    assert edit.toPlainText() == "Se levantó la sesion a tiempo."


def test_add_to_dictionary_keeps_the_word_for_good(qtbot: Any, own_words: Path) -> None:
    edit = editor(qtbot, QTextEdit)  # a formatted editor works the same
    type_text(edit, "El xertopal y otro xertopal.")
    settled(qtbot, edit)
    qtbot.waitUntil(lambda: underlined(edit) == ["xertopal", "xertopal"], timeout=TIMEOUT)
    seen = right_click_word(qtbot, edit, "xertopal", named("spellAddWord"))
    assert "Ignorar" in seen["texts"]
    # the editor's own actions stay, below the spelling ones
    for standard in ("edit-copy", "edit-paste", "select-all"):
        assert standard in seen["names"]
    assert seen["names"].index("spellAddWord") < seen["names"].index("edit-copy")
    qtbot.waitUntil(lambda: underlined(edit) == [], timeout=TIMEOUT)
    assert own_words.read_text(encoding="utf-8") == "xertopal\n"
    reset_spell_service()  # as after a restart: read from the file
    again = editor(qtbot)
    type_text(again, "Un xertopal más.")
    settled(qtbot, again)
    assert underlined(again) == []


def test_the_menu_key_offers_the_same_menu(qtbot: Any) -> None:
    edit = editor(qtbot)
    type_text(edit, "Se levantó la sesion a tiempo.")
    settled(qtbot, edit)
    cursor = edit.textCursor()
    cursor.setPosition(edit.toPlainText().index("sesion") + 2)
    edit.setTextCursor(cursor)
    seen: dict[str, list[str]] = {}

    def read_menu() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu) and "spellAddWord" in [a.objectName() for a in menu.actions()]:
            seen["names"] = [a.objectName() for a in menu.actions()]
            menu.close()

    poll = QTimer()
    poll.timeout.connect(read_menu)
    poll.start(20)
    # what the window system sends for the menu key (QTest cannot press it): a keyboard
    # context-menu event on the focused editor, at the text cursor
    at = edit.viewport().mapTo(edit, edit.cursorRect().center())
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, at, edit.mapToGlobal(at))
    QApplication.sendEvent(edit, event)
    qtbot.waitUntil(lambda: "names" in seen, timeout=TIMEOUT)
    poll.stop()
    assert "edit-copy" in seen["names"]


def test_ignore_accepts_the_word_in_every_editor_until_closing(qtbot: Any, own_words: Path) -> None:
    first, second = editor(qtbot), editor(qtbot)
    type_text(first, "Vino el fomeque.")
    type_text(second, "Otro fomeque.")
    settled(qtbot, first)
    settled(qtbot, second)
    assert underlined(second) == ["fomeque"]
    right_click_word(qtbot, first, "fomeque", named("spellIgnoreWord"))
    qtbot.waitUntil(lambda: underlined(second) == [] and underlined(first) == [], timeout=TIMEOUT)
    assert not own_words.exists()


def test_a_read_only_text_offers_no_spelling_changes(qtbot: Any) -> None:
    edit = editor(qtbot)
    type_text(edit, "La sesion.")
    settled(qtbot, edit)
    edit.setReadOnly(True)
    seen: dict[str, list[str]] = {}

    def read_menu() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            seen["names"] = [a.objectName() for a in menu.actions()]
            menu.close()

    poll = QTimer()
    poll.timeout.connect(read_menu)
    poll.start(20)
    cursor = QTextCursor(edit.document())
    cursor.setPosition(5)
    right_click(qtbot, edit, edit.cursorRect(cursor).center())
    qtbot.waitUntil(lambda: "names" in seen, timeout=TIMEOUT)
    poll.stop()
    assert "edit-copy" in seen["names"] and "spellAddWord" not in seen["names"]


def test_a_30_page_acta_opens_without_freezing_the_window(qtbot: Any) -> None:
    """The longest pause of the event loop while a 15,000-word acta opens with a dictionary
    not yet loaded, measured by a 5 ms heartbeat. The bound is 250 ms, five times the 50 ms
    target, because this machine's two cores are shared and timings jitter; the benchmark
    (benchmarks/bench_spell_check.py) measures the real figure (about 20-30 ms). A design that
    loads the dictionary (about a second) or checks the whole text (about half a second) on
    the window's thread fails it; and the load must not run on the window's thread at all."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_spell_check import acta_text

    import mipg_desktop.spelling as spelling

    text = acta_text()
    assert len(text.split()) >= 15_000
    loaded_on: list[str] = []
    read = spelling._read_dictionary

    def spy(path: Path) -> Any:
        loaded_on.append(threading.current_thread().name)
        return read(path)

    edit = editor(qtbot)
    gaps = [0.0]
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    heart = QTimer()
    heart.timeout.connect(beat)
    heart.start(5)
    try:
        spelling._read_dictionary = spy  # type: ignore[assignment]
        last[0] = time.perf_counter()
        edit.setPlainText(text)
        settled(qtbot, edit)
    finally:
        spelling._read_dictionary = read  # type: ignore[assignment]
        heart.stop()
    assert loaded_on and loaded_on[0] != threading.main_thread().name
    assert underlined(edit).count("sesion") == text.count("sesion")
    assert max(gaps) < 0.250, f"the window froze for {max(gaps) * 1000:.0f} ms"


def test_the_minutes_editor_underlines_as_the_secretary_types(
    qtbot: Any, window: Any, db: Any
) -> None:
    from datetime import date

    from test_committees_lifecycle import held_session
    from test_committees_support import build_cigd
    from test_ui_editing import open_session, tab
    from ui_support import idle

    from mipg_desktop.committees.sessions import set_status

    cigd = build_cigd(db)
    sid = held_session(db, cigd, date(2026, 3, 12))
    session = open_session(qtbot, window, cigd.committee_id, sid)
    set_status(db, sid, "minutes_draft")
    session.reload()
    idle(qtbot, window)
    tab(qtbot, session, session.minutes)
    minutes = session.minutes
    first = minutes.items.item(0)
    qtbot.mouseClick(
        minutes.items.viewport(),
        Qt.MouseButton.LeftButton,
        pos=minutes.items.visualItemRect(first).center(),
    )
    minutes.text.setFocus()
    type_text(minutes.text, "Se verificó el quorum de la sesion.")
    settled(qtbot, minutes.text)
    assert underlined(minutes.text) == ["sesion"]
    seen = right_click_word(qtbot, minutes.text, "sesion", named("spellSuggestion"))
    assert seen["texts"][0] == "sesión"
    assert minutes.text.toPlainText() == "Se verificó el quorum de la sesión."
    idle(qtbot, window)
