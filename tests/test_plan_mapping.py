"""Plans laid out by other entities: headers found by score, the mapping step, saved layouts,
and ``mipg import-plan --map/--layout/--check``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import plan_layouts_support as layouts
import pytest
from test_planning_import import table_counts

from mipg_desktop.cli import main
from mipg_desktop.entity_profile import save_entity
from mipg_desktop.errors import ValidationError
from mipg_desktop.planning.header_score import header_words
from mipg_desktop.planning.plan_import import import_plan
from mipg_desktop.planning.plan_proposal import propose_mapping, review_mapping
from mipg_desktop.planning.plans import get_plan


def _cli(capsys: pytest.CaptureFixture[str], db_url: str, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db_url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def _stored(capsys: pytest.CaptureFixture[str], db_url: str, plan_id: int) -> list[dict[str, Any]]:
    code, out, _err = _cli(capsys, db_url, "plan", str(plan_id), "--json")
    assert code == 0
    activities: list[dict[str, Any]] = json.loads(out)["activities"]
    return activities


def test_header_words() -> None:
    assert header_words("Meta asociada (cantidad) / Unidad de la actividad") == (
        "meta",
        "unidad",
        "actividad",
    )
    assert header_words("Fecha de terminación (dd/mm/aaaa)") == ("terminacion",)
    assert header_words("Previsión de RRHH") == ("prevision", "recursos", "humanos")


def test_municipal_layout(db: Any, db_url: str, tmp_path: Path, capsys: Any) -> None:
    proposal = propose_mapping(db, layouts.municipal(tmp_path / "municipal.xlsx"))
    assert (proposal.sheet, proposal.header_row, proposal.confident) == ("PAI 2026", 4, True)
    by_letter = {c.letter: c for c in proposal.columns}
    assert by_letter["B"].field == "" and "ningún campo" in by_letter["B"].note  # BPIN
    assert by_letter["K"].field == ""  # funding source: ignored, not refused
    assert (by_letter["F"].field, by_letter["G"].field) == ("dependencia", "responsable")
    assert by_letter["D"].field == "meta" and by_letter["D"].confidence >= 0.7
    assert proposal.problems == () and proposal.activity_count == 3
    assert proposal.preview[0][0] == 4 and proposal.preview[1][1][2].startswith("Actualizar")
    result = import_plan(db, proposal.file, mapping=proposal.mapping())
    assert (result.name, result.year) == ("Plan de Acción Institucional", 2026)
    assert any("BPIN" in c for c in result.unknown_columns)
    first, _second, third = _stored(capsys, db_url, result.plan_id)
    assert (first["owner_unit"], first["owner_person"]) == (
        "Secretaría General",
        "Auxiliar de archivo",
    )
    assert (first["start_date"], first["end_date"]) == ("2026-01-15", "2026-06-30")
    assert (first["weight"], first["target_value"]) == (0.4, 2.0)
    plan = get_plan(db, result.plan_id)
    assert plan.activities[0].plan_type_codes == ("pinar",)
    assert plan.activities[1].plan_type_codes == ("adquisiciones", "anticorrupcion")
    assert plan.activities[2].plan_type_codes == ("estrategico-th",)
    assert [(q.quarter, q.progress) for q in plan.activities[0].quarters] == [(1, 0.03)]
    assert third["description"] == "Formular el plan de bienestar"  # after the blank row


def test_hospital_layout(db: Any, tmp_path: Path) -> None:
    result = import_plan(db, layouts.hospital(tmp_path / "hospital.xlsx"), year=2025)
    a, b = get_plan(db, result.plan_id).activities
    assert a.description.startswith("Capacitar") and a.target_value == 4.0
    assert (a.owner_unit, a.owner_person) == ("Subgerencia Científica", "Coordinador de enfermería")
    assert (a.start_date, a.end_date) == (date(2025, 2, 3), date(2025, 11, 28))
    assert (a.weight, b.weight) == (0.5, 0.5)
    assert [(q.quarter, q.progress) for q in a.quarters] == [(1, 0.25), (2, 0.5)]
    assert a.plan_type_codes == ("capacitacion",)
    assert b.plan_type_codes == ("incentivos", "sst")
    assert a.remarks == "Sin novedad"
    assert a.code == "HSP-07"  # «Código interno» is the code (issue 13 walk-through)


def test_governorate_layout(db: Any, tmp_path: Path) -> None:
    result = import_plan(db, layouts.governorate(tmp_path / "gobernacion.xlsx"))
    assert (result.name, result.year) == ("Plan de Acción de la Secretaría de Planeación", 2027)
    a, b = get_plan(db, result.plan_id).activities
    assert (a.code, a.indicator_name, a.indicator_type) == (
        "G-1",
        "Proyectos registrados",
        "eficacia",
    )
    assert (a.owner_unit, a.owner_person) == (
        "Secretaría de Planeación",
        "Profesional universitario",
    )
    assert a.budget == 120_000_000.0 and a.target_value == 40.0
    assert a.policy_codes == ("planeacion-institucional",) and b.policy_codes == (
        "gobierno-digital",
    )
    assert [(q.quarter, q.planned, q.executed, q.evidence) for q in a.quarters] == [
        (1, 10.0, 8.0, "Informe del banco")
    ]


def test_institute_layout(db: Any, tmp_path: Path) -> None:
    result = import_plan(db, layouts.institute(tmp_path / "instituto.xlsx"))
    assert (result.year, result.header_row) == (2025, 5)
    a, b = get_plan(db, result.plan_id).activities
    assert (a.owner_unit, a.owner_person) == ("Oficina Jurídica", "Ana Pérez")
    assert (a.weight, b.weight) == (0.125, 0.875)
    assert (a.start_date, b.end_date) == (date(2025, 2, 10), date(2025, 11, 15))
    assert [(q.quarter, q.progress) for q in a.quarters] == [(1, 0.125), (2, 0.5)]
    assert [(q.quarter, q.progress) for q in b.quarters] == [(1, 0.3), (2, 0.6)]
    assert (a.plan_type_codes, b.plan_type_codes) == (("sst",), ("anticorrupcion",))


def test_district_layout_on_second_sheet(db: Any, tmp_path: Path) -> None:
    result = import_plan(db, layouts.district(tmp_path / "distrito.xlsx"))
    assert (result.sheet, result.header_row, result.year) == ("Formato POA", 7, 2026)
    a, b = get_plan(db, result.plan_id).activities
    assert (a.owner_unit, a.owner_person) == (
        "Subdirección de Calidad del Aire",
        "Ingeniera ambiental",
    )
    assert (a.weight, b.weight) == (0.6, 0.4)  # «60» and «40»: percent points
    assert [(q.quarter, q.progress, q.evidence) for q in a.quarters] == [
        (1, 0.3, "Reporte de enero")
    ]
    assert a.ratings[0].rating == "Satisfactorio"


def test_doubtful_file_refused_naming_columns(
    db: Any, db_url: str, tmp_path: Path, capsys: Any
) -> None:
    path = layouts.doubtful(tmp_path / "dudoso.xlsx")
    before = table_counts(db)
    code, _out, err = _cli(capsys, db_url, "import-plan", str(path), "--year", "2026")
    assert code == 1
    assert "Columna B «Meta / Unidad»" in err and "Columna E «Trimestre 1»" in err
    assert "--map unidad=B --map avance_t1=E" in err
    code, out, err = _cli(capsys, db_url, "import-plan", str(path), "--check", "--year", "2026")
    assert code == 1 and "B «Meta / Unidad»: Unidad de medida (unidad), confianza 45%" in out
    assert table_counts(db) == before
    with pytest.raises(ValidationError, match="qué es cada columna"):
        import_plan(db, path, year=2026)
    assert table_counts(db) == before


def test_map_saves_a_layout_applied_to_the_next_file(
    db: Any, db_url: str, tmp_path: Path, capsys: Any
) -> None:
    path = layouts.doubtful(tmp_path / "feria.xlsx")
    args = ["import-plan", str(path), "--year", "2026", "--map", "meta=B"]
    code, _out, err = _cli(capsys, db_url, *args, "--map", "Trimestre 1=avance")
    assert code == 1 and "«trimestre_1» no es un campo" in err  # the field comes first
    code, out, _err = _cli(
        capsys, db_url, *args, "--map", "avance_t1=Trimestre 1", "--layout", "Ferias"
    )
    assert code == 0 and "Formato de columnas: «Ferias»" in out, out
    first = _stored(capsys, db_url, int(out.split("id ")[1].split(")")[0]))[0]
    assert first["target_value"] == 1.0
    # the next file with the same headers: mapped by the saved layout, without --map
    again = layouts.doubtful(tmp_path / "feria-2027.xlsx")
    proposal = propose_mapping(db, again, year=2027)
    assert proposal.layout == "Ferias" and proposal.confident
    assert {c.letter: c.field for c in proposal.columns if c.field} == {
        "A": "actividad",
        "B": "meta",
        "E": "avance_t1",
    }
    code, out, _err = _cli(capsys, db_url, "import-plan", str(again), "--year", "2027", "--check")
    assert code == 0 and "formato guardado «Ferias»" in out and "no se guardó nada" in out
    code, out, _err = _cli(capsys, db_url, "import-plan", str(again), "--year", "2027")
    assert code == 0 and "3 actividades" in out


def test_layout_by_name_and_bad_map(db_url: str, tmp_path: Path, capsys: Any) -> None:
    path = layouts.doubtful(tmp_path / "feria.xlsx")
    code, _out, err = _cli(capsys, db_url, "import-plan", str(path), "--layout", "No existe")
    assert code == 1 and "qué es cada columna" in err  # an unknown name saves, never guesses
    code, _out, err = _cli(capsys, db_url, "import-plan", str(path), "--map", "color=B")
    assert code == 1 and "«color» no es un campo" in err
    with pytest.raises(SystemExit) as usage:
        _cli(capsys, db_url, "import-plan", str(path), "--map", "meta")
    assert usage.value.code == 2 and "CAMPO=COLUMNA" in capsys.readouterr().err


def test_review_and_other_entity_warning(db: Any, tmp_path: Path) -> None:
    save_entity(db, expected_version=None, name="Alcaldía de Chía")
    proposal = propose_mapping(db, layouts.municipal(tmp_path / "municipal.xlsx"))
    assert any("otra entidad" in w and "Sotavento" in w for w in proposal.warnings)
    choices = {c.index: c.field for c in proposal.columns}
    choices[6] = "dependencia"  # G, the person, read as the unit: F keeps it, both flagged
    reviewed = review_mapping(db, proposal, choices)
    by_letter = {c.letter: c.field for c in reviewed.columns}
    assert (by_letter["F"], by_letter["G"]) == ("dependencia", "dependencia")
    assert reviewed.problems[0] == "Las columnas F y G son las dos «Dependencia»; elija una."
    choices = {c.index: c.field for c in proposal.columns}
    choices[7] = ""  # the weight column ignored…
    choices[8] = "ponderacion"  # …and a date column read as a weight: every row refused, named
    refused = review_mapping(db, proposal, choices)
    assert refused.problems and "columna I" in refused.problems[0]
    assert "«15/01/2026» no es un número" in refused.problems[0]


def test_file_changed_after_the_preview_is_refused(db: Any, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = layouts.hospital(tmp_path / "hospital.xlsx")
    proposal = propose_mapping(db, path, year=2025)
    book = load_workbook(path)
    book.active["D1"] = "Presupuesto"  # someone edits the file before «Importar»
    book.save(path)
    before = table_counts(db)
    with pytest.raises(ValidationError, match="cambió desde la vista previa"):
        import_plan(db, path, year=2025, mapping=proposal.mapping())
    assert table_counts(db) == before
