"""The approved acta as a record: its PDF and snapshot as approved, and its signed versions.

Both tables are append-only (database triggers, migration ``0007_acta_record``): an
approved acta prints from these bytes, never from tables that stay editable.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mipg_desktop.storage.base import Base, utcnow


class ApprovedActa(Base):
    __tablename__ = "approved_actas"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("committee_sessions.id"), primary_key=True, autoincrement=False
    )
    approved_at: Mapped[datetime] = mapped_column(default=utcnow)
    pdf: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    snapshot: Mapped[str] = mapped_column(Text, deferred=True)  # JSON of all the acta shows
    snapshot_sha256: Mapped[str] = mapped_column(String(64))
    content_sha256: Mapped[str] = mapped_column(String(64))  # = committee_sessions.approved_sha256


class ActaSignature(Base):
    """One signature added to an approved acta: the whole PDF after it (incremental)."""

    __tablename__ = "acta_signatures"
    __table_args__ = (UniqueConstraint("session_id", "sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("approved_actas.session_id"), index=False)
    sequence: Mapped[int] = mapped_column(Integer)  # 1, 2, … in signing order
    field_name: Mapped[str] = mapped_column(String(80))
    signer_name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))  # "digital" | "electronic"
    signed_at: Mapped[datetime] = mapped_column(default=utcnow)
    pdf: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    pdf_sha256: Mapped[str] = mapped_column(String(64))
