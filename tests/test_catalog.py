"""The MIPG catalog: contents per domain.md §2, idempotent seeding, entity additions."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from mipg_desktop.catalog import (
    add_entity_dimension,
    add_entity_policy,
    find_policy,
    get_catalog,
    seed_catalog,
)
from mipg_desktop.errors import ValidationError
from mipg_desktop.models.catalog import CatalogVersion, Dimension, PlanType, Policy
from mipg_desktop.storage.database import Database


def test_seven_dimensions_with_stable_codes(db: Database) -> None:
    catalog = get_catalog(db)
    assert [d.code for d in catalog.dimensions] == [f"D{i}" for i in range(1, 8)]
    names = {d.code: d.name for d in catalog.dimensions}
    assert names["D3"] == "Gestión con Valores para Resultados"
    assert names["D6"] == "Gestión del Conocimiento y la Innovación"


def test_nineteen_policies_in_their_dimensions(db: Database) -> None:
    catalog = get_catalog(db)
    by_dimension = {d.code: [p.name for p in d.policies] for d in catalog.dimensions}
    assert sum(len(v) for v in by_dimension.values()) == 19
    assert by_dimension["D1"] == ["Gestión Estratégica del Talento Humano", "Integridad"]
    assert "Compras y Contratación Pública" in by_dimension["D2"]
    assert len(by_dimension["D3"]) == 8
    assert "Mejora Normativa" in by_dimension["D3"]
    assert "Gestión de la Información Estadística" in by_dimension["D5"]
    assert by_dimension["D7"] == ["Control Interno"]


def test_furag_numbering_is_stored_beside_catalog_order(db: Database) -> None:
    policies = {p.name: p for p in get_catalog(db).policies()}
    assert (
        policies[
            "Transparencia, Acceso a la Información Pública y Lucha contra la Corrupción"
        ].furag_number
        == 9
    )
    assert policies["Mejora Normativa"].furag_number == 17
    assert policies["Gestión de la Información Estadística"].furag_number == 18
    assert policies["Compras y Contratación Pública"].furag_number is None
    numbers = sorted(p.furag_number for p in policies.values() if p.furag_number)
    assert numbers == list(range(1, 19))


def test_twelve_decreto_612_plans_with_policy_links(db: Database) -> None:
    catalog = get_catalog(db)
    assert [t.number for t in catalog.plan_types] == list(range(1, 13))
    by_short = {t.short_name: t for t in catalog.plan_types}
    assert by_short["PINAR"].policy_codes == ("gestion-documental",)
    assert set(by_short["PTEP"].policy_codes) == {
        "transparencia",
        "servicio-ciudadano",
        "racionalizacion-tramites",
        "participacion-ciudadana",
    }
    assert by_short["PETI"].policy_codes == ("gobierno-digital",)


def test_aliases_match_ignoring_case_and_accents(db: Database) -> None:
    with db.transaction() as session:
        assert find_policy(session, "archivos y gestion documental").code == "gestion-documental"  # type: ignore[union-attr]
        assert find_policy(session, "GOBIERNO EN LÍNEA").code == "gobierno-digital"  # type: ignore[union-attr]
        assert find_policy(session, "Servicio a la  Ciudadanía").code == "servicio-ciudadano"  # type: ignore[union-attr]
        assert find_policy(session, "no existe") is None


def _counts(db: Database) -> tuple[int, int, int, int]:
    with db.transaction() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(m))
            for m in (CatalogVersion, Dimension, Policy, PlanType)
        )


def test_seeding_twice_changes_nothing(db: Database) -> None:
    before = _counts(db)
    with db.transaction() as session:
        assert seed_catalog(session) is False
    assert _counts(db) == before == (1, 7, 19, 12)


def test_a_new_catalog_version_upgrades_the_rows_in_place(db: Database) -> None:
    from mipg_desktop.catalog import load_catalog_file

    data = load_catalog_file()
    data["version"] = {"code": "MIPG-2030", "name": "Versión futura", "source": "Decreto 9 de 2030"}
    new_policy = {"code": "nueva", "name": "Política Nueva", "aliases": []}
    data["changes"].append(
        {
            "id": "2030-nueva",
            "version": "MIPG-2030",
            "summary": "Política nueva",
            "source": {"norm": "Decreto 9 de 2030", "date": "2030-01-15"},
            "steps": [{"op": "add_policy", "dimension": "D1", "policy": new_policy}],
        }
    )
    before = {p.code: p.id for p in get_catalog(db).policies()}
    with db.transaction() as session:
        assert seed_catalog(session, data) is True
        assert seed_catalog(session, data) is False
    catalog = get_catalog(db)
    assert catalog.version_code == "MIPG-2030"
    assert catalog.version_source == "Decreto 9 de 2030"
    assert len(catalog.policies()) == 20
    assert {p.code: p.id for p in catalog.policies() if p.code != "nueva"} == before
    assert _counts(db)[0] == 1
    change = catalog.changes[-1]
    assert (change.id, change.how, change.source_date) == ("2030-nueva", "upgraded", "2030-01-15")


def test_entity_component_and_policy_without_code_changes(db: Database) -> None:
    add_entity_dimension(db, "GA", "Gestión Ambiental")
    add_entity_policy(db, "GA", "residuos", "Gestión Integral de Residuos", "Acuerdo 05 de 2024")
    catalog = get_catalog(db)
    assert catalog.dimensions[-1].code == "GA"
    assert catalog.dimensions[-1].origin == "entity"
    assert [p.name for p in catalog.dimensions[-1].policies] == ["Gestión Integral de Residuos"]
    with pytest.raises(ValidationError):
        add_entity_policy(db, "GA", "residuos", "Otra")
    with pytest.raises(ValidationError):
        add_entity_dimension(db, "D1", "Duplicada")
