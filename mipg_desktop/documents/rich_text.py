"""Deliberation markup as platypus flowables: exactly the blocks of
:func:`mipg_desktop.committees.markup.parse_markup` (paragraphs with line breaks, empty
paragraphs, headings, bulleted and numbered lists, tables), every run escaped.

Long paragraphs are cut into several (see :func:`mipg_desktop.documents.text.chunks`) so no
flowable is taller than a frame; a tall table row may split.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from mipg_desktop.committees.markup import ListItem, MarkupBlock, TextRun, is_empty, parse_markup
from mipg_desktop.documents.text import PARAGRAPH_CHARS, _xml_escape, chunks, clean

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle

Runs = tuple[TextRun, ...]
INDENT = 14.0  # points per list level
BULLETS = ("•", "–")


def run_tags(runs: Runs) -> str:
    """Runs as paragraph markup: escaped text in well-nested ``<b>``/``<i>``."""
    out: list[str] = []
    for run in runs:
        text = _xml_escape(clean(run.text))
        if run.italic:
            text = f"<i>{text}</i>"
        if run.bold:
            text = f"<b>{text}</b>"
        out.append(text)
    return "".join(out)


def _text(runs: Runs) -> str:
    return "".join(r.text for r in runs)


def _safe(tags: str, fallback: str, style: ParagraphStyle, **extra: Any) -> Any:
    from reportlab.platypus import Paragraph

    try:
        return Paragraph(tags, style, **extra)
    except Exception:  # malformed markup must never break a document: print it as text
        return Paragraph(_xml_escape(clean(fallback)), style, **extra)


def _slice(runs: Runs, start: int, end: int) -> Runs:
    out: list[TextRun] = []
    pos = 0
    for run in runs:
        a, b = max(start, pos), min(end, pos + len(run.text))
        if a < b:
            out.append(TextRun(run.text[a - pos : b - pos], run.bold, run.italic))
        pos += len(run.text)
    return tuple(out)


def _pieces(runs: Runs, limit: int) -> list[Runs]:
    """``runs`` cut where :func:`chunks` cuts their text."""
    text = _text(runs)
    if len(text) <= limit:
        return [runs]
    out: list[Runs] = []
    pos = 0
    for piece in chunks(text, limit):
        start = text.find(piece, pos)
        start = pos if start < 0 else start
        out.append(_slice(runs, start, start + len(piece)))
        pos = start + len(piece)
    return out


def _paragraph(block: MarkupBlock, style: ParagraphStyle, limit: int) -> list[Any]:
    """Lines joined by line breaks; a long paragraph cut into several."""
    joined: list[TextRun] = []
    for index, line in enumerate(block.lines):
        if index:
            joined.append(TextRun("\n"))
        joined += line
    result = []
    for piece in _pieces(tuple(joined), limit):
        tags = run_tags(piece).replace("\n", "<br/>")
        result.append(_safe(tags, _text(piece), style))
    return result


@lru_cache(maxsize=8)
def _derived(name: str, parent: ParagraphStyle, **changes: Any) -> ParagraphStyle:
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(f"{parent.name}-{name}", parent, **changes)


def _heading(block: MarkupBlock, style: ParagraphStyle) -> Any:
    from mipg_desktop.documents.fonts import FONT_BOLD

    size = style.fontSize + (1.0 if block.level <= 1 else 0.0)
    shape = _derived(
        f"h{block.level}",
        style,
        fontName=FONT_BOLD,
        fontSize=size,
        leading=size * 1.3,
        spaceBefore=6,
        keepWithNext=1,
        alignment=0,
    )
    return _safe(run_tags(block.lines[0]), _text(block.lines[0]), shape)


def _list(block: MarkupBlock, style: ParagraphStyle, limit: int) -> list[Any]:
    result: list[Any] = []
    for item in block.items:
        result += _item(item, style, limit)
    return result


def _item(item: ListItem, style: ParagraphStyle, limit: int) -> list[Any]:
    left = style.leftIndent + INDENT * item.level + (6.0 if item.ordered else 0.0)
    shape = _derived(
        f"l{item.level}{int(item.ordered)}",
        style,
        leftIndent=left,
        bulletIndent=left - INDENT - (6.0 if item.ordered else 0.0) + style.bulletIndent,
    )
    mark = f"{item.number}." if item.ordered else BULLETS[item.level % 2]
    result = []
    for index, piece in enumerate(_pieces(item.runs, limit)):
        extra = {"bulletText": mark} if index == 0 else {}
        result.append(_safe(run_tags(piece), _text(piece), shape, **extra))
    return result


def _table(block: MarkupBlock) -> Any:
    from reportlab.platypus import Table

    from mipg_desktop.documents.styles import styles, table_style

    s = styles()
    data = [
        [
            [_safe(run_tags(c), _text(c), s.cell_bold if r == 0 else s.cell)] if c else []
            for c in row
        ]
        for r, row in enumerate(block.rows)
    ]
    widths = [f"{share:.3f}%" for share in _shares(block)]
    result = Table(data, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
    result.setStyle(table_style(header=len(block.rows) > 1))
    return result


def _shares(block: MarkupBlock) -> list[float]:
    """Each column's share of the width (in %), from its longest cell (a long column gets
    more room, none less than half an equal share)."""
    longest = [max(len(_text(row[c])) for row in block.rows) for c in range(len(block.rows[0]))]
    weights = [min(max(n, 6), 60) for n in longest]
    equal = 100.0 / len(weights)
    shares = [max(equal / 2, 100.0 * w / sum(weights)) for w in weights]
    total = sum(shares)
    return [100.0 * s / total for s in shares]


def rich(
    value: object,
    style: ParagraphStyle,
    bullet_style: ParagraphStyle,
    limit: int = PARAGRAPH_CHARS,
) -> list[Any]:
    """Deliberation text with its markup (see :mod:`mipg_desktop.committees.markup`)."""
    from reportlab.platypus import Spacer

    result: list[Any] = []
    for block in parse_markup(clean(value)):
        if block.kind == "heading":
            result.append(_heading(block, style))
        elif block.kind == "list":
            result += _list(block, bullet_style, limit)
        elif block.kind == "table":
            result += [_table(block), Spacer(1, style.spaceAfter or 4)]
        elif is_empty(block):  # a blank line left on purpose: one line of room
            result.append(Spacer(1, style.leading))
        else:
            result += _paragraph(block, style, limit)
    return result
