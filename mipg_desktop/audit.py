"""Writing the audit trail: every change to committee data leaves an entry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mipg_desktop.models.audit import AuditEntry

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


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
