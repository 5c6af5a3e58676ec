"""The TTF fonts every document embeds (DejaVu Sans, shipped in ``resources/fonts``)."""

from __future__ import annotations

from functools import lru_cache

from mipg_desktop.resources import resource_path

FONT = "MipgSans"
FONT_BOLD = "MipgSans-Bold"
FONT_ITALIC = "MipgSans-Italic"
FONT_BOLD_ITALIC = "MipgSans-BoldItalic"

_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

REPLACEMENT = "\ufffd"


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register the four faces (once per process) and return the regular family name."""
    from reportlab import rl_config
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    rl_config.useA85 = 0  # binary streams: smaller files, no slow pure-Python ASCII85 pass
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT_ITALIC)
    addMapping(FONT, 1, 1, FONT_BOLD_ITALIC)
    return FONT


@lru_cache(maxsize=1)
def covered_codepoints() -> frozenset[int]:
    """Code points all four faces have a glyph for; anything else is replaced before drawing.

    Only the Basic Multilingual Plane: reportlab writes a broken ToUnicode entry for code
    points above U+FFFF, so such text would print but not extract (copy, search) correctly.
    """
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    sets = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in _FILES]
    return frozenset(c for c in set.intersection(*sets) if c <= 0xFFFF)
