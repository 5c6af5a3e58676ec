"""The MIPG catalog: seeding from ``resources/catalog`` and reading it as plain data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mipg_desktop.catalog_file import load_catalog_file
from mipg_desktop.catalog_seed import seed_catalog
from mipg_desktop.catalog_view import (
    CatalogChangeInfo,
    CatalogView,
    DimensionInfo,
    PlanTypeInfo,
    PolicyInfo,
    no_catalog,
)
from mipg_desktop.errors import NotFound, ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.catalog import (
    ORIGIN_ENTITY,
    CatalogChange,
    CatalogVersion,
    Dimension,
    PlanType,
    Policy,
)
from mipg_desktop.text import normalize_key

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.storage.database import Database

__all__ = [
    "CatalogView",
    "DimensionInfo",
    "PlanTypeInfo",
    "PolicyInfo",
    "get_catalog",
    "load_catalog_file",
    "read_catalog",
    "seed_catalog",
]


def current_version(session: Session) -> CatalogVersion:
    version = session.scalar(
        select(CatalogVersion).where(CatalogVersion.is_current).order_by(CatalogVersion.id)
    )
    if version is None:
        raise no_catalog()
    return version


def read_catalog(session: Session) -> CatalogView:
    version = current_version(session)
    dimensions = session.scalars(
        select(Dimension)
        .where(Dimension.catalog_version_id == version.id)
        .options(selectinload(Dimension.policies))
        .order_by(Dimension.sort_order, Dimension.id)
    ).all()
    plan_types = session.scalars(
        select(PlanType)
        .where(PlanType.catalog_version_id == version.id)
        .options(selectinload(PlanType.policies))
        .order_by(PlanType.sort_order, PlanType.id)
    ).all()
    changes = session.scalars(
        select(CatalogChange)
        .where(CatalogChange.catalog_version_id == version.id)
        .order_by(CatalogChange.id)
    ).all()
    return CatalogView(
        version_code=version.code,
        version_name=version.name,
        version_source=version.source,
        changes=tuple(
            CatalogChangeInfo(
                id=c.change_id,
                version_code=c.version_code,
                summary=c.summary,
                source_norm=c.source_norm,
                source_date=c.source_date,
                how=c.how,
                applied_at=c.applied_at.isoformat(timespec="seconds"),
                kept=tuple(c.kept),
            )
            for c in changes
        ),
        dimensions=tuple(
            DimensionInfo(
                id=d.id,
                code=d.code,
                name=d.name,
                aliases=tuple(d.aliases),
                origin=d.origin,
                policies=tuple(
                    PolicyInfo(
                        id=p.id,
                        code=p.code,
                        name=p.name,
                        dimension_code=d.code,
                        aliases=tuple(p.aliases),
                        legal_basis=p.legal_basis,
                        furag_number=p.furag_number,
                        origin=p.origin,
                    )
                    for p in d.policies
                ),
            )
            for d in dimensions
        ),
        plan_types=tuple(
            PlanTypeInfo(
                id=t.id,
                code=t.code,
                number=t.number,
                name=t.name,
                short_name=t.short_name,
                policy_codes=tuple(p.code for p in t.policies),
                aliases=tuple(t.aliases),
                legal_basis=t.legal_basis,
                names_by_year=tuple(t.names_by_year),
                notes=t.notes,
                origin=t.origin,
            )
            for t in plan_types
        ),
    )


def get_catalog(db: Database) -> CatalogView:
    """The current catalog as plain, immutable data (one read transaction)."""
    with db.transaction() as session:
        return read_catalog(session)


def find_policy(session: Session, name_or_code: str) -> Policy | None:
    """Match a policy of the current catalog by code, name or alias (case and accents ignored)."""
    key = normalize_key(name_or_code)
    if not key:
        return None
    version = current_version(session)
    for policy in session.scalars(select(Policy).where(Policy.catalog_version_id == version.id)):
        names = [policy.code, policy.name, *policy.aliases]
        if any(normalize_key(n) == key for n in names):
            return policy
    return None


def add_entity_dimension(db: Database, code: str, name: str) -> DimensionInfo:
    """An entity's own component (e.g. a territorial "Gestión ambiental"), beside D1–D7."""
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise ValidationError(_("El código y el nombre del componente son obligatorios."))
    with db.transaction() as session:
        version = current_version(session)
        clash = session.scalar(
            select(Dimension).where(
                Dimension.catalog_version_id == version.id, Dimension.code == code
            )
        )
        if clash is not None:
            raise ValidationError(
                _("Ya existe una dimensión con el código {code}.").format(code=code)
            )
        count = len(version.dimensions)
        dimension = Dimension(
            catalog_version_id=version.id,
            code=code,
            name=name,
            aliases=[],
            sort_order=count,
            origin=ORIGIN_ENTITY,
        )
        session.add(dimension)
        session.flush()
        from mipg_desktop.audit import record

        record(session, db.user_name, "create", "dimensions", dimension.id, name)
        return DimensionInfo(id=dimension.id, code=code, name=name, origin=ORIGIN_ENTITY)


def add_entity_policy(
    db: Database, dimension_code: str, code: str, name: str, legal_basis: str = ""
) -> PolicyInfo:
    """A policy the entity adds under any dimension or component; no code change needed."""
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise ValidationError(_("El código y el nombre de la política son obligatorios."))
    with db.transaction() as session:
        version = current_version(session)
        dimension = session.scalar(
            select(Dimension).where(
                Dimension.catalog_version_id == version.id, Dimension.code == dimension_code
            )
        )
        if dimension is None:
            raise NotFound(_("No existe la dimensión {code}.").format(code=dimension_code))
        clash = session.scalar(
            select(Policy).where(Policy.catalog_version_id == version.id, Policy.code == code)
        )
        if clash is not None:
            raise ValidationError(
                _("Ya existe una política con el código {code}.").format(code=code)
            )
        last = max((p.sort_order for p in version_policies(session, version.id)), default=0)
        policy = Policy(
            catalog_version_id=version.id,
            dimension_id=dimension.id,
            code=code,
            name=name,
            aliases=[],
            legal_basis=legal_basis,
            sort_order=last + 1,
            origin=ORIGIN_ENTITY,
        )
        session.add(policy)
        session.flush()
        from mipg_desktop.audit import record

        record(session, db.user_name, "create", "policies", policy.id, name)
        return PolicyInfo(
            id=policy.id,
            code=code,
            name=name,
            dimension_code=dimension.code,
            legal_basis=legal_basis,
            origin=ORIGIN_ENTITY,
        )


def version_policies(session: Session, version_id: int) -> list[Policy]:
    return list(session.scalars(select(Policy).where(Policy.catalog_version_id == version_id)))
