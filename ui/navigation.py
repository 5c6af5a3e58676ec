"""What the navigation tree shows: the MIPG model and the committees, as lazy loaders.

Each loader is one read of a core service; services that have not landed yet simply
contribute no nodes (``importlib.util.find_spec``), so the window runs on any core.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from datetime import date

from mipg_desktop.catalog_view import CatalogView
from mipg_desktop.i18n import _
from mipg_desktop.reporting_scope import scope_defaults, visible_dimensions
from mipg_desktop.storage.database import Database
from ui.formats import short_date
from ui.models.tree import Loader, TreeRow

COMMITTEES_API = "mipg_desktop.committees.views"
PLANNING_API = "mipg_desktop.planning.plans"
FURAG_API = "mipg_desktop.planning.furag"

ROOT_HOME = "root_home"
ROOT_MIPG = "root_mipg"
ROOT_COMMITTEES = "root_committees"
ROOT_COMMITMENTS = "root_commitments"
ROOT_PLANS = "root_plans"
ROOT_FURAG = "root_furag"
ROOT_ENTITY = "root_entity"


def service_available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


class Navigator:
    """Builds the top level and the loaders for one open database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._catalog: CatalogView | None = None
        self.scope = "mipg"  # the entity's reporting scope (mipg_desktop.reporting_scope)

    def use_scope(self, scope: str) -> bool:
        """The entity's scope as the first screen read it; ``True`` when it changed (the top
        level then reads differently: a MECI entity's model branch is control interno)."""
        changed, self.scope = scope != self.scope, scope
        return changed

    def catalog(self) -> CatalogView:
        if self._catalog is None:
            from mipg_desktop.catalog import get_catalog

            self._catalog = get_catalog(self.db)
        return self._catalog

    def use_catalog(self, catalog: CatalogView) -> None:
        """The catalog as the first screen read it (no second read for the MIPG branch)."""
        self._catalog = catalog

    def top_level(self) -> list[TreeRow]:
        rows = [
            TreeRow(ROOT_HOME, None, _("Inicio"), tooltip=_("Lo pendiente (Ctrl+Inicio)")),
            TreeRow(ROOT_ENTITY, None, _("Entidad y control documental")),
            TreeRow(ROOT_MIPG, None, scope_defaults(self.scope).model_label, has_children=True),
        ]
        if service_available(COMMITTEES_API):
            rows.append(TreeRow(ROOT_COMMITTEES, None, _("Comités"), has_children=True))
            rows.append(TreeRow(ROOT_COMMITMENTS, None, _("Seguimiento de compromisos")))
        if service_available(PLANNING_API):
            rows.append(TreeRow(ROOT_PLANS, None, _("Planes y avance"), has_children=True))
        if service_available(FURAG_API):
            rows.append(TreeRow(ROOT_FURAG, None, _("Resultados FURAG")))
        return rows

    def loaders(self) -> dict[str, Loader]:
        loaders: dict[str, Loader] = {
            ROOT_MIPG: self.dimensions,
            "dimension": self.policies,
            "policy": self.policy_children,
        }
        if service_available(COMMITTEES_API):
            from ui import committee_nav

            loaders.update(committee_nav.loaders(self.db))
        if service_available(PLANNING_API):
            loaders[ROOT_PLANS] = self.plan_years
            loaders["plan_year"] = self.plans
        return loaders

    def dimensions(self, _row: TreeRow) -> Sequence[TreeRow]:
        return [
            TreeRow(
                "dimension",
                d.code,
                _("{code} · {name}").format(code=d.code, name=d.name),
                has_children=bool(d.policies),
                tooltip=_("Dimensión {code}: {n} políticas").format(code=d.code, n=len(d.policies)),
            )
            for d in visible_dimensions(self.catalog(), self.scope)
        ]

    def policies(self, row: TreeRow) -> Sequence[TreeRow]:
        dimension = next(d for d in self.catalog().dimensions if d.code == row.key)
        linked = service_available(PLANNING_API) or service_available(COMMITTEES_API)
        return [
            TreeRow("policy", p.code, p.name, has_children=linked, tooltip=p.legal_basis or p.name)
            for p in dimension.policies
        ]

    def policy_children(self, row: TreeRow) -> Sequence[TreeRow]:
        """What works on the policy: plan activities, then the open commitments."""
        rows: list[TreeRow] = []
        if service_available(PLANNING_API):
            rows.extend(self.policy_activities(row))
        if service_available(COMMITTEES_API):
            rows.extend(self.policy_commitments(row))
        return rows

    def policy_commitments(self, row: TreeRow) -> Sequence[TreeRow]:
        """Open and in-progress commitments made under agenda items linked to the policy."""
        from mipg_desktop.committees.views import list_commitments
        from mipg_desktop.models.minutes import OPEN_COMMITMENT_STATUSES

        found = [
            c
            for c in list_commitments(self.db, policy_code=row.key)
            if c.status in OPEN_COMMITMENT_STATUSES
        ]
        return [
            TreeRow(
                "commitment",
                (c.id, row.key),
                _("Compromiso: {text} ({status})").format(text=c.text, status=c.status_label),
                tooltip=_("{committee}, {session}; plazo {due}; responsable: {owner}").format(
                    committee=c.committee_name,
                    session=c.session_title,
                    due=short_date(c.due_date) or _("sin fecha"),
                    owner=c.owner,
                ),
                detail="overdue" if c.overdue else c.status,
            )
            for c in sorted(found, key=lambda c: (not c.overdue, c.due_date or date.max))
        ]

    def policy_activities(self, row: TreeRow) -> Sequence[TreeRow]:
        """Activities of the latest year's plans linked to the policy (opened with the plan)."""
        from mipg_desktop.planning.plans import get_plan, list_plans

        plans = list_plans(self.db)
        if not plans:
            return []
        year = max(p.year for p in plans)
        rows: list[TreeRow] = []
        for summary in (p for p in plans if p.year == year):
            plan = get_plan(self.db, summary.id)
            for activity in plan.activities:
                if row.key not in activity.policy_codes:
                    continue
                progress = activity.progress
                done = "" if progress is None else f" ({round(progress * 100)} %)"
                rows.append(
                    TreeRow(
                        "activity",
                        (plan.id, activity.id),
                        f"{activity.code} · {activity.description}{done}",
                        tooltip=_("{plan} {year}: {text}").format(
                            plan=plan.name, year=plan.year, text=activity.description
                        ),
                    )
                )
        return rows

    def plan_years(self, _row: TreeRow) -> Sequence[TreeRow]:
        from mipg_desktop.planning.plans import list_plans

        years = sorted({p.year for p in list_plans(self.db)}, reverse=True)
        return [
            TreeRow(
                "plan_year",
                year,
                _("Vigencia {year}").format(year=year),
                has_children=True,
                tooltip=_("Avance consolidado y planes de {year}").format(year=year),
            )
            for year in years
        ]

    def plans(self, row: TreeRow) -> Sequence[TreeRow]:
        from mipg_desktop.planning.plans import list_plans

        return [
            TreeRow(
                "plan",
                p.id,
                p.plan_type_name or p.name,
                tooltip=_("{name}: {n} actividades").format(name=p.name, n=p.activity_count),
            )
            for p in list_plans(self.db, year=row.key)
        ]
