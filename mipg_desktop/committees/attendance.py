"""Attendance per member, session guests, and the recorded quorum verification."""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from mipg_desktop.audit import record
from mipg_desktop.committees import labels
from mipg_desktop.committees.common import (
    RecordRef,
    check_fields,
    check_version,
    clean_line,
    editable_session,
    new_uid,
    require_choice,
    unit_of_work,
)
from mipg_desktop.committees.phases import OPEN_PHASES
from mipg_desktop.committees.readers import get_session_row
from mipg_desktop.committees.session_detail import live_quorum
from mipg_desktop.errors import NotFound, ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.committees import Membership
from mipg_desktop.models.sessions import (
    ATTENDANCE_STATUSES,
    ATTENDING_STATUSES,
    Attendance,
    CommitteeSession,
    QuorumCheck,
    SessionGuest,
)
from mipg_desktop.storage.base import utcnow

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy.orm import Session

    from mipg_desktop.committees.views import QuorumInfo
    from mipg_desktop.storage.database import Database

ATTENDANCE_OPEN = OPEN_PHASES


def _require_attendance_phase(row: CommitteeSession) -> None:
    if row.status not in ATTENDANCE_OPEN:
        raise ValidationError(
            _("La asistencia se registra desde que la sesión está convocada (estado: {s}).").format(
                s=labels.session_status_label(row.status)
            )
        )


def set_attendance(
    db: Database,
    session_id: int,
    membership_id: int,
    status: str,
    delegate_name: str = "",
    delegate_position: str = "",
    remote: bool = False,
    arrival_time: time | None = None,
    *,
    expected_version: int | None,
) -> RecordRef:
    """Present, absent, excused or delegated (with the delegate's name); remote; arrival.

    ``expected_version``: the version of the mark as read (None: there was none); a mark
    changed meanwhile by someone else is refused, not overwritten."""
    require_choice(status, ATTENDANCE_STATUSES, _("Asistencia"))
    delegate = clean_line(delegate_name, _("Delegado"), 200)
    delegate_pos = clean_line(delegate_position, _("Cargo del delegado"), 300)
    if status == "delegated" and not delegate:
        raise ValidationError(_("Indique el nombre de quien asiste en representación."))
    if status != "delegated":
        delegate, delegate_pos = "", ""
    with unit_of_work(db) as session:
        row = editable_session(session, session_id)
        _require_attendance_phase(row)
        return _mark(
            db,
            session,
            row,
            membership_id,
            status,
            (delegate, delegate_pos),
            remote,
            arrival_time,
            expected_version,
        )


def mark_present(db: Database, session_id: int, membership_ids: Sequence[int]) -> int:
    """The «all present» button: every member given who has no mark yet, present, in one
    transaction (a mark recorded meanwhile, here or elsewhere, is kept). Returns how many."""
    with unit_of_work(db) as session:
        row = editable_session(session, session_id)
        _require_attendance_phase(row)
        marked = set(
            session.scalars(select(Attendance.membership_id).where(Attendance.session_id == row.id))
        )
        todo = [m for m in membership_ids if m not in marked]
        for membership_id in todo:
            _mark(db, session, row, membership_id, "present", ("", ""), False, None, None)
        return len(todo)


def _mark(
    db: Database,
    session: Session,
    row: CommitteeSession,
    membership_id: int,
    status: str,
    delegate: tuple[str, str],
    remote: bool,
    arrival_time: time | None,
    expected_version: int | None,
) -> RecordRef:
    membership = session.get(Membership, membership_id)
    if membership is None or membership.committee_id != row.committee_id:
        raise NotFound(_("Esa persona no es integrante de este comité."))
    if not membership.active_on(row.session_date):
        raise ValidationError(
            _("{name} no era integrante del comité el {day}.").format(
                name=membership.person.full_name, day=row.session_date.isoformat()
            )
        )
    mark = session.scalar(
        select(Attendance).where(
            Attendance.session_id == row.id, Attendance.membership_id == membership.id
        )
    )
    if mark is None:
        if expected_version is not None:
            check_version(0, expected_version)  # it was deleted meanwhile
        mark = Attendance(session_id=row.id, membership_id=membership.id)
        session.add(mark)
    else:
        check_fields(
            mark,
            expected_version,
            {"status": mark.status, "delegate_name": mark.delegate_name},
        )
    before = mark.status if mark.id else None
    mark.status = status
    mark.delegate_name, mark.delegate_position = delegate
    attending = status in ATTENDING_STATUSES
    mark.remote = remote if attending else False
    mark.arrival_time = arrival_time if attending else None
    session.flush()
    record(
        session,
        db.user_name,
        "attendance",
        "attendance",
        mark.id,
        _("{name}: {status}").format(
            name=membership.person.full_name, status=labels.attendance_label(status)
        ),
        {
            "status": [before, status],
            "delegate": delegate[0],
            "remote": remote,
            "arrival": mark.arrival_time.isoformat() if mark.arrival_time else None,
        },
    )
    return RecordRef(mark.id, "", mark.version)


def add_guest(
    db: Database,
    session_id: int,
    name: str,
    position: str = "",
    organization: str = "",
    remote: bool = False,
) -> RecordRef:
    """A guest for this session only: voice without vote, never counted for quorum."""
    guest = SessionGuest(
        uid=new_uid(),
        name=clean_line(name, _("Nombre del invitado"), 200, required=True),
        position=clean_line(position, _("Cargo"), 300),
        organization=clean_line(organization, _("Entidad"), 300),
        remote=remote,
    )
    with unit_of_work(db) as session:
        row = editable_session(session, session_id)
        guest.session_id = row.id
        session.add(guest)
        session.flush()
        record(session, db.user_name, "create", "session_guests", guest.id, guest.name)
        return RecordRef(guest.id, guest.uid, guest.version)


def update_guest(
    db: Database,
    guest_id: int,
    *,
    expected_version: int,
    base: dict[str, Any] | None = None,
    **values: Any,
) -> RecordRef:
    """Correct a session guest's name, position, entity or whether they attend remotely."""
    limits = {"name": 200, "position": 300, "organization": 300}
    names = {"name": _("Nombre del invitado"), "position": _("Cargo"), "organization": _("Entidad")}
    cleaned: dict[str, Any] = {}
    for key, value in values.items():
        if key == "remote":
            cleaned[key] = bool(value)
        elif key in limits:
            cleaned[key] = clean_line(value, names[key], limits[key], required=key == "name")
        else:
            raise ValidationError(_("Campo desconocido: {field}").format(field=key))
    with unit_of_work(db) as session:
        guest = _guest(session, guest_id)
        check_fields(guest, expected_version, {k: getattr(guest, k) for k in cleaned}, base)
        changes = {k: [getattr(guest, k), v] for k, v in cleaned.items() if getattr(guest, k) != v}
        for key, value in cleaned.items():
            setattr(guest, key, value)
        session.flush()
        record(session, db.user_name, "update", "session_guests", guest.id, guest.name, changes)
        return RecordRef(guest.id, guest.uid, guest.version)


def _guest(session: Session, guest_id: int) -> SessionGuest:
    guest = session.get(SessionGuest, guest_id)
    if guest is None:
        raise NotFound(_("No existe el invitado {id}.").format(id=guest_id))
    editable_session(session, guest.session_id)
    return guest


def remove_guest(db: Database, guest_id: int, *, expected_version: int) -> None:
    with unit_of_work(db) as session:
        guest = _guest(session, guest_id)
        check_version(guest.version, expected_version)
        session.delete(guest)
        record(session, db.user_name, "delete", "session_guests", guest_id, guest.name)


def current_quorum(db: Database, session_id: int) -> QuorumInfo:
    """The quorum computed now from attendance and the reglamento (nothing recorded)."""
    with unit_of_work(db, write=False) as session:
        return live_quorum(session, get_session_row(session, session_id))


def verify_quorum(db: Database, session_id: int, at: datetime | None = None) -> QuorumInfo:
    """Record the quorum verification with its time; the acta shows the last one."""
    with unit_of_work(db) as session:
        row = editable_session(session, session_id)
        _require_attendance_phase(row)
        quorum = live_quorum(session, row)
        check = QuorumCheck(
            session_id=row.id,
            checked_at=at or utcnow(),
            voting_members=quorum.voting_members,
            present_voting=quorum.present_voting,
            required_deliberate=quorum.required_deliberate,
            required_decide=quorum.required_decide,
            can_deliberate=quorum.can_deliberate,
            can_decide=quorum.can_decide,
            summary=quorum.text,
            checked_by=db.user_name,
        )
        session.add(check)
        session.flush()
        record(session, db.user_name, "quorum", "quorum_checks", check.id, quorum.text)
        from dataclasses import replace

        return replace(quorum, checked_at=check.checked_at)
