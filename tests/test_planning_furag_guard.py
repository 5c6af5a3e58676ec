"""An import of FURAG results never replaces a year or takes another entity's results unasked,
and never changes the SIGEP code the profile has (the walkthrough of issue 13: «1005» typed in
the picker replaced the 2024 results with a ministry's and saved 1005 into the profile)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from furag_files import published
from sqlalchemy import select
from test_planning_import import table_counts

from mipg_desktop.cli import main
from mipg_desktop.entity_profile import get_entity, save_entity
from mipg_desktop.planning.furag import (
    OtherEntity,
    YearHasResults,
    import_furag,
    list_furag,
    read_furag_entities,
)

HOSPITAL = "E.S.E. Hospital San Rafael de Tunja"


def test_other_entity_and_a_year_with_results_are_refused_unasked(db: Any, tmp_path: Path) -> None:
    from mipg_desktop.models.audit import AuditEntry

    save_entity(db, expected_version=None, name=HOSPITAL, sigep_code="5012")
    ours, _rows = published(tmp_path, 2024, "territorio", count=30)
    import_furag(db, ours)
    (mine,) = list_furag(db)
    (tmp_path / "n").mkdir()
    nacion, _rows = published(tmp_path / "n", 2024, "nacion", count=12)
    before = table_counts(db)
    with pytest.raises(OtherEntity) as caught:
        import_furag(db, nacion, entity="1005")
    assert str(caught.value) == (
        "Los resultados son de «MINISTERIO NÚMERO 6» (SIGEP 1005), no de «E.S.E. Hospital San "
        "Rafael de Tunja» (SIGEP 5012), la entidad de este perfil. No se guardó nada."
    )
    with pytest.raises(
        YearHasResults, match=r"Ya hay resultados de 2024 \(IDI \d+,\d\) importados"
    ):
        import_furag(db, nacion, entity="1005", other_entity=True)
    assert table_counts(db) == before and list_furag(db) == [mine]
    # both asked for: replaced, one audited change; the profile keeps its code
    result = import_furag(db, nacion, entity="1005", other_entity=True, replace=True)
    assert result.replaced and not result.remembered
    (stored,) = list_furag(db)
    assert (stored.sigep_code, stored.entity_name) == ("1005", "MINISTERIO NÚMERO 6")
    profile = get_entity(db)
    assert profile is not None and profile.sigep_code == "5012"
    with db.transaction() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "furag_results")
        ).all()[-1]
        assert entry.action == "update"
        assert entry.changes["replaced"] == {
            "entity": mine.entity_name,
            "sigep": "5012",
            "idi": mine.idi,
        }


def test_listing_says_the_year_and_what_it_has(db: Any, tmp_path: Path) -> None:
    path, _rows = published(tmp_path, 2024, "territorio", count=20)
    listed = read_furag_entities(db, path)
    assert (listed.year, listed.prior) == (2024, None)
    import_furag(db, path, entity="5012")
    listed = read_furag_entities(db, path)
    assert listed.year == 2024 and listed.prior is not None
    assert listed.prior.idi == list_furag(db)[0].idi


def test_sigep_code_filled_only_into_a_profile_without_one(db: Any, tmp_path: Path) -> None:
    path, _rows = published(tmp_path, 2024, "territorio", count=20)
    save_entity(db, expected_version=None, name="Alcaldia de PASTO")
    # not the profile's name: refused unasked; asked, imported without touching the profile
    with pytest.raises(OtherEntity, match="no de «Alcaldia de PASTO», la entidad"):
        import_furag(db, path, entity="5012")
    assert not import_furag(db, path, entity="5012", other_entity=True).remembered
    profile = get_entity(db)
    assert profile is not None and profile.sigep_code == ""
    # the profile's own entity (its name written otherwise): its code is filled in
    result = import_furag(db, path, entity="5004", replace=True)
    assert result.remembered and result.entity_name == "ALCALDÍA DE Pasto"
    profile = get_entity(db)
    assert profile is not None and profile.sigep_code == "5004"


def test_ours_fills_an_empty_code_and_never_changes_one(db: Any, tmp_path: Path) -> None:
    path, _rows = published(tmp_path, 2024, "territorio", count=20)
    save_entity(db, expected_version=None, name="Hospital del Norte")
    with pytest.raises(OtherEntity) as caught:
        import_furag(db, path, entity="5013")
    assert caught.value.profile_without_code
    # the person says it is theirs: imported, the code kept
    result = import_furag(db, path, entity="5013", ours=True)
    assert result.remembered
    profile = get_entity(db)
    assert profile is not None and profile.sigep_code == "5013"
    # now the profile has a code: «ours» cannot change it
    with pytest.raises(OtherEntity) as caught:
        import_furag(db, path, entity="5012", ours=True, replace=True)
    assert not caught.value.profile_without_code
    assert list_furag(db)[0].sigep_code == "5013"
    profile = get_entity(db)
    assert profile is not None and profile.sigep_code == "5013"


def _run(capsys: pytest.CaptureFixture[str], db_url: str, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db_url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_refuses_without_its_flags(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mipg_desktop.storage.database import open_database

    db = open_database(db_url)
    save_entity(db, expected_version=None, name=HOSPITAL, sigep_code="5012")
    path, _rows = published(tmp_path, 2024, "territorio", count=20)
    assert _run(capsys, db_url, "import-furag", str(path))[0] == 0
    code, out, err = _run(capsys, db_url, "import-furag", str(path), "--entity", "5000")
    assert code == 1 and out == ""
    assert "no de «E.S.E. Hospital San Rafael de Tunja» (SIGEP 5012)" in err
    assert "repita con --otra-entidad." in err and "--es-mi-entidad" not in err
    code, out, err = _run(capsys, db_url, "import-furag", str(path))
    assert code == 1 and "--reemplazar" in err
    idi = f"{list_furag(db)[0].idi:.1f}"  # the CLI's numbers: one decimal, a point
    assert f"Ya hay resultados de 2024 (IDI {idi}) importados el " in err
    code, out, err = _run(
        capsys,
        db_url,
        "import-furag",
        str(path),
        "--entity",
        "5000",
        "--otra-entidad",
        "--reemplazar",
    )
    assert code == 0, err
    assert "Se reemplazaron los resultados que había de 2024." in out
    assert "perfil" not in out
    code, out, _err = _run(capsys, db_url, "furag", "--json")
    (result,) = json.loads(out)["results"]
    assert result["sigep_code"] == "5000"
    profile = get_entity(db)
    assert profile is not None and profile.sigep_code == "5012"
    db.close()


def test_cli_listing_numbers_and_names(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, rows = published(tmp_path, 2023, "territorio", count=20)
    meci = next(e for e in rows if e.form == "MECI")
    assert _run(capsys, db_url, "import-furag", str(path), "--entity", str(meci.sigep))[0] == 0
    code, out, _err = _run(capsys, db_url, "furag")
    assert code == 0 and "None" not in out
    first = out.splitlines()[0]
    assert first.startswith("2023  IDI sin dato  D7 ")
    assert first.endswith(f"D7 {meci.dimensions['D7']:.1f}")
    # the weakest policies by their names, without the file's «P16:» number
    assert "  Control Interno  — SIN actividades de mejora" in out
    assert "P1" not in out and ": Control Interno" not in out


def test_cli_ours_for_a_profile_without_code(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mipg_desktop.storage.database import open_database

    db = open_database(db_url)
    save_entity(db, expected_version=None, name="Hospital del Norte")
    path, _rows = published(tmp_path, 2024, "territorio", count=20)
    code, out, err = _run(capsys, db_url, "import-furag", str(path), "--entity", "5013")
    assert code == 1 and "(o con --es-mi-entidad, si es la suya con otro nombre)." in err
    code, out, err = _run(
        capsys, db_url, "import-furag", str(path), "--entity", "5013", "--es-mi-entidad"
    )
    assert code == 0, err
    assert "Se guardó el código SIGEP 5013 en el perfil de la entidad." in out
    profile = get_entity(db)
    assert profile is not None and profile.sigep_code == "5013"
    db.close()
