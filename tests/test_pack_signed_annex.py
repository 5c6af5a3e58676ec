"""A signed PDF as a pack annex: no broken signature in the pack, the original attached
unchanged and still valid, and every copied page saying so."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pdfa_support import NEEDS_PREFLIGHT, PART_IS_2, preflight_codes
from signing_support import PASSWORD, Slot, make_ca, make_p12

from mipg_desktop.documents import inspect, samples
from mipg_desktop.documents.model import Attachment
from mipg_desktop.documents.pack_pdf import render_pack
from mipg_desktop.documents.pdfa import claimed_flavour, pdfa_problems
from mipg_desktop.signing import add_signature_fields, sign_pdf
from mipg_desktop.signing.annex import attached_file, attached_files

ANNEX = "Informe firmado.pdf"
SIGNERS = ("Ana Lucía Torres", "Pedro Nel Ospina")


def _pdfsig(pdf: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def signed_annex() -> bytes:
    ca: tuple[Any, Any] = make_ca()
    pdf = samples.sample_pdf(2, "Informe de control interno")
    slots = [Slot(f"firma_{k}", name, 1, (60 + 260 * k, 80, 300 + 260 * k, 150)) for k, name in
             enumerate(SIGNERS)]  # fmt: skip
    pdf = add_signature_fields(pdf, slots)
    for k, name in enumerate(SIGNERS):
        pdf = sign_pdf(pdf, f"firma_{k}", make_p12(name, ca), PASSWORD, reason="Revisado")
    return pdf


@pytest.fixture(scope="module")
def pack(signed_annex: bytes) -> bytes:
    extra = Attachment(
        "4", "Avance del plan de acción 2026", ANNEX, signed_annex, "Informe firmado"
    )
    return render_pack(samples.pack((*samples.pack().attachments, extra)))


def test_the_annex_itself_is_signed(signed_annex: bytes, tmp_path: Path) -> None:
    assert _pdfsig(signed_annex, tmp_path, "anexo.pdf").count("Signature is Valid.") == 2


def test_pack_carries_no_broken_signature(pack: bytes, tmp_path: Path) -> None:
    report = _pdfsig(pack, tmp_path, "paquete.pdf")
    assert "does not contain any signatures" in report
    assert "Digest Mismatch" not in report


def test_original_is_attached_unchanged_and_still_valid(
    pack: bytes, signed_annex: bytes, tmp_path: Path
) -> None:
    import pikepdf

    original = attached_file(pack, ANNEX)
    assert original == signed_annex
    assert list(attached_files(pack)) == [ANNEX]
    assert _pdfsig(original, tmp_path, "original.pdf").count("Signature is Valid.") == 2
    with pikepdf.open(io.BytesIO(pack)) as doc:
        (spec,) = doc.Root.AF
        assert spec.AFRelationship == "/Source"
        assert spec.EF.F.Subtype == "/application/pdf"


def test_pack_with_an_original_is_pdfa_3b(pack: bytes) -> None:
    assert claimed_flavour(pack) == "3b"
    assert pdfa_problems(pack) == []
    assert claimed_flavour(render_pack(samples.pack())) == "2b"


def test_every_copied_page_says_where_the_signatures_are(pack: bytes) -> None:
    pages = [" ".join(t.split()) for t in inspect.page_texts(pack)]
    copied = [t for t in pages if "Informe de control interno — hoja" in t]
    assert len(copied) == 2
    for text in copied:
        assert "Copia para consulta de un documento con 2 firmas" in text
        for name in SIGNERS:
            assert f"{name}: íntegra al generar el paquete" in text
        assert f"se verifican en el archivo original «{ANNEX}», adjunto sin cambios" in text
    assert "Incluido (2 páginas); copia de un PDF firmado, original adjunto" in " ".join(pages)
    others = [t for t in pages if "Informe de avance — hoja" in t]
    assert others and not any("Copia para consulta" in t for t in others)


def test_a_broken_signed_annex_is_named_as_such(signed_annex: bytes) -> None:
    at = signed_annex.index(b"stream\n", signed_annex.index(b"/Contents")) + 20
    broken = signed_annex[:at] + bytes([signed_annex[at] ^ 1]) + signed_annex[at + 1 :]
    annex = Attachment("4", "Avance del plan de acción 2026", ANNEX, broken, "Informe alterado")
    pack = render_pack(samples.pack((annex,)))
    text = " ".join(" ".join(inspect.page_texts(pack)).split())
    for name in SIGNERS:
        assert f"{name}: NO íntegra al generar el paquete" in text
    assert attached_file(pack, ANNEX) == broken  # attached as it came, to be examined


@NEEDS_PREFLIGHT
@pytest.mark.slow
def test_preflight_on_a_pack_with_an_original(pack: bytes, tmp_path: Path) -> None:
    """Besides the part, Preflight (PDF/A-1b) refuses the attachment PDF/A-3 allows (1.4.7,
    1.2.9) and the /CIDSet PDF/A-1 asks of the copied stamps' fonts (3.1.11)."""
    codes = preflight_codes(pack, tmp_path)
    assert codes <= {PART_IS_2, "1.4.7", "1.2.9", "3.1.11"}
    assert {"1.4.7", "1.2.9"} <= codes  # it did see the attached original
