"""Deliberation markup ↔ QTextDocument, built block by block (never through HTML).

:func:`fill_document` shows stored markup as it will print; :func:`document_markup` reads the
document back into markup. Both go through :mod:`mipg_desktop.committees.markup`, so what
one writes the other reads: ``document_markup`` of a filled document is the canonical form
of the text it was filled with.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFrameFormat,
    QTextLength,
    QTextList,
    QTextListFormat,
    QTextTable,
    QTextTableFormat,
)

from mipg_desktop.committees.markup import (
    EMPTY,
    ListItem,
    MarkupBlock,
    TextRun,
    heading,
    is_empty,
    list_block,
    paragraph,
    parse_markup,
    table,
    write_markup,
)

PARAGRAPH_SPACE = 6.0  # pixels after a paragraph
ITEM_SPACE = 2.0  # after a list item
LINE_BREAK = "\u2028"  # Shift+Enter: a line break inside a paragraph
HEADING_SCALE = {1: 1.3, 2: 1.12}
HEADER_BACKGROUND = QColor(224, 232, 242)
BULLET_STYLES = (QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle)
ORDERED = {
    QTextListFormat.Style.ListDecimal,
    QTextListFormat.Style.ListLowerAlpha,
    QTextListFormat.Style.ListUpperAlpha,
    QTextListFormat.Style.ListLowerRoman,
    QTextListFormat.Style.ListUpperRoman,
}
Runs = tuple[TextRun, ...]


# -- markup → document -----------------------------------------------------------------------
def char_format(run: TextRun | None = None, base: QTextCharFormat | None = None) -> QTextCharFormat:
    fmt = QTextCharFormat(base) if base is not None else QTextCharFormat()
    bold = (run is not None and run.bold) or (
        base is not None and base.fontWeight() > QFont.Weight.Medium.value
    )
    fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    fmt.setFontItalic(run is not None and run.italic)
    return fmt


def heading_format(document: QTextDocument, level: int) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold)
    size = document.defaultFont().pointSizeF()
    if size > 0:
        fmt.setFontPointSize(size * HEADING_SCALE.get(level, 1.0))
    return fmt


def list_format(level: int, ordered: bool, start: int = 1) -> QTextListFormat:
    fmt = QTextListFormat()
    fmt.setIndent(level + 1)
    if ordered:
        fmt.setStyle(QTextListFormat.Style.ListDecimal)
        fmt.setStart(max(1, start))
    else:
        fmt.setStyle(BULLET_STYLES[level % 2])
    return fmt


def _runs(cursor: QTextCursor, runs: Runs, base: QTextCharFormat | None = None) -> None:
    for run in runs:
        cursor.insertText(run.text, char_format(run, base))


@dataclass
class _Open:
    level: int
    ordered: bool
    items: QTextList
    next: int


class _Builder:
    def __init__(self, cursor: QTextCursor) -> None:
        self.cursor = cursor
        self.fresh = True  # the cursor's block is empty and unused: the next block goes there
        self.after_table = True  # that block is one Qt keeps (after a table, at the start)
        self.blank_after_table = False  # the empty paragraphs just made follow a table
        self.blank = False  # the last block made is an empty paragraph
        self.lists: list[_Open] = []

    def block(
        self, fmt: QTextBlockFormat | None = None, chars: QTextCharFormat | None = None
    ) -> None:
        fmt = fmt or paragraph_format()
        chars = chars or QTextCharFormat()
        if self.fresh:
            self.cursor.setBlockFormat(fmt)
            self.cursor.setBlockCharFormat(chars)
            self.cursor.setCharFormat(chars)
        else:
            self.cursor.insertBlock(fmt, chars)
        self.fresh = self.after_table = False

    def add(self, block: MarkupBlock) -> None:
        blank, self.blank = self.blank, is_empty(block)
        if self.blank and not blank:
            self.blank_after_table = self.after_table
        if block.kind != "list":
            self.lists.clear()
        if block.kind == "heading":
            fmt = paragraph_format()
            fmt.setTopMargin(PARAGRAPH_SPACE)
            fmt.setHeadingLevel(block.level)
            chars = heading_format(self.cursor.document(), block.level)
            self.block(fmt, chars)
            _runs(self.cursor, block.lines[0], chars)
        elif block.kind == "list":
            self.lists.clear()
            for item in block.items:
                self.item(item)
        elif block.kind == "table":
            self.table(block, blank and self.blank_after_table)
        else:
            self.block()
            for index, line in enumerate(block.lines):
                if index:
                    self.cursor.insertText(LINE_BREAK, char_format())
                _runs(self.cursor, line)

    def item(self, item: ListItem) -> None:
        while self.lists and self.lists[-1].level > item.level:
            self.lists.pop()
        top = self.lists[-1] if self.lists else None
        number = item.number if item.ordered else 0
        self.block(paragraph_format(ITEM_SPACE))
        if top is not None and top.level == item.level:
            if top.ordered == item.ordered and (not item.ordered or number == top.next):
                top.items.add(self.cursor.block())
                top.next += 1
                _runs(self.cursor, item.runs)
                return
            self.lists.pop()
        made = self.cursor.createList(list_format(item.level, item.ordered, number))
        self.lists.append(_Open(item.level, item.ordered, made, number + 1))
        _runs(self.cursor, item.runs)

    def table(self, block: MarkupBlock, between: bool = False) -> None:
        """The table right after the block before it (Qt adds no empty line there, while an
        empty block it is inserted into stays before it). Between two tables Qt keeps one
        empty block: ``between`` (empty paragraphs after a table) adds it to them."""
        if between:
            self.cursor.insertBlock(paragraph_format(), QTextCharFormat())
        elif not self.fresh:
            self.cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        made = self.cursor.insertTable(len(block.rows), len(block.rows[0]), table_format())
        for r, row in enumerate(block.rows):
            for c, runs in enumerate(row):
                cell = made.cellAt(r, c)
                into = cell.firstCursorPosition()
                if r == 0:
                    shade = cell.format().toTableCellFormat()
                    shade.setBackground(QBrush(HEADER_BACKGROUND))
                    cell.setFormat(shade)
                    bold = QTextCharFormat()
                    bold.setFontWeight(QFont.Weight.Bold)
                    into.setBlockCharFormat(bold)
                    _runs(into, tuple(TextRun(x.text, True, x.italic) for x in runs))
                else:
                    _runs(into, runs)
        self.cursor = made.lastCursorPosition()
        self.cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
        self.fresh = self.after_table = True


def paragraph_format(space: float | None = None) -> QTextBlockFormat:
    """A paragraph with room after it, as printed (the room is not stored)."""
    fmt = QTextBlockFormat()
    fmt.setBottomMargin(PARAGRAPH_SPACE if space is None else space)
    return fmt


def table_format() -> QTextTableFormat:
    fmt = QTextTableFormat()
    fmt.setBorder(1)
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setBorderCollapse(True)
    fmt.setCellPadding(4)
    fmt.setCellSpacing(0)
    fmt.setHeaderRowCount(1)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    return fmt


def insert_blocks(cursor: QTextCursor, blocks: tuple[MarkupBlock, ...]) -> None:
    builder = _Builder(cursor)
    for block in blocks:
        builder.add(block)


def fill_document(document: QTextDocument, text: str) -> None:
    """``document`` holds ``text`` (markup) and nothing else; its undo history is emptied."""
    document.setUndoRedoEnabled(False)
    document.clear()
    cursor = QTextCursor(document)
    cursor.setBlockFormat(paragraph_format())
    insert_blocks(cursor, parse_markup(text))
    document.setUndoRedoEnabled(True)
    document.setModified(False)


def markup_fragment(text: str, font: QFont) -> QTextDocumentFragment:
    """``text`` (markup) as a fragment to insert at a cursor (a paste)."""
    scratch = QTextDocument()
    scratch.setDefaultFont(font)
    insert_blocks(QTextCursor(scratch), parse_markup(text))
    return QTextDocumentFragment(scratch)


# -- document → markup -----------------------------------------------------------------------
def block_runs(block: QTextBlock, upright: bool = False) -> list[list[TextRun]]:
    """The block's lines of runs (split at line breaks); images and objects left out."""
    text = block.text()
    lines: list[list[TextRun]] = [[]]
    for piece in block.textFormats():
        fmt = piece.format
        bold = not upright and fmt.fontWeight() > QFont.Weight.Medium.value
        italic = fmt.fontItalic()
        chunk = text[piece.start : piece.start + piece.length].replace("\ufffc", "")
        for index, part in enumerate(chunk.split(LINE_BREAK)):
            if index:
                lines.append([])
            if part:
                lines[-1].append(TextRun(part, bold, italic))
    return lines


def _flat(block: QTextBlock, upright: bool = False) -> Runs:
    out: list[TextRun] = []
    for index, line in enumerate(block_runs(block, upright)):
        if index:
            out.append(TextRun(" "))
        out += line
    return tuple(out)


def _table_block(made: QTextTable) -> MarkupBlock:
    rows = []
    for r in range(made.rows()):
        row = []
        for c in range(made.columns()):
            cell = made.cellAt(r, c)
            runs: list[TextRun] = []
            block = cell.firstCursorPosition().block()
            last = cell.lastCursorPosition().block().blockNumber()
            while block.isValid() and block.blockNumber() <= last:
                if runs:
                    runs.append(TextRun(" "))
                runs += _flat(block, upright=r == 0)
                block = block.next()
            row.append(tuple(runs))
        rows.append(tuple(row))
    return table(rows)


class _Reader:
    """The blocks of a document, in order. Empty paragraphs are counted in runs: the run
    between two tables, or before a table at the start, has the block Qt keeps there (not a
    paragraph); at the end they are dropped by :func:`write_markup`."""

    def __init__(self) -> None:
        self.blocks: list[MarkupBlock] = []
        self.items: list[ListItem] = []
        self.outer: int | None = None  # the list of the last outer item
        self.empties = 0
        self.empties_after_table = False
        self.last_was_table = True  # the start: Qt keeps a block before a first table

    def empty(self) -> None:
        if not self.empties:
            self.empties_after_table = self.last_was_table
        self.empties += 1
        self.last_was_table = False

    def end_list(self) -> None:
        self.outer = None
        if self.items:
            self.blocks.append(list_block(self.items))
            self.items = []

    def before(self, table: bool = False) -> None:
        """Before a block: the empty paragraphs before it."""
        count = self.empties - (1 if table and self.empties_after_table else 0)
        if count > 0:
            self.end_list()
            self.blocks += [EMPTY] * count
        self.empties = 0
        self.last_was_table = table

    def table(self, made: QTextTable) -> None:
        self.before(table=True)
        self.end_list()
        self.blocks.append(_table_block(made))

    def item(self, block: QTextBlock, owner: QTextList) -> None:
        self.before()
        fmt = owner.format()
        if fmt.indent() <= 1 and self.items and self.outer != owner.objectIndex():
            self.blocks.append(list_block(self.items))  # another list right after this one
            self.items = []
        if fmt.indent() <= 1:
            self.outer = owner.objectIndex()
        ordered = fmt.style() in ORDERED
        number = fmt.start() + owner.itemNumber(block) if ordered else 0
        self.items.append(ListItem(max(0, fmt.indent() - 1), ordered, number, _flat(block)))

    def text(self, block: QTextBlock) -> None:
        self.before()
        self.end_list()
        level = block.blockFormat().headingLevel()
        if level:
            self.blocks.append(heading(min(level, 2), _flat(block, upright=True)))
        else:
            self.blocks.append(paragraph(*(tuple(line) for line in block_runs(block))))


def document_blocks(document: QTextDocument) -> list[MarkupBlock]:
    reader = _Reader()
    block = document.begin()
    while block.isValid():
        made = QTextCursor(block).currentTable()
        owner = block.textList()
        if made is not None:
            reader.table(made)
            block = document.findBlock(made.lastPosition() + 1)
            continue
        if not block.text().strip():
            if owner is None:  # an empty list item is not kept (Enter on it leaves the list)
                reader.empty()
        elif owner is not None:
            reader.item(block, owner)
        else:
            reader.text(block)
        block = block.next()
    reader.end_list()
    return reader.blocks


def document_markup(document: QTextDocument) -> str:
    return write_markup(document_blocks(document))
