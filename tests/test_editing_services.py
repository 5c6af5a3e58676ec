"""Everything entered can be corrected before approval, through versioned calls; dates and
approval hold up; the program's user is a named person."""

from __future__ import annotations

import os
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from test_committees_lifecycle import held_session
from test_committees_support import build_cigd, names

from mipg_desktop.committees import views
from mipg_desktop.committees.approval import approval_preview, approve_minutes
from mipg_desktop.committees.attendance import (
    add_guest,
    mark_present,
    set_attendance,
    update_guest,
)
from mipg_desktop.committees.calendar import colombia_today
from mipg_desktop.committees.commitments import add_commitment, update_commitment
from mipg_desktop.committees.sessions import (
    convene,
    create_session,
    set_status,
    update_session,
)
from mipg_desktop.committees.votes import record_decision, update_decision
from mipg_desktop.errors import ConcurrentEdit, ValidationError
from mipg_desktop.storage.database import Database


def test_a_decision_and_its_vote_can_be_corrected_and_the_outcome_follows(db: Database) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    decision = record_decision(db, sid, "Aprobar el informe", 3, 2, 0)
    assert decision.outcome == "approved"
    fixed = update_decision(
        db,
        decision.id,
        expected_version=decision.version,
        text="Aprobar el informe de gestión",
        votes_for=1,
        votes_against=4,
    )
    assert (fixed.text, fixed.outcome, fixed.number) == (
        "Aprobar el informe de gestión",
        "rejected",
        1,
    )
    with pytest.raises(ValidationError, match="solo hay 5"):
        update_decision(db, decision.id, expected_version=fixed.version, votes_for=9)
    with pytest.raises(ConcurrentEdit) as error:
        update_decision(db, decision.id, expected_version=decision.version, votes_for=5)
    assert error.value.current == {"votes_for": 1}
    assert views.get_session_detail(db, sid).decisions[0].votes_against == 4


def test_commitments_and_guests_are_corrected_in_place(db: Database) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    c = add_commitment(db, sid, "Publicar", "Planeación", date(2026, 4, 30))
    first_item = views.get_session_detail(db, sid).agenda[0].id
    fixed = update_commitment(
        db,
        c.id,
        expected_version=c.version,
        owner_name="Oficina TIC",
        agenda_item_id=first_item,
    )
    assert (fixed.owner, fixed.agenda_item_id) == ("Oficina TIC", first_item)
    guest = add_guest(db, sid, "Andrés Vargaz", "Contratista")
    update_guest(db, guest.id, expected_version=guest.version, name="Andrés Vargas", remote=True)
    shown = [g for g in views.get_session_detail(db, sid).guests if not g.permanent]
    assert (shown[0].name, shown[0].remote, shown[0].guest_id) == ("Andrés Vargas", True, guest.id)
    with pytest.raises(ConcurrentEdit):
        update_guest(db, guest.id, expected_version=guest.version, position="Asesor")


def test_a_commitment_given_to_a_member_by_name_is_linked_to_that_member(db: Database) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    name, membership = next(iter(cigd.members.items()))
    c = add_commitment(db, sid, "Publicar", "Planeación", date(2026, 4, 30))
    assert c.owner_membership_id is None
    to_member = update_commitment(db, c.id, expected_version=c.version, owner_name=name)
    assert (to_member.owner, to_member.owner_membership_id) == (name, membership)
    to_office = update_commitment(
        db, c.id, expected_version=to_member.version, owner_name="Oficina TIC"
    )
    assert (to_office.owner, to_office.owner_membership_id) == ("Oficina TIC", None)


def test_attendance_corrected_after_the_quorum_check_is_flagged_until_checked_again(
    db: Database,
) -> None:
    from test_committees_support import VOTING, names

    from mipg_desktop.committees.attendance import set_attendance, verify_quorum

    cigd = build_cigd(db)
    sid = held_session(db, cigd)  # 5 present, quorum verified
    assert views.get_session_detail(db, sid).quorum_now is None
    excused = cigd.members[names(len(VOTING))[-1]]
    mark = next(
        a for a in views.get_session_detail(db, sid).attendees if a.membership_id == excused
    )
    set_attendance(db, sid, excused, "present", expected_version=mark.version)
    detail = views.get_session_detail(db, sid)
    assert detail.quorum.present_voting == 5  # the acta states what was recorded
    assert detail.quorum_now is not None and detail.quorum_now.present_voting == 6
    verify_quorum(db, sid)
    assert views.get_session_detail(db, sid).quorum_now is None


def test_all_present_keeps_a_mark_recorded_meanwhile(db: Database) -> None:
    cigd = build_cigd(db)
    s = create_session(db, cigd.committee_id, date(2026, 3, 12))
    convene(db, s.id, convened_on=date(2026, 3, 2))
    everyone = [cigd.members[n] for n in names(7)]
    excused = everyone[0]
    set_attendance(db, s.id, excused, "excused", expected_version=None)  # elsewhere, meanwhile
    assert mark_present(db, s.id, everyone) == 6
    marks = {a.membership_id: a.status for a in views.get_session_detail(db, s.id).attendees}
    assert marks[excused] == "excused"
    with pytest.raises(ConcurrentEdit):  # read before it was marked
        set_attendance(db, s.id, excused, "present", expected_version=None)


def test_a_session_is_not_held_nor_approved_before_its_date(db: Database) -> None:
    cigd = build_cigd(db)
    future = colombia_today() + timedelta(days=10)
    s = create_session(db, cigd.committee_id, future, start_time=time(9))
    convene(db, s.id)
    with pytest.raises(ValidationError, match="antes de esa fecha"):
        set_status(db, s.id, "held")
    today = colombia_today()
    if today.month == 12 and today.day == 31:
        pytest.skip("no later day this year to move the session to")
    held = create_session(db, cigd.committee_id, today, start_time=time(9))
    convene(db, held.id, override_reason="Sesión convocada el mismo día")
    set_status(db, held.id, "held")
    with pytest.raises(ValidationError, match="en el futuro"):
        update_session(db, held.id, expected_version=3, session_date=today + timedelta(days=1))


def test_numbers_out_of_date_order_warn_naming_both_actas(db: Database) -> None:
    cigd = build_cigd(db)
    first = create_session(db, cigd.committee_id, date(2026, 3, 12))
    assert first.warnings == ()
    second = create_session(db, cigd.committee_id, date(2026, 3, 2))
    assert second.warnings == (
        "El Acta No. 02 de 2026 (02/03/2026) queda con fecha anterior al Acta No. 01 de 2026 "
        "(12/03/2026): revise la fecha o el número.",
    )
    fixed = update_session(db, second.id, expected_version=1, session_date=date(2026, 3, 20))
    assert fixed.warnings == ()


def test_approval_shows_what_freezes_and_refuses_if_it_changed_meanwhile(db: Database) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    record_decision(db, sid, "Aprobar el informe", 5, 0, 0)
    set_status(db, sid, "minutes_draft")
    set_status(db, sid, "under_review")
    preview = approval_preview(db, sid)
    assert preview.problem == "" and preview.decisions == 1 and preview.commitments == 0
    assert [s.role for s in preview.signers] == ["president", "technical_secretary"]
    assert "Ana María Rojas Pérez" in [m.name for m in preview.approvers]
    add_commitment(db, sid, "Un compromiso de última hora", "Planeación")
    with pytest.raises(ConcurrentEdit, match="revísela de nuevo"):
        approve_minutes(
            db, sid, approved_by="Ana María Rojas Pérez", expected_sha256=preview.sha256
        )
    assert views.get_session_detail(db, sid).status == "under_review"
    again = approval_preview(db, sid)
    info = approve_minutes(
        db, sid, approved_by="Ana María Rojas Pérez", expected_sha256=again.sha256
    )
    assert (info.approved_by, info.sha256) == ("Ana María Rojas Pérez", again.sha256)
    assert views.get_session_detail(db, sid).status == "approved"


def test_the_program_user_is_a_named_person_never_the_login(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mipg_desktop.user_profile import UserProfile, program_user, read_profile, save_profile

    monkeypatch.setenv("MIPG_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("MIPG_USER", raising=False)
    login = os.environ.get("USER") or os.environ.get("LOGNAME") or "root"
    assert program_user() == "Usuario sin identificar" != login
    with pytest.raises(ValidationError):
        save_profile(UserProfile("   "))
    save_profile(UserProfile("  Carlos   Andrés Peña ", "Jefe de Planeación"))
    assert read_profile() == UserProfile("Carlos Andrés Peña", "Jefe de Planeación")
    assert program_user() == "Carlos Andrés Peña"
    assert (tmp_path / "config" / "usuario.json").stat().st_mode & 0o077 == 0
