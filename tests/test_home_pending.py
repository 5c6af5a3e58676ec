"""The home view's one read: what is pending, from an empty database to the demo's years."""

from __future__ import annotations

import time
from datetime import date

from test_committees_lifecycle import held_session
from test_committees_support import build_cigd, mark_all

from mipg_desktop.committees.agenda import add_agenda_item
from mipg_desktop.committees.attendance import verify_quorum
from mipg_desktop.committees.commitments import add_commitment, set_commitment_status
from mipg_desktop.committees.sessions import convene, create_session
from mipg_desktop.home import (
    LACKS_AGENDA,
    LACKS_CONVOCATION,
    LACKS_QUORUM,
    last_closed_quarter,
    pending_work,
)
from mipg_desktop.storage.database import Database

TODAY = date(2026, 3, 12)


def test_an_empty_database_has_nothing_pending_and_says_it_is_empty(db: Database) -> None:
    work = pending_work(db, TODAY)
    assert work.is_empty and work.nothing_pending
    assert work.next_sessions == () and work.overdue_total == 0


def test_the_next_session_says_what_it_lacks_until_it_has_it(db: Database) -> None:
    cigd = build_cigd(db)
    later = create_session(db, cigd.committee_id, date(2026, 5, 14))
    upcoming = create_session(db, cigd.committee_id, date(2026, 3, 19))
    work = pending_work(db, TODAY)
    assert not work.is_empty
    [next_one] = work.next_sessions
    assert next_one.session.session_id == upcoming.id != later.id  # the nearest, only
    assert next_one.lacks == (LACKS_CONVOCATION, LACKS_AGENDA)
    assert next_one.lack_labels == ("convocatoria sin enviar", "sin orden del día")
    add_agenda_item(db, upcoming.id, "Seguimiento al Plan de Acción")
    convene(db, upcoming.id, convened_on=date(2026, 3, 2))
    [next_one] = pending_work(db, TODAY).next_sessions
    assert next_one.lacks == ()
    on_the_day = pending_work(db, date(2026, 3, 19)).next_sessions[0]
    assert on_the_day.lacks == (LACKS_QUORUM,)
    mark_all(db, upcoming.id, cigd, present=5)
    verify_quorum(db, upcoming.id)
    assert pending_work(db, date(2026, 3, 19)).next_sessions[0].lacks == ()


def test_held_sessions_wait_for_their_acta_and_late_commitments_are_listed(
    db: Database,
) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    late = add_commitment(db, sid, "Publicar el informe", "Oficina TIC", date(2026, 3, 31))
    add_commitment(db, sid, "Actualizar la matriz", "Planeación", date(2026, 4, 30))
    done = add_commitment(db, sid, "Enviar la circular", "Secretaría", date(2026, 3, 20))
    set_commitment_status(db, done.id, "done", expected_version=done.version)
    work = pending_work(db, date(2026, 4, 10))
    assert [s.session_id for s in work.draft_actas] == [sid]
    assert work.draft_actas[0].status_label  # in Spanish, for the list
    assert work.overdue_total == 1
    [overdue] = work.overdue
    assert (overdue.commitment_id, overdue.days_late, overdue.session.session_id) == (
        late.id,
        10,
        sid,
    )
    assert overdue.session.committee_name == "CIGD"


def test_quarters_close_into_the_next_year() -> None:
    assert last_closed_quarter(date(2026, 2, 1)) == (2025, 4)
    assert last_closed_quarter(date(2026, 10, 5)) == (2026, 3)
    assert last_closed_quarter(date(2026, 12, 31)) == (2026, 3)


def test_demo_plans_are_due_for_the_quarter_just_closed_and_the_read_is_fast(
    db: Database,
) -> None:
    from mipg_desktop.demo import run_demo
    from mipg_desktop.planning.follow_up import record_progress
    from mipg_desktop.planning.plans import get_plan

    run_demo(db, years=1, today=date(2026, 5, 20))
    assert pending_work(db, date(2026, 7, 5)).plans_due == ()  # Q2 was recorded
    work = pending_work(db, date(2026, 10, 5))
    assert work.plans_due and all(p.quarter == 3 and p.year == 2026 for p in work.plans_due)
    first = work.plans_due[0]
    assert first.missing == first.activities
    activity = get_plan(db, first.plan_id).activities[0]
    record_progress(db, activity.id, 3, expected_version=None, progress=0.7)
    again = next(
        p for p in pending_work(db, date(2026, 10, 5)).plans_due if p.plan_id == first.plan_id
    )
    assert again.missing == first.missing - 1
    started = time.perf_counter()
    pending_work(db, date(2026, 10, 5))
    assert time.perf_counter() - started < 0.25
