"""The committee part of ``mipg demo``: realistic, deterministic sessions."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from mipg_desktop.committees import views
from mipg_desktop.committees.approval import verify_approved
from mipg_desktop.demo import run_demo
from mipg_desktop.storage.database import Database, open_database

TODAY = date(2026, 11, 21)


def test_demo_builds_two_years_of_realistic_sessions(demo_copy: Any) -> None:
    db = demo_copy(2, TODAY)  # run_demo(db, years=2, today=TODAY) on a new database
    sessions = views.list_sessions(db)
    assert 9 <= len(sessions) <= 14
    statuses = [s.status for s in sessions]
    assert statuses[-1] in ("scheduled", "convened") and sessions[-1].session_date > TODAY
    assert statuses[-2] in ("minutes_draft", "under_review")
    assert set(statuses[:-2]) == {"approved"}
    assert {s.kind for s in sessions} == {"ordinary", "extraordinary"}
    assert all(verify_approved(db, s.id) for s in sessions if s.status == "approved")
    detail = views.get_session_detail(db, sessions[-2].id)
    assert detail.quorum.can_decide and detail.quorum.checked_at is not None
    assert any(a.role == "president" for a in detail.attendees)
    assert any(g.name == "Gloria Esperanza Parra Niño" for g in detail.guests)
    substantive = [i for i in detail.agenda if i.kind == "substantive"]
    assert substantive and all(i.deliberation for i in detail.agenda if i.kind != "quorum")
    # the acta states the quorum from the recorded verification: the item has no filler text
    assert all(not i.deliberation for i in detail.agenda if i.kind == "quorum")
    assert any(i.policies for i in substantive)
    assert detail.signers[0].role == "president"
    ordinary = next(
        views.get_session_detail(db, s.id)
        for s in sessions[2:]
        if s.kind == "ordinary" and s.status == "approved"
    )
    assert [i.kind for i in ordinary.agenda][:3] == ["quorum", "previous_minutes", "commitments"]
    overdue = views.list_commitments(db, overdue=True, today=TODAY)
    assert overdue, "a few commitments are left overdue"
    done = views.list_commitments(db, status="done", today=TODAY)
    assert done and all(c.closed_on for c in done)
    assert any(d.votes_for for s in sessions for d in views.get_session_detail(db, s.id).decisions)


def test_demo_is_deterministic(db: Database, db_url: str, tmp_path: Path) -> None:
    run_demo(db, years=1, today=TODAY)
    if not db_url.startswith("sqlite"):
        return  # one run is enough on PostgreSQL; the rule is the same
    other = open_database(tmp_path / "otra.sqlite")
    try:
        run_demo(other, years=1, today=TODAY)
        a = [views.get_session_detail(db, s.id) for s in views.list_sessions(db)]
        b = [views.get_session_detail(other, s.id) for s in views.list_sessions(other)]
        assert [(x.uid, x.title, x.session_date, x.status) for x in a] == [
            (x.uid, x.title, x.session_date, x.status) for x in b
        ]
        assert [x.approval.sha256 for x in a if x.approval] == [
            x.approval.sha256 for x in b if x.approval
        ]
    finally:
        other.close()
