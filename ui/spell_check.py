"""Spell check as you type, for any QTextEdit or QPlainTextEdit: ``attach_spell_check(edit)``.

Misspelt words get a red wavy underline; a right-click on one offers the suggestions,
«Agregar al diccionario» and «Ignorar» above the editor's standard actions
(``ui/spell_menu.py``).

Nothing here waits for the dictionary. The highlighter paints only what the per-word cache
already knows and collects the other words; one worker thread loads the dictionary (about a
second, the first time) and checks them in batches; as the answers arrive the blocks that
held unknown words are repainted a few at a time from a zero timer, within a small time
budget per turn, so a long acta opens without freezing the window.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from mipg_desktop.spelling import SpellChecker, shared_checker, words_to_check

LOGGER = logging.getLogger("mipg_desktop.ui")
BATCH = 400  # words per job on the worker
BUDGET_S = 0.005  # repainting per turn of the event loop
SYNC_BUDGET_S = 0.006  # painting inside one change of the text (the rest is deferred)
PENDING = 1  # block state bits: words not yet known ...
MISSPELT = 2  # ... and at least one misspelt word
MAX_SUGGESTIONS = 6

TextEditor = QTextEdit | QPlainTextEdit


class SpellService(QObject):
    """The program's one checker behind one worker thread; answers come back by signal."""

    checked = Signal(object)  # dict[str, bool]
    suggested = Signal(str, object)  # word, list[str]
    changed = Signal(str)  # a word accepted by the person

    def __init__(self, checker: SpellChecker) -> None:
        super().__init__()
        self.checker = checker
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="spelling")
        self._asked: set[str] = set()
        self.jobs = 0  # queued or running

    def request(self, words: set[str]) -> None:
        fresh = sorted(words - self._asked)
        self._asked.update(fresh)
        for start in range(0, len(fresh), BATCH):
            self._submit(self._check, fresh[start : start + BATCH])

    def request_suggestions(self, word: str) -> None:
        self._submit(self._suggest, word)

    def _submit(self, fn: Callable[[Any], None], arg: Any) -> None:
        self.jobs += 1
        self._executor.submit(fn, arg)

    def _check(self, words: list[str]) -> None:  # worker thread
        try:
            result = self.checker.check_many(words)
        except Exception:  # a broken dictionary never breaks typing: nothing is underlined
            LOGGER.exception("spell check failed")
            result = dict.fromkeys(words, True)
        self.checked.emit(result)

    def _suggest(self, word: str) -> None:  # worker thread
        try:
            found = self.checker.suggest(word, MAX_SUGGESTIONS)
        except Exception:
            LOGGER.exception("spelling suggestions failed")
            found = []
        self.suggested.emit(word, found)

    def job_done(self) -> None:
        self.jobs -= 1

    def accept(self, word: str, keep: bool) -> None:
        """«Agregar al diccionario» (``keep``) or «Ignorar»."""
        if keep:
            self.checker.add_word(word)
        else:
            self.checker.ignore(word)
        self.changed.emit(word)


_service: SpellService | None = None


def spell_service() -> SpellService:
    global _service
    if _service is None:
        _service = SpellService(shared_checker())
        for signal in (_service.checked, _service.suggested):
            signal.connect(_service.job_done)
    return _service


def reset_spell_service() -> None:
    """Tests that change the person's configuration folder start from a new checker."""
    global _service
    from mipg_desktop.spelling import reset_shared_checker

    reset_shared_checker()
    _service = None


def _underline() -> QTextCharFormat:
    style = QTextCharFormat()
    style.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    style.setUnderlineColor(QColor(210, 0, 0))
    return style


class SpellHighlighter(QSyntaxHighlighter):
    def __init__(
        self, document: QTextDocument, service: SpellService, edit: TextEditor | None = None
    ) -> None:
        super().__init__(document)
        self.setObjectName("spellHighlighter")
        self.service = service
        self.edit = edit
        # the word being typed is not underlined until the person leaves it (a space, a
        # click, another key that moves the cursor): no red under «ses» while typing «sesión»
        self._typing_at: int | None = None  # the cursor's position after the last keystroke
        self._held_block = -1
        self._in_pass = False
        if edit is not None:
            edit.cursorPositionChanged.connect(self._cursor_moved)
        self.style = _underline()
        self._unknown: set[str] = set()
        self._repaint_mask = 0
        self._next_block = 0
        self._timer = self._soon(self._repaint_some)  # the next slice of a repaint pass
        self._ask_timer = self._soon(self._ask)  # the words collected, to the worker
        self._turn_timer = self._soon(self._next_turn)  # the end of this turn's budget
        self._turn_start: float | None = None
        self._deferred = False
        service.checked.connect(self._answered)
        service.changed.connect(self._accepted)

    def _soon(self, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(0)
        timer.timeout.connect(slot)
        return timer

    # -- painting ------------------------------------------------------------------------
    def highlightBlock(self, text: str) -> None:
        if self._over_budget():  # a whole acta at once: the rest waits for the repaint turns
            if not self._in_pass and self.edit is not None:  # yet a key typed is a key typed
                self._typing_at = self.edit.textCursor().position()
            self.setCurrentBlockState(PENDING)
            return
        typing = self._typing_column()
        state = 0
        for word in words_to_check(text):
            known = self.service.checker.cached(word.text)
            if known is None:
                self._unknown.add(word.text)
                state |= PENDING
            elif not known:
                state |= MISSPELT
                if typing is not None and word.start < typing <= word.start + word.length:
                    self._held_block = self.currentBlock().blockNumber()
                    continue
                self.setFormat(word.start, word.length, self.style)
        self.setCurrentBlockState(state)
        if self._unknown and not self._ask_timer.isActive():
            self._ask_timer.start()

    def _typing_column(self) -> int | None:
        """Where the person is typing in this block, if they are."""
        edit = self.edit
        if edit is None:
            return None
        cursor = edit.textCursor()
        if cursor.hasSelection() or cursor.blockNumber() != self.currentBlock().blockNumber():
            return None
        if not self._in_pass:  # painting after a change of the text: that change is typing
            self._typing_at = cursor.position()
        return cursor.positionInBlock() if cursor.position() == self._typing_at else None

    def _cursor_moved(self) -> None:
        edit = self.edit
        if self._typing_at is None or edit is None:
            return
        if edit.textCursor().position() == self._typing_at:
            return  # moved by the keystroke itself
        self.release()

    def release(self) -> None:
        """The person left the word being typed: underline it if it is misspelt."""
        self._typing_at = None
        held, self._held_block = self._held_block, -1
        document = self.document()
        if held >= 0 and document is not None:
            self._repaint_block(document.findBlockByNumber(held))

    def _repaint_block(self, block: QTextBlock) -> None:
        # Qt reports a repaint as a change of the text (textChanged): an editor that saves
        # what is typed would take it for typing. The layout is told directly all the same.
        document = self.document()
        blocked = document.blockSignals(True)
        self._in_pass = True
        try:
            self.rehighlightBlock(block)
        finally:
            self._in_pass = False
            document.blockSignals(blocked)

    def _over_budget(self) -> bool:
        now = time.perf_counter()
        if self._turn_start is None:
            self._turn_start = now
            self._turn_timer.start()
            return False
        if now - self._turn_start <= SYNC_BUDGET_S:
            return False
        self._deferred = True
        return True

    def _next_turn(self) -> None:
        self._turn_start = None
        if self._deferred:
            self._deferred = False
            self._repaint(PENDING)

    def _ask(self) -> None:
        words, self._unknown = self._unknown, set()
        self.service.request(words)

    def _answered(self, result: dict[str, bool]) -> None:
        self._repaint(PENDING)

    def _accepted(self, _word: str) -> None:
        self._repaint(MISSPELT)

    def _repaint(self, mask: int) -> None:
        """Repaint the blocks with state ``mask``, from the top, a few per turn."""
        self._repaint_mask |= mask
        self._next_block = 0
        self._timer.start()

    def _repaint_some(self) -> None:
        document = self.document()
        if document is None:
            return
        self._turn_start = time.perf_counter()  # this turn's budget is the one below
        deadline = self._turn_start + BUDGET_S
        block = document.findBlockByNumber(self._next_block)
        while block.isValid():
            if block.userState() > 0 and block.userState() & self._repaint_mask:
                self._repaint_block(block)
            block = block.next()
            if time.perf_counter() > deadline:
                break
        self._turn_start = None
        if block.isValid():
            self._next_block = block.blockNumber()
            self._timer.start()
        else:
            self._repaint_mask = 0
        if self._deferred:  # blocks after one repainted here waited for their turn
            self._deferred = False
            if block.isValid():
                self._repaint_mask |= PENDING  # this pass reaches them
            else:
                self._repaint(PENDING)

    def busy(self) -> bool:
        """Words still asked of the worker or blocks still to repaint (tests wait on it)."""
        return bool(
            self._unknown
            or self._ask_timer.isActive()
            or self._timer.isActive()
            or self._turn_timer.isActive()
            or self.service.jobs
        )


def attach_spell_check(edit: TextEditor) -> SpellHighlighter:
    """Underline misspelt words in ``edit`` as the person types, with a spelling context
    menu. Once per editor (a second call returns the first highlighter)."""
    from ui.spell_menu import SpellMenu

    menu = edit.findChild(SpellMenu, "spellContextMenu")
    if isinstance(menu, SpellMenu):
        return menu.highlighter
    highlighter = SpellHighlighter(edit.document(), spell_service(), edit)
    SpellMenu(edit, highlighter)
    return highlighter


def spell_highlighter(edit: TextEditor) -> SpellHighlighter | None:
    from ui.spell_menu import SpellMenu

    menu = edit.findChild(SpellMenu, "spellContextMenu")
    return menu.highlighter if isinstance(menu, SpellMenu) else None
