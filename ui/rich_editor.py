"""The formatted text editor of deliberations: shows the markup as it will print and works
like a word processor (Ctrl+B / Ctrl+I on the selection, the word at the cursor or what is
typed next; lists with Tab / Shift+Tab; tables with Tab between cells).

What is stored is always the markup (:meth:`RichTextEdit.markup`); a paste goes through
:func:`mipg_desktop.committees.markup_html.html_to_markup`, so nothing the markup cannot
hold reaches the text. The editor installs no QSyntaxHighlighter: the spell check attaches
its own (:func:`attach_text_tools`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit, QWidget

from mipg_desktop.committees.markup import MarkupBlock
from mipg_desktop.i18n import _
from ui.rich_document import (
    ITEM_SPACE,
    ORDERED,
    PARAGRAPH_SPACE,
    document_markup,
    fill_document,
    heading_format,
    list_format,
    markup_fragment,
    paragraph_format,
    table_format,
)

TABLE_COLUMNS = 3


def attach_text_tools(editor: QTextEdit) -> None:
    """The one place where tools that watch a text attach to the editor: the spell check."""
    from ui.spell_check import attach_spell_check

    attach_spell_check(editor)


def pasted_lines(blocks: tuple[MarkupBlock, ...]) -> list[str]:
    """The lines of text of ``blocks`` (every paragraph line, item, heading and cell)."""
    return ["".join(r.text for r in runs) for b in blocks for runs in b.lines]


class RichTextEdit(QTextEdit):
    notice = Signal(str)  # something the person should know (an image left out of a paste)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(True)
        self.setTabChangesFocus(False)
        self.setAutoFormatting(QTextEdit.AutoFormattingFlag.AutoNone)

    # -- the stored form ----------------------------------------------------------------------
    def set_markup(self, text: str) -> None:
        """Show ``text`` (markup); the undo history starts again (another text)."""
        fill_document(self.document(), text)
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        self.setTextCursor(cursor)

    def markup(self) -> str:
        return document_markup(self.document())

    # -- character formats ---------------------------------------------------------------------
    def toggle_bold(self) -> None:
        on = not self._all(lambda f: f.fontWeight() > QFont.Weight.Medium.value)
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
        self._apply(fmt)

    def toggle_italic(self) -> None:
        on = not self._all(lambda f: f.fontItalic())
        fmt = QTextCharFormat()
        fmt.setFontItalic(on)
        self._apply(fmt)

    def _target(self) -> QTextCursor:
        """The selection; else the word the cursor is inside; else the bare cursor."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            return cursor
        word = QTextCursor(cursor)
        word.select(QTextCursor.SelectionType.WordUnderCursor)
        inside = word.selectionStart() < cursor.position() < word.selectionEnd()
        return word if inside and word.selectedText().strip() else cursor

    def _all(self, test: Callable[[QTextCharFormat], bool]) -> bool:
        target = self._target()
        if not target.hasSelection():
            return test(self.currentCharFormat())
        start, end = target.selectionStart(), target.selectionEnd()
        probe = QTextCursor(self.document())
        for position in range(start + 1, end + 1):
            probe.setPosition(position)
            if self.document().characterAt(position - 1) in ("\u2029", "\u2028"):
                continue  # a paragraph's end has no format of its own
            if not test(probe.charFormat()):
                return False
        return True

    def _apply(self, fmt: QTextCharFormat) -> None:
        target = self._target()
        if target.hasSelection():
            target.mergeCharFormat(fmt)
        else:
            self.mergeCurrentCharFormat(fmt)  # for what is typed next

    # -- blocks --------------------------------------------------------------------------------
    def toggle_list(self, ordered: bool) -> None:
        cursor = self.textCursor()
        cursor.beginEditBlock()
        current = cursor.currentList()
        if current is not None and (current.format().style() in ORDERED) == ordered:
            for block in self._selected_blocks(cursor):
                owner = block.textList()
                if owner is not None:
                    owner.remove(block)
                plain = QTextCursor(block)
                fmt = block.blockFormat()
                fmt.setIndent(0)
                fmt.setBottomMargin(PARAGRAPH_SPACE)
                plain.setBlockFormat(fmt)
        elif current is not None:
            fmt = current.format()
            fmt.setStyle(list_format(fmt.indent() - 1, ordered).style())
            current.setFormat(fmt)
        else:
            self._plain_blocks(cursor)
            spaced = QTextBlockFormat()
            spaced.setBottomMargin(ITEM_SPACE)
            cursor.mergeBlockFormat(spaced)
            cursor.createList(list_format(0, ordered))
        cursor.endEditBlock()

    def _selected_blocks(self, cursor: QTextCursor) -> list:  # type: ignore[type-arg]
        document = self.document()
        block = document.findBlock(cursor.selectionStart())
        last = document.findBlock(cursor.selectionEnd()).blockNumber()
        out = []
        while block.isValid() and block.blockNumber() <= last:
            out.append(block)
            block = block.next()
        return out

    def _plain_blocks(self, cursor: QTextCursor) -> None:
        """The selected blocks lose a heading (a list item is never a heading)."""
        for block in self._selected_blocks(cursor):
            if block.blockFormat().headingLevel():
                self._set_heading(QTextCursor(block), 0)

    def toggle_heading(self) -> None:
        cursor = self.textCursor()
        cursor.beginEditBlock()
        level = 0 if cursor.blockFormat().headingLevel() else 1
        if level and cursor.currentList() is not None:
            cursor.currentList().remove(cursor.block())
        self._set_heading(cursor, level)
        cursor.endEditBlock()

    def _set_heading(self, cursor: QTextCursor, level: int) -> None:
        fmt = cursor.blockFormat()
        fmt.setHeadingLevel(level)
        fmt.setIndent(0)
        fmt.setTopMargin(PARAGRAPH_SPACE if level else 0.0)  # as a stored heading shows
        cursor.setBlockFormat(fmt)
        chars = heading_format(self.document(), level) if level else QTextCharFormat()
        if not level:
            chars.setFontWeight(QFont.Weight.Normal)
            chars.setFontPointSize(self.document().defaultFont().pointSizeF())
        whole = QTextCursor(cursor.block())
        whole.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        whole.mergeCharFormat(chars)
        whole.mergeBlockCharFormat(chars)
        if cursor.block() == self.textCursor().block():
            self.mergeCurrentCharFormat(chars)

    def insert_table(self) -> None:
        """A table of :data:`TABLE_COLUMNS` columns, a header and one row (Tab at its last
        cell adds a row), after the cursor's paragraph; the cursor goes to its first cell."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)  # right after the block, as
        cursor.setCharFormat(QTextCharFormat())  # a stored table shows (no empty line before)
        made = cursor.insertTable(2, TABLE_COLUMNS, table_format())
        from ui.rich_document import HEADER_BACKGROUND

        for column in range(TABLE_COLUMNS):
            cell = made.cellAt(0, column)
            shade = cell.format().toTableCellFormat()
            shade.setBackground(HEADER_BACKGROUND)
            cell.setFormat(shade)
            bold = QTextCharFormat()
            bold.setFontWeight(QFont.Weight.Bold)
            cell.firstCursorPosition().setBlockCharFormat(bold)
        after = QTextCursor(self.document().findBlock(made.lastPosition() + 1))
        if not after.block().text() and after.currentList() is None:
            after.setBlockFormat(paragraph_format())  # the line after it, as stored ones show
        cursor.endEditBlock()
        self.setTextCursor(made.cellAt(0, 0).firstCursorPosition())

    # -- keys ----------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        """Ctrl+B, Ctrl+I and Ctrl+Y (redo, as in Word) are the editor's, before any shortcut
        of the window."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            ctrl = event.modifiers() == Qt.KeyboardModifier.ControlModifier
            if ctrl and event.key() in (Qt.Key.Key_B, Qt.Key.Key_I, Qt.Key.Key_Y):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._handled(event):
            super().keyPressEvent(event)
            return
        event.accept()

    def _handled(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        ctrl = mods == Qt.KeyboardModifier.ControlModifier
        if self.isReadOnly():
            return False
        if key == Qt.Key.Key_B and ctrl:
            self.toggle_bold()
            return True
        if key == Qt.Key.Key_I and ctrl:
            self.toggle_italic()
            return True
        if key == Qt.Key.Key_Y and ctrl:  # Ctrl+Shift+Z works too (Qt's own)
            self.redo()
            return True
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return self._tab(key == Qt.Key.Key_Tab and not mods & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self._enter(mods)
        return False

    def _tab(self, forward: bool) -> bool:
        cursor = self.textCursor()
        made = cursor.currentTable()
        if made is not None:
            cell = made.cellAt(cursor)
            index = cell.row() * made.columns() + cell.column() + (1 if forward else -1)
            if index >= made.rows() * made.columns():
                made.appendRows(1)
            index = max(0, index)
            target = made.cellAt(index // made.columns(), index % made.columns())
            cursor = target.firstCursorPosition()  # its text selected, as in Word
            cursor.setPosition(target.lastCursorPosition().position(), cursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
            return True
        if cursor.currentList() is None:
            return False
        self._indent(cursor, 1 if forward else -1)
        return True

    def _indent(self, cursor: QTextCursor, step: int) -> None:
        """The item one level in (or out), joining the list of its level just above."""
        current = cursor.currentList()
        assert current is not None
        fmt = current.format()
        level = fmt.indent() - 1 + step
        block = cursor.block()
        cursor.beginEditBlock()
        current.remove(block)
        if level < 0:
            plain = block.blockFormat()
            plain.setIndent(0)
            plain.setBottomMargin(PARAGRAPH_SPACE)
            cursor.setBlockFormat(plain)
        else:
            joined = False
            above = block.previous()
            while above.isValid() and above.textList() is not None:
                owner = above.textList()
                if owner.format().indent() == level + 1:
                    owner.add(block)
                    joined = True
                    break
                if owner.format().indent() < level + 1:
                    break  # no list of that level just above: a new one
                above = above.previous()
            if not joined:
                cursor.createList(list_format(level, fmt.style() in ORDERED))
        cursor.endEditBlock()

    def _enter(self, mods: Qt.KeyboardModifier) -> bool:
        """Enter on an empty item leaves the list (Word does); after a heading, normal text;
        in a table, the cell below (see :meth:`_enter_in_table`)."""
        cursor = self.textCursor()
        if cursor.currentTable() is not None:
            self._enter_in_table(cursor)
            return True
        if mods & Qt.KeyboardModifier.ShiftModifier:
            return False
        if cursor.currentList() is not None and not cursor.block().text().strip():
            self._indent(cursor, -1)
            return True
        if cursor.blockFormat().headingLevel():
            if not cursor.atBlockEnd():
                return False  # Qt's: the rest of the heading is a paragraph
            cursor.beginEditBlock()
            cursor.insertBlock(paragraph_format(), QTextCharFormat())
            self._set_heading(cursor, 0)
            cursor.endEditBlock()
            self.setTextCursor(cursor)
            return True
        # Qt's own Enter would reset an empty paragraph's format instead of adding a line,
        # and take the room after a list item away: the next one is as this one, as stored
        # ones show (see ui.rich_document)
        cursor.insertBlock(cursor.blockFormat(), cursor.charFormat())
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return True

    def _enter_in_table(self, cursor: QTextCursor) -> None:
        """A cell holds one line (a row of the markup is one line): Enter or Shift+Enter goes
        to the cell below, at the last row adds a row, and on an empty last row leaves the
        table, dropping that row (as Enter on an empty list item leaves the list)."""
        made = cursor.currentTable()
        assert made is not None
        cell = made.cellAt(cursor)
        row, column, last = cell.row(), cell.column(), made.rows() - 1
        if row < last:
            target = made.cellAt(row + 1, column).lastCursorPosition()
        elif row > 0 and not any(made.cellAt(row, c).firstCursorPosition().block().text()
                                 for c in range(made.columns())):  # fmt: skip
            made.removeRows(row, 1)
            target = QTextCursor(self.document().findBlock(made.lastPosition() + 1))
            if not target.block().text():
                target.setBlockFormat(paragraph_format())  # as a stored paragraph shows
        else:
            made.appendRows(1)
            target = made.cellAt(row + 1, column).firstCursorPosition()
        self.setTextCursor(target)

    # -- paste and drop -----------------------------------------------------------------------
    def _paste_html(self, cursor: QTextCursor, pasted: Any) -> None:
        from mipg_desktop.committees.markup import parse_markup
        from mipg_desktop.i18n import ngettext

        blocks = parse_markup(pasted.markup)
        one_line = len(blocks) == 1 and blocks[0].kind == "paragraph" and len(blocks[0].lines) == 1
        if cursor.currentTable() is not None and not one_line:
            # a cell holds one line: what the cell will store, shown as it will be
            cursor.insertText(" ".join(" ".join(pasted_lines(blocks)).split()))
        else:
            cursor.beginEditBlock()
            if blocks and blocks[0].kind != "paragraph" and not cursor.atBlockStart():
                # a heading, list or table pasted after some text starts on its own line
                cursor.insertBlock(paragraph_format(), QTextCharFormat())
            first = cursor.block()
            cursor.insertFragment(markup_fragment(pasted.markup, self.document().defaultFont()))
            if blocks and blocks[0].kind == "heading":  # Qt merges the first block into the
                self._set_heading(QTextCursor(first), blocks[0].level)  # one pasted into
            cursor.endEditBlock()
        if pasted.images:
            self.notice.emit(
                ngettext(
                    "Se pegó el texto sin su imagen: adjúntela como anexo.",
                    "Se pegó el texto sin sus {n} imágenes: adjúntelas como anexo.",
                    pasted.images,
                ).format(n=pasted.images)
            )

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasHtml() or source.hasText() or source.hasImage()

    def insertFromMimeData(self, source: QMimeData) -> None:
        from mipg_desktop.committees.markup_html import html_to_markup

        cursor = self.textCursor()
        if source.hasHtml():
            self._paste_html(cursor, html_to_markup(source.html()))
        elif source.hasText():
            plain = source.text()  # as typed, never read as markup; a cell holds one line
            if cursor.currentTable() is not None:
                plain = re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", plain)
            cursor.insertText(plain)
        elif source.hasImage():
            cursor.insertText(_("[imagen omitida]"), QTextCharFormat())
            self.notice.emit(_("Las imágenes no se guardan en el acta: adjúntelas como anexo."))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
