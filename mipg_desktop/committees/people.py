"""People and their memberships over time (an old acta still shows who sat then)."""

from __future__ import annotations

from datetime import date
from types import EllipsisType
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mipg_desktop.audit import record
from mipg_desktop.committees import labels
from mipg_desktop.committees.common import (
    RecordRef,
    check_fields,
    check_version,
    clean_line,
    fresh,
    new_uid,
    require_choice,
    unit_of_work,
)
from mipg_desktop.committees.readers import get_committee_row, member_info
from mipg_desktop.errors import NotFound, ReadOnlyRecord, ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.committees import ROLES, VOTING_ROLES, Membership, Person

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.committees.views import MemberInfo
    from mipg_desktop.storage.database import Database

SINGLE_ROLES = ("president", "technical_secretary")


def add_person(
    db: Database, full_name: str, position: str = "", unit: str = "", email: str = ""
) -> RecordRef:
    with unit_of_work(db) as session:
        person = _new_person(db, session, full_name, position, unit, email)
        return RecordRef(person.id, person.uid, person.version)


def _new_person(
    db: Database, session: Session, full_name: str, position: str, unit: str, email: str
) -> Person:
    person = Person(
        uid=new_uid(),
        full_name=clean_line(full_name, _("Nombre"), 200, required=True),
        position=clean_line(position, _("Cargo"), 300),
        unit=clean_line(unit, _("Dependencia"), 300),
        email=clean_line(email, _("Correo"), 200),
    )
    session.add(person)
    session.flush()
    record(session, db.user_name, "create", "people", person.id, person.full_name)
    return person


def update_person(
    db: Database,
    person_id: int,
    *,
    expected_version: int,
    base: dict[str, str] | None = None,
    **values: str,
) -> RecordRef:
    limits = {"full_name": 200, "position": 300, "unit": 300, "email": 200}
    names = {
        "full_name": _("Nombre"),
        "position": _("Cargo"),
        "unit": _("Dependencia"),
        "email": _("Correo"),
    }
    cleaned = {}
    for key, value in values.items():
        if key not in limits:
            raise ValidationError(_("Campo desconocido: {field}").format(field=key))
        cleaned[key] = clean_line(value, names[key], limits[key], required=key == "full_name")
    with unit_of_work(db) as session:
        person = fresh(session, Person, person_id)
        if person is None:
            raise NotFound(_("No existe la persona {id}.").format(id=person_id))
        check_fields(person, expected_version, {k: getattr(person, k) for k in cleaned}, base)
        if "full_name" in cleaned and cleaned["full_name"] != person.full_name:
            _refuse_if_in_approved_minutes(session, person)
        changes = {
            k: [getattr(person, k), v] for k, v in cleaned.items() if getattr(person, k) != v
        }
        for key, value in cleaned.items():
            setattr(person, key, value)
        session.flush()
        record(session, db.user_name, "update", "people", person.id, person.full_name, changes)
        return RecordRef(person.id, person.uid, person.version)


def _refuse_if_in_approved_minutes(session: Session, person: Person) -> None:
    """Approved actas show names as they are stored: renaming would change them."""
    from mipg_desktop.models.sessions import Attendance, CommitteeSession

    used = session.scalar(
        select(CommitteeSession.id)
        .join(Attendance, Attendance.session_id == CommitteeSession.id)
        .join(Membership, Membership.id == Attendance.membership_id)
        .where(Membership.person_id == person.id, CommitteeSession.status == "approved")
        .limit(1)
    )
    if used is not None:
        raise ReadOnlyRecord(
            _(
                "{name} figura en actas aprobadas y su nombre no puede cambiar; si es un "
                "error, registre una fe de erratas en esas actas."
            ).format(name=person.full_name)
        )


def _overlaps(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    far = date.max
    return a_start <= (b_end or far) and b_start <= (a_end or far)


def _check_seats(session: Session, membership: Membership) -> None:
    """Over the membership's period, nobody else holds its president or secretary role, and
    its person holds no other seat on the committee (else quorum counts them twice)."""
    others = session.scalars(
        select(Membership)
        .where(
            Membership.committee_id == membership.committee_id,
            Membership.id != (membership.id or 0),
        )
        .options(selectinload(Membership.person))
    )
    for other in others:
        if not _overlaps(
            membership.start_date, membership.end_date, other.start_date, other.end_date
        ):
            continue
        if other.person_id == membership.person.id:
            raise ValidationError(
                _(
                    "{name} ya integra este comité como {role} desde el {day}; registre "
                    "primero su fecha de retiro."
                ).format(
                    name=membership.person.full_name,
                    role=labels.role_label(other.role).lower(),
                    day=other.start_date.strftime("%d/%m/%Y"),
                )
            )
        if other.role == membership.role and membership.role in SINGLE_ROLES:
            raise ValidationError(
                _(
                    "{name} ya ejerce como {role} en ese periodo; registre primero la fecha "
                    "de retiro."
                ).format(name=other.person.full_name, role=labels.role_label(other.role).lower())
            )


def add_membership(
    db: Database,
    committee_id: int,
    person_id: int,
    role: str,
    start_date: date,
    position: str = "",
    has_vote: bool | None = None,
    end_date: date | None = None,
) -> MemberInfo:
    """A person joins the committee in a role from ``start_date`` (until ``end_date``)."""
    vote = _check_terms(role, start_date, end_date, has_vote)
    with unit_of_work(db) as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound(_("No existe la persona {id}.").format(id=person_id))
        return _join(db, session, committee_id, person, role, vote, position, start_date, end_date)


def add_member(
    db: Database,
    committee_id: int,
    full_name: str,
    role: str,
    start_date: date,
    position: str = "",
    unit: str = "",
    person_id: int | None = None,
) -> MemberInfo:
    """The «add member» form in one transaction: a new person (or ``person_id``, one already
    registered, e.g. in another committee) joins the committee; a refusal stores neither."""
    vote = _check_terms(role, start_date, None, None)
    with unit_of_work(db) as session:
        if person_id is None:
            person = _new_person(db, session, full_name, position, unit, "")
        else:
            found = session.get(Person, person_id)
            if found is None:
                raise NotFound(_("No existe la persona {id}.").format(id=person_id))
            person = found
            new_unit = clean_line(unit, _("Dependencia"), 300)
            if new_unit and new_unit != person.unit:  # the form showed it: keep what was typed
                change = {"unit": [person.unit, new_unit]}
                person.unit = new_unit
                record(
                    session, db.user_name, "update", "people", person.id, person.full_name, change
                )
        return _join(db, session, committee_id, person, role, vote, position, start_date, None)


def _check_terms(role: str, start: date, end: date | None, has_vote: bool | None) -> bool:
    require_choice(role, ROLES, _("Rol"))
    if end is not None and end < start:
        raise ValidationError(_("La fecha de retiro es anterior a la de ingreso."))
    vote = role in VOTING_ROLES if has_vote is None else has_vote
    if role in ("permanent_guest", "guest") and vote:
        raise ValidationError(_("Los invitados tienen voz pero no voto."))
    return vote


def _join(
    db: Database,
    session: Session,
    committee_id: int,
    person: Person,
    role: str,
    vote: bool,
    position: str,
    start_date: date,
    end_date: date | None,
) -> MemberInfo:
    committee = get_committee_row(session, committee_id)
    membership = Membership(
        uid=new_uid(),
        committee_id=committee.id,
        person=person,
        role=role,
        has_vote=vote,
        position=clean_line(position or person.position, _("Cargo"), 300),
        start_date=start_date,
        end_date=end_date,
        sort_order=len(committee.memberships),
    )
    _check_seats(session, membership)
    session.add(membership)
    session.flush()
    record(
        session,
        db.user_name,
        "create",
        "memberships",
        membership.id,
        _("{name}: {role} en {committee}").format(
            name=person.full_name, role=labels.role_label(role), committee=committee.name
        ),
        {"role": role, "start_date": start_date.isoformat()},
    )
    return member_info(membership)


def end_membership(
    db: Database, membership_id: int, end_date: date, *, expected_version: int
) -> MemberInfo:
    with unit_of_work(db) as session:
        membership = fresh(session, Membership, membership_id)
        if membership is None:
            raise NotFound(_("No existe la membresía {id}.").format(id=membership_id))
        check_version(membership.version, expected_version)
        if end_date < membership.start_date:
            raise ValidationError(_("La fecha de retiro es anterior a la de ingreso."))
        old = membership.end_date
        membership.end_date = end_date
        session.flush()
        record(
            session,
            db.user_name,
            "update",
            "memberships",
            membership.id,
            _("Retiro de {name}").format(name=membership.person.full_name),
            {"end_date": [old.isoformat() if old else None, end_date.isoformat()]},
        )
        return member_info(membership)


def _in_approved_minutes(session: Session, membership_id: int) -> bool:
    from mipg_desktop.models.sessions import Attendance, CommitteeSession

    return (
        session.scalar(
            select(Attendance.id)
            .join(CommitteeSession, CommitteeSession.id == Attendance.session_id)
            .where(Attendance.membership_id == membership_id, CommitteeSession.status == "approved")
            .limit(1)
        )
        is not None
    )


def update_membership(
    db: Database,
    membership_id: int,
    *,
    expected_version: int,
    base: dict[str, Any] | None = None,
    role: str | None = None,
    position: str | None = None,
    has_vote: bool | None = None,
    start_date: date | None = None,
    end_date: date | EllipsisType | None = ...,
) -> MemberInfo:
    """Correct a membership: role, position, vote, period. Once an approved acta lists it,
    only its end date may change (use :func:`end_membership`); a new role or position is a
    new membership."""
    given = {
        "role": role,
        "position": position,
        "has_vote": has_vote,
        "start_date": start_date,
        "end_date": end_date,
    }
    asked = [k for k, v in given.items() if v is not None and v is not ...]
    if end_date is None:
        asked.append("end_date")
    with unit_of_work(db) as session:
        membership = fresh(session, Membership, membership_id)
        if membership is None:
            raise NotFound(_("No existe la membresía {id}.").format(id=membership_id))
        check_fields(membership, expected_version, {k: getattr(membership, k) for k in asked}, base)
        if _in_approved_minutes(session, membership.id):
            raise ReadOnlyRecord(
                _(
                    "Esta membresía figura en actas aprobadas; registre el cambio como una "
                    "membresía nueva desde la fecha en que rige."
                )
            )
        changes: dict[str, list[object]] = {}
        if role is not None:
            require_choice(role, ROLES, _("Rol"))
            changes["role"] = [membership.role, role]
            membership.role = role
        if position is not None:
            value = clean_line(position, _("Cargo"), 300)
            changes["position"] = [membership.position, value]
            membership.position = value
        if has_vote is not None:
            changes["has_vote"] = [membership.has_vote, has_vote]
            membership.has_vote = has_vote
        if start_date is not None:
            changes["start_date"] = [membership.start_date.isoformat(), start_date.isoformat()]
            membership.start_date = start_date
        if not isinstance(end_date, EllipsisType):
            changes["end_date"] = [membership.end_date, end_date]
            membership.end_date = end_date
        if membership.end_date is not None and membership.end_date < membership.start_date:
            raise ValidationError(_("La fecha de retiro es anterior a la de ingreso."))
        if membership.role in ("permanent_guest", "guest") and membership.has_vote:
            raise ValidationError(_("Los invitados tienen voz pero no voto."))
        _check_seats(session, membership)
        session.flush()
        record(
            session,
            db.user_name,
            "update",
            "memberships",
            membership.id,
            membership.person.full_name,
            {k: [str(a), str(b)] for k, (a, b) in changes.items()},
        )
        return member_info(membership)


def remove_membership(db: Database, membership_id: int, *, expected_version: int) -> None:
    """Delete a membership registered by mistake (never one with recorded attendance)."""
    from mipg_desktop.models.sessions import Attendance

    with unit_of_work(db) as session:
        membership = fresh(session, Membership, membership_id)
        if membership is None:
            raise NotFound(_("No existe la membresía {id}.").format(id=membership_id))
        check_version(membership.version, expected_version)
        used = session.scalar(
            select(Attendance.id).where(Attendance.membership_id == membership.id).limit(1)
        )
        if used is not None:
            raise ValidationError(
                _("La membresía tiene asistencia registrada; registre su fecha de retiro.")
            )
        name = membership.person.full_name
        session.delete(membership)
        record(session, db.user_name, "delete", "memberships", membership_id, name)
