"""Writing a session's own records from a checked package (part of :mod:`package_apply`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select

from mipg_desktop.committees.attachments import guess_mime
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
    if value is None:
        return None
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is time:
        return time.fromisoformat(value)
    return value


def uid_map(session: Session, model: type[Any], uids: list[str | None]) -> dict[str, int]:
    wanted = sorted({u for u in uids if u})
    out: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for uid, row_id in session.execute(select(model.uid, model.id).where(model.uid.in_(chunk))):
            out[uid] = row_id
    return out


def write_children(
    session: Session,
    row: CommitteeSession,
    content: dict[str, Any],
    members: dict[str, int],
    known: Callable[[str, str | None], str | None],
    blobs: dict[str, bytes],
) -> None:
    sid = row.id
    # Wholesale replacement for records nothing else refers to.
    for model in (Attendance, SessionGuest, QuorumCheck, Decision, AgendaAttachment):
        session.execute(delete(model).where(model.session_id == sid))
    follow_ids = select(Commitment.id).where(Commitment.session_id == sid)
    session.execute(
        delete(CommitmentFollowUp).where(CommitmentFollowUp.commitment_id.in_(follow_ids))
    )
    items = _sync_items(session, sid, content["agenda_items"])
    commitments = _sync_commitments(session, sid, content["commitments"], items, members)
    _link_items(session, content["agenda_items"], items, commitments, known)
    session.flush()
    for digest, data in blobs.items():
        if session.get(AttachmentBlob, digest) is None:
            names = [a["name"] for a in content["attachments"] if a["sha256"] == digest]
            session.add(
                AttachmentBlob(
                    sha256=digest,
                    size=len(data),
                    mime=guess_mime(names[0] if names else "", data),
                    data=data,
                )
            )
    session.flush()
    session.add_all(
        AgendaAttachment(
            uid=a["uid"],
            session_id=sid,
            agenda_item_id=items[a["agenda_item_uid"]],
            sha256=a["sha256"],
            name=a["name"],
            position=a["position"],
        )
        for a in content["attachments"]
    )
    session.add_all(
        Attendance(
            session_id=sid,
            membership_id=members[a["membership_uid"]],
            status=a["status"],
            delegate_name=a["delegate_name"],
            delegate_position=a["delegate_position"],
            remote=a["remote"],
            arrival_time=parse_value(a["arrival_time"], time),
        )
        for a in content["attendance"]
    )
    session.add_all(
        SessionGuest(
            session_id=sid,
            **{k: g[k] for k in ("uid", "name", "position", "organization", "remote")},
        )
        for g in content["guests"]
    )
    session.add_all(
        QuorumCheck(session_id=sid, **{**q, "checked_at": parse_value(q["checked_at"], datetime)})
        for q in content["quorum_checks"]
    )
    session.add_all(
        Decision(
            session_id=sid,
            agenda_item_id=items.get(d["agenda_item_uid"] or ""),
            **{k: v for k, v in d.items() if k != "agenda_item_uid"},
        )
        for d in content["decisions"]
    )
    sessions = uid_map(session, CommitteeSession, [f["session_uid"] for f in content["follow_ups"]])
    session.add_all(
        CommitmentFollowUp(
            uid=f["uid"],
            commitment_id=commitments[f["commitment_uid"]],
            session_id=sessions.get(f["session_uid"] or ""),
            on_date=parse_value(f["on_date"], date),
            note=f["note"],
            evidence=f["evidence"],
            progress=f["progress"],
            recorded_by=f["recorded_by"],
            recorded_at=parse_value(f["recorded_at"], datetime),
        )
        for f in content["follow_ups"]
    )
    _sync_earlier_follow_ups(session, sid, content["earlier_follow_ups"], set(commitments.values()))
    existing = set(session.scalars(select(Erratum.uid).where(Erratum.session_id == sid)))
    session.add_all(
        Erratum(
            session_id=sid,
            uid=e["uid"],
            section=e["section"],
            text=e["text"],
            created_at=parse_value(e["created_at"], datetime),
            created_by=e["created_by"],
            sha256=e["sha256"],
        )
        for e in content["errata"]
        if e["uid"] not in existing
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
        for key in (
            "position",
            "title",
            "kind",
            "presenter",
            "duration_minutes",
            "description",
            "deliberation",
        ):
            setattr(item, key, r[key])
        item.parent_id = None
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
    ids: dict[str, int] = {}
    for r in rows:
        c = local.get(r["uid"]) or Commitment(uid=r["uid"], session_id=sid)
        for key in ("number", "text", "owner_name", "status", "progress", "remarks"):
            setattr(c, key, r[key])
        c.due_date = parse_value(r["due_date"], date)
        c.closed_on = parse_value(r["closed_on"], date)
        c.agenda_item_id = items.get(r["agenda_item_uid"] or "")
        c.owner_membership_id = members.get(r["owner_membership_uid"] or "")
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
        entry.on_date = parse_value(r["on_date"], date)
        entry.recorded_at = parse_value(r["recorded_at"], datetime)
        for key in ("note", "evidence", "progress", "recorded_by"):
            setattr(entry, key, r[key])
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
