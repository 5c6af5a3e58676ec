"""The pack's figures as of the session's day: which commitments were pending, overdue or
done then, with the progress recorded by that day."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mipg_desktop.documents.model import Commitment

if TYPE_CHECKING:
    from mipg_desktop.committees.views import CommitmentInfo


def commitment_of(c: CommitmentInfo) -> Commitment:
    return Commitment(
        number=str(c.number),
        text=c.text,
        owner=c.owner,
        due_date=c.due_date,
        status=c.status_label,
        progress=c.progress,
        closed_on=c.closed_on,
        origin=c.session_title,
    )


def _progress_on(c: CommitmentInfo, day: date) -> int | None:
    """The commitment's progress as recorded by ``day`` (follow-ups after it do not count)."""
    reported = [f for f in c.follow_ups if f.progress is not None]
    if not reported:
        return c.progress
    before = [f for f in reported if f.on_date <= day]
    return before[-1].progress if before else None


def _as_of(c: CommitmentInfo, day: date) -> tuple[Commitment, bool]:
    """The commitment as it stood on ``day`` and whether it was overdue then."""
    from mipg_desktop.committees.labels import commitment_status_label

    progress = _progress_on(c, day)
    overdue = c.due_date is not None and c.due_date < day
    status = c.status if c.closed_on is None else ("in_progress" if progress else "open")
    item = commitment_of(c)
    label = commitment_status_label(status, overdue)
    return Commitment(
        item.number, item.text, item.owner, item.due_date, label, progress, None, item.origin
    ), overdue


def pack_commitments(
    commitments: list[CommitmentInfo], day: date, since: date
) -> tuple[tuple[Commitment, ...], tuple[Commitment, ...], tuple[Commitment, ...]]:
    """(open, overdue, done since the last session), all as of the session's ``day``.

    A commitment closed on ``day`` or later was still pending when the session began (it is
    followed up in it, as the agenda proposes); «Vencido» means due before ``day``, whatever
    today is.
    """
    from mipg_desktop.models.minutes import OPEN_COMMITMENT_STATUSES

    open_: list[Commitment] = []
    overdue: list[Commitment] = []
    done: list[Commitment] = []
    for c in commitments:
        pending = c.status in OPEN_COMMITMENT_STATUSES or (
            c.closed_on is not None and c.closed_on >= day
        )
        if pending:
            item, late = _as_of(c, day)
            (overdue if late else open_).append(item)
        elif c.status == "done" and c.closed_on is not None and since <= c.closed_on < day:
            done.append(commitment_of(c))
    return tuple(open_), tuple(overdue), tuple(done)
