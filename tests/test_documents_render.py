"""Convocation and minutes: what a reader finds in the extracted text of each page."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest

from mipg_desktop.documents import inspect, samples
from mipg_desktop.documents.convocation_pdf import render_convocation
from mipg_desktop.documents.minutes_pdf import render_minutes
from mipg_desktop.documents.model import RenderOptions
from mipg_desktop.errors import ValidationError


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def joined(pdf: bytes) -> str:
    return flat(" ".join(inspect.page_texts(pdf)))


def in_order(text: str, parts: list[str]) -> None:
    position = -1
    for part in parts:
        found = text.find(part, position + 1)
        assert found > position, f"{part!r} missing or out of order"
        position = found


def assert_every_page_numbered(pdf: bytes) -> None:
    pages = inspect.page_texts(pdf)
    for number, text in enumerate(pages, 1):
        assert f"Página {number} de {len(pages)}" in flat(text), number


def assert_fonts_embedded(pdf: bytes) -> None:
    fonts = inspect.fonts(pdf)
    assert fonts, "no fonts found"
    assert all(fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts)


@pytest.fixture(scope="module")
def draft_pdf() -> bytes:
    return render_minutes(samples.minutes(draft=True))


def test_minutes_sections_in_gtc185_order(draft_pdf: bytes) -> None:
    text = joined(draft_pdf)
    in_order(
        text,
        [
            "ACTA No. 03 de 2026",
            "Comité Institucional de Gestión y Desempeño",
            "Sesión ordinaria No. 03 de 2026",
            "21 de noviembre de 2026",
            "9:00 a. m.",
            "11:30 a. m.",
            "Sala de juntas del despacho, piso 2",
            "Asistentes",
            "Invitados",
            "Ausentes",
            "Verificación del quórum",
            "hubo quórum para deliberar",
            "Orden del día",
            "Desarrollo de la sesión",
            "Decisiones",
            "Compromisos",
            "Próxima reunión",
            "20 de febrero de 2027",
            "Firmas",
            "Elaboró",
            "Anexos",
        ],
    )
    assert not re.search(r"\b[1-9]\. (Asistentes|Desarrollo de la|Decisiones|Firmas|Anexos)", text)


def test_minutes_names_votes_and_commitments(draft_pdf: bytes) -> None:
    text = joined(draft_pdf)
    assert "en representación de Secretario de Hacienda" in text
    in_order(text, ["Invitados", "Luisa Fernanda Díaz", "Jorge Iván Castro", "Ausentes"])
    in_order(text, ["Ausentes", "Pedro Nel Ruiz", "Con excusa: Comisión", "Ana Lucía Mora"])
    assert "Votación: 3 a favor, 1 en contra, 0 abstenciones. Resultado: Aprobada." in text
    in_order(text, ["Compromisos", "No.", "Compromiso", "Responsable", "Fecha límite"])
    in_order(text, ["Ajustar el cronograma del plan", "Oficina de Planeación", "15/12/2026"])
    in_order(text, ["Firmas", "Juan Carlos Pérez Gómez", "Presidente", "María Fernanda Rojas"])
    # the deliberation markup became formatting, not asterisks
    assert "avance del plan de acción con corte" in text
    assert "**" not in text


def test_draft_is_marked_on_every_page(draft_pdf: bytes) -> None:
    for text in inspect.page_texts(draft_pdf):
        assert "BORRADOR" in text
    approved = render_minutes(samples.minutes(draft=False))
    text = joined(approved)
    assert "BORRADOR" not in text
    in_order(text, ["Aprobación del acta", "20 de febrero de 2027", "Huella SHA-256", "ab" * 32])


def test_control_block_and_legend_on_every_page(draft_pdf: bytes) -> None:
    assert_every_page_numbered(draft_pdf)
    copy = render_minutes(samples.minutes(draft=True), RenderOptions(copy=True))
    for text, copy_text in zip(
        inspect.page_texts(draft_pdf), inspect.page_texts(copy), strict=True
    ):
        flat_text = flat(text)
        for expected in (
            "Alcaldía de San José del Guaviare",
            "Código: DE-F-07",
            "Versión: 3",
            "Vigencia: 15 de enero de 2026",
            "Elaboró: María Fernanda Rojas",
        ):
            assert expected in flat_text
        assert "Copia no controlada" not in flat_text  # the original, for signature
        assert "Copia no controlada" in flat(copy_text)


def test_fonts_embedded_and_metadata(draft_pdf: bytes) -> None:
    assert_fonts_embedded(draft_pdf)
    meta = inspect.metadata(draft_pdf)
    assert meta["/Title"].startswith("Acta No. 03 de 2026")
    assert meta["/Author"] == "Alcaldía de San José del Guaviare"
    assert meta["/Subject"] == "Alcaldía de San José del Guaviare"  # the entity (issue 11)
    assert "Comité Institucional de Gestión y Desempeño" in meta["/Keywords"]


def test_convocation_reads_as_a_notice() -> None:
    pdf = render_convocation(samples.convocation())
    text = joined(pdf)
    in_order(
        text,
        [
            "CONVOCATORIA Y ORDEN DEL DÍA",
            "13 de noviembre de 2026",
            "convoca a sus integrantes",
            "sábado, 21 de noviembre de 2026",
            "9:00 a. m. a 11:30 a. m.",
            "https://meet.example.gov.co/cigd-03",
            "Orden del día",
            "1 Verificación del quórum",
            "4 Avance del plan de acción 2026 Jefe de Planeación 9:35 a. m. (40 min)",
            "6 Proposiciones y varios",
            "Documentos de soporte",
            "Punto 4: Informe de avance.pdf",
            "Convocados",
            "Cordialmente",
            "María Fernanda Rojas",
            "Secretaría técnica",
        ],
    )
    assert_every_page_numbered(pdf)
    assert_fonts_embedded(pdf)
    assert "BORRADOR" not in text


@pytest.mark.parametrize(
    ("paper", "size"), [("letter", (612, 792)), ("a4", (595, 842)), ("oficio", (612, 935))]
)
def test_paper_sizes(paper: str, size: tuple[int, int]) -> None:
    from pypdf import PdfReader

    pdf = render_convocation(samples.convocation(), RenderOptions(page_size=paper))
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def test_unknown_paper_is_refused() -> None:
    with pytest.raises(ValidationError):
        render_convocation(samples.convocation(), RenderOptions(page_size="tabloide"))


def test_logo_is_drawn_and_a_broken_logo_is_ignored() -> None:
    good = dataclasses.replace(samples.control(), logo=samples.sample_png())
    doc = dataclasses.replace(samples.convocation(), control=good)
    from pypdf import PdfReader

    pdf = render_convocation(doc)
    resources = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]
    assert "/XObject" in resources
    broken = dataclasses.replace(samples.control(), logo=b"\x89PNG not really")
    pdf = render_convocation(dataclasses.replace(doc, control=broken))
    assert "CONVOCATORIA" in joined(pdf)


def test_agenda_times_follow_the_durations() -> None:
    from datetime import time

    from mipg_desktop.documents.convocation_pdf import agenda_times
    from mipg_desktop.documents.model import AgendaEntry

    entries = [
        AgendaEntry("1", "Quórum", duration_minutes=10),
        AgendaEntry("2", "Compromisos", duration_minutes=30),
        AgendaEntry("2.1", "Compromiso 1", duration_minutes=5),
        AgendaEntry("3", "Varios"),
        AgendaEntry("4", "Cierre", start_time=time(11, 0)),
    ]
    assert agenda_times(entries, time(23, 50)) == [time(23, 50), None, None, None, time(11, 0)]
    assert agenda_times(entries, time(9, 0)) == [
        time(9, 0),
        time(9, 10),
        None,
        time(9, 40),
        time(11, 0),
    ]
    assert agenda_times(entries, None) == [None, None, None, None, time(11, 0)]


def test_a_long_agenda_repeats_its_header_once_per_page_and_nowhere_else() -> None:
    from mipg_desktop.documents.model import AgendaEntry

    entries = tuple(
        AgendaEntry(
            str(n),
            "Seguimiento a la política de gestión documental y al plan institucional de "
            "archivos, con las tablas de retención y el programa de gestión documental"
            * (3 if n % 5 == 4 else 1),
            presenter="Oficina Asesora de Planeación",
            duration_minutes=10,
        )
        for n in range(1, 60)
    )
    pdf = render_convocation(dataclasses.replace(samples.convocation(), agenda=entries))
    pages = inspect.page_texts(pdf)
    agenda_pages = [t for t in pages if "Seguimiento a la política" in t]
    assert len(agenda_pages) >= 3
    for text in agenda_pages:  # reportlab's in-row split left a stray header at page foot
        assert text.count("Hora / duración") == 1
