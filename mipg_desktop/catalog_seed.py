"""Loading the shipped catalog into a database, and upgrading an older one in place.

The catalog file holds the catalog as it is at its ``version`` and the ``changes`` made since
``base_version``, each with its source (norm, date) and its steps. A new database loads the
catalog as it is and logs every change as ``seeded``. A database whose catalog is older gets
each change it has not logged yet (at ``mipg init`` and at start-up), step by step, under one
rule: **a step changes only what still holds the value the catalog shipped before**.

- ``set``: a field changes only while it holds ``from`` (a name the entity changed stays);
- ``add_aliases``: aliases are added, never removed (the entity's own stay);
- ``add_names``: names by year are added while the plan type's name is ``if_name`` (a plan
  type the entity renamed keeps its name for every year);
- ``add_dimension`` / ``add_policy`` / ``add_plan_type``: a new row, unless that code exists.

Rows the entity added (``origin = entity``) are never touched. Rows change in place, so plans,
activities, agenda items and FURAG results keep pointing at them. A step skipped is logged
beside its change (``catalog_changes.kept``), saying what was kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from mipg_desktop.catalog_file import load_catalog_file
from mipg_desktop.i18n import _
from mipg_desktop.models.catalog import (
    ORIGIN_ENTITY,
    CatalogChange,
    CatalogVersion,
    Dimension,
    PlanType,
    Policy,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

HOW_SEEDED = "seeded"
HOW_UPGRADED = "upgraded"
TABLES: dict[str, type[Dimension] | type[Policy] | type[PlanType]] = {
    "dimensions": Dimension,
    "policies": Policy,
    "plan_types": PlanType,
}
SET_FIELDS = frozenset({"name", "short_name", "legal_basis", "notes", "description", "number"})


def seed_catalog(session: Session, data: dict[str, Any] | None = None) -> bool:
    """Load the catalog in ``data`` (default: the shipped file), or upgrade the current one.

    Returns ``True`` when something was written; running it again changes nothing."""
    data = data or load_catalog_file()
    current = session.scalar(
        select(CatalogVersion).where(CatalogVersion.is_current).order_by(CatalogVersion.id)
    )
    if current is None:
        _load(session, data)
        return True
    return upgrade_catalog(session, current, data)


def _load(session: Session, data: dict[str, Any]) -> CatalogVersion:
    info = data["version"]
    version = CatalogVersion(
        code=info["code"], name=info["name"], source=info.get("source", ""), is_current=True
    )
    session.add(version)
    session.flush()
    by_code: dict[str, Policy] = {}
    for d_index, d in enumerate(data["dimensions"]):
        dimension = _new_dimension(version, d, d_index)
        session.add(dimension)
        session.flush()
        for p in d["policies"]:
            policy = _new_policy(version, dimension, p, len(by_code) + 1)
            session.add(policy)
            by_code[policy.code] = policy
    basis = data.get("plan_types_legal_basis", "")
    for t_index, t in enumerate(data["plan_types"]):
        session.add(_new_plan_type(version, t, t_index, by_code, basis))
    for change in data.get("changes", []):
        session.add(_log(version, change, HOW_SEEDED, []))
    session.flush()
    return version


def _new_dimension(version: CatalogVersion, d: dict[str, Any], order: int) -> Dimension:
    return Dimension(
        catalog_version_id=version.id,
        code=d["code"],
        name=d["name"],
        aliases=list(d.get("aliases", [])),
        description=d.get("description", ""),
        sort_order=order,
    )


def _new_policy(
    version: CatalogVersion, dimension: Dimension, p: dict[str, Any], order: int
) -> Policy:
    return Policy(
        catalog_version_id=version.id,
        dimension_id=dimension.id,
        code=p["code"],
        name=p["name"],
        aliases=list(p.get("aliases", [])),
        legal_basis=p.get("legal_basis", ""),
        legal_basis_confirmed=p.get("legal_basis_confirmed", True),
        furag_number=p.get("furag_number"),
        sort_order=order,
    )


def _new_plan_type(
    version: CatalogVersion,
    t: dict[str, Any],
    order: int,
    policies: dict[str, Policy],
    basis: str,
) -> PlanType:
    plan_type = PlanType(
        catalog_version_id=version.id,
        code=t["code"],
        number=t.get("number"),
        name=t["name"],
        short_name=t.get("short_name", ""),
        aliases=list(t.get("aliases", [])),
        legal_basis=t.get("legal_basis", basis),
        names_by_year=list(t.get("names_by_year", [])),
        notes=t.get("notes", ""),
        sort_order=order,
    )
    plan_type.policies = [policies[c] for c in t.get("policies", []) if c in policies]
    return plan_type


def _log(
    version: CatalogVersion, change: dict[str, Any], how: str, kept: list[str]
) -> CatalogChange:
    source = change.get("source", {})
    return CatalogChange(
        catalog_version_id=version.id,
        change_id=change["id"],
        version_code=change.get("version", ""),
        summary=change.get("summary", ""),
        source_norm=source.get("norm", ""),
        source_date=source.get("date", ""),
        how=how,
        kept=kept,
    )


def upgrade_catalog(session: Session, version: CatalogVersion, data: dict[str, Any]) -> bool:
    """Apply the changes of ``data`` that ``version`` has not logged (see the module rule)."""
    logged = set(
        session.scalars(
            select(CatalogChange.change_id).where(CatalogChange.catalog_version_id == version.id)
        )
    )
    changes = data.get("changes", [])
    pending = [c for c in changes if c["id"] not in logged]
    for change in pending:
        kept = [note for step in change["steps"] if (note := _apply(session, version, step))]
        session.add(_log(version, change, HOW_UPGRADED, kept))
        session.flush()
    newer_here = logged - {c["id"] for c in changes}  # a newer program's catalog: keep its name
    info = data["version"]
    if newer_here or version.code == info["code"]:
        return bool(pending)
    clash = session.scalar(select(CatalogVersion.id).where(CatalogVersion.code == info["code"]))
    if clash is None:
        version.code, version.name = info["code"], info["name"]
        version.source = info.get("source", version.source)
        session.flush()
        return True
    return bool(pending)


def _row(
    session: Session, version: CatalogVersion, table: str, code: str
) -> Dimension | Policy | PlanType | None:
    model = TABLES[table]
    found = session.scalar(
        select(model).where(model.catalog_version_id == version.id, model.code == code)
    )
    return found if isinstance(found, Dimension | Policy | PlanType) else None


def _apply(session: Session, version: CatalogVersion, step: dict[str, Any]) -> str:
    """Carry out one step; the note of what was kept when it is skipped («» when applied)."""
    op = step["op"]
    if op.startswith("add_") and op[4:] in ("dimension", "policy", "plan_type"):
        return _add_row(session, version, step)
    row = _row(session, version, step["table"], step["code"])
    place = f"{step['table']} «{step['code']}»"
    if row is None:
        return _("{place}: no existe en esta base de datos; no se cambió.").format(place=place)
    if row.origin == ORIGIN_ENTITY:
        return _("{place}: lo creó la entidad; se conservó como está.").format(place=place)
    if op == "set":
        return _set(row, step, place)
    if op == "add_aliases":
        row.aliases = [*row.aliases, *(a for a in step["aliases"] if a not in row.aliases)]
        return ""
    if op == "add_names" and isinstance(row, PlanType):
        if row.name != step["if_name"]:
            return _("{place}: la entidad le dio otro nombre («{name}»); se conservó.").format(
                place=place, name=row.name
            )
        have = {(n.get("from_year"), n.get("until_year")) for n in row.names_by_year}
        added = [n for n in step["names"] if (n["from_year"], n["until_year"]) not in have]
        row.names_by_year = [*row.names_by_year, *added]
        return ""
    return _("{place}: paso «{op}» desconocido; no se cambió.").format(place=place, op=op)


def _set(row: Dimension | Policy | PlanType, step: dict[str, Any], place: str) -> str:
    field = step["field"]
    if field not in SET_FIELDS or not hasattr(row, field):
        return _("{place}: campo «{field}» desconocido; no se cambió.").format(
            place=place, field=field
        )
    value = getattr(row, field)
    if value == step["to"]:
        return ""
    if value != step["from"]:
        return _("{place}: la entidad cambió «{field}» («{value}»); se conservó.").format(
            place=place, field=field, value=value
        )
    setattr(row, field, step["to"])
    return ""


def _add_row(session: Session, version: CatalogVersion, step: dict[str, Any]) -> str:
    kind = step["op"][4:]
    spec: dict[str, Any] = step[kind]
    table = {"dimension": "dimensions", "policy": "policies", "plan_type": "plan_types"}[kind]
    if _row(session, version, table, spec["code"]) is not None:
        return _("{table} «{code}»: ya existe (quizá la creó la entidad); se conservó.").format(
            table=table, code=spec["code"]
        )
    model = TABLES[table]
    order = 1 + max(
        session.scalars(select(model.sort_order).where(model.catalog_version_id == version.id)),
        default=0,
    )
    if kind == "dimension":
        session.add(_new_dimension(version, {"policies": [], **spec}, order))
    elif kind == "policy":
        dimension = _row(session, version, "dimensions", step["dimension"])
        if not isinstance(dimension, Dimension):
            return _("dimensions «{code}»: no existe; no se añadió la política «{p}».").format(
                code=step["dimension"], p=spec["code"]
            )
        session.add(_new_policy(version, dimension, spec, order))
    else:
        policies = {
            p.code: p
            for p in session.scalars(select(Policy).where(Policy.catalog_version_id == version.id))
        }
        session.add(_new_plan_type(version, spec, order, policies, spec.get("legal_basis", "")))
    session.flush()
    return ""
