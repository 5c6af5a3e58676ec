"""The MIPG catalog as plain, immutable data: what readers of the catalog get.

Kept free of SQLAlchemy so the window's first screen can carry it before the ORM loads
(:mod:`mipg_desktop.first_screen`); :mod:`mipg_desktop.catalog` reads and writes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from mipg_desktop.errors import NotFound
from mipg_desktop.i18n import _


def no_catalog() -> NotFound:
    return NotFound(_("La base de datos no tiene catálogo MIPG; ejecute «mipg init»."))


def name_for_year(
    names: Sequence[dict[str, Any]], year: int | None, name: str, short_name: str
) -> tuple[str, str]:
    """The (name, short name) of the entry of ``names`` whose years cover ``year``; else
    ``name`` and ``short_name`` (a plan type without names by year, or a year none covers)."""
    if year is not None:
        for entry in names:
            low, high = entry.get("from_year"), entry.get("until_year")
            if (low is None or year >= low) and (high is None or year <= high):
                return str(entry["name"]), str(entry.get("short_name") or "")
    return name, short_name


@dataclass(frozen=True)
class PolicyInfo:
    id: int
    code: str
    name: str
    dimension_code: str
    aliases: tuple[str, ...] = ()
    legal_basis: str = ""
    furag_number: int | None = None
    origin: str = "catalog"


@dataclass(frozen=True)
class DimensionInfo:
    id: int
    code: str
    name: str
    aliases: tuple[str, ...] = ()
    origin: str = "catalog"
    policies: tuple[PolicyInfo, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PlanTypeInfo:
    id: int
    code: str
    number: int | None
    name: str
    short_name: str
    policy_codes: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    legal_basis: str = ""
    # ({"name", "short_name", "from_year", "until_year", "source"}, …): see ``name_for``
    names_by_year: tuple[dict[str, Any], ...] = ()
    notes: str = ""
    origin: str = "catalog"

    def name_for(self, year: int | None) -> tuple[str, str]:
        """(name, short name) a plan of ``year`` shows (PAAC until 2024, PTEP from 2025)."""
        return name_for_year(self.names_by_year, year, self.name, self.short_name)


@dataclass(frozen=True)
class CatalogChangeInfo:
    """A change of the shipped catalog as this database received it."""

    id: str
    version_code: str
    summary: str
    source_norm: str
    source_date: str
    how: str  # «seeded»: in the catalog when first loaded; «upgraded»: applied later
    applied_at: str
    kept: tuple[str, ...] = ()  # steps skipped because the entity had edited what they change


@dataclass(frozen=True)
class CatalogView:
    version_code: str
    version_name: str
    dimensions: tuple[DimensionInfo, ...]
    plan_types: tuple[PlanTypeInfo, ...]
    version_source: str = ""
    changes: tuple[CatalogChangeInfo, ...] = ()

    def policies(self) -> list[PolicyInfo]:
        return [p for d in self.dimensions for p in d.policies]

    def to_json(self) -> dict[str, Any]:
        return {
            "version": {"code": self.version_code, "name": self.version_name},
            "catalog_version": {
                "code": self.version_code,
                "name": self.version_name,
                "source": self.version_source,
                "changes": [
                    {
                        "id": c.id,
                        "version": c.version_code,
                        "summary": c.summary,
                        "source": {"norm": c.source_norm, "date": c.source_date},
                        "how": c.how,
                        "applied_at": c.applied_at,
                        "kept": list(c.kept),
                    }
                    for c in self.changes
                ],
            },
            "dimensions": [
                {
                    "code": d.code,
                    "name": d.name,
                    "aliases": list(d.aliases),
                    "origin": d.origin,
                    "policies": [
                        {
                            "code": p.code,
                            "name": p.name,
                            "aliases": list(p.aliases),
                            "legal_basis": p.legal_basis,
                            "furag_number": p.furag_number,
                            "origin": p.origin,
                        }
                        for p in d.policies
                    ],
                }
                for d in self.dimensions
            ],
            "plan_types": [
                {
                    "code": t.code,
                    "number": t.number,
                    "name": t.name,
                    "short_name": t.short_name,
                    "policies": list(t.policy_codes),
                    "aliases": list(t.aliases),
                    "legal_basis": t.legal_basis,
                    "names_by_year": [dict(n) for n in t.names_by_year],
                    "notes": t.notes,
                    "origin": t.origin,
                }
                for t in self.plan_types
            ],
        }
