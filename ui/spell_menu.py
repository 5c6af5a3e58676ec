"""The spelling context menu of an editor: suggestions for the misspelt word under the
mouse, «Agregar al diccionario» and «Ignorar», above the editor's own actions (undo, cut,
copy, paste…, which Qt's translations put in Spanish). Made by ``attach_spell_check``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QAction, QContextMenuEvent, QFont, QTextBlock, QTextCursor
from PySide6.QtWidgets import QMenu

from mipg_desktop.i18n import _
from mipg_desktop.spelling import Word, words_to_check
from ui.spell_check import TextEditor

if TYPE_CHECKING:
    from ui.spell_check import SpellHighlighter


class SpellMenu(QObject):
    """Right-click on the editor's viewport: spelling actions, then the standard ones."""

    def __init__(self, edit: TextEditor, highlighter: SpellHighlighter) -> None:
        super().__init__(edit)
        self.setObjectName("spellContextMenu")
        self.edit = edit
        self.highlighter = highlighter
        self.menu: QMenu | None = None
        self._waiting: tuple[str, QAction] | None = None
        self._target: tuple[QTextBlock, Word] | None = None
        highlighter.service.suggested.connect(self._suggested)
        edit.viewport().installEventFilter(self)
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched is self.edit:
            self.highlighter.release()  # leaving the editor leaves the word being typed
            return False
        if event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            pos = event.pos()  # the mouse's, on the viewport; the menu key's, on the editor
            if watched is self.edit:
                pos = self.edit.viewport().mapFrom(self.edit, pos)
            self.show_menu(pos, event.globalPos())
            return True
        return False

    def show_menu(self, pos: QPoint, global_pos: QPoint) -> None:
        menu = self.edit.createStandardContextMenu(pos)
        menu.setObjectName("spellMenu")
        found = self._word_at(pos)
        if found is not None and not self.edit.isReadOnly():
            self._add_spelling(menu, *found)
        self.menu = menu
        menu.exec(global_pos)
        self.menu, self._waiting = None, None
        menu.deleteLater()

    def _word_at(self, pos: QPoint) -> tuple[QTextBlock, Word] | None:
        cursor = self.edit.cursorForPosition(pos)
        block, column = cursor.block(), cursor.positionInBlock()
        for word in words_to_check(block.text()):
            if word.start <= column <= word.start + word.length:
                if self.highlighter.service.checker.cached(word.text) is False:
                    return block, word
                return None
        return None

    def _add_spelling(self, menu: QMenu, block: QTextBlock, word: Word) -> None:
        first = menu.actions()[0] if menu.actions() else menu.addSeparator()
        checker = self.highlighter.service.checker
        known = checker.cached_suggestions(word.text)
        if known is None:
            waiting = QAction(_("Buscando sugerencias…"), menu)
            waiting.setEnabled(False)
            menu.insertAction(first, waiting)
            self._waiting = (word.text, waiting)
            self._target = (block, word)
            self.highlighter.service.request_suggestions(word.text)
        else:
            self._insert_suggestions(menu, first, block, word, known)
        menu.insertSeparator(first)
        add = QAction(_("Agregar al diccionario"), menu)
        add.setObjectName("spellAddWord")
        add.triggered.connect(lambda: self.highlighter.service.accept(word.text, keep=True))
        ignore = QAction(_("Ignorar"), menu)
        ignore.setObjectName("spellIgnoreWord")
        ignore.triggered.connect(lambda: self.highlighter.service.accept(word.text, keep=False))
        menu.insertActions(first, [add, ignore])
        menu.insertSeparator(first)

    def _insert_suggestions(
        self, menu: QMenu, before: QAction, block: QTextBlock, word: Word, found: list[str]
    ) -> None:
        if not found:
            none = QAction(_("Sin sugerencias"), menu)
            none.setEnabled(False)
            menu.insertAction(before, none)
            return
        bold = QFont(menu.font())
        bold.setBold(True)
        for text in found:
            action = QAction(text, menu)
            action.setObjectName("spellSuggestion")
            action.setFont(bold)
            action.triggered.connect(lambda _c=False, t=text: self._replace(block, word, t))
            menu.insertAction(before, action)

    def _suggested(self, word: str, found: list[str]) -> None:
        if self.menu is None or self._waiting is None or self._waiting[0] != word:
            return
        placeholder = self._waiting[1]
        self._waiting = None
        if self._target is None:
            return
        block, target = self._target
        self._insert_suggestions(self.menu, placeholder, block, target, found)
        self.menu.removeAction(placeholder)

    def _replace(self, block: QTextBlock, word: Word, text: str) -> None:
        if not block.isValid() or block.text()[word.start : word.start + word.length] != word.text:
            return  # the text moved under the menu: replace nothing
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + word.start)
        cursor.setPosition(
            block.position() + word.start + word.length, QTextCursor.MoveMode.KeepAnchor
        )
        cursor.insertText(text)
