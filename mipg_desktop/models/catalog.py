"""The MIPG catalog: versions, dimensions, policies and Decreto 612 plan types."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mipg_desktop.catalog_view import name_for_year
from mipg_desktop.storage.base import Base, utcnow

ORIGIN_CATALOG = "catalog"
ORIGIN_ENTITY = "entity"

plan_type_policies = Table(
    "plan_type_policies",
    Base.metadata,
    Column("plan_type_id", ForeignKey("plan_types.id", ondelete="CASCADE"), primary_key=True),
    Column("policy_id", ForeignKey("policies.id", ondelete="CASCADE"), primary_key=True),
)


class CatalogVersion(Base):
    __tablename__ = "catalog_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(Text, default="")
    is_current: Mapped[bool] = mapped_column(default=False)
    loaded_at: Mapped[datetime] = mapped_column(default=utcnow)

    dimensions: Mapped[list[Dimension]] = relationship(
        back_populates="catalog_version", order_by="[Dimension.sort_order, Dimension.id]"
    )


class Dimension(Base):
    """A dimension (D1–D7) or a component an entity adds, e.g. "Gestión ambiental"."""

    __tablename__ = "dimensions"
    __table_args__ = (UniqueConstraint("catalog_version_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    catalog_version_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_versions.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(300))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    description: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    origin: Mapped[str] = mapped_column(String(20), default=ORIGIN_CATALOG)

    catalog_version: Mapped[CatalogVersion] = relationship(back_populates="dimensions")
    policies: Mapped[list[Policy]] = relationship(
        back_populates="dimension", order_by="[Policy.sort_order, Policy.id]"
    )


class Policy(Base):
    """A política de gestión y desempeño, with its aliases and FURAG number."""

    __tablename__ = "policies"
    __table_args__ = (UniqueConstraint("catalog_version_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    catalog_version_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_versions.id", ondelete="CASCADE"), index=True
    )
    dimension_id: Mapped[int] = mapped_column(
        ForeignKey("dimensions.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(300))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    legal_basis_confirmed: Mapped[bool] = mapped_column(default=True)
    furag_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    origin: Mapped[str] = mapped_column(String(20), default=ORIGIN_CATALOG)

    dimension: Mapped[Dimension] = relationship(back_populates="policies")
    plan_types: Mapped[list[PlanType]] = relationship(
        secondary=plan_type_policies, back_populates="policies"
    )


class PlanType(Base):
    """One of the twelve Decreto 612 de 2018 plans (or one an entity adds)."""

    __tablename__ = "plan_types"
    __table_args__ = (UniqueConstraint("catalog_version_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    catalog_version_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_versions.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(40))
    number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str] = mapped_column(String(120), default="")
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    origin: Mapped[str] = mapped_column(String(20), default=ORIGIN_CATALOG)

    # [{"name", "short_name", "from_year", "until_year", "source"}]: the name a plan of a
    # given year shows (Decreto 612 plan 9: PAAC until 2024, PTEP from 2025); a year no entry
    # covers shows ``name``
    names_by_year: Mapped[list[dict[str, Any]]] = mapped_column(
        JSON, default=list, server_default="[]"
    )
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")

    policies: Mapped[list[Policy]] = relationship(
        secondary=plan_type_policies,
        back_populates="plan_types",
        order_by="[Policy.sort_order, Policy.id]",
    )

    def name_for(self, year: int | None) -> tuple[str, str]:
        """(name, short name) a plan of ``year`` shows."""
        return name_for_year(self.names_by_year, year, self.name, self.short_name)


class CatalogChange(Base):
    """A change of the shipped catalog as this database received it (see ``catalog_upgrade``).

    ``how``: ``seeded`` (already in the catalog when it was first loaded) or ``upgraded``;
    ``kept``: the steps skipped because the entity had edited what they change."""

    __tablename__ = "catalog_changes"
    __table_args__ = (UniqueConstraint("catalog_version_id", "change_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    catalog_version_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_versions.id", ondelete="CASCADE"), index=True
    )
    change_id: Mapped[str] = mapped_column(String(60))
    version_code: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text, default="")
    source_norm: Mapped[str] = mapped_column(Text, default="")
    source_date: Mapped[str] = mapped_column(String(20), default="")
    how: Mapped[str] = mapped_column(String(20), default="seeded")
    kept: Mapped[list[str]] = mapped_column(JSON, default=list)
    applied_at: Mapped[datetime] = mapped_column(default=utcnow)
