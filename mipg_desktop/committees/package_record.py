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
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from mipg_desktop.committees.record_schema import column_length
from mipg_desktop.i18n import _
from mipg_desktop.models.entity import DocumentControl, Entity

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.orm import Session

    from mipg_desktop.models.sessions import CommitteeSession

    Refuse = Callable[[str], Exception]

# The text fields carried, each bounded by its column's length (session_schema.column_length).
ENTITY_TEXT = {
    key: column_length(Entity, key)
    for key in ("name", "city", "nit", "department", "sigep_code", "address", "order", "logo_mime")
}
CONTROL_TEXT = {
    key: column_length(DocumentControl, key)
    for key in (
        "document_kind",
        "process",
        "code",
        "version",
        "uncontrolled_copy_legend",
        "prepared_by",
        "reviewed_by",
        "approved_by",
    )
}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- writing ------------------------------------------------------------------------------


def entity_section(entity: Entity | None) -> tuple[dict[str, Any] | None, dict[str, bytes]]:
    if entity is None:
        return None, {}
    data: dict[str, Any] = {key: getattr(entity, key) or "" for key in ENTITY_TEXT}
    data["document_controls"] = [
        {
            **{key: getattr(c, key) or "" for key in CONTROL_TEXT},
            "valid_from": c.valid_from.isoformat() if c.valid_from else None,
            "show_uncontrolled_copy": bool(c.show_uncontrolled_copy),
        }
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
    versions = []
    for version in signed_versions(session, row.id):
        blobs[version.pdf_sha256] = bytes(version.pdf)
        versions.append(
            {
                "sequence": version.sequence,
                "field_name": version.field_name,
                "signer_name": version.signer_name,
                "kind": version.kind,
                "signed_at": version.signed_at.isoformat(),
                "pdf_sha256": version.pdf_sha256,
            }
        )
    data = {
        "approved_at": stored.approved_at.isoformat(),
        "pdf_sha256": stored.pdf_sha256,
        "snapshot": stored.snapshot,
        "snapshot_sha256": stored.snapshot_sha256,
        "content_sha256": stored.content_sha256,
        "signatures": versions,
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


def _text(data: dict[str, Any], limits: dict[str, int], where: str, refuse: Refuse) -> None:
    for key, limit in limits.items():
        value = data.get(key, "")
        if not isinstance(value, str) or len(value) > limit:
            raise refuse(
                _("el campo «{key}» de «{where}» falta o no es válido.").format(
                    key=key, where=where
                )
            )


def check_entity(entity: Any, refuse: Refuse) -> None:
    if not isinstance(entity, dict):
        raise refuse(
            _("la sección «{where}» no tiene la estructura esperada.").format(where="entity")
        )
    _text(entity, ENTITY_TEXT, "entity", refuse)
    controls = entity.get("document_controls", [])
    if not isinstance(controls, list) or len(controls) > 50:
        raise refuse(_("el control documental de la entidad no es válido."))
    for control in controls:
        if not isinstance(control, dict):
            raise refuse(_("el control documental de la entidad no es válido."))
        _text(control, CONTROL_TEXT, "document_controls", refuse)
        try:
            if control.get("valid_from") is not None:
                date.fromisoformat(str(control["valid_from"]))
        except ValueError as exc:
            raise refuse(_("el control documental de la entidad no es válido.")) from exc


def check_record(record: Any, refuse: Refuse) -> None:
    bad = refuse(_("el acta aprobada que trae no es válida."))
    if not isinstance(record, dict) or not isinstance(record.get("snapshot"), str):
        raise bad
    for key in ("pdf_sha256", "snapshot_sha256", "content_sha256"):
        if not isinstance(record.get(key), str) or len(record[key]) != 64:
            raise bad
    if _sha(record["snapshot"].encode("utf-8")) != record["snapshot_sha256"]:
        raise refuse(_("la instantánea del acta aprobada no coincide con su huella SHA-256."))
    versions = record.get("signatures")
    if not isinstance(versions, list) or len(versions) > 20:
        raise bad
    for n, version in enumerate(versions, start=1):
        if not isinstance(version, dict) or version.get("sequence") != n:
            raise bad
        for key in ("field_name", "signer_name", "kind", "signed_at", "pdf_sha256"):
            if not isinstance(version.get(key), str) or len(version[key]) > 300:
                raise bad
    try:
        datetime.fromisoformat(str(record.get("approved_at")))
        json.loads(record["snapshot"])
        for version in versions:
            datetime.fromisoformat(version["signed_at"])
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
        entity = Entity(**{k: data.get(k, "") for k in ENTITY_TEXT})
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
        valid = control.get("valid_from")
        entity.document_controls.append(
            DocumentControl(
                **{k: control[k] for k in CONTROL_TEXT},
                valid_from=date.fromisoformat(valid) if valid else None,
                show_uncontrolled_copy=bool(control.get("show_uncontrolled_copy")),
            )
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
    session.add(
        ApprovedActa(
            session_id=row.id,
            approved_at=datetime.fromisoformat(record["approved_at"]),
            pdf=pdf,
            pdf_sha256=record["pdf_sha256"],
            snapshot=record["snapshot"],
            snapshot_sha256=record["snapshot_sha256"],
            content_sha256=record["content_sha256"],
        )
    )
    session.flush()
    previous = pdf
    for version in record["signatures"]:
        data = blobs[version["pdf_sha256"]]
        if not data.startswith(previous):
            raise refuse(_("una versión firmada del acta no parte de la anterior."))
        session.add(
            ActaSignature(
                session_id=row.id,
                sequence=version["sequence"],
                field_name=version["field_name"],
                signer_name=version["signer_name"],
                kind=version["kind"],
                signed_at=datetime.fromisoformat(version["signed_at"]),
                pdf=data,
                pdf_sha256=version["pdf_sha256"],
            )
        )
        previous = data
    session.flush()
    return str(record["pdf_sha256"])
