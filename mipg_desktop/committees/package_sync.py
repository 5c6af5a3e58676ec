"""Writing a session's own records from a checked package (part of :mod:`package_apply`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select

from mipg_desktop.committees.attachments import guess_mime
from mipg_desktop.committees.record_schema import Record, Ref, column_values, from_json, ref_values
from mipg_desktop.committees.session_schema import (
    AGENDA_ITEMS,
    ATTACHMENTS,
    ATTENDANCE,
    COMMITMENTS,
    DECISIONS,
    EARLIER_FOLLOW_UPS,
    ERRATA,
    FOLLOW_UPS,
    GUESTS,
    QUORUM_CHECKS,
)
from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.catalog import PlanType, Policy
from mipg_desktop.models.minutes import Commitment, CommitmentFollowUp, Decision, Erratum
from mipg_desktop.models.sessions import (
    AgendaAttachment,
    AgendaItem,
    AttachmentBlob,
    Attendance,
    CommitteeSession,
    QuorumCheck,
    SessionGuest,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def parse_value(value: Any, kind: type) -> Any:
    return from_json(kind.__name__, value)


def uid_map(session: Session, model: type[Any], uids: list[str | None]) -> dict[str, int]:
    wanted = sorted({u for u in uids if u})
    out: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for uid, row_id in session.execute(select(model.uid, model.id).where(model.uid.in_(chunk))):
            out[uid] = row_id
    return out


Resolve = Callable[[Ref, str | None], int | None]


def resolver(
    in_package: dict[str, dict[str, int]], elsewhere: dict[type[Any], dict[str, int]]
) -> Resolve:
    """Resolves a reference by the ids of the package's records already written (by
    section) or of this database's records (by model); ``None`` when it names none."""

    def resolve(ref: Ref, uid: str | None) -> int | None:
        if uid is None:
            return None
        ids = in_package[ref.section] if ref.section else elsewhere.get(ref.model, {})
        return ids.get(uid)

    return resolve


def values(record: Record, data: dict[str, Any], resolve: Resolve, sid: int) -> dict[str, Any]:
    """What the model is built from: its columns, its references, and its session."""
    out = {**column_values(record, data), **ref_values(record, data, resolve)}
    if record.in_session:
        out["session_id"] = sid
    return out


# Records nothing else refers to: replaced wholesale, in this order.
_REPLACED = (ATTACHMENTS, ATTENDANCE, GUESTS, QUORUM_CHECKS, DECISIONS, FOLLOW_UPS)


def write_children(
    session: Session,
    row: CommitteeSession,
    content: dict[str, Any],
    members: dict[str, int],
    known: Callable[[str, str | None], str | None],
    blobs: dict[str, bytes],
) -> None:
    sid = row.id
    for model in (Attendance, SessionGuest, QuorumCheck, Decision, AgendaAttachment):
        session.execute(delete(model).where(model.session_id == sid))
    follow_ids = select(Commitment.id).where(Commitment.session_id == sid)
    session.execute(
        delete(CommitmentFollowUp).where(CommitmentFollowUp.commitment_id.in_(follow_ids))
    )
    items = _sync_items(session, sid, content["agenda_items"])
    commitments = _sync_commitments(session, sid, content["commitments"], items, members)
    _link_items(session, content["agenda_items"], items, commitments, known)
    _store_blobs(session, content["attachments"], blobs)
    sessions = uid_map(session, CommitteeSession, [f["session_uid"] for f in content["follow_ups"]])
    resolve = resolver(
        {"agenda_items": items, "memberships": members, "commitments": commitments},
        {CommitteeSession: sessions},
    )
    for record in _REPLACED:
        session.add_all(
            record.model(**values(record, r, resolve, sid)) for r in content[record.section]
        )
    _sync_earlier_follow_ups(session, sid, content["earlier_follow_ups"], set(commitments.values()))
    existing = set(session.scalars(select(Erratum.uid).where(Erratum.session_id == sid)))
    session.add_all(
        Erratum(**values(ERRATA, e, resolve, sid))
        for e in content["errata"]
        if e["uid"] not in existing
    )
    session.flush()


def _store_blobs(
    session: Session, attachments: list[dict[str, Any]], blobs: dict[str, bytes]
) -> None:
    session.flush()
    for digest, data in blobs.items():
        if session.get(AttachmentBlob, digest) is None:
            names = [a["name"] for a in attachments if a["sha256"] == digest]
            session.add(
                AttachmentBlob(
                    sha256=digest,
                    size=len(data),
                    mime=guess_mime(names[0] if names else "", data),
                    data=data,
                )
            )
    session.flush()


def _sync_items(session: Session, sid: int, rows: list[dict[str, Any]]) -> dict[str, int]:
    wanted = {r["uid"] for r in rows}
    local = {
        i.uid: i for i in session.scalars(select(AgendaItem).where(AgendaItem.session_id == sid))
    }
    for uid, item in local.items():
        if uid not in wanted:
            session.delete(item)
    session.flush()
    taken = uid_map(session, AgendaItem, list(wanted))
    for uid in taken:
        if uid not in local:
            raise ValidationError(_("Un punto del paquete pertenece a otra sesión de esta base."))
    ids: dict[str, int] = {}
    for r in rows:
        item = local.get(r["uid"]) or AgendaItem(uid=r["uid"], session_id=sid)
        for key, value in column_values(AGENDA_ITEMS, r, omit=("uid",)).items():
            setattr(item, key, value)
        item.parent_id = None  # linked once every item is written (_link_items)
        session.add(item)
        session.flush()
        ids[r["uid"]] = item.id
    return ids


def _sync_commitments(
    session: Session,
    sid: int,
    rows: list[dict[str, Any]],
    items: dict[str, int],
    members: dict[str, int],
) -> dict[str, int]:
    wanted = {r["uid"] for r in rows}
    local = {
        c.uid: c for c in session.scalars(select(Commitment).where(Commitment.session_id == sid))
    }
    for uid, c in local.items():
        if uid not in wanted:
            session.delete(c)
    session.flush()
    for c in local.values():  # numbers may be reshuffled: move them out of the way first
        if c.uid in wanted:
            c.number = c.number + 100_000
    session.flush()
    resolve = resolver({"agenda_items": items, "memberships": members}, {})
    ids: dict[str, int] = {}
    for r in rows:
        c = local.get(r["uid"]) or Commitment(uid=r["uid"], session_id=sid)
        fields = {
            **column_values(COMMITMENTS, r, omit=("uid",)),
            **ref_values(COMMITMENTS, r, resolve),
        }
        for key, value in fields.items():
            setattr(c, key, value)
        session.add(c)
        session.flush()
        ids[r["uid"]] = c.id
    return ids


def _link_items(
    session: Session,
    rows: list[dict[str, Any]],
    items: dict[str, int],
    commitments: dict[str, int],
    known: Callable[[str, str | None], str | None],
) -> None:
    others = uid_map(
        session, Commitment, [known("commitment", r["linked_commitment_uid"]) for r in rows]
    )
    sessions = uid_map(
        session, CommitteeSession, [known("session", r["linked_session_uid"]) for r in rows]
    )
    version = session.scalar(select(Policy.catalog_version_id).limit(1))
    policies = {
        p.code: p
        for p in session.scalars(select(Policy).where(Policy.catalog_version_id == version))
    }
    plans = {
        t.code: t
        for t in session.scalars(select(PlanType).where(PlanType.catalog_version_id == version))
    }
    for r in rows:
        item = session.get(AgendaItem, items[r["uid"]])
        assert item is not None
        item.parent_id = items.get(r["parent_uid"] or "")
        linked = r["linked_commitment_uid"] or ""
        item.linked_commitment_id = commitments.get(linked) or others.get(linked)
        item.linked_session_id = sessions.get(r["linked_session_uid"] or "")
        item.policies = [policies[c] for c in r["policies"] if c in policies]
        item.plan_types = [plans[c] for c in r["plan_types"] if c in plans]


def _sync_earlier_follow_ups(
    session: Session, sid: int, rows: list[dict[str, Any]], own: set[int]
) -> None:
    """Follow-ups recorded in this session on earlier sessions' commitments, matched by
    uid: created, updated or removed; those on commitments this database lacks are dropped.
    A newly created one moves its commitment's progress when it is the latest entry."""
    local = {
        f.uid: f
        for f in session.scalars(
            select(CommitmentFollowUp).where(CommitmentFollowUp.session_id == sid)
        )
        if f.commitment_id not in own
    }
    wanted = {r["uid"] for r in rows}
    for uid, gone in local.items():
        if uid not in wanted:
            session.delete(gone)
    session.flush()
    commitments = uid_map(session, Commitment, [r["commitment_uid"] for r in rows])
    # an entry may already be here, brought by a package of the commitment's own session
    elsewhere = uid_map(session, CommitmentFollowUp, [r["uid"] for r in rows])
    for r in rows:
        commitment_id = commitments.get(r["commitment_uid"])
        if commitment_id is None:
            continue
        entry: CommitmentFollowUp | None = local.get(r["uid"])
        if entry is None and r["uid"] in elsewhere:
            entry = session.get(CommitmentFollowUp, elsewhere[r["uid"]])
        created = entry is None
        if entry is None:
            entry = CommitmentFollowUp(uid=r["uid"], commitment_id=commitment_id)
        entry.session_id = sid
        for key, value in column_values(EARLIER_FOLLOW_UPS, r, omit=("uid",)).items():
            setattr(entry, key, value)
        session.add(entry)
        session.flush()
        if created and entry.progress is not None:
            _move_progress(session, commitment_id, entry)


def _move_progress(session: Session, commitment_id: int, entry: CommitmentFollowUp) -> None:
    later = session.scalar(
        select(CommitmentFollowUp.id)
        .where(
            CommitmentFollowUp.commitment_id == commitment_id,
            CommitmentFollowUp.id != entry.id,
            CommitmentFollowUp.on_date > entry.on_date,
        )
        .limit(1)
    )
    c = session.get(Commitment, commitment_id)
    if later is not None or c is None or c.status in ("done", "cancelled"):
        return
    c.progress = entry.progress or 0
    if c.status == "open" and c.progress > 0:
        c.status = "in_progress"
