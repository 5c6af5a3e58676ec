"""The audit trail: who changed what, and when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mipg_desktop.storage.base import Base, utcnow


class AuditEntry(Base):
    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_name: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    table_name: Mapped[str] = mapped_column(String(80), index=True)
    record_id: Mapped[str] = mapped_column(String(80))
    summary: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # the database account that wrote it (PostgreSQL; empty on SQLite)
    db_account: Mapped[str] = mapped_column(String(120), default="", server_default="")
    # hash chain: each entry's SHA-256 covers its content and the previous entry's hash
    prev_sha256: Mapped[str] = mapped_column(String(64), default="", server_default="")
    sha256: Mapped[str] = mapped_column(String(64), default="", server_default="")
