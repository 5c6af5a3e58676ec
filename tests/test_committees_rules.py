"""Committee rules with real cases: quorum, votes and ties, convocation notice, numbering."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from test_committees_support import Cigd, build_cigd, names

from mipg_desktop.committees import views
from mipg_desktop.committees.attendance import (
    add_guest,
    mark_present,
    set_attendance,
    verify_quorum,
)
from mipg_desktop.committees.calendar import (
    business_days_between,
    holiday_name,
    latest_notice_date,
)
from mipg_desktop.committees.committees import save_rules
from mipg_desktop.committees.quorum import required_count
from mipg_desktop.committees.sessions import convene, create_session
from mipg_desktop.committees.votes import decide_outcome, record_decision
from mipg_desktop.errors import ValidationError
from mipg_desktop.models.audit import AuditEntry
from mipg_desktop.storage.database import Database


def convened_session(db: Database, cigd: Cigd, day: date = date(2026, 3, 12)) -> int:
    s = create_session(db, cigd.committee_id, day)
    convene(db, s.id, convened_on=date(2026, 2, 20))
    return s.id


def mark(db: Database, sid: int, cigd: Cigd, present: list[str], **others: str) -> None:
    for name in present:
        set_attendance(db, sid, cigd.members[name], "present", expected_version=None)
    for name, status in others.items():
        set_attendance(db, sid, cigd.members[name.replace("_", " ")], status, expected_version=None)


# --- quorum -----------------------------------------------------------------------------


def test_required_counts_follow_the_rule() -> None:
    assert required_count("half_plus_one", 1, 2, 7) == 4
    assert required_count("half_plus_one", 1, 2, 8) == 5
    assert required_count("fraction", 2, 3, 7) == 5
    assert required_count("count", 3, 1, 7) == 3


def test_quorum_reached_with_half_plus_one_present(db: Database) -> None:
    cigd = build_cigd(db)
    sid = convened_session(db, cigd)
    mark(db, sid, cigd, names(3))
    q = views.get_session_detail(db, sid).quorum
    assert (q.voting_members, q.present_voting, q.required_deliberate) == (7, 3, 4)
    assert not q.can_deliberate
    set_attendance(db, sid, cigd.members[names(4)[3]], "present", expected_version=None)
    recorded = verify_quorum(db, sid)
    assert recorded.can_deliberate and recorded.can_decide
    assert recorded.checked_at is not None
    detail = views.get_session_detail(db, sid)
    assert detail.quorum.checked_at == recorded.checked_at
    assert "4 de 7" in detail.quorum.text


def test_delegate_counts_only_when_reglamento_allows_it(db: Database) -> None:
    cigd = build_cigd(db)
    sid = convened_session(db, cigd)
    mark(db, sid, cigd, names(3))
    set_attendance(
        db,
        sid,
        cigd.members[names(4)[3]],
        "delegated",
        delegate_name="Rosa Elvira Cárdenas",
        expected_version=None,
    )
    q = views.get_session_detail(db, sid).quorum
    assert q.present_voting == 4 and q.can_deliberate
    attendee = next(
        a for a in views.get_session_detail(db, sid).attendees if a.status == "delegated"
    )
    assert attendee.delegate_name == "Rosa Elvira Cárdenas"
    save_rules(db, cigd.committee_id, expected_version=1, delegates_count=False)
    q = views.get_session_detail(db, sid).quorum
    assert q.present_voting == 3 and not q.can_deliberate


def test_guests_never_count_for_quorum(db: Database) -> None:
    cigd = build_cigd(db)
    sid = convened_session(db, cigd)
    mark(db, sid, cigd, names(3))
    set_attendance(db, sid, cigd.control_interno, "present", expected_version=None)
    set_attendance(db, sid, cigd.secretary, "present", expected_version=None)
    add_guest(db, sid, "Andrés Felipe Vargas", "Contratista de planeación")
    detail = views.get_session_detail(db, sid)
    assert detail.quorum.present_voting == 3 and not detail.quorum.can_deliberate
    assert {g.name for g in detail.guests} == {"Gloria Inés Parra", "Andrés Felipe Vargas"}
    assert all(not a.name.startswith("Gloria") for a in detail.attendees)


def test_all_present_is_one_all_or_nothing_call_and_keeps_remote_and_arrival(
    db: Database,
) -> None:
    from datetime import time

    from mipg_desktop.committees.people import add_membership, add_person

    cigd = build_cigd(db)
    sid = convened_session(db, cigd)
    first = cigd.members[names(1)[0]]
    set_attendance(
        db, sid, first, "present", remote=True, arrival_time=time(9, 20), expected_version=None
    )
    attendee = next(
        a for a in views.get_session_detail(db, sid).attendees if a.membership_id == first
    )
    assert (attendee.remote, attendee.arrival_time) == (True, time(9, 20))
    later = add_person(db, "Integrante que llegó después")
    joined = add_membership(
        db, cigd.committee_id, later.id, "voting_member", date(2026, 6, 1)
    ).membership_id
    everyone = [cigd.members[n] for n in names(7)[1:]]
    with pytest.raises(ValidationError, match="no era integrante"):
        mark_present(db, sid, [*everyone, joined])
    detail = views.get_session_detail(db, sid)
    assert [a.status for a in detail.attendees if a.membership_id in everyone] == [""] * 6
    assert mark_present(db, sid, everyone) == 6
    assert views.get_session_detail(db, sid).quorum.present_voting == 7


def test_delegation_needs_the_delegate_name(db: Database) -> None:
    cigd = build_cigd(db)
    sid = convened_session(db, cigd)
    with pytest.raises(ValidationError, match="representación"):
        set_attendance(db, sid, cigd.members[names(1)[0]], "delegated", expected_version=None)


# --- votes and ties ---------------------------------------------------------------------


def test_decision_outcome_by_simple_majority(db: Database) -> None:
    cigd = build_cigd(db)
    sid = convened_session(db, cigd)
    mark(db, sid, cigd, names(6))
    d = record_decision(db, sid, "Aprobar el Plan de Acción Institucional 2026", 4, 1, 1)
    assert d.outcome == "approved" and not d.tie_broken
    d = record_decision(db, sid, "Modificar el cronograma del PINAR", 1, 4, 1)
    assert d.outcome == "rejected"
    with pytest.raises(ValidationError, match="solo hay 6"):
        record_decision(db, sid, "Votación imposible", 5, 2, 0)


def test_tie_needs_the_presidents_casting_vote(db: Database) -> None:
    cigd = build_cigd(db)
    sid = convened_session(db, cigd)
    mark(db, sid, cigd, names(6))
    with pytest.raises(ValidationError, match="voto de calidad"):
        record_decision(db, sid, "Adoptar la política de gestión documental", 3, 3, 0)
    d = record_decision(
        db, sid, "Adoptar la política de gestión documental", 3, 3, 0, tie_break="for"
    )
    assert d.outcome == "approved" and d.tie_broken and "desempate" in d.outcome_label
    d = record_decision(db, sid, "Aplazar el informe FURAG", 3, 3, 0, tie_break="against")
    assert d.outcome == "rejected" and d.tie_broken


def test_tie_without_tie_breaker_is_no_decision(db: Database) -> None:
    cigd = build_cigd(db, tie_breaker="none")
    sid = convened_session(db, cigd)
    mark(db, sid, cigd, names(4))
    d = record_decision(db, sid, "Cambiar la sede de las sesiones", 2, 2, 0, tie_break="for")
    assert d.outcome == "tied" and not d.tie_broken


def test_no_decision_without_quorum_to_decide(db: Database) -> None:
    cigd = build_cigd(db)
    sid = convened_session(db, cigd)
    mark(db, sid, cigd, names(3))
    with pytest.raises(ValidationError, match="No hay quórum para decidir"):
        record_decision(db, sid, "Aprobar el PETI", 3, 0, 0)


def test_other_majorities() -> None:
    from mipg_desktop.models.committees import CommitteeRules

    rules = CommitteeRules(majority_kind="absolute_members", tie_breaker="president")
    assert decide_outcome(rules, 3, 1, 2, 6, 7).outcome == "rejected"  # 3 of 7 is not > half
    assert decide_outcome(rules, 4, 1, 1, 6, 7).outcome == "approved"
    rules = CommitteeRules(majority_kind="qualified", majority_num=2, majority_den=3)
    assert decide_outcome(rules, 4, 2, 0, 6, 7).outcome == "approved"
    assert decide_outcome(rules, 3, 2, 1, 6, 7).outcome == "rejected"


def test_tie_under_qualified_majority_is_not_approved_by_the_casting_vote() -> None:
    from mipg_desktop.models.committees import CommitteeRules

    rules = CommitteeRules(
        majority_kind="qualified", majority_num=2, majority_den=3, tie_breaker="president"
    )
    result = decide_outcome(rules, 3, 3, 0, 6, 7, "for")
    assert result.outcome == "rejected" and not result.tie_broken
    assert decide_outcome(rules, 3, 3, 0, 6, 7).outcome == "rejected"  # no casting vote asked


def test_no_votes_for_is_never_approved() -> None:
    from mipg_desktop.models.committees import CommitteeRules

    for kind in ("simple", "absolute_present", "absolute_members", "qualified"):
        rules = CommitteeRules(
            majority_kind=kind, majority_num=2, majority_den=3, tie_breaker="president"
        )
        result = decide_outcome(rules, 0, 0, 3, 3, 7, "for")
        assert result.outcome == "rejected" and not result.tie_broken, kind
        assert decide_outcome(rules, 0, 0, 0, 0, 0).outcome == "rejected", kind


def test_absolute_members_tie_is_rejected_not_tied() -> None:
    from mipg_desktop.models.committees import CommitteeRules

    rules = CommitteeRules(majority_kind="absolute_members", tie_breaker="none")
    assert decide_outcome(rules, 0, 0, 2, 4, 7).outcome == "rejected"
    assert decide_outcome(rules, 3, 3, 0, 6, 7).outcome == "rejected"


def test_casting_vote_needs_the_president_present(db: Database) -> None:
    cigd = build_cigd(db)
    sid = convened_session(db, cigd)
    voters = names(7)[1:]  # everyone with a vote but the president
    mark(db, sid, cigd, voters)
    with pytest.raises(ValidationError, match="no está presente"):
        record_decision(db, sid, "Adoptar el manual de contratación", 3, 3, 0, tie_break="for")
    d = record_decision(db, sid, "Adoptar el manual de contratación", 3, 3, 0)
    assert d.outcome == "tied" and not d.tie_broken


# --- convocation notice in business days with Colombian holidays --------------------------


def test_holiday_calendar_is_colombian() -> None:
    assert holiday_name(date(2026, 1, 12))  # Reyes Magos, moved to Monday
    assert holiday_name(date(2026, 7, 20))
    assert holiday_name(date(2026, 1, 13)) is None
    # Thu 8 Jan → Wed 14 Jan 2026: Fri 9 and Tue 13 only (weekend and the 12th are off)
    assert business_days_between(date(2026, 1, 8), date(2026, 1, 14)) == 2
    assert latest_notice_date(date(2026, 1, 14), 3) == date(2026, 1, 7)


def test_late_convocation_over_a_holiday_is_refused(db: Database) -> None:
    cigd = build_cigd(db)  # 3 business days for ordinary sessions
    s = create_session(db, cigd.committee_id, date(2026, 1, 14))
    with pytest.raises(ValidationError) as refused:
        convene(db, s.id, convened_on=date(2026, 1, 8))
    assert "2026-01-07" in str(refused.value)
    assert views.get_session_detail(db, s.id).status == "scheduled"
    convene(db, s.id, convened_on=date(2026, 1, 7))
    assert views.get_session_detail(db, s.id).status == "convened"


def test_late_convocation_with_reason_is_audited(db: Database) -> None:
    cigd = build_cigd(db)
    s = create_session(db, cigd.committee_id, date(2026, 1, 14))
    convene(db, s.id, convened_on=date(2026, 1, 9), override_reason="Urgencia presupuestal")
    detail = views.get_session_detail(db, s.id)
    assert detail.status == "convened"
    assert detail.notice_override_reason == "Urgencia presupuestal"
    with db.transaction() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "convene_late"))
        assert entry is not None and entry.user_name == "pruebas"
        assert entry.changes["latest_notice_date"] == "2026-01-07"


def test_same_dates_without_holiday_are_in_time(db: Database) -> None:
    cigd = build_cigd(db)
    # Thu 5 Nov → Wed 11 Nov 2026: Fri 6, Mon 9, Tue 10 are business days
    s = create_session(db, cigd.committee_id, date(2026, 11, 11))
    convene(db, s.id, convened_on=date(2026, 11, 5))
    assert views.get_session_detail(db, s.id).convened_on == date(2026, 11, 5)


# --- numbering and memberships over time --------------------------------------------------


def test_numbers_are_consecutive_per_committee_and_year(db: Database) -> None:
    cigd = build_cigd(db)
    a = create_session(db, cigd.committee_id, date(2025, 11, 20))
    b = create_session(db, cigd.committee_id, date(2026, 2, 10))
    c = create_session(db, cigd.committee_id, date(2026, 5, 12), kind="extraordinary")
    assert (a.number, b.number, c.number) == (1, 1, 2)
    assert c.title == "Acta No. 02 de 2026"
    assert [s.id for s in views.list_sessions(db, year=2026)] == [b.id, c.id]


def test_old_acta_shows_who_sat_then(db: Database) -> None:
    from mipg_desktop.committees.people import add_membership, add_person, end_membership

    cigd = build_cigd(db, start=date(2024, 1, 1))
    old = create_session(db, cigd.committee_id, date(2025, 3, 10))
    leaving = cigd.members["Hernán Darío López"]
    end_membership(db, leaving, date(2025, 6, 30), expected_version=1)
    newcomer = add_person(db, "Sandra Milena Ruiz", "Jefe Oficina Jurídica")
    add_membership(db, cigd.committee_id, newcomer.id, "voting_member", date(2025, 7, 1))
    new = create_session(db, cigd.committee_id, date(2025, 9, 10))
    old_names = {a.name for a in views.get_session_detail(db, old.id).attendees}
    new_names = {a.name for a in views.get_session_detail(db, new.id).attendees}
    assert "Hernán Darío López" in old_names and "Sandra Milena Ruiz" not in old_names
    assert "Sandra Milena Ruiz" in new_names and "Hernán Darío López" not in new_names
    members = views.list_members(db, cigd.committee_id, include_past=True)
    assert len(members) == 10
    assert "Sandra Milena Ruiz" in [p.full_name for p in views.list_people(db)]


def test_second_president_in_same_period_is_refused(db: Database) -> None:
    from mipg_desktop.committees.people import add_membership, add_person

    cigd = build_cigd(db)
    p = add_person(db, "Otro Director", "Director (e)")
    with pytest.raises(ValidationError, match="presidente"):
        add_membership(db, cigd.committee_id, p.id, "president", date(2025, 1, 1))


def test_adding_a_member_is_one_call_that_stores_nothing_when_refused(db: Database) -> None:
    from mipg_desktop.committees.committees import create_committee
    from mipg_desktop.committees.people import add_member

    cigd = build_cigd(db)
    people = len(views.list_people(db))
    with pytest.raises(ValidationError, match="presidente"):
        add_member(db, cigd.committee_id, "Otro Director", "president", date(2025, 1, 1))
    assert len(views.list_people(db)) == people  # no person left behind
    joined = add_member(
        db, cigd.committee_id, "Sandra Milena Ruiz", "voting_member", date(2025, 1, 1), "Asesora"
    )
    assert (joined.name, joined.position, joined.has_vote) == (
        "Sandra Milena Ruiz",
        "Asesora",
        True,
    )
    other = create_committee(db, "Comité de Conciliación", short_name="CC")
    again = add_member(
        db, other.id, "", "voting_member", date(2025, 2, 1), person_id=joined.person_id
    )
    assert again.person_id == joined.person_id and len(views.list_people(db)) == people + 1
    with pytest.raises(ValidationError, match="ya integra este comité"):
        add_member(db, other.id, "", "president", date(2025, 6, 1), person_id=joined.person_id)
    assert len(views.list_members(db, other.id)) == 1


def test_membership_corrections_respect_approved_minutes(db: Database) -> None:
    from mipg_desktop.committees.approval import approve_minutes
    from mipg_desktop.committees.people import remove_membership, update_membership
    from mipg_desktop.committees.sessions import set_status
    from mipg_desktop.errors import ReadOnlyRecord

    cigd = build_cigd(db)
    member = cigd.members["Diana Carolina Niño"]
    info = update_membership(db, member, expected_version=1, position="Jefe Oficina TIC")
    assert info.position == "Jefe Oficina TIC" and info.version == 2
    sid = convened_session(db, cigd)
    mark(db, sid, cigd, names(5))
    for target in ("held", "minutes_draft", "under_review"):
        set_status(db, sid, target)
    approve_minutes(db, sid)
    with pytest.raises(ReadOnlyRecord, match="actas aprobadas"):
        update_membership(db, member, expected_version=2, position="Otro cargo")
    with pytest.raises(ValidationError, match="asistencia registrada"):
        remove_membership(db, member, expected_version=2)
    from mipg_desktop.committees.people import add_membership, add_person

    guest = add_person(db, "Rafael Torres", "Asesor externo")
    added = add_membership(db, cigd.committee_id, guest.id, "guest", date(2026, 4, 1))
    with pytest.raises(ValidationError, match="voz pero no voto"):
        update_membership(db, added.membership_id, expected_version=1, has_vote=True)
    remove_membership(db, added.membership_id, expected_version=1)
    assert "Rafael Torres" not in [m.name for m in views.list_members(db, cigd.committee_id)]
