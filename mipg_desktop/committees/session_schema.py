"""One description of a session's records, as a session package carries them.

For each record of the package (the committee, its reglamento, people, memberships, the
session and every record of its own), :data:`RECORDS` names the ORM model, the columns
carried as they are, the columns standing for another record by its ``uid`` (:class:`Ref`)
and the columns deliberately left out, each with its reason. A field's type, length and
nullability come from the model's table (``Model.__table__.columns``) and its allowed
values from the model's constants, so the package's writer (:mod:`package_content`), its
checker (:mod:`package_check`) and its appliers (:mod:`package_apply`,
:mod:`package_sync`) cannot disagree with each other nor with the database.

:func:`~record_schema.schema_problems` lists the columns of a table the description does not account
for; a test keeps it empty, so a column added to a model without deciding whether the
package carries it fails the test suite.
"""

from __future__ import annotations

from mipg_desktop.committees.committees import (
    MAJORITY_KINDS,
    QUORUM_KINDS,
    RULE_FIELDS,
    TIE_BREAKERS,
)
from mipg_desktop.committees.record_schema import (
    LOCAL_ID,
    PARENT,
    STAMP,
    VERSION_COUNTER,
    Field,
    Record,
    Ref,
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
from mipg_desktop.models.entity import DocumentControl, Entity
from mipg_desktop.models.minutes import (
    COMMITMENT_STATUSES,
    DECISION_OUTCOMES,
    Commitment,
    CommitmentFollowUp,
    Decision,
    Erratum,
)
from mipg_desktop.models.records import ActaSignature, ApprovedActa
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
    skipped={"id": LOCAL_ID, "committee_id": PARENT, "version": VERSION_COUNTER},
    choices=_RULE_CHOICES,
    many=False,
    nullable=True,
)
TEMPLATE = Record(
    "template",
    AgendaTemplateItem,
    ("title", "kind", "duration_minutes"),
    skipped={"id": LOCAL_ID, "committee_id": PARENT, "position": "the order of the list"},
    choices={"kind": AGENDA_KINDS},
)
COMMITTEE = Record(
    "committee",
    Committee,
    ("uid", "name", "short_name", "kind", "creation_act"),
    skipped={
        "id": LOCAL_ID,
        "entity_id": "the importing database's entity",
        "active": "kept as the importing database has it",
        "created_at": STAMP,
        "updated_at": STAMP,
        "version": VERSION_COUNTER,
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
    skipped={"id": LOCAL_ID, "version": VERSION_COUNTER},
    order=lambda r: r["uid"],
)
MEMBERSHIPS = Record(
    "memberships",
    Membership,
    ("uid", "role", "has_vote", "position", "start_date", "end_date", "sort_order"),
    refs=(Ref("person_uid", "person_id", Person, "people"),),
    skipped={"id": LOCAL_ID, "committee_id": PARENT, "version": VERSION_COUNTER},
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
        "approved_review",
    ),
    refs=(Ref("previous_session_uid", "previous_session_id", CommitteeSession),),
    skipped={
        "id": LOCAL_ID,
        "committee_id": "the package's committee",
        "created_at": STAMP,
        "updated_at": "set to the package's export time",
        "version": VERSION_COUNTER,
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
    skipped={"id": LOCAL_ID, "session_id": PARENT, "version": VERSION_COUNTER},
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
    skipped={"id": LOCAL_ID, "session_id": PARENT, "added_at": STAMP},
    kinds={"sha256": "sha"},
    order=lambda r: (r["agenda_item_uid"], r["position"], r["uid"]),
)
ATTENDANCE = Record(
    "attendance",
    Attendance,
    ("status", "delegate_name", "delegate_position", "remote", "arrival_time"),
    refs=(Ref("membership_uid", "membership_id", Membership, "memberships"),),
    skipped={"id": LOCAL_ID, "session_id": PARENT, "version": VERSION_COUNTER},
    choices={"status": ATTENDANCE_STATUSES},
    order=lambda r: r["membership_uid"],
)
GUESTS = Record(
    "guests",
    SessionGuest,
    ("uid", "name", "position", "organization", "remote"),
    skipped={"id": LOCAL_ID, "session_id": PARENT, "version": VERSION_COUNTER},
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
    skipped={"id": LOCAL_ID, "session_id": PARENT},
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
    skipped={"id": LOCAL_ID, "session_id": PARENT, "version": VERSION_COUNTER},
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
    skipped={"id": LOCAL_ID, "session_id": PARENT, "version": VERSION_COUNTER},
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
    skipped={"id": LOCAL_ID},
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
    skipped={"id": LOCAL_ID},
    order=lambda r: (r["on_date"], r["uid"]),
)
ERRATA = Record(
    "errata",
    Erratum,
    ("uid", "section", "text", "created_at", "created_by", "sha256"),
    skipped={"id": LOCAL_ID, "session_id": PARENT},
    order=lambda r: (r["created_at"], r["uid"]),
)

# What the package carries besides the session (package_record.py): the entity's header,
# so a laptop prints the secretary's, and the acta as approved, so it prints the same bytes.
DOCUMENT_CONTROLS = Record(
    "document_controls",
    DocumentControl,
    (
        "document_kind",
        "process",
        "code",
        "version",
        "valid_from",
        "show_uncontrolled_copy",
        "uncontrolled_copy_legend",
        "prepared_by",
        "reviewed_by",
        "approved_by",
    ),
    skipped={"id": LOCAL_ID, "entity_id": PARENT, "row_version": VERSION_COUNTER},
)
_ENTITY_TEXT = ("city", "nit", "department", "sigep_code", "address", "order", "logo_mime")
ENTITY = Record(
    "entity",
    Entity,
    ("name", *_ENTITY_TEXT),
    skipped={
        "id": LOCAL_ID,
        "logo": "travels as attachments/<logo_sha256>",
        "created_at": STAMP,
        "updated_at": STAMP,
        "version": VERSION_COUNTER,
    },
    optional=_ENTITY_TEXT,  # older packages carry only the name and the city
    extras=(
        Field("logo_sha256", "sha", length=64, optional=True),
        Field("document_controls", "list", section="document_controls", optional=True),
    ),
    many=False,
    nullable=True,
)
SIGNATURES = Record(
    "signatures",
    ActaSignature,
    ("sequence", "field_name", "signer_name", "kind", "signed_at", "pdf_sha256"),
    skipped={"id": LOCAL_ID, "session_id": PARENT, "pdf": "travels as attachments/<pdf_sha256>"},
    kinds={"pdf_sha256": "sha"},
)
ACTA_RECORD = Record(
    "record",
    ApprovedActa,
    ("approved_at", "pdf_sha256", "snapshot", "snapshot_sha256", "content_sha256"),
    skipped={"session_id": PARENT, "pdf": "travels as attachments/<pdf_sha256>"},
    kinds={"pdf_sha256": "sha", "snapshot_sha256": "sha", "content_sha256": "sha"},
    lengths={"snapshot": 20 * 1024 * 1024},  # all the acta shows; bounded by the manifest's size
    extras=(Field("signatures", "list", section="signatures"),),
    many=False,
    nullable=True,
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
OTHER_RECORDS: tuple[Record, ...] = (ENTITY, DOCUMENT_CONTROLS, ACTA_RECORD, SIGNATURES)
RECORDS: tuple[Record, ...] = (COMMITTEE, TEMPLATE, RULES, SESSION, *LISTS, *OTHER_RECORDS)
BY_SECTION: dict[str, Record] = {r.section: r for r in RECORDS}
# Sections whose content, after an import, is the package's (the "unchanged" comparison).
SESSION_SCOPED: tuple[str, ...] = (SESSION.section, *(r.section for r in SESSION_RECORDS))
