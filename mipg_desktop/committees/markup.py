"""The small, safe markup of deliberation texts (never HTML): the one description of it.

Stored as plain text. Blocks are separated by a blank line; each further blank line (and
each one at the start) is an empty paragraph (a blank line left with Enter, kept as she sees
it; blank lines at the end are dropped):

- a paragraph: lines of text; a single line break inside it is kept as a line break;
- a heading inside an item: ``# Título`` (level 1) or ``## Subtítulo`` (level 2);
- a list: lines ``- viñeta`` or ``3. numerado`` (the number as written), two spaces of
  indentation per level of nesting (``  - dentro``);
- a table: lines ``| celda | celda |``; the first row is the header.

Inside a line: ``**bold**`` and ``*italics*`` (:mod:`.markup_inline`); ``\\`` makes the
next punctuation mark text (``\\*``, ``\\|``, ``\\# no es título``).

:func:`parse_markup` reads it, :func:`write_markup` writes blocks back (the editor's
save); ``write_markup(parse_markup(text))`` is the canonical form of ``text`` and is stable.
The PDF (:mod:`mipg_desktop.documents.rich_text`), the window's editor and its paste
all go through these two functions; renderers escape every run themselves, nothing is ever
interpreted as HTML or XML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mipg_desktop.committees.markup_inline import TextRun, merge_runs, parse_inline, write_inline

__all__ = [
    "EMPTY",
    "MAX_TEXT_CHARS",
    "ListItem",
    "MarkupBlock",
    "TextRun",
    "clean_text",
    "is_empty",
    "normalize_markup",
    "parse_inline",
    "parse_markup",
    "plain_text",
    "write_markup",
]

MAX_TEXT_CHARS = 200_000
MAX_LIST_LEVEL = 5
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ITEM = re.compile(r"^( *)(?:(- )|(\d{1,3})\. )(.*)$")
_HEADING = re.compile(r"^(#{1,2}) +(\S.*)$")
_CELL_SPLIT = re.compile(r"(?<!\\)((?:\\\\)*)\|")
_RULE = re.compile(r"^\|?(\s*:?-{3,}:?\s*\|)*\s*:?-{3,}:?\s*\|?$")
_LINE_START = re.compile(r"^(- |#|\||\d{1,3}\. )")

Runs = tuple[TextRun, ...]


@dataclass(frozen=True)
class ListItem:
    level: int  # 0 for the outer list
    ordered: bool
    number: int  # as written (numbered items); 0 for bullets
    runs: Runs


@dataclass(frozen=True)
class MarkupBlock:
    """``kind``: ``paragraph`` (``lines``: its lines), ``heading`` (one line, ``level``),
    ``list`` (``items``; ``lines``: each item's runs) or ``table`` (``rows`` of cells;
    ``lines``: every cell's runs)."""

    kind: str
    lines: tuple[Runs, ...]
    level: int = 0
    items: tuple[ListItem, ...] = field(default=())
    rows: tuple[tuple[Runs, ...], ...] = field(default=())


def clean_text(text: str) -> str:
    """Normalise line ends and drop control characters (keeps tabs and newlines)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def paragraph(*lines: Runs) -> MarkupBlock:
    return MarkupBlock("paragraph", tuple(lines))


EMPTY = MarkupBlock("paragraph", ((),))  # an empty paragraph (a blank line left on purpose)


def is_empty(block: MarkupBlock) -> bool:
    return block.kind == "paragraph" and not any(_runs_text(r).strip() for r in block.lines)


def heading(level: int, runs: Runs) -> MarkupBlock:
    return MarkupBlock("heading", (runs,), level=level)


def list_block(items: list[ListItem] | tuple[ListItem, ...]) -> MarkupBlock:
    return MarkupBlock("list", tuple(i.runs for i in items), items=tuple(items))


def table(rows: list[tuple[Runs, ...]] | tuple[tuple[Runs, ...], ...]) -> MarkupBlock:
    width = max((len(r) for r in rows), default=0)
    full = tuple(tuple(r) + ((),) * (width - len(r)) for r in rows)
    return MarkupBlock("table", tuple(c for r in full for c in r), rows=full)


# -- reading -----------------------------------------------------------------------------------
def _row(line: str) -> tuple[Runs, ...]:
    body = line[1:]
    if body.endswith("|") and not _escaped_at_end(body):
        body = body[:-1]
    cells: list[str] = []
    pos = 0
    for match in _CELL_SPLIT.finditer(body):
        end = match.end() - 1
        cells.append(body[pos:end])
        pos = match.end()
    cells.append(body[pos:])
    return tuple(parse_inline(c.strip()) for c in cells)


def _escaped_at_end(text: str) -> bool:
    backslashes = len(text[:-1]) - len(text[:-1].rstrip("\\"))
    return backslashes % 2 == 1


def _item(raw: str) -> ListItem | None:
    match = _ITEM.match(raw.rstrip())
    if match is None:
        return None
    indent, bullet, number, text = match.groups()
    level = min(len(indent) // 2, MAX_LIST_LEVEL)
    if bullet:
        return ListItem(level, False, 0, parse_inline(text.strip()))
    return ListItem(level, True, int(number), parse_inline(text.strip()))


def _continues(items: list[ListItem], item: ListItem) -> bool:
    """Whether an outer item goes on the list of ``items`` (else it starts a new list, as a
    blank line before it would)."""
    if item.level:
        return True
    last = next((i for i in reversed(items) if i.level == 0), None)
    if last is None or last.ordered != item.ordered:
        return False
    return not item.ordered or item.number == last.number + 1


def parse_markup(text: str) -> tuple[MarkupBlock, ...]:
    """The blocks of ``text``; any text at all is valid (what is not markup is text)."""
    blocks: list[MarkupBlock] = []
    lines: list[Runs] = []
    items: list[ListItem] = []
    rows: list[tuple[Runs, ...]] = []

    def flush() -> None:
        if lines:
            blocks.append(paragraph(*lines))
            lines.clear()
        if items:
            blocks.append(list_block(items))
            items.clear()
        if rows:
            blocks.append(table(rows))
            rows.clear()

    blank = 0  # blank lines since the last block
    for raw in clean_text(text).split("\n"):
        line = raw.strip()
        item = _item(raw.replace("\t", "  ")) if line else None
        if not line:
            flush()
            blank += 1
            continue
        if blank and not blocks:  # blank lines at the start are empty paragraphs
            blocks += [EMPTY] * blank
        elif blank > 1:  # the first blank line separates; the others are paragraphs
            blocks += [EMPTY] * (blank - 1)
        blank = 0
        if item is not None and item.runs:
            if not items or not _continues(items, item):
                flush()
            items.append(item)
        elif line.startswith("|"):
            if not rows:
                flush()
            if not (rows and _RULE.match(line)):  # a Markdown rule under the header
                rows.append(_row(line))
        elif (found := _HEADING.match(line)) is not None:
            flush()
            blocks.append(heading(len(found.group(1)), parse_inline(found.group(2).strip())))
        else:
            if items or rows:
                flush()
            lines.append(parse_inline(line))
    flush()
    kept = [b for b in blocks if b is EMPTY or any(b.lines)]
    while kept and kept[-1] is EMPTY:
        kept.pop()
    return tuple(kept)


# -- writing -----------------------------------------------------------------------------------
def _line(runs: Runs) -> str:
    text = write_inline(runs).strip()
    found = _LINE_START.match(text)
    if found is None:
        return text
    if found.group(1)[0].isdigit():  # «1. » written as text: «1\. »
        cut = found.end() - 2
        return text[:cut] + "\\" + text[cut:]
    return "\\" + text


def _block_text(block: MarkupBlock) -> str:
    if block.kind == "heading":
        return "#" * max(1, min(2, block.level)) + " " + write_inline(block.lines[0]).strip()
    if block.kind == "list":
        out = []
        for item in block.items:
            mark = f"{item.number}. " if item.ordered else "- "
            out.append("  " * item.level + mark + write_inline(item.runs).strip())
        return "\n".join(out)
    if block.kind == "table":
        return "\n".join(
            "| " + " | ".join(write_inline(c, "|").strip() for c in row) + " |"
            for row in block.rows
        )
    return "\n".join(_line(r) for r in block.lines if _runs_text(r).strip())


def write_markup(blocks: list[MarkupBlock] | tuple[MarkupBlock, ...]) -> str:
    """The stored text of ``blocks`` (what :func:`parse_markup` reads back as them)."""
    out = ""
    blank = 0  # empty paragraphs since the last block written
    for block in blocks:
        text = _block_text(_tidy(block))
        if not text.strip():
            blank += is_empty(block)
            continue
        out += ("\n\n" if out else "") + "\n" * blank + text
        blank = 0
    return out


def _tidy(block: MarkupBlock) -> MarkupBlock:
    """Runs without line breaks (only a paragraph has several lines) nor empty items."""

    def flat(runs: Runs) -> Runs:
        fixed = [
            TextRun(r.text.replace("\n", " ").replace("\u2028", " "), r.bold, r.italic)
            for r in runs
        ]
        return merge_runs(fixed)

    if block.kind == "list":
        kept = [
            ListItem(min(i.level, MAX_LIST_LEVEL), i.ordered, i.number, flat(i.runs))
            for i in block.items
            if _runs_text(i.runs).strip()
        ]
        return list_block(kept)
    if block.kind == "table":  # the header is bold anyway
        rows = [
            tuple(flat(_upright(c) if r == 0 else c) for c in row)
            for r, row in enumerate(block.rows)
        ]
        return table([r for r in rows if any(_runs_text(c).strip() for c in r)])
    if block.kind == "heading":  # bold anyway
        return heading(block.level, flat(_upright(block.lines[0])))
    return paragraph(*(flat(line) for line in block.lines))


def _upright(runs: Runs) -> Runs:
    """``runs`` without bold (what is bold by its place)."""
    return tuple(TextRun(r.text, False, r.italic) for r in runs)


def normalize_markup(text: str) -> str:
    """The canonical form of ``text``: what the editor saves after loading it."""
    return write_markup(parse_markup(text))


def plain_text(text: str) -> str:
    """The text without markup marks (for search, previews and hashes of meaning)."""
    out = []
    for block in parse_markup(text):
        if block.kind == "list":
            for item in block.items:
                mark = f"{item.number}. " if item.ordered else "- "
                out.append("  " * item.level + mark + _runs_text(item.runs))
        elif block.kind == "table":
            out += [" | ".join(_runs_text(c) for c in row) for row in block.rows]
        else:
            out += [_runs_text(line) for line in block.lines]
    return "\n".join(out)


def _runs_text(runs: Runs) -> str:
    return "".join(run.text for run in runs)
