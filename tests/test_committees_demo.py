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
    cigd = next(c for c in views.list_committees(db) if c.type_code == "CIGD")
    sessions = views.list_sessions(db, committee_id=cigd.id)  # the CIGD
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


def test_demo_has_a_cicci_with_two_sessions_a_year_from_its_type(db: Database) -> None:
    from mipg_desktop.documents.inspect import page_texts
    from mipg_desktop.documents.output import document_bytes

    context = run_demo(db, years=2, today=TODAY)
    cicci = views.get_committee(db, context.data["cicci_id"])
    assert cicci.summary.type_code == "CICCI" and cicci.summary.short_name == "CICCI"
    assert cicci.rules is not None and cicci.rules.periodicity_months == 6
    members = views.list_members(db, cicci.summary.id)
    secretary = next(m for m in members if m.role == "technical_secretary")
    assert secretary.position == "Jefe Oficina de Control Interno" and not secretary.has_vote
    sessions = views.list_sessions(db, committee_id=cicci.summary.id)
    by_year: dict[int, list[str]] = {}
    for s in sessions:
        by_year.setdefault(s.year, []).append(s.title)
    assert by_year == {
        2025: ["Acta No. 01 de 2025", "Acta No. 02 de 2025"],
        2026: ["Acta No. 01 de 2026", "Acta No. 02 de 2026"],
        2027: ["Acta No. 01 de 2027"],
    }
    assert [s.status for s in sessions] == ["approved"] * 3 + ["under_review", "scheduled"]
    assert all(verify_approved(db, s.id) for s in sessions if s.status == "approved")
    audit_plan = views.get_session_detail(db, sessions[2].id)  # Q1 2026: the audit plan
    assert audit_plan.session_date.month == 2
    assert "Aprobación del Plan Anual de Auditoría" in [i.title for i in audit_plan.agenda]
    assert audit_plan.decisions[0].text.startswith("Aprobar el Plan Anual de Auditoría 2026")
    assert audit_plan.decisions[0].outcome == "approved" and audit_plan.commitments
    follow_up = views.get_session_detail(db, sessions[3].id)  # Q3 2026: its follow-up
    assert follow_up.session_date.month == 8
    assert "Avance en la ejecución del Plan Anual de Auditoría" in [
        i.title for i in follow_up.agenda
    ]
    # the tracker lists both committees' commitments; the filter keeps the CICCI's
    everything = {c.committee_id for c in views.list_commitments(db, today=TODAY)}
    assert everything == {context.data["committee_id"], cicci.summary.id}
    only = views.list_commitments(db, committee_id=cicci.summary.id, today=TODAY)
    assert only and all("auditor" in c.text.lower() or "mejoramiento" in c.text for c in only)
    # its acta and pack as the CIGD's: the secretary signs, no Decreto 612 plans in the pack
    acta = " ".join(page_texts(document_bytes(db, "minutes", sessions[2].id).data))
    assert "Gloria Esperanza Parra Niño" in acta and "Secretaría técnica" in acta
    assert "Comité Institucional de Coordinación de Control Interno" in acta
    pack = " ".join(page_texts(document_bytes(db, "pack", sessions[3].id).data))
    assert "PAQUETE DE LA SESIÓN" in pack and "Avance de los planes" not in pack
    cigd_pack = document_bytes(
        db, "pack", views.list_sessions(db, context.data["committee_id"])[-2].id
    )
    assert "Avance de los planes" in " ".join(page_texts(cigd_pack.data))
