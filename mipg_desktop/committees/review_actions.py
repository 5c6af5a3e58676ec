"""Resolving the members' observations: accept (a proposed wording replaces the text it
refers to), reject with a reply, or mark answered. Each is one undoable operation on the
session (:func:`mipg_desktop.history.perform`), audited, refused once the acta is approved.

An observation on the acta as a whole carries a comment only; accepting it records that
the secretary took it up (the text is then changed by hand, as any other edit).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mipg_desktop.audit import record
from mipg_desktop.committees.common import (
    check_version,
    clean_long,
    editable_session,
    unit_of_work,
)
from mipg_desktop.committees.review import ObservationInfo, review_observations
from mipg_desktop.committees.review_schema import MAX_COMMENT_CHARS
from mipg_desktop.errors import NotFound, ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.minutes import Commitment, Decision
from mipg_desktop.models.review import ReviewObservation, ReviewResponse
from mipg_desktop.models.sessions import AgendaItem
from mipg_desktop.storage.base import utcnow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.storage.database import Database

_TARGETS: dict[str, Any] = {
    "deliberation": AgendaItem,
    "decision": Decision,
    "commitment": Commitment,
}


def accept_observation(
    db: Database, observation_id: int, expected_version: int, reply: str = ""
) -> ObservationInfo:
    """Accept: its proposed wording (if any) replaces the target's text; undo restores it."""
    return _resolve(db, observation_id, expected_version, "accepted", reply)


def reject_observation(
    db: Database, observation_id: int, reply: str, expected_version: int
) -> ObservationInfo:
    if not reply.strip():
        raise ValidationError(_("Escriba la respuesta al integrante: por qué no se acoge."))
    return _resolve(db, observation_id, expected_version, "rejected", reply)


def mark_answered(
    db: Database, observation_id: int, reply: str, expected_version: int
) -> ObservationInfo:
    return _resolve(db, observation_id, expected_version, "answered", reply)


def _label(status: str, name: str) -> str:
    if status == "accepted":
        return _("Acoger la observación de {name}").format(name=name)
    if status == "rejected":
        return _("No acoger la observación de {name}").format(name=name)
    return _("Dar por atendida la observación de {name}").format(name=name)


def _resolve(
    db: Database, observation_id: int, expected_version: int, status: str, reply: str
) -> ObservationInfo:
    from mipg_desktop.history import perform
    from mipg_desktop.scopes import session_scope

    text = clean_long(reply, _("Respuesta"), MAX_COMMENT_CHARS).strip()
    with unit_of_work(db, write=False) as session:
        found = _get(session, observation_id)
        sid = found.session_id
        response = session.get(ReviewResponse, found.response_id)
        label = _label(status, response.member_name[:80] if response else "")

    def apply() -> None:
        with unit_of_work(db) as session:
            obs = _get(session, observation_id)
            editable_session(session, sid)
            check_version(obs.version, expected_version)
            if obs.status != "open":
                raise ValidationError(_("Esta observación ya fue resuelta."))
            if status == "accepted" and obs.proposed_text is not None:
                obs.replaced_text = _replace_text(db, session, obs)
            obs.status, obs.reply = status, text
            obs.resolved_at, obs.resolved_by = utcnow(), db.user_name[:200]
            session.flush()
            record(
                session,
                db.user_name,
                "review",
                "review_observations",
                obs.id,
                label,
                {"status": status, "reply": text, "target": [obs.target_kind, obs.target_uid]},
            )

    perform(db, label, session_scope(sid), apply)
    return next(o for o in review_observations(db, sid) if o.id == observation_id)


def _get(session: Session, observation_id: int) -> ReviewObservation:
    obs = session.get(ReviewObservation, observation_id)
    if obs is None:
        raise NotFound(_("No existe la observación {id}.").format(id=observation_id))
    return obs


def _replace_text(db: Database, session: Session, obs: ReviewObservation) -> str:
    """Write the proposed wording through the target's own service (its checks, its phase
    rule, its audit entry); returns the text it replaced."""
    from sqlalchemy import select

    from mipg_desktop.committees.commitments import update_commitment
    from mipg_desktop.committees.minutes import save_deliberation
    from mipg_desktop.committees.votes import update_decision

    model = _TARGETS.get(obs.target_kind)
    row = None
    if model is not None:
        row = session.scalar(
            select(model).where(model.uid == obs.target_uid, model.session_id == obs.session_id)
        )
    if model is None or row is None:
        raise ValidationError(
            _("El texto de esta observación ya no está en el acta; márquela como atendida.")
        )
    proposed = str(obs.proposed_text)
    if isinstance(row, AgendaItem):
        before = row.deliberation
        save_deliberation(db, row.id, proposed, expected_version=row.version)
    elif isinstance(row, Decision):
        before = row.text
        update_decision(db, row.id, expected_version=row.version, text=proposed)
    else:
        before = row.text
        update_commitment(db, row.id, expected_version=row.version, text=proposed)
    return before
