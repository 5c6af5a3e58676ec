"""The MIPG catalog as plain, immutable data: what readers of the catalog get.

Kept free of SQLAlchemy so the window's first screen can carry it before the ORM loads
(:mod:`mipg_desktop.first_screen`); :mod:`mipg_desktop.catalog` reads and writes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mipg_desktop.errors import NotFound
from mipg_desktop.i18n import _


def no_catalog() -> NotFound:
    return NotFound(_("La base de datos no tiene catálogo MIPG; ejecute «mipg init»."))


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


@dataclass(frozen=True)
class CatalogView:
    version_code: str
    version_name: str
    dimensions: tuple[DimensionInfo, ...]
    plan_types: tuple[PlanTypeInfo, ...]

    def policies(self) -> list[PolicyInfo]:
        return [p for d in self.dimensions for p in d.policies]

    def to_json(self) -> dict[str, Any]:
        return {
            "version": {"code": self.version_code, "name": self.version_name},
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
                }
                for t in self.plan_types
            ],
        }
