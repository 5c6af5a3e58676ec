"""Every mapped table, imported here so ``Base.metadata`` knows them all."""

from mipg_desktop.models.audit import AuditEntry
from mipg_desktop.models.catalog import CatalogVersion, Dimension, PlanType, Policy
from mipg_desktop.models.committees import (
    AgendaTemplateItem,
    Committee,
    CommitteeRules,
    Membership,
    Person,
    TextBlock,
)
from mipg_desktop.models.entity import DocumentControl, Entity, Setting
from mipg_desktop.models.furag import FuragResult, FuragScore
from mipg_desktop.models.imports import ImportLayout
from mipg_desktop.models.minutes import Commitment, CommitmentFollowUp, Decision, Erratum
from mipg_desktop.models.plans import (
    ActivityProgress,
    ControlRating,
    EvidenceBlob,
    EvidenceFile,
    Plan,
    PlanActivity,
)
from mipg_desktop.models.records import ActaSignature, ApprovedActa
from mipg_desktop.models.review import ReviewObservation, ReviewResponse
from mipg_desktop.models.sessions import (
    AgendaAttachment,
    AgendaItem,
    AttachmentBlob,
    Attendance,
    CommitteeSession,
    QuorumCheck,
    SessionGuest,
)

__all__ = [
    "ActaSignature",
    "ActivityProgress",
    "AgendaAttachment",
    "AgendaItem",
    "AgendaTemplateItem",
    "ApprovedActa",
    "AttachmentBlob",
    "Attendance",
    "AuditEntry",
    "CatalogVersion",
    "Commitment",
    "CommitmentFollowUp",
    "Committee",
    "CommitteeRules",
    "CommitteeSession",
    "ControlRating",
    "Decision",
    "Dimension",
    "DocumentControl",
    "Entity",
    "Erratum",
    "EvidenceBlob",
    "EvidenceFile",
    "FuragResult",
    "FuragScore",
    "ImportLayout",
    "Membership",
    "Person",
    "Plan",
    "PlanActivity",
    "PlanType",
    "Policy",
    "QuorumCheck",
    "ReviewObservation",
    "ReviewResponse",
    "SessionGuest",
    "Setting",
    "TextBlock",
]
