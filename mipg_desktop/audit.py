"""Writing the audit trail: every change to committee data leaves an entry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mipg_desktop.models.audit import AuditEntry

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
    """Add an audit entry inside the caller's transaction (it commits or rolls back with it)."""
    entry = AuditEntry(
        user_name=user_name,
        action=action,
        table_name=table_name,
        record_id=str(record_id),
        summary=summary[:2000],
        changes=changes or {},
    )
    session.add(entry)
    return entry


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
