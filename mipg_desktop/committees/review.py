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

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from mipg_desktop.committees.common import unit_of_work
from mipg_desktop.committees.readers import get_session_row
from mipg_desktop.committees.review_package import (
    ReviewTarget,
    draft_version,
    targets_of_content,
)
from mipg_desktop.i18n import _
from mipg_desktop.models.committees import Person
from mipg_desktop.models.review import ReviewObservation, ReviewResponse
from mipg_desktop.models.sessions import AgendaItem

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
    """Bring one member's response in (:mod:`review_intake`). ``session_id``: the session the
    secretary is looking at (a response for another one is then refused)."""
    from mipg_desktop.committees.review_intake import import_response as bring_in

    return bring_in(db, path, session_id)


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
