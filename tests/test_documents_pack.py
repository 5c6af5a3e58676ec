"""The session pack: contents with right page numbers, bookmarks, stamped and merged annexes."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest

from mipg_desktop.documents import inspect, samples
from mipg_desktop.documents.model import Attachment
from mipg_desktop.documents.pack_pdf import render_pack


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(samples.sample_pdf(2, "Secreto")))
    writer.encrypt(user_password="clave", owner_password="dueño", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def rotated_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(samples.sample_pdf(1, "Girada")))
    writer.pages[0].rotate(90)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def pack_pdf() -> bytes:
    item3 = "Seguimiento de compromisos"
    attachments = (
        Attachment("3", item3, "dañado.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage"),
        Attachment("3", item3, "cifrado.pdf", encrypted_pdf()),
        Attachment("3", item3, "girada.pdf", rotated_pdf()),
        Attachment("3", item3, "foto rota.jpg", b"\xff\xd8\xff\xe0 not a jpeg"),
        *samples.pack().attachments,
    )
    return render_pack(samples.pack(attachments))


def test_sections_in_order_on_numbered_pages(pack_pdf: bytes) -> None:
    pages = [flat(t) for t in inspect.page_texts(pack_pdf)]
    text = " ".join(pages)
    order = [
        "PAQUETE DE LA SESIÓN",
        "Contenido",
        "CONVOCATORIA Y ORDEN DEL DÍA",
        "Acta anterior para aprobación: Acta No. 03 de 2026",
        "ACTA No. 03 de 2026",
        "Estado de los compromisos",
        "Vencidos (1)",
        "Publicar el plan anticorrupción",
        "Abiertos y en curso (1)",
        "Cumplidos desde la última sesión (1)",
        "Avance de los planes",
        "Plan de acción institucional 2026",
        "Anexos del Punto 3. Seguimiento de compromisos",
        "Anexos del Punto 4. Avance del plan de acción 2026",
        "Informe de avance — hoja 1",
        "Informe de avance — hoja 3",
        "Anexos del Punto 5. Resultados FURAG 2025",
        "Resultados.xlsx",
    ]
    position = -1
    for part in order:
        found = text.find(part, position + 1)
        assert found > position, part
        position = found
    for number, page in enumerate(pages, 1):
        assert f"Página {number} de {len(pages)}" in page


def test_contents_page_numbers_match_where_sections_start(pack_pdf: bytes) -> None:
    pages = [flat(t) for t in inspect.page_texts(pack_pdf)]
    contents = pages[1]
    titles = [t for level, t, _p in inspect.bookmarks(pack_pdf) if level == 0][1:]
    assert len(titles) == 7
    for title in titles:
        match = re.search(re.escape(title) + r" (\d+)", contents)
        assert match, title
        page = int(match.group(1))
        assert title in pages[page - 1], (title, page)
        assert title not in " ".join(pages[2 : page - 1]), (title, page)


def test_bookmarks_point_at_their_pages(pack_pdf: bytes) -> None:
    marks = inspect.bookmarks(pack_pdf)
    top = [title for level, title, _page in marks if level == 0]
    assert top[:3] == [
        "Contenido",
        "Convocatoria y orden del día",
        "Acta anterior para aprobación: Acta No. 03 de 2026",
    ]
    assert "Anexos del Punto 4. Avance del plan de acción 2026" in top
    pages = [flat(t) for t in inspect.page_texts(pack_pdf)]
    for _level, title, page in marks:
        assert title[:25] in pages[page - 1], title
    informe = next(p for _l, t, p in marks if t == "Punto 4: Informe de avance.pdf")
    assert "Informe de avance — hoja 1" in pages[informe - 1]


def test_broken_and_encrypted_annexes_named_and_skipped(pack_pdf: bytes) -> None:
    text = flat(" ".join(inspect.page_texts(pack_pdf)))
    assert "dañado.pdf" in text and "Omitido: el archivo PDF está dañado" in text
    assert "cifrado.pdf" in text and "Omitido: el PDF está cifrado o protegido" in text
    assert "foto rota.jpg" in text and "Omitido: la imagen está dañada" in text
    assert "Secreto — hoja" not in text
    assert "Girada — hoja 1" in text
    assert "Se lista; no se incorpora" in text  # the spreadsheet


def test_every_annex_page_is_stamped_with_its_item(pack_pdf: bytes) -> None:
    pages = [flat(t) for t in inspect.page_texts(pack_pdf)]
    merged = [p for p in pages if "Informe de avance — hoja" in p]
    assert len(merged) == 3
    for k, page in enumerate(merged, 1):
        stamp = f"Punto 4: Informe de avance.pdf · página {k} de 3 · Avance del plan"
        assert stamp in page
    image_page = next(p for p in pages if "Punto 4: Gráfica.png ·" in p)
    assert "Punto 4: Gráfica.png · Avance del plan de acción 2026" in image_page


def test_pack_fonts_embedded_and_metadata(pack_pdf: bytes) -> None:
    fonts = inspect.fonts(pack_pdf)
    assert fonts and all(fonts.values()), fonts
    meta = inspect.metadata(pack_pdf)
    assert meta["/Title"] == "Paquete de la sesión — Sesión ordinaria No. 03 de 2026"


def test_pack_without_previous_acta_or_plans() -> None:
    pack = dataclasses.replace(samples.pack(attachments=()), previous_minutes=None, plans=())
    text = flat(" ".join(inspect.page_texts(render_pack(pack))))
    assert "Acta anterior" not in text and "Avance de los planes" not in text
    assert "Estado de los compromisos" in text


def helvetica_pdf() -> bytes:
    """An annex the way many generators write it: standard Helvetica, not embedded."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(72, 760, "Gestión documental: año 2026")
    canvas.setFont("Helvetica", 11)
    canvas.drawString(72, 740, "Información pública, ñandú, ¿preguntas?")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_helvetica_annex_gets_an_embedded_font() -> None:
    annex = helvetica_pdf()
    assert not all(inspect.fonts(annex).values())  # the annex alone is not self-contained
    attachment = Attachment("4", "Avance del plan", "helvetica.pdf", annex)
    pdf = render_pack(dataclasses.replace(samples.pack((attachment,)), previous_minutes=None))
    fonts = inspect.fonts(pdf)
    assert all(fonts.values()), fonts
    assert "/LiberationSans-Bold" in fonts and "/LiberationSans" in fonts
    text = flat(" ".join(inspect.page_texts(pdf)))
    assert "Gestión documental: año 2026" in text
    assert "Información pública, ñandú, ¿preguntas?" in text


def test_pack_reports_progress_and_can_be_cancelled() -> None:
    from mipg_desktop.errors import Cancelled
    from mipg_desktop.progress import Progress

    seen: list[tuple[int, int]] = []

    class Recorder(Progress):
        def on_update(self) -> None:
            seen.append((self.done, self.total))

    render_pack(samples.pack(), progress=Recorder())
    assert seen[0] == (0, 7) and seen[-1] == (7, 7)

    class Canceller(Progress):
        def on_update(self) -> None:
            if self.done == 2:
                self.cancel()

    with pytest.raises(Cancelled):
        render_pack(samples.pack(), progress=Canceller())
