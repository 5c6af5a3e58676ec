"""Read models of committees and their people (re-exported by :mod:`views`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class RulesInfo:
    """The committee's reglamento (see ``models.committees.CommitteeRules`` for the codes)."""

    deliberate_quorum_kind: str
    deliberate_quorum_num: int
    deliberate_quorum_den: int
    decide_quorum_kind: str
    decide_quorum_num: int
    decide_quorum_den: int
    delegates_count: bool
    majority_kind: str
    majority_num: int
    majority_den: int
    tie_breaker: str
    notice_days_ordinary: int
    notice_days_extraordinary: int
    periodicity_months: int
    signer_roles: tuple[str, ...]
    approval_method: str
    tacit_approval_days: int | None
    version: int
    # {"modality", "allowed": always|conditional|never, "condition", "source"} (empty: all)
    modality_rules: tuple[dict[str, str], ...] = ()


@dataclass(frozen=True)
class TemplateItemInfo:
    position: int
    title: str
    kind: str
    duration_minutes: int | None


@dataclass(frozen=True)
class CommitteeSummary:
    id: int
    uid: str
    name: str
    short_name: str
    kind: str
    kind_label: str
    creation_act: str
    entity_name: str
    active: bool
    member_count: int
    session_count: int
    version: int
    type_code: str = ""  # the committee type it was created from ("" for none)


@dataclass(frozen=True)
class CommitteeDetail:
    summary: CommitteeSummary
    rules: RulesInfo | None
    template: tuple[TemplateItemInfo, ...]


@dataclass(frozen=True)
class MemberInfo:
    membership_id: int
    person_id: int
    name: str
    role: str
    role_label: str
    position: str
    unit: str
    email: str
    has_vote: bool
    start_date: date
    end_date: date | None
    version: int
    person_version: int = 0


@dataclass(frozen=True)
class PersonInfo:
    id: int
    uid: str
    full_name: str
    position: str
    unit: str
    email: str
    version: int


@dataclass(frozen=True)
class TextBlockInfo:
    id: int
    committee_id: int | None
    name: str
    body: str
