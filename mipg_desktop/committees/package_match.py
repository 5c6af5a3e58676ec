"""A package's committee that this database already has under another uid.

Two laptops that each created «the same» committee give it two uids. When a package's
committee is not here by its uid but a committee of the same entity has the same name
(accents, case and spaces aside; or the same short name), the import asks: match it
(``committee_match``) or create another (``new_committee``); it never decides alone
(:class:`CommitteeChoiceNeeded`).

A match is remembered as an alias (the package's committee uid → the local committee's
uid, in the ``settings`` table under :data:`ALIASES_KEY`), so the next package from the
same laptop matches without asking. Matching translates the package's content onto the
local committee before it is applied: people are matched by uid, then by full name;
memberships by uid, then by the same person in the same role over overlapping dates.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select

from mipg_desktop.committees.session_schema import ATTENDANCE, COMMITMENTS, MEMBERSHIPS, PEOPLE
from mipg_desktop.entity_profile import current_entity
from mipg_desktop.errors import MipgError
from mipg_desktop.i18n import _
from mipg_desktop.models.committees import Committee, Membership, Person
from mipg_desktop.settings import read_setting, write_setting
from mipg_desktop.text import normalize_key

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Refuse = Callable[[str], Exception]
ALIASES_KEY = "package_committee_aliases"
MAX_ALIASES = 500


@dataclass(frozen=True)
class CommitteeCandidate:
    id: int
    name: str
    short_name: str


class CommitteeChoiceNeeded(MipgError):
    """A committee of the same name exists here: the importer must say which one to use."""

    def __init__(self, package_committee: str, candidates: tuple[CommitteeCandidate, ...]):
        self.package_committee = package_committee
        self.candidates = candidates
        found = "; ".join(
            _("«{name}» (comité {id})").format(name=c.name, id=c.id) for c in candidates
        )
        super().__init__(
            _(
                "El comité «{name}» del paquete no está en esta base con su identificador, "
                "pero ya existe un comité con el mismo nombre: {found}. Indique si es el "
                "mismo comité o si se crea otro. No se importó nada."
            ).format(name=package_committee, found=found)
        )


@dataclass(frozen=True)
class CommitteeChoice:
    """What the importer chose: ``match`` (a local committee's id) or ``new``; neither: ask."""

    match: int | None = None
    new: bool = False


# --- aliases --------------------------------------------------------------------------------


def read_aliases(session: Session) -> dict[str, str]:
    try:
        data = json.loads(read_setting(session, ALIASES_KEY, "{}"))
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str)}


def remember_alias(session: Session, package_uid: str, local_uid: str) -> None:
    aliases = read_aliases(session)
    if package_uid == local_uid or aliases.get(package_uid) == local_uid:
        return
    aliases[package_uid] = local_uid
    kept = dict(list(aliases.items())[-MAX_ALIASES:])
    write_setting(session, ALIASES_KEY, json.dumps(kept, sort_keys=True))


def _by_uid(session: Session, uid: str) -> Committee | None:
    return session.scalar(select(Committee).where(Committee.uid == uid))


# --- which committee ----------------------------------------------------------------------


def same_name_committees(session: Session, content: dict[str, Any]) -> list[Committee]:
    """This entity's committees named like the package's (the full name first)."""
    data = content["committee"]
    entity = current_entity(session)
    theirs = content.get("entity") or {}
    if (
        entity is not None
        and theirs
        and normalize_key(theirs.get("name")) != normalize_key(entity.name)
    ):
        return []  # another entity's committee
    query = select(Committee).order_by(Committee.id)
    if entity is not None:
        query = query.where(or_(Committee.entity_id == entity.id, Committee.entity_id.is_(None)))
    name, short = normalize_key(data["name"]), normalize_key(data["short_name"])
    by_name, by_short = [], []
    for committee in session.scalars(query):
        if normalize_key(committee.name) == name:
            by_name.append(committee)
        elif short and normalize_key(committee.short_name) == short:
            by_short.append(committee)
    return by_name + by_short


def candidates_for(session: Session, content: dict[str, Any]) -> tuple[CommitteeCandidate, ...]:
    """The committees the importer may match the package's to ((): no question to ask)."""
    uid = content["committee"]["uid"]
    if _by_uid(session, uid) is not None or _aliased(session, uid) is not None:
        return ()
    return tuple(
        CommitteeCandidate(c.id, c.name, c.short_name)
        for c in same_name_committees(session, content)
    )


def _aliased(session: Session, uid: str) -> Committee | None:
    local = read_aliases(session).get(uid)
    return _by_uid(session, local) if local else None


def match_committee(
    session: Session, content: dict[str, Any], choice: CommitteeChoice, refuse: Refuse
) -> dict[str, Any]:
    """The content to apply: the package's own, or translated onto the local committee
    chosen (or remembered). Raises :class:`CommitteeChoiceNeeded` when it must ask."""
    data = content["committee"]
    if _by_uid(session, data["uid"]) is not None or choice.new:
        return content
    if choice.match is not None:
        target = session.get(Committee, choice.match)
        if target is None:
            raise refuse(
                _("no existe en esta base el comité {id} elegido.").format(id=choice.match)
            )
        entity = current_entity(session)
        if entity is not None and target.entity_id not in (None, entity.id):
            raise refuse(_("el comité elegido es de otra entidad."))
    else:
        target = _aliased(session, data["uid"])
        if target is None:
            found = same_name_committees(session, content)
            if not found:
                return content
            raise CommitteeChoiceNeeded(
                data["name"],
                tuple(CommitteeCandidate(c.id, c.name, c.short_name) for c in found),
            )
    remember_alias(session, data["uid"], target.uid)
    return onto_committee(session, content, target)


# --- translating the content ----------------------------------------------------------------


def onto_committee(session: Session, content: dict[str, Any], target: Committee) -> dict[str, Any]:
    """The package's content with its committee, people and memberships named by the
    local records they match (those with no match keep the package's uids: created)."""
    people = _person_aliases(session, content["people"], target)
    members = _membership_aliases(session, content["memberships"], people, target)

    def person(uid: str) -> str:
        return people.get(uid, uid)

    def member(uid: str | None) -> str | None:
        return members.get(uid, uid) if uid else uid

    out = {
        **content,
        "committee": {**content["committee"], "uid": target.uid},
        "people": _unique([{**p, "uid": person(p["uid"])} for p in content["people"]]),
        "memberships": [
            {**m, "uid": member(m["uid"]), "person_uid": person(m["person_uid"])}
            for m in content["memberships"]
        ],
        "attendance": [
            {**a, "membership_uid": member(a["membership_uid"])} for a in content["attendance"]
        ],
        "commitments": [
            {**c, "owner_membership_uid": member(c["owner_membership_uid"])}
            for c in content["commitments"]
        ],
    }
    for record in (PEOPLE, MEMBERSHIPS, ATTENDANCE, COMMITMENTS):  # as the database reads them
        if record.order is not None:
            out[record.section].sort(key=record.order)
    return out


def _unique(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for row in rows:
        seen.setdefault(row["uid"], row)
    return list(seen.values())


def _person_aliases(
    session: Session, people: list[dict[str, Any]], target: Committee
) -> dict[str, str]:
    """Package person uid → local person uid, for those not here by uid: by normalised full
    name among the committee's people, then among everyone (only when one person has it)."""
    uids = [p["uid"] for p in people]
    here = set(session.scalars(select(Person.uid).where(Person.uid.in_(uids)))) if uids else set()
    members = select(Membership.person_id).where(Membership.committee_id == target.id)
    pools = (
        session.scalars(select(Person).where(Person.id.in_(members))).all(),
        session.scalars(select(Person)).all(),
    )
    out: dict[str, str] = {}
    for p in people:
        if p["uid"] in here:
            continue
        key = normalize_key(p["full_name"])
        for pool in pools:
            named = [row for row in pool if normalize_key(row.full_name) == key]
            if len(named) == 1:
                out[p["uid"]] = named[0].uid
                break
            if named:
                break  # two local people share the name: create rather than guess
    return out


def _overlap(a: tuple[date, date | None], b: tuple[date, date | None]) -> bool:
    far = date.max
    return a[0] <= (b[1] or far) and b[0] <= (a[1] or far)


def _membership_aliases(
    session: Session,
    memberships: list[dict[str, Any]],
    people: dict[str, str],
    target: Committee,
) -> dict[str, str]:
    """Package membership uid → local membership uid: the same person in the same role of
    the local committee, over overlapping dates (each local membership used once)."""
    from mipg_desktop.committees.record_schema import from_json

    uids = [m["uid"] for m in memberships]
    here = (
        set(session.scalars(select(Membership.uid).where(Membership.uid.in_(uids))))
        if uids
        else set()
    )
    local = session.execute(
        select(Membership, Person.uid)
        .join(Person, Person.id == Membership.person_id)
        .where(Membership.committee_id == target.id)
        .order_by(Membership.start_date, Membership.id)
    ).all()
    used = set(here)
    out: dict[str, str] = {}
    for m in memberships:
        if m["uid"] in here:
            continue
        person = people.get(m["person_uid"], m["person_uid"])
        span = (from_json("date", m["start_date"]), from_json("date", m["end_date"]))
        for row, person_uid in local:
            if (
                row.uid not in used
                and person_uid == person
                and row.role == m["role"]
                and _overlap(span, (row.start_date, row.end_date))
            ):
                out[m["uid"]] = row.uid
                used.add(row.uid)
                break
    return out
