"""Quorum to deliberate and to decide, computed from the reglamento at any moment.

Only members with vote count; guests and permanent guests never do. A delegate
counts when the reglamento allows delegation (``delegates_count``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mipg_desktop.i18n import _

if TYPE_CHECKING:
    from mipg_desktop.models.committees import CommitteeRules

NON_VOTING_ROLES = ("permanent_guest", "guest")


@dataclass(frozen=True)
class QuorumResult:
    voting_members: int
    present_voting: int
    required_deliberate: int
    required_decide: int
    can_deliberate: bool
    can_decide: bool
    text: str


def required_count(kind: str, num: int, den: int, members: int) -> int:
    """Members with vote needed out of ``members`` for a quorum rule."""
    if members <= 0:
        return 1
    if kind == "count":
        return max(1, min(num, members))
    if kind == "fraction" and den > 0:
        return max(1, math.ceil(members * num / den))
    return members // 2 + 1


def counts_for_quorum(role: str, has_vote: bool, status: str, delegates_count: bool) -> bool:
    if not has_vote or role in NON_VOTING_ROLES:
        return False
    return status == "present" or (status == "delegated" and delegates_count)


def compute_quorum(rules: CommitteeRules | None, voting_members: int, present: int) -> QuorumResult:
    kinds = (
        (rules.deliberate_quorum_kind, rules.deliberate_quorum_num, rules.deliberate_quorum_den)
        if rules
        else ("half_plus_one", 1, 2)
    )
    decide = (
        (rules.decide_quorum_kind, rules.decide_quorum_num, rules.decide_quorum_den)
        if rules
        else ("half_plus_one", 1, 2)
    )
    need_d = required_count(*kinds, voting_members)
    need_v = required_count(*decide, voting_members)
    can_d, can_v = present >= need_d, present >= need_v
    text = _(
        "Asisten {present} de {members} integrantes con voto; para deliberar se requieren "
        "{need_d} y para decidir {need_v}."
    ).format(present=present, members=voting_members, need_d=need_d, need_v=need_v)
    if can_d and can_v:
        text += " " + _("Hay quórum para deliberar y decidir.")
    elif can_d:
        text += " " + _("Hay quórum para deliberar, pero no para decidir.")
    else:
        text += " " + _("No hay quórum.")
    return QuorumResult(voting_members, present, need_d, need_v, can_d, can_v, text)


def quorum_rule_label(kind: str, num: int, den: int) -> str:
    """A quorum rule as the reglamento says it («la mitad más uno de los integrantes con
    voto», «2/3 de…», «3 integrantes con voto»)."""
    if kind == "count":
        return _("{n} integrantes con voto").format(n=num)
    if kind == "fraction" and den > 0:
        return _("{num}/{den} de los integrantes con voto").format(num=num, den=den)
    return _("la mitad más uno de los integrantes con voto")


def quorum_rules_text(rules: Any) -> str:
    """Both quorum rules of a reglamento (``RulesInfo`` or ``CommitteeRules``) in one line."""
    deliberate = quorum_rule_label(
        rules.deliberate_quorum_kind, rules.deliberate_quorum_num, rules.deliberate_quorum_den
    )
    decide = quorum_rule_label(
        rules.decide_quorum_kind, rules.decide_quorum_num, rules.decide_quorum_den
    )
    if deliberate == decide:
        return _("Quórum para deliberar y decidir: {rule}.").format(rule=deliberate)
    return _("Quórum para deliberar: {a}; para decidir: {b}.").format(a=deliberate, b=decide)
