"""MECI-only entities: the profile's scope, what they see by default, FURAG setting it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from furag_files import entities, published

from mipg_desktop.cli import main
from mipg_desktop.entity_profile import get_entity, save_entity
from mipg_desktop.errors import ValidationError
from mipg_desktop.first_screen import read_first_screen
from mipg_desktop.planning.furag import import_furag
from mipg_desktop.planning.plans import create_plan
from mipg_desktop.reporting_scope import (
    scope_defaults,
    scope_of_form,
    set_reporting_scope,
    visible_dimensions,
    visible_plan_types,
)
from mipg_desktop.storage.database import Database


def _meci_entity() -> tuple[str, str]:
    """A MECI entity of the published 2024 territorial file: (name, SIGEP code)."""
    found = next(e for e in entities(2024, "territorio", 60) if e.form == "MECI")
    return found.name, str(found.sigep)


def test_a_meci_only_entity_sees_no_cigd_or_decree_612_plan_by_default(db: Database) -> None:
    save_entity(db, expected_version=None, name="Concejo Municipal de Pasto")
    mipg = read_first_screen(db)
    assert scope_defaults(mipg.reporting_scope).committee_short_name == "CIGD"
    assert len(visible_plan_types(mipg.catalog, mipg.reporting_scope)) == 12
    profile = get_entity(db)
    assert profile is not None
    set_reporting_scope(db, "meci", expected_version=profile.version)
    screen = read_first_screen(db)
    assert screen.reporting_scope == "meci"
    defaults = scope_defaults(screen.reporting_scope)
    assert (defaults.committee_short_name, defaults.committee_kind) == (
        "CICCI",
        "internal_control",
    )
    assert "Gestión y Desempeño" not in defaults.committee_name
    assert not defaults.shows_decree_612
    assert visible_plan_types(screen.catalog, screen.reporting_scope) == ()
    assert [d.code for d in visible_dimensions(screen.catalog, screen.reporting_scope)] == ["D7"]
    # a plan it does have stays visible
    create_plan(db, 2026, "Plan de Transparencia", plan_type_code="anticorrupcion")
    shown = visible_plan_types(screen.catalog, "meci", {"anticorrupcion"})
    assert [t.code for t in shown] == ["anticorrupcion"]
    profile = get_entity(db)
    assert profile is not None
    assert (profile.reporting_scope, profile.reporting_scope_source) == ("meci", "manual")


def test_the_scope_is_checked(db: Database) -> None:
    save_entity(db, expected_version=None, name="Personería de Ipiales")
    with pytest.raises(ValidationError, match="«mipg» o «meci»"):
        save_entity(db, expected_version=1, reporting_scope="ambos")
    assert scope_of_form(" meci ") == "meci" and scope_of_form("MIPG") == "mipg"
    assert scope_of_form("") is None


def test_furag_meci_results_offer_or_set_the_scope(db: Database, tmp_path: Path) -> None:
    name, sigep = _meci_entity()
    path, _rows = published(tmp_path, 2024, "territorio", count=60)
    save_entity(db, expected_version=None, name=name, sigep_code=sigep)
    offered = import_furag(db, path)
    assert (offered.form_type, offered.scope_offer, offered.scope_set) == ("MECI", "meci", "")
    profile = get_entity(db)
    assert profile is not None and profile.reporting_scope == "mipg"
    stored = import_furag(db, path, replace=True, set_scope=True)
    assert stored.scope_set == "meci"
    profile = get_entity(db)
    assert profile is not None
    assert (profile.reporting_scope, profile.reporting_scope_source) == ("meci", "FURAG 2024")
    set_reporting_scope(db, "mipg", expected_version=profile.version)  # by hand: it wins
    kept = import_furag(db, path, replace=True, set_scope=True)
    assert (kept.scope_kept, kept.scope_set) == ("meci", "")
    profile = get_entity(db)
    assert profile is not None and profile.reporting_scope == "mipg"


def test_cli_import_furag_sets_a_meci_scope_and_says_so(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mipg_desktop.storage.database import open_database

    name, sigep = _meci_entity()
    path, _rows = published(tmp_path, 2024, "territorio", count=60)
    with open_database(db_url) as db:
        save_entity(db, expected_version=None, name=name, sigep_code=sigep)
    code = main(["--db", db_url, "import-furag", str(path), "--conservar-alcance"])
    out, _err = capsys.readouterr()
    assert code == 0 and "perfil no se cambió (--conservar-alcance)" in out
    code = main(["--db", db_url, "import-furag", str(path), "--reemplazar"])
    out, _err = capsys.readouterr()
    assert code == 0
    assert "El formulario FURAG de la entidad es MECI: el perfil queda como «Solo MECI" in out
    code = main(["--db", db_url, "catalog", "--json"])
    data = json.loads(capsys.readouterr()[0])
    assert data["catalog_version"]["code"] == "MIPG-2025"
    assert data["catalog_version"]["changes"][0]["source"]["date"] == "2024-08-30"
    with open_database(db_url) as db:
        profile = get_entity(db)
        assert profile is not None and profile.reporting_scope == "meci"


def test_cli_import_furag_of_a_meci_entity_without_a_profile_says_what_to_do(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mipg_desktop.storage.database import open_database

    _name, sigep = _meci_entity()
    path, _rows = published(tmp_path, 2024, "territorio", count=60)
    code = main(["--db", db_url, "init"])
    capsys.readouterr()
    code = main(["--db", db_url, "import-furag", str(path), "--entity", sigep])
    out, _err = capsys.readouterr()
    assert code == 0
    assert "es MECI, pero la base no tiene perfil de entidad" in out
    assert "«La entidad reporta solo MECI»" in out
    with open_database(db_url) as db:
        assert get_entity(db) is None  # nothing invented
