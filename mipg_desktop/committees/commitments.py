"""Commitments: numbered per session, status and progress, follow-ups across sessions."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from mipg_desktop.audit import record
from mipg_desktop.committees.common import (
    check_fields,
    check_version,
    clean_line,
    clean_long,
    editable_session,
    fresh,
    new_uid,
    require_choice,
    touch_session,
    unit_of_work,
)
from mipg_desktop.committees.readers import (
    commitment_info,
    get_committee_row,
    get_session_row,
)
from mipg_desktop.errors import NotFound, ReadOnlyRecord, ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.committees import Membership
from mipg_desktop.models.minutes import COMMITMENT_STATUSES, Commitment, CommitmentFollowUp
from mipg_desktop.models.sessions import AgendaItem, CommitteeSession

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.committees.views import CommitmentInfo
    from mipg_desktop.storage.database import Database

CLOSED = ("done", "cancelled")


def _info(session: Session, c: Commitment) -> CommitmentInfo:
    row = get_session_row(session, c.session_id)
    committee = get_committee_row(session, row.committee_id)
    follow = list(
        session.scalars(
            select(CommitmentFollowUp)
            .where(CommitmentFollowUp.commitment_id == c.id)
            .order_by(CommitmentFollowUp.on_date, CommitmentFollowUp.id)
        )
    )
    return commitment_info(c, row, committee.name, follow, date.today())


def _locked(session: Session, commitment_id: int) -> Commitment:
    """The commitment, its session marked changed (PostgreSQL: locked until commit), read as
    stored now: its status and follow-ups change after the acta is approved too."""
    found = session.get(Commitment, commitment_id)
    if found is None:
        raise NotFound(_("No existe el compromiso {id}.").format(id=commitment_id))
    touch_session(session, found.session_id)
    c = fresh(session, Commitment, commitment_id)
    assert c is not None
    return c


def _owner(
    session: Session, row: CommitteeSession, owner_name: str, owner_membership_id: int | None
) -> tuple[str, int | None]:
    name = clean_line(owner_name, _("Responsable"), 300)
    if owner_membership_id is not None:
        membership = session.get(Membership, owner_membership_id)
        if membership is None or membership.committee_id != row.committee_id:
            raise NotFound(_("El responsable indicado no es integrante del comité."))
        name = name or membership.person.full_name
    if not name:
        raise ValidationError(_("Indique el responsable del compromiso (persona o dependencia)."))
    return name, owner_membership_id


def _member_named(session: Session, row: CommitteeSession, name: str) -> int | None:
    """The committee's member on the session's date whose name is ``name`` (exactly one)."""
    from sqlalchemy import select

    from mipg_desktop.models.committees import Person

    found = [
        m
        for m in session.scalars(
            select(Membership)
            .join(Person, Person.id == Membership.person_id)
            .where(Membership.committee_id == row.committee_id, Person.full_name == name)
        )
        if m.active_on(row.session_date)
    ]
    return found[0].id if len(found) == 1 else None


def add_commitment(
    db: Database,
    session_id: int,
    text: str,
    owner_name: str = "",
    due_date: date | None = None,
    owner_membership_id: int | None = None,
    agenda_item_id: int | None = None,
) -> CommitmentInfo:
    """A new commitment with the session's next number."""
    body = clean_long(text, _("Compromiso"), 5000).strip()
    if not body:
        raise ValidationError(_("Escriba el compromiso."))
    with unit_of_work(db) as session:
        row = editable_session(session, session_id)
        name, membership_id = _owner(session, row, owner_name, owner_membership_id)
        if due_date is not None and due_date < row.session_date:
            raise ValidationError(_("La fecha límite es anterior a la sesión."))
        if agenda_item_id is not None:
            item = session.get(AgendaItem, agenda_item_id)
            if item is None or item.session_id != row.id:
                raise NotFound(_("El punto indicado no pertenece a esta sesión."))
        number = (
            session.scalar(
                select(func.max(Commitment.number)).where(Commitment.session_id == row.id)
            )
            or 0
        ) + 1
        commitment = Commitment(
            uid=new_uid(),
            session_id=row.id,
            agenda_item_id=agenda_item_id,
            number=number,
            text=body,
            owner_name=name,
            owner_membership_id=membership_id,
            due_date=due_date,
            status="open",
        )
        session.add(commitment)
        session.flush()
        record(
            session,
            db.user_name,
            "create",
            "commitments",
            commitment.id,
            body[:200],
            {
                "number": number,
                "owner": name,
                "due_date": due_date.isoformat() if due_date else None,
            },
        )
        return _info(session, commitment)


def update_commitment(
    db: Database,
    commitment_id: int,
    *,
    expected_version: int,
    base: dict[str, Any] | None = None,
    **values: Any,
) -> CommitmentInfo:
    """Change text, owner, owner's membership, item or due date: only while the acta that
    created it is not approved."""
    with unit_of_work(db) as session:
        c = session.get(Commitment, commitment_id)
        if c is None:
            raise NotFound(_("No existe el compromiso {id}.").format(id=commitment_id))
        row = editable_session(session, c.session_id)
        check_fields(c, expected_version, {k: getattr(c, k, None) for k in values}, base)
        changes: dict[str, Any] = {}
        for key, value in values.items():
            if key == "text":
                value = clean_long(value, _("Compromiso"), 5000).strip()
                if not value:
                    raise ValidationError(_("Escriba el compromiso."))
            elif key == "owner_name":
                value, _mid = _owner(session, row, value, None)
                linked = c.owner_membership_id
                if "owner_membership_id" not in values:
                    # a member named as owner is linked to that member, anyone else unlinked
                    member_id = _member_named(session, row, value)
                    if member_id != linked:
                        changes["owner_membership_id"] = [str(linked), str(member_id)]
                        c.owner_membership_id = member_id
            elif key == "due_date":
                if value is not None and value < row.session_date:
                    raise ValidationError(_("La fecha límite es anterior a la sesión."))
            elif key == "owner_membership_id":
                if value is not None:
                    _owner(session, row, "", value)
            elif key == "agenda_item_id":
                if value is not None:
                    item = session.get(AgendaItem, value)
                    if item is None or item.session_id != row.id:
                        raise NotFound(_("El punto indicado no pertenece a esta sesión."))
            else:
                raise ValidationError(_("Campo desconocido: {field}").format(field=key))
            changes[key] = [str(getattr(c, key)), str(value)]
            setattr(c, key, value)
        session.flush()
        record(session, db.user_name, "update", "commitments", c.id, c.text[:200], changes)
        return _info(session, c)


def set_commitment_status(
    db: Database,
    commitment_id: int,
    status: str,
    progress: int | None = None,
    closed_on: date | None = None,
    remarks: str | None = None,
    *,
    expected_version: int,
) -> CommitmentInfo:
    """Status and progress keep changing after the acta is approved (followed up later)."""
    require_choice(status, COMMITMENT_STATUSES, _("Estado del compromiso"))
    if progress is not None and not 0 <= progress <= 100:
        raise ValidationError(_("El avance debe estar entre 0 y 100 %."))
    with unit_of_work(db) as session:
        c = _locked(session, commitment_id)
        check_version(c.version, expected_version)
        before = {"status": c.status, "progress": c.progress}
        c.status = status
        if progress is not None:
            c.progress = progress
        if status == "done":
            c.progress = 100 if progress is None else c.progress
            c.closed_on = closed_on or date.today()
        elif status == "cancelled":
            c.closed_on = closed_on or date.today()
        else:
            c.closed_on = None
        if remarks is not None:
            c.remarks = clean_long(remarks, _("Observaciones"), 5000)
        session.flush()
        record(
            session,
            db.user_name,
            "status",
            "commitments",
            c.id,
            c.text[:200],
            {"status": [before["status"], status], "progress": [before["progress"], c.progress]},
        )
        return _info(session, c)


def add_follow_up(
    db: Database,
    commitment_id: int,
    on_date: date,
    note: str,
    evidence: str = "",
    progress: int | None = None,
    session_id: int | None = None,
    *,
    expected_version: int,
) -> CommitmentInfo:
    """A follow-up entry (date, note, evidence); updates the progress when given (refused
    when the commitment changed since ``expected_version``)."""
    body = clean_long(note, _("Seguimiento"), 5000).strip()
    if not body:
        raise ValidationError(_("Escriba la nota de seguimiento."))
    if progress is not None and not 0 <= progress <= 100:
        raise ValidationError(_("El avance debe estar entre 0 y 100 %."))
    with unit_of_work(db) as session:
        c = _locked(session, commitment_id)
        check_version(c.version, expected_version)
        if c.status in CLOSED:
            raise ReadOnlyRecord(_("El compromiso está cerrado; reábralo para seguirlo."))
        if session_id is not None:
            editable_session(session, session_id)
        entry = CommitmentFollowUp(
            uid=new_uid(),
            commitment_id=c.id,
            session_id=session_id,
            on_date=on_date,
            note=body,
            evidence=clean_long(evidence, _("Evidencia"), 5000),
            progress=progress,
            recorded_by=db.user_name,
        )
        session.add(entry)
        if progress is not None:
            c.progress = progress
            if c.status == "open" and progress > 0:
                c.status = "in_progress"
        session.flush()
        record(
            session,
            db.user_name,
            "follow_up",
            "commitments",
            c.id,
            body[:200],
            {"progress": progress, "on_date": on_date.isoformat()},
        )
        return _info(session, c)


def remove_commitment(db: Database, commitment_id: int, *, expected_version: int) -> None:
    with unit_of_work(db) as session:
        c = session.get(Commitment, commitment_id)
        if c is None:
            raise NotFound(_("No existe el compromiso {id}.").format(id=commitment_id))
        editable_session(session, c.session_id)
        check_version(c.version, expected_version)
        text = c.text
        session.delete(c)
        record(session, db.user_name, "delete", "commitments", commitment_id, text[:200])
