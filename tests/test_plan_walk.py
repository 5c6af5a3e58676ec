"""What the issue 13 walk-through found in the plan import: footers, dropped columns, codes,
text goals, FURAG policy names, plan names and duplicates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import plan_walk_support as walk
import pytest

from mipg_desktop.planning.plan_import import import_plan
from mipg_desktop.planning.plan_proposal import propose_mapping
from mipg_desktop.planning.plans import get_plan


@pytest.mark.parametrize(
    "footer",
    [
        None,
        ["Revisó:", "", "", "Jefe de Control Interno"],
        ["", "", "", "Proyectó: Profesional de planeación"],
        ["", "", "", "Firma"],
        ["", "", "", "Total", "", "", "100%"],
    ],
)
def test_footer_ends_the_table(db: Any, tmp_path: Path, footer: list[object] | None) -> None:
    path = walk.municipal(tmp_path / "pai.xlsx", footer, goal=4, policy="Transparencia")
    proposal = propose_mapping(db, path, overrides=[("meta", "F")])
    assert proposal.problems == ()
    assert proposal.activity_count == 3
    assert any("la tabla termina en la fila 10" in w for w in proposal.warnings)
    result = import_plan(db, path, mapping=proposal.mapping())
    descriptions = [a.description for a in get_plan(db, result.plan_id).activities]
    assert len(descriptions) == 3 and descriptions[0].startswith("Actualizar")
    assert not any("Comité" in d or d in ("Firma", "Total") for d in descriptions)


def test_text_goal_gives_target_and_unit(db: Any, tmp_path: Path) -> None:
    path = walk.municipal(tmp_path / "pai.xlsx", policy="Gestión Documental")
    proposal = propose_mapping(db, path)
    meta = next(c for c in proposal.columns if c.letter == "F")
    assert meta.field == "meta" and not meta.doubtful
    assert proposal.problems == ()
    result = import_plan(db, path, mapping=proposal.mapping())
    first, second, third = get_plan(db, result.plan_id).activities
    assert (first.target_value, first.unit) == (4.0, "TRD")
    assert (second.target_value, second.unit) == (1.0, "mapa publicado")
    assert (third.target_value, third.unit) == (40.0, "")


def test_goal_only_text_is_refused_with_its_place(db: Any, tmp_path: Path) -> None:
    path = walk.municipal(
        tmp_path / "pai.xlsx", goal="Tablas actualizadas", policy="Gestión Documental"
    )
    proposal = propose_mapping(db, path, overrides=[("meta", "F")])
    assert proposal.problems == (
        "Hoja «PAI 2026», fila 5, columna F (Meta asociada (unidades)): "
        "«Tablas actualizadas» no es un número.",
    )


def test_leader_and_follow_up_columns_are_read(db: Any, tmp_path: Path) -> None:
    proposal = propose_mapping(db, walk.institute(tmp_path / "cultura.xlsx"))
    by_letter = {c.letter: c.field for c in proposal.columns}
    assert (by_letter["A"], by_letter["D"]) == ("proceso", "responsable")
    assert [by_letter[c] for c in "HIJK"] == ["avance_t1", "avance_t2", "avance_t3", "avance_t4"]
    assert proposal.confident
    assert proposal.dropped_line() == "No se importarán: columna C «Producto esperado»."
    assert any("cada actividad quedará asociada" in w for w in proposal.warnings)
    result = import_plan(db, proposal.file, mapping=proposal.mapping())
    first = get_plan(db, result.plan_id).activities[0]
    assert first.owner_person == "Subdirección Administrativa"
    assert [(q.quarter, q.progress) for q in first.quarters] == [(1, 1.0)]


def test_follow_up_as_text_is_evidence(db: Any, tmp_path: Path) -> None:
    texts = ("Acta de publicación", "Informe del médico", "Correo de prueba")
    proposal = propose_mapping(db, walk.institute(tmp_path / "cultura.xlsx", texts))
    assert next(c for c in proposal.columns if c.letter == "H").field == "evidencia_t1"


def test_check_names_the_dropped_columns_first(
    db: Any, db_url: str, tmp_path: Path, capsys: Any
) -> None:
    from mipg_desktop.cli import main

    path = walk.municipal(tmp_path / "pai.xlsx", policy="Gestión Documental")
    assert main(["--db", db_url, "import-plan", str(path), "--check"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "No se importarán: columna A «N°», columna L «BPIN»."


def test_a_code_header_wins_over_a_bare_number(db: Any, tmp_path: Path) -> None:
    path = walk.municipal(tmp_path / "pai.xlsx", policy="Gestión Documental")
    proposal = propose_mapping(db, path)
    by_letter = {c.letter: c.field for c in proposal.columns}
    assert (by_letter["A"], by_letter["B"]) == ("", "codigo")
    result = import_plan(db, path, mapping=proposal.mapping())
    assert get_plan(db, result.plan_id).activities[0].code == "SG-01"


def test_policy_written_as_in_furag_files(db: Any, tmp_path: Path) -> None:
    proposal = propose_mapping(db, walk.municipal(tmp_path / "pai.xlsx", goal=4))
    assert proposal.problems == ()
    result = import_plan(db, proposal.file, mapping=proposal.mapping())
    second = get_plan(db, result.plan_id).activities[1]
    assert "Transparencia" in " ".join(second.policy_names)


def test_unknown_policy_still_refused(db: Any, tmp_path: Path) -> None:
    path = walk.municipal(tmp_path / "pai.xlsx", goal=4, policy="Gestión de la felicidad")
    proposal = propose_mapping(db, path)
    assert proposal.problems == (
        "Hoja «PAI 2026», fila 7, columna O (Política MIPG asociada): "
        "«Gestión de la felicidad» no es una política del catálogo.",
    )


def test_all_caps_title_gives_a_readable_name_to_check(db: Any, tmp_path: Path) -> None:
    proposal = propose_mapping(db, walk.municipal(tmp_path / "pai.xlsx", goal=4))
    assert proposal.plan_name == "Plan de Acción Institucional 2026"
    assert proposal.warnings[0].startswith("El nombre del plan («Plan de Acción Institucional")


def test_same_name_and_year_is_a_problem_before_importing(
    db: Any, db_url: str, tmp_path: Path, capsys: Any
) -> None:
    from mipg_desktop.cli import main

    first = walk.municipal(tmp_path / "pai.xlsx", goal=4)
    import_plan(db, first, mapping=propose_mapping(db, first).mapping())
    second = walk.municipal(tmp_path / "hacienda.xlsx", goal=4)
    taken = "Ya hay un plan «Plan de Acción Institucional 2026» de 2026; cambie el nombre."
    proposal = propose_mapping(db, second)
    assert proposal.problems[0] == taken
    assert main(["--db", db_url, "import-plan", str(second), "--check"]) == 1
    err = capsys.readouterr().err
    assert taken in err and "id" not in err.replace("identificador", "")
    renamed = propose_mapping(db, second, name="Plan de Acción de Hacienda 2026")
    assert renamed.problems == () and renamed.plan_name == "Plan de Acción de Hacienda 2026"


def test_exported_flags_read_si_with_accent_and_import_back(db: Any, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from mipg_desktop.planning.plan_export import export_plan
    from mipg_desktop.planning.plans import delete_plan

    path = walk.municipal(tmp_path / "pai.xlsx", goal=4)
    result = import_plan(db, path, mapping=propose_mapping(db, path).mapping())
    codes = [a.plan_type_codes for a in get_plan(db, result.plan_id).activities]
    exported = export_plan(db, result.plan_id, tmp_path / "exportado.xlsx")
    book = load_workbook(exported)
    values = {c.value for ws in book.worksheets for row in ws.iter_rows() for c in row}
    assert "Sí" in values and "Si" not in values
    assert [c.value for c in book["Listas"]["C"] if c.value] == ["Sí", "N/A"]
    delete_plan(db, result.plan_id)
    again = import_plan(db, exported)
    assert [a.plan_type_codes for a in get_plan(db, again.plan_id).activities] == codes


def test_a_column_filled_only_in_the_footer_is_not_called_dropped(db: Any, tmp_path: Path) -> None:
    footer: list[object] = ["", "", "", "", "", "", "", "", "", "", "", "Revisó: Control Interno"]
    from openpyxl import load_workbook

    path = walk.municipal(tmp_path / "pai.xlsx", footer, goal=4)
    book = load_workbook(path)
    assert book.active is not None
    book.active["L5"] = None  # BPIN: empty in the table, only the footer writes in L
    book.save(path)
    proposal = propose_mapping(db, path)
    assert proposal.table_end == 10
    assert proposal.dropped_line() == "No se importarán: columna A «N°»."


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("PLAN DE ACCIÓN INSTITUCIONAL VIGENCIA 2026", "Plan de Acción Institucional 2026"),
        ("PLAN ANUAL DE ADQUISICIONES Y PAAC 2026", "Plan Anual de Adquisiciones y PAAC 2026"),
        ("Plan de acción 2026", "Plan de acción 2026"),
    ],
)
def test_plan_name_from_the_title(db: Any, tmp_path: Path, title: str, name: str) -> None:
    from openpyxl import load_workbook

    path = walk.municipal(tmp_path / "pai.xlsx", goal=4)
    book = load_workbook(path)
    assert book.active is not None
    book.active["A2"] = title
    book.save(path)
    assert propose_mapping(db, path).plan_name == name
