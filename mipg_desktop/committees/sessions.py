"""Session lifecycle: create (numbered, agenda proposed), update, checked transitions.

scheduled → convened → held → minutes_draft → under_review → approved
(under_review → minutes_draft returns a draft; scheduled/convened → cancelled).
Approval itself is :func:`mipg_desktop.committees.approval.approve_minutes`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from mipg_desktop.audit import record
from mipg_desktop.committees import labels
from mipg_desktop.committees.calendar import colombia_today, latest_notice_date
from mipg_desktop.committees.common import (
    check_fields,
    check_version,
    clean_line,
    editable_session,
    new_uid,
    unit_of_work,
)
from mipg_desktop.committees.modality import committee_rule, require_reason
from mipg_desktop.committees.proposal import previous_session, seed_agenda
from mipg_desktop.committees.readers import get_committee_row, session_summary
from mipg_desktop.committees.session_fields import date_order, next_number, session_fields
from mipg_desktop.committees.types import template_items
from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.sessions import AgendaItem, CommitteeSession
from mipg_desktop.storage.base import utcnow

if TYPE_CHECKING:
    from mipg_desktop.committees.views import SessionSummary
    from mipg_desktop.storage.database import Database

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "scheduled": ("convened", "cancelled"),
    "convened": ("held", "cancelled"),
    "held": ("minutes_draft",),
    "minutes_draft": ("under_review",),
    "under_review": ("minutes_draft", "approved"),
    "approved": (),
    "cancelled": (),
}
MAX_OVERRIDE_REASON = 1000
HELD = ("held", "minutes_draft", "under_review")


def create_session(
    db: Database,
    committee_id: int,
    session_date: date,
    kind: str = "ordinary",
    modality: str = "in_person",
    place: str = "",
    platform: str = "",
    start_time: time | None = None,
    end_time: time | None = None,
    modality_reason: str = "",
    agenda_template: str = "",
) -> SessionSummary:
    """A new session numbered consecutively per committee and year, its agenda proposed.

    The agenda starts from the committee's template; an ordinary session proposes
    the previous acta for approval and every open or overdue commitment as sub-items.
    ``agenda_template``: a session template of the committee's type, whose items join the
    agenda. A modality the reglamento does not allow needs ``modality_reason``.
    """
    extra = template_items(db, committee_id, agenda_template) if agenda_template else ()
    fields = session_fields(
        {
            "kind": kind,
            "modality": modality,
            "place": place,
            "platform": platform,
            "start_time": start_time,
            "end_time": end_time,
        }
    )
    with unit_of_work(db) as session:
        committee = get_committee_row(session, committee_id)
        reason = require_reason(committee, fields["modality"], modality_reason)
        previous = previous_session(session, committee.id, session_date)
        row = CommitteeSession(
            uid=new_uid(),
            committee_id=committee.id,
            number=next_number(session, committee.id, session_date.year),
            year=session_date.year,
            session_date=session_date,
            previous_session_id=previous.id if previous else None,
            status="scheduled",
            modality_reason=reason,
            **fields,
        )
        session.add(row)
        session.flush()
        seed_agenda(session, committee, row, previous, extra)
        title = labels.session_title(row.number, row.year)
        audited = {"session_date": session_date.isoformat(), "kind": kind}
        if agenda_template:
            audited["agenda_template"] = agenda_template
        if reason:
            audited.update(modality=row.modality, modality_reason=reason)
        record(
            session,
            db.user_name,
            "create_outside_modality" if reason else "create",
            "committee_sessions",
            row.id,
            _("{title} de {committee}").format(title=title, committee=committee.name),
            audited,
        )
        return replace(session_summary(row, committee.name), warnings=date_order(session, row))


def update_session(
    db: Database,
    session_id: int,
    *,
    expected_version: int,
    base: dict[str, Any] | None = None,
    **values: Any,
) -> SessionSummary:
    """Change date, times, kind, modality, place, platform or the next meeting's date, time
    (``next_meeting_time``) and place (``next_meeting_place``).

    Refused when the session changed since ``expected_version`` and the fields this change
    writes no longer hold ``base`` (what it was read with)."""
    fields = session_fields(values)
    with unit_of_work(db) as session:
        row = editable_session(session, session_id)
        check_fields(row, expected_version, {k: getattr(row, k) for k in fields}, base)
        session_fields(
            {
                "start_time": fields.get("start_time", row.start_time),
                "end_time": fields.get("end_time", row.end_time),
            }
        )
        if "session_date" in fields and fields["session_date"].year != row.year:
            raise ValidationError(
                _("La nueva fecha cambia el año del acta; cree una sesión nueva para ese año.")
            )
        if (
            "session_date" in fields
            and row.status in HELD
            and fields["session_date"] > colombia_today()
        ):
            raise ValidationError(
                _("La sesión ya se realizó: su fecha no puede quedar en el futuro ({day}).").format(
                    day=fields["session_date"].strftime("%d/%m/%Y")
                )
            )
        changes = {
            k: [str(getattr(row, k)), str(v)] for k, v in fields.items() if getattr(row, k) != v
        }
        for key, value in fields.items():
            setattr(row, key, value)
        committee = get_committee_row(session, row.committee_id)
        if "modality" in changes and committee_rule(committee, row.modality) is None:
            row.modality_reason = ""  # back within the rules: no reason to state
        session.flush()
        if changes:
            record(
                session,
                db.user_name,
                "update",
                "committee_sessions",
                row.id,
                labels.session_title(row.number, row.year),
                changes,
            )
        return replace(session_summary(row, committee.name), warnings=date_order(session, row))


def check_transition(current: str, target: str) -> None:
    if target not in TRANSITIONS.get(current, ()):
        raise ValidationError(
            _("Una sesión «{current}» no puede pasar a «{target}».").format(
                current=labels.session_status_label(current),
                target=labels.session_status_label(target),
            )
        )


def convocation_deadline(db: Database, session_id: int) -> date:
    """The last day the session can be convened in time (notice days in business days)."""
    from mipg_desktop.committees.readers import get_session_row

    with unit_of_work(db, write=False) as session:
        row = get_session_row(session, session_id)
        rules = get_committee_row(session, row.committee_id).rules
        days = 0
        if rules is not None:
            days = (
                rules.notice_days_ordinary
                if row.kind == "ordinary"
                else rules.notice_days_extraordinary
            )
        return latest_notice_date(row.session_date, days)


def convene(
    db: Database,
    session_id: int,
    convened_on: date | None = None,
    override_reason: str = "",
    expected_version: int | None = None,
    modality_reason: str = "",
) -> SessionSummary:
    """Send the convocation; refused when later than the reglamento's notice in business days.

    A late convocation goes through only when ``override_reason`` is given: that reason
    is the explicit override, stored on the session and audited as ``convene_late``.
    A modality outside the reglamento needs ``modality_reason`` (unless the session already
    has one), stored and audited the same way.
    """

    sent = convened_on or colombia_today()
    reason = clean_line(override_reason, _("Motivo"), MAX_OVERRIDE_REASON)
    with unit_of_work(db) as session:
        row = editable_session(session, session_id)
        check_version(row.version, expected_version)
        check_transition(row.status, "convened")
        committee = get_committee_row(session, row.committee_id)
        rules = committee.rules
        days = 0
        if rules is not None:
            days = (
                rules.notice_days_ordinary
                if row.kind == "ordinary"
                else rules.notice_days_extraordinary
            )
        latest = latest_notice_date(row.session_date, days)
        late = sent > latest
        if late and not reason:
            raise ValidationError(
                _(
                    "Convocatoria extemporánea: para la sesión {kind} del {day} el reglamento "
                    "exige {n} días hábiles de antelación, así que debía convocarse a más tardar "
                    "el {latest}. Indique el motivo para convocar de todos modos."
                ).format(
                    kind=labels.session_kind_label(row.kind).lower(),
                    day=row.session_date.isoformat(),
                    n=days,
                    latest=latest.isoformat(),
                )
            )
        if sent > row.session_date:
            raise ValidationError(_("La convocatoria no puede ser posterior a la sesión."))
        modality = require_reason(committee, row.modality, modality_reason or row.modality_reason)
        row.modality_reason = modality
        row.status = "convened"
        row.convened_on = sent
        row.convened_at = utcnow()
        row.notice_override_reason = reason if late else ""
        session.flush()
        changes: dict[str, Any] = {
            "status": ["scheduled", "convened"],
            "convened_on": sent.isoformat(),
        }
        if late:
            changes["override_reason"] = reason
            changes["latest_notice_date"] = latest.isoformat()
        if modality:
            changes.update(modality=row.modality, modality_reason=modality)
        record(
            session,
            db.user_name,
            "convene_late" if late else "convene",
            "committee_sessions",
            row.id,
            labels.session_title(row.number, row.year),
            changes,
        )
        return session_summary(row, committee.name)


def set_status(
    db: Database,
    session_id: int,
    target: str,
    expected_version: int | None = None,
    note: str = "",
) -> SessionSummary:
    """Any checked transition except convening and approval (they have their own calls)."""
    if target == "convened":
        raise ValidationError(_("Use «convocar» para convocar la sesión."))
    if target == "approved":
        raise ValidationError(_("Use «aprobar acta» para aprobar la sesión."))
    note = clean_line(note, _("Observación"), 1000)
    with unit_of_work(db) as session:
        row = editable_session(session, session_id)
        check_version(row.version, expected_version)
        check_transition(row.status, target)
        if target == "held" and row.session_date > colombia_today():
            raise ValidationError(
                _(
                    "La sesión es del {day}: no se puede marcar como realizada antes de esa fecha."
                ).format(day=row.session_date.strftime("%d/%m/%Y"))
            )
        before = row.status
        row.status = target
        session.flush()
        committee = get_committee_row(session, row.committee_id)
        record(
            session,
            db.user_name,
            "status",
            "committee_sessions",
            row.id,
            labels.session_title(row.number, row.year),
            {"status": [before, target], "note": note},
        )
        return session_summary(row, committee.name)


def mark_held(db: Database, session_id: int, expected_version: int | None = None) -> SessionSummary:
    return set_status(db, session_id, "held", expected_version)


def start_minutes(
    db: Database, session_id: int, expected_version: int | None = None
) -> SessionSummary:
    return set_status(db, session_id, "minutes_draft", expected_version)


def submit_for_review(
    db: Database, session_id: int, expected_version: int | None = None
) -> SessionSummary:
    return set_status(db, session_id, "under_review", expected_version)


def return_to_draft(
    db: Database, session_id: int, note: str = "", expected_version: int | None = None
) -> SessionSummary:
    return set_status(db, session_id, "minutes_draft", expected_version, note)


def cancel_session(
    db: Database, session_id: int, reason: str, expected_version: int | None = None
) -> SessionSummary:
    if not reason.strip():
        raise ValidationError(_("Indique el motivo de la cancelación."))
    return set_status(db, session_id, "cancelled", expected_version, reason)


def delete_session(db: Database, session_id: int) -> None:
    """Delete a session created by mistake: only a scheduled or cancelled one that is the
    last of its committee and year (so acta numbers stay consecutive) and that no other
    session refers to."""
    with unit_of_work(db) as session:
        row = session.get(CommitteeSession, session_id)
        if row is None:
            from mipg_desktop.errors import NotFound

            raise NotFound(_("No existe la sesión {id}.").format(id=session_id))
        title = labels.session_title(row.number, row.year)
        if row.status not in ("scheduled", "cancelled"):
            raise ValidationError(
                _(
                    "Solo se elimina una sesión programada o cancelada; el {title} está «{s}»."
                ).format(title=title, s=labels.session_status_label(row.status))
            )
        if next_number(session, row.committee_id, row.year) != row.number + 1:
            raise ValidationError(
                _("Solo se puede eliminar la última sesión del año; cancele el {title}.").format(
                    title=title
                )
            )
        referring = session.scalar(
            select(func.count()).where(
                (CommitteeSession.previous_session_id == row.id)
                | CommitteeSession.id.in_(
                    select(AgendaItem.session_id).where(AgendaItem.linked_session_id == row.id)
                )
            )
        )
        if referring:
            raise ValidationError(
                _(
                    "Otra sesión hace referencia al {title}; cancélelo en lugar de eliminarlo."
                ).format(title=title)
            )
        session.delete(row)
        record(session, db.user_name, "delete", "committee_sessions", session_id, title)
