"""What each phase allows is said once (committees.phases) and agrees with the services."""

from __future__ import annotations

from datetime import date

import pytest
from test_committees_support import build_cigd

from mipg_desktop.committees import views
from mipg_desktop.committees.agenda import add_agenda_item
from mipg_desktop.committees.approval import approve_minutes
from mipg_desktop.committees.attendance import verify_quorum
from mipg_desktop.committees.phases import OPEN_PHASES
from mipg_desktop.committees.sessions import cancel_session, convene, create_session, set_status
from mipg_desktop.committees.votes import record_decision
from mipg_desktop.errors import MipgError
from mipg_desktop.models.sessions import SESSION_STATUSES
from mipg_desktop.storage.database import Database

FLAGS = (
    "can_edit_agenda",
    "can_edit_details",
    "can_edit_guests",
    "can_record_attendance",
    "can_vote",
    "can_add_commitments",
    "can_write_minutes",
    "can_approve",
    "can_add_erratum",
)
# status -> the flags that are true in it
EXPECTED = {
    "scheduled": {"can_edit_agenda", "can_edit_details", "can_edit_guests"},
    **{
        s: {
            "can_edit_agenda",
            "can_edit_details",
            "can_edit_guests",
            "can_record_attendance",
            "can_vote",
            "can_add_commitments",
            "can_write_minutes",
        }
        | ({"can_approve"} if s == "under_review" else set())
        for s in OPEN_PHASES
    },
    "approved": {"can_add_erratum"},
    "cancelled": set(),
}


def test_every_phase_has_its_flags() -> None:
    assert set(EXPECTED) == set(SESSION_STATUSES)


def test_the_detail_carries_what_its_phase_allows(db: Database) -> None:
    cigd = build_cigd(db)
    s = create_session(db, cigd.committee_id, date(2026, 3, 12))
    seen = {}
    for step in ("scheduled", "convened", "held", "minutes_draft", "under_review", "approved"):
        if step == "convened":
            convene(db, s.id, convened_on=date(2026, 3, 2))
        elif step == "approved":
            approve_minutes(db, s.id, approved_by="Comité")
        elif step != "scheduled":
            set_status(db, s.id, step)
        detail = views.get_session_detail(db, s.id)
        seen[step] = {f for f in FLAGS if getattr(detail, f)}
    other = create_session(db, cigd.committee_id, date(2026, 4, 12))
    cancel_session(db, other.id, "Sin quórum previsto")
    seen["cancelled"] = {f for f in FLAGS if getattr(views.get_session_detail(db, other.id), f)}
    assert seen == EXPECTED


@pytest.mark.parametrize("status", ["scheduled", "cancelled"])
def test_the_services_refuse_what_the_flags_deny(status: str, db: Database) -> None:
    cigd = build_cigd(db)
    s = create_session(db, cigd.committee_id, date(2026, 3, 12))
    if status == "cancelled":
        cancel_session(db, s.id, "Aplazada")
    detail = views.get_session_detail(db, s.id)
    assert not detail.can_vote and not detail.can_record_attendance
    with pytest.raises(MipgError):
        record_decision(db, s.id, "Aprobar", 1, 0, 0)
    with pytest.raises(MipgError):
        verify_quorum(db, s.id)
    if not detail.can_edit_agenda:
        with pytest.raises(MipgError):
            add_agenda_item(db, s.id, "Punto nuevo")
    else:
        add_agenda_item(db, s.id, "Punto nuevo")


def test_the_next_step_is_the_transition_its_service_takes(db: Database) -> None:
    from mipg_desktop.committees import sessions
    from mipg_desktop.committees.phases import NEXT_STEPS
    from mipg_desktop.committees.sessions import TRANSITIONS

    assert set(NEXT_STEPS) == {status for status, targets in TRANSITIONS.items() if targets}
    cigd = build_cigd(db)
    s = create_session(db, cigd.committee_id, date(2026, 3, 12))
    seen = []
    while (detail := views.get_session_detail(db, s.id)).next_step is not None:
        step = detail.next_step
        assert (step == "approve") == detail.can_approve
        if step == "convene":
            convene(db, s.id, convened_on=date(2026, 3, 2))
        elif step == "approve":
            approve_minutes(db, s.id, approved_by="Comité")
        else:
            getattr(sessions, step)(db, s.id)
        after = views.get_session_detail(db, s.id).status
        assert after in TRANSITIONS[detail.status]
        seen.append(after)
    assert seen == ["convened", "held", "minutes_draft", "under_review", "approved"]
