"""Agenda services: add, change, move and remove items; link policies, plans; attach files."""

from __future__ import annotations

import posixpath
import unicodedata
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from mipg_desktop.audit import record
from mipg_desktop.committees.attachments import store_blob
from mipg_desktop.committees.common import (
    RecordRef,
    check_fields,
    check_version,
    clean_line,
    clean_long,
    editable_item,
    editable_session,
    new_uid,
    require_choice,
    unit_of_work,
)
from mipg_desktop.committees.views import AttachmentInfo
from mipg_desktop.errors import NotFound, ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.catalog import PlanType, Policy
from mipg_desktop.models.sessions import AGENDA_KINDS, AgendaAttachment, AgendaItem

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.storage.database import Database

MAX_NAME = 255


def safe_attachment_name(name: str) -> str:
    """A plain file name: no folders, no '..', no control characters; refused if empty."""
    text = unicodedata.normalize("NFC", str(name)).replace("\\", "/")
    base = posixpath.basename(text).strip()
    base = "".join(ch for ch in base if ch.isprintable())
    if not base or base in (".", "..") or len(base) > MAX_NAME:
        raise ValidationError(_("Nombre de anexo no válido: «{name}».").format(name=name[:80]))
    return base


def _siblings(session: Session, session_id: int, parent_id: int | None) -> list[AgendaItem]:
    query = select(AgendaItem).where(AgendaItem.session_id == session_id)
    query = query.where(
        AgendaItem.parent_id.is_(None) if parent_id is None else AgendaItem.parent_id == parent_id
    )
    return list(session.scalars(query.order_by(AgendaItem.position, AgendaItem.id)))


def _renumber(items: list[AgendaItem]) -> None:
    for index, item in enumerate(items):
        if item.position != index:
            item.position = index


def _item_fields(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "title":
            out[key] = clean_line(value, _("Título del punto"), 500, required=True)
        elif key == "kind":
            out[key] = require_choice(value, AGENDA_KINDS, _("Tipo de punto"))
        elif key == "presenter":
            out[key] = clean_line(value, _("Presenta"), 300)
        elif key == "description":
            out[key] = clean_long(value, _("Descripción"), 10_000)
        elif key == "duration_minutes":
            if value is not None and (not isinstance(value, int) or not 0 < value <= 600):
                raise ValidationError(_("La duración debe estar entre 1 y 600 minutos."))
            out[key] = value
        elif key in ("policy_ids", "plan_type_ids"):
            out[key] = [int(v) for v in value]
        elif key == "linked_commitment_id":
            out[key] = None if value is None else int(value)
        else:
            raise ValidationError(_("Campo desconocido: {field}").format(field=key))
    return out


def _apply_links(session: Session, item: AgendaItem, fields: dict[str, Any]) -> None:
    if fields.get("linked_commitment_id") is not None:
        from mipg_desktop.models.minutes import Commitment
        from mipg_desktop.models.sessions import CommitteeSession

        commitment = session.get(Commitment, fields["linked_commitment_id"])
        here = session.get(CommitteeSession, item.session_id)
        origin = session.get(CommitteeSession, commitment.session_id) if commitment else None
        if origin is None or here is None or origin.committee_id != here.committee_id:
            raise NotFound(_("El compromiso indicado no es de este comité."))
    if "policy_ids" in fields:
        policies = [session.get(Policy, pid) for pid in fields.pop("policy_ids")]
        if any(p is None for p in policies):
            raise NotFound(_("Una de las políticas indicadas no existe."))
        item.policies = policies
    if "plan_type_ids" in fields:
        plans = [session.get(PlanType, pid) for pid in fields.pop("plan_type_ids")]
        if any(p is None for p in plans):
            raise NotFound(_("Uno de los planes indicados no existe."))
        item.plan_types = plans


def add_agenda_item(
    db: Database,
    session_id: int,
    title: str,
    kind: str = "substantive",
    parent_id: int | None = None,
    position: int | None = None,
    **values: Any,
) -> RecordRef:
    """A new item (or sub-item of ``parent_id``) at ``position`` (default: last, but before
    «proposiciones y varios»). ``values``: presenter, duration_minutes, description,
    policy_ids, plan_type_ids, linked_commitment_id."""
    fields = _item_fields({"title": title, "kind": kind, **values})
    with unit_of_work(db) as session:
        row = editable_session(session, session_id)
        if parent_id is not None:
            parent = session.get(AgendaItem, parent_id)
            if parent is None or parent.session_id != row.id:
                raise NotFound(_("El punto padre no pertenece a esta sesión."))
        siblings = _siblings(session, row.id, parent_id)
        if position is None:
            position = len(siblings)
            if parent_id is None and siblings and siblings[-1].kind == "other_business":
                position -= 1
        position = max(0, min(position, len(siblings)))
        item = AgendaItem(uid=new_uid(), session_id=row.id, parent_id=parent_id, position=0)
        _apply_links(session, item, fields)
        for key, value in fields.items():
            setattr(item, key, value)
        session.add(item)
        siblings.insert(position, item)
        _renumber(siblings)
        session.flush()
        record(session, db.user_name, "create", "agenda_items", item.id, item.title)
        return RecordRef(item.id, item.uid, item.version)


def update_agenda_item(
    db: Database,
    item_id: int,
    *,
    expected_version: int,
    base: dict[str, Any] | None = None,
    **values: Any,
) -> RecordRef:
    """Correct an item: title, presenter, duration, description, linked policies and plans.
    ``base``: the values the change was read with (see :func:`common.check_fields`)."""
    fields = _item_fields(values)
    with unit_of_work(db) as session:
        item, _row = editable_item(session, item_id)
        check_fields(item, expected_version, {k: _stored(item, k) for k in fields}, base)
        changes = {
            k: [_plain(_stored(item, k)), _plain(v)]
            for k, v in fields.items()
            if _stored(item, k) != v
        }
        _apply_links(session, item, fields)
        for key, value in fields.items():
            setattr(item, key, value)
        session.flush()
        if changes:
            record(session, db.user_name, "update", "agenda_items", item.id, item.title, changes)
        return RecordRef(item.id, item.uid, item.version)


def _stored(item: AgendaItem, key: str) -> Any:
    if key == "policy_ids":
        return sorted(p.id for p in item.policies)
    if key == "plan_type_ids":
        return sorted(p.id for p in item.plan_types)
    return getattr(item, key)


def _plain(value: Any) -> Any:
    return sorted(value) if isinstance(value, list) else value


def move_agenda_item(
    db: Database,
    item_id: int,
    new_position: int,
    *,
    expected_version: int,
    base_position: int | None = None,
) -> RecordRef:
    """Move an item among its siblings (0 = first). Refused when the item changed since it
    was read, unless it is still where the move was decided (``base_position``)."""
    with unit_of_work(db) as session:
        item, row = editable_item(session, item_id)
        base = None if base_position is None else {"position": base_position}
        check_fields(item, expected_version, {"position": item.position}, base)
        siblings = [s for s in _siblings(session, row.id, item.parent_id) if s.id != item.id]
        new_position = max(0, min(new_position, len(siblings)))
        before = item.position
        siblings.insert(new_position, item)
        _renumber(siblings)
        session.flush()
        record(
            session,
            db.user_name,
            "move",
            "agenda_items",
            item.id,
            item.title,
            {"position": [before, new_position]},
        )
        return RecordRef(item.id, item.uid, item.version)


def remove_agenda_item(db: Database, item_id: int, *, expected_version: int) -> None:
    """Remove an item with its sub-items, attachments and decisions (the window asks first,
    and can undo it)."""
    with unit_of_work(db) as session:
        item, row = editable_item(session, item_id)
        check_version(item.version, expected_version)
        title, parent = item.title, item.parent_id
        session.delete(item)
        session.flush()
        _renumber(_siblings(session, row.id, parent))
        record(session, db.user_name, "delete", "agenda_items", item_id, title)


def add_attachment(
    db: Database, item_id: int, name: str, data: bytes, mime: str = ""
) -> AttachmentInfo:
    """Attach a file to an item; its bytes are stored once per SHA-256 in the database."""
    clean_name = safe_attachment_name(name)
    with unit_of_work(db) as session:
        item, row = editable_item(session, item_id)
        digest = store_blob(session, data, clean_name, mime)
        count = len(
            session.scalars(
                select(AgendaAttachment.id).where(AgendaAttachment.agenda_item_id == item.id)
            ).all()
        )
        link = AgendaAttachment(
            uid=new_uid(),
            session_id=row.id,
            agenda_item_id=item.id,
            sha256=digest,
            name=clean_name,
            position=count,
        )
        session.add(link)
        session.flush()
        record(
            session,
            db.user_name,
            "create",
            "agenda_attachments",
            link.id,
            clean_name,
            {"sha256": digest, "size": len(data)},
        )
        return AttachmentInfo(link.id, clean_name, digest, len(data), link.blob.mime)


def remove_attachment(db: Database, attachment_id: int) -> None:
    with unit_of_work(db) as session:
        link = session.get(AgendaAttachment, attachment_id)
        if link is None:
            raise NotFound(_("No existe el anexo {id}.").format(id=attachment_id))
        editable_session(session, link.session_id)
        name = link.name
        session.delete(link)
        record(session, db.user_name, "delete", "agenda_attachments", attachment_id, name)
