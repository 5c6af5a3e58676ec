"""Demo part: two members' responses to the latest draft acta, one observation resolved.

So the review is there to see: the draft under review (or in draft) of the demo committee
gets a response from the president (a proposed wording on a deliberation, and a remark on
the acta as a whole) and one from a voting member (on a decision, already answered).
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from mipg_desktop.committees.package_content import read_content
from mipg_desktop.committees.review_package import draft_version, targets_of_content
from mipg_desktop.demo import DEMO_SEED
from mipg_desktop.demo.committees_agenda import uid
from mipg_desktop.models.committees import Membership, Person
from mipg_desktop.models.review import ReviewObservation, ReviewResponse
from mipg_desktop.models.sessions import CommitteeSession

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.demo import DemoContext


def build(session: Session, context: DemoContext) -> None:
    rng = random.Random(DEMO_SEED + 15)
    row = session.scalars(
        select(CommitteeSession)
        .where(CommitteeSession.status.in_(("minutes_draft", "under_review")))
        .order_by(CommitteeSession.session_date.desc())
    ).first()
    if row is None:
        return
    targets = targets_of_content(read_content(session, row.id))
    decision = next((t for t in targets if t.kind == "decision"), None)
    texts = [t for t in targets if t.kind == "deliberation" and t.text]
    # the deliberation of the decision's item, else the first one written
    deliberation = next(
        (t for t in texts if decision and t.uid == decision.item_uid), texts[0] if texts else None
    )
    members = (
        session.execute(
            select(Person)
            .join(Membership, Membership.person_id == Person.id)
            .where(
                Membership.committee_id == row.committee_id,
                Membership.has_vote,
                Membership.start_date <= row.session_date,
                (Membership.end_date.is_(None)) | (Membership.end_date >= row.session_date),
            )
            .order_by(Membership.sort_order, Membership.id)
        )
        .scalars()
        .all()
    )
    if deliberation is None or decision is None or len(members) < 2:
        return
    version = draft_version(targets)
    day = min(row.session_date + timedelta(days=1), context.today)
    at = datetime.combine(day, time(13, 30))  # UTC: 8:30 in Colombia
    first = _response(session, rng, row, members[0], version, at)
    proposed = deliberation.text.split("\n\n")[0].rstrip(".") + ", según lo expuesto en la sesión."
    _observation(
        session,
        rng,
        first,
        0,
        "deliberation",
        deliberation.uid,
        deliberation.text,
        "Propongo precisar la redacción del primer párrafo.",
        proposed,
        at,
    )
    _observation(
        session,
        rng,
        first,
        1,
        "acta",
        row.uid,
        "",
        "Incluir en el acta la hora exacta de cierre de la sesión.",
        None,
        at,
    )
    later = at + timedelta(hours=4)
    second = _response(session, rng, row, members[1], version, later)
    answered = _observation(
        session,
        rng,
        second,
        0,
        "decision",
        decision.uid,
        decision.text,
        "¿La decisión incluye el plazo acordado para la entrega?",
        None,
        later,
    )
    answered.status, answered.reply = "answered", "Sí: el plazo está en el compromiso del punto."
    answered.resolved_at, answered.resolved_by = later + timedelta(hours=1), context.user_name
    session.flush()


def _response(
    session: Session,
    rng: random.Random,
    row: CommitteeSession,
    person: Person,
    version: str,
    at: datetime,
) -> ReviewResponse:
    response = ReviewResponse(
        uid=uid(rng),
        session_id=row.id,
        person_id=person.id,
        member_name=person.full_name,
        session_version=version,
        created_at=at,
        no_observations=False,
        imported_at=at + timedelta(hours=1),
        imported_by="demo",
        file_sha256="",
    )
    session.add(response)
    session.flush()
    return response


def _observation(
    session: Session,
    rng: random.Random,
    response: ReviewResponse,
    position: int,
    kind: str,
    target_uid: str,
    seen: str,
    comment: str,
    proposed: str | None,
    at: datetime,
) -> ReviewObservation:
    observation = ReviewObservation(
        uid=uid(rng),
        response_id=response.id,
        session_id=response.session_id,
        position=position,
        target_kind=kind,
        target_uid=target_uid,
        text_seen=seen,
        comment=comment,
        proposed_text=proposed,
        created_at=at,
        status="open",
        reply="",
        resolved_by="",
    )
    session.add(observation)
    return observation
