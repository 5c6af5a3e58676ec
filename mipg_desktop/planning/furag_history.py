"""The FURAG history as stored: one result per year with its scores, each named as the
catalog names its policy or dimension.

- :func:`list_furag(db) <list_furag>` → ``list[FuragResultInfo]``, oldest year first.
- :func:`weakest_policies(db, year=None, count=5) <weakest_policies>` → the lowest policy
  scores of that year (default the latest), to link improvement activities to them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mipg_desktop.catalog import current_version
from mipg_desktop.errors import MipgError
from mipg_desktop.models.catalog import Dimension, Policy
from mipg_desktop.models.furag import SCORE_DIMENSION, SCORE_INDEX, SCORE_POLICY, FuragResult

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.storage.database import Database


@dataclass(frozen=True)
class ScoreInfo:
    kind: str
    code: str
    label: str  # the column's header in the file
    score: float | None
    peer_average: float | None = None
    name: str = ""  # the catalog's name of the policy or dimension (else the label)


@dataclass(frozen=True)
class FuragResultInfo:
    id: int
    year: int
    entity_name: str
    sigep_code: str
    peer_group: str
    idi: float | None
    peer_idi: float | None
    peer_count: int
    dimensions: tuple[ScoreInfo, ...] = ()
    policies: tuple[ScoreInfo, ...] = ()
    indices: tuple[ScoreInfo, ...] = ()
    department: str = ""
    municipality: str = ""
    form_type: str = ""
    legal_nature: str = ""
    organic_classification: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _catalog_names(session: Session) -> dict[tuple[str, str], str]:
    version = current_version(session)
    names = {
        (SCORE_POLICY, p.code): p.name
        for p in session.scalars(select(Policy).where(Policy.catalog_version_id == version.id))
    }
    names.update(
        {
            (SCORE_DIMENSION, d.code): d.name
            for d in session.scalars(
                select(Dimension).where(Dimension.catalog_version_id == version.id)
            )
        }
    )
    return names


def _info(result: FuragResult, names: dict[tuple[str, str], str]) -> FuragResultInfo:
    def pick(kind: str) -> tuple[ScoreInfo, ...]:
        return tuple(
            ScoreInfo(
                s.kind, s.code, s.label, s.score, s.peer_average, names.get((kind, s.code), s.label)
            )
            for s in result.scores
            if s.kind == kind
        )

    return FuragResultInfo(
        id=result.id,
        year=result.year,
        entity_name=result.entity_name,
        sigep_code=result.sigep_code,
        peer_group=result.peer_group,
        idi=result.idi,
        peer_idi=result.peer_idi,
        peer_count=result.peer_count,
        dimensions=tuple(sorted(pick(SCORE_DIMENSION), key=lambda s: s.code)),
        policies=pick(SCORE_POLICY),
        indices=pick(SCORE_INDEX),
        department=result.department,
        municipality=result.municipality,
        form_type=result.form_type,
        legal_nature=result.legal_nature,
        organic_classification=result.organic_classification,
    )


def list_furag(db: Database) -> list[FuragResultInfo]:
    """The history: one result per year, oldest first."""
    with db.transaction() as session:
        try:
            names = _catalog_names(session)
        except MipgError:  # no catalog yet: the file's headers stand for the names
            names = {}
        results = session.scalars(
            select(FuragResult).order_by(FuragResult.year).options(selectinload(FuragResult.scores))
        ).all()
        return [_info(r, names) for r in results]


def weakest_policies(db: Database, year: int | None = None, count: int = 5) -> list[ScoreInfo]:
    """The ``count`` lowest policy scores of ``year`` (default: the latest year imported)."""
    history = list_furag(db)
    chosen = [r for r in history if year is None or r.year == year]
    if not chosen:
        return []
    scored = [p for p in chosen[-1].policies if p.score is not None]
    return sorted(scored, key=lambda p: (p.score, p.code))[:count]
