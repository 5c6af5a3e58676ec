"""What the window shows first, read with ``sqlite3`` so it appears before SQLAlchemy loads.

Importing SQLAlchemy and declaring the models costs several times what Qt needs to show a
window. The first screen needs little: the catalog (the MIPG branch of the tree), whether
the entity is registered and how many committees there are (welcome panel or not). For a
SQLite file this module reads exactly that with the standard library, in one read
transaction; for a server database it asks the usual services. A test checks both paths
give the same answer as the services on the same database.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mipg_desktop.catalog_view import (
    CatalogChangeInfo,
    CatalogView,
    DimensionInfo,
    PlanTypeInfo,
    PolicyInfo,
    no_catalog,
)

if TYPE_CHECKING:
    from mipg_desktop.storage.database import Database


@dataclass(frozen=True)
class FirstScreen:
    catalog: CatalogView
    has_entity: bool
    committee_count: int
    plan_count: int = 0
    reporting_scope: str = "mipg"  # the entity's: «mipg» or «meci» (mipg_desktop.reporting_scope)

    @property
    def empty(self) -> bool:
        """Nothing to work on yet: the window opens on the welcome panel."""
        return not self.has_entity or self.committee_count == 0


def read_first_screen(db: Database) -> FirstScreen:
    path = db.path
    if path is None:
        return _read_with_services(db)
    conn = sqlite3.connect(str(path), timeout=db.busy_timeout, isolation_level=None)
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.execute("BEGIN")  # one snapshot for all the reads
        screen = FirstScreen(
            catalog=_read_catalog(conn),
            has_entity=conn.execute("SELECT 1 FROM entities LIMIT 1").fetchone() is not None,
            committee_count=int(conn.execute("SELECT COUNT(*) FROM committees").fetchone()[0]),
            plan_count=int(conn.execute("SELECT COUNT(*) FROM plans").fetchone()[0]),
            reporting_scope=_scope(conn),
        )
        conn.execute("COMMIT")
        return screen
    finally:
        conn.close()


def _read_with_services(db: Database) -> FirstScreen:
    from mipg_desktop.catalog import get_catalog
    from mipg_desktop.committees.views import list_committees
    from mipg_desktop.entity_profile import get_entity
    from mipg_desktop.planning.plans import list_plans

    entity = get_entity(db)
    return FirstScreen(
        catalog=get_catalog(db),
        has_entity=entity is not None,
        committee_count=len(list_committees(db)),
        plan_count=len(list_plans(db)),
        reporting_scope=entity.reporting_scope if entity else "mipg",
    )


def _scope(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT reporting_scope FROM entities ORDER BY id LIMIT 1").fetchone()
    return str(row[0]) if row else "mipg"


def _aliases(value: Any) -> tuple[str, ...]:
    return tuple(json.loads(value)) if value else ()


def _marks(count: int) -> str:
    return ",".join("?" * count)


def _read_catalog(conn: sqlite3.Connection) -> CatalogView:
    version = conn.execute(
        "SELECT id, code, name, source FROM catalog_versions WHERE is_current = 1 "
        "ORDER BY id LIMIT 1"
    ).fetchone()
    if version is None:
        raise no_catalog()
    version_id, version_code, version_name, version_source = version
    dimension_rows = conn.execute(
        "SELECT id, code, name, aliases, origin FROM dimensions "
        "WHERE catalog_version_id = ? ORDER BY sort_order, id",
        (version_id,),
    ).fetchall()
    codes = {row[0]: row[1] for row in dimension_rows}
    policies: dict[int, list[PolicyInfo]] = {row[0]: [] for row in dimension_rows}
    for pid, code, name, dimension_id, aliases, legal, furag, origin in conn.execute(
        "SELECT id, code, name, dimension_id, aliases, legal_basis, furag_number, origin "
        f"FROM policies WHERE dimension_id IN ({_marks(len(codes))}) ORDER BY sort_order, id",
        tuple(codes),
    ):
        policies[dimension_id].append(
            PolicyInfo(
                pid, code, name, codes[dimension_id], _aliases(aliases), legal, furag, origin
            )
        )
    dimensions = tuple(
        DimensionInfo(did, code, name, _aliases(aliases), origin, tuple(policies[did]))
        for did, code, name, aliases, origin in dimension_rows
    )
    return CatalogView(
        version_code,
        version_name,
        dimensions,
        _read_plan_types(conn, version_id),
        version_source,
        _read_changes(conn, version_id),
    )


def _read_changes(conn: sqlite3.Connection, version_id: int) -> tuple[CatalogChangeInfo, ...]:
    rows = conn.execute(
        "SELECT change_id, version_code, summary, source_norm, source_date, how, applied_at, "
        "kept FROM catalog_changes WHERE catalog_version_id = ? ORDER BY id",
        (version_id,),
    ).fetchall()
    return tuple(
        CatalogChangeInfo(
            change_id,
            version_code,
            summary,
            norm,
            day,
            how,
            datetime.fromisoformat(applied).isoformat(timespec="seconds"),
            _aliases(kept),
        )
        for change_id, version_code, summary, norm, day, how, applied, kept in rows
    )


def _read_plan_types(conn: sqlite3.Connection, version_id: int) -> tuple[PlanTypeInfo, ...]:
    rows: Sequence[tuple[Any, ...]] = conn.execute(
        "SELECT id, code, number, name, short_name, aliases, legal_basis, names_by_year, "
        "notes, origin FROM plan_types "
        "WHERE catalog_version_id = ? ORDER BY sort_order, id",
        (version_id,),
    ).fetchall()
    linked: dict[int, list[str]] = {row[0]: [] for row in rows}
    for plan_type_id, code in conn.execute(
        "SELECT link.plan_type_id, p.code FROM plan_type_policies AS link "
        "JOIN policies AS p ON p.id = link.policy_id "
        f"WHERE link.plan_type_id IN ({_marks(len(linked))}) ORDER BY p.sort_order, p.id",
        tuple(linked),
    ):
        linked[plan_type_id].append(code)
    return tuple(
        PlanTypeInfo(
            tid,
            code,
            number,
            name,
            short,
            tuple(linked[tid]),
            _aliases(aliases),
            legal,
            tuple(json.loads(names) if names else ()),
            notes,
            origin,
        )
        for tid, code, number, name, short, aliases, legal, names, notes, origin in rows
    )


REST_OF_CORE = (
    "sqlalchemy.orm",
    "mipg_desktop.models",
    "mipg_desktop.catalog",
    "mipg_desktop.entity_profile",
    "mipg_desktop.search",
    "mipg_desktop.committees.readers",
    "mipg_desktop.committees.views",
    "mipg_desktop.planning.plans",
)


_LOADED = threading.Event()


def load_core(db: Database) -> None:
    """What the first screen skipped, loaded behind it: the ORM, the models and the services
    the tree and the editors call first, mapper configuration and the first connection.

    Another thread must not import the core meanwhile: two threads entering SQLAlchemy's
    import cycles at different modules can deadlock. The window waits with
    :func:`wait_for_core` before any action of the user that imports it."""
    import importlib

    try:
        for name in REST_OF_CORE:
            importlib.import_module(name)
        from sqlalchemy import text
        from sqlalchemy.orm import configure_mappers

        configure_mappers()
        with db.transaction() as session:
            session.execute(text("SELECT 1"))
    finally:
        _LOADED.set()  # also on failure: nobody waits forever; the error is reported


def wait_for_core(timeout: float = 120.0) -> bool:
    """Block until :func:`load_core` has finished (at once if it has)."""
    return _LOADED.wait(timeout)
