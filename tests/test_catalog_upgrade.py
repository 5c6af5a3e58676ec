"""The catalog upgraded in place: the entity's edits kept, links kept, PTEP vs PAAC by year."""

from __future__ import annotations

import copy
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from mipg_desktop.catalog import add_entity_policy, get_catalog, load_catalog_file, seed_catalog
from mipg_desktop.models.catalog import PlanType, Policy
from mipg_desktop.models.plans import Plan, PlanActivity
from mipg_desktop.planning.plan_export import export_plan
from mipg_desktop.planning.plan_import import import_plan
from mipg_desktop.planning.plans import create_plan, get_plan, list_plans
from mipg_desktop.storage.database import Database, inspect_sqlite_file, open_database

GOLDEN = Path(__file__).resolve().parent / "golden"
PAAC = "Plan Anticorrupción y de Atención al Ciudadano"
PTEP = "Programa de Transparencia y Ética Pública"


def old_catalog() -> dict[str, Any]:
    """The catalog as MIPG-2021 shipped it: plan 9 named PAAC, no names by year, no log."""
    data = copy.deepcopy(load_catalog_file())
    data["version"] = {"code": "MIPG-2021", "name": "MIPG — 7 dimensiones", "source": "D 1499"}
    data["changes"] = []
    plan9 = next(t for t in data["plan_types"] if t["code"] == "anticorrupcion")
    plan9.update(name=PAAC, short_name="PAAC", aliases=["PAAC", PTEP])
    for key in ("names_by_year", "notes", "legal_basis"):
        plan9.pop(key)
    return data


def insert_old_catalog(conn: sqlite3.Connection, data: dict[str, Any]) -> None:
    """The old catalog written with plain SQL (a database at 0008 has no newer columns)."""
    when = "2025-01-01 00:00:00"
    conn.execute(
        "INSERT INTO catalog_versions (code, name, source, is_current, loaded_at) "
        "VALUES (?, ?, ?, 1, ?)",
        (data["version"]["code"], data["version"]["name"], data["version"]["source"], when),
    )
    order = 0
    for d_index, d in enumerate(data["dimensions"]):
        cur = conn.execute(
            "INSERT INTO dimensions (catalog_version_id, code, name, aliases, description, "
            "sort_order, origin) VALUES (1, ?, ?, ?, '', ?, 'catalog')",
            (d["code"], d["name"], json.dumps(d["aliases"]), d_index),
        )
        for p in d["policies"]:
            order += 1
            conn.execute(
                "INSERT INTO policies (catalog_version_id, dimension_id, code, name, aliases, "
                "legal_basis, legal_basis_confirmed, furag_number, sort_order, origin) "
                "VALUES (1, ?, ?, ?, ?, ?, 1, ?, ?, 'catalog')",
                (cur.lastrowid, p["code"], p["name"], json.dumps(p["aliases"]), "", None, order),
            )
    for t_index, t in enumerate(data["plan_types"]):
        conn.execute(
            "INSERT INTO plan_types (catalog_version_id, code, number, name, short_name, "
            "aliases, legal_basis, sort_order, origin) "
            "VALUES (1, ?, ?, ?, ?, ?, 'Decreto 612 de 2018', ?, 'catalog')",
            (t["code"], t["number"], t["name"], t["short_name"], json.dumps(t["aliases"]), t_index),
        )


@pytest.fixture
def old_db(tmp_path: Path) -> Database:
    """A database at today's schema whose catalog is the old MIPG-2021 one."""
    from mipg_desktop.storage.engine import make_engine
    from mipg_desktop.storage.migrate import upgrade_to_head

    path = tmp_path / "antigua.sqlite"
    url = f"sqlite:///{path}"
    upgrade_to_head(url)
    db = Database(make_engine(url), url)
    with db.transaction() as session:
        seed_catalog(session, old_catalog())
    return db


def _plan_type(db: Database, code: str) -> tuple[int, str, str, list[str]]:
    with db.transaction() as session:
        t = session.scalar(select(PlanType).where(PlanType.code == code))
        assert t is not None
        return t.id, t.name, t.short_name, list(t.aliases)


def test_upgrade_keeps_what_the_entity_edited_and_added(old_db: Database) -> None:
    db = old_db
    with db.transaction() as session:  # as the entity would: renames, an alias, a note
        integrity = session.scalar(select(Policy).where(Policy.code == "integridad"))
        assert integrity is not None
        integrity.name = "Integridad y Ética de Pasto"
        pinar = session.scalar(select(PlanType).where(PlanType.code == "pinar"))
        assert pinar is not None
        pinar.aliases = [*pinar.aliases, "Plan de Archivos de Pasto"]
    add_entity_policy(db, "D1", "bienestar-local", "Bienestar Local", "Acuerdo 3 de 2024")
    plan = create_plan(db, 2024, "PAAC 2024", plan_type_code="anticorrupcion")
    before = {p.code: p.id for p in get_catalog(db).policies()}
    type_id = _plan_type(db, "anticorrupcion")[0]

    with db.transaction() as session:
        assert seed_catalog(session) is True  # the shipped catalog: MIPG-2025
        assert seed_catalog(session) is False

    catalog = get_catalog(db)
    assert catalog.version_code == "MIPG-2025"
    policies = {p.code: p for p in catalog.policies()}
    assert policies["integridad"].name == "Integridad y Ética de Pasto"
    assert policies["bienestar-local"].origin == "entity"
    assert {c: p.id for c, p in policies.items()} == before  # same rows, same ids
    assert "Plan de Archivos de Pasto" in _plan_type(db, "pinar")[3]
    new_id, name, short, aliases = _plan_type(db, "anticorrupcion")
    assert (new_id, name, short) == (type_id, PTEP, "PTEP")
    assert {"PAAC", PAAC, "PTEP"} <= set(aliases)
    assert [p.plan_type_name for p in list_plans(db) if p.id == plan.id] == [PAAC]
    change = catalog.changes[0]
    assert (change.id, change.how, change.source_date) == ("2025-ptep", "upgraded", "2024-08-30")
    assert "Ley 2195 de 2022" in change.source_norm
    assert change.kept == ()
    plan9 = next(t for t in catalog.plan_types if t.code == "anticorrupcion")
    assert "Concepto 654781 de 2024" in plan9.notes


def test_a_plan_type_the_entity_renamed_keeps_its_name(old_db: Database) -> None:
    with old_db.transaction() as session:
        plan9 = session.scalar(select(PlanType).where(PlanType.code == "anticorrupcion"))
        assert plan9 is not None
        plan9.name = "Plan Anticorrupción de Pasto"
    with old_db.transaction() as session:
        seed_catalog(session)
    _id, name, short, _aliases = _plan_type(old_db, "anticorrupcion")
    assert (name, short) == ("Plan Anticorrupción de Pasto", "PTEP")
    kept = get_catalog(old_db).changes[0].kept
    assert len(kept) == 2 and all("Plan Anticorrupción de Pasto" in k for k in kept)
    plan = create_plan(old_db, 2026, "Plan 2026", plan_type_code="anticorrupcion")
    assert plan.plan_type_name == "Plan Anticorrupción de Pasto"


def test_a_new_database_logs_the_changes_as_included(db: Database) -> None:
    catalog = get_catalog(db)
    assert [(c.id, c.how) for c in catalog.changes] == [("2025-ptep", "seeded")]
    data = catalog.to_json()
    assert data["version"]["code"] == data["catalog_version"]["code"] == "MIPG-2025"
    plan9 = next(t for t in data["plan_types"] if t["number"] == 9)
    assert [(n["name"], n["from_year"], n["until_year"]) for n in plan9["names_by_year"]] == [
        (PAAC, None, 2024),
        (PTEP, 2025, None),
    ]


def test_the_0008_golden_keeps_its_paac_plans_and_names_them_by_year(tmp_path: Path) -> None:
    path = tmp_path / "antigua.sqlite"
    shutil.copyfile(GOLDEN / "0008_import_layouts.sqlite", path)
    conn = sqlite3.connect(path)
    insert_old_catalog(conn, old_catalog())
    type_id = conn.execute("SELECT id FROM plan_types WHERE code = 'anticorrupcion'").fetchone()[0]
    for year in (2024, 2026):
        conn.execute(
            "INSERT INTO plans (uid, year, kind, plan_type_id, name, description, source_file, "
            "created_at, updated_at) VALUES (?, ?, 'decree612', ?, ?, '', '', "
            "'2025-01-01 00:00:00', '2025-01-01 00:00:00')",
            (f"{year:032d}", year, type_id, f"Plan {year}"),
        )
    conn.commit()
    conn.close()
    with open_database(path) as db:
        by_year = {p.year: p for p in list_plans(db)}
        assert by_year[2024].plan_type_name == PAAC
        assert by_year[2026].plan_type_name == PTEP
        assert by_year[2024].plan_type_code == by_year[2026].plan_type_code == "anticorrupcion"
        with db.transaction() as session:
            assert {p.plan_type_id for p in session.scalars(select(Plan))} == {type_id}
        assert get_catalog(db).version_code == "MIPG-2025"
        assert len(get_catalog(db).policies()) == 19
        assert get_catalog(db).changes[0].how == "upgraded"
    assert inspect_sqlite_file(path).has_catalog  # the next start has nothing to upgrade


def _sheet_2024(path: Path, column: str) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Plan:", "Plan de Acción Institucional 2024"])
    ws.append(["Vigencia:", 2024])
    ws.append(["Actividad", "Responsable", "Fecha inicial", "Fecha final", column])
    ws.append(["Actualizar el mapa de riesgos de corrupción", "Planeación", None, None, "X"])
    ws.append(["Publicar la estrategia de rendición de cuentas", "Planeación", None, None, ""])
    wb.save(path)
    return path


@pytest.mark.parametrize("column", ["PAAC", PAAC, PTEP])
def test_a_2024_sheet_with_a_paac_column_links_to_plan_type_9(
    db: Database, tmp_path: Path, column: str
) -> None:
    result = import_plan(db, _sheet_2024(tmp_path / "plan.xlsx", column))
    assert result.unknown_columns == ()
    first = get_plan(db, result.plan_id).activities[0]
    assert first.plan_type_codes == ("anticorrupcion",)
    assert first.plan_type_names == (PAAC,)
    assert first.plan_type_short_names == ("PAAC",)
    with db.transaction() as session:
        activity = session.get(PlanActivity, first.id)
        assert activity is not None and [t.number for t in activity.plan_types] == [9]


def test_plans_and_exports_name_plan_9_by_the_plans_year(db: Database, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    old = create_plan(db, 2024, "Plan Anticorrupción 2024", plan_type_code="anticorrupcion")
    new = create_plan(db, 2026, "Programa de Transparencia 2026", plan_type_code="anticorrupcion")
    assert (old.plan_type_name, new.plan_type_name) == (PAAC, PTEP)
    for plan, name in ((old, PAAC), (new, PTEP)):
        sheet = load_workbook(export_plan(db, plan.id, tmp_path / f"{plan.year}.xlsx")).active
        assert sheet is not None
        cells = {str(c.value) for row in sheet.iter_rows(max_row=8) for c in row if c.value}
        assert name in cells
        assert ({PAAC, PTEP} - {name}) & cells == set()


def test_a_2026_ptep_sheet_is_plan_type_9_under_its_new_name(db: Database, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["PROGRAMA DE TRANSPARENCIA Y ÉTICA PÚBLICA (PTEP) VIGENCIA 2026"])
    ws.append([])
    ws.append(["Actividad", "Responsable", "Fecha inicial", "Fecha final"])
    ws.append(["Identificar los riesgos para la integridad", "Planeación", None, None])
    wb.save(tmp_path / "ptep.xlsx")
    result = import_plan(db, tmp_path / "ptep.xlsx")
    assert (result.year, result.plan_type_code) == (2026, "anticorrupcion")
    assert result.name == "Programa de Transparencia y Ética Pública (PTEP) 2026"
    (plan,) = list_plans(db)
    assert plan.plan_type_name == PTEP


@pytest.mark.parametrize(("year", "shown"), [(2024, "PAAC"), (2026, "PTEP")])
def test_the_column_check_names_plan_9_as_the_plans_year_does(
    db: Database, tmp_path: Path, year: int, shown: str
) -> None:
    from mipg_desktop.planning.plan_proposal import propose_mapping, review_mapping

    proposal = propose_mapping(db, _sheet_2024(tmp_path / "plan.xlsx", "PAAC"), year=year)
    (column,) = [c for c in proposal.columns if c.header == "PAAC"]
    assert column.field == "plan_anticorrupcion"
    assert column.label == f"Plan: {shown}"  # the same plan type, under the year's name
    assert ("plan_anticorrupcion", f"Plan: {shown}") in proposal.options
    again = review_mapping(db, proposal, {})
    assert [c.label for c in again.columns if c.header == "PAAC"] == [f"Plan: {shown}"]
