"""The entity profile and the document-control settings every document uses."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from mipg_desktop.audit import record
from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.entity import DOC_KIND_DEFAULT, DocumentControl, Entity

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.storage.database import Database

MAX_LOGO_BYTES = 2 * 1024 * 1024
LOGO_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
TEXT_LIMITS = {
    "name": 300,
    "nit": 40,
    "city": 120,
    "department": 120,
    "sigep_code": 40,
    "address": 300,
    "order": 40,
}


@dataclass(frozen=True)
class EntityProfile:
    id: int
    name: str
    nit: str = ""
    city: str = ""
    department: str = ""
    sigep_code: str = ""
    address: str = ""
    order: str = ""
    has_logo: bool = False


@dataclass(frozen=True)
class DocumentControlInfo:
    process: str = ""
    code: str = ""
    version: str = ""
    valid_from: date | None = None
    show_uncontrolled_copy: bool = False
    uncontrolled_copy_legend: str = "Copia no controlada"
    prepared_by: str = ""
    reviewed_by: str = ""
    approved_by: str = ""


def _profile(entity: Entity) -> EntityProfile:
    return EntityProfile(
        id=entity.id,
        name=entity.name,
        nit=entity.nit,
        city=entity.city,
        department=entity.department,
        sigep_code=entity.sigep_code,
        address=entity.address,
        order=entity.order,
        has_logo=bool(entity.logo_mime),
    )


def current_entity(session: Session) -> Entity | None:
    return session.scalar(select(Entity).order_by(Entity.id).limit(1))


def get_entity(db: Database) -> EntityProfile | None:
    with db.transaction() as session:
        entity = current_entity(session)
        return _profile(entity) if entity else None


def _clean(values: dict[str, Any]) -> dict[str, str]:
    problems = []
    cleaned: dict[str, str] = {}
    for key, value in values.items():
        if key not in TEXT_LIMITS:
            raise ValidationError(_("Campo desconocido: {field}").format(field=key))
        text = " ".join(str(value or "").split())
        if len(text) > TEXT_LIMITS[key]:
            problems.append(
                _("«{field}» tiene {n} caracteres; el máximo es {limit}.").format(
                    field=key, n=len(text), limit=TEXT_LIMITS[key]
                )
            )
        cleaned[key] = text
    if "name" in cleaned and not cleaned["name"]:
        problems.append(_("El nombre de la entidad es obligatorio."))
    if problems:
        raise ValidationError(_("No se guardó el perfil de la entidad."), problems)
    return cleaned


def save_entity(db: Database, **values: Any) -> EntityProfile:
    """Create the entity or update the fields given; one transaction, audited."""
    cleaned = _clean(values)
    with db.transaction() as session:
        entity = current_entity(session)
        if entity is None:
            if "name" not in cleaned:
                raise ValidationError(_("El nombre de la entidad es obligatorio."))
            entity = Entity(**cleaned)
            session.add(entity)
            session.flush()
            record(session, db.user_name, "create", "entities", entity.id, entity.name, cleaned)
        else:
            changes = {
                k: [getattr(entity, k), v] for k, v in cleaned.items() if getattr(entity, k) != v
            }
            for key, value in cleaned.items():
                setattr(entity, key, value)
            if changes:
                record(session, db.user_name, "update", "entities", entity.id, entity.name, changes)
        session.flush()
        return _profile(entity)


def set_logo(db: Database, data: bytes) -> None:
    """Store the entity logo (PNG or JPEG, at most 2 MB)."""
    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError(_("El logo pesa más de 2 MB; use una imagen más liviana."))
    mime = next((m for sig, m in LOGO_SIGNATURES.items() if data.startswith(sig)), None)
    if mime is None:
        raise ValidationError(_("El logo debe ser una imagen PNG o JPEG."))
    with db.transaction() as session:
        entity = current_entity(session)
        if entity is None:
            raise ValidationError(_("Primero registre la entidad."))
        entity.logo = data
        entity.logo_mime = mime
        record(session, db.user_name, "update", "entities", entity.id, _("Logo actualizado"))


def get_logo(db: Database) -> tuple[bytes, str] | None:
    with db.transaction() as session:
        entity = current_entity(session)
        if entity is None or entity.logo is None:
            return None
        return entity.logo, entity.logo_mime


def read_document_control(session: Session, kind: str = DOC_KIND_DEFAULT) -> DocumentControlInfo:
    """The control block for ``kind``, falling back to the entity's default one."""
    entity = current_entity(session)
    if entity is None:
        return DocumentControlInfo()
    rows = {c.document_kind: c for c in entity.document_controls}
    row = rows.get(kind) or rows.get(DOC_KIND_DEFAULT)
    if row is None:
        return DocumentControlInfo()
    return DocumentControlInfo(
        **{f.name: getattr(row, f.name) for f in fields(DocumentControlInfo)}
    )


def get_document_control(db: Database, kind: str = DOC_KIND_DEFAULT) -> DocumentControlInfo:
    with db.transaction() as session:
        return read_document_control(session, kind)


def save_document_control(
    db: Database, info: DocumentControlInfo, kind: str = DOC_KIND_DEFAULT
) -> None:
    for f in fields(DocumentControlInfo):
        value = getattr(info, f.name)
        if isinstance(value, str) and len(value) > 300:
            raise ValidationError(
                _("«{field}» es demasiado largo (máximo 300 caracteres).").format(field=f.name)
            )
    with db.transaction() as session:
        entity = current_entity(session)
        if entity is None:
            raise ValidationError(_("Primero registre la entidad."))
        row = next((c for c in entity.document_controls if c.document_kind == kind), None)
        if row is None:
            row = DocumentControl(document_kind=kind)
            entity.document_controls.append(row)
        for f in fields(DocumentControlInfo):
            setattr(row, f.name, getattr(info, f.name))
        session.flush()
        record(session, db.user_name, "update", "document_controls", row.id, kind)
