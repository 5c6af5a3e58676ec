"""The secretary's side of the review: members' responses brought in, their observations
read beside the texts they refer to.

:func:`import_response` takes one ``.mipgrespuesta`` (:mod:`review_response`), checks it
belongs to a session here and was written by a member of its committee on the session's
date, and stores it with its observations in one undoable operation (all or nothing,
audited). The same response again changes nothing (its uid is already here). A response
made on an older draft is taken: each observation keeps the text the member saw, and
:class:`ObservationInfo` says whether that text changed since (``changed_since``).

Resolving observations (accept, reject, mark answered) is :mod:`review_actions`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from mipg_desktop.audit import record
from mipg_desktop.committees import labels
from mipg_desktop.committees.common import editable_session, unit_of_work
from mipg_desktop.committees.readers import get_session_row
from mipg_desktop.committees.record_schema import from_json
from mipg_desktop.committees.review_package import (
    ReviewTarget,
    draft_version,
    targets_of_content,
)
from mipg_desktop.committees.review_response import read_response, refuse
from mipg_desktop.i18n import _
from mipg_desktop.models.committees import Committee, Membership, Person
from mipg_desktop.models.review import ReviewObservation, ReviewResponse
from mipg_desktop.models.sessions import AgendaItem, CommitteeSession
from mipg_desktop.storage.base import utcnow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.storage.database import Database


@dataclass(frozen=True)
class ObservationInfo:
    id: int
    uid: str
    session_id: int
    member_name: str
    created_at: datetime
    target_kind: str
    target_uid: str
    target_label: str
    item_id: int | None  # the agenda item it belongs to (to show it beside the item)
    comment: str
    proposed_text: str | None
    text_seen: str
    text_now: str | None  # None when the target no longer exists
    changed_since: bool  # the text changed since the member read it
    status: str  # "open" | "accepted" | "rejected" | "answered"
    reply: str
    version: int
    resolved_at: datetime | None = None
    resolved_by: str = ""
    older_draft: bool = False  # the response was made on another version of the draft

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class ResponseImport:
    session_id: int
    member_name: str
    observations: int  # new observations stored
    no_observations: bool
    already_imported: bool  # True: nothing changed
    older_draft: bool  # the response was made on an older draft
    # observations this member had sent before in an earlier response (saved again):
    # still open ones take the new wording, resolved ones are kept as resolved
    updated: int = 0
    repeated: int = 0
    # of those, already resolved here but worded differently in this file: the new wording
    # is not applied (the secretary is told, to ask the member or reopen it by hand)
    not_applied: int = 0
    session_title: str = ""  # «Acta No. 02 de 2026 · CICCI»: which acta it answered


@dataclass(frozen=True)
class MemberSummary:
    """What one member sent: for the list of responses and the acta's «Observaciones
    recibidas»."""

    member_name: str
    person_uid: str
    responses: int
    received_at: datetime  # the latest response's time (as the member wrote it)
    observations: int
    open: int
    accepted: int
    rejected: int
    answered: int

    @property
    def no_observations(self) -> bool:
        return self.observations == 0


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


def current_targets(session: Session, session_id: int) -> list[ReviewTarget]:
    """The session's reviewable texts as stored now (as its package would carry them)."""
    from mipg_desktop.committees.package_content import read_content

    return targets_of_content(read_content(session, session_id))


def review_observations(db: Database, session_id: int) -> list[ObservationInfo]:
    """Every observation of the session, in the acta's reading order, then by time."""
    with unit_of_work(db, write=False) as session:
        return observation_infos(session, session_id)


def observation_infos(session: Session, session_id: int) -> list[ObservationInfo]:
    get_session_row(session, session_id)
    targets = current_targets(session, session_id)
    current = draft_version(targets)
    order = {(t.kind, t.uid): k for k, t in enumerate(targets)}
    by_key = {(t.kind, t.uid): t for t in targets}
    items = {
        uid: item_id
        for uid, item_id in session.execute(
            select(AgendaItem.uid, AgendaItem.id).where(AgendaItem.session_id == session_id)
        )
    }
    found = session.execute(
        select(ReviewObservation, ReviewResponse)
        .join(ReviewResponse, ReviewObservation.response_id == ReviewResponse.id)
        .where(ReviewObservation.session_id == session_id)
    )
    out = [_info(o, r, by_key, items, current) for o, r in found]
    out.sort(
        key=lambda i: (order.get((i.target_kind, i.target_uid), len(order)), i.created_at, i.id)
    )
    return out


def _info(
    o: ReviewObservation,
    r: ReviewResponse,
    targets: dict[tuple[str, str], ReviewTarget],
    items: dict[str, int],
    current: str,
) -> ObservationInfo:
    target = targets.get((o.target_kind, o.target_uid))
    older = r.session_version != current
    # the acta as a whole: changed when the draft did since the member read it; an accepted
    # wording: whether the text it replaced was still the one the member read
    before = o.replaced_text if o.replaced_text is not None else (target and target.text)
    changed = older if o.target_kind == "acta" else (before is None or before != o.text_seen)
    return ObservationInfo(
        id=o.id,
        uid=o.uid,
        session_id=o.session_id,
        member_name=r.member_name,
        created_at=o.created_at,
        target_kind=o.target_kind,
        target_uid=o.target_uid,
        target_label=target.label if target else _("(texto que ya no está en el acta)"),
        item_id=items.get(target.item_uid) if target and target.item_uid else None,
        comment=o.comment,
        proposed_text=o.proposed_text,
        text_seen=o.text_seen,
        text_now=target.text if target else None,
        changed_since=changed,
        status=o.status,
        reply=o.reply,
        version=o.version,
        resolved_at=o.resolved_at,
        resolved_by=o.resolved_by,
        older_draft=older,
    )


def responses_summary(db: Database, session_id: int) -> list[MemberSummary]:
    with unit_of_work(db, write=False) as session:
        return summary_of(session, session_id)


def summary_of(session: Session, session_id: int) -> list[MemberSummary]:
    """Per member who answered: how many responses and observations, and how resolved."""
    rows = session.execute(
        select(ReviewResponse, Person.uid)
        .join(Person, ReviewResponse.person_id == Person.id)
        .where(ReviewResponse.session_id == session_id)
        .order_by(ReviewResponse.created_at, ReviewResponse.id)
    )
    statuses: dict[int, list[str]] = {}
    for response_id, status in session.execute(
        select(ReviewObservation.response_id, ReviewObservation.status).where(
            ReviewObservation.session_id == session_id
        )
    ):
        statuses.setdefault(response_id, []).append(status)
    members: dict[str, dict[str, Any]] = {}
    for response, uid in rows:
        m = members.setdefault(uid, {"name": response.member_name, "n": 0, "s": []})
        m["n"] += 1
        m["at"] = response.created_at
        m["s"] += statuses.get(response.id, [])
    out = [
        MemberSummary(
            m["name"],
            uid,
            m["n"],
            m["at"],
            len(m["s"]),
            *(m["s"].count(s) for s in ("open", "accepted", "rejected", "answered")),
        )
        for uid, m in members.items()
    ]
    return sorted(out, key=lambda s: (s.received_at, s.member_name))


def review_json(summary: tuple[MemberSummary, ...]) -> str:
    """The summary as ``committee_sessions.approved_review`` keeps it ("" when empty)."""
    import json

    if not summary:
        return ""
    rows = [
        [m.person_uid, m.member_name, m.responses, m.received_at.isoformat(), *_counts(m)]
        for m in summary
    ]
    return json.dumps(rows, ensure_ascii=False)


def _counts(m: MemberSummary) -> list[int]:
    return [m.observations, m.open, m.accepted, m.rejected, m.answered]


def frozen_review(text: str) -> tuple[MemberSummary, ...]:
    import json

    return tuple(
        MemberSummary(r[1], r[0], r[2], datetime.fromisoformat(r[3]), *r[4:9])
        for r in json.loads(text)
    )


def open_observations(session: Session, session_id: int) -> int:
    from sqlalchemy import func

    return int(
        session.scalar(
            select(func.count()).where(
                ReviewObservation.session_id == session_id, ReviewObservation.status == "open"
            )
        )
        or 0
    )
