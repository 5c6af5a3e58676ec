"""Demo part: a few years of FURAG results for the demo entity, with its peer group.

Scores improve slowly year on year, with the policies the action plan works on (Talento
Humano, Gestión Documental, Planeación) starting weakest. Deterministic (context.rng).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from mipg_desktop.audit import record
from mipg_desktop.catalog import current_version
from mipg_desktop.models.catalog import Dimension, Policy
from mipg_desktop.models.furag import (
    SCORE_DIMENSION,
    SCORE_INDEX,
    SCORE_POLICY,
    FuragResult,
    FuragScore,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.demo import DemoContext

ENTITY_NAME = "INSTITUTO DEPARTAMENTAL DE CULTURA Y TURISMO"
WEAK = {"talento-humano": -14.0, "gestion-documental": -11.0, "planeacion-institucional": -9.0}
SUB_INDICES = (
    ("I01", "I01 Calidad de la planeación estratégica"),
    ("I02", "I02 Gestión del riesgo"),
    ("I03", "I03 Gestión documental electrónica"),
    ("I04", "I04 Rendición de cuentas"),
    ("I05", "I05 Evaluación independiente"),
)


def _clip(value: float) -> float:
    return round(min(max(value, 20.0), 98.0), 1)


def _years(context: DemoContext) -> list[int]:
    """The measured years: FURAG for year N is published in N+1, so up to last year."""
    count = min(max(3, context.years), 8)
    return list(range(context.today.year - count, context.today.year))


def build(session: Session, context: DemoContext) -> None:
    rng = context.rng
    version = current_version(session)
    dimensions = list(
        session.scalars(
            select(Dimension)
            .where(Dimension.catalog_version_id == version.id)
            .order_by(Dimension.sort_order)
        )
    )
    policies = list(
        session.scalars(
            select(Policy)
            .where(Policy.catalog_version_id == version.id, Policy.furag_number.is_not(None))
            .order_by(Policy.furag_number)
        )
    )
    for step, year in enumerate(_years(context)):
        idi = _clip(56 + 3.2 * step + rng.uniform(-1.5, 1.5))
        peer_idi = _clip(63 + 1.5 * step + rng.uniform(-1, 1))
        scores = [
            (SCORE_DIMENSION, d.code, f"{d.code} {d.name}", _clip(idi + rng.uniform(-12, 12)))
            for d in dimensions
            if d.code.startswith("D")
        ]
        scores += [
            (SCORE_POLICY, p.code, p.name, _clip(idi + WEAK.get(p.code, 0) + rng.uniform(-8, 10)))
            for p in policies
        ]
        scores += [
            (SCORE_INDEX, c, label, _clip(idi + rng.uniform(-15, 15))) for c, label in SUB_INDICES
        ]
        result = FuragResult(
            year=year,
            entity_name=ENTITY_NAME,
            sigep_code="1234",
            department="BOYACÁ",
            municipality="TUNJA",
            peer_group="GRUPO PAR 2",
            idi=idi,
            peer_idi=peer_idi,
            peer_count=42,
            form_type="MIPG",
            legal_nature="Establecimiento público",
            organic_classification="Rama ejecutiva — descentralizado",
            source_file=f"Resultados_vig{year}_territorio.xlsx",
        )
        result.scores = [
            FuragScore(
                position=n,
                kind=kind,
                code=code,
                label=label,
                score=score,
                peer_average=_clip(peer_idi + rng.uniform(-6, 6)),
            )
            for n, (kind, code, label, score) in enumerate(scores)
        ]
        session.add(result)
        session.flush()
        record(session, context.user_name, "create", "furag_results", result.id, f"FURAG {year}")
