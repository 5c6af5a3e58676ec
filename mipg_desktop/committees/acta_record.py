"""The approved acta as a record: stored at approval as printed, then only ever read.

Approval renders the acta once and keeps its PDF bytes and a snapshot of all it shows
(:mod:`mipg_desktop.documents.snapshot`) in ``approved_actas``; every later print of an
approved acta is those bytes (or its latest signed version, ``acta_signatures``),
whatever changes elsewhere. The database refuses changes to both tables
(:mod:`mipg_desktop.storage.freeze_guards`); :mod:`.acta_verify` re-checks them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.documents.model import Minutes
    from mipg_desktop.models.records import ActaSignature, ApprovedActa
    from mipg_desktop.models.sessions import CommitteeSession
    from mipg_desktop.storage.database import Database

SNAPSHOT_FORMAT = 1


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def render_for_record(minutes: Minutes, paper: str, author: str) -> bytes:
    """The acta as the original for signature: PDF with one empty signature field a signer."""
    from mipg_desktop.documents import minutes_pdf
    from mipg_desktop.documents.model import RenderOptions

    options = RenderOptions(page_size=paper, author=author)
    pdf, slots = minutes_pdf.render_minutes_with_slots(minutes, options)
    if not slots:
        return pdf
    from mipg_desktop.signing.fields import add_signature_fields

    return add_signature_fields(pdf, slots)


def freeze(
    session: Session, db: Database, row: CommitteeSession, paper: str = "letter"
) -> ApprovedActa:
    """Store the approved acta (``row`` already approved, in this transaction)."""
    from mipg_desktop.committees.approval import approved_content
    from mipg_desktop.committees.session_detail import read_session_detail
    from mipg_desktop.documents import from_session
    from mipg_desktop.documents.snapshot import canonical_json, sha256_of, to_plain
    from mipg_desktop.models.records import ApprovedActa

    minutes = from_session.load_minutes(db, row.id)
    pdf = render_for_record(minutes, paper, db.user_name)
    snapshot = canonical_json(
        {
            "format": SNAPSHOT_FORMAT,
            "paper": paper,
            "minutes": to_plain(minutes),
            "content": approved_content(read_session_detail(session, row.id)),
        }
    )
    record = ApprovedActa(
        session_id=row.id,
        approved_at=row.approved_at,
        pdf=pdf,
        pdf_sha256=sha256_hex(pdf),
        snapshot=snapshot,
        snapshot_sha256=sha256_of(snapshot),
        content_sha256=row.approved_sha256,
    )
    session.add(record)
    session.flush()
    return record


def freeze_recorded(session: Session, db: Database, row: CommitteeSession) -> ApprovedActa:
    """:func:`freeze` an acta approved without it (before schema 0007, or the demo), audited."""
    from mipg_desktop.audit import record
    from mipg_desktop.committees import labels

    stored = freeze(session, db, row)
    record(
        session,
        db.user_name,
        "freeze",
        "committee_sessions",
        row.id,
        labels.session_title(row.number, row.year),
        {"pdf_sha256": stored.pdf_sha256, "snapshot_sha256": stored.snapshot_sha256},
    )
    return stored


def latest_pdf(session: Session, session_id: int) -> bytes | None:
    """The approved acta's bytes as they stand: its last signed version, else as approved."""
    from sqlalchemy import select

    from mipg_desktop.models.records import ActaSignature, ApprovedActa

    signed = session.scalar(
        select(ActaSignature.pdf)
        .where(ActaSignature.session_id == session_id)
        .order_by(ActaSignature.sequence.desc())
        .limit(1)
    )
    if signed is not None:
        return bytes(signed)
    original = session.scalar(select(ApprovedActa.pdf).where(ApprovedActa.session_id == session_id))
    return bytes(original) if original is not None else None


def signed_versions(session: Session, session_id: int) -> list[ActaSignature]:
    from sqlalchemy import select

    from mipg_desktop.models.records import ActaSignature

    return list(
        session.scalars(
            select(ActaSignature)
            .where(ActaSignature.session_id == session_id)
            .order_by(ActaSignature.sequence)
        )
    )


def snapshot_of(session: Session, session_id: int) -> dict[str, Any] | None:
    from sqlalchemy import select

    from mipg_desktop.models.records import ApprovedActa

    text = session.scalar(
        select(ApprovedActa.snapshot).where(ApprovedActa.session_id == session_id)
    )
    return json.loads(text) if text else None


def snapshot_minutes(snapshot: dict[str, Any]) -> Minutes:
    from mipg_desktop.documents.model import Minutes
    from mipg_desktop.documents.snapshot import from_plain

    minutes: Minutes = from_plain(Minutes, snapshot["minutes"])
    return minutes


@dataclass(frozen=True)
class StoredActa:
    data: bytes
    notice: str  # what the person should know about this print ("" when nothing)


def approved_acta(db: Database, session_id: int) -> StoredActa | None:
    """The stored bytes of an approved acta (None when the session is not approved).

    An acta approved before records were stored (schema 0007) is frozen on its first
    print, when its data still match the SHA-256 of its approval; otherwise it is not
    printed at all (``mipg verify`` names what changed)."""
    from mipg_desktop.committees import labels
    from mipg_desktop.committees.approval import content_sha256
    from mipg_desktop.committees.common import unit_of_work
    from mipg_desktop.committees.readers import get_session_row
    from mipg_desktop.committees.session_detail import read_session_detail

    with unit_of_work(db, write=False) as session:  # a print is a read, nearly always
        row = get_session_row(session, session_id)
        if row.status != "approved":
            return None
        data = latest_pdf(session, row.id)
        if data is not None:
            return StoredActa(data, "")
    with unit_of_work(db) as session:  # approved before 0007: stored now, once
        row = get_session_row(session, session_id)
        data = latest_pdf(session, row.id)
        if data is not None:  # another program stored it meanwhile
            return StoredActa(data, "")
        if content_sha256(read_session_detail(session, row.id)) != row.approved_sha256:
            raise ValidationError(
                _(
                    "El acta aprobada {title} no coincide con la huella de su aprobación: sus "
                    "datos cambiaron por fuera del programa. No se imprime; «mipg verify» dice qué "
                    "cambió."
                ).format(title=labels.session_title(row.number, row.year))
            )
        stored = freeze_recorded(session, db, row)
        return StoredActa(
            bytes(stored.pdf),
            _(
                "El acta se aprobó con una versión anterior del programa: se guardó ahora, "
                "tal como la muestran sus datos aprobados, y en adelante se imprime igual."
            ),
        )
