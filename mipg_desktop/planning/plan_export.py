"""The program's own plan spreadsheet, styled for people, that imports back unchanged.

:func:`export_plan(db, plan_id, path) <export_plan>` writes: the entity, ``Plan:``,
``Vigencia:`` and ``Tipo de plan:`` rows, the header (frozen, with filters), one row per
activity with percent and date formats, the Decreto 612 columns («Sí»/«N/A»), four quarters of
follow-up, Control Interno's two semesters, and the ``ID MIPG`` column that keeps each
activity's identity. Drop-down lists (on a hidden "Listas" sheet) offer the policies, the
indicator types, Sí/N/A and the Control Interno statuses. Attached evidence files are not in
the spreadsheet (their text evidence is).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mipg_desktop.catalog import read_catalog
from mipg_desktop.entity_profile import current_entity
from mipg_desktop.i18n import _
from mipg_desktop.models.plans import INDICATOR_TYPES
from mipg_desktop.planning.plans import ActivityInfo, PlanDetail, load_plan, plan_detail
from mipg_desktop.planning.xlsx_style import check_target, save_atomically
from mipg_desktop.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from mipg_desktop.catalog import CatalogView
    from mipg_desktop.storage.database import Database

ROMAN = ("I", "II", "III", "IV")
HEADER_ROW = 6
RATING_CHOICES = ("Cumple", "Cumple parcialmente", "No cumple", "Sin avance", "No aplica")
QUARTER_COLUMNS = (
    ("planned", "Programado Trimestre {r}", 13, "#,##0.##"),
    ("executed", "Ejecutado Trimestre {r}", 13, "#,##0.##"),
    ("progress", "Avance Trimestre {r}", 12, "0.0%"),
    ("evidence", "Evidencias Trimestre {r}", 30, ""),
    ("remarks", "Observaciones Trimestre {r}", 24, ""),
)
# (header, width, number format, getter)
BASE_COLUMNS: tuple[tuple[str, int, str, str], ...] = (
    ("No.", 7, "", "code"),
    ("Actividad", 45, "", "description"),
    ("Meta", 10, "#,##0.##", "target_value"),
    ("Unidad de medida", 16, "", "unit"),
    ("Nombre del indicador", 34, "", "indicator_name"),
    ("Tipo de indicador", 14, "", "indicator_type"),
    ("Dependencia", 26, "", "owner_unit"),
    ("Responsable", 26, "", "owner_person"),
    ("Ponderación", 12, "0.0%", "weight"),
    ("Fecha inicial", 13, "dd/mm/yyyy", "start_date"),
    ("Fecha final", 13, "dd/mm/yyyy", "end_date"),
    ("Presupuesto", 16, "#,##0", "budget"),
    ("Proceso", 24, "", "process"),
    ("Objetivo estratégico", 30, "", "strategic_objective"),
    ("Políticas MIPG", 36, "", "policies"),
)


def _columns(catalog: CatalogView, year: int | None = None) -> list[tuple[str, int, str, Any]]:
    """Every column of the template as (header, width, number format, value getter); the
    plan types named as in ``year`` (PAAC until 2024, PTEP from 2025)."""
    columns: list[tuple[str, int, str, Any]] = [
        (h, w, f, _getter(name)) for h, w, f, name in BASE_COLUMNS
    ]
    for plan_type in catalog.plan_types:
        columns.append((plan_type.name_for(year)[0], 14, "", _type_getter(plan_type.code)))
    for quarter in range(1, 5):
        for name, header, width, fmt in QUARTER_COLUMNS:
            label = header.format(r=ROMAN[quarter - 1])
            columns.append((label, width, fmt, _quarter_getter(quarter, name)))
    for semester in (1, 2):
        label = f"Calificación Control Interno Semestre {ROMAN[semester - 1]}"
        columns.append((label, 22, "", _rating_getter(semester)))
    columns.append(("Observaciones", 30, "", _getter("remarks")))
    columns.append(("ID MIPG", 34, "@", _getter("uid")))
    return columns


def _getter(name: str) -> Any:
    if name == "policies":
        return lambda a: "; ".join(a.policy_names) or None
    return lambda a: getattr(a, name) if getattr(a, name) not in ("", None) else None


def _type_getter(code: str) -> Any:
    return lambda a: "Sí" if code in a.plan_type_codes else "N/A"


def _quarter_getter(quarter: int, name: str) -> Any:
    def get(a: ActivityInfo) -> Any:
        info = a.quarter(quarter)
        value = getattr(info, name) if info else None
        return value if value not in ("", None) else None

    return get


def _rating_getter(semester: int) -> Any:
    def get(a: ActivityInfo) -> Any:
        info = a.rating(semester)
        return info.rating if info and info.rating else None

    return get


def _write_titles(ws: Worksheet, plan: PlanDetail, entity_name: str) -> None:
    from openpyxl.styles import Font

    ws["A1"] = entity_name
    ws["A1"].font = Font(bold=True, size=14)
    type_label = plan.plan_type_name or _("Plan de Acción Institucional")
    pairs: tuple[tuple[str, str | int], ...] = (
        (_("Plan:"), plan.name),
        (_("Vigencia:"), plan.year),
        (_("Tipo de plan:"), type_label),
    )
    for row, (label, value) in enumerate(pairs, start=2):
        ws.cell(row=row, column=1, value=label).font = Font(bold=True)
        ws.cell(row=row, column=2, value=value)


def _write_header(ws: Worksheet, columns: list[tuple[str, int, str, Any]]) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    fill = PatternFill("solid", fgColor="1F4E79")
    side = Side(style="thin", color="9E9E9E")
    for index, (header, width, _fmt, _get) in enumerate(columns, start=1):
        cell = ws.cell(row=HEADER_ROW, column=index, value=header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = Border(left=side, right=side, top=side, bottom=side)
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.row_dimensions[HEADER_ROW].height = 45
    ws.freeze_panes = f"C{HEADER_ROW + 1}"


def _write_rows(
    ws: Worksheet,
    plan: PlanDetail,
    columns: list[tuple[str, int, str, Any]],
    progress: Progress,
) -> None:
    from openpyxl.styles import Alignment

    wrap = Alignment(wrap_text=True, vertical="top")
    formats = [(index, fmt) for index, (_h, _w, fmt, _g) in enumerate(columns, start=1) if fmt]
    wrapped = {i for i, (_h, w, _f, _g) in enumerate(columns, start=1) if w >= 24}
    total = len(plan.activities)
    for offset, activity in enumerate(plan.activities):
        row = HEADER_ROW + 1 + offset
        ws.append([get(activity) for _h, _w, _f, get in columns])
        for index, fmt in formats:
            ws.cell(row=row, column=index).number_format = fmt
        for index in wrapped:
            ws.cell(row=row, column=index).alignment = wrap
        if offset % 500 == 0:
            progress.update(offset, total, _("Escribiendo actividades"))


def _lists_sheet(wb: Any, catalog: CatalogView) -> dict[str, str]:
    """A hidden sheet with the drop-down lists; returns list name → range formula."""
    ws = wb.create_sheet("Listas")
    ws.sheet_state = "hidden"
    lists = {
        "politicas": [p.name for p in catalog.policies()],
        "tipos": list(INDICATOR_TYPES),
        "marcas": ["Sí", "N/A"],
        "calificaciones": list(RATING_CHOICES),
    }
    ranges = {}
    for column, (key, values) in enumerate(lists.items(), start=1):
        letter = chr(64 + column)
        for row, value in enumerate(values, start=1):
            ws.cell(row=row, column=column, value=value)
        ranges[key] = f"Listas!${letter}$1:${letter}${len(values)}"
    return ranges


def _validations(
    ws: Worksheet,
    columns: list[tuple[str, int, str, Any]],
    ranges: dict[str, str],
    last_row: int,
    type_names: set[str],
) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    last_row = max(last_row, HEADER_ROW + 200)
    rules = {
        "politicas": DataValidation(
            type="list", formula1=ranges["politicas"], errorStyle="warning"
        ),
        "tipos": DataValidation(type="list", formula1=ranges["tipos"], allow_blank=True),
        "marcas": DataValidation(type="list", formula1=ranges["marcas"], allow_blank=True),
        "calificaciones": DataValidation(
            type="list", formula1=ranges["calificaciones"], errorStyle="warning"
        ),
        "porcentaje": DataValidation(
            type="decimal", operator="between", formula1="0", formula2="1"
        ),
    }
    for index, (header, _w, fmt, _g) in enumerate(columns, start=1):
        key = (
            "politicas"
            if header == "Políticas MIPG"
            else "tipos"
            if header == "Tipo de indicador"
            else "marcas"
            if header in type_names
            else "calificaciones"
            if header.startswith("Calificación")
            else "porcentaje"
            if fmt == "0.0%"
            else ""
        )
        if key:
            letter = get_column_letter(index)
            rules[key].add(f"{letter}{HEADER_ROW + 1}:{letter}{last_row}")
    for rule in rules.values():
        ws.add_data_validation(rule)


def export_plan(
    db: Database, plan_id: int, path: str | Path, progress: Progress = NO_PROGRESS
) -> Path:
    """Write the plan to ``path`` (.xlsx), atomically; returns the path."""
    from openpyxl import Workbook

    path = check_target(Path(path))
    with db.transaction() as session:
        plan = plan_detail(load_plan(session, plan_id))
        catalog = read_catalog(session)
        entity = current_entity(session)
        entity_name = entity.name if entity else "MIPG Desktop"
    columns = _columns(catalog, plan.year)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = str(plan.year)
    _write_titles(ws, plan, entity_name)
    _write_header(ws, columns)
    _write_rows(ws, plan, columns, progress)
    last = HEADER_ROW + len(plan.activities)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{ws.cell(row=last, column=len(columns)).coordinate}"
    ranges = _lists_sheet(wb, catalog)
    _validations(ws, columns, ranges, last, {t.name_for(plan.year)[0] for t in catalog.plan_types})
    save_atomically(wb, path)
    return path
