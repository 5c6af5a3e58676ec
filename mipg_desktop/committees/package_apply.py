"""Applying a checked session package to the database (inside the caller's transaction).

Records are matched by their stable ``uid``: the committee, people and memberships
are created when missing (local ones are kept as they are); the session's own
records are created, updated or removed to match the package.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, delete, select, update

from mipg_desktop.committees import labels
from mipg_desktop.committees.approval import content_sha256
from mipg_desktop.committees.committees import validate_rules
from mipg_desktop.committees.package_content import read_content
from mipg_desktop.committees.readers import read_session_detail
from mipg_desktop.entity_profile import current_entity
from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.catalog import PlanType, Policy
from mipg_desktop.models.committees import (
    AgendaTemplateItem,
    Committee,
    CommitteeRules,
    Membership,
    Person,
)
from mipg_desktop.models.entity import Entity
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

    from mipg_desktop.committees.package import Package

Refuse = Callable[[str], Exception]
SESSION_SCOPED = (
    "session",
    "agenda_items",
    "attachments",
    "attendance",
    "guests",
    "quorum_checks",
    "decisions",
    "commitments",
    "follow_ups",
    "errata",
)


def _parse(value: Any, kind: type) -> Any:
    if value is None:
        return None
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is time:
        return time.fromisoformat(value)
    return value


def _uid_map(session: Session, model: type[Any], uids: list[str | None]) -> dict[str, int]:
    wanted = sorted({u for u in uids if u})
    out: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for uid, row_id in session.execute(select(model.uid, model.id).where(model.uid.in_(chunk))):
            out[uid] = row_id
    return out


def _ensure_committee(session: Session, content: dict[str, Any], refuse: Refuse) -> Committee:
    data = content["committee"]
    committee = session.scalar(select(Committee).where(Committee.uid == data["uid"]))
    if committee is not None:
        return committee
    entity = current_entity(session)
    if entity is None and content.get("entity"):
        entity = Entity(name=content["entity"]["name"], city=content["entity"]["city"])
        session.add(entity)
        session.flush()
    try:
        rules = validate_rules(dict(data["rules"] or {}))
    except ValidationError as exc:
        raise refuse(_("el reglamento del comité no es válido.")) from exc
    committee = Committee(
        uid=data["uid"],
        entity_id=entity.id if entity else None,
        name=data["name"],
        short_name=data["short_name"],
        kind=data["kind"],
        creation_act=data["creation_act"],
    )
    committee.rules = CommitteeRules(**rules)
    committee.template_items = [
        AgendaTemplateItem(
            position=i, title=t["title"], kind=t["kind"], duration_minutes=t["duration_minutes"]
        )
        for i, t in enumerate(data["template"])
    ]
    session.add(committee)
    session.flush()
    return committee


def _ensure_members(
    session: Session, committee: Committee, content: dict[str, Any], refuse: Refuse
) -> dict[str, int]:
    people = _uid_map(session, Person, [p["uid"] for p in content["people"]])
    for p in content["people"]:
        if p["uid"] not in people:
            person = Person(**{k: p[k] for k in ("uid", "full_name", "position", "unit", "email")})
            session.add(person)
            session.flush()
            people[p["uid"]] = person.id
    members: dict[str, int] = {}
    for m in content["memberships"]:
        found = session.scalar(select(Membership).where(Membership.uid == m["uid"]))
        if found is not None and found.committee_id != committee.id:
            raise refuse(_("una membresía del paquete pertenece a otro comité en esta base."))
        if found is None:
            found = Membership(
                uid=m["uid"],
                committee_id=committee.id,
                person_id=people[m["person_uid"]],
                role=m["role"],
                has_vote=m["has_vote"],
                position=m["position"],
                start_date=_parse(m["start_date"], date),
                end_date=_parse(m["end_date"], date),
                sort_order=m["sort_order"],
            )
            session.add(found)
            session.flush()
        members[m["uid"]] = found.id
    return members


def _normalized(
    content: dict[str, Any], known: Callable[[str, str | None], str | None]
) -> dict[str, Any]:
    """The session-scoped content with references this database cannot resolve dropped."""
    out = {key: content[key] for key in SESSION_SCOPED}
    out["session"] = {
        **out["session"],
        "previous_session_uid": known("session", out["session"]["previous_session_uid"]),
    }
    out["agenda_items"] = [
        {
            **i,
            "linked_session_uid": known("session", i["linked_session_uid"]),
            "linked_commitment_uid": known("commitment", i["linked_commitment_uid"]),
        }
        for i in out["agenda_items"]
    ]
    out["follow_ups"] = [
        {**f, "session_uid": known("session", f["session_uid"])} for f in out["follow_ups"]
    ]
    return out


def apply_package(session: Session, package: Package, refuse: Refuse) -> tuple[int, str]:
    """Returns (session id, ``created`` | ``updated`` | ``unchanged``)."""
    content = package.content
    data = content["session"]
    own_commitments = {c["uid"] for c in content["commitments"]}
    own_session = data["uid"]

    def known(kind: str, uid: str | None) -> str | None:
        if uid is None:
            return None
        if (kind == "session" and uid == own_session) or (
            kind == "commitment" and uid in own_commitments
        ):
            return uid
        model = CommitteeSession if kind == "session" else Commitment
        return uid if session.scalar(select(model.id).where(model.uid == uid)) else None

    local = session.scalar(select(CommitteeSession).where(CommitteeSession.uid == data["uid"]))
    if local is not None:
        mine = {k: v for k, v in read_content(session, local.id).items() if k in SESSION_SCOPED}
        if mine == _normalized(content, known):
            return local.id, "unchanged"
        title = labels.session_title(local.number, local.year)
        if local.status == "approved":
            raise refuse(
                _("el {title} ya está aprobada en esta base y no admite cambios.").format(
                    title=title
                )
            )
        if local.updated_at > package.exported_at:
            raise refuse(
                _(
                    "el paquete ({exported}) es anterior a la última modificación del {title} "
                    "en esta base ({local})."
                ).format(
                    exported=package.exported_at.isoformat(" ", "minutes"),
                    title=title,
                    local=local.updated_at.isoformat(" ", "minutes"),
                )
            )
    committee = _ensure_committee(session, content, refuse)
    if local is not None and local.committee_id != committee.id:
        raise refuse(_("la sesión pertenece a otro comité en esta base."))
    members = _ensure_members(session, committee, content, refuse)
    clash = session.scalar(
        select(CommitteeSession).where(
            CommitteeSession.committee_id == committee.id,
            CommitteeSession.year == data["year"],
            CommitteeSession.number == data["number"],
            CommitteeSession.uid != data["uid"],
        )
    )
    if clash is not None:
        raise refuse(
            _("esta base ya tiene otra sesión con el {title} del mismo comité.").format(
                title=labels.session_title(data["number"], data["year"])
            )
        )
    row = _write_session(session, local, committee.id, content, known)
    _write_children(session, row, content, members, known, package.blobs)
    _finish(session, row, data, package.exported_at, refuse)
    return row.id, "created" if local is None else "updated"


def _write_session(
    session: Session,
    local: CommitteeSession | None,
    committee_id: int,
    content: dict[str, Any],
    known: Callable[[str, str | None], str | None],
) -> CommitteeSession:
    data = content["session"]
    row = local or CommitteeSession(uid=data["uid"], committee_id=committee_id)
    for key in (
        "number",
        "year",
        "kind",
        "modality",
        "place",
        "platform",
        "notice_override_reason",
    ):
        setattr(row, key, data[key])
    row.session_date = _parse(data["session_date"], date)
    row.start_time = _parse(data["start_time"], time)
    row.end_time = _parse(data["end_time"], time)
    row.convened_at = _parse(data["convened_at"], datetime)
    row.convened_on = _parse(data["convened_on"], date)
    row.next_meeting_date = _parse(data["next_meeting_date"], date)
    row.status = "under_review" if data["status"] == "approved" else data["status"]
    previous = known("session", data["previous_session_uid"])
    row.previous_session_id = (
        session.scalar(select(CommitteeSession.id).where(CommitteeSession.uid == previous))
        if previous
        else None
    )
    session.add(row)
    session.flush()
    return row


def _write_children(
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
            from mipg_desktop.committees.attachments import guess_mime

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
            arrival_time=_parse(a["arrival_time"], time),
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
        QuorumCheck(session_id=sid, **{**q, "checked_at": _parse(q["checked_at"], datetime)})
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
    sessions = _uid_map(
        session, CommitteeSession, [f["session_uid"] for f in content["follow_ups"]]
    )
    session.add_all(
        CommitmentFollowUp(
            uid=f["uid"],
            commitment_id=commitments[f["commitment_uid"]],
            session_id=sessions.get(f["session_uid"] or ""),
            on_date=_parse(f["on_date"], date),
            note=f["note"],
            evidence=f["evidence"],
            progress=f["progress"],
            recorded_by=f["recorded_by"],
            recorded_at=_parse(f["recorded_at"], datetime),
        )
        for f in content["follow_ups"]
    )
    existing = set(session.scalars(select(Erratum.uid).where(Erratum.session_id == sid)))
    session.add_all(
        Erratum(
            session_id=sid,
            uid=e["uid"],
            section=e["section"],
            text=e["text"],
            created_at=_parse(e["created_at"], datetime),
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
    taken = _uid_map(session, AgendaItem, list(wanted))
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
        c.due_date = _parse(r["due_date"], date)
        c.closed_on = _parse(r["closed_on"], date)
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
    others = _uid_map(
        session, Commitment, [known("commitment", r["linked_commitment_uid"]) for r in rows]
    )
    sessions = _uid_map(
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


def _finish(
    session: Session,
    row: CommitteeSession,
    data: dict[str, Any],
    exported_at: datetime,
    refuse: Refuse,
) -> None:
    table = CommitteeSession.__table__
    assert isinstance(table, Table)
    values: dict[str, Any] = {"updated_at": exported_at}
    if data["status"] == "approved":
        session.expire_all()
        detail = read_session_detail(session, row.id)
        if content_sha256(detail) != data["approved_sha256"]:
            raise refuse(_("el acta aprobada no coincide con su huella SHA-256 de aprobación."))
        values.update(
            status="approved",
            approved_at=_parse(data["approved_at"], datetime),
            approved_by=data["approved_by"],
            approved_sha256=data["approved_sha256"],
        )
    session.execute(update(table).where(table.c.id == row.id).values(**values))
    session.expire_all()
