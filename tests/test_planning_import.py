"""Importing plan spreadsheets: the sample, generated variants, problems, export round trip."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func, inspect, select, text

from mipg_desktop.errors import ValidationError
from mipg_desktop.planning.follow_up import rate_activity, record_progress
from mipg_desktop.planning.plan_export import export_plan
from mipg_desktop.planning.plan_import import import_plan, read_plan_file
from mipg_desktop.planning.plans import delete_plan, get_plan, list_plans

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
if not SAMPLES.exists():
    SAMPLES = Path("/work/shared/samples")
PLAN_SAMPLE = SAMPLES / "plan_accion_ejemplo.xlsx"


def table_counts(db: Any) -> dict[str, int]:
    with db.transaction() as session:
        names = inspect(session.connection()).get_table_names()
        return {n: session.execute(text(f'SELECT COUNT(*) FROM "{n}"')).scalar_one() for n in names}


def test_sample_plan_values_exactly(db: Any) -> None:
    result = import_plan(db, PLAN_SAMPLE)
    assert (result.name, result.year, result.kind) == (
        "Plan de Acción Institucional 2026",
        2026,
        "action",
    )
    assert (result.sheet, result.header_row, result.activity_count) == ("POA 2026", 4, 8)
    assert result.unknown_columns == ()
    plan = get_plan(db, result.plan_id)
    first, fourth, last = plan.activities[0], plan.activities[3], plan.activities[7]
    assert first.code == "1"
    assert first.description == "Actualizar las tablas de retención documental"
    assert (first.target_value, first.unit) == (1.0, "Documento")
    assert first.indicator_name == "Actualizar las tablas de retención documental (cumplimiento)"
    assert first.indicator_type == "eficacia"
    assert first.owner_unit == "Oficina Asesora de Planeación"
    assert first.owner_person == "Profesional especializado de planeación"
    assert first.weight == 0.125
    assert (first.start_date, first.end_date) == (date(2026, 2, 2), date(2026, 5, 13))
    assert first.process == "Direccionamiento estratégico"
    assert first.strategic_objective == "Fortalecer la gestión institucional"
    assert first.plan_type_codes == ("estrategico-th", "peti")
    assert first.policy_codes == ("talento-humano", "gobierno-digital")
    assert [(q.quarter, q.progress, q.evidence) for q in first.quarters] == [
        (1, 0.25, "Acta de comité 01"),
        (2, 0.5, ""),
    ]
    assert first.remarks == ""
    assert fourth.plan_type_codes == ("adquisiciones", "incentivos", "seguridad-informacion")
    assert last.description == "Medir la satisfacción de la ciudadanía atendida"
    assert last.plan_type_codes == ("vacantes", "sst")
    assert (last.start_date, last.end_date) == (date(2026, 3, 9), date(2026, 8, 26))
    assert [q.progress for q in last.quarters] == [0.25, 0.25]
    assert sum(a.weight or 0 for a in plan.activities) == 1.0


HEADERS = {
    "code": "Código",
    "description": "Descripción de la  actividad",
    "target": "Meta",
    "unit": "Unidad",
    "type": "Tipo\nde indicador",
    "owner": "Área responsable",
    "person": "Funcionario responsable",
    "weight": "Peso (%)",
    "start": "Fecha de inicio",
    "end": "FECHA FIN",
    "policy": "Política MIPG",
    "q1": "% Avance T1",
    "q2": "Avance II trimestre",
    "ev1": "Evidencia Trimestre 1",
    "rating": "Calificación Control Interno I Semestre",
    "pinar": "Plan Institucional de Archivos de la Entidad (PINAR)",
    "paac": "PAAC",
    "month": "Enero",
}


def _variant(path: Path, order: list[str], rows: list[dict[str, Any]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Seguimiento"
    ws.append(["Gobernación de Boyacá"])
    ws.merge_cells("A1:F1")
    ws.append(["Plan de Acción Institucional — vigencia 2025"])
    ws.append([])
    ws.append([HEADERS[k] for k in order])
    ws.append(["EJE 1. GESTIÓN INSTITUCIONAL"])
    for row in rows:
        ws.append([row.get(k) for k in order])
        ws.append([])
    wb.save(path)
    return path


VARIANT_ROWS = [
    {
        "code": "A-1",
        "description": "Formular el plan institucional de archivos",
        "target": "1",
        "unit": "Plan",
        "type": "EFICIENCIA",
        "owner": "Secretaría General",
        "person": "Líder de gestión documental",
        "weight": "40%",
        "start": "02/02/2025",
        "end": "2025-06-30",
        "policy": "Archivos y Gestión Documental",
        "q1": 25,
        "q2": "50 %",
        "ev1": "Borrador del PINAR",
        "rating": "Cumple",
        "pinar": "X",
        "paac": "N/A",
        "month": 3,
    },
    {
        "code": "A-2",
        "description": "Publicar el mapa de riesgos de corrupción",
        "target": 2,
        "unit": "Publicaciones",
        "type": "Efectividad",
        "owner": "Oficina de Control Interno",
        "person": "Jefe de control interno",
        "weight": 0.6,
        "start": datetime(2025, 1, 15),
        "end": "31/03/2025",
        "policy": "Transparencia; Servicio a la Ciudadanía",
        "q1": 50,  # same column as 25: percent points (the scale is decided per column)
        "q2": None,
        "ev1": None,
        "rating": None,
        "pinar": "",
        "paac": "Sí",
        "month": None,
    },
]


def _check_variant(db: Any, path: Path) -> None:
    result = import_plan(db, path)
    assert (result.year, result.sheet, result.header_row) == (2025, "Seguimiento", 4)
    assert result.name == "Plan de Acción Institucional"
    assert any("Enero" in c for c in result.unknown_columns)
    a, b = get_plan(db, result.plan_id).activities
    assert (a.code, a.target_value, a.unit, a.indicator_type) == ("A-1", 1.0, "Plan", "eficiencia")
    assert (a.owner_unit, a.owner_person) == ("Secretaría General", "Líder de gestión documental")
    assert (a.weight, b.weight) == (0.4, 0.6)
    assert (a.start_date, a.end_date) == (date(2025, 2, 2), date(2025, 6, 30))
    assert (b.start_date, b.end_date) == (date(2025, 1, 15), date(2025, 3, 31))
    assert a.policy_codes == ("gestion-documental",)
    assert b.policy_codes == ("servicio-ciudadano", "transparencia")
    assert [(q.quarter, q.progress, q.evidence) for q in a.quarters] == [
        (1, 0.25, "Borrador del PINAR"),
        (2, 0.5, ""),
    ]
    assert [(q.quarter, q.progress) for q in b.quarters] == [(1, 0.5)]
    assert a.plan_type_codes == ("pinar",) and b.plan_type_codes == ("anticorrupcion",)
    assert a.rating(1) is not None and a.ratings[0].rating == "Cumple"
    assert b.indicator_type == "efectividad" and b.ratings == ()


def test_variant_synonyms_text_dates_percent_text(db: Any, tmp_path: Path) -> None:
    order = list(HEADERS)
    _check_variant(db, _variant(tmp_path / "v1.xlsx", order, VARIANT_ROWS))


def test_variant_other_column_order(db: Any, tmp_path: Path) -> None:
    order = list(reversed(HEADERS))
    _check_variant(db, _variant(tmp_path / "v2.xlsx", order, VARIANT_ROWS))


def _set_formula(path: Path, cell: str, formula: str, cached: str) -> None:
    """Give ``cell`` a formula with a cached value, as Excel saves it."""
    with zipfile.ZipFile(path) as source:
        parts = {i.filename: source.read(i) for i in source.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    pattern = re.compile(rf'<c r="{cell}"([^>]*)>.*?</c>')
    sheet, count = pattern.subn(rf'<c r="{cell}"\1><f>{formula}</f><v>{cached}</v></c>', sheet)
    assert count == 1
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_formula_cached_value_and_percent_format(db: Any, tmp_path: Path) -> None:
    path = tmp_path / "formulas.xlsx"
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Plan:", "Plan de prueba"])
    ws.append(["Vigencia:", 2026])
    ws.append(["Actividad", "Ponderación", "Fecha inicial", "Fecha final", "Avance Trimestre I"])
    ws.append(["Actividad con fórmula", 0.99, date(2026, 1, 1), date(2026, 6, 30), 0.3])
    ws["E4"].number_format = "0%"
    wb.save(path)
    _set_formula(path, "B4", "1/4*4", "1")
    activity = get_plan(db, import_plan(db, path).plan_id).activities[0]
    assert activity.weight == 1.0
    assert activity.quarters[0].progress == 0.3


def test_problems_named_and_nothing_written(db: Any, tmp_path: Path) -> None:
    bad = [dict(VARIANT_ROWS[0]), dict(VARIANT_ROWS[1])]
    bad[0].update(start="31/02/2025", weight="mucho", policy="Política inexistente")
    bad[1].update(pinar="Tal vez", q1="150%", type="Rapidez")
    path = _variant(tmp_path / "bad.xlsx", list(HEADERS), bad)
    before = table_counts(db)
    with pytest.raises(ValidationError) as caught:
        import_plan(db, path)
    problems = caught.value.problems
    assert len(problems) == 6
    joined = "\n".join(problems)
    # rows: title 1-2, blank 3, header 4, section 5, first activity 6, blank 7, second 8
    assert "Hoja «Seguimiento», fila 6, columna I (Fecha de inicio)" in joined
    assert "fila 6, columna H (Peso (%))" in joined
    assert "fila 6, columna K (Política MIPG)" in joined
    assert "fila 8, columna P (Plan Institucional de Archivos de la Entidad (PINAR))" in joined
    assert "fila 8, columna L (% Avance T1)" in joined
    assert "fila 8, columna E (Tipo de indicador)" in joined
    assert table_counts(db) == before


def test_no_header_and_missing_description(db: Any, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Nombre", "Valor"])
    wb.save(tmp_path / "nada.xlsx")
    with pytest.raises(ValidationError, match="encabezados"):
        import_plan(db, tmp_path / "nada.xlsx")
    rows = [dict(VARIANT_ROWS[0], description=None)]
    path = _variant(tmp_path / "sin.xlsx", list(HEADERS), rows)
    with pytest.raises(ValidationError) as caught:
        import_plan(db, path)
    assert any("fila 6, columna B" in p and "descripción" in p for p in caught.value.problems)


def test_year_option_and_duplicate_refused(db: Any) -> None:
    preview = read_plan_file(db, PLAN_SAMPLE, year=2027)
    assert (preview.plan_id, preview.year, preview.activity_count) == (0, 2027, 8)
    assert list_plans(db) == []
    import_plan(db, PLAN_SAMPLE)
    before = table_counts(db)
    with pytest.raises(ValidationError) as refused:
        import_plan(db, PLAN_SAMPLE)
    assert any(p.startswith("Ya hay un plan «") for p in refused.value.problems)
    assert table_counts(db) == before
    other = import_plan(db, PLAN_SAMPLE, year=2027)
    assert other.year == 2027
    assert [p.year for p in list_plans(db)] == [2026, 2027]


def _comparable(plan: Any) -> dict[str, Any]:
    data = dataclasses.asdict(plan)
    for key in ("id", "uid", "source_file"):
        data.pop(key)
    for activity in data["activities"]:
        activity.pop("id")
        for quarter in activity["quarters"]:
            quarter.pop("version")  # a row's edit count, not the plan's content
    return data


def test_export_import_lossless(db: Any, tmp_path: Path) -> None:
    from mipg_desktop.models.plans import PlanActivity

    result = import_plan(db, PLAN_SAMPLE)
    activity = get_plan(db, result.plan_id).activities[2]
    record_progress(
        db,
        activity.id,
        3,
        expected_version=activity.quarter(3).version if activity.quarter(3) else None,
        progress=0.8,
        planned=3,
        executed=2.5,
        evidence="Informe",
        remarks="x",
    )
    rate_activity(db, activity.id, 2, "Cumple parcialmente")
    with db.transaction() as session:
        session.get(PlanActivity, activity.id).budget = 12_500_000.0
        session.get(PlanActivity, activity.id).weight = 1 / 3
        session.get(PlanActivity, activity.id).target_value = 2 / 3
    original = get_plan(db, result.plan_id)
    path = export_plan(db, result.plan_id, tmp_path / "plan.xlsx")
    delete_plan(db, result.plan_id)
    again = import_plan(db, path)
    assert again.unknown_columns == ()
    assert again.warnings == ("Las ponderaciones suman 120.8%, no 100 %.",)
    restored = get_plan(db, again.plan_id)
    assert _comparable(restored) == _comparable(original)
    assert [a.uid for a in restored.activities] == [a.uid for a in original.activities]
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(PlanActivity)) == 8


def test_export_is_styled(db: Any, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    result = import_plan(db, PLAN_SAMPLE)
    path = export_plan(db, result.plan_id, tmp_path / "plan.xlsx")
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    assert ws.freeze_panes == "C7"
    assert ws["B6"].value == "Actividad" and ws["B6"].font.bold
    assert ws["I7"].number_format == "0.0%" and ws["J7"].number_format == "dd/mm/yyyy"
    assert ws.column_dimensions["B"].width == 45
    ranges = {str(v.sqref): v.formula1 for v in ws.data_validations.dataValidation}
    assert any(f and f.startswith("Listas!$A") for f in ranges.values())
    assert wb["Listas"].sheet_state == "hidden"


def test_header_on_second_sheet_and_repeated_column(db: Any, tmp_path: Path) -> None:
    wb = Workbook()
    notes = wb.active
    assert notes is not None
    notes.title = "Instrucciones"
    notes.append(["Diligencie la hoja «Plan» con una actividad por fila."])
    plan = wb.create_sheet("Plan")
    plan.append(["Vigencia:", "2026"])
    plan.append(["Actividad", "Responsable", "Responsable", "Fecha inicial", "Fecha final"])
    plan.append(["Publicar el informe de gestión", "Jefe de planeación", "Otro", None, None])
    plan.append(["TOTAL", None, None, None, None])
    path = tmp_path / "dos-hojas.xlsx"
    wb.save(path)
    result = import_plan(db, path)
    assert (result.sheet, result.header_row, result.activity_count) == ("Plan", 2, 1)
    assert any("C «Responsable» repetida" in w for w in result.warnings)
    activities = get_plan(db, result.plan_id).activities
    assert activities[0].owner_person == "Jefe de planeación"
    assert [a.description for a in activities] == ["Publicar el informe de gestión"]


def test_garbage_collector_restored(db: Any, tmp_path: Path) -> None:
    import gc

    from mipg_desktop.planning.store import paused_gc

    assert gc.isenabled()
    import_plan(db, PLAN_SAMPLE)
    assert gc.isenabled()
    junk = tmp_path / "x.xlsx"
    junk.write_text("x")
    with pytest.raises(ValidationError):
        import_plan(db, junk)
    assert gc.isenabled()
    with paused_gc():
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_cancelled_import_writes_nothing(db: Any) -> None:
    from mipg_desktop.errors import Cancelled
    from mipg_desktop.progress import Progress

    class CancelAtOnce(Progress):
        def on_update(self) -> None:
            self.cancel()

    before = table_counts(db)
    with pytest.raises(Cancelled):
        import_plan(db, PLAN_SAMPLE, progress=CancelAtOnce())
    assert table_counts(db) == before


@pytest.mark.sqlite_only
def test_sqlite_cache_setting_restored(db: Any) -> None:
    def cache_size() -> int:
        with db.transaction() as session:
            return int(session.execute(text("PRAGMA cache_size")).scalar_one())

    before = cache_size()
    import_plan(db, PLAN_SAMPLE)
    assert cache_size() == before


def _scale_plan(path: Path, rows: list[tuple[object, object, object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Plan:", "Plan de escalas"])
    ws.append(["Vigencia:", 2026])
    ws.append(["Actividad", "Ponderación", "Fecha inicial", "Avance Trimestre I", "Avance T2"])
    for number, (weight, q1, q2) in enumerate(rows, start=1):
        ws.append([f"Actividad {number}", weight, date(2026, 1, 1), q1, q2])
    wb.save(path)
    return path


def test_percent_scale_decided_once_per_column(db: Any, tmp_path: Path) -> None:
    weights = [1, 9, 5, 5, 30, 50]
    q1 = [1, 50, 100, "25%", None, 0]
    q2 = [0.5, 1, 0.25, 0.75, "40 %", None]
    path = _scale_plan(tmp_path / "escalas.xlsx", list(zip(weights, q1, q2, strict=True)))
    result = import_plan(db, path)
    assert not any("ponderaciones" in w for w in result.warnings)
    plan = get_plan(db, result.plan_id)
    assert [a.weight for a in plan.activities] == [0.01, 0.09, 0.05, 0.05, 0.3, 0.5]
    progress = [{q.quarter: q.progress for q in a.quarters} for a in plan.activities]
    # column I has bare numbers above 1: percent points; "25%" text stays 25 %
    assert [p.get(1) for p in progress] == [0.01, 0.5, 1.0, 0.25, None, 0.0]
    # column II has only fractions (percent-formatted cells): 1 stays 100 %
    assert [p.get(2) for p in progress] == [0.5, 1.0, 0.25, 0.75, 0.4, None]
