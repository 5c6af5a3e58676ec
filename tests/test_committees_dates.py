"""Calendar days of stored UTC timestamps are Colombian days (America/Bogota, UTC-5)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from test_committees_lifecycle import held_session
from test_committees_support import build_cigd

from mipg_desktop.committees.approval import approve_minutes
from mipg_desktop.committees.calendar import add_business_days, colombia_date
from mipg_desktop.committees.committees import save_rules
from mipg_desktop.committees.sessions import set_status
from mipg_desktop.committees.tacit import tacit_approval_date
from mipg_desktop.documents.from_session import load_minutes
from mipg_desktop.models.audit import AuditEntry
from mipg_desktop.storage.database import Database

EVENING_UTC = datetime(2026, 3, 13, 1, 30)  # 12 March 2026, 8:30 p.m. in Bogotá


def test_colombia_date_of_naive_and_aware_timestamps() -> None:
    assert colombia_date(EVENING_UTC) == date(2026, 3, 12)
    assert colombia_date(datetime(2026, 3, 13, 5, 0)) == date(2026, 3, 13)  # midnight there
    assert colombia_date(datetime(2026, 3, 13, 4, 59)) == date(2026, 3, 12)
    assert colombia_date(EVENING_UTC.replace(tzinfo=UTC)) == date(2026, 3, 12)
    bogota = timezone(timedelta(hours=-5))
    assert colombia_date(datetime(2026, 3, 12, 23, 0, tzinfo=bogota)) == date(2026, 3, 12)


def test_acta_approved_in_the_evening_shows_that_day(db: Database) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    set_status(db, sid, "minutes_draft")
    set_status(db, sid, "under_review")
    approve_minutes(db, sid, approved_by="Comité", approved_at=EVENING_UTC)
    minutes = load_minutes(db, sid)
    assert minutes.approval is not None
    assert minutes.approval.approved_on == date(2026, 3, 12)


def test_tacit_term_counts_from_the_colombian_day_sent_for_review(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    set_status(db, sid, "minutes_draft")
    # the audit trail is append-only: the entry is written at that moment, not moved there
    monkeypatch.setattr("mipg_desktop.storage.base.utcnow", lambda: EVENING_UTC)
    set_status(db, sid, "under_review")
    monkeypatch.undo()
    save_rules(db, cigd.committee_id, expected_version=1, tacit_approval_days=5)
    with db.transaction() as s:
        sent = s.scalars(
            select(AuditEntry.at).where(
                AuditEntry.table_name == "committee_sessions", AuditEntry.action == "status"
            )
        ).all()
    assert EVENING_UTC in sent
    assert tacit_approval_date(db, sid) == add_business_days(date(2026, 3, 12), 5)
