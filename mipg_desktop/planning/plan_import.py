"""Importing a plan spreadsheet as entities keep it: all or nothing.

:func:`import_plan(db, path, year=None, name=None) <import_plan>` checks the file
(:mod:`~mipg_desktop.planning.xlsx_safety`), finds the header row among the first rows of each
sheet (:mod:`~mipg_desktop.planning.plan_columns`), reads every row, and writes the plan only
when the whole file is valid; otherwise it raises ``ValidationError`` whose ``problems`` name
sheet, row and column of each problem. :func:`read_plan_file` does the same without writing.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mipg_desktop.catalog import current_version
from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.catalog import PlanType
from mipg_desktop.models.plans import PLAN_KIND_ACTION, PLAN_KIND_DECREE_612
from mipg_desktop.planning import plan_mapping as pm
from mipg_desktop.planning import plan_values as pv
from mipg_desktop.planning.plan_columns import (
    HEADER_SEARCH_ROWS,
    canon,
    match_plan_type,
    plan_type_keys,
)
from mipg_desktop.planning.plan_layouts import mark_used, plan_layouts, save_layout
from mipg_desktop.planning.plan_locate import Located, entity_warning, locate, targets_for
from mipg_desktop.planning.plan_names import readable_name
from mipg_desktop.planning.plan_rows import CatalogLookup, RowReader, SheetRead, letter
from mipg_desktop.planning.sheet_reader import Row, open_sheets
from mipg_desktop.planning.store import PlanInput, paused_gc
from mipg_desktop.planning.xlsx_safety import MAX_ROWS, too_many_rows, used_width
from mipg_desktop.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.storage.database import Database

MAX_PROBLEMS = 200
_YEAR = re.compile(r"\b(19[9]\d|20\d\d)\b")


@dataclass(frozen=True)
class PlanImportResult:
    plan_id: int
    name: str
    year: int
    kind: str
    plan_type_code: str
    sheet: str
    header_row: int
    activity_count: int
    unknown_columns: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    layout: str = ""


def _load_catalog(session: Session) -> CatalogLookup:
    version = current_version(session)
    types = session.scalars(
        select(PlanType)
        .where(PlanType.catalog_version_id == version.id)
        .options(selectinload(PlanType.policies))
    ).all()
    # every name a plan type had (PAAC until 2024, PTEP from 2025) finds it, whatever the year
    entries = [(t.id, [t.name, t.short_name, t.code, *t.aliases, *_year_names(t)]) for t in types]
    return CatalogLookup(
        session=session,
        type_keys=plan_type_keys(entries),
        type_codes={t.id: t.code for t in types},
        type_policies={t.id: tuple(p.id for p in t.policies) for t in types},
        type_names={t.id: (t.name, t.short_name, *t.aliases, *_year_names(t)) for t in types},
    )


def _year_names(plan_type: PlanType) -> list[str]:
    return [
        str(n.get(key) or "") for n in plan_type.names_by_year for key in ("name", "short_name")
    ]


def read_sheet(
    path: Path,
    located: Located,
    catalog: CatalogLookup,
    targets: pm.Targets,
    progress: Progress,
    rows: Iterable[Row] | None = None,
) -> SheetRead:
    """Read every row under the located header with its confirmed mapping (``rows``: the
    rows already read, else the worksheet's)."""
    detection = located.detection
    headers = detection.headers
    fields = {c.field: c.index for c in detection.choices if c.field}
    columns = pm.column_map(detection.header_row, headers, fields, targets)
    repeated = {c.index for c in detection.choices if c.repeated}
    columns.duplicates = [(i, h) for i, h in columns.unknown if i in repeated]
    columns.unknown = [(i, h) for i, h in columns.unknown if i not in repeated]
    titles = [c for n, c in located.head if n < detection.header_row]
    title = located.worksheet.title
    sheet = SheetRead(title, columns, titles)
    if "description" not in columns.fields:
        sheet.problems.append(
            _("Hoja «{sheet}»: ninguna columna es la actividad; elija cuál es.").format(sheet=title)
        )
        return sheet
    reader = RowReader(sheet, headers, catalog)
    total = located.worksheet.max_row
    width = max(reader.width, used_width([headers]))
    if rows is None:
        rows = located.worksheet.rows(detection.header_row + 1, width)
    for number, cells in rows:
        if number > MAX_ROWS:
            raise too_many_rows(path, title, number, MAX_ROWS)
        reader.read(number, cells)
        if number % 1000 == 0:
            progress.update(number, total, _("Leyendo {sheet}").format(sheet=title))
    reader.finish()
    return sheet


def no_header(path: Path) -> ValidationError:
    return ValidationError(
        _("No se importó {file}: ninguna hoja tiene la fila de encabezados.").format(
            file=path.name
        ),
        [
            _(
                "Se buscó en las primeras {n} filas de cada hoja una fila con la actividad y al "
                "menos otra columna conocida (Meta, Responsable, Ponderación, Fecha de inicio…)."
            ).format(n=HEADER_SEARCH_ROWS)
        ],
    )


def doubtful_problems(choices: Sequence[pm.ColumnChoice], activity: bool = True) -> list[str]:
    """Each doubtful column, and a missing activity column (unless ``activity`` is false: the
    rows' problems say it already), as a line naming the column."""
    problems = [
        _("Columna {col} «{h}»: ¿«{field}»? (confianza {c:.0%}) {note}")
        .format(col=c.letter, h=c.header, field=c.label, c=c.confidence, note=c.note)
        .strip()
        for c in choices
        if c.doubtful
    ]
    if activity and not any(c.field == "actividad" for c in choices):
        problems.append(_("Ninguna columna es con seguridad la actividad."))
    return problems


@dataclass(frozen=True)
class _Header:
    name: str
    year: int | None
    plan_type_id: int | None


def _label_values(titles: list[Sequence[object]]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for cells in titles:
        texts = [c for c in cells if not pv.is_blank(c)]
        for label, value in itertools.pairwise(texts):
            key = canon(label)
            if key in ("plan", "nombre del plan", "vigencia", "ano", "tipo de plan"):
                labels.setdefault(key, pv.text(value))
    return labels


def _plan_header(
    sheet: SheetRead, path: Path, catalog: CatalogLookup, year: int | None, name: str | None
) -> _Header:
    given = bool(name)
    labels = _label_values(sheet.titles)
    title_texts = [pv.text(c) for cells in sheet.titles for c in cells if isinstance(c, str)]
    if not name:
        name = labels.get("plan") or labels.get("nombre del plan") or ""
    if not name:
        # «Plan …», or «Programa …» (the PTEP: Programa de Transparencia y Ética Pública)
        name = next((t for t in title_texts if canon(t).startswith(("plan ", "programa "))), "")
        name = re.split(r"\s+[—–-]\s+", name)[0]
    name = " ".join((name or sheet.title or path.stem).split())[:300]
    if not given:
        name = readable_name(sheet, name)
    if year is None:
        for candidate in [labels.get("vigencia", ""), labels.get("ano", ""), *title_texts]:
            match = _YEAR.search(candidate + " " + sheet.title)
            if match:
                year = int(match.group(1))
                break
    if year is None:
        starts = [a.start_date.year for a in sheet.activities if a.start_date]
        year = max(set(starts), key=starts.count) if starts else None
    label_type = labels.get("tipo de plan", "")
    type_id = match_plan_type(label_type, catalog.type_keys) if label_type else None
    if type_id is None and not label_type:
        type_id = match_plan_type(_YEAR.sub(" ", name), catalog.type_keys)
    elif type_id is None and canon(label_type) not in (
        "plan de accion",
        "plan de accion institucional",
    ):
        sheet.problems.append(
            _("Hoja «{sheet}»: «{v}» no es un tipo de plan del catálogo.").format(
                sheet=sheet.title, v=label_type
            )
        )
    return _Header(name, year, type_id)


def _locate(
    db_session: Session,
    path: Path,
    progress: Progress,
    year: int | None,
    name: str | None,
    mapping: pm.PlanMapping | None,
) -> tuple[PlanInput, SheetRead, Located]:
    catalog = _load_catalog(db_session)
    targets = targets_for(catalog)
    layouts = plan_layouts(db_session) if mapping is None else {}
    with open_sheets(path) as worksheets:
        located = locate(worksheets, targets, layouts, mapping)
        if located is None:
            raise no_header(path)
        doubts = doubtful_problems(located.detection.choices)
        if mapping is None and doubts:
            raise ValidationError(
                _(
                    "No se importó {file}: no se sabe con seguridad qué es cada columna; "
                    "indíquelo (en la ventana, o con --map en la línea de comandos)."
                ).format(file=path.name),
                doubts,
            )
        sheet = read_sheet(path, located, catalog, targets, progress)
    plan = finish_plan(db_session, path, sheet, catalog, year, name)
    return plan, sheet, located


def finish_plan(
    session: Session,
    path: Path,
    sheet: SheetRead,
    catalog: CatalogLookup,
    year: int | None,
    name: str | None,
) -> PlanInput:
    """The plan's name, year and type from the title rows; plan-wide checks and warnings."""
    header = _plan_header(sheet, path, catalog, year, name)
    _check_plan(sheet, header)
    if header.year and header.name:
        from mipg_desktop.planning.plans import name_taken

        taken = name_taken(session, header.year, header.name)
        if taken:
            sheet.problems.insert(0, taken)
    warning = entity_warning(session, sheet.titles)
    if warning:
        sheet.warnings.insert(0, warning)
    return PlanInput(
        year=header.year or 0,
        name=header.name,
        kind=PLAN_KIND_DECREE_612 if header.plan_type_id else PLAN_KIND_ACTION,
        plan_type_id=header.plan_type_id,
        source_file=path.name,
        activities=tuple(sheet.activities),
    )


def _check_plan(sheet: SheetRead, header: _Header) -> None:
    if header.year is None or not 1990 <= header.year <= 2100:
        sheet.problems.append(
            _("No se encontró la vigencia del plan; indíquela con --year o en una fila «Vigencia».")
        )
    if not sheet.activities and not sheet.problems:
        sheet.problems.append(
            _("Hoja «{sheet}»: no hay actividades debajo de la fila {row}.").format(
                sheet=sheet.title, row=sheet.columns.header_row
            )
        )
    weights = [a.weight for a in sheet.activities if a.weight is not None]
    if weights and abs(sum(weights) - 1) > 0.005:
        sheet.warnings.append(
            _("Las ponderaciones suman {total:.1%}, no 100 %.").format(total=sum(weights))
        )
    if "policies" not in sheet.columns.fields and sheet.activities:
        sheet.warnings.append(
            _(
                "No hay columna de política: cada actividad quedará asociada a las políticas de "
                "los planes del Decreto 612 marcados."
            )
        )


def _raise_problems(path: Path, problems: list[str]) -> None:
    if not problems:
        return
    shown = problems[:MAX_PROBLEMS]
    if len(problems) > MAX_PROBLEMS:
        shown.append(_("… y {n} problemas más.").format(n=len(problems) - MAX_PROBLEMS))
    raise ValidationError(
        _("No se importó {file}: tiene {n} problema(s); no se guardó nada.").format(
            file=path.name, n=len(problems)
        ),
        shown,
    )


def _result(
    plan_id: int, plan: PlanInput, sheet: SheetRead, catalog_codes: dict[int, str]
) -> PlanImportResult:
    columns = sheet.columns
    return PlanImportResult(
        plan_id=plan_id,
        name=plan.name,
        year=plan.year,
        kind=plan.kind,
        plan_type_code=catalog_codes.get(plan.plan_type_id or 0, ""),
        sheet=sheet.title,
        header_row=columns.header_row,
        activity_count=len(plan.activities),
        unknown_columns=tuple(f"{letter(i)} «{h}»" for i, h in columns.unknown),
        warnings=tuple(sheet.warnings)
        + tuple(
            _("Columna {col} «{h}» repetida: se ignoró.").format(col=letter(i), h=h)
            for i, h in columns.duplicates
        ),
    )


def read_plan_file(
    db: Database,
    path: str | Path,
    year: int | None = None,
    name: str | None = None,
    mapping: pm.PlanMapping | None = None,
) -> PlanImportResult:
    """Check and read the whole file as :func:`import_plan` does, writing nothing (plan_id 0)."""
    path = Path(path)
    with paused_gc(), db.transaction() as session:
        plan, sheet, _located = _locate(session, path, NO_PROGRESS, year, name, mapping)
        _raise_problems(path, sheet.problems)
        codes = _load_catalog(session).type_codes
    return _result(0, plan, sheet, codes)


def import_plan(
    db: Database,
    path: str | Path,
    year: int | None = None,
    name: str | None = None,
    progress: Progress = NO_PROGRESS,
    mapping: pm.PlanMapping | None = None,
    remember: bool = False,
    layout_name: str | None = None,
) -> PlanImportResult:
    """Import the plan in ``path`` as a new plan; all or nothing (see the module docstring).

    ``mapping``: the columns the user confirmed (else the saved layout for these headers, else
    the scored detection, refused when not confident). ``remember``: save the mapping as a
    layout (named ``layout_name``, the applied layout's name, or the file's name), in the same
    transaction as the plan.
    """
    from mipg_desktop.planning.store import write_plan

    path = Path(path)
    with paused_gc(), db.transaction() as session:
        plan, sheet, located = _locate(session, path, progress, year, name, mapping)
        _raise_problems(path, sheet.problems)
        progress.update(len(plan.activities), len(plan.activities), _("Guardando el plan"))
        plan_id = write_plan(session, db.user_name, plan, action="import")
        layout = _keep_layout(session, path, located, remember, layout_name)
        codes = {plan.plan_type_id or 0: _type_code(session, plan.plan_type_id)}
    result = _result(plan_id, plan, sheet, codes)
    return dataclasses.replace(result, layout=layout)


def _keep_layout(
    session: Session, path: Path, located: Located, remember: bool, name: str | None
) -> str:
    detection = located.detection
    if not remember:
        if located.layout:
            mark_used(session, located.layout)
        return located.layout
    fields = {c.field: c.index for c in detection.choices if c.field}
    return save_layout(session, name or located.layout or path.stem, detection.headers, fields)


def _type_code(session: Session, type_id: int | None) -> str:
    if type_id is None:
        return ""
    plan_type = session.get(PlanType, type_id)
    return plan_type.code if plan_type else ""
