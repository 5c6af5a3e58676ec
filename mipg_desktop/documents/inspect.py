"""Reading back a rendered PDF: page texts, fonts not embedded, bookmarks (tests, checks)."""

from __future__ import annotations

import io
import re
from typing import Any

_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[^\W\d_])")


def page_texts(pdf: bytes) -> list[str]:
    """The extracted text of each page, with the words the running text hyphenated at a
    line's end joined again (as ``pdftotext`` does): what a reader searches for."""
    from pypdf import PdfReader

    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]
    return [_LINE_END_HYPHEN.sub("", text) for text in pages]


def _font_embedded(font: Any) -> bool:
    font = font.get_object()
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0":
        return all(_font_embedded(d) for d in font.get("/DescendantFonts", []))
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _walk_fonts(resources: Any, seen: set[int], out: dict[str, bool]) -> None:
    if resources is None:
        return
    resources = resources.get_object()
    fonts = resources.get("/Font")
    if fonts is not None:
        for ref in fonts.get_object().values():
            font = ref.get_object()
            out[str(font.get("/BaseFont", "?"))] = _font_embedded(font)
    xobjects = resources.get("/XObject")
    if xobjects is None:
        return
    for ref in xobjects.get_object().values():
        key = getattr(ref, "idnum", id(ref))
        if key in seen:
            continue
        seen.add(key)
        xobject = ref.get_object()
        if xobject.get("/Subtype") == "/Form":
            _walk_fonts(xobject.get("/Resources"), seen, out)


def fonts(pdf: bytes) -> dict[str, bool]:
    """Every font used on any page (also inside form XObjects) → whether it is embedded."""
    from pypdf import PdfReader

    out: dict[str, bool] = {}
    seen: set[int] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        _walk_fonts(page.get("/Resources"), seen, out)
    return out


def bookmarks(pdf: bytes) -> list[tuple[int, str, int]]:
    """The outline as (level, title, page number from 1)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    out: list[tuple[int, str, int]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                page = reader.get_destination_page_number(item)
                out.append((level, str(item.title), (page if page is not None else -1) + 1))

    walk(reader.outline, 0)
    return out


def metadata(pdf: bytes) -> dict[str, str]:
    from pypdf import PdfReader

    info: dict[Any, Any] = dict(PdfReader(io.BytesIO(pdf)).metadata or {})
    return {str(k): str(v) for k, v in info.items()}
