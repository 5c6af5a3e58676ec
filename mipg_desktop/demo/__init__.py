"""``mipg demo``: realistic, deterministic sample data, built by parts.

Each part is a module with ``build(session, context)``; later features append
their part to :data:`DEMO_PARTS`. Everything runs in one transaction.
"""

from __future__ import annotations

import importlib
import random
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from mipg_desktop.errors import MipgError
from mipg_desktop.i18n import _
from mipg_desktop.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.storage.database import Database

DEMO_PARTS: tuple[str, ...] = (
    "mipg_desktop.demo.entity",
    "mipg_desktop.demo.committees",
    "mipg_desktop.demo.plans",
    "mipg_desktop.demo.furag",
    "mipg_desktop.demo.review",
)
DEMO_SEED = 20261121


@dataclass
class DemoContext:
    years: int
    today: date
    user_name: str
    rng: random.Random = field(default_factory=lambda: random.Random(DEMO_SEED))
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def first_year(self) -> int:
        return self.today.year - self.years + 1


def run_demo(
    db: Database, years: int = 1, today: date | None = None, progress: Progress = NO_PROGRESS
) -> DemoContext:
    if not 1 <= years <= 30:
        raise MipgError(_("El número de años debe estar entre 1 y 30."))
    from mipg_desktop.entity_profile import current_entity

    context = DemoContext(years=years, today=today or date.today(), user_name=db.user_name)
    with db.transaction() as session:
        if current_entity(session) is not None:
            raise MipgError(
                _(
                    "La base de datos ya tiene una entidad registrada; cargue la demostración "
                    "en una base de datos nueva (use --db)."
                )
            )
        for index, name in enumerate(DEMO_PARTS):
            progress.update(index, len(DEMO_PARTS), _("Cargando datos de demostración"))
            importlib.import_module(name).build(session, context)
        _freeze_approved(session, db)
        progress.update(len(DEMO_PARTS), len(DEMO_PARTS))
    return context


def _freeze_approved(session: Session, db: Database) -> None:
    """Store each approved demo acta as a record, as approval does."""
    from sqlalchemy import select

    from mipg_desktop.committees.acta_record import freeze_recorded
    from mipg_desktop.models.sessions import CommitteeSession

    approved = session.scalars(
        select(CommitteeSession)
        .where(CommitteeSession.status == "approved")
        .order_by(CommitteeSession.session_date)
    )
    for row in list(approved):
        freeze_recorded(session, db, row)
