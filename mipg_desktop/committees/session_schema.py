"""One description of a session's records, as a session package carries them.

For each record of the package (the committee, its reglamento, people, memberships, the
session and every record of its own), :data:`RECORDS` names the ORM model, the columns
carried as they are, the columns standing for another record by its ``uid`` (:class:`Ref`)
and the columns deliberately left out, each with its reason. A field's type, length and
nullability come from the model's table (``Model.__table__.columns``) and its allowed
values from the model's constants, so the package's writer (:mod:`package_content`), its
checker (:mod:`package_check`) and its appliers (:mod:`package_apply`,
:mod:`package_sync`) cannot disagree with each other nor with the database.

:func:`schema_problems` lists the columns of a table the description does not account
for; a test keeps it empty, so a column added to a model without deciding whether the
package carries it fails the test suite.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cached_property
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String, Table, Text, Time

from mipg_desktop.committees.committees import (
    MAJORITY_KINDS,
    QUORUM_KINDS,
    RULE_FIELDS,
    TIE_BREAKERS,
)
from mipg_desktop.models.committees import (
    COMMITTEE_KINDS,
    ROLES,
    AgendaTemplateItem,
    Committee,
    CommitteeRules,
    Membership,
    Person,
)
from mipg_desktop.models.minutes import (
    COMMITMENT_STATUSES,
    DECISION_OUTCOMES,
    Commitment,
    CommitmentFollowUp,
    Decision,
    Erratum,
)
from mipg_desktop.models.sessions import (
    AGENDA_KINDS,
    ATTENDANCE_STATUSES,
    MODALITIES,
    SESSION_KINDS,
    SESSION_STATUSES,
    AgendaAttachment,
    AgendaItem,
    Attendance,
    CommitteeSession,
    QuorumCheck,
    SessionGuest,
)

TEXT_LIMIT = 200_000  # characters of a ``Text`` column (the table sets no length)
INT_LIMIT = 10**7  # integers are counts, positions, numbers of days: 0 <= n < this
CODE_LIMIT = 100  # each code of a list of codes (policies, plan types, signer roles)

_VERSION = "optimistic-lock counter of this database"
_LOCAL_ID = "this database's id"
_PARENT = "implied by the section that holds the record"
_STAMP = "set by the importing database"


@dataclass(frozen=True)
class Field:
    """One key of a record in the package."""

    name: str
    kind: str  # str, uid, sha, int, bool, date, time, datetime, codes, section, list
    nullable: bool = False
    length: int | None = None  # at most this many characters (kinds str, uid, sha)
    choices: tuple[str, ...] | None = None
    column: str | None = None  # the table column it is written to, when it is one
    section: str | None = None  # for a uid reference that must be in the package


@dataclass(frozen=True)
class Ref:
    """A column holding another record's id, carried as that record's uid."""

    name: str  # the package's key, e.g. ``parent_uid``
    column: str  # the id column, e.g. ``parent_id``
    model: type[Any]  # whose uid it names
    section: str | None = None  # the package section that must hold it (None: may be elsewhere)


@dataclass(frozen=True)
class Record:
    """How one kind of record travels in the package."""

    section: str  # the key of its list (or dict) in the package's content
    model: type[Any]
    columns: tuple[str, ...]  # carried as they are, under their own names
    refs: tuple[Ref, ...] = ()
    skipped: Mapping[str, str] = field(default_factory=dict)  # column -> why not carried
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    kinds: Mapping[str, str] = field(default_factory=dict)  # a column's kind, when not its type
    extras: tuple[Field, ...] = ()  # keys that are not columns of the table
    many: bool = True  # a list of records (False: a single record)
    nullable: bool = False  # the section may be null (single records only)
    order: Callable[[dict[str, Any]], Any] | None = None  # the list's order in the package

    @property
    def table(self) -> Table:
        table = self.model.__table__
        assert isinstance(table, Table)
        return table

    @cached_property
    def fields(self) -> tuple[Field, ...]:
        """Every key of the record, in the order the package writes them."""
        table = self.table
        out = [self._column_field(table, name) for name in self.columns]
        out += [
            Field(
                ref.name,
                "uid",
                nullable=bool(table.c[ref.column].nullable),
                length=36,
                column=ref.column,
                section=ref.section,
            )
            for ref in self.refs
        ]
        return (*out, *self.extras)

    @property
    def in_session(self) -> bool:
        """Whether the record belongs to the session whose package holds it."""
        return self.skipped.get("session_id") == _PARENT

    @cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def _column_field(self, table: Table, name: str) -> Field:
        column = table.c[name]
        kind, length = column_kind(column.type)
        kind = self.kinds.get(name, "uid" if name == "uid" else kind)
        return Field(
            name,
            kind,
            nullable=bool(column.nullable),
            length=length,
            choices=self.choices.get(name),
            column=name,
        )


def column_kind(sql_type: Any) -> tuple[str, int | None]:
    """The package kind and length of a column type (``Text`` before ``String``: it is one)."""
    if isinstance(sql_type, Text):
        return "str", TEXT_LIMIT
    if isinstance(sql_type, String):
        return "str", sql_type.length or TEXT_LIMIT
    if isinstance(sql_type, Boolean):
        return "bool", None
    if isinstance(sql_type, Integer):
        return "int", None
    if isinstance(sql_type, DateTime):
        return "datetime", None
    if isinstance(sql_type, Date):
        return "date", None
    if isinstance(sql_type, Time):
        return "time", None
    if isinstance(sql_type, JSON):
        return "codes", None
    raise TypeError(f"no package kind for column type {sql_type!r}")


def column_length(model: type[Any], name: str) -> int:
    """The length of a text column as the table declares it (``Text``: :data:`TEXT_LIMIT`)."""
    length = column_kind(model.__table__.c[name].type)[1]
    assert length is not None
    return length


_RULE_CHOICES = {
    "deliberate_quorum_kind": QUORUM_KINDS,
    "decide_quorum_kind": QUORUM_KINDS,
    "majority_kind": MAJORITY_KINDS,
    "tie_breaker": TIE_BREAKERS,
}
RULES = Record(
    "session_rules",
    CommitteeRules,
    RULE_FIELDS,
    skipped={"id": _LOCAL_ID, "committee_id": _PARENT, "version": _VERSION},
    choices=_RULE_CHOICES,
    many=False,
    nullable=True,
)
TEMPLATE = Record(
    "template",
    AgendaTemplateItem,
    ("title", "kind", "duration_minutes"),
    skipped={"id": _LOCAL_ID, "committee_id": _PARENT, "position": "the order of the list"},
    choices={"kind": AGENDA_KINDS},
)
COMMITTEE = Record(
    "committee",
    Committee,
    ("uid", "name", "short_name", "kind", "creation_act"),
    skipped={
        "id": _LOCAL_ID,
        "entity_id": "the importing database's entity",
        "active": "kept as the importing database has it",
        "created_at": _STAMP,
        "updated_at": _STAMP,
        "version": _VERSION,
    },
    choices={"kind": COMMITTEE_KINDS},
    extras=(
        Field("rules", "section", nullable=True, section="session_rules"),
        Field("template", "list", section="template"),
    ),
    many=False,
)
PEOPLE = Record(
    "people",
    Person,
    ("uid", "full_name", "position", "unit", "email"),
    skipped={"id": _LOCAL_ID, "version": _VERSION},
    order=lambda r: r["uid"],
)
MEMBERSHIPS = Record(
    "memberships",
    Membership,
    ("uid", "role", "has_vote", "position", "start_date", "end_date", "sort_order"),
    refs=(Ref("person_uid", "person_id", Person, "people"),),
    skipped={"id": _LOCAL_ID, "committee_id": _PARENT, "version": _VERSION},
    choices={"role": ROLES},
    order=lambda r: r["uid"],
)
SESSION = Record(
    "session",
    CommitteeSession,
    (
        "uid",
        "number",
        "year",
        "kind",
        "modality",
        "place",
        "platform",
        "session_date",
        "start_time",
        "end_time",
        "status",
        "convened_at",
        "convened_on",
        "notice_override_reason",
        "next_meeting_date",
        "next_meeting_time",
        "next_meeting_place",
        "approved_at",
        "approved_by",
        "approved_sha256",
        "approved_signers",
    ),
    refs=(Ref("previous_session_uid", "previous_session_id", CommitteeSession),),
    skipped={
        "id": _LOCAL_ID,
        "committee_id": "the package's committee",
        "created_at": _STAMP,
        "updated_at": "set to the package's export time",
        "version": _VERSION,
    },
    choices={"kind": SESSION_KINDS, "modality": MODALITIES, "status": SESSION_STATUSES},
    many=False,
)
AGENDA_ITEMS = Record(
    "agenda_items",
    AgendaItem,
    (
        "uid",
        "position",
        "title",
        "kind",
        "presenter",
        "duration_minutes",
        "description",
        "deliberation",
    ),
    refs=(
        Ref("parent_uid", "parent_id", AgendaItem, "agenda_items"),
        Ref("linked_commitment_uid", "linked_commitment_id", Commitment),
        Ref("linked_session_uid", "linked_session_id", CommitteeSession),
    ),
    skipped={"id": _LOCAL_ID, "session_id": _PARENT, "version": _VERSION},
    choices={"kind": AGENDA_KINDS},
    extras=(
        Field("policies", "codes"),
        Field("plan_types", "codes"),
    ),
    order=lambda r: (r["position"], r["uid"]),
)
ATTACHMENTS = Record(
    "attachments",
    AgendaAttachment,
    ("uid", "sha256", "name", "position"),
    refs=(Ref("agenda_item_uid", "agenda_item_id", AgendaItem, "agenda_items"),),
    skipped={"id": _LOCAL_ID, "session_id": _PARENT, "added_at": _STAMP},
    kinds={"sha256": "sha"},
    order=lambda r: (r["agenda_item_uid"], r["position"], r["uid"]),
)
ATTENDANCE = Record(
    "attendance",
    Attendance,
    ("status", "delegate_name", "delegate_position", "remote", "arrival_time"),
    refs=(Ref("membership_uid", "membership_id", Membership, "memberships"),),
    skipped={"id": _LOCAL_ID, "session_id": _PARENT, "version": _VERSION},
    choices={"status": ATTENDANCE_STATUSES},
    order=lambda r: r["membership_uid"],
)
GUESTS = Record(
    "guests",
    SessionGuest,
    ("uid", "name", "position", "organization", "remote"),
    skipped={"id": _LOCAL_ID, "session_id": _PARENT, "version": _VERSION},
    order=lambda r: r["uid"],
)
QUORUM_CHECKS = Record(
    "quorum_checks",
    QuorumCheck,
    (
        "checked_at",
        "voting_members",
        "present_voting",
        "required_deliberate",
        "required_decide",
        "can_deliberate",
        "can_decide",
        "summary",
        "checked_by",
    ),
    skipped={"id": _LOCAL_ID, "session_id": _PARENT},
    order=lambda r: (r["checked_at"], r["summary"]),
)
DECISIONS = Record(
    "decisions",
    Decision,
    (
        "uid",
        "position",
        "text",
        "votes_for",
        "votes_against",
        "abstentions",
        "outcome",
        "tie_broken",
        "tie_break_note",
    ),
    refs=(Ref("agenda_item_uid", "agenda_item_id", AgendaItem, "agenda_items"),),
    skipped={"id": _LOCAL_ID, "session_id": _PARENT, "version": _VERSION},
    choices={"outcome": DECISION_OUTCOMES},
    order=lambda r: (r["position"], r["uid"]),
)
COMMITMENTS = Record(
    "commitments",
    Commitment,
    (
        "uid",
        "number",
        "text",
        "owner_name",
        "due_date",
        "status",
        "progress",
        "closed_on",
        "remarks",
    ),
    refs=(
        Ref("agenda_item_uid", "agenda_item_id", AgendaItem, "agenda_items"),
        Ref("owner_membership_uid", "owner_membership_id", Membership, "memberships"),
    ),
    skipped={"id": _LOCAL_ID, "session_id": _PARENT, "version": _VERSION},
    choices={"status": COMMITMENT_STATUSES},
    order=lambda r: r["number"],
)
_FOLLOW_UP_COLUMNS = (
    "uid",
    "on_date",
    "note",
    "evidence",
    "progress",
    "recorded_by",
    "recorded_at",
)
FOLLOW_UPS = Record(
    "follow_ups",
    CommitmentFollowUp,
    _FOLLOW_UP_COLUMNS,
    refs=(
        Ref("commitment_uid", "commitment_id", Commitment, "commitments"),
        Ref("session_uid", "session_id", CommitteeSession),
    ),
    skipped={"id": _LOCAL_ID},
    order=lambda r: (r["on_date"], r["uid"]),
)
EARLIER_FOLLOW_UPS = Record(
    "earlier_follow_ups",
    CommitmentFollowUp,
    _FOLLOW_UP_COLUMNS,
    refs=(
        Ref("commitment_uid", "commitment_id", Commitment),  # an earlier session's
        Ref("session_uid", "session_id", CommitteeSession),
    ),
    skipped={"id": _LOCAL_ID},
    order=lambda r: (r["on_date"], r["uid"]),
)
ERRATA = Record(
    "errata",
    Erratum,
    ("uid", "section", "text", "created_at", "created_by", "sha256"),
    skipped={"id": _LOCAL_ID, "session_id": _PARENT},
    order=lambda r: (r["created_at"], r["uid"]),
)

# The session's own records, in the order they are checked and written.
SESSION_RECORDS: tuple[Record, ...] = (
    AGENDA_ITEMS,
    ATTACHMENTS,
    ATTENDANCE,
    GUESTS,
    QUORUM_CHECKS,
    DECISIONS,
    COMMITMENTS,
    FOLLOW_UPS,
    EARLIER_FOLLOW_UPS,
    ERRATA,
)
LISTS: tuple[Record, ...] = (PEOPLE, MEMBERSHIPS, *SESSION_RECORDS)
RECORDS: tuple[Record, ...] = (COMMITTEE, TEMPLATE, RULES, SESSION, *LISTS)
BY_SECTION: dict[str, Record] = {r.section: r for r in RECORDS}
# Sections whose content, after an import, is the package's (the "unchanged" comparison).
SESSION_SCOPED: tuple[str, ...] = (SESSION.section, *(r.section for r in SESSION_RECORDS))
# Sections described elsewhere: the entity's header and the approved acta
# (:mod:`package_record`), both optional.
OTHER_SECTIONS = ("entity", "record")


def schema_problems(record: Record, table: Table | None = None) -> list[str]:
    """The columns of ``table`` (the record's own by default) that the description neither
    carries nor skips with a reason, and the ones it names that the table lacks."""
    table = record.table if table is None else table
    described = {*record.columns, *(r.column for r in record.refs), *record.skipped}
    described |= {f.column for f in record.extras if f.column}
    columns = {c.name for c in table.columns}
    problems = [f"{table.name}.{c}: not in the package schema" for c in sorted(columns - described)]
    problems += [f"{table.name}.{c}: no such column" for c in sorted(described - columns)]
    return problems


# --- values ---------------------------------------------------------------------------------


def to_json(value: Any) -> Any:
    if isinstance(value, date | time | datetime):
        return value.isoformat()
    return value


_PARSERS: dict[str, Callable[[str], Any]] = {
    "date": date.fromisoformat,
    "time": time.fromisoformat,
    "datetime": datetime.fromisoformat,
}


def from_json(kind: str, value: Any) -> Any:
    parser = _PARSERS.get(kind)
    return value if value is None or parser is None else parser(value)


def read_row(
    record: Record, row: Any, uid_of: Callable[[type[Any], int | None], str | None]
) -> dict[str, Any]:
    """A row's carried columns and references (the extras are the caller's)."""
    out = {name: to_json(getattr(row, name)) for name in record.columns}
    for ref in record.refs:
        out[ref.name] = uid_of(ref.model, getattr(row, ref.column))
    return out


def column_values(
    record: Record, data: dict[str, Any], *, omit: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The values of the carried columns (not the references) as the model takes them."""
    return {
        f.name: from_json(f.kind, data[f.name])
        for f in record.fields
        if f.column == f.name and f.name not in omit
    }


def ref_values(
    record: Record, data: dict[str, Any], resolve: Callable[[Ref, str | None], int | None]
) -> dict[str, int | None]:
    """The id columns of the references, each resolved in the importing database."""
    return {ref.column: resolve(ref, data[ref.name]) for ref in record.refs}
