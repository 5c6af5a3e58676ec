"""The entity profile, its document-control settings, and program settings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mipg_desktop.reporting_scope import SCOPE_MIPG
from mipg_desktop.storage.base import Base, utcnow

DOC_KIND_DEFAULT = "default"


class Entity(Base):
    """The public entity that runs the committees (one per database, in practice)."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    nit: Mapped[str] = mapped_column(String(40), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    department: Mapped[str] = mapped_column(String(120), default="")
    sigep_code: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    order: Mapped[str] = mapped_column(String(40), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True, deferred=True)
    logo_mime: Mapped[str] = mapped_column(String(60), default="")
    # «mipg» or «meci» (only control interno): see ``mipg_desktop.reporting_scope``
    reporting_scope: Mapped[str] = mapped_column(
        String(10), default=SCOPE_MIPG, server_default=SCOPE_MIPG
    )
    # where the scope came from: «» (never set), «manual», «FURAG 2024»
    reporting_scope_source: Mapped[str] = mapped_column(String(60), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    document_controls: Mapped[list[DocumentControl]] = relationship(
        back_populates="entity", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class DocumentControl(Base):
    """The control block printed on every page of a document kind.

    ``document_kind`` is ``default`` or a specific kind (``convocation``,
    ``minutes``, ``pack``, ...) that overrides it.
    """

    __tablename__ = "document_controls"
    __table_args__ = (UniqueConstraint("entity_id", "document_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    document_kind: Mapped[str] = mapped_column(String(40), default=DOC_KIND_DEFAULT)
    process: Mapped[str] = mapped_column(String(200), default="")
    code: Mapped[str] = mapped_column(String(60), default="")
    version: Mapped[str] = mapped_column(String(20), default="")
    valid_from: Mapped[date | None] = mapped_column(nullable=True)
    show_uncontrolled_copy: Mapped[bool] = mapped_column(default=False)
    uncontrolled_copy_legend: Mapped[str] = mapped_column(Text, default="Copia no controlada")
    prepared_by: Mapped[str] = mapped_column(String(200), default="")
    reviewed_by: Mapped[str] = mapped_column(String(200), default="")
    approved_by: Mapped[str] = mapped_column(String(200), default="")
    # the row's version (``version`` above is the document's own «Versión»)
    row_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    entity: Mapped[Entity] = relationship(back_populates="document_controls")

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012


class Setting(Base):
    """Program settings kept in the database (user name for the audit trail, thresholds...)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
