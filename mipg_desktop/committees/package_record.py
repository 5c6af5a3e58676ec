"""What a session package carries besides the session: the entity's header and the record.

- ``content["entity"]``: the entity profile, its document-control blocks and its logo, so
  an acta printed on a member's laptop has the secretary's header word for word.
- ``content["record"]``: for an approved session, the acta exactly as stored at approval
  (PDF, snapshot) and each signed version, so every laptop prints the same bytes.

Their files travel as ``attachments/<sha256>`` entries (:func:`extra_blobs`) and are
checked by their SHA-256 like any attachment. Both keys are optional: a package
without them (older programs) imports as before.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from mipg_desktop.committees.record_schema import column_values, read_row
from mipg_desktop.committees.session_schema import (
    ACTA_RECORD,
    DOCUMENT_CONTROLS,
    ENTITY,
    SIGNATURES,
)
from mipg_desktop.i18n import _
from mipg_desktop.models.entity import DocumentControl, Entity

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.orm import Session

    from mipg_desktop.models.sessions import CommitteeSession

    Refuse = Callable[[str], Exception]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- writing ------------------------------------------------------------------------------


def entity_section(entity: Entity | None) -> tuple[dict[str, Any] | None, dict[str, bytes]]:
    if entity is None:
        return None, {}
    data = read_row(ENTITY, entity)
    data["document_controls"] = [
        read_row(DOCUMENT_CONTROLS, c)
        for c in sorted(entity.document_controls, key=lambda c: c.document_kind)
    ]
    blobs: dict[str, bytes] = {}
    if entity.logo:
        logo = bytes(entity.logo)
        data["logo_sha256"] = _sha(logo)
        blobs[data["logo_sha256"]] = logo
    return data, blobs


def record_section(
    session: Session, row: CommitteeSession
) -> tuple[dict[str, Any] | None, dict[str, bytes]]:
    from mipg_desktop.committees.acta_record import signed_versions
    from mipg_desktop.models.records import ApprovedActa

    stored = session.get(ApprovedActa, row.id) if row.status == "approved" else None
    if stored is None:
        return None, {}
    pdf = bytes(stored.pdf)
    blobs = {stored.pdf_sha256: pdf}
    versions = signed_versions(session, row.id)
    for version in versions:
        blobs[version.pdf_sha256] = bytes(version.pdf)
    data = {
        **read_row(ACTA_RECORD, stored),
        "signatures": [read_row(SIGNATURES, version) for version in versions],
    }
    return data, blobs


def extra_files(session: Session, session_id: int) -> dict[str, bytes]:
    """The files :func:`entity_section` and :func:`record_section` refer to, by SHA-256."""
    from mipg_desktop.committees.readers import get_committee_row, get_session_row
    from mipg_desktop.models.entity import Entity

    row = get_session_row(session, session_id)
    committee = get_committee_row(session, row.committee_id)
    entity = session.get(Entity, committee.entity_id) if committee.entity_id else None
    return {**entity_section(entity)[1], **record_section(session, row)[1]}


def extra_blobs(content: dict[str, Any]) -> list[str]:
    """The SHA-256 of the files the entity and the record need (logo, PDFs)."""
    out = []
    entity = content.get("entity") or {}
    if isinstance(entity, dict) and isinstance(entity.get("logo_sha256"), str):
        out.append(entity["logo_sha256"])
    record = content.get("record") or {}
    if isinstance(record, dict):
        if isinstance(record.get("pdf_sha256"), str):
            out.append(record["pdf_sha256"])
        for version in record.get("signatures") or []:
            if isinstance(version, dict) and isinstance(version.get("pdf_sha256"), str):
                out.append(version["pdf_sha256"])
    return out


# --- checking -----------------------------------------------------------------------------


def check_entity(entity: dict[str, Any], refuse: Refuse) -> None:
    """Beyond its fields (checked by the schema): a bounded number of control blocks."""
    if len(entity.get("document_controls", [])) > 50:
        raise refuse(_("el control documental de la entidad no es válido."))


def check_record(record: dict[str, Any], refuse: Refuse) -> None:
    """Beyond its fields (checked by the schema): the snapshot is its hash's and JSON, and
    the signed versions are numbered 1, 2, … (at most 20)."""
    bad = refuse(_("el acta aprobada que trae no es válida."))
    if _sha(record["snapshot"].encode("utf-8")) != record["snapshot_sha256"]:
        raise refuse(_("la instantánea del acta aprobada no coincide con su huella SHA-256."))
    versions = record["signatures"]
    if len(versions) > 20:
        raise bad
    if [v["sequence"] for v in versions] != list(range(1, len(versions) + 1)):
        raise bad
    try:
        json.loads(record["snapshot"])
    except ValueError as exc:
        raise bad from exc


# --- applying -----------------------------------------------------------------------------


def ensure_entity(session: Session, data: dict[str, Any] | None, blobs: dict[str, bytes]) -> None:
    """A laptop with no entity gets the package's, with its document control and logo; one
    with the same entity gets the document-control blocks it lacks. Another entity's
    profile is never changed."""
    from mipg_desktop.entity_profile import current_entity

    if not data:
        return
    entity = current_entity(session)
    if entity is None:
        entity = Entity(**column_values(ENTITY, data))
        logo = data.get("logo_sha256")
        if logo in blobs:
            entity.logo = blobs[logo]
        session.add(entity)
        session.flush()
    elif entity.name != data["name"]:
        return
    have = {c.document_kind for c in entity.document_controls}
    for control in data.get("document_controls", []):
        if control["document_kind"] in have:
            continue
        entity.document_controls.append(
            DocumentControl(**column_values(DOCUMENT_CONTROLS, control))
        )
    session.flush()


def store_record(
    session: Session,
    session_id: int,
    record: dict[str, Any] | None,
    blobs: dict[str, bytes],
    refuse: Refuse,
) -> str:
    """Keep the approved acta the package carries, when this database has none yet.
    Returns the PDF's SHA-256 stored ("" when nothing was stored)."""
    from mipg_desktop.models.records import ActaSignature, ApprovedActa
    from mipg_desktop.models.sessions import CommitteeSession

    row = session.get(CommitteeSession, session_id)
    if not record or row is None or row.status != "approved":
        return ""
    if session.get(ApprovedActa, session_id) is not None:
        return ""
    if record["content_sha256"] != row.approved_sha256:
        raise refuse(_("el acta aprobada que trae no corresponde a los datos de la sesión."))
    pdf = blobs[record["pdf_sha256"]]
    session.add(ApprovedActa(session_id=row.id, pdf=pdf, **column_values(ACTA_RECORD, record)))
    session.flush()
    previous = pdf
    for version in record["signatures"]:
        data = blobs[version["pdf_sha256"]]
        if not data.startswith(previous):
            raise refuse(_("una versión firmada del acta no parte de la anterior."))
        session.add(
            ActaSignature(session_id=row.id, pdf=data, **column_values(SIGNATURES, version))
        )
        previous = data
    session.flush()
    return str(record["pdf_sha256"])
