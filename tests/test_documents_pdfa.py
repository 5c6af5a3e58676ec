"""PDF/A-2b of the acta, the convocation and the pack: structure, pikepdf's validator, and
Apache PDFBox Preflight (a PDF/A-1b validator) where it applies."""

from __future__ import annotations

import getpass
import io
from pathlib import Path

import pytest
from pdfa_support import NEEDS_PREFLIGHT, PART_IS_2, SOFT_MASK, preflight_codes

from mipg_desktop.documents import samples
from mipg_desktop.documents.convocation_pdf import render_convocation
from mipg_desktop.documents.minutes_pdf import render_minutes
from mipg_desktop.documents.model import RenderOptions
from mipg_desktop.documents.pack_pdf import render_pack
from mipg_desktop.documents.pdfa import ArchiveMeta, claimed_flavour, pdfa_problems, to_pdfa

SECRETARY = "María Fernanda Rojas"
OPTIONS = RenderOptions(author=SECRETARY)


@pytest.fixture(scope="module")
def documents() -> dict[str, bytes]:
    return {
        "acta": render_minutes(samples.minutes(draft=False), OPTIONS),
        "borrador": render_minutes(samples.minutes(draft=True), OPTIONS),
        "citación": render_convocation(samples.convocation(), OPTIONS),
        "paquete": render_pack(samples.pack(), OPTIONS),
    }


def _open(pdf: bytes):  # type: ignore[no-untyped-def]
    import pikepdf

    return pikepdf.open(io.BytesIO(pdf))


@pytest.mark.parametrize("name", ["acta", "borrador", "citación", "paquete"])
def test_every_document_is_pdfa_2b(documents: dict[str, bytes], name: str) -> None:
    pdf = documents[name]
    assert pdfa_problems(pdf) == []
    assert claimed_flavour(pdf) == "2b"
    assert pdf.startswith(b"%PDF-1.7")
    with _open(pdf) as doc:
        assert str(doc.Root.Lang) == "es-CO"
        assert "/ID" in doc.trailer
        intent = doc.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1"
        assert int(intent.DestOutputProfile.N) == 3
        meta = doc.open_metadata()
        info = doc.docinfo
        assert meta["dc:title"] == str(info.Title)
        assert meta["dc:creator"] == [SECRETARY] == [str(info.Author)]
        assert str(info.Subject) == "Alcaldía de San José del Guaviare"
        assert meta["xmp:CreateDate"][:19] == meta["xmp:ModifyDate"][:19]


def test_titles_name_the_document(documents: dict[str, bytes]) -> None:
    with _open(documents["acta"]) as doc:
        assert str(doc.docinfo.Title) == (
            "Acta No. 03 de 2026 — Comité Institucional de Gestión y Desempeño"
        )
    with _open(documents["paquete"]) as doc:
        assert str(doc.docinfo.Title).startswith("Paquete de la sesión")


def test_author_is_never_the_computer_login() -> None:
    pdf = render_minutes(samples.minutes(draft=False))  # no named user: the entity
    with _open(pdf) as doc:
        author = str(doc.docinfo.Author)
    assert author == "Alcaldía de San José del Guaviare"
    assert author != getpass.getuser()


def test_plain_pdf_problems_are_named() -> None:
    problems = pdfa_problems(samples.sample_pdf(1))
    joined = "\n".join(problems)
    assert "pdfaid" in joined
    assert "OutputIntent" in joined
    assert "/Lang" in joined
    assert "1.7" in joined
    assert pdfa_problems(b"no es un pdf") == ["El archivo no es un PDF legible."]


def _times_and_cmyk() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont("Times-Roman", 12)  # a base-14 font, never embedded by reportlab
    canvas.drawString(72, 720, "Informe externo")
    canvas.setFillColorCMYK(0, 1, 1, 0)  # CMYK, against an sRGB OutputIntent
    canvas.rect(100, 100, 100, 100, fill=1)
    canvas.save()
    return buffer.getvalue()


def test_content_that_cannot_conform_is_not_claimed() -> None:
    from pikepdf.pdfa import PdfaError

    meta = ArchiveMeta("Informe", SECRETARY, "Entidad")
    with pytest.raises(PdfaError):
        to_pdfa(_times_and_cmyk(), meta)
    plain = to_pdfa(_times_and_cmyk(), meta, required=False)
    assert claimed_flavour(plain) == ""
    problems = "\n".join(pdfa_problems(plain))
    assert "Fuente no incrustada: Times-Roman" in problems
    assert "DeviceCMYK" in problems


def test_a_pack_with_a_non_conforming_annex_still_renders() -> None:
    from mipg_desktop.documents.model import Attachment

    annex = Attachment("4", "Avance", "externo.pdf", _times_and_cmyk())
    pdf = render_pack(samples.pack((*samples.pack().attachments, annex)), OPTIONS)
    assert claimed_flavour(pdf) == ""  # no PDF/A claim it cannot stand behind
    assert "Fuente no incrustada: Times-Roman" in pdfa_problems(pdf)


@NEEDS_PREFLIGHT
@pytest.mark.slow
def test_preflight_finds_only_what_pdfa2_allows(
    documents: dict[str, bytes], tmp_path: Path
) -> None:
    assert preflight_codes(documents["acta"], tmp_path) == {PART_IS_2}
    assert preflight_codes(documents["citación"], tmp_path) == {PART_IS_2}
    assert preflight_codes(documents["borrador"], tmp_path) == {PART_IS_2, SOFT_MASK}
    assert preflight_codes(documents["paquete"], tmp_path) == {PART_IS_2}


@NEEDS_PREFLIGHT
@pytest.mark.slow
def test_preflight_sees_a_broken_file(tmp_path: Path) -> None:
    """The harness reports real problems: a plain reportlab file fails more than the part."""
    codes = preflight_codes(samples.sample_pdf(1), tmp_path)
    assert codes - {PART_IS_2, SOFT_MASK}
