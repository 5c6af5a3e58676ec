"""Applying a checked session package to the database (inside the caller's transaction).

Records are matched by their stable ``uid``: the committee, people and memberships
are created when missing (local ones are kept as they are); the session's own
records are created, updated or removed to match the package.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, select, update

from mipg_desktop.committees import labels
from mipg_desktop.committees.approval import content_sha256
from mipg_desktop.committees.committees import validate_rules
from mipg_desktop.committees.package_content import read_content
from mipg_desktop.committees.package_match import CommitteeChoice, match_committee
from mipg_desktop.committees.package_sync import uid_map, write_children
from mipg_desktop.committees.package_uids import check_uid_clashes
from mipg_desktop.committees.record_schema import column_values, from_json
from mipg_desktop.committees.session_detail import (
    frozen_signers,
    read_session_detail,
    signers_json,
)
from mipg_desktop.committees.session_schema import (
    COMMITTEE,
    MEMBERSHIPS,
    PEOPLE,
    RULES,
    SESSION,
    SESSION_SCOPED,
    TEMPLATE,
)
from mipg_desktop.entity_profile import current_entity
from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.committees import (
    AgendaTemplateItem,
    Committee,
    CommitteeRules,
    Membership,
    Person,
)
from mipg_desktop.models.minutes import Commitment
from mipg_desktop.models.sessions import (
    CommitteeSession,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.committees.package import Package

Refuse = Callable[[str], Exception]


def _ensure_committee(session: Session, content: dict[str, Any], refuse: Refuse) -> Committee:
    data = content["committee"]
    committee = session.scalar(select(Committee).where(Committee.uid == data["uid"]))
    if committee is not None:
        return committee
    entity = current_entity(session)
    try:
        rules = validate_rules(dict(data["rules"] or {}))
    except ValidationError as exc:
        raise refuse(_("el reglamento del comité no es válido.")) from exc
    committee = Committee(**column_values(COMMITTEE, data), entity_id=entity.id if entity else None)
    committee.rules = CommitteeRules(**rules)
    committee.template_items = [
        AgendaTemplateItem(position=i, **column_values(TEMPLATE, t))
        for i, t in enumerate(data["template"])
    ]
    session.add(committee)
    session.flush()
    return committee


def _ensure_members(
    session: Session, committee: Committee, content: dict[str, Any], refuse: Refuse
) -> dict[str, int]:
    people = uid_map(session, Person, [p["uid"] for p in content["people"]])
    for p in content["people"]:
        if p["uid"] not in people:
            person = Person(**column_values(PEOPLE, p))
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
                **column_values(MEMBERSHIPS, m),
                committee_id=committee.id,
                person_id=people[m["person_uid"]],
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
    out["earlier_follow_ups"] = [
        f for f in out["earlier_follow_ups"] if known("commitment", f["commitment_uid"])
    ]
    return out


def apply_package(
    session: Session, package: Package, refuse: Refuse, choice: CommitteeChoice | None = None
) -> tuple[int, str]:
    """Returns (session id, ``created`` | ``updated`` | ``unchanged``). A committee of the
    same name under another uid is used or not as ``choice`` says (:mod:`package_match`)."""
    content = match_committee(session, package.content, choice or CommitteeChoice(), refuse)
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
        if not data["approved_signers"]:  # a package written before revision 0005
            mine["session"] = {**mine["session"], "approved_signers": ""}
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
    check_uid_clashes(session, content, local.id if local is not None else None, refuse)
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
    write_children(session, row, content, members, known, package.blobs)
    _check_decisions(session, row, _session_rules(content, refuse), content["decisions"], refuse)
    _finish(session, row, data, package.exported_at, refuse, content is not package.content)
    return row.id, "created" if local is None else "updated"


def _session_rules(content: dict[str, Any], refuse: Refuse) -> CommitteeRules | None:
    """The reglamento the package says the session was held under (never stored here)."""
    data = content["session_rules"]
    if data is None:
        return None
    try:
        validate_rules(dict(data))
    except ValidationError as exc:
        raise refuse(_("el reglamento de la sesión no es válido.")) from exc
    return CommitteeRules(**column_values(RULES, data))


def _check_decisions(
    session: Session,
    row: CommitteeSession,
    rules: CommitteeRules | None,
    decisions: list[dict[str, Any]],
    refuse: Refuse,
) -> None:
    """Each decision's votes must fit the voting members present and its outcome must
    follow from the reglamento the session was held under, as the package carries it
    (the package could have been written by hand; this database's committee may have
    changed its reglamento since)."""
    from mipg_desktop.committees.session_detail import quorum_under
    from mipg_desktop.committees.votes import (
        decide_outcome,
        president_is_present,
        voters_present,
        votes_count,
    )

    if not decisions:
        return
    session.flush()
    quorum = quorum_under(session, row, rules)
    president = president_is_present(session, row)
    for number, d in enumerate(decisions, start=1):
        votes = d["votes_for"] + d["votes_against"] + d["abstentions"]
        if votes > quorum.present_voting:
            raise refuse(
                _("la decisión {n} registra {votes}, pero solo hay {present}.").format(
                    n=number,
                    votes=votes_count(votes),
                    present=voters_present(quorum.present_voting),
                )
            )
        casting = ("for" if d["outcome"] == "approved" else "against") if d["tie_broken"] else None
        try:
            result = decide_outcome(
                rules,
                d["votes_for"],
                d["votes_against"],
                d["abstentions"],
                quorum.present_voting,
                quorum.voting_members,
                casting,
                president_present=president,
            )
        except ValidationError as exc:
            raise refuse(
                _("la decisión {n} no tiene un resultado válido: {error}").format(
                    n=number, error=exc
                )
            ) from exc
        if (result.outcome, result.tie_broken) != (d["outcome"], d["tie_broken"]):
            raise refuse(
                _(
                    "el resultado de la decisión {n} no corresponde a sus votos según el "
                    "reglamento con que se celebró la sesión."
                ).format(n=number)
            )


# Written once the session's records are (:func:`_finish`): the approval, checked then.
_SET_AT_THE_END = (
    "uid",
    "status",
    "approved_at",
    "approved_by",
    "approved_sha256",
    "approved_signers",
)


def _write_session(
    session: Session,
    local: CommitteeSession | None,
    committee_id: int,
    content: dict[str, Any],
    known: Callable[[str, str | None], str | None],
) -> CommitteeSession:
    data = content["session"]
    row = local or CommitteeSession(uid=data["uid"], committee_id=committee_id)
    for key, value in column_values(SESSION, data, omit=_SET_AT_THE_END).items():
        setattr(row, key, value)
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


def _finish(
    session: Session,
    row: CommitteeSession,
    data: dict[str, Any],
    exported_at: datetime,
    refuse: Refuse,
    matched: bool = False,
) -> None:
    table = CommitteeSession.__table__
    assert isinstance(table, Table)
    values: dict[str, Any] = {"updated_at": exported_at}
    if data["status"] == "approved":
        try:
            frozen_signers(data["approved_signers"])
        except (ValueError, TypeError) as exc:
            raise refuse(_("los firmantes del acta aprobada no son válidos.")) from exc
        row.approved_signers = data["approved_signers"]
        session.flush()
        session.expire_all()
        detail = read_session_detail(session, row.id)
        if content_sha256(detail) != data["approved_sha256"] and matched:
            raise refuse(
                _(
                    "el acta aprobada no coincide con su huella SHA-256 de aprobación con los "
                    "integrantes del comité de esta base (sus nombres o cargos no son los del "
                    "acta); impórtela creando otro comité."
                )
            )
        if content_sha256(detail) != data["approved_sha256"]:
            raise refuse(_("el acta aprobada no coincide con su huella SHA-256 de aprobación."))
        values.update(
            approved_signers=signers_json(detail.signers),
            status="approved",
            approved_at=from_json("datetime", data["approved_at"]),
            approved_by=data["approved_by"],
            approved_sha256=data["approved_sha256"],
        )
    session.execute(update(table).where(table.c.id == row.id).values(**values))
    session.expire_all()
