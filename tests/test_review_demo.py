"""The demo leaves a draft acta with observations from two members (for the window)."""

from __future__ import annotations

from datetime import date

from mipg_desktop.committees.review import responses_summary, review_observations
from mipg_desktop.committees.views import list_sessions
from mipg_desktop.demo import run_demo
from mipg_desktop.storage.database import Database


def test_the_demo_draft_has_two_members_observations(db: Database) -> None:
    run_demo(db, years=1, today=date(2026, 11, 21))
    draft = next(s for s in list_sessions(db) if s.status in ("minutes_draft", "under_review"))
    summary = responses_summary(db, draft.id)
    assert len(summary) == 2
    found = review_observations(db, draft.id)
    assert {o.status for o in found} == {"open", "answered"}
    assert any(o.proposed_text for o in found)
    assert not any(o.changed_since for o in found)
    assert all(o.created_at.date() <= date(2026, 11, 21) for o in found)
