"""Tacit approval: an acta under review with no remarks after the reglamento's term."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from mipg_desktop.committees import labels
from mipg_desktop.committees.calendar import add_business_days, colombia_date
from mipg_desktop.committees.common import unit_of_work
from mipg_desktop.committees.readers import get_committee_row, get_session_row
from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _, ngettext
from mipg_desktop.models.audit import AuditEntry

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.committees.views import ApprovalInfo
    from mipg_desktop.storage.database import Database


def sent_for_review_on(session: Session, session_id: int) -> date | None:
    """The day the acta last went under review (from the audit trail)."""
    entries = session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.table_name == "committee_sessions",
            AuditEntry.record_id == str(session_id),
            AuditEntry.action == "status",
        )
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    )
    for entry in entries:
        status = (entry.changes or {}).get("status")
        if isinstance(status, list) and status[-1:] == ["under_review"]:
            return colombia_date(entry.at)
    return None


def tacit_approval_date(db: Database, session_id: int) -> date | None:
    """From which day the acta counts as tacitly approved (None if the reglamento has no
    tacit approval or the acta is not under review)."""
    with unit_of_work(db) as session:
        row = get_session_row(session, session_id)
        rules = get_committee_row(session, row.committee_id).rules
        if row.status != "under_review" or rules is None or not rules.tacit_approval_days:
            return None
        sent = sent_for_review_on(session, row.id)
        return add_business_days(sent, rules.tacit_approval_days) if sent else None


def approve_tacitly(db: Database, session_id: int, today: date | None = None) -> ApprovalInfo:
    """Approve an acta under review once the reglamento's term passed without remarks."""
    from mipg_desktop.committees.approval import approve_minutes

    due = tacit_approval_date(db, session_id)
    if due is None:
        raise ValidationError(
            _(
                "Esta acta no admite aprobación tácita: el reglamento no la prevé o no está en "
                "revisión."
            )
        )
    today = today or date.today()
    if today < due:
        raise ValidationError(
            _(
                "El término para observaciones vence el {due}; la aprobación tácita es posible "
                "desde esa fecha."
            ).format(due=due.isoformat())
        )
    from mipg_desktop.committees.review import open_observations, summary_of

    with unit_of_work(db) as session:
        row = get_session_row(session, session_id)
        title = labels.session_title(row.number, row.year)
        pending = open_observations(session, row.id)
        received = sum(m.observations for m in summary_of(session, row.id))
    if pending:
        raise ValidationError(
            ngettext(
                "Hay {n} observación de los integrantes sin resolver: la aprobación tácita no "
                "procede mientras haya observaciones pendientes. Resuélvala o apruebe el acta "
                "en sesión.",
                "Hay {n} observaciones de los integrantes sin resolver: la aprobación tácita no "
                "procede mientras haya observaciones pendientes. Resuélvalas o apruebe el acta "
                "en sesión.",
                pending,
            ).format(n=pending)
        )
    how = (
        _("Aprobación tácita del {title} (observaciones resueltas en el término)")
        if received
        else _("Aprobación tácita del {title} (sin observaciones en el término)")
    )
    return approve_minutes(db, session_id, approved_by=how.format(title=title)[:200])
