"""User text is text, never markup: cleaning, escaping and safe splitting for platypus.

Every string that comes from a user goes through :func:`clean` (control characters dropped,
characters the font lacks replaced) and :func:`escape` before it reaches a ``Paragraph``. The
only markup accepted is the small one of deliberations (:func:`rich`, described in
:mod:`mipg_desktop.committees.markup`). Long texts are cut into several
paragraphs so no single flowable is taller than a frame.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

from mipg_desktop.documents.fonts import REPLACEMENT, covered_codepoints

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable

PARAGRAPH_CHARS = 2500
CELL_CHARS = 1200
_BLANK_LINES = re.compile(r"\n\s*\n")
# Whitespace that may break a line; no-break spaces (U+00A0, U+202F, U+2007) are not in it, so
# «100 %» and «9:20 a. m.» stay on one line (``str.split()`` would turn them into spaces).
_BREAKING = re.compile(r"[\t\n\v\f\r \x1c-\x1f\x85\u1680\u2000-\u2006\u2008-\u200a\u205f\u3000]+")
_NUMBER_SPACE = re.compile(r"(?<=\d) (?=%)")
NBSP = "\xa0"


def words(text: str) -> str:
    """Whitespace collapsed to single spaces, keeping no-break spaces; trimmed."""
    return _BREAKING.sub(" ", text).strip(" ")


def _xml_escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities (``xml.sax.saxutils`` would import urllib: slow)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clean(value: object) -> str:
    """The printable form of ``value``: NFC, no control characters, only glyphs the font has."""
    if value is None:
        return ""
    text = str(value)
    if " %" in text:  # «45 %» never breaks before its sign
        text = _NUMBER_SPACE.sub(NBSP, text)
    if text.isascii() and text.isprintable():  # the common case: nothing to replace
        return text
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    covered = covered_codepoints()
    out: list[str] = []
    for char in text:
        if char == "\n":
            out.append(char)
        elif char == "\t":
            out.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            out.append(" " if unicodedata.category(char) in ("Zl", "Zp") else "")
        elif ord(char) in covered:
            out.append(char)
        else:
            out.append(REPLACEMENT)
    return "".join(out)


def escape(value: object) -> str:
    """Cleaned text escaped for a ``Paragraph``; line breaks kept as ``<br/>``."""
    return _xml_escape(clean(value)).replace("\n", "<br/>")


def one_line(value: object) -> str:
    """Cleaned, escaped, whitespace collapsed to single spaces (titles, names, cells)."""
    return _xml_escape(words(clean(value)))


def chunks(text: str, limit: int) -> list[str]:
    """``text`` cut into pieces of at most about ``limit`` characters.

    A cut falls after a sentence (else after «;» or «:») ending in the second half of the
    piece, so it reads as an ordinary paragraph break; else at a space, else at ``limit``.
    """
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        sentence = rest.rfind(". ", limit // 2, limit)
        if sentence <= 0:
            sentence = max(rest.rfind("; ", limit // 2, limit), rest.rfind(": ", limit // 2, limit))
        cut = sentence + 1 if sentence > 0 else rest.rfind(" ", limit // 2, limit)
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut])
        rest = rest[cut:].lstrip(" ")
    pieces.append(rest)
    return pieces


def _paragraph(markup: str, style: ParagraphStyle, fallback: str) -> Flowable:
    from reportlab.platypus import Paragraph

    try:
        return Paragraph(markup, style)
    except Exception:  # malformed markup must never break a document: print it as text
        return Paragraph(_xml_escape(fallback), style)


def paragraphs(value: object, style: ParagraphStyle, limit: int = PARAGRAPH_CHARS) -> list[Any]:
    """Plain user text as paragraphs: blank lines separate them, long ones are cut."""
    text = clean(value).strip()
    result: list[Any] = []
    for block in _BLANK_LINES.split(text):
        block = block.strip()
        if not block:
            continue
        for piece in chunks(block, limit):
            result.append(_paragraph(_xml_escape(piece).replace("\n", "<br/>"), style, piece))
    return result


def inline_markup(piece: str) -> str:
    """Escape ``piece`` and turn its ``**bold**`` and ``*italics*`` into well-nested tags."""
    from mipg_desktop.committees.markup import parse_inline
    from mipg_desktop.documents.rich_text import run_tags

    return run_tags(parse_inline(piece))


def rich(
    value: object,
    style: ParagraphStyle,
    bullet_style: ParagraphStyle,
    limit: int = PARAGRAPH_CHARS,
) -> list[Any]:
    """Deliberation text with its markup: see :func:`mipg_desktop.documents.rich_text.rich`."""
    from mipg_desktop.documents.rich_text import rich as render

    return render(value, style, bullet_style, limit)


def cell(value: object, style: ParagraphStyle, limit: int = CELL_CHARS) -> list[Any]:
    """A table cell's content: a list of short paragraphs (rows may split between them)."""
    text = words(clean(value))
    return [_paragraph(_xml_escape(p), style, p) for p in chunks(text, limit)] if text else []


def title_from_filename(filename: str) -> str:
    """«Matriz de riesgos» from «Matriz_de_riesgos.pdf»: no extension, «_» and «-» as spaces."""
    stem = clean(filename).rsplit("/", 1)[-1]
    if "." in stem[1:]:
        stem = stem.rsplit(".", 1)[0]
    readable = words(re.sub(r"[_]+", " ", stem))
    return readable[:1].upper() + readable[1:] if readable else clean(filename)


def annex_label(item_number: str, filename: str, title: str = "") -> str:
    """How the acta and the pack name an annex:
    «Punto 4: Matriz de riesgos (Matriz_de_riesgos.pdf)».

    The title is the attachment's own, else read from its file name.
    """
    from mipg_desktop.i18n import _

    name = clean(filename)
    stem = name.rsplit(".", 1)[0] if "." in name[1:] else name
    shown = words(clean(title)) or title_from_filename(name)
    if shown and shown not in (name, stem):
        return _("Punto {number}: {title} ({file})").format(
            number=item_number, title=shown, file=name
        )
    return _("Punto {number}: {file}").format(number=item_number, file=name)
