"""The page every document shares: control block, page X of Y, legends, watermark, metadata.

:func:`build_pdf` lays out a list of flowables on the chosen paper size with the entity's
document-control block on every page. "Página X de Y" is drawn when the canvas is saved (the
total is known then); the pack passes its own offset and total. Headings made with
:func:`heading` become PDF bookmarks and are reported back with their page numbers.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from mipg_desktop.documents import styles as st
from mipg_desktop.documents.dates import long_date
from mipg_desktop.documents.fonts import FONT, FONT_BOLD, register_fonts
from mipg_desktop.documents.model import ControlBlock, RenderOptions
from mipg_desktop.documents.text import clean
from mipg_desktop.i18n import _

MM = 72 / 25.4
HEADER_HEIGHT = 24 * MM
MARGIN = 18 * MM
HEADING_CHARS = 400


def page_size(name: str) -> tuple[float, float]:
    from reportlab.lib.pagesizes import A4, LETTER

    sizes = {"letter": LETTER, "a4": A4, "oficio": (216 * MM, 330 * MM)}
    try:
        return (float(sizes[name][0]), float(sizes[name][1]))
    except KeyError:
        from mipg_desktop.errors import ValidationError

        raise ValidationError(
            _("Tamaño de papel desconocido: {name} (use letter, a4 u oficio).").format(name=name)
        ) from None


@dataclass
class Layout:
    """What the page callbacks need, plus what the build reports back."""

    control: ControlBlock
    title: str
    watermark: str = ""
    reference: str = ""  # what ties a loose page to its document: «Acta No. 03 de 2026 · …»
    copy: bool = False  # this page is a copy: print the uncontrolled-copy legend (if enabled)
    page_offset: int = 0
    page_total: int | None = None
    headings: list[tuple[int, str, int]] = field(default_factory=list)
    pages: int = 0
    stamp: str = ""
    stamped: bool = False
    placements: list[tuple[int, int, int, tuple[float, float, float, float]]] = field(
        default_factory=list
    )


ROOM_AFTER_HEADING = 72.0
MAX_HEADING_ROOM = 300.0  # never ask for more: a frame is always taller, so no endless loop


@lru_cache(maxsize=1)
def _heading_class() -> type:
    from reportlab.platypus import Paragraph

    class Heading(Paragraph):  # type: ignore[misc]
        """A heading that starts a new page unless some lines of what follows fit under it.

        (``keepWithNext`` would move a heading *and* a whole table to the next page, leaving
        most of a page blank.)
        """

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            width, height = super().wrap(avail_width, avail_height)
            self._room = height + ROOM_AFTER_HEADING
            if avail_height < self._room < MAX_HEADING_ROOM:
                return (width, avail_height + 1)  # does not fit here: try the next frame
            return (width, height)

        def split(self, avail_width: float, avail_height: float) -> list[Any]:
            return []

    return Heading


def heading(text: str, level: int = 0, style: Any = None, kept: bool = False) -> Any:
    """A section heading that becomes a bookmark (``level`` 0, 1 or 2).

    ``kept``: the heading goes inside a ``KeepTogether``, which does the page-break work, so
    it is a plain paragraph.
    """
    from reportlab.platypus import Paragraph

    from mipg_desktop.documents.text import one_line, words

    text = words(clean(text))
    if len(text) > HEADING_CHARS:  # the full text is printed elsewhere (agenda, tables)
        text = text[: HEADING_CHARS - 1].rstrip() + "…"
    style = style or (st.styles().h1 if level == 0 else st.styles().h2)
    para = (Paragraph if kept else _heading_class())(one_line(text), style)
    para._mipg_bookmark = (level, text)
    return para


def _fit(canvas: Any, text: str, font: str, size: float, width: float, lines: int) -> list[str]:
    """``text`` wrapped to ``width``; past ``lines`` lines the last one ends in «…»."""
    from reportlab.lib.utils import simpleSplit

    parts = simpleSplit(" ".join(clean(text).split()), font, size, width) or [""]  # header
    if len(parts) > lines:
        parts = parts[:lines]
        last = parts[-1]
        while last and canvas.stringWidth(last + "…", font, size) > width:
            last = last[:-1]
        parts[-1] = last + "…"
    return list(parts)


class _Measure:
    """Stands in for a canvas where only string widths are needed (before a page exists)."""

    @staticmethod
    def stringWidth(text: str, font: str, size: float) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return float(stringWidth(text, font, size))


ENTITY_LINES = 8  # an entity name wraps; only a name longer than this many lines is cut
TITLE_LINES = 3
LOGO_W = 30 * MM
RIGHT_W = 50 * MM
BOX_MIN = HEADER_HEIGHT - 4 * MM
BLOCK_TOP = 6 * MM  # the block starts this far above the top margin
GAP_UNDER_BLOCK = 6 * MM  # room for the pack's stamp between the block and the text


def _middle_lines(canvas: Any, layout: Layout, middle: float) -> list[tuple[str, str, float]]:
    """The centre column: entity, process, document title, reference (acta number, date)."""
    control = layout.control
    lines = [
        (line, FONT_BOLD, 9.0)
        for line in _fit(canvas, control.entity_name, FONT_BOLD, 9, middle, ENTITY_LINES)
    ]
    if control.process:
        label = _("Proceso: {process}").format(process=control.process)
        lines += [(line, FONT, 7.5) for line in _fit(canvas, label, FONT, 7.5, middle, 2)]
    title = f"{layout.title} — {layout.watermark}" if layout.watermark else layout.title
    lines += [
        (line, FONT_BOLD, 8.5) for line in _fit(canvas, title, FONT_BOLD, 8.5, middle, TITLE_LINES)
    ]
    if layout.reference:
        lines += [
            (line, FONT_BOLD, 8.0)
            for line in _fit(canvas, layout.reference, FONT_BOLD, 8, middle, TITLE_LINES)
        ]
    return lines


def box_height(layout: Layout, page_width: float) -> float:
    """The control block's height: it grows with a long entity name, never below the usual."""
    register_fonts()
    middle = page_width - 2 * MARGIN - LOGO_W - RIGHT_W - 6
    needed = sum(size + 2 for _t, _f, size in _middle_lines(_Measure(), layout, middle)) + 8
    return max(BOX_MIN, needed)


def top_margin(layout: Layout, page_width: float) -> float:
    """Where the text frame starts (from the page top): below the block and the stamp line."""
    return MARGIN - BLOCK_TOP + box_height(layout, page_width) + GAP_UNDER_BLOCK


def _draw_logo(canvas: Any, logo: bytes | None, x: float, y: float, w: float, h: float) -> None:
    if not logo:
        return
    from reportlab.lib.utils import ImageReader

    try:
        image = ImageReader(io.BytesIO(logo))
        iw, ih = image.getSize()
        scale = min(w / iw, h / ih)
        dw, dh = iw * scale, ih * scale
        canvas.drawImage(image, x + (w - dw) / 2, y + (h - dh) / 2, dw, dh, mask="auto")
    except Exception:  # a broken logo never breaks a document
        return


def draw_control_block(canvas: Any, layout: Layout, width: float, height: float) -> None:
    """Logo | entity, process, title, reference | code, version, validity (page drawn later)."""
    control = layout.control
    top = height - MARGIN + BLOCK_TOP
    box_h = box_height(layout, width)
    y0 = top - box_h
    x0, x3 = MARGIN, width - MARGIN
    x1, x2 = x0 + LOGO_W, x3 - RIGHT_W
    canvas.saveState()
    canvas.setLineWidth(0.6)
    canvas.setStrokeColorRGB(0.3, 0.3, 0.3)
    canvas.rect(x0, y0, x3 - x0, box_h)
    canvas.line(x1, y0, x1, top)
    canvas.line(x2, y0, x2, top)
    _draw_logo(canvas, control.logo, x0 + 2, y0 + 2, LOGO_W - 4, min(box_h, BOX_MIN) - 4)
    y = top - 10
    for text, font, size in _middle_lines(canvas, layout, x2 - x1 - 6):
        canvas.setFont(font, size)
        canvas.drawCentredString((x1 + x2) / 2, y, text)
        y -= size + 2
    rows = [
        _("Código: {code}").format(code=control.code or "—"),
        _("Versión: {version}").format(version=control.version or "—"),
        _("Vigencia: {date}").format(date=long_date(control.valid_from) or "—"),
    ]
    canvas.setFont(FONT, 7.5)
    y = top - 10
    for row in rows:
        canvas.drawString(x2 + 4, y, _fit(canvas, row, FONT, 7.5, RIGHT_W - 8, 1)[0])
        y -= 11
    draw_page_number(canvas, layout, x2 + 4, y)
    canvas.restoreState()


def draw_footer(canvas: Any, layout: Layout, width: float) -> None:
    control = layout.control
    canvas.saveState()
    canvas.setFont(FONT, 7)
    canvas.setFillColorRGB(0.35, 0.35, 0.35)
    y = MARGIN - 8 * MM
    signers = [
        _("Elaboró: {name}").format(name=control.prepared_by) if control.prepared_by else "",
        _("Revisó: {name}").format(name=control.reviewed_by) if control.reviewed_by else "",
        _("Aprobó: {name}").format(name=control.approved_by) if control.approved_by else "",
    ]
    line = "   ".join(s for s in signers if s)
    if line:
        canvas.drawString(MARGIN, y, _fit(canvas, line, FONT, 7, width - 2 * MARGIN, 1)[0])
    canvas.restoreState()


def draw_copy_legend(canvas: Any, layout: Layout, width: float) -> None:
    """«Copia no controlada» at the foot of a copy's page (when document control enables it).

    Drawn when the page ends, so a pack's marker can turn it on for the pages it covers.
    """
    control = layout.control
    if not (layout.copy and control.uncontrolled_copy):
        return
    legend = control.uncontrolled_legend or _("Copia no controlada")
    canvas.saveState()
    canvas.setFont(FONT_BOLD, 8)
    canvas.setFillColorRGB(0.6, 0.1, 0.1)
    text = _fit(canvas, legend, FONT_BOLD, 8, width - 2 * MARGIN, 1)[0]
    canvas.drawCentredString(width / 2, MARGIN - 8 * MM - 10, text)
    canvas.restoreState()


@lru_cache(maxsize=4)
def _watermark_image(text: str) -> Any:
    """The watermark as a translucent image, so it never mixes into the extracted text."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader

    from mipg_desktop.resources import resource_path

    font = ImageFont.truetype(str(resource_path("fonts", "DejaVuSans-Bold.ttf")), 72)
    left, top, right, bottom = (int(v) for v in font.getbbox(text))
    image = Image.new("RGBA", (right - left + 20, bottom - top + 20), (255, 255, 255, 0))
    ImageDraw.Draw(image).text((10 - left, 10 - top), text, font=font, fill=(200, 60, 60, 60))
    rotated = image.rotate(50, expand=True, resample=Image.Resampling.BICUBIC)
    buffer = io.BytesIO()
    rotated.save(buffer, "PNG", compress_level=1)
    buffer.seek(0)
    return ImageReader(buffer)


def draw_watermark(canvas: Any, text: str, width: float, height: float) -> None:
    image = _watermark_image(clean(text))
    iw, ih = image.getSize()
    scale = min(width * 0.8 / iw, height * 0.6 / ih)
    w, h = iw * scale, ih * scale
    canvas.drawImage(image, (width - w) / 2, (height - h) / 2, w, h, mask="auto")


def draw_stamp(canvas: Any, layout: Layout, width: float, height: float) -> None:
    """The pack's label of the section or agenda item a page belongs to (under the block)."""
    if not layout.stamp:
        return
    canvas.saveState()
    canvas.setFont(FONT, 7.5)
    canvas.setFillColorRGB(0.15, 0.25, 0.45)
    y = height - MARGIN + BLOCK_TOP - box_height(layout, width) - GAP_UNDER_BLOCK + 3
    text = _fit(canvas, layout.stamp, FONT, 7.5, width - 2 * MARGIN, 1)[0]
    canvas.drawString(MARGIN, y, text)
    canvas.restoreState()


def page_label(number: int, total: int) -> str:
    return _("Página {page} de {total}").format(page=number, total=total)


TOTAL_FORM = "mipgPageTotal"


def draw_page_number(canvas: Any, layout: Layout, x: float, y: float) -> None:
    """ "Página X de " now; the total is a form XObject filled in when the file is saved."""
    template = page_label(-1, -2)
    number = canvas.getPageNumber() + layout.page_offset
    before, _sep, after = template.partition("-2")
    before = before.replace("-1", str(number))
    canvas.setFont(FONT, 7.5)
    canvas.drawString(x, y, before)
    x += canvas.stringWidth(before, FONT, 7.5)
    if layout.page_total is not None:
        canvas.drawString(x, y, f"{layout.page_total}{after}")
        return
    canvas.saveState()
    canvas.translate(x, y)
    canvas.doForm(TOTAL_FORM)
    canvas.restoreState()


def _canvas_class(layout: Layout) -> type:
    from reportlab.pdfgen.canvas import Canvas

    class MipgCanvas(Canvas):  # type: ignore[misc]
        """Embedded initial font; writes the page total into its form when saved."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = FONT
            super().__init__(*args, **kwargs)

        def save(self) -> None:
            layout.pages = self.getPageNumber() - 1
            total = layout.pages + layout.page_offset
            after = page_label(-1, -2).partition("-2")[2]
            self.beginForm(TOTAL_FORM)
            self.setFont(FONT, 7.5)
            self.drawString(0, 0, f"{total}{after}")
            self.endForm()
            super().save()

    return MipgCanvas


def build_pdf(flowables: list[Any], layout: Layout, options: RenderOptions, title: str) -> bytes:
    """Lay out ``flowables`` with the control block on every page; returns the PDF bytes."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    register_fonts()
    width, height = page_size(options.page_size)
    buffer = io.BytesIO()

    class Doc(BaseDocTemplate):  # type: ignore[misc]
        def beforeDocument(self) -> None:
            layout.headings.clear()
            layout.placements.clear()

        def afterFlowable(self, flowable: Any) -> None:
            mark = getattr(flowable, "_mipg_bookmark", None)
            if mark is None:
                return
            level, text = mark
            key = f"h{len(layout.headings)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
            layout.headings.append((level, text, self.page))

    doc = Doc(
        buffer,
        pagesize=(width, height),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=top_margin(layout, width),
        bottomMargin=MARGIN,
        title=clean(title),
        author=clean(options.author or layout.control.entity_name),
        subject=clean(options.subject),
        creator="MIPG Desktop",
        producer="MIPG Desktop (reportlab)",
    )

    def on_page(canvas: Any, _doc: Any) -> None:
        if layout.watermark:
            draw_watermark(canvas, layout.watermark, width, height)
        draw_control_block(canvas, layout, width, height)
        draw_footer(canvas, layout, width)

    def on_page_end(canvas: Any, _doc: Any) -> None:
        if layout.stamped:
            draw_stamp(canvas, layout, width, height)
        draw_copy_legend(canvas, layout, width)

    frame = Frame(
        doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", showBoundary=0
    )
    doc.addPageTemplates(
        [PageTemplate(id="page", frames=[frame], onPage=on_page, onPageEnd=on_page_end)]
    )
    doc.build(flowables, canvasmaker=_canvas_class(layout))
    return buffer.getvalue()
