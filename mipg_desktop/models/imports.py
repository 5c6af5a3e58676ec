"""Spreadsheet layouts the user confirmed once, applied to the next file with the same headers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mipg_desktop.storage.base import Base, utcnow

LAYOUT_KIND_PLAN = "plan"
LAYOUT_KIND_FURAG = "furag"
LAYOUT_KINDS = (LAYOUT_KIND_PLAN, LAYOUT_KIND_FURAG)


class ImportLayout(Base):
    """A confirmed column mapping, keyed by the normalised header row it was made for.

    ``header_key`` is the SHA-256 of the normalised header cells in order; ``headers`` keeps
    them (JSON list) to show and to match a layout by name; ``mapping`` is the JSON the
    importer wrote (field → column header), never code.
    """

    __tablename__ = "import_layouts"
    __table_args__ = (UniqueConstraint("kind", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default=LAYOUT_KIND_PLAN)
    name: Mapped[str] = mapped_column(String(200))
    header_key: Mapped[str] = mapped_column(String(64), index=True)
    headers: Mapped[str] = mapped_column(Text, default="[]")
    mapping: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
