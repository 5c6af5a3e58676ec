"""Checking a package's content before any write: types, sizes, names, references."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from mipg_desktop.committees.agenda import safe_attachment_name
from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _

Refuse = Callable[[str], Exception]

_UID = re.compile(r"^[0-9a-fA-F-]{8,36}$")
_SHA = re.compile(r"^[0-9a-f]{64}$")
MAX_ROWS = 20_000
TEXT = 200_000

ENTITY = {"name": "str:300", "city": "str:120"}
COMMITTEE = {
    "uid": "uid",
    "name": "str:300",
    "short_name": "str:40",
    "kind": "str:30",
    "creation_act": "str:2000",
    "rules": "?dict",
    "template": "list",
}
TEMPLATE = {"title": "str:500", "kind": "str:30", "duration_minutes": "?int"}
PERSON = {
    "uid": "uid",
    "full_name": "str:200",
    "position": "str:300",
    "unit": "str:300",
    "email": "str:200",
}
MEMBERSHIP = {
    "uid": "uid",
    "person_uid": "uid",
    "role": "str:30",
    "has_vote": "bool",
    "position": "str:300",
    "start_date": "date",
    "end_date": "?date",
    "sort_order": "int",
}
SESSION = {
    "uid": "uid",
    "number": "int",
    "year": "int",
    "kind": "str:20",
    "modality": "str:20",
    "place": "str:300",
    "platform": "str:300",
    "session_date": "date",
    "start_time": "?time",
    "end_time": "?time",
    "status": "str:20",
    "convened_at": "?datetime",
    "convened_on": "?date",
    "notice_override_reason": "str:1000",
    "next_meeting_date": "?date",
    "next_meeting_time": "?time",
    "next_meeting_place": "str:300",
    "approved_at": "?datetime",
    "approved_by": "str:200",
    "approved_sha256": "str:64",
    "approved_signers": "str:20000",
    "previous_session_uid": "?uid",
}
ITEM = {
    "uid": "uid",
    "position": "int",
    "title": "str:500",
    "kind": "str:30",
    "presenter": "str:300",
    "duration_minutes": "?int",
    "description": "str:10000",
    "deliberation": "text",
    "parent_uid": "?uid",
    "linked_commitment_uid": "?uid",
    "linked_session_uid": "?uid",
    "policies": "strlist",
    "plan_types": "strlist",
}
ATTACHMENT = {
    "uid": "uid",
    "agenda_item_uid": "uid",
    "sha256": "sha",
    "name": "str:255",
    "position": "int",
}
ATTENDANCE = {
    "membership_uid": "uid",
    "status": "str:20",
    "delegate_name": "str:200",
    "delegate_position": "str:300",
    "remote": "bool",
    "arrival_time": "?time",
}
GUEST = {
    "uid": "uid",
    "name": "str:200",
    "position": "str:300",
    "organization": "str:300",
    "remote": "bool",
}
QUORUM = {
    "checked_at": "datetime",
    "voting_members": "int",
    "present_voting": "int",
    "required_deliberate": "int",
    "required_decide": "int",
    "can_deliberate": "bool",
    "can_decide": "bool",
    "summary": "str:2000",
    "checked_by": "str:120",
}
DECISION = {
    "uid": "uid",
    "position": "int",
    "text": "str:5000",
    "votes_for": "int",
    "votes_against": "int",
    "abstentions": "int",
    "outcome": "str:20",
    "tie_broken": "bool",
    "tie_break_note": "str:2000",
    "agenda_item_uid": "?uid",
}
COMMITMENT = {
    "uid": "uid",
    "number": "int",
    "text": "str:5000",
    "owner_name": "str:300",
    "due_date": "?date",
    "status": "str:20",
    "progress": "int",
    "closed_on": "?date",
    "remarks": "str:5000",
    "agenda_item_uid": "?uid",
    "owner_membership_uid": "?uid",
}
FOLLOW_UP = {
    "uid": "uid",
    "on_date": "date",
    "note": "str:5000",
    "evidence": "str:5000",
    "progress": "?int",
    "recorded_by": "str:120",
    "recorded_at": "datetime",
    "commitment_uid": "uid",
    "session_uid": "?uid",
}
ERRATUM = {
    "uid": "uid",
    "section": "str:300",
    "text": "str:20000",
    "created_at": "datetime",
    "created_by": "str:120",
    "sha256": "str:64",
}
LISTS = {
    "people": PERSON,
    "memberships": MEMBERSHIP,
    "agenda_items": ITEM,
    "attachments": ATTACHMENT,
    "attendance": ATTENDANCE,
    "guests": GUEST,
    "quorum_checks": QUORUM,
    "decisions": DECISION,
    "commitments": COMMITMENT,
    "follow_ups": FOLLOW_UP,
    "earlier_follow_ups": FOLLOW_UP,
    "errata": ERRATUM,
}
CHOICES = {
    ("session", "status"): (
        "scheduled",
        "convened",
        "held",
        "minutes_draft",
        "under_review",
        "approved",
        "cancelled",
    ),
    ("session", "kind"): ("ordinary", "extraordinary"),
    ("session", "modality"): ("in_person", "virtual", "mixed"),
    ("committee", "kind"): (
        "institutional",
        "sectoral",
        "territorial",
        "internal_control",
        "other",
    ),
    ("memberships", "role"): (
        "president",
        "technical_secretary",
        "voting_member",
        "permanent_guest",
        "guest",
    ),
    ("agenda_items", "kind"): (
        "quorum",
        "previous_minutes",
        "commitments",
        "substantive",
        "other_business",
    ),
    ("attendance", "status"): ("present", "absent", "excused", "delegated"),
    ("decisions", "outcome"): ("approved", "rejected", "tied"),
    ("commitments", "status"): ("open", "in_progress", "done", "cancelled"),
}


def _ok(value: Any, kind: str) -> bool:
    if kind.startswith("?"):
        return value is None or _ok(value, kind[1:])
    if kind.startswith("str:"):
        return isinstance(value, str) and len(value) <= int(kind[4:])
    if kind == "text":
        return isinstance(value, str) and len(value) <= TEXT
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool) and -1 < value < 10**7
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "uid":
        return isinstance(value, str) and bool(_UID.match(value))
    if kind == "sha":
        return isinstance(value, str) and bool(_SHA.match(value))
    if kind in ("dict", "list"):
        return isinstance(value, dict if kind == "dict" else list)
    if kind == "strlist":
        return isinstance(value, list) and all(isinstance(v, str) and len(v) < 100 for v in value)
    parser = {
        "date": date.fromisoformat,
        "time": time.fromisoformat,
        "datetime": datetime.fromisoformat,
    }.get(kind)
    if parser is None or not isinstance(value, str):
        return False
    try:
        parser(value)
    except ValueError:
        return False
    return True


def _check(record: Any, spec: dict[str, str], where: str, refuse: Refuse) -> None:
    if not isinstance(record, dict):
        raise refuse(_("la sección «{where}» no tiene la estructura esperada.").format(where=where))
    for key, kind in spec.items():
        value = record.get(key)
        if key not in record or not _ok(value, kind):
            if kind.startswith("str:") and isinstance(value, str):
                raise refuse(
                    _("el campo «{key}» de «{where}» excede el tamaño permitido.").format(
                        key=key, where=where
                    )
                )
            raise refuse(
                _("el campo «{key}» de «{where}» falta o no es válido.").format(
                    key=key, where=where
                )
            )
        choices = CHOICES.get((where, key))
        if choices and value not in choices:
            raise refuse(
                _("valor no permitido en «{where}.{key}»: {value}.").format(
                    where=where, key=key, value=str(value)[:40]
                )
            )


def _check_names(attachments: list[dict[str, Any]], refuse: Refuse) -> None:
    for entry in attachments:
        name = entry.get("name")
        if not isinstance(name, str):
            raise refuse(_("un anexo no tiene nombre válido."))
        try:
            safe = safe_attachment_name(name)
        except ValidationError as exc:
            raise refuse(
                _("nombre de anexo no permitido: «{name}».").format(name=name[:80])
            ) from exc
        if safe != name:
            raise refuse(
                _("nombre de anexo no permitido (ruta o carpeta): «{name}».").format(name=name[:80])
            )


def _check_unique(content: dict[str, Any], refuse: Refuse) -> None:
    for key in (
        "people",
        "memberships",
        "agenda_items",
        "attachments",
        "guests",
        "decisions",
        "commitments",
        "follow_ups",
        "errata",
    ):
        uids = [r["uid"] for r in content[key]]
        if key == "follow_ups":
            uids += [r["uid"] for r in content["earlier_follow_ups"]]
        if len(uids) != len(set(uids)):
            raise refuse(_("hay identificadores repetidos en «{key}».").format(key=key))
    items = {r["uid"] for r in content["agenda_items"]}
    members = {r["uid"] for r in content["memberships"]}
    people = {r["uid"] for r in content["people"]}
    commitments = {r["uid"] for r in content["commitments"]}
    refs = [
        *[(r["parent_uid"], items) for r in content["agenda_items"] if r["parent_uid"]],
        *[(r["agenda_item_uid"], items) for r in content["attachments"]],
        *[(r["membership_uid"], members) for r in content["attendance"]],
        *[(r["person_uid"], people) for r in content["memberships"]],
        *[(r["agenda_item_uid"], items) for r in content["decisions"] if r["agenda_item_uid"]],
        *[(r["agenda_item_uid"], items) for r in content["commitments"] if r["agenda_item_uid"]],
        *[
            (r["owner_membership_uid"], members)
            for r in content["commitments"]
            if r["owner_membership_uid"]
        ],
        *[(r["commitment_uid"], commitments) for r in content["follow_ups"]],
    ]
    own_session = content["session"]["uid"]
    for r in content["earlier_follow_ups"]:
        if r["commitment_uid"] in commitments or r["session_uid"] != own_session:
            raise refuse(
                _("un seguimiento a compromisos anteriores no es de esta sesión ({uid}).").format(
                    uid=r["uid"][:36]
                )
            )
    for uid, known in refs:
        if uid not in known:
            raise refuse(_("una referencia interna no existe ({uid}).").format(uid=uid[:36]))


def check_content(content: dict[str, Any], refuse: Refuse) -> None:
    """Raise ``refuse(...)`` at the first problem; returns only for a well-formed content."""
    from mipg_desktop.committees.package_record import check_entity, check_record

    entity = content.get("entity")
    if entity is not None:
        _check(entity, ENTITY, "entity", refuse)
        check_entity(entity, refuse)
    if content.get("record") is not None:
        check_record(content["record"], refuse)
    _check(content.get("committee"), COMMITTEE, "committee", refuse)
    for row in content["committee"]["template"]:
        _check(row, TEMPLATE, "template", refuse)
    data = content.get("session")
    if isinstance(data, dict):
        data.setdefault("approved_signers", "")  # packages written before revision 0005
        data.setdefault("next_meeting_time", None)  # packages written before revision 0007
        data.setdefault("next_meeting_place", "")
    _check(data, SESSION, "session", refuse)
    content.setdefault("earlier_follow_ups", [])  # packages written before it existed
    for key, spec in LISTS.items():
        rows = content.get(key)
        if not isinstance(rows, list) or len(rows) > MAX_ROWS:
            raise refuse(_("la sección «{key}» falta o es demasiado grande.").format(key=key))
        for row in rows:
            _check(row, spec, key, refuse)
    _check_names(content["attachments"], refuse)
    _check_unique(content, refuse)
