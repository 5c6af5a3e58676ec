"""Whether the entity reports the whole MIPG or only MECI (control interno), and what follows.

FURAG results carry «Tipo Formulario» (MIPG or MECI). A MECI entity (concejos, personerías,
contralorías, autonomous universities, the Senado…) reports only control interno: it runs a
Comité Institucional de Coordinación de Control Interno, no CIGD, and has no Decreto 612
plans. The profile keeps the scope and where it came from (``manual``: set by hand in the
entity editor; ``FURAG 2024``: from that year's results). FURAG never overrides a scope set by
hand.

What a MECI entity sees by default (:func:`scope_defaults`): no CIGD proposed, the Decreto 612
plan types hidden except those its own plans or activities use (:func:`visible_plan_types`),
and the model branch limited to control interno (:func:`visible_dimensions`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mipg_desktop.i18n import _
from mipg_desktop.text import normalize_key

if TYPE_CHECKING:
    from mipg_desktop.catalog_view import CatalogView, DimensionInfo, PlanTypeInfo
    from mipg_desktop.entity_profile import EntityProfile
    from mipg_desktop.storage.database import Database

SCOPE_MIPG = "mipg"
SCOPE_MECI = "meci"
REPORTING_SCOPES = (SCOPE_MIPG, SCOPE_MECI)
SOURCE_MANUAL = "manual"
CONTROL_DIMENSION = "D7"  # MECI is the control interno dimension of MIPG


def scope_label(scope: str) -> str:
    return {
        SCOPE_MIPG: _("MIPG completo"),
        SCOPE_MECI: _("Solo MECI (control interno)"),
    }.get(scope, scope)


def source_label(source: str) -> str:
    if source == SOURCE_MANUAL:
        return _("fijado a mano")
    if source.startswith("FURAG"):
        return _("según los resultados {what}").format(what=source)
    return _("valor inicial")


@dataclass(frozen=True)
class ScopeDefaults:
    """What the window proposes by default for a scope."""

    scope: str
    committee_name: str  # the committee the first steps propose
    committee_short_name: str
    committee_kind: str
    shows_decree_612: bool
    model_label: str  # the tree's model branch


def scope_defaults(scope: str) -> ScopeDefaults:
    if scope == SCOPE_MECI:
        return ScopeDefaults(
            SCOPE_MECI,
            _("Comité Institucional de Coordinación de Control Interno"),
            "CICCI",
            "internal_control",
            False,
            _("Modelo MECI (control interno)"),
        )
    return ScopeDefaults(
        SCOPE_MIPG,
        _("Comité Institucional de Gestión y Desempeño"),
        "CIGD",
        "institutional",
        True,
        _("Modelo MIPG"),
    )


def visible_plan_types(
    catalog: CatalogView, scope: str, used: Collection[str] = ()
) -> tuple[PlanTypeInfo, ...]:
    """The Decreto 612 plan types to offer: all for MIPG; for MECI only those in ``used``
    (codes the entity's plans or activities already link to)."""
    if scope != SCOPE_MECI:
        return catalog.plan_types
    return tuple(t for t in catalog.plan_types if t.code in used)


def visible_dimensions(catalog: CatalogView, scope: str) -> tuple[DimensionInfo, ...]:
    """The model branch: every dimension for MIPG; control interno (and the entity's own
    components) for MECI."""
    if scope != SCOPE_MECI:
        return catalog.dimensions
    return tuple(
        d for d in catalog.dimensions if d.code == CONTROL_DIMENSION or d.origin == "entity"
    )


def scope_of_form(form_type: str) -> str | None:
    """The scope a FURAG «Tipo Formulario» means (``None``: empty or unknown)."""
    key = normalize_key(form_type)
    if "meci" in key:
        return SCOPE_MECI
    if "mipg" in key:
        return SCOPE_MIPG
    return None


def set_reporting_scope(
    db: Database,
    scope: str,
    *,
    expected_version: int,
    source: str = SOURCE_MANUAL,
    was: str | None = None,
) -> EntityProfile:
    """Set the entity's scope (one transaction, audited); ``source``: ``manual`` or
    ``FURAG AAAA``; ``was``: the scope as read (another change of the profile meanwhile is
    then accepted, another change of the scope refused)."""
    from mipg_desktop.entity_profile import save_entity

    return save_entity(
        db,
        expected_version=expected_version,
        base=None if was is None else {"reporting_scope": was},
        reporting_scope=scope,
        scope_source=source,
    )
