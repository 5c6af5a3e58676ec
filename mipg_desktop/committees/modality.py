"""Modality rules of a committee's reglamento: which modalities it allows, and when.

A rule is ``{"modality", "allowed": always|conditional|never, "condition", "source"}``.
A modality with no rule (or a committee with no rules) is allowed. Scheduling or
convening a session in a modality its reglamento does not allow, or allows only under a
condition, needs a reason, as a late convocation does: the reason is stored on the
session (``modality_reason``), audited, and stated in the acta.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mipg_desktop.committees import labels
from mipg_desktop.committees.common import check_version, unit_of_work
from mipg_desktop.i18n import _

if TYPE_CHECKING:
    from mipg_desktop.committees.views import RulesInfo
    from mipg_desktop.models.committees import Committee
    from mipg_desktop.storage.database import Database

MAX_MODALITY_REASON = 1000


def rule_for(rules: Any, modality: str) -> dict[str, str] | None:
    """The committee's rule for ``modality`` when it is not simply allowed."""
    for rule in rules or ():
        if rule.get("modality") == modality and rule.get("allowed") != "always":
            return dict(rule)
    return None


def outside_rules_message(rule: dict[str, str]) -> str:
    """«El reglamento no permite sesiones virtuales…» with what it takes to go ahead."""
    modality = labels.modality_label(rule["modality"]).lower()
    if rule.get("allowed") == "never":
        text = _("El reglamento del comité no permite la modalidad {modality}.").format(
            modality=modality
        )
    else:
        text = _("El reglamento permite la modalidad {modality} solo si: {condition}.").format(
            modality=modality, condition=rule.get("condition", "").rstrip(".")
        )
    if rule.get("source"):
        text += " " + _("Fuente: {source}.").format(source=rule["source"].rstrip("."))
    return text


def committee_rule(committee: Committee, modality: str) -> dict[str, str] | None:
    rules = committee.rules.modality_rules if committee.rules is not None else ()
    return rule_for(rules, modality)


def modality_problem(db: Database, committee_id: int, modality: str) -> str:
    """What the reglamento says against ``modality`` ("" when it is allowed)."""
    from mipg_desktop.committees.readers import get_committee_row

    with unit_of_work(db, write=False) as session:
        rule = committee_rule(get_committee_row(session, committee_id), modality)
        return outside_rules_message(rule) if rule else ""


def session_modality_problem(db: Database, session_id: int) -> str:
    """The same for an existing session, "" when it is allowed or already has its reason."""
    from mipg_desktop.committees.readers import get_committee_row, get_session_row

    with unit_of_work(db, write=False) as session:
        row = get_session_row(session, session_id)
        if row.modality_reason:
            return ""
        rule = committee_rule(get_committee_row(session, row.committee_id), row.modality)
        return outside_rules_message(rule) if rule else ""


def require_reason(committee: Committee, modality: str, reason: str) -> str:
    """The reason to store for ``modality`` ("" when the reglamento allows it); refused
    with the reglamento's words when it is needed and missing."""
    from mipg_desktop.committees.common import clean_line
    from mipg_desktop.errors import ValidationError

    rule = committee_rule(committee, modality)
    if rule is None:
        return ""
    reason = clean_line(reason, _("Motivo de la modalidad"), MAX_MODALITY_REASON)
    if not reason:
        raise ValidationError(
            outside_rules_message(rule)
            + " "
            + _("Indique el motivo para sesionar de todos modos en esa modalidad.")
        )
    return reason


def save_modality_rules(
    db: Database, committee_id: int, rules: list[dict[str, str]], *, expected_version: int | None
) -> RulesInfo:
    """Replace the committee's modality rules (its reglamento's other fields stay)."""
    from mipg_desktop.audit import record
    from mipg_desktop.committees.common import fresh
    from mipg_desktop.committees.readers import get_committee_row, rules_info
    from mipg_desktop.committees.types import check_modality_rules
    from mipg_desktop.models.committees import CommitteeRules

    cleaned = check_modality_rules(rules)
    with unit_of_work(db) as session:
        committee = get_committee_row(session, committee_id)
        row = committee.rules
        if row is None:
            check_version(0, expected_version)
            row = committee.rules = CommitteeRules()
        else:
            row = fresh(session, CommitteeRules, row.id) or row
            check_version(row.version, expected_version)
        before = list(row.modality_rules or ())
        row.modality_rules = cleaned
        session.flush()
        record(
            session,
            db.user_name,
            "update",
            "committee_rules",
            row.id,
            committee.name,
            {"modality_rules": [before, cleaned]},
        )
        return rules_info(row)
