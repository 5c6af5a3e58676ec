"""Committee types (CIGD, CICCI, territorial, sectoral) as editable data."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mipg_desktop.storage.base import Base, utcnow

TYPE_ORIGINS = ("catalog", "entity")


class CommitteeType(Base):
    """One committee type as shipped in ``resources/catalog/committee_types.json`` or made
    by the entity.

    ``definition`` holds the type as the file describes it (reglamento, agenda, what it
    approves and follows up, session templates, each detail with its source).
    ``edited``: the entity changed it, so a newer shipped version never replaces it.
    """

    __tablename__ = "committee_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(Text, default="")
    applies_to: Mapped[list[str]] = mapped_column(JSON, default=list)
    definition: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    catalog_version: Mapped[str] = mapped_column(String(40), default="")
    origin: Mapped[str] = mapped_column(String(20), default="catalog")
    edited: Mapped[bool] = mapped_column(default=False)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
