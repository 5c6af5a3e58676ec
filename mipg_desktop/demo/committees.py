"""Demo part: the entity's CIGD, its reglamento, members over time and N years of sessions.

About four ordinary and one or two extraordinary sessions a year, each with agenda,
attendance, quorum check, minutes text, decisions with votes and commitments (some
overdue). Older sessions are approved (with their SHA-256), the latest in draft and
the next one scheduled or convened. Deterministic: everything comes from ``context.rng``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select

from mipg_desktop.audit import record
from mipg_desktop.committees.attachments import store_blob
from mipg_desktop.committees.calendar import is_business_day, latest_notice_date
from mipg_desktop.committees.committees import standard_template
from mipg_desktop.committees.minutes import default_text_blocks
from mipg_desktop.committees.quorum import compute_quorum
from mipg_desktop.demo import committees_text as T
from mipg_desktop.demo.committees_agenda import agenda, approve_all, minutes, uid
from mipg_desktop.models.catalog import PlanType, Policy
from mipg_desktop.models.committees import (
    VOTING_ROLES,
    AgendaTemplateItem,
    Committee,
    CommitteeRules,
    Membership,
    Person,
    TextBlock,
)
from mipg_desktop.models.sessions import (
    Attendance,
    CommitteeSession,
    QuorumCheck,
    SessionGuest,
)

if TYPE_CHECKING:
    import random

    from sqlalchemy.orm import Session

    from mipg_desktop.demo import DemoContext

ORDINARY_MONTHS = (3, 6, 9, 11)
EXTRA_MONTHS = (2, 4, 5, 7, 8, 10)


@dataclass
class Plan:
    day: date
    kind: str
    status: str = "scheduled"
    number: int = 0


@dataclass
class State:
    rng: random.Random
    today: date
    committee: Committee
    members: list[Membership]
    policies: dict[str, int]
    plans: dict[str, int]
    blobs: list[tuple[str, str]]
    commitments: list[dict[str, Any]] = field(default_factory=list)
    to_approve: list[tuple[int, datetime]] = field(default_factory=list)


def _thursday_after(year: int, month: int, day: int) -> date:
    d = date(year, month, day)
    while d.weekday() != 3 or not is_business_day(d):
        d += timedelta(days=1)
    return d


def schedule(context: DemoContext) -> list[Plan]:
    rng, out = context.rng, []
    for year in range(context.first_year, context.today.year + 2):
        for month in ORDINARY_MONTHS:
            out.append(Plan(_thursday_after(year, month, 8 + rng.randint(0, 6)), "ordinary"))
        for month in sorted(rng.sample(EXTRA_MONTHS, rng.choice((1, 1, 2)))):
            out.append(Plan(_thursday_after(year, month, 3 + rng.randint(0, 20)), "extraordinary"))
    out.sort(key=lambda p: p.day)
    past = [p for p in out if p.day <= context.today]
    upcoming = [p for p in out if p.day > context.today][:1]
    for i, plan in enumerate(past):
        plan.status = "approved" if i < len(past) - 1 else "under_review"
        if i == len(past) - 1 and (context.today - plan.day).days < 20:
            plan.status = "minutes_draft"
    for plan in upcoming:
        plan.status = "convened" if (plan.day - context.today).days <= 12 else "scheduled"
    plans = past + upcoming
    counters: dict[int, int] = {}
    for plan in plans:
        counters[plan.day.year] = counters.get(plan.day.year, 0) + 1
        plan.number = counters[plan.day.year]
    return plans


def _committee(session: Session, context: DemoContext) -> tuple[Committee, list[Membership]]:
    rng, start = context.rng, date(context.first_year, 1, 1)
    committee = Committee(
        uid=uid(rng),
        entity_id=context.data.get("entity_id"),
        name="Comité Institucional de Gestión y Desempeño",
        short_name="CIGD",
        kind="institutional",
        type_code="CIGD",  # resources/catalog/committee_types.json
        creation_act="Resolución 045 del 20 de marzo de 2018, modificada por la Resolución 112 "
        "de 2021, «por la cual se crea el Comité Institucional de Gestión y Desempeño»",
    )
    committee.rules = CommitteeRules(
        notice_days_ordinary=5,
        notice_days_extraordinary=2,
        approval_method="El acta se remite a los integrantes y se aprueba en la sesión siguiente.",
        tacit_approval_days=10,
    )
    committee.template_items = [
        AgendaTemplateItem(position=i, title=t, kind=k, duration_minutes=m)
        for i, (t, k, m) in enumerate(standard_template())
    ]
    session.add(committee)
    session.flush()
    change = date(context.first_year + context.years // 2, 1, 15) if context.years >= 3 else None
    members: list[Membership] = []
    for order, (name, position, role) in enumerate(T.MEMBERS):
        successor = T.SUCCESSORS.get(role) or T.SUCCESSORS.get(position)
        end = change - timedelta(days=1) if change and successor else None
        members.append(_member(session, rng, committee, name, position, role, start, end, order))
        if change and successor:
            members.append(_member(session, rng, committee, *successor, role, change, None, order))
    for name, body in default_text_blocks():
        session.add(TextBlock(committee_id=committee.id, name=name, body=body))
    session.flush()
    return committee, members


def _member(
    session: Session,
    rng: random.Random,
    committee: Committee,
    name: str,
    position: str,
    role: str,
    start: date,
    end: date | None,
    order: int,
) -> Membership:
    person = Person(uid=uid(rng), full_name=name, position=position, unit=position)
    m = Membership(
        uid=uid(rng),
        committee_id=committee.id,
        person=person,
        role=role,
        has_vote=role in VOTING_ROLES,
        position=position,
        start_date=start,
        end_date=end,
        sort_order=order,
    )
    session.add(m)
    return m


def _annex_pdfs(session: Session) -> list[tuple[str, str]]:
    """A few small real PDFs (deterministic: reportlab's invariant mode)."""
    from io import BytesIO

    from reportlab.pdfgen import canvas

    out = []
    for name, title in (
        ("Presentacion_avance_plan_de_accion.pdf", "Avance del Plan de Acción"),
        ("Informe_seguimiento_compromisos.pdf", "Seguimiento de compromisos"),
        ("Matriz_de_riesgos.pdf", "Matriz de riesgos institucional"),
    ):
        buffer = BytesIO()
        pdf = canvas.Canvas(buffer, invariant=1)
        pdf.setTitle(title)
        pdf.drawString(72, 770, title)
        pdf.drawString(72, 750, "Instituto Departamental de Cultura y Turismo - Anexo de sesión")
        pdf.showPage()
        pdf.save()
        out.append((name, store_blob(session, buffer.getvalue(), name, "application/pdf")))
    return out


def build(session: Session, context: DemoContext) -> None:
    committee, members = _committee(session, context)
    version = session.scalar(select(Policy.catalog_version_id).limit(1))
    state = State(
        rng=context.rng,
        today=context.today,
        committee=committee,
        members=members,
        policies={
            code: pid
            for code, pid in session.execute(
                select(Policy.code, Policy.id).where(Policy.catalog_version_id == version)
            )
        },
        plans={
            code: pid
            for code, pid in session.execute(
                select(PlanType.code, PlanType.id).where(PlanType.catalog_version_id == version)
            )
        },
        blobs=_annex_pdfs(session),
    )
    plans = schedule(context)
    ids: list[int] = []
    previous: tuple[int, Plan] | None = None
    for index, plan in enumerate(plans):
        following = plans[index + 1] if index + 1 < len(plans) else None
        sid = _session(session, state, plan, previous, following)
        ids.append(sid)
        previous = (sid, plan)
    approve_all(session, state)
    record(
        session,
        context.user_name,
        "create",
        "committees",
        committee.id,
        committee.name,
        {"demo_sessions": len(ids)},
    )
    context.data["committee_id"] = committee.id
    context.data["session_ids"] = ids


def _times(rng: random.Random) -> tuple[time, time]:
    start = rng.choice((time(8, 0), time(9, 0), time(14, 0)))
    return start, time(start.hour + rng.choice((2, 2, 3)), rng.choice((0, 15, 30)))


VENUE = "Sala de juntas de la Dirección General, Casa del Fundador, Tunja"


def _modality(rng: random.Random, day: date) -> tuple[str, str, str]:
    place = VENUE
    if day.year in (2020, 2021):
        return "virtual", "", "Microsoft Teams"
    if rng.random() < 0.3:
        return "mixed", place, "Microsoft Teams"
    return "in_person", place, ""


def _session(
    session: Session,
    state: State,
    plan: Plan,
    previous: tuple[int, Plan] | None,
    following: Plan | None,
) -> int:
    rng = state.rng
    rules = state.committee.rules
    assert rules is not None
    start, end = _times(rng)
    modality, place, platform = _modality(rng, plan.day)
    notice = (
        rules.notice_days_ordinary if plan.kind == "ordinary" else rules.notice_days_extraordinary
    )
    convened_on = None
    reason = ""
    if plan.status != "scheduled":
        convened_on = latest_notice_date(plan.day, notice) - timedelta(days=rng.randint(0, 3))
        if plan.kind == "extraordinary" and rng.random() < 0.15:
            convened_on = plan.day - timedelta(days=1)
            reason = "Urgencia por vencimiento de términos del requerimiento de la Contraloría."
    held = plan.status not in ("scheduled", "convened")
    row = CommitteeSession(
        uid=uid(rng),
        committee_id=state.committee.id,
        number=plan.number,
        year=plan.day.year,
        kind=plan.kind,
        modality=modality,
        place=place,
        platform=platform,
        session_date=plan.day,
        start_time=start if held or plan.status == "convened" else None,
        end_time=end if held else None,
        status="under_review" if plan.status == "approved" else plan.status,
        convened_on=convened_on,
        convened_at=datetime.combine(convened_on, time(15, 0)) if convened_on else None,
        notice_override_reason=reason,
        next_meeting_date=following.day if following and held else None,
        next_meeting_time=time(9, 0) if following and held else None,
        next_meeting_place=VENUE if following and held else "",
        previous_session_id=previous[0] if previous else None,
    )
    session.add(row)
    session.flush()
    active = [m for m in state.members if m.active_on(plan.day)]
    present = _attendance(session, state, row, active, start) if held else 0
    items = agenda(session, state, row, plan, previous)
    if held:
        minutes(session, state, row, items, active, present)
    if plan.status == "approved" and following is not None:
        state.to_approve.append((row.id, datetime.combine(following.day, time(12, 0))))
    return row.id


def _attendance(
    session: Session, state: State, row: CommitteeSession, active: list[Membership], start: time
) -> int:
    rng, rows = state.rng, []
    voting = [m for m in active if m.has_vote]
    statuses = {
        m.id: rng.choices(("present", "excused", "delegated", "absent"), (85, 7, 5, 3))[0]
        for m in voting
    }
    while sum(s in ("present", "delegated") for s in statuses.values()) < len(voting) // 2 + 2:
        missing = next(k for k, s in statuses.items() if s not in ("present", "delegated"))
        statuses[missing] = "present"
    for m in active:
        status = statuses.get(m.id, "present" if rng.random() < 0.93 else "excused")
        delegate = rng.choice(T.DELEGATES) if status == "delegated" else ("", "")
        rows.append(
            {
                "session_id": row.id,
                "membership_id": m.id,
                "status": status,
                "delegate_name": delegate[0],
                "delegate_position": delegate[1],
                "remote": row.modality == "virtual"
                or (row.modality == "mixed" and rng.random() < 0.4),
                "arrival_time": time(start.hour, rng.choice((0, 0, 5, 10, 20)))
                if status in ("present", "delegated")
                else None,
                "version": 1,
            }
        )
    session.execute(insert(Attendance), rows)
    present = sum(s in ("present", "delegated") for s in statuses.values())
    result = compute_quorum(state.committee.rules, len(voting), present)
    session.execute(
        insert(QuorumCheck),
        [
            {
                "session_id": row.id,
                "checked_at": datetime.combine(row.session_date, start)
                + timedelta(hours=5, minutes=10),
                "voting_members": len(voting),
                "present_voting": present,
                "required_deliberate": result.required_deliberate,
                "required_decide": result.required_decide,
                "can_deliberate": result.can_deliberate,
                "can_decide": result.can_decide,
                "summary": result.text,
                "checked_by": "Secretaría Técnica",
            }
        ],
    )
    if state.rng.random() < 0.3:
        name, position, org = state.rng.choice(T.GUESTS)
        session.add(
            SessionGuest(
                uid=uid(state.rng),
                session_id=row.id,
                name=name,
                position=position,
                organization=org,
            )
        )
    return present
