"""Signing an approved acta offline (PAdES): the next signer's field, stored as a new version.

The acta stored at approval carries one empty, named signature field per signer, in
order (who presided, then the technical secretary). Each signature is an incremental
update of the last version, verified before it is kept in ``acta_signatures``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _

if TYPE_CHECKING:
    from mipg_desktop.storage.database import Database

KIND_LABELS = {"digital": "firma digital", "electronica": "firma electrónica"}


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    signer: str  # the certificate's holder ("" for an empty field)
    signed: bool
    intact: bool
    kind: str  # "digital" | "electronica" | "" (empty field)
    signed_at: datetime | None = None
    modified_after: bool = False  # changed after this signature beyond allowed updates
    kind_basis: str = ""  # why digital or electrónica, one Spanish sentence

    @property
    def kind_label(self) -> str:
        return _(KIND_LABELS.get(self.kind, self.kind))


def signature_reports(pdf: bytes) -> list[SignatureReport]:
    """The signature fields of a PDF, in order: the signed ones (intact or not), then the
    empty ones still to sign."""
    from mipg_desktop.signing import pending_fields, signatures_in

    signed = [
        SignatureReport(
            field_name=r.field_name,
            signer=r.signer,
            signed=True,
            intact=r.intact,
            kind=r.kind,
            signed_at=r.signed_at,
            modified_after=r.modified_after,
            kind_basis=r.kind_basis,
        )
        for r in signatures_in(pdf)
    ]
    empty = [
        SignatureReport(field_name=name, signer="", signed=False, intact=False, kind="")
        for name in pending_fields(pdf)
    ]
    return signed + empty


@dataclass(frozen=True)
class SignedActa:
    sequence: int
    field_name: str
    signer: str
    kind: str
    remaining: int  # fields still empty


def next_field(pdf: bytes) -> str | None:
    for report in signature_reports(pdf):
        if not report.signed:
            return report.field_name
    return None


def _words(name: str) -> set[str]:
    from mipg_desktop.text import normalize_key

    return {w for w in normalize_key(name.replace(",", " ")).split() if len(w) > 2}


def expected_signer(db: Database, session_id: int, field_name: str) -> str:
    """Who the acta names for ``field_name`` (``firma_N``: the N-th signer), as approved."""
    from mipg_desktop.committees.acta_record import snapshot_minutes, snapshot_of
    from mipg_desktop.committees.common import unit_of_work

    with unit_of_work(db, write=False) as session:
        snapshot = snapshot_of(session, session_id)
    if snapshot is None or not field_name.startswith("firma_"):
        return ""
    signers = snapshot_minutes(snapshot).signatories
    index = int(field_name.removeprefix("firma_") or 0) - 1
    return signers[index].name if 0 <= index < len(signers) else ""


def check_signer(certificate_name: str, expected: str) -> None:
    """The certificate must be of the person the acta names for this signature (names
    compared without accents, case or order; one of them may hold more words)."""
    have, want = _words(certificate_name), _words(expected)
    if not have or not want or have <= want or want <= have:
        return
    raise ValidationError(
        _(
            "El certificado es de {cert}, pero la firma que sigue es la de {who}. Firme con el "
            "certificado de {who}."
        ).format(cert=certificate_name, who=expected)
    )


def sign_acta(
    db: Database, session_id: int, p12: bytes, password: bytes | None, *, location: str = ""
) -> SignedActa:
    """Add the next signature to an approved acta with a .p12/.pfx certificate."""
    from mipg_desktop.audit import record
    from mipg_desktop.committees import labels
    from mipg_desktop.committees.acta_record import (
        approved_acta,
        latest_pdf,
        sha256_hex,
        signed_versions,
    )
    from mipg_desktop.committees.common import unit_of_work
    from mipg_desktop.committees.readers import get_session_row
    from mipg_desktop.models.records import ActaSignature
    from mipg_desktop.signing import sign_pdf

    if approved_acta(db, session_id) is None:  # also stores an acta approved before 0007
        raise ValidationError(_("Solo se firma un acta aprobada."))
    with unit_of_work(db) as session:
        row = get_session_row(session, session_id)
        current = latest_pdf(session, row.id)
        assert current is not None
        field = next_field(current)
        if field is None:
            raise ValidationError(_("El acta ya tiene todas sus firmas."))
        title = labels.session_title(row.number, row.year)
        signed = sign_pdf(
            current,
            field,
            p12,
            password,
            reason=_("Firma del {title}").format(title=title),
            location=location,
        )
        reports = {r.field_name: r for r in signature_reports(signed)}
        new = reports.get(field)
        if new is None or not new.signed or not new.intact:
            raise ValidationError(_("La firma no se pudo verificar; no se guardó."))
        check_signer(new.signer, expected_signer(db, row.id, field))
        broken = [r for r in reports.values() if r.signed and not r.intact]
        if broken:
            raise ValidationError(_("Firmar alteró una firma anterior; no se guardó."))
        sequence = len(signed_versions(session, row.id)) + 1
        version = ActaSignature(
            session_id=row.id,
            sequence=sequence,
            field_name=field,
            signer_name=new.signer[:300],
            kind=new.kind,
            pdf=signed,
            pdf_sha256=sha256_hex(signed),
        )
        session.add(version)
        session.flush()
        record(
            session,
            db.user_name,
            "sign",
            "committee_sessions",
            row.id,
            title,
            {
                "field": field,
                "signer": new.signer,
                "kind": new.kind,
                "sequence": sequence,
                "pdf_sha256": version.pdf_sha256,
            },
        )
        remaining = sum(1 for r in reports.values() if not r.signed)
        return SignedActa(sequence, field, new.signer, new.kind, remaining)
