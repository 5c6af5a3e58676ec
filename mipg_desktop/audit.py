"""Writing the audit trail: every change to committee data leaves an entry."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from mipg_desktop.i18n import _
from mipg_desktop.models.audit import AuditEntry
from mipg_desktop.storage import base

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.storage.database import Database


def record(
    session: Session,
    user_name: str,
    action: str,
    table_name: str,
    record_id: object,
    summary: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add an audit entry inside the caller's transaction (it commits or rolls back with it).

    Entries form a hash chain: each one's SHA-256 covers its content and the previous
    entry's hash, so a deleted or altered entry is found (:func:`chain_problems`)."""
    prev = _last_sha256(session)
    entry = AuditEntry(
        at=base.utcnow(),
        user_name=user_name,
        db_account=_account(session),
        action=action,
        table_name=table_name,
        record_id=str(record_id),
        summary=summary[:2000],
        changes=json.loads(json.dumps(changes or {}, ensure_ascii=False, default=str)),
        prev_sha256=prev,
    )
    entry.sha256 = entry_sha256(prev, _fields(entry))
    session.add(entry)
    session.flush()
    return entry


CHAINED_FIELDS = (
    "at",
    "user_name",
    "db_account",
    "action",
    "table_name",
    "record_id",
    "summary",
    "changes",
)


def _fields(entry: AuditEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in CHAINED_FIELDS}


def entry_sha256(prev: str, row: Mapping[str, Any]) -> str:
    """The chained hash of one audit entry (``row`` holds :data:`CHAINED_FIELDS`)."""
    at = row["at"]
    content = [prev, at.isoformat(timespec="microseconds") if at else ""]
    content += [row[name] or "" for name in CHAINED_FIELDS[1:-1]]
    content.append(row["changes"] or {})
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _last_sha256(session: Session) -> str:
    from sqlalchemy import select, text

    if session.get_bind().dialect.name == "postgresql":
        # one writer of the chain at a time, or two entries would share a predecessor
        session.execute(text("SELECT pg_advisory_xact_lock(7331001)"))
    last = session.scalar(select(AuditEntry.sha256).order_by(AuditEntry.id.desc()).limit(1))
    return last or ""


def _account(session: Session) -> str:
    """The database account writing (PostgreSQL); SQLite files have none."""
    from sqlalchemy import text

    if session.get_bind().dialect.name != "postgresql":
        return ""
    return str(session.scalar(text("SELECT current_user")) or "")[:120]


def chain_problems(session: Session) -> list[str]:
    """Where the audit trail's hash chain breaks: an entry altered, deleted or inserted."""
    from sqlalchemy import select

    problems: list[str] = []
    prev = ""
    rows = session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()
    for entry in rows:
        if entry.prev_sha256 != prev:
            problems.append(
                _(
                    "Registro de cambios: falta o se insertó una entrada antes de la n.º {id}."
                ).format(id=entry.id)
            )
        if entry_sha256(entry.prev_sha256, _fields(entry)) != entry.sha256:
            problems.append(
                _("Registro de cambios: la entrada n.º {id} ({action}) fue alterada.").format(
                    id=entry.id, action=entry.action
                )
            )
        prev = entry.sha256
    return problems


def record_not_kept(
    db: Database, table_name: str, record_id: object, summary: str, values: dict[str, Any]
) -> None:
    """After a conflict a person kept the other version: theirs is not lost, it stays here."""
    with db.transaction() as session:
        record(
            session,
            db.user_name,
            "conflict",
            table_name,
            record_id,
            summary,
            {"not_kept": plain(values)},
        )


def plain(value: Any) -> Any:
    """A value for the audit trail's JSON: dates as ISO text, bytes as their size and hash."""
    from datetime import date, datetime, time

    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        import hashlib

        return {"bytes": len(value), "sha256": hashlib.sha256(value).hexdigest()}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value
