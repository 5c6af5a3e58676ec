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


def entity_field_label(key: str) -> str:
    """The Spanish name of a profile or document-control field, as the window shows it."""
    return {
        "name": _("Nombre de la entidad"),
        "nit": _("NIT"),
        "sigep_code": _("Código SIGEP"),
        "order": _("Orden (nacional / territorial)"),
        "department": _("Departamento"),
        "city": _("Municipio"),
        "address": _("Dirección"),
        "process": _("Proceso"),
        "code": _("Código"),
        "version": _("Versión"),
        "valid_from": _("Fecha de vigencia"),
        "prepared_by": _("Elaboró"),
        "reviewed_by": _("Revisó"),
        "approved_by": _("Aprobó"),
        "uncontrolled_copy_legend": _("Leyenda de copia no controlada"),
        "show_uncontrolled_copy": _("Imprimir la leyenda de copia no controlada"),
        "reporting_scope": _("Reporta"),
    }.get(key, key)


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
    version: int = 0
    reporting_scope: str = "mipg"  # «mipg» or «meci»: see mipg_desktop.reporting_scope
    reporting_scope_source: str = ""  # «» (initial), «manual», «FURAG 2024»

    @property
    def meci_only(self) -> bool:
        return self.reporting_scope == "meci"


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
    row_version: int = 0  # of the stored block; 0 while none is stored


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
        version=entity.version,
        reporting_scope=entity.reporting_scope,
        reporting_scope_source=entity.reporting_scope_source,
    )


def current_entity(session: Session, lock: bool = False) -> Entity | None:
    """The entity; ``lock``: for writing (PostgreSQL: locked and read as stored now)."""
    query = select(Entity).order_by(Entity.id).limit(1)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return session.scalar(query)


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
                    field=entity_field_label(key), n=len(text), limit=TEXT_LIMITS[key]
                )
            )
        cleaned[key] = text
    if "name" in cleaned and not cleaned["name"]:
        problems.append(_("El nombre de la entidad es obligatorio."))
    if problems:
        raise ValidationError(_("No se guardó el perfil de la entidad."), problems)
    return cleaned


def _scope(value: object) -> str:
    from mipg_desktop.reporting_scope import REPORTING_SCOPES

    if value not in REPORTING_SCOPES:
        raise ValidationError(
            _("«Reporta» debe ser «mipg» o «meci», no «{value}».").format(value=value)
        )
    return str(value)


def save_entity(
    db: Database,
    *,
    expected_version: int | None,
    base: dict[str, Any] | None = None,
    **values: Any,
) -> EntityProfile:
    """Create the entity or update the fields given; one transaction, audited.

    ``expected_version``: the entity's version as read (None: there was no entity yet).
    ``reporting_scope`` (``mipg`` / ``meci``) may be among the values, with ``scope_source``
    (default ``manual``: set by hand) saying where it came from."""
    from mipg_desktop.committees.common import check_fields, check_version, unit_of_work

    source = str(values.pop("scope_source", "manual"))[:60]
    cleaned: dict[str, Any] = _clean({k: v for k, v in values.items() if k != "reporting_scope"})
    if "reporting_scope" in values:
        cleaned["reporting_scope"] = _scope(values["reporting_scope"])
    with unit_of_work(db) as session:
        entity = current_entity(session, lock=True)
        if entity is None and session.get_bind().dialect.name == "postgresql":
            from sqlalchemy import text

            # two first saves at once must not make two entities: one waits for the other
            session.execute(text("LOCK TABLE entities IN SHARE ROW EXCLUSIVE MODE"))
            entity = current_entity(session, lock=True)
        if entity is not None:
            check_fields(entity, expected_version, {k: getattr(entity, k) for k in cleaned}, base)
        elif expected_version is not None:
            check_version(0, expected_version)
        if entity is None:
            if "name" not in cleaned:
                raise ValidationError(_("El nombre de la entidad es obligatorio."))
            entity = Entity(**cleaned)
            if "reporting_scope" in cleaned:
                entity.reporting_scope_source = source
            session.add(entity)
            session.flush()
            record(session, db.user_name, "create", "entities", entity.id, entity.name, cleaned)
        else:
            changes = {
                k: [getattr(entity, k), v] for k, v in cleaned.items() if getattr(entity, k) != v
            }
            for key, value in cleaned.items():
                setattr(entity, key, value)
            if "reporting_scope" in changes:
                entity.reporting_scope_source = source
                changes["reporting_scope_source"] = ["", source]
            if changes:
                record(session, db.user_name, "update", "entities", entity.id, entity.name, changes)
        session.flush()
        return _profile(entity)


def set_logo(db: Database, data: bytes, *, expected_version: int) -> EntityProfile:
    """Store the entity logo (PNG or JPEG, at most 2 MB)."""
    from mipg_desktop.committees.common import check_version, unit_of_work

    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError(_("El logo pesa más de 2 MB; use una imagen más liviana."))
    mime = next((m for sig, m in LOGO_SIGNATURES.items() if data.startswith(sig)), None)
    if mime is None:
        raise ValidationError(_("El logo debe ser una imagen PNG o JPEG."))
    with unit_of_work(db) as session:
        entity = current_entity(session, lock=True)
        if entity is None:
            raise ValidationError(_("Primero registre la entidad."))
        check_version(entity.version, expected_version)
        entity.logo = data
        entity.logo_mime = mime
        session.flush()
        record(session, db.user_name, "update", "entities", entity.id, _("Logo actualizado"))
        return _profile(entity)


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
    names = (f.name for f in fields(DocumentControlInfo))
    return DocumentControlInfo(**{name: getattr(row, name) for name in names})


def get_document_control(db: Database, kind: str = DOC_KIND_DEFAULT) -> DocumentControlInfo:
    with db.transaction() as session:
        return read_document_control(session, kind)


CONTROL_FIELDS = tuple(f.name for f in fields(DocumentControlInfo) if f.name != "row_version")


def save_document_control(
    db: Database,
    info: DocumentControlInfo,
    kind: str = DOC_KIND_DEFAULT,
    *,
    base: DocumentControlInfo | None = None,
) -> DocumentControlInfo:
    """Store the control block; ``info.row_version`` is the version it was read at (0: none
    was stored) and ``base`` what it was read with: another person's change meanwhile to
    the fields this one changes is refused, not overwritten."""
    from mipg_desktop.committees.common import check_fields, check_version, unit_of_work

    for name in CONTROL_FIELDS:
        value = getattr(info, name)
        if isinstance(value, str) and len(value) > 300:
            raise ValidationError(
                _("«{field}» es demasiado largo (máximo 300 caracteres).").format(
                    field=entity_field_label(name)
                )
            )
    with unit_of_work(db) as session:
        entity = current_entity(session, lock=True)
        if entity is None:
            raise ValidationError(_("Primero registre la entidad."))
        row = next((c for c in entity.document_controls if c.document_kind == kind), None)
        changed = [
            n for n in CONTROL_FIELDS if base is None or getattr(base, n) != getattr(info, n)
        ]
        if row is None:
            check_version(0, info.row_version or None)
            row = DocumentControl(document_kind=kind)
            entity.document_controls.append(row)
        else:
            check_fields(
                row,
                info.row_version or None,
                {n: getattr(row, n) for n in changed},
                None if base is None else {n: getattr(base, n) for n in changed},
            )
        changes = {n: [getattr(row, n), getattr(info, n)] for n in changed}
        for name in changed:
            setattr(row, name, getattr(info, name))
        session.flush()
        record(
            session,
            db.user_name,
            "update",
            "document_controls",
            row.id,
            kind,
            {k: [str(a), str(b)] for k, (a, b) in changes.items() if a != b},
        )
        return read_document_control(session, kind)
