"""Signing an approved acta offline: one field per signer, in order, each kept and verified.

Certificates are made here with ``cryptography`` (tests/signing_support.py); pdfsig
(poppler-utils) checks the result as an outside reader would.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ON_POSTGRES
from signing_support import PASSWORD, make_ca, make_p12
from sqlalchemy import text
from test_acta_record import _drop_guard, _sql

from mipg_desktop.cli import main
from mipg_desktop.committees.acta_signing import sign_acta, signature_reports
from mipg_desktop.committees.acta_verify import identify_pdf, verify_database, verify_session
from mipg_desktop.committees.views import get_session_detail
from mipg_desktop.documents.output import document_bytes
from mipg_desktop.errors import ValidationError
from mipg_desktop.storage.database import Database


def _signers(db: Database, sid: int) -> list[str]:
    return [s.name for s in get_session_detail(db, sid).signers]


@pytest.fixture(scope="module")
def ca() -> tuple[object, object]:
    return make_ca()


def test_signed_in_order_each_version_kept_and_valid_for_pdfsig(
    db: Database,
    approved: int,
    ca: tuple[object, object],
    tmp_path: Path,
) -> None:
    first, second = _signers(db, approved)
    original = document_bytes(db, "minutes", approved).data
    assert [r.field_name for r in signature_reports(original)] == ["firma_1", "firma_2"]
    assert not any(r.signed for r in signature_reports(original))
    with pytest.raises(ValidationError, match="la firma que sigue es la de"):
        sign_acta(db, approved, make_p12(second, ca), PASSWORD)  # the secretary first: no
    one = sign_acta(db, approved, make_p12(first, ca), PASSWORD)
    assert (one.sequence, one.field_name, one.remaining, one.kind) == (
        1,
        "firma_1",
        1,
        "electronica",
    )
    two = sign_acta(db, approved, make_p12(second, ca), PASSWORD)
    assert (two.sequence, two.field_name, two.remaining) == (2, "firma_2", 0)
    with pytest.raises(ValidationError, match="todas sus firmas"):
        sign_acta(db, approved, make_p12(second, ca), PASSWORD)
    signed = document_bytes(db, "minutes", approved).data
    assert signed.startswith(original)  # incremental: the approved bytes are untouched
    reports = signature_reports(signed)
    assert [(r.signer, r.signed, r.intact) for r in reports] == [
        (first, True, True),
        (second, True, True),
    ]
    check = verify_session(db, approved)
    assert check.problems == () and check.signatures == 2
    identity = identify_pdf(db, signed)
    assert identity.session_id == approved and "firmada n.º 2" in identity.version
    if shutil.which("pdfsig"):
        path = tmp_path / "firmada.pdf"
        path.write_bytes(signed)
        out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
        assert out.count("Signature is Valid") == 2
        assert "firma_1" in out and "firma_2" in out


def test_a_wrong_password_is_one_spanish_line_and_nothing_is_stored(
    db: Database,
    approved: int,
    ca: tuple[object, object],
) -> None:
    first = _signers(db, approved)[0]
    with pytest.raises(ValidationError) as refused:
        sign_acta(db, approved, make_p12(first, ca), b"otra clave")
    assert "\n" not in str(refused.value) and "contraseña" in str(refused.value)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM acta_signatures")).scalar() == 0


def test_signed_versions_are_append_only_and_their_tampering_is_found(
    db: Database,
    approved: int,
    ca: tuple[object, object],
) -> None:
    sign_acta(db, approved, make_p12(_signers(db, approved)[0], ca), PASSWORD)
    for statement in (
        "UPDATE acta_signatures SET signer_name = 'x'",
        "DELETE FROM acta_signatures",
    ):
        with pytest.raises(Exception, match="solo lectura"):
            _sql(db, statement)
    _drop_guard(
        db, "trg_acta_signatures_no_upd", "trg_acta_signatures_append_only", "acta_signatures"
    )
    forged = "'\\x255044462d'::bytea" if ON_POSTGRES else "X'255044462D'"
    _sql(db, f"UPDATE acta_signatures SET pdf = {forged}")
    lines = verify_database(db).lines()
    assert any("versión firmada n.º 1 fue alterada" in line for line in lines)


def test_mipg_sign_and_verify_from_the_command_line(
    db: Database,
    approved: int,
    ca: tuple[object, object],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    p12 = tmp_path / "presidencia.p12"
    p12.write_bytes(make_p12(_signers(db, approved)[0], ca))
    secret = tmp_path / "clave.txt"
    secret.write_bytes(PASSWORD + b"\n")
    assert (
        main(
            [
                "--db",
                db.url,
                "sign",
                str(approved),
                "--p12",
                str(p12),
                "--password-file",
                str(secret),
            ]
        )
        == 0
    )
    assert "firma 1; quedan 1" in capsys.readouterr().out
    pdf = tmp_path / "acta.pdf"
    assert main(["--db", db.url, "render", "minutes", str(approved), "-o", str(pdf)]) == 0
    capsys.readouterr()
    assert main(["--db", db.url, "verify", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert "versión firmada n.º 1" in out
    assert "Firma 1:" in out and "íntegra" in out and "firma electrónica" in out
    assert "Campo de firma 2 (firma_2): sin firmar." in out
    data = bytearray(pdf.read_bytes())
    data[len(data) // 3] ^= 0x01  # one byte inside the signed range
    pdf.write_bytes(bytes(data))
    assert main(["--db", db.url, "verify", str(pdf)]) == 1
    assert "NO íntegra" in capsys.readouterr().out
