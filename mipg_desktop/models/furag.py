"""FURAG / IDI results published by Función Pública, one row per year for the entity."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mipg_desktop.models.plans import new_uid
from mipg_desktop.storage.base import Base, utcnow

SCORE_DIMENSION = "dimension"
SCORE_POLICY = "policy"
SCORE_INDEX = "index"


class FuragResult(Base):
    """The entity's Índice de Desempeño Institucional for one year."""

    __tablename__ = "furag_results"
    __table_args__ = (UniqueConstraint("year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=new_uid)
    year: Mapped[int] = mapped_column(Integer)
    entity_name: Mapped[str] = mapped_column(String(300))
    sigep_code: Mapped[str] = mapped_column(String(40), default="")
    department: Mapped[str] = mapped_column(String(120), default="")
    municipality: Mapped[str] = mapped_column(String(120), default="")
    peer_group: Mapped[str] = mapped_column(String(120), default="")
    idi: Mapped[float | None] = mapped_column(Float, nullable=True)
    peer_idi: Mapped[float | None] = mapped_column(Float, nullable=True)
    peer_count: Mapped[int] = mapped_column(Integer, default=0)
    # «Tipo Formulario» (MIPG or MECI), «Naturaleza Jurídica», «Clasificación orgánica»
    form_type: Mapped[str] = mapped_column(String(20), default="", server_default="")
    legal_nature: Mapped[str] = mapped_column(String(200), default="", server_default="")
    organic_classification: Mapped[str] = mapped_column(String(200), default="", server_default="")
    source_file: Mapped[str] = mapped_column(String(300), default="")
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)

    scores: Mapped[list[FuragScore]] = relationship(
        back_populates="result", cascade="all, delete-orphan", order_by="FuragScore.position"
    )


class FuragScore(Base):
    """One score of a result: a dimension (D1–D7), a policy (catalog code) or a sub-index."""

    __tablename__ = "furag_scores"
    __table_args__ = (UniqueConstraint("result_id", "kind", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    result_id: Mapped[int] = mapped_column(
        ForeignKey("furag_results.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20))
    code: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(300), default="")
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    peer_average: Mapped[float | None] = mapped_column(Float, nullable=True)

    result: Mapped[FuragResult] = relationship(back_populates="scores")
