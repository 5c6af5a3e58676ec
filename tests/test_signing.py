"""Signing an approved acta: fields, two PAdES signatures in order, checks by pyHanko and by
poppler's pdfsig, tampering, digital vs electrónica, and PDF/A kept."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pdfa_support import NEEDS_PREFLIGHT, PART_IS_2, preflight_codes
from signing_support import PASSWORD, Slot, accredited_file, make_ca, make_p12

from mipg_desktop.documents import samples
from mipg_desktop.documents.minutes_pdf import render_minutes
from mipg_desktop.documents.model import RenderOptions
from mipg_desktop.documents.pdfa import claimed_flavour, pdfa_problems
from mipg_desktop.errors import ValidationError
from mipg_desktop.signing import (
    DIGITAL,
    ELECTRONIC,
    add_signature_fields,
    load_accredited,
    pending_fields,
    sign_pdf,
    signatures_in,
)

PRESIDENT = "Juan Carlos Pérez Gómez"
SECRETARY = "María Fernanda Rojas"
REASON = "Aprobación del acta No. 03 de 2026"
CID_SET = "3.1.11"
XMP_NAMESPACES = "7.3"


def pdfsig(pdf: bytes, tmp_path: Path) -> list[dict[str, str]]:
    """pdfsig's report, one dict per signature (``"flags"`` holds the key-less lines)."""
    path = tmp_path / "firmado.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
    signatures: list[dict[str, str]] = []
    for line in done.stdout.splitlines():
        if re.match(r"Signature #\d+:", line):
            signatures.append({"flags": ""})
        elif line.startswith("  - ") and signatures:
            key, sep, value = line[4:].partition(": ")
            if sep:
                signatures[-1][key] = value
            else:
                signatures[-1]["flags"] += key + "\n"
    return signatures


@pytest.fixture(scope="module")
def ca() -> tuple[Any, Any]:
    return make_ca()


@pytest.fixture(scope="module")
def p12s(ca: tuple[Any, Any]) -> dict[str, bytes]:
    return {PRESIDENT: make_p12(PRESIDENT, ca), SECRETARY: make_p12(SECRETARY, ca)}


@pytest.fixture(scope="module")
def prepared() -> bytes:
    acta = render_minutes(samples.minutes(draft=False), RenderOptions(author=SECRETARY))
    from pypdf import PdfReader

    last = len(PdfReader(io.BytesIO(acta)).pages) - 1
    slots = [
        Slot("firma_presidente", "Firma de quien presidió la sesión", last, (60, 60, 290, 130)),
        Slot("firma_secretaria", "Firma de la secretaría técnica", last, (320, 60, 550, 130)),
    ]
    return add_signature_fields(acta, slots)


@pytest.fixture(scope="module")
def signed(prepared: bytes, p12s: dict[str, bytes]) -> bytes:
    once = sign_pdf(
        prepared, "firma_presidente", p12s[PRESIDENT], PASSWORD, reason=REASON,
        location="San José del Guaviare", signer_label="Presidente de la sesión",
    )  # fmt: skip
    return sign_pdf(
        once, "firma_secretaria", p12s[SECRETARY], PASSWORD, reason=REASON,
        signer_label="Secretaría técnica",
    )  # fmt: skip


def test_fields_are_named_visible_and_keep_pdfa(prepared: bytes) -> None:
    import pikepdf

    assert pending_fields(prepared) == ["firma_presidente", "firma_secretaria"]
    assert pdfa_problems(prepared) == []
    with pikepdf.open(io.BytesIO(prepared)) as doc:
        fields = doc.Root.AcroForm.Fields
        assert [str(f.TU) for f in fields] == [
            "Firma de quien presidió la sesión",
            "Firma de la secretaría técnica",
        ]
        for field in fields:
            assert int(field.F) & 4  # printed
            assert "/N" in field.AP


def test_bad_slots_are_refused(prepared: bytes) -> None:
    with pytest.raises(ValidationError, match="repetido"):
        add_signature_fields(prepared, [Slot("firma_presidente", "x", 0, (0, 0, 100, 50))])
    with pytest.raises(ValidationError, match="página 40"):
        add_signature_fields(prepared, [Slot("otra", "x", 39, (0, 0, 100, 50))])


def test_two_signatures_in_order_valid_for_pyhanko(signed: bytes) -> None:
    reports = signatures_in(signed)
    assert [r.field_name for r in reports] == ["firma_presidente", "firma_secretaria"]
    assert [r.signer for r in reports] == [PRESIDENT, SECRETARY]
    assert all(r.intact and not r.modified_after for r in reports)
    assert all(r.kind == ELECTRONIC for r in reports)  # the test CA is not accredited
    assert reports[0].kind_label == "Firma electrónica"
    assert all(r.issuer == "CA de pruebas MIPG" for r in reports)
    assert all(r.signed_at is not None for r in reports)
    assert [r.covers_whole_file for r in reports] == [False, True]
    assert pending_fields(signed) == []


def test_two_signatures_valid_for_pdfsig(signed: bytes, tmp_path: Path) -> None:
    found = pdfsig(signed, tmp_path)
    assert [s["Signature Field Name"] for s in found] == ["firma_presidente", "firma_secretaria"]
    assert [s["Signer Certificate Common Name"] for s in found] == [PRESIDENT, SECRETARY]
    assert all(s["Signature Validation"] == "Signature is Valid." for s in found)
    assert all(s["Signature Type"] == "ETSI.CAdES.detached" for s in found)
    assert "Total document signed" in found[1]["flags"]


def test_signed_file_stays_pdfa_with_embedded_stamp_font(signed: bytes) -> None:
    assert claimed_flavour(signed) == "2b"
    assert pdfa_problems(signed) == []
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=signed, capture_output=True, check=True
    ).stdout.decode()
    flat = " ".join(text.split())
    assert f"Firma electrónica {PRESIDENT} Presidente de la sesión Fecha:" in flat
    assert f"Firma electrónica {SECRETARY} Secretaría técnica Fecha:" in flat
    fonts = subprocess.run(
        ["pdffonts", "-"], input=signed, capture_output=True, check=True
    ).stdout.decode()
    rows = fonts.splitlines()[2:]
    assert any("DejaVuSans" in row and "CID TrueType" in row for row in rows)
    assert all(row.split()[-5] == "yes" for row in rows)  # the «emb» column


def _tampered(signed: bytes) -> bytes:
    """One byte changed inside the first revision's first content stream."""
    at = signed.index(b"stream\n", signed.index(b"/Contents")) + 20
    return signed[:at] + bytes([signed[at] ^ 0x01]) + signed[at + 1 :]


def test_one_changed_byte_is_reported(signed: bytes, tmp_path: Path) -> None:
    tampered = _tampered(signed)
    reports = signatures_in(tampered)
    assert [r.intact for r in reports] == [False, False]
    assert not any(r.ok for r in reports)
    found = pdfsig(tampered, tmp_path)
    assert all(s["Signature Validation"] == "Digest Mismatch." for s in found)


def test_wrong_password_and_not_a_p12(prepared: bytes, p12s: dict[str, bytes]) -> None:
    with pytest.raises(ValidationError, match="contraseña") as wrong:
        sign_pdf(prepared, "firma_presidente", p12s[PRESIDENT], b"otra", reason=REASON)
    assert "\n" not in str(wrong.value)
    with pytest.raises(ValidationError, match=r"no es un \.p12"):
        sign_pdf(prepared, "firma_presidente", b"%PDF-1.7 no soy un p12", None, reason=REASON)


def test_signing_a_missing_or_signed_field_is_refused(
    signed: bytes, p12s: dict[str, bytes]
) -> None:
    with pytest.raises(ValidationError, match="campo de firma vacío"):
        sign_pdf(signed, "firma_presidente", p12s[PRESIDENT], PASSWORD, reason=REASON)
    with pytest.raises(ValidationError, match="campo de firma vacío"):
        sign_pdf(signed, "no_existe", p12s[PRESIDENT], PASSWORD, reason=REASON)


def test_accredited_ca_makes_a_firma_digital(
    prepared: bytes, ca: tuple[Any, Any], p12s: dict[str, bytes], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("MIPG_ECD_FILE", str(accredited_file(tmp_path, ca[1])))
    signed = sign_pdf(prepared, "firma_presidente", p12s[PRESIDENT], PASSWORD, reason=REASON)
    (report,) = signatures_in(signed)
    assert report.kind == DIGITAL
    assert report.kind_label == "Firma digital"
    assert "ECD de pruebas" in report.kind_basis
    text = subprocess.run(["pdftotext", "-", "-"], input=signed, capture_output=True).stdout
    assert "Firma digital" in text.decode()
    monkeypatch.delenv("MIPG_ECD_FILE")
    (shipped,) = signatures_in(signed)  # the shipped list does not accredit the test CA
    assert shipped.kind == ELECTRONIC


def test_a_forged_ca_with_the_accredited_name_is_electronica(
    prepared: bytes, ca: tuple[Any, Any], tmp_path: Path
) -> None:
    forged = make_ca()  # same name as the accredited CA, another key
    accredited = load_accredited(accredited_file(tmp_path, ca[1]))
    p12 = make_p12(PRESIDENT, forged)
    signed = sign_pdf(
        prepared, "firma_presidente", p12, PASSWORD, reason=REASON, accredited=accredited
    )
    (report,) = signatures_in(signed, accredited)
    assert report.intact
    assert report.kind == ELECTRONIC
    assert "dice venir de ECD de pruebas" in report.kind_basis


def test_qc_compliance_required_by_the_list(ca: tuple[Any, Any], tmp_path: Path) -> None:
    import json
    from datetime import UTC, datetime

    from asn1crypto import x509 as asn1

    from mipg_desktop.signing.accredited import classify, qc_compliant

    path = accredited_file(tmp_path, ca[1])
    data = json.loads(path.read_text(encoding="utf-8"))
    data["require_qc_compliance"] = True
    path.write_text(json.dumps(data), encoding="utf-8")
    accredited = load_accredited(path)
    plain = _leaf(make_p12("Sin QC", ca))
    qualified = _leaf(make_p12("Con QC", ca, qc=True))
    assert not qc_compliant(plain) and qc_compliant(qualified)
    now = datetime.now(UTC)
    assert classify(plain, [], now, accredited).kind == ELECTRONIC
    assert classify(qualified, [], now, accredited).kind == DIGITAL
    assert isinstance(qualified, asn1.Certificate)


def _leaf(p12: bytes) -> Any:
    from asn1crypto import x509 as asn1
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    _key, cert, _others = pkcs12.load_key_and_certificates(p12, PASSWORD)
    assert cert is not None
    return asn1.Certificate.load(cert.public_bytes(Encoding.DER))


@NEEDS_PREFLIGHT
@pytest.mark.slow
def test_preflight_on_the_signed_acta(signed: bytes, tmp_path: Path) -> None:
    """PDF/A-1b rules Preflight applies that PDF/A-2b relaxes, and nothing else.

    3.1.11: PDF/A-1 asks a /CIDSet for subset CID fonts (the stamp's); PDF/A-2 does not.
    7.3: PDFBox's XMP reader does not accept the Dublin Core namespace declared on each
    element, as pyHanko's XMP update writes it (valid RDF/XML; pikepdf's validator reads it,
    see test_signed_file_stays_pdfa_with_embedded_stamp_font).
    """
    codes = preflight_codes(signed, tmp_path)
    assert codes <= {PART_IS_2, CID_SET, XMP_NAMESPACES}
    assert CID_SET in codes  # the harness did look at the stamp fonts


def test_a_legacy_windows_pfx_signs(prepared: bytes, ca: tuple[Any, Any]) -> None:
    """Exported .pfx files often use 3DES and SHA-1 (PBES1), not AES."""
    from cryptography.hazmat.primitives.serialization import PrivateFormat, pkcs12

    modern = make_p12("Firmante heredado", ca)
    key, cert, others = pkcs12.load_key_and_certificates(modern, PASSWORD)
    legacy = (
        PrivateFormat.PKCS12.encryption_builder()
        .key_cert_algorithm(pkcs12.PBES.PBESv1SHA1And3KeyTripleDESCBC)
        .build(PASSWORD)
    )
    pfx = pkcs12.serialize_key_and_certificates(b"x", key, cert, others, legacy)  # type: ignore[arg-type]
    (report,) = signatures_in(sign_pdf(prepared, "firma_presidente", pfx, PASSWORD, reason=REASON))
    assert report.intact and report.signer == "Firmante heredado"


def test_unsigned_and_unreadable_files() -> None:
    assert signatures_in(samples.sample_pdf(1)) == []
    assert pending_fields(samples.sample_pdf(1)) == []
    with pytest.raises(ValidationError, match="no es un PDF"):
        signatures_in(b"esto no es un PDF")


def test_stamp_font_widths_match_the_embedded_font(signed: bytes) -> None:
    """Glyph widths in /W agree with the font program, in thousandths of an em (PDF/A
    6.2.11.5). pyHanko alone writes DejaVu's own units (2048 per em): letters spread apart."""
    import pikepdf
    from fontTools.ttLib import TTFont

    checked = 0
    with pikepdf.open(io.BytesIO(signed)) as doc:
        for obj in doc.objects:
            if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Subtype") != "/CIDFontType2":
                continue
            font = TTFont(io.BytesIO(obj.FontDescriptor.FontFile2.read_bytes()))
            em = font["head"].unitsPerEm
            order = font.getGlyphOrder()
            widths = list(obj.W)
            for at in range(0, len(widths), 2):
                first, run = int(widths[at]), widths[at + 1]
                for k, width in enumerate(run):
                    advance = font["hmtx"][order[first + k]][0]
                    assert abs(float(width) - advance * 1000 / em) <= 1
                    checked += 1
    assert checked > 20
