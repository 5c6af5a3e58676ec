"""Paragraph and table styles shared by the documents (all on the embedded fonts)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from mipg_desktop.documents.fonts import FONT, FONT_BOLD, register_fonts

HYPHENATION = "es"  # pyphen's language code for the running text


@dataclass(frozen=True)
class Styles:
    title: Any
    subtitle: Any
    h1: Any
    h2: Any
    body: Any
    small: Any
    bullet: Any
    cell: Any
    cell_bold: Any
    center: Any
    sign: Any


@lru_cache(maxsize=1)
def styles() -> Styles:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()
    base = ParagraphStyle(
        "mipg-body",
        fontName=FONT,
        fontSize=10,
        leading=13.5,
        spaceAfter=5,
        allowWidows=0,  # never one line of a paragraph alone at the top of a page
        allowOrphans=0,  # nor alone at the foot
    )
    # The running text (justified paragraphs and lists) is hyphenated in Spanish with pyphen's
    # hyph_es patterns: a long word at a line's end is cut only where Spanish allows
    # (adminis-tración), and a word with a hyphen of its own breaks there first; a long web
    # address breaks rather than overflow. Titles, headings and table cells (names of people
    # and offices) keep their words whole.
    hyphenated: dict[str, Any] = {
        "hyphenationLang": HYPHENATION,
        "embeddedHyphenation": 1,
        "uriWasteReduce": 0.3,
    }
    return Styles(
        title=ParagraphStyle(
            "mipg-title", base, fontName=FONT_BOLD, fontSize=14, leading=18, alignment=TA_CENTER
        ),
        subtitle=ParagraphStyle(
            "mipg-subtitle", base, fontSize=11, leading=15, alignment=TA_CENTER
        ),
        h1=ParagraphStyle(
            "mipg-h1",
            base,
            fontName=FONT_BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=0,
        ),
        h2=ParagraphStyle(
            "mipg-h2",
            base,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=6,
            spaceAfter=3,
            keepWithNext=0,
        ),
        body=ParagraphStyle("mipg-just", base, alignment=TA_JUSTIFY, **hyphenated),
        small=ParagraphStyle("mipg-small", base, fontSize=8.5, leading=11),
        bullet=ParagraphStyle(
            "mipg-bullet",
            base,
            leftIndent=14,
            bulletIndent=4,
            bulletFontName=FONT,
            **hyphenated,
        ),
        cell=ParagraphStyle("mipg-cell", base, fontSize=8.5, leading=10.5, spaceAfter=0),
        cell_bold=ParagraphStyle(
            "mipg-cellb", base, fontName=FONT_BOLD, fontSize=8.5, leading=10.5, spaceAfter=0
        ),
        center=ParagraphStyle("mipg-center", base, alignment=TA_CENTER),
        sign=ParagraphStyle("mipg-sign", base, fontSize=9.5, leading=12, spaceAfter=0),
    )


def table_style(header: bool = True, grid: bool = True) -> Any:
    """A TableStyle with FONTNAME set (so no Helvetica is ever used)."""
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if grid:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.Color(0.55, 0.55, 0.55)))
    if header:
        commands += [
            ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.91, 0.95)),
        ]
    return TableStyle(commands)
