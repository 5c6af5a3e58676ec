"""Embed the Helvetica family that annex PDFs often use without embedding it.

Many generators (reportlab's default among them) write text in the standard Helvetica font and
leave it to the reader. An archival pack should carry every font, so annex pages get Liberation
Sans, whose metrics match Helvetica's, embedded in place of those references. Other
non-embedded fonts (Times, Courier, Symbol, custom ones) are left as the annex has them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from mipg_desktop.resources import resource_path

FACES = {
    "Helvetica": ("LiberationSans-Regular.ttf", "Helvetica", False),
    "Helvetica-Bold": ("LiberationSans-Bold.ttf", "Helvetica-Bold", False),
    "Helvetica-Oblique": ("LiberationSans-Italic.ttf", "Helvetica-Oblique", True),
    "Helvetica-BoldOblique": ("LiberationSans-BoldItalic.ttf", "Helvetica-BoldOblique", True),
    "Arial": ("LiberationSans-Regular.ttf", "Helvetica", False),
    "ArialMT": ("LiberationSans-Regular.ttf", "Helvetica", False),
    "Arial-BoldMT": ("LiberationSans-Bold.ttf", "Helvetica-Bold", False),
    "Arial,Bold": ("LiberationSans-Bold.ttf", "Helvetica-Bold", False),
    "Arial-ItalicMT": ("LiberationSans-Italic.ttf", "Helvetica-Oblique", True),
    "Arial,Italic": ("LiberationSans-Italic.ttf", "Helvetica-Oblique", True),
    "Arial-BoldItalicMT": ("LiberationSans-BoldItalic.ttf", "Helvetica-BoldOblique", True),
    "Arial,BoldItalic": ("LiberationSans-BoldItalic.ttf", "Helvetica-BoldOblique", True),
}


@lru_cache(maxsize=8)
def _face(filename: str) -> tuple[bytes, dict[str, Any]]:
    from reportlab.pdfbase.ttfonts import TTFontFile

    path = resource_path("fonts", filename)
    data = path.read_bytes()
    info = TTFontFile(str(path))
    metrics = {
        "name": info.name.decode("ascii", "replace"),
        "ascent": round(info.ascent),
        "descent": round(info.descent),
        "bbox": [round(v) for v in info.bbox],
        "cap": round(info.capHeight),
        "angle": float(info.italicAngle),
        "stem": int(info.stemV),
    }
    return data, metrics


@lru_cache(maxsize=8)
def _widths(base: str) -> tuple[int, ...]:
    from reportlab.pdfbase import pdfmetrics

    return tuple(int(w) for w in pdfmetrics.getFont(base).widths)


def _replacement(writer: Any, font: Any, filename: str, base: str, italic: bool) -> None:
    """Turn the Type1 reference ``font`` into an embedded TrueType font, in place."""
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
    )

    data, m = _face(filename)
    raw = DecodedStreamObject()
    raw.set_data(data)
    raw[NameObject("/Length1")] = NumberObject(len(data))
    stream = raw.flate_encode()
    descriptor = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/FontDescriptor"),
            NameObject("/FontName"): NameObject("/" + m["name"]),
            NameObject("/Flags"): NumberObject(32 + (64 if italic else 0)),
            NameObject("/FontBBox"): ArrayObject([NumberObject(v) for v in m["bbox"]]),
            NameObject("/ItalicAngle"): FloatObject(-12.0 if italic else m["angle"]),
            NameObject("/Ascent"): NumberObject(m["ascent"]),
            NameObject("/Descent"): NumberObject(m["descent"]),
            NameObject("/CapHeight"): NumberObject(m["cap"]),
            NameObject("/StemV"): NumberObject(m["stem"]),
            NameObject("/FontFile2"): writer._add_object(stream),
        }
    )
    font[NameObject("/Subtype")] = NameObject("/TrueType")
    font[NameObject("/BaseFont")] = NameObject("/" + m["name"])
    if "/Widths" not in font:
        font[NameObject("/FirstChar")] = NumberObject(0)
        font[NameObject("/LastChar")] = NumberObject(255)
        font[NameObject("/Widths")] = ArrayObject([NumberObject(w) for w in _widths(base)])
    if "/Encoding" not in font:
        font[NameObject("/Encoding")] = NameObject("/WinAnsiEncoding")
    font[NameObject("/FontDescriptor")] = writer._add_object(descriptor)


def _fix_resources(writer: Any, resources: Any, seen: set[int]) -> int:
    if resources is None:
        return 0
    resources = resources.get_object()
    changed = 0
    fonts = resources.get("/Font")
    for ref in fonts.get_object().values() if fonts is not None else []:
        font = ref.get_object()
        name = str(font.get("/BaseFont", "")).lstrip("/")
        if font.get("/Subtype") in ("/Type1", "/TrueType") and "/FontDescriptor" not in font:
            face = FACES.get(name)
            if face is not None:
                _replacement(writer, font, *face)
                changed += 1
    xobjects = resources.get("/XObject")
    for ref in xobjects.get_object().values() if xobjects is not None else []:
        key = getattr(ref, "idnum", id(ref))
        if key in seen:
            continue
        seen.add(key)
        xobject = ref.get_object()
        if xobject.get("/Subtype") == "/Form":
            changed += _fix_resources(writer, xobject.get("/Resources"), seen)
    return changed


def embed_helvetica(writer: Any) -> int:
    """Embed Liberation Sans for every non-embedded Helvetica/Arial font of ``writer``'s pages."""
    seen: set[int] = set()
    return sum(_fix_resources(writer, page.get("/Resources"), seen) for page in writer.pages)
