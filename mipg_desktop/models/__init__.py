"""Every mapped table, imported here so ``Base.metadata`` knows them all."""

from mipg_desktop.models.audit import AuditEntry
from mipg_desktop.models.catalog import CatalogVersion, Dimension, PlanType, Policy
from mipg_desktop.models.entity import DocumentControl, Entity, Setting
from mipg_desktop.models.furag import FuragResult, FuragScore
from mipg_desktop.models.plans import (
    ActivityProgress,
    ControlRating,
    EvidenceBlob,
    EvidenceFile,
    Plan,
    PlanActivity,
)

__all__ = [
    "ActivityProgress",
    "AuditEntry",
    "CatalogVersion",
    "ControlRating",
    "Dimension",
    "DocumentControl",
    "Entity",
    "EvidenceBlob",
    "EvidenceFile",
    "FuragResult",
    "FuragScore",
    "Plan",
    "PlanActivity",
    "PlanType",
    "Policy",
    "Setting",
]
