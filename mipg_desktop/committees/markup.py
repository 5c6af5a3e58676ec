"""The small, safe markup of deliberation texts (never HTML).

Stored as plain text: paragraphs separated by blank lines, ``- `` at the start of a
line for list items, ``**bold**`` and ``*italics*`` inside a line. Renderers call
:func:`parse_markup` and escape every run themselves; nothing is ever interpreted
as HTML or XML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_TEXT_CHARS = 200_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INLINE = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*")


@dataclass(frozen=True)
class TextRun:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class MarkupBlock:
    """``kind`` is ``paragraph`` (one line of runs) or ``list`` (one line of runs per item)."""

    kind: str
    lines: tuple[tuple[TextRun, ...], ...]


def clean_text(text: str) -> str:
    """Normalise line ends and drop control characters (keeps tabs and newlines)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def parse_inline(line: str) -> tuple[TextRun, ...]:
    runs: list[TextRun] = []
    pos = 0
    for match in _INLINE.finditer(line):
        if match.start() > pos:
            runs.append(TextRun(line[pos : match.start()]))
        if match.group(1) is not None:
            runs.append(TextRun(match.group(1), bold=True))
        else:
            runs.append(TextRun(match.group(2), italic=True))
        pos = match.end()
    if pos < len(line):
        runs.append(TextRun(line[pos:]))
    return tuple(runs)


def parse_markup(text: str) -> tuple[MarkupBlock, ...]:
    """Blocks of runs: consecutive ``- `` lines form a list; other lines join into paragraphs."""
    blocks: list[MarkupBlock] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(MarkupBlock("paragraph", (parse_inline(" ".join(paragraph)),)))
            paragraph.clear()
        if items:
            blocks.append(MarkupBlock("list", tuple(parse_inline(i) for i in items)))
            items.clear()

    for raw in clean_text(text).split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith(("- ", "* ")) and not line.startswith("**"):
            if paragraph:
                flush()
            items.append(line[2:].strip())
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return tuple(blocks)


def plain_text(text: str) -> str:
    """The text without markup marks (for search, previews and hashes of meaning)."""
    out = []
    for block in parse_markup(text):
        for line in block.lines:
            prefix = "- " if block.kind == "list" else ""
            out.append(prefix + "".join(run.text for run in line))
    return "\n".join(out)
