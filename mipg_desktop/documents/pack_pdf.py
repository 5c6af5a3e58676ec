"""The session pack: cover, contents, convocation, previous acta, commitments, plans, annexes.

One platypus document holds everything; each page of a PDF annex is a full-frame placeholder
that pypdf later fills with the annex page, scaled to fit. So every page carries the control
block, "Página X de Y" of the pack and the stamp of its section or agenda item. The table of
contents is laid out twice: first with blank numbers, then with the pages the first pass found.
"""

from __future__ import annotations

import io
from typing import Any

from mipg_desktop.documents.attachments import IMAGE, PDF, Prepared, prepare
from mipg_desktop.documents.blocks import table
from mipg_desktop.documents.convocation_pdf import convocation_story, session_title
from mipg_desktop.documents.dates import long_date, short_date
from mipg_desktop.documents.minutes_pdf import minutes_story
from mipg_desktop.documents.model import Commitment, Pack, RenderOptions, as_submitted
from mipg_desktop.documents.page import Layout, build_pdf, heading
from mipg_desktop.documents.pdfa import archive_meta, to_pdfa
from mipg_desktop.documents.styles import styles
from mipg_desktop.documents.text import annex_label, clean, one_line, words
from mipg_desktop.i18n import _
from mipg_desktop.progress import NO_PROGRESS, Progress
from mipg_desktop.signing.annex import signed_originals


def _marker(layout: Layout, text: str, copy: bool | None = None) -> Any:
    """A zero-size flowable that sets the stamp of the page it lands on.

    ``copy`` (when given) also says whether the pages from here on are a copy (the previous
    acta embedded for approval is; see :class:`RenderOptions`).
    """
    from reportlab.platypus import Flowable

    class Marker(Flowable):  # type: ignore[misc]
        def wrap(self, *_args: Any) -> tuple[float, float]:
            return (0, 0)

        def draw(self) -> None:
            layout.stamp = text
            if copy is not None:
                layout.copy = copy

    return Marker()


def _placeholder(layout: Layout, index: int, page: int, size: tuple[float, float]) -> Any:
    """Reserves the frame for page ``page`` of prepared PDF ``index`` (``size`` in points).

    When drawn it outlines where the page will go, scaled to fit and centred at the top, and
    records that rectangle for :func:`_merge`.
    """
    from reportlab.platypus import Flowable

    class Placeholder(Flowable):  # type: ignore[misc]
        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            self.width, self.height = avail_width, avail_height - 1
            return (self.width, self.height)

        def draw(self) -> None:
            bw, bh = size
            scale = min(self.width / bw, self.height / bh)
            dx, dy = (self.width - bw * scale) / 2, self.height - bh * scale
            self.canv.saveState()
            self.canv.setStrokeColorRGB(0.75, 0.75, 0.75)
            self.canv.setLineWidth(0.4)
            self.canv.rect(dx, dy, bw * scale, bh * scale)
            self.canv.restoreState()
            x, y = self.canv.absolutePosition(dx, dy)
            box = (x, y, bw * scale, bh * scale)
            layout.placements.append((self.canv.getPageNumber(), index, page, box))

    return Placeholder()


def _nest(story: list[Any]) -> list[Any]:
    """Push the bookmarks of an embedded document one level down."""
    for flowable in story:
        mark = getattr(flowable, "_mipg_bookmark", None)
        if mark is not None:
            flowable._mipg_bookmark = (mark[0] + 1, mark[1])
        inner = getattr(flowable, "_content", None)  # KeepTogether and friends
        if isinstance(inner, list):
            _nest(inner)
    return story


def _section(layout: Layout, title: str, stamp: str, copy: bool | None = None) -> list[Any]:
    from reportlab.platypus import PageBreak

    return [PageBreak(), _marker(layout, stamp, copy), heading(title)]


def _commitment_rows(items: tuple[Commitment, ...]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for c in items:
        state = clean(c.status)
        if c.progress is not None:
            state = f"{state} ({c.progress}\u00a0%)" if state else f"{c.progress}\u00a0%"
        rows.append((c.number, c.text, c.owner, short_date(c.due_date), state, c.origin))
    return rows


def commitments_story(pack: Pack, width: float) -> list[Any]:
    from reportlab.platypus import Paragraph

    s = styles()
    header = (
        _("No."),
        _("Compromiso"),
        _("Responsable"),
        _("Fecha límite"),
        _("Estado"),
        _("Acta"),
    )
    widths = [f * width for f in (0.05, 0.35, 0.18, 0.13, 0.16, 0.13)]
    groups = (
        (_("Vencidos"), pack.overdue_commitments, _("No hay compromisos vencidos.")),
        (_("Abiertos y en curso"), pack.open_commitments, _("No hay compromisos abiertos.")),
        (
            _("Cumplidos desde la última sesión"),
            pack.done_commitments,
            _("Ningún compromiso se cumplió desde la última sesión."),
        ),
    )
    story: list[Any] = []
    for title, items, empty in groups:
        story.append(heading(f"{title} ({len(items)})", 1))
        if items:
            story.append(table(header, _commitment_rows(items), widths))
        else:
            story.append(Paragraph(empty, s.body))
    return story


def plans_story(pack: Pack, width: float) -> list[Any]:
    def percent(value: float | None) -> str:
        return "—" if value is None else f"{value:.1f}\u00a0%".replace(".", ",")

    rows = [
        (
            p.name,
            str(p.year or ""),
            str(p.activities),
            percent(p.planned_percent),
            percent(p.actual_percent),
            p.remark,
        )
        for p in pack.plans
    ]
    header = (
        _("Plan"),
        _("Vigencia"),
        _("Actividades"),
        _("Avance esperado"),
        _("Avance ejecutado"),
        _("Estado"),
    )
    widths = [f * width for f in (0.31, 0.1, 0.14, 0.15, 0.15, 0.15)]
    return [table(header, rows, widths)]


def _cover_logo(logo: bytes | None, width: float) -> Any:
    """The entity logo for the cover, at most 5 cm tall; None when absent or unreadable."""
    if not logo:
        return None
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image

    try:
        iw, ih = ImageReader(io.BytesIO(logo)).getSize()
        scale = min(140 / ih, width * 0.5 / iw)
        return Image(io.BytesIO(logo), iw * scale, ih * scale)
    except Exception:  # a broken logo never breaks the pack
        return None


def _cover(pack: Pack, width: float) -> list[Any]:
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    session = pack.convocation.session
    story: list[Any] = [Spacer(1, 40)]
    logo = _cover_logo(pack.control.logo, width)
    if logo is not None:
        story += [logo, Spacer(1, 16)]
    story += [
        Paragraph(one_line(pack.control.entity_name), s.subtitle),
        Spacer(1, 20),
        Paragraph(_("PAQUETE DE LA SESIÓN"), s.title),
        Paragraph(one_line(session.committee_name), s.subtitle),
        Paragraph(one_line(session_title(session)), s.subtitle),
        Paragraph(one_line(long_date(session.day)), s.subtitle),
        Paragraph(one_line(session.place), s.subtitle),
        Spacer(1, 40),
    ]
    if pack.generated_at:
        text = _("Generado el {date}").format(date=long_date(pack.generated_at))
        story.append(Paragraph(one_line(text), s.center))
    return story


def _contents(entries: list[tuple[str, int | None]], width: float, marker: Any) -> list[Any]:
    from reportlab.lib.colors import Color
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Table

    from mipg_desktop.documents.styles import table_style
    from mipg_desktop.documents.text import cell

    s = styles()
    right = ParagraphStyle("mipg-toc-page", s.cell, alignment=TA_RIGHT)
    rows = [
        [cell(title, s.cell), cell(str(page) if page else "", right)] for title, page in entries
    ]
    result = Table(rows, colWidths=[0.88 * width, 0.12 * width], splitInRow=1, hAlign="LEFT")
    result.setStyle(table_style(header=False, grid=False))
    result.setStyle([("LINEBELOW", (0, 0), (-1, -1), 0.3, Color(0.8, 0.8, 0.8))])
    return [PageBreak(), marker, heading(_("Contenido")), result]


def _annex_pages(
    layout: Layout, prep: Prepared, item: str, width: float, height: float, index: int
) -> list[Any]:
    """The pages of one included annex, each stamped with its agenda item."""
    from reportlab.platypus import Image, PageBreak

    name = _document_name(prep)
    story: list[Any] = []
    if prep.kind == PDF:
        for page in range(prep.pages):
            label = _("{name} · página {k} de {n} · {item}").format(
                name=name, k=page + 1, n=prep.pages, item=item
            )
            story += [PageBreak(), _marker(layout, label)]
            if page == 0:
                story.append(heading(name, 1))
            if prep.signatures:
                story.append(_signed_copy_notice(prep))
            box = prep.reader.pages[page].cropbox
            size = (float(box.width), float(box.height))
            story.append(_placeholder(layout, index, page, size))
    elif prep.kind == IMAGE:
        label = _("{name} · {item}").format(name=name, item=item)
        story += [PageBreak(), _marker(layout, label), heading(name, 1)]
        iw, ih = prep.size
        scale = min(width / iw, (height * 0.8) / ih, 1.0)
        story.append(Image(io.BytesIO(prep.image), iw * scale, ih * scale))
    return story


def _signed_copy_notice(prep: Prepared) -> Any:
    from reportlab.platypus import Paragraph

    from mipg_desktop.signing.annex import copy_notice

    return Paragraph(one_line(copy_notice(prep.signatures, prep.original_name)), styles().body)


def _document_name(prep: Prepared) -> str:
    """As the acta names it: «Punto 4: Matriz de riesgos (Matriz_de_riesgos.pdf)»."""
    attachment = prep.attachment
    return annex_label(attachment.item_number, attachment.filename, attachment.title)


def _annex_story(
    layout: Layout, pack: Pack, prepared: list[Prepared], width: float, height: float
) -> list[Any]:
    story: list[Any] = []
    items: dict[str, list[int]] = {}
    for index, prep in enumerate(prepared):
        items.setdefault(prep.attachment.item_number, []).append(index)
    for number in items:
        first = prepared[items[number][0]].attachment
        item = _("Punto {n}. {title}").format(n=number, title=clean(first.item_title))
        stamp = _("Anexos · {item}").format(item=item)
        story += _section(layout, _("Anexos del {item}").format(item=item), stamp)
        rows = [
            (str(k), _document_name(p), p.status)
            for k, p in enumerate((prepared[i] for i in items[number]), 1)
        ]
        header = (_("No."), _("Documento"), _("Cómo se incluye"))
        story.append(table(header, rows, [f * width for f in (0.07, 0.55, 0.38)]))
        for index in items[number]:
            title = clean(prepared[index].attachment.item_title)
            story += _annex_pages(layout, prepared[index], title, width, height, index)
    return story


def _story(
    pack: Pack,
    layout: Layout,
    prepared: list[Prepared],
    pages: dict[str, int],
    size: Any,
    copy: bool = False,
) -> tuple[list[Any], list[tuple[str, int | None]]]:
    from reportlab.platypus import Paragraph

    s = styles()
    width, height = size
    session_label = session_title(pack.convocation.session)
    story: list[Any] = [_marker(layout, _("Portada · {s}").format(s=session_label))]
    story += _cover(pack, width)
    contents_at = len(story)
    titles: list[str] = []

    def section(title: str, stamp: str, copy_here: bool = copy) -> list[Any]:
        titles.append(words(clean(title)))
        return _section(layout, title, stamp, copy_here)

    story += section(_("Convocatoria y orden del día"), _("Convocatoria y orden del día"))
    story += _nest(convocation_story(pack.convocation, width))
    if pack.previous_minutes is not None:
        previous = as_submitted(pack.previous_minutes, pack.convocation.session.day)
        label = _("Acta No. {label}").format(label=previous.session.acta_label)
        title = _("Acta anterior para aprobación: {label}").format(label=label)
        if not previous.draft:  # approved before this session
            title = _("Acta anterior (aprobada): {label}").format(label=label)
        story += section(title, title, True)  # a copy, whatever the pack is
        story += _nest(minutes_story(previous, width))
        if pack.previous_observations:
            from mipg_desktop.documents.review_story import observations_story

            heading_text = _("Observaciones de los integrantes al {label}").format(label=label)
            story += section(heading_text, heading_text)
            story += observations_story(pack.previous_observations)
    story += section(_("Estado de los compromisos"), _("Estado de los compromisos"))
    story += commitments_story(pack, width)
    if pack.plans:
        story += section(_("Avance de los planes"), _("Avance de los planes"))
        story += plans_story(pack, width)
    annexes = _annex_story(layout, pack, prepared, width, height)
    titles += [
        getattr(f, "_mipg_bookmark", (1, ""))[1]
        for f in annexes
        if getattr(f, "_mipg_bookmark", (1, ""))[0] == 0
    ]
    story += annexes
    if not prepared:
        story += section(_("Anexos"), _("Anexos"))
        story.append(Paragraph(_("Los puntos del orden del día no tienen anexos."), s.body))
    entries = [(title, pages.get(title)) for title in titles]
    marker = _marker(layout, _("Contenido"))
    story[contents_at:contents_at] = _contents(entries, width, marker)
    return story, entries


def _merge(pdf: bytes, layout: Layout, prepared: list[Prepared]) -> bytes:
    """Lay each PDF annex page into its placeholder, scaled to fit."""
    if not layout.placements:
        return pdf
    from pypdf import PdfWriter, Transformation

    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    for page_number, index, page, (x, y, w, _h) in layout.placements:
        source = prepared[index].reader.pages[page]
        box = source.cropbox
        left, bottom = float(box.left), float(box.bottom)
        scale = w / float(box.width)
        move = Transformation().translate(-left, -bottom).scale(scale).translate(x, y)
        try:
            writer.pages[page_number - 1].merge_transformed_page(source, move)
        except Exception:  # a page pypdf cannot merge stays as an empty, labelled page
            continue
    writer.compress_identical_objects()
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def render_pack(
    pack: Pack, options: RenderOptions | None = None, progress: Progress = NO_PROGRESS
) -> bytes:
    """The session pack as PDF bytes; broken or encrypted annexes are named and skipped.

    ``progress`` hears about each annex checked and each layout pass, and may cancel.
    """
    from dataclasses import replace

    from mipg_desktop.documents.convocation_pdf import session_reference
    from mipg_desktop.documents.page import MARGIN, page_size, top_margin

    options = options or RenderOptions()
    size = page_size(options.page_size)
    copy = options.copy

    def new_layout() -> Layout:
        return Layout(
            control=pack.control,
            title=_("Paquete de la sesión"),
            reference=session_reference(pack.convocation.session),
            copy=copy,
            stamped=True,
        )

    frame = (size[0] - 2 * MARGIN, size[1] - MARGIN - top_margin(new_layout(), size[0]))
    steps = len(pack.attachments) + 4
    prepared = []
    for index, attachment in enumerate(pack.attachments):
        progress.update(index, steps, _("Revisando anexos…"))
        prepared.append(prepare(attachment))
    originals = signed_originals(prepared)
    title = _("Paquete de la sesión — {s}").format(s=session_title(pack.convocation.session))
    options = replace(
        options, subject=options.subject or clean(pack.convocation.session.committee_name)
    )
    pages: dict[str, int] = {}
    pdf = b""
    for layout_pass in range(3):
        progress.update(len(prepared) + layout_pass, steps, _("Diagramando el paquete…"))
        layout = new_layout()
        story, entries = _story(pack, layout, prepared, pages, frame, options.copy)
        pdf = build_pdf(story, layout, options, title)
        found = {text: page for level, text, page in layout.headings if level == 0}
        if all(found.get(t) == p for t, p in entries):
            break
        pages = found
    progress.update(steps - 1, steps, _("Uniendo los anexos…"))
    result = _merge(pdf, layout, prepared)
    meta = archive_meta(title, options, pack.control, _("paquete"))
    result = to_pdfa(result, meta, originals, required=False)  # annexes may not conform
    progress.update(steps, steps)
    return result
