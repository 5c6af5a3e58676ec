"""Decisions with votes; the outcome follows the reglamento, ties included."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from mipg_desktop.audit import record
from mipg_desktop.committees.common import (
    check_fields,
    check_version,
    clean_long,
    editable_session,
    new_uid,
    unit_of_work,
)
from mipg_desktop.committees.phases import OPEN_PHASES
from mipg_desktop.committees.readers import decision_info, get_committee_row
from mipg_desktop.committees.session_detail import live_quorum
from mipg_desktop.errors import NotFound, ValidationError
from mipg_desktop.i18n import _, ngettext
from mipg_desktop.models.minutes import Decision
from mipg_desktop.models.sessions import AgendaItem

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.committees.views import DecisionInfo
    from mipg_desktop.models.committees import CommitteeRules
    from mipg_desktop.models.sessions import CommitteeSession
    from mipg_desktop.storage.database import Database

VOTING_PHASES = OPEN_PHASES


@dataclass(frozen=True)
class Outcome:
    outcome: str  # approved, rejected, tied
    tie_broken: bool
    note: str


def decide_outcome(
    rules: CommitteeRules | None,
    votes_for: int,
    votes_against: int,
    abstentions: int,
    present_voting: int,
    voting_members: int,
    tie_break: str | None = None,
    *,
    president_present: bool = True,
) -> Outcome:
    """The outcome of a vote under the reglamento.

    The majority rule comes first. Only a simple majority (for against against) can be
    blocked by a tie: the absolute and qualified majorities count the votes for against
    a threshold that a tie never reaches, so a tie there is simply not approved.
    ``tie_break`` is the president's casting vote (``for`` / ``against``), used only when
    a tie of at least one vote each blocks a simple majority, the reglamento gives the
    president the tie and the president is present.
    """
    kind = rules.majority_kind if rules else "simple"
    if kind == "simple" and votes_for == votes_against and votes_for > 0:
        breaker = rules.tie_breaker if rules else "president"
        return _tie(breaker, votes_for, tie_break, president_present)
    if votes_for == 0:
        passed = False
    elif kind == "simple":
        passed = votes_for > votes_against
    elif kind == "absolute_present":
        passed = votes_for * 2 > present_voting
    elif kind == "absolute_members":
        passed = votes_for * 2 > voting_members
    else:
        num = rules.majority_num if rules else 2
        den = rules.majority_den if rules else 3
        passed = votes_for * den >= present_voting * num
    return Outcome("approved" if passed else "rejected", False, "")


def _tie(breaker: str, votes: int, tie_break: str | None, president_present: bool) -> Outcome:
    if breaker == "president" and not president_present:
        if tie_break in ("for", "against"):
            raise ValidationError(
                _(
                    "Hay empate ({a} a {a}) y el voto de calidad es de la presidencia, que no "
                    "está presente en la sesión: no hay decisión."
                ).format(a=votes)
            )
        return Outcome(
            "tied",
            False,
            _(
                "Empate {a} a {a}; la presidencia no está presente para dirimirlo: no hay decisión."
            ).format(a=votes),
        )
    if breaker == "president" and tie_break in ("for", "against"):
        won = tie_break == "for"
        note = _("Empate {a} a {b}; decide el voto de calidad de la presidencia ({v}).").format(
            a=votes, b=votes, v=_("a favor") if won else _("en contra")
        )
        return Outcome("approved" if won else "rejected", True, note)
    if breaker == "president":
        raise ValidationError(
            _(
                "Hay empate ({a} a {b}); el reglamento da el desempate a la presidencia: "
                "indique su voto de calidad."
            ).format(a=votes, b=votes)
        )
    return Outcome(
        "tied",
        False,
        _("Empate {a} a {b}; el reglamento no prevé desempate: no hay decisión.").format(
            a=votes, b=votes
        ),
    )


def votes_count(n: int) -> str:
    return ngettext("{n} voto", "{n} votos", n).format(n=n)


def voters_present(n: int) -> str:
    return ngettext(
        "{n} integrante con voto presente", "{n} integrantes con voto presentes", n
    ).format(n=n)


def president_is_present(session: Session, row: CommitteeSession) -> bool:
    """Whether the session's president is recorded present (the casting vote is theirs)."""
    from mipg_desktop.committees.session_detail import attendance_rows

    return any(
        m.role == "president" and status == "present"
        for m, status, _mark in attendance_rows(session, row)
    )


def _checked_outcome(
    session: Session,
    row: CommitteeSession,
    votes: tuple[int, int, int],
    agenda_item_id: int | None,
    tie_break: str | None,
) -> Outcome:
    """The refusals a vote gets (phase, item, quorum, more votes than voters) and then its
    outcome under the reglamento."""
    if min(votes) < 0:
        raise ValidationError(_("Los votos no pueden ser negativos."))
    if row.status not in VOTING_PHASES:
        raise ValidationError(_("Solo se registran decisiones de una sesión ya convocada."))
    if agenda_item_id is not None:
        item = session.get(AgendaItem, agenda_item_id)
        if item is None or item.session_id != row.id:
            raise NotFound(_("El punto indicado no pertenece a esta sesión."))
    quorum = live_quorum(session, row)
    if not quorum.can_decide:
        raise ValidationError(_("No hay quórum para decidir: {text}").format(text=quorum.text))
    if sum(votes) > quorum.present_voting:
        raise ValidationError(
            _("Se registran {votes}, pero solo hay {present}.").format(
                votes=votes_count(sum(votes)),
                present=voters_present(quorum.present_voting),
            )
        )
    committee = get_committee_row(session, row.committee_id)
    return decide_outcome(
        committee.rules,
        *votes,
        quorum.present_voting,
        quorum.voting_members,
        tie_break,
        president_present=president_is_present(session, row),
    )


def _decision_text(text: str) -> str:
    body = clean_long(text, _("Decisión"), 5000).strip()
    if not body:
        raise ValidationError(_("Escriba el texto de la decisión."))
    return body


def record_decision(
    db: Database,
    session_id: int,
    text: str,
    votes_for: int,
    votes_against: int = 0,
    abstentions: int = 0,
    agenda_item_id: int | None = None,
    tie_break: str | None = None,
) -> DecisionInfo:
    """Record a decision: refused without quorum to decide or with more votes than voters."""
    body = _decision_text(text)
    with unit_of_work(db) as session:
        row = editable_session(session, session_id)
        votes = (votes_for, votes_against, abstentions)
        result = _checked_outcome(session, row, votes, agenda_item_id, tie_break)
        count = session.scalar(select(func.count()).where(Decision.session_id == row.id)) or 0
        decision = Decision(
            uid=new_uid(),
            session_id=row.id,
            agenda_item_id=agenda_item_id,
            position=int(count),
            text=body,
            votes_for=votes_for,
            votes_against=votes_against,
            abstentions=abstentions,
            outcome=result.outcome,
            tie_broken=result.tie_broken,
            tie_break_note=result.note,
        )
        session.add(decision)
        session.flush()
        record(
            session,
            db.user_name,
            "create",
            "decisions",
            decision.id,
            body[:200],
            {
                "for": votes_for,
                "against": votes_against,
                "abstentions": abstentions,
                "outcome": result.outcome,
            },
        )
        return decision_info(decision, int(count) + 1)


DECISION_FIELDS = ("text", "votes_for", "votes_against", "abstentions", "agenda_item_id")


def update_decision(
    db: Database,
    decision_id: int,
    *,
    expected_version: int,
    base: dict[str, Any] | None = None,
    tie_break: str | None = None,
    **values: Any,
) -> DecisionInfo:
    """Correct a decision's text, item or vote count; the outcome is decided again under the
    reglamento (``tie_break`` as when it was recorded)."""
    unknown = set(values) - set(DECISION_FIELDS)
    if unknown:
        raise ValidationError(_("Campo desconocido: {field}").format(field=", ".join(unknown)))
    if "text" in values:
        values["text"] = _decision_text(values["text"])
    with unit_of_work(db) as session:
        decision = session.get(Decision, decision_id)
        if decision is None:
            raise NotFound(_("No existe la decisión {id}.").format(id=decision_id))
        row = editable_session(session, decision.session_id)
        check_fields(decision, expected_version, {k: getattr(decision, k) for k in values}, base)
        merged = {k: values.get(k, getattr(decision, k)) for k in DECISION_FIELDS}
        votes = (merged["votes_for"], merged["votes_against"], merged["abstentions"])
        result = _checked_outcome(session, row, votes, merged["agenda_item_id"], tie_break)
        changes = {
            k: [getattr(decision, k), v] for k, v in merged.items() if getattr(decision, k) != v
        }
        for key, value in merged.items():
            setattr(decision, key, value)
        decision.outcome, decision.tie_broken = result.outcome, result.tie_broken
        decision.tie_break_note = result.note
        session.flush()
        record(
            session,
            db.user_name,
            "update",
            "decisions",
            decision.id,
            decision.text[:200],
            {**changes, "outcome": result.outcome},
        )
        number = session.scalar(
            select(func.count()).where(
                Decision.session_id == row.id, Decision.position <= decision.position
            )
        )
        return decision_info(decision, int(number or 1))


def remove_decision(db: Database, decision_id: int, *, expected_version: int) -> None:
    with unit_of_work(db) as session:
        decision = session.get(Decision, decision_id)
        if decision is None:
            raise NotFound(_("No existe la decisión {id}.").format(id=decision_id))
        editable_session(session, decision.session_id)
        check_version(decision.version, expected_version)
        session.delete(decision)
        record(session, db.user_name, "delete", "decisions", decision_id, decision.text[:200])
