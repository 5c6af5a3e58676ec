"""What a proposed wording changes, marked on the two rendered texts: the words it takes
out tinted red and struck through on the current text, the words it adds tinted green on the
proposal (a word-by-word comparison of what the reader sees, :mod:`difflib`)."""

from __future__ import annotations

import difflib
import re

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument

REMOVED = QColor(250, 218, 218)
ADDED = QColor(212, 240, 212)
_WORD = re.compile(r"\w+|[^\w\s]")  # words, and each punctuation mark on its own


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def changed_spans(before: str, after: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character ranges of the words taken out of ``before`` and put into ``after``."""
    old, new = _words(before), _words(after)
    matcher = difflib.SequenceMatcher(
        a=[w for w, *_r in old], b=[w for w, *_r in new], autojunk=False
    )
    removed: list[tuple[int, int]] = []
    added: list[tuple[int, int]] = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag in ("replace", "delete") and a2 > a1:
            removed.append((old[a1][1], old[a2 - 1][2]))
        if tag in ("replace", "insert") and b2 > b1:
            added.append((new[b1][1], new[b2 - 1][2]))
    return removed, added


def _tint(
    document: QTextDocument, spans: list[tuple[int, int]], color: QColor, strike: bool
) -> None:
    fmt = QTextCharFormat()
    fmt.setBackground(color)
    fmt.setFontStrikeOut(strike)
    last = max(0, document.characterCount() - 1)
    for start, end in spans:
        cursor = QTextCursor(document)
        cursor.setPosition(min(start, last))
        cursor.setPosition(min(end, last), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)


def mark_changes(current: QTextDocument, proposed: QTextDocument) -> None:
    """Both documents already hold their rendered texts (their raw text: one character per
    document position)."""
    removed, added = changed_spans(current.toRawText(), proposed.toRawText())
    undo = current.isUndoRedoEnabled(), proposed.isUndoRedoEnabled()
    current.setUndoRedoEnabled(False)
    proposed.setUndoRedoEnabled(False)
    _tint(current, removed, REMOVED, True)
    _tint(proposed, added, ADDED, False)
    current.setUndoRedoEnabled(undo[0])
    proposed.setUndoRedoEnabled(undo[1])
