"""Bringing one member's response in (:func:`import_response`): the checks, the store, and
what a response saved again does to the observations already here. Read and resolve them
with :mod:`review` and :mod:`review_actions`."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from mipg_desktop.audit import record
from mipg_desktop.committees import labels
from mipg_desktop.committees.common import editable_session, unit_of_work
from mipg_desktop.committees.record_schema import from_json
from mipg_desktop.committees.review_package import (
    draft_version,
)
from mipg_desktop.committees.review_response import read_response, refuse
from mipg_desktop.i18n import _
from mipg_desktop.models.committees import Committee, Membership, Person
from mipg_desktop.models.review import ReviewObservation, ReviewResponse
from mipg_desktop.models.sessions import CommitteeSession
from mipg_desktop.storage.base import utcnow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.committees.review import ResponseImport
    from mipg_desktop.storage.database import Database


def import_response(db: Database, path: Path, session_id: int | None = None) -> ResponseImport:
    """Bring one member's response in. ``session_id``: the session the secretary is looking
    at (a response for another one is then refused)."""
    from mipg_desktop.history import perform
    from mipg_desktop.scopes import session_scope

    file = read_response(Path(path))
    response = file.response
    with unit_of_work(db, write=False) as session:
        row = session.scalar(
            select(CommitteeSession).where(CommitteeSession.uid == response["session_uid"])
        )
        if row is None or (session_id is not None and row.id != session_id):
            raise refuse(_("es la respuesta a una sesión que no es esta ni está en esta base."))
        sid = row.id
        title = labels.session_title(row.number, row.year)
        committee = session.get(Committee, row.committee_id)
        where = (
            title if committee is None else f"{title} · {committee.short_name or committee.name}"
        )
    label = _("Importar la respuesta de {name}").format(name=response["member_name"][:80])
    result = perform(db, label, session_scope(sid), lambda: _store(db, sid, file, title))
    return dataclasses.replace(result.value, session_title=where)


def _store(db: Database, session_id: int, file: Any, title: str) -> ResponseImport:
    from mipg_desktop.committees.review import ResponseImport, current_targets

    response, rows = file.response, file.observations
    with unit_of_work(db) as session:
        found = session.scalar(select(ReviewResponse).where(ReviewResponse.uid == response["uid"]))
        if found is not None:
            if found.session_id != session_id:
                raise refuse(_("la respuesta ya se importó en otra sesión."))
            return ResponseImport(
                session_id, found.member_name, 0, found.no_observations, True, False
            )
        status = session.scalar(
            select(CommitteeSession.status).where(CommitteeSession.id == session_id)
        )
        if status == "approved":
            raise refuse(
                _(
                    "el {title} ya está aprobada: una respuesta que llega después no cambia el "
                    "acta (si señala un error, la secretaría puede registrar una fe de erratas)."
                ).format(title=title)
            )
        row = editable_session(session, session_id)
        if row.status in ("scheduled", "convened"):
            raise refuse(_("el {title} aún no tiene acta en borrador.").format(title=title))
        person = _member(session, row, response["member_uid"], response["member_name"])
        earlier = _earlier_observations(session, session_id, person.id, rows)
        current = draft_version(current_targets(session, session_id))
        older = response["session_version"] != current
        stored = ReviewResponse(
            uid=response["uid"],
            session_id=session_id,
            person_id=person.id,
            member_name=person.full_name,
            session_version=response["session_version"],
            created_at=from_json("datetime", response["created_at"]),
            no_observations=response["no_observations"],
            imported_at=utcnow(),
            imported_by=db.user_name[:200],
            file_sha256=file.sha256,
        )
        session.add(stored)
        session.flush()
        new = [data for data in rows if data["uid"] not in earlier]
        for position, data in enumerate(new):
            session.add(_observation(stored, position, data))
        updated = sum(_update_open(earlier[d["uid"]], d) for d in rows if d["uid"] in earlier)
        not_applied = sum(
            _reworded_resolved(earlier[d["uid"]], d) for d in rows if d["uid"] in earlier
        )
        session.flush()
        record(
            session,
            db.user_name,
            "import",
            "review_responses",
            stored.id,
            _("Respuesta de {name} al {title}").format(name=person.full_name, title=title),
            {
                "uid": stored.uid,
                "observations": len(new),
                "updated": updated,
                "repeated": len(rows) - len(new),
                "not_applied": not_applied,
                "older_draft": older,
                "sha256": file.sha256,
            },
        )
        return ResponseImport(
            session_id,
            person.full_name,
            len(new),
            stored.no_observations,
            False,
            older,
            updated=updated,
            repeated=len(rows) - len(new),
            not_applied=not_applied,
        )


def _earlier_observations(
    session: Session, session_id: int, person_id: int, rows: list[dict[str, Any]]
) -> dict[str, ReviewObservation]:
    """The observations of ``rows`` already here from an earlier response of the same member
    to the same session (a response saved again); any other owner is refused."""
    uids = [r["uid"] for r in rows]
    if not uids:
        return {}
    found = session.execute(
        select(ReviewObservation, ReviewResponse.person_id)
        .join(ReviewResponse, ReviewResponse.id == ReviewObservation.response_id)
        .where(ReviewObservation.uid.in_(uids))
    ).all()
    for observation, owner in found:
        if observation.session_id != session_id or owner != person_id:
            raise refuse(_("trae observaciones ya importadas con otra respuesta."))
    return {observation.uid: observation for observation, _owner in found}


def _reworded(observation: ReviewObservation, data: dict[str, Any]) -> bool:
    return (observation.comment, observation.proposed_text, observation.text_seen) != (
        data["comment"],
        data["proposed_text"],
        data["text_seen"],
    )


def _reworded_resolved(observation: ReviewObservation, data: dict[str, Any]) -> bool:
    """A resolved observation the member wrote differently since (it stays as resolved)."""
    return observation.status != "open" and _reworded(observation, data)


def _update_open(observation: ReviewObservation, data: dict[str, Any]) -> bool:
    """An open observation takes what the member wrote since; a resolved one stays."""
    if observation.status != "open":
        return False
    changed = _reworded(observation, data)
    if changed:
        observation.comment = data["comment"]
        observation.proposed_text = data["proposed_text"]
        observation.text_seen = data["text_seen"]
        observation.created_at = from_json("datetime", data["created_at"])
    return changed


def _observation(response: ReviewResponse, position: int, data: dict[str, Any]) -> Any:
    return ReviewObservation(
        uid=data["uid"],
        response_id=response.id,
        session_id=response.session_id,
        position=position,
        target_kind=data["target_kind"],
        target_uid=data["target_uid"],
        text_seen=data["text_seen"],
        comment=data["comment"],
        proposed_text=data["proposed_text"],
        created_at=from_json("datetime", data["created_at"]),
        status="open",
        reply="",
        resolved_by="",
    )


def _member(session: Session, row: CommitteeSession, person_uid: str, name: str) -> Person:
    """The author, a member of the session's committee on its date; else refused."""
    person = session.scalar(select(Person).where(Person.uid == person_uid))
    day: date = row.session_date
    seat = (
        None
        if person is None
        else session.scalar(
            select(Membership.id).where(
                Membership.committee_id == row.committee_id,
                Membership.person_id == person.id,
                Membership.start_date <= day,
                (Membership.end_date.is_(None)) | (Membership.end_date >= day),
            )
        )
    )
    if person is None or seat is None:
        raise refuse(
            _("{name} no integra el comité en la fecha de la sesión ({day}).").format(
                name=name[:200], day=day.isoformat()
            )
        )
    return person
