"""The draft acta of a received package as one read-only document, part by part.

Each reviewable part (the acta as a whole, each deliberation, decision and commitment) gets a
heading and its text, rendered from the stored markup as the editor shows it
(:mod:`ui.rich_document`). Where each part starts and ends is kept, so the list of parts can
scroll the document to it and a click in the document tells which part is being read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QTextEdit

from mipg_desktop.committees.markup import parse_markup
from mipg_desktop.i18n import _
from ui.formats import long_date
from ui.rich_document import heading_format, insert_blocks, paragraph_format

HIGHLIGHT = QColor(255, 244, 206)  # the part being read: the banner's soft yellow
Key = tuple[str, str]  # (target kind, target uid)


@dataclass(frozen=True)
class PartSpan:
    key: Key
    start: int
    end: int


def target_key(target: Any) -> Key:
    return (str(target.kind), str(target.uid))


def short_label(target: Any) -> str:
    """A part's name under its item: «Punto 3. Título — Decisión 2» → «Decisión 2», the
    deliberation by its item («Punto 3. Título»), the acta as it is named."""
    head, _sep, tail = str(target.label).rpartition(" — ")
    if not head:
        return str(target.label)
    return head if target.kind == "deliberation" else tail


def _heading(cursor: QTextCursor, document: QTextDocument, text: str, level: int) -> None:
    block = paragraph_format(4.0)
    block.setHeadingLevel(level)
    block.setTopMargin(10.0 if level == 1 else 6.0)
    cursor.insertBlock(block, heading_format(document, level))
    cursor.insertText(text)


def _body(cursor: QTextCursor, text: str) -> None:
    cursor.insertBlock(paragraph_format(), QTextCharFormat())
    blocks = parse_markup(text) if text.strip() else ()
    if blocks:
        insert_blocks(cursor, blocks)
    else:
        italic = QTextCharFormat()
        italic.setFontItalic(True)
        cursor.insertText(_("(sin texto en el borrador)"), italic)


def fill_acta(document: QTextDocument, package: Any) -> list[PartSpan]:
    """``document`` holds the whole draft; the span of every part, in reading order."""
    document.setUndoRedoEnabled(False)
    document.clear()
    cursor = QTextCursor(document)
    title = QTextCharFormat(heading_format(document, 1))
    title.setFontPointSize(max(document.defaultFont().pointSizeF(), 9.0) * 1.45)
    cursor.setBlockFormat(paragraph_format(2.0))
    cursor.insertText(_("Borrador del acta · {title}").format(title=package.session_title), title)
    cursor.insertBlock(paragraph_format(8.0), QTextCharFormat())
    cursor.insertText(
        _("{committee} · {date}").format(
            committee=package.committee_name, date=long_date(package.session_date)
        )
    )
    spans: list[PartSpan] = []
    for target in package.targets:
        if target.kind == "acta":  # the acta as a whole: its title and heading
            spans.append(PartSpan(target_key(target), 0, cursor.position()))
            continue
        start = cursor.position()
        level = 1 if target.kind == "deliberation" else 2
        _heading(cursor, document, short_label(target), level)
        _body(cursor, target.text)
        spans.append(PartSpan(target_key(target), start + 1, cursor.position()))
    document.setModified(False)
    return spans


def part_at(spans: list[PartSpan], position: int) -> Key | None:
    for span in spans:
        if span.start <= position <= span.end:
            return span.key
    return None


def show_part(view: QTextEdit, spans: list[PartSpan], key: Key) -> None:
    """Scroll ``view`` to the part and tint it (the reader sees which one is meant)."""
    span = next((s for s in spans if s.key == key), None)
    if span is None:
        view.setExtraSelections([])
        return
    document = view.document()
    tint = QTextEdit.ExtraSelection()
    tint.cursor = QTextCursor(document)  # type: ignore[attr-defined]
    tint.cursor.setPosition(span.start)  # type: ignore[attr-defined]
    tint.cursor.setPosition(  # type: ignore[attr-defined]
        min(span.end, document.characterCount() - 1), QTextCursor.MoveMode.KeepAnchor
    )
    tint.format.setBackground(HIGHLIGHT)  # type: ignore[attr-defined]
    tint.format.setProperty(QTextFormat.Property.FullWidthSelection, True)  # type: ignore[attr-defined]
    view.setExtraSelections([tint])
    start = span.start

    def scroll() -> None:  # once laid out at the view's width (a resize moves every line)
        block = document.findBlock(start)
        top = document.documentLayout().blockBoundingRect(block).top()
        view.verticalScrollBar().setValue(max(0, int(top) - 4))

    scroll()
    QTimer.singleShot(0, scroll)
