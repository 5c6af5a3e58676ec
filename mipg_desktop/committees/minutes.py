"""Minutes text: deliberation per agenda item (safe markup) and reusable text blocks."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from mipg_desktop.audit import record
from mipg_desktop.committees import labels
from mipg_desktop.committees.common import (
    RecordRef,
    check_fields,
    check_version,
    clean_line,
    clean_long,
    editable_item,
    unit_of_work,
)
from mipg_desktop.committees.markup import MAX_TEXT_CHARS
from mipg_desktop.committees.readers import get_committee_row
from mipg_desktop.committees.session_detail import live_quorum
from mipg_desktop.errors import NotFound
from mipg_desktop.i18n import _
from mipg_desktop.models.committees import TextBlock

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.models.sessions import AgendaItem, CommitteeSession
    from mipg_desktop.storage.database import Database

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
DRAFT_SPELL = timedelta(minutes=10)


def fill_placeholders(body: str, values: dict[str, str]) -> str:
    """Replace ``{name}`` placeholders that have a value; unknown ones stay as written."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), body)


def session_values(session: Session, row: CommitteeSession) -> dict[str, str]:
    """Values every text block may use: presentes, miembros, requeridos, acta, fecha, comite."""
    quorum = live_quorum(session, row)
    committee = get_committee_row(session, row.committee_id)
    return {
        "presentes": str(quorum.present_voting),
        "miembros": str(quorum.voting_members),
        "requeridos": str(quorum.required_deliberate),
        "acta": labels.session_title(row.number, row.year),
        "numero": f"{row.number:02d}",
        "anio": str(row.year),
        "fecha": row.session_date.isoformat(),
        "comite": committee.name,
        "modalidad": labels.modality_label(row.modality).lower(),
        "lugar": row.place or row.platform,
    }


def save_deliberation(
    db: Database,
    item_id: int,
    text: str,
    *,
    expected_version: int,
    base: str | None = None,
    replaces: str | None = None,
) -> RecordRef:
    """Save the item's deliberation as written (a draft is saved on every change).

    Refused (``ConcurrentEdit`` with the stored text) when the item changed since
    ``expected_version`` and its text is no longer ``base``, the text this one was typed
    over. ``replaces``: the stored text a person chose to overwrite after such a conflict;
    it is kept whole in the audit trail.
    """
    body = clean_long(text, _("Desarrollo"), MAX_TEXT_CHARS)
    with unit_of_work(db) as session:
        item, _row = editable_item(session, item_id)
        check_fields(
            item,
            expected_version,
            {"deliberation": item.deliberation},
            None if base is None else {"deliberation": clean_long(base, "", MAX_TEXT_CHARS)},
        )
        if item.deliberation == body:
            return RecordRef(item.id, item.uid, item.version)
        before = item.deliberation
        item.deliberation = body
        session.flush()
        if replaces is not None:
            record(
                session,
                db.user_name,
                "conflict",
                "agenda_items",
                item.id,
                _("Desarrollo del punto «{title}»: se conservó otra versión").format(
                    title=item.title[:100]
                ),
                {"field": "deliberation", "not_kept": before, "kept": body},
            )
        else:
            _audit_draft(session, db.user_name, item.id, item.title, len(before), len(body))
        return RecordRef(item.id, item.uid, item.version)


def _audit_draft(
    session: Session, user: str, item_id: int, title: str, before: int, after: int
) -> None:
    """One audit entry per writing spell: autosaves by the same user within
    :data:`DRAFT_SPELL` of the spell's entry add none (the trail is append-only, so the
    entry is never extended; it records where the spell started)."""
    from sqlalchemy import select

    from mipg_desktop.models.audit import AuditEntry
    from mipg_desktop.storage import base

    now = base.utcnow()
    last = session.scalar(
        select(AuditEntry)
        .where(
            AuditEntry.table_name == "agenda_items",
            AuditEntry.record_id == str(item_id),
            AuditEntry.action == "draft",
        )
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )
    if last is not None and last.user_name == user and now - last.at < DRAFT_SPELL:
        return
    record(
        session,
        user,
        "draft",
        "agenda_items",
        item_id,
        _("Desarrollo del punto «{title}»").format(title=title[:100]),
        {"deliberation_chars": [before, after]},
    )


def insert_text_block(
    db: Database, item_id: int, block_id: int, *, expected_version: int
) -> RecordRef:
    """Append a reusable block to the item's deliberation, its placeholders filled."""
    with unit_of_work(db) as session:
        item, row = editable_item(session, item_id)
        check_version(item.version, expected_version)
        block = session.get(TextBlock, block_id)
        if block is None:
            raise NotFound(_("No existe el texto predefinido {id}.").format(id=block_id))
        return _append_block(db, session, item, row, block)


def insert_standard_block(
    db: Database,
    item_id: int,
    name: str,
    body: str,
    committee_id: int | None = None,
    *,
    expected_version: int,
) -> RecordRef:
    """One of the program's standard blocks, the first time it is used: kept in the
    committee's library and appended to the item, in one transaction."""
    clean_name = clean_line(name, _("Nombre"), 200, required=True)
    clean_body = clean_long(body, _("Texto"), 20_000)
    with unit_of_work(db) as session:
        item, row = editable_item(session, item_id)
        check_version(item.version, expected_version)
        block = TextBlock(committee_id=committee_id, name=clean_name, body=clean_body)
        session.add(block)
        session.flush()
        record(session, db.user_name, "save", "text_blocks", block.id, clean_name)
        return _append_block(db, session, item, row, block)


def _append_block(
    db: Database, session: Session, item: AgendaItem, row: CommitteeSession, block: TextBlock
) -> RecordRef:
    text = fill_placeholders(block.body, session_values(session, row))
    item.deliberation = (item.deliberation.rstrip() + "\n\n" + text).strip()
    session.flush()
    record(
        session,
        db.user_name,
        "update",
        "agenda_items",
        item.id,
        _("Texto predefinido «{name}»").format(name=block.name),
    )
    return RecordRef(item.id, item.uid, item.version)


def save_text_block(
    db: Database, name: str, body: str, committee_id: int | None = None, block_id: int | None = None
) -> int:
    """Create (or, with ``block_id``, change) a reusable text block; returns its id."""
    clean_name = clean_line(name, _("Nombre"), 200, required=True)
    clean_body = clean_long(body, _("Texto"), 20_000)
    with unit_of_work(db) as session:
        if committee_id is not None:
            get_committee_row(session, committee_id)
        if block_id is None:
            block = TextBlock(committee_id=committee_id, name=clean_name, body=clean_body)
            session.add(block)
        else:
            found = session.get(TextBlock, block_id)
            if found is None:
                raise NotFound(_("No existe el texto predefinido {id}.").format(id=block_id))
            block = found
            block.name, block.body = clean_name, clean_body
        session.flush()
        record(session, db.user_name, "save", "text_blocks", block.id, clean_name)
        return block.id


def default_text_blocks() -> list[tuple[str, str]]:
    return [
        (
            _("Verificación del quórum"),
            _(
                "Se verificó el quórum con {presentes} de {miembros} integrantes con voto; "
                "existe quórum para deliberar y decidir."
            ),
        ),
        (
            _("Aprobación del acta anterior"),
            _("Se sometió a consideración el acta anterior, que fue aprobada sin observaciones."),
        ),
        (
            _("Cierre"),
            _("Agotado el orden del día, se levantó la sesión del {acta}."),
        ),
    ]
