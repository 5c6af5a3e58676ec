"""What an import of FURAG results must not do unasked: import another entity's results, or
replace a year already imported.

- :func:`other_entity` says whether the chosen row is not the profile's entity: a different
  SIGEP code when both have one, else a name that does not match closely
  (:data:`~.furag_entity.CLOSE_ENOUGH`). No profile (or one without a name): nothing to
  compare, never another entity.
- :func:`other_entity_text` names both, for the window's question and the CLI's refusal.
- :func:`prior_result` is what a year already has (its IDI and when it was imported), and
  :func:`prior_text` says it.
- :func:`score_text` writes a score as the program shows it: one decimal, decimal comma.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from mipg_desktop.i18n import _
from mipg_desktop.models.furag import FuragResult
from mipg_desktop.planning.furag_entity import CLOSE_ENOUGH, FuragEntity, similarity

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class PriorResult:
    """The results a year already has."""

    year: int
    entity_name: str
    sigep_code: str
    idi: float | None
    imported_at: datetime  # naive UTC, as stored


def score_text(value: float | None) -> str:
    """``68,5``; «sin dato» for a measure the year does not have."""
    return _("sin dato") if value is None else f"{value:.1f}".replace(".", ",")


def other_entity(entity: FuragEntity, profile_name: str, profile_sigep: str) -> bool:
    """Whether ``entity`` is not the profile's entity (see the module docstring)."""
    sigep = profile_sigep.strip()
    if sigep and entity.sigep_code:
        return entity.sigep_code != sigep
    if not profile_name.strip():
        return False
    return similarity(entity.name, profile_name) < CLOSE_ENOUGH


def _named(name: str, sigep: str) -> str:
    return f"«{name}» (SIGEP {sigep})" if sigep else f"«{name}»"


def other_entity_text(entity: FuragEntity, profile_name: str, profile_sigep: str) -> str:
    """«Los resultados son de «X» (SIGEP 1005), no de «Y» (SIGEP 1234), la entidad de este
    perfil.»"""
    return _("Los resultados son de {chosen}, no de {profile}, la entidad de este perfil.").format(
        chosen=_named(entity.name, entity.sigep_code),
        profile=_named(profile_name, profile_sigep.strip()),
    )


def prior_result(session: Session, year: int) -> PriorResult | None:
    found = session.scalar(select(FuragResult).where(FuragResult.year == year))
    if found is None:
        return None
    return PriorResult(
        found.year, found.entity_name, found.sigep_code, found.idi, found.imported_at
    )


def _local_day(moment: datetime) -> str:
    day = moment.replace(tzinfo=UTC).astimezone().date()
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def prior_text(prior: PriorResult, score: Callable[[float | None], str] = score_text) -> str:
    """«Ya hay resultados de 2024 (IDI 68,5) importados el 03/11/2026»; ``score`` writes the
    IDI (the CLI writes its numbers with a decimal point)."""
    return _("Ya hay resultados de {year} (IDI {idi}) importados el {day}").format(
        year=prior.year, idi=score(prior.idi), day=_local_day(prior.imported_at)
    )
