"""From the committee read API (``committees.views``) to the documents' own model."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from mipg_desktop.committees.calendar import colombia_date
from mipg_desktop.documents.model import (
    ABSENT,
    EXCUSED,
    GUEST,
    PERMANENT_GUEST,
    PRESENT,
    UNRECORDED,
    AgendaEntry,
    Approval,
    Attachment,
    Attendee,
    ControlBlock,
    Convocation,
    Decision,
    Minutes,
    ObservationEntry,
    Pack,
    PlanSummary,
    SessionHeader,
    Signatory,
    as_submitted,
)
from mipg_desktop.documents.pack_figures import commitment_of, pack_commitments
from mipg_desktop.documents.text import annex_label
from mipg_desktop.i18n import _, ngettext

if TYPE_CHECKING:
    from mipg_desktop.committees.views import (
        AgendaItemInfo,
        QuorumInfo,
        SessionDetail,
    )
    from mipg_desktop.storage.database import Database


def _kind_word(kind: str, label: str) -> str:
    words = {"ordinary": _("ordinaria"), "extraordinary": _("extraordinaria")}
    return words.get(kind) or label.lower()


def _traffic_word(status: str) -> str:
    words = {"green": _("Al día"), "yellow": _("En riesgo"), "red": _("Atrasado")}
    return words.get(status) or status


def control_block(db: Database, kind: str) -> ControlBlock:
    """The entity's control block for ``kind`` (convocation, minutes, pack), with its logo."""
    from mipg_desktop.entity_profile import current_entity, get_logo, read_document_control

    with db.transaction() as session:
        info = read_document_control(session, kind)
        entity = current_entity(session)
        name = entity.name if entity else ""
    logo = get_logo(db)
    return ControlBlock(
        entity_name=name,
        process=info.process,
        code=info.code,
        version=info.version,
        valid_from=info.valid_from,
        uncontrolled_copy=info.show_uncontrolled_copy,
        uncontrolled_legend=info.uncontrolled_copy_legend,
        logo=logo[0] if logo else None,
        prepared_by=info.prepared_by,
        reviewed_by=info.reviewed_by,
        approved_by=info.approved_by,
    )


def header(detail: SessionDetail) -> SessionHeader:
    return SessionHeader(
        committee_name=detail.committee_name,
        number=detail.number,
        year=detail.year,
        kind=_kind_word(detail.kind, detail.kind_label),
        modality=detail.modality_label,
        day=detail.session_date,
        start_time=detail.start_time,
        end_time=detail.end_time,
        place=detail.place,
        link=detail.platform,
        modality_reason=detail.modality_reason,
    )


def _entry(item: AgendaItemInfo) -> AgendaEntry:
    linked = (*item.policies, *item.plan_types)
    text = item.deliberation
    if item.description and not text:
        text = item.description
    return AgendaEntry(
        number=item.number,
        title=item.title,
        presenter=item.presenter,
        duration_minutes=item.duration_minutes,
        documents=tuple(a.name for a in item.attachments),
        deliberation=text,
        linked=linked,
        kind=item.kind,
    )


def agenda(detail: SessionDetail) -> tuple[AgendaEntry, ...]:
    return tuple(_entry(item) for item in detail.all_agenda_items())


def attendees(detail: SessionDetail) -> tuple[Attendee, ...]:
    people: list[Attendee] = []
    start = detail.start_time
    for a in detail.attendees:
        attendance = {"absent": ABSENT, "excused": EXCUSED, "": UNRECORDED}.get(a.status, PRESENT)
        if attendance != PRESENT:
            people.append(Attendee(a.name, a.position, a.role, attendance))
            continue
        name, position, represents = a.name, a.position, ""
        if a.status == "delegated":
            represents = f"{a.name}, {a.position}" if a.position else a.name
            name, position = a.delegate_name or _("Delegado sin nombre"), a.delegate_position
        late = a.arrival_time if a.arrival_time and start and a.arrival_time > start else None
        people.append(
            Attendee(
                name, position, a.role, PRESENT, represents, remote=a.remote, late_arrival=late
            )
        )
    for g in detail.guests:
        position = ", ".join(p for p in (g.position, g.organization) if p)
        # a permanent guest with no attendance recorded is listed like a member: unrecorded
        attendance = {"absent": ABSENT, "excused": EXCUSED, "": UNRECORDED}.get(g.status, PRESENT)
        people.append(
            Attendee(g.name, position, PERMANENT_GUEST if g.permanent else GUEST, attendance)
        )
    return tuple(people)


NOT_HELD = ("scheduled", "convened", "cancelled")


def held(detail: SessionDetail) -> bool:
    """Whether the session has taken place (an acta of one that has not is a PROYECTO)."""
    return detail.status not in NOT_HELD


def quorum_statement(quorum: QuorumInfo, was_held: bool = True) -> str:
    """The quorum, once and in the past tense: «Se verificó el quórum: asistieron 5 de 7…»."""
    if not was_held:
        return _("El quórum se verificará al iniciar la sesión.")
    attended = ngettext(
        "asistió {present} de {members} integrantes con voto",
        "asistieron {present} de {members} integrantes con voto",
        quorum.present_voting,
    ).format(present=quorum.present_voting, members=quorum.voting_members)
    text = _(
        "Se verificó el quórum: {attended}; para deliberar se requerían {need_d} y para "
        "decidir {need_v}."
    ).format(attended=attended, need_d=quorum.required_deliberate, need_v=quorum.required_decide)
    if quorum.can_deliberate and quorum.can_decide:
        return text + " " + _("Hubo quórum para deliberar y decidir.")
    if quorum.can_deliberate:
        return text + " " + _("Hubo quórum para deliberar, pero no para decidir.")
    return text + " " + _("No hubo quórum.")


def _signatory(role: str, name: str, position: str, role_label: str, represents: str) -> Signatory:
    if represents:  # a delegate presided in the president's name
        return Signatory(name, position, _("Presidió la sesión"), represents)
    return Signatory(name, position, role_label)


def _signer(detail: SessionDetail, role: str, fallback: str) -> Signatory:
    for signer in detail.signers:
        if signer.role == role:
            return _signatory(
                role, signer.name, signer.position, signer.role_label, signer.represents
            )
    for a in detail.attendees:
        if a.role == role:
            return Signatory(a.name, a.position, a.role_label)
    return Signatory("", "", fallback)


def signatories(detail: SessionDetail) -> tuple[Signatory, ...]:
    """Who signs, in order: who presided, then the technical secretary (then any others)."""
    first = (
        _signer(detail, "president", _("Presidente")),
        _signer(detail, "technical_secretary", _("Secretaría técnica")),
    )
    others = tuple(
        _signatory(s.role, s.name, s.position, s.role_label, s.represents)
        for s in detail.signers
        if s.role not in ("president", "technical_secretary")
    )
    return first + others


def minutes_from(detail: SessionDetail, control: ControlBlock) -> Minutes:
    number_of = {item.id: item.number for item in detail.all_agenda_items()}
    decisions = tuple(
        Decision(
            text=d.text,
            item_number=number_of.get(d.agenda_item_id) if d.agenda_item_id else None,
            votes_for=d.votes_for,
            votes_against=d.votes_against,
            abstentions=d.abstentions,
            outcome=d.outcome_label,
        )
        for d in detail.decisions
    )
    approval = None
    if detail.approval is not None:
        approval = Approval(
            approved_on=colombia_date(detail.approval.approved_at),
            approved_by=detail.approval.approved_by,
            sha256=detail.approval.sha256,
        )
    annexes = tuple(
        annex_label(item.number, a.name)
        for item in detail.all_agenda_items()
        for a in item.attachments
    )
    errata = tuple(
        _("{date}: {section}. {text} (SHA-256 {sha})").format(
            date=colombia_date(e.created_at).isoformat(),
            section=e.section,
            text=e.text,
            sha=e.sha256,
        )
        for e in detail.errata
    )
    return Minutes(
        control=control,
        session=header(detail),
        attendees=attendees(detail),
        quorum_statement=quorum_statement(detail.quorum, held(detail)),
        agenda=agenda(detail),
        decisions=decisions,
        commitments=tuple(commitment_of(c) for c in detail.commitments),
        next_meeting_date=detail.next_meeting_date,
        next_meeting_time=detail.next_meeting_time,
        next_meeting_place=detail.next_meeting_place,
        president=_signer(detail, "president", _("Presidente")),
        secretary=_signer(detail, "technical_secretary", _("Secretaría técnica")),
        annexes=annexes,
        draft=detail.status != "approved",
        approval=approval,
        errata=errata,
        signers=signatories(detail),
        held=held(detail),
        observations_received=observations_received(detail),
    )


def observations_received(detail: SessionDetail) -> tuple[str, ...]:
    """«Ana María Rojas: 2 observaciones (1 acogida, 1 no acogida).» per member who answered."""
    from mipg_desktop.committees.review_labels import member_line

    return tuple(member_line(m) for m in detail.review)


def convocation_from(detail: SessionDetail, control: ControlBlock) -> Convocation:
    recipients = tuple(Attendee(a.name, a.position, a.role) for a in detail.attendees) + tuple(
        Attendee(g.name, g.position, PERMANENT_GUEST if g.permanent else GUEST)
        for g in detail.guests
    )
    return Convocation(
        control=control,
        session=header(detail),
        agenda=agenda(detail),
        recipients=recipients,
        secretary=_signer(detail, "technical_secretary", _("Secretaría técnica")),
        issued_on=detail.convened_on,
    )


def _approved_in(db: Database, detail: SessionDetail, minutes: Minutes) -> Minutes:
    """Name the session held on the approval date, when there is one."""
    from dataclasses import replace

    from mipg_desktop.committees.views import list_sessions

    if minutes.approval is None or minutes.approval.approved_on is None:
        return minutes
    day = minutes.approval.approved_on
    held = [
        s
        for s in list_sessions(db, committee_id=detail.committee_id, year=day.year)
        if s.session_date == day and s.id != detail.id
    ]
    if not held:
        return minutes
    where = _("Sesión No. {number:02d} de {year} ({kind})").format(
        number=held[0].number, year=held[0].year, kind=held[0].kind_label.lower()
    )
    return replace(minutes, approval=replace(minutes.approval, approved_in=where))


def load_minutes(db: Database, session_id: int) -> Minutes:
    from mipg_desktop.committees.views import get_session_detail

    detail = get_session_detail(db, session_id)
    return _approved_in(db, detail, minutes_from(detail, control_block(db, "minutes")))


def load_convocation(db: Database, session_id: int) -> Convocation:
    from mipg_desktop.committees.views import get_session_detail

    return convocation_from(get_session_detail(db, session_id), control_block(db, "convocation"))


def _plans(db: Database, day: date) -> tuple[PlanSummary, ...]:
    try:
        from mipg_desktop.planning.rollup import rollup_year
    except ImportError:  # planning not installed in this build
        return ()
    rollup = rollup_year(db, day.year, at=day)
    return tuple(
        PlanSummary(
            name=line.label,
            year=day.year,
            activities=line.activities,
            planned_percent=line.expected * 100,
            actual_percent=line.actual * 100,
            remark=_traffic_word(line.status),
        )
        for line in rollup.by_plan
    )


def load_pack(db: Database, session_id: int, now: datetime | None = None) -> Pack:
    """The pack as of the session's date: commitments, plans and the previous acta as they
    stood that day (the acta as the draft submitted for approval, when approved then)."""
    from mipg_desktop.committees.types import pack_shows_plans
    from mipg_desktop.committees.views import (
        get_session_detail,
        list_commitments,
        read_attachment,
    )

    detail = get_session_detail(db, session_id)
    control = control_block(db, "pack")
    day = detail.session_date
    previous = None
    since = date.min
    observations: tuple[ObservationEntry, ...] = ()
    if detail.previous_session is not None:
        prev = get_session_detail(db, detail.previous_session.id)
        previous = as_submitted(_approved_in(db, prev, minutes_from(prev, control)), day)
        since = prev.session_date
        observations = observation_entries(db, prev.id)
    everything = [
        c
        for c in list_commitments(db, committee_id=detail.committee_id, today=day)
        if c.session_date < day and c.session_id != detail.id
    ]
    open_, overdue, done = pack_commitments(everything, day, since)
    attachments = tuple(
        Attachment(
            item_number=item.number,
            item_title=item.title,
            filename=a.name,
            data=_read(db, a.sha256, read_attachment),
            mime=a.mime,
        )
        for item in detail.all_agenda_items()
        for a in item.attachments
    )
    return Pack(
        control=control,
        convocation=convocation_from(detail, control),
        previous_minutes=previous,
        open_commitments=open_,
        overdue_commitments=overdue,
        done_commitments=done,
        plans=_plans(db, day) if pack_shows_plans(db, detail.committee_id) else (),
        attachments=attachments,
        generated_at=now or datetime.now(),
        previous_observations=observations,
    )


def observation_entries(db: Database, session_id: int) -> tuple[ObservationEntry, ...]:
    """The members' observations on a session's draft acta, each with its resolution."""
    from mipg_desktop.committees.calendar import colombia_time
    from mipg_desktop.committees.review import review_observations
    from mipg_desktop.committees.review_labels import status_label

    def local(moment: datetime | None) -> datetime | None:
        return colombia_time(moment).replace(tzinfo=None) if moment else None

    return tuple(
        ObservationEntry(
            member=o.member_name,
            written_at=local(o.created_at),
            target=o.target_label,
            comment=o.comment,
            proposed_text=o.proposed_text,
            status=status_label(o.status),
            reply=o.reply,
            resolved_at=local(o.resolved_at),
            changed_since=o.changed_since,
            rich_proposal=o.target_kind == "deliberation",
        )
        for o in review_observations(db, session_id)
    )


def _read(db: Database, sha256: str, reader: object) -> bytes | None:
    try:
        return reader(db, sha256)  # type: ignore[operator,no-any-return]
    except Exception:  # a missing blob is named in the pack, not a failed pack
        return None
