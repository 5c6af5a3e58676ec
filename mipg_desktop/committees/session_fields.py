"""What a session's fields may hold, its consecutive number, and the warning when numbers
and dates of a committee's actas disagree (helpers of :mod:`sessions`)."""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from mipg_desktop.committees import labels
from mipg_desktop.committees.common import clean_line, require_choice
from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.sessions import MODALITIES, SESSION_KINDS, CommitteeSession

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def next_number(session: Session, committee_id: int, year: int) -> int:
    current = session.scalar(
        select(func.max(CommitteeSession.number)).where(
            CommitteeSession.committee_id == committee_id, CommitteeSession.year == year
        )
    )
    return int(current or 0) + 1


def session_fields(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "kind":
            out[key] = require_choice(value, SESSION_KINDS, _("Carácter de la sesión"))
        elif key == "modality":
            out[key] = require_choice(value, MODALITIES, _("Modalidad"))
        elif key in ("place", "platform"):
            out[key] = clean_line(value, _("Lugar") if key == "place" else _("Plataforma"), 300)
        elif key == "next_meeting_place":
            out[key] = clean_line(value, _("Lugar de la próxima reunión"), 300)
        elif key in ("session_date", "next_meeting_date"):
            if value is not None and not isinstance(value, date):
                raise ValidationError(_("Fecha no válida: {v}.").format(v=value))
            out[key] = value
        elif key in ("start_time", "end_time", "next_meeting_time"):
            if value is not None and not isinstance(value, time):
                raise ValidationError(_("Hora no válida: {v}.").format(v=value))
            out[key] = value
        else:
            raise ValidationError(_("Campo desconocido: {field}").format(field=key))
    start, end = out.get("start_time"), out.get("end_time")
    if start and end and end < start:
        raise ValidationError(_("La hora de finalización es anterior a la de inicio."))
    return out


def date_order(session: Session, row: CommitteeSession) -> tuple[str, ...]:
    """A warning naming both actas when the session's number and date disagree with another
    session of its committee and year (Acta No. 02 dated before Acta No. 01)."""
    others = session.scalars(
        select(CommitteeSession).where(
            CommitteeSession.committee_id == row.committee_id,
            CommitteeSession.year == row.year,
            CommitteeSession.id != row.id,
            CommitteeSession.status != "cancelled",
        )
    )
    warnings = []
    for other in others:
        earlier_number = other.number < row.number
        if (earlier_number and other.session_date > row.session_date) or (
            not earlier_number and other.session_date < row.session_date
        ):
            first, second = (other, row) if earlier_number else (row, other)
            warnings.append(
                _(
                    "El {second} ({second_day}) queda con fecha anterior al {first} "
                    "({first_day}): revise la fecha o el número."
                ).format(
                    first=labels.session_title(first.number, first.year),
                    first_day=first.session_date.strftime("%d/%m/%Y"),
                    second=labels.session_title(second.number, second.year),
                    second_day=second.session_date.strftime("%d/%m/%Y"),
                )
            )
    return tuple(warnings)
