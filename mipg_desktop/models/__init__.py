"""Every mapped table, imported here so ``Base.metadata`` knows them all."""

from mipg_desktop.models.audit import AuditEntry
from mipg_desktop.models.catalog import CatalogVersion, Dimension, PlanType, Policy
from mipg_desktop.models.entity import DocumentControl, Entity, Setting

__all__ = [
    "AuditEntry",
    "CatalogVersion",
    "Dimension",
    "DocumentControl",
    "Entity",
    "PlanType",
    "Policy",
    "Setting",
]
