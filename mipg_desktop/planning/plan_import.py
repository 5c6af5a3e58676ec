"""Importing a plan spreadsheet as entities keep it: all or nothing.

:func:`import_plan(db, path, year=None, name=None) <import_plan>` checks the file
(:mod:`~mipg_desktop.planning.xlsx_safety`), finds the header row among the first rows of each
sheet (:mod:`~mipg_desktop.planning.plan_columns`), reads every row, and writes the plan only
when the whole file is valid; otherwise it raises ``ValidationError`` whose ``problems`` name
sheet, row and column of each problem. :func:`read_plan_file` does the same without writing.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mipg_desktop.catalog import current_version, find_policy
from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.catalog import PlanType
from mipg_desktop.models.plans import PLAN_KIND_ACTION, PLAN_KIND_DECREE_612
from mipg_desktop.planning import plan_values as pv
from mipg_desktop.planning.plan_columns import (
    HEADER_SEARCH_ROWS,
    ColumnMap,
    canon,
    find_header,
    match_plan_type,
    plan_type_keys,
)
from mipg_desktop.planning.store import ActivityInput, PlanInput, QuarterInput, RatingInput
from mipg_desktop.planning.xlsx_safety import MAX_ROWS, open_workbook, too_many_rows
from mipg_desktop.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.storage.database import Database

MAX_PROBLEMS = 200
MAX_TEXT = 4000
_YEAR = re.compile(r"\b(19[9]\d|20\d\d)\b")
_SPLIT_POLICIES = re.compile(r"[;\n]+")
PARSERS: dict[str, Callable[[object], Any]] = {
    "uid": pv.text,
    "code": pv.text,
    "description": pv.text,
    "target_value": pv.parse_number,
    "unit": pv.text,
    "indicator_name": pv.text,
    "indicator_type": pv.parse_indicator_type,
    "owner_unit": pv.text,
    "owner_person": pv.text,
    "weight": pv.parse_percent,
    "start_date": pv.parse_date,
    "end_date": pv.parse_date,
    "budget": pv.parse_number,
    "process": pv.text,
    "strategic_objective": pv.text,
    "remarks": pv.text,
}
QUARTER_PARSERS: dict[str, Callable[[object], Any]] = {
    "planned": pv.parse_number,
    "executed": pv.parse_number,
    "progress": pv.parse_percent,
    "evidence": pv.text,
    "remarks": pv.text,
}


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


@dataclass
class _Catalog:
    session: Session
    type_keys: dict[str, int]
    type_codes: dict[int, str]
    type_policies: dict[int, tuple[int, ...]]
    policy_cache: dict[str, int | None] = field(default_factory=dict)

    def policy_id(self, name: str) -> int | None:
        if name not in self.policy_cache:
            policy = find_policy(self.session, name)
            self.policy_cache[name] = policy.id if policy else None
        return self.policy_cache[name]


@dataclass
class _Sheet:
    """What one sheet yields: the plan header, the activities, and the problems met."""

    title: str
    columns: ColumnMap
    titles: list[Sequence[object]]
    activities: list[ActivityInput] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _load_catalog(session: Session) -> _Catalog:
    version = current_version(session)
    types = session.scalars(
        select(PlanType)
        .where(PlanType.catalog_version_id == version.id)
        .options(selectinload(PlanType.policies))
    ).all()
    entries = [(t.id, [t.name, t.short_name, t.code, *t.aliases]) for t in types]
    return _Catalog(
        session=session,
        type_keys=plan_type_keys(entries),
        type_codes={t.id: t.code for t in types},
        type_policies={t.id: tuple(p.id for p in t.policies) for t in types},
    )


class _RowReader:
    """Turns one data row into an :class:`ActivityInput`, collecting problems."""

    def __init__(self, sheet: _Sheet, headers: Sequence[object], catalog: _Catalog) -> None:
        self.sheet, self.catalog = sheet, catalog
        cols = sheet.columns
        self.headers = headers
        self.fields = [(n, i, PARSERS[n]) for n, i in cols.fields.items() if n in PARSERS]
        self.quarters = sorted((q, n, i, QUARTER_PARSERS[n]) for (n, q), i in cols.quarters.items())
        self.ratings = sorted(cols.ratings.items())
        self.types = sorted(cols.plan_types.items())
        self.policy_col = cols.fields.get("policies")
        self.description_col = cols.fields["description"]

    def problem(self, row: int, index: int, reason: str) -> None:
        header = " ".join(str(self.headers[index]).split()) if index < len(self.headers) else ""
        self.sheet.problems.append(
            _("Hoja «{sheet}», fila {row}, columna {col} ({header}): {reason}.").format(
                sheet=self.sheet.title, row=row, col=_letter(index), header=header, reason=reason
            )
        )

    def read(self, row: int, cells: Sequence[object]) -> None:
        width = len(cells)
        if width <= self.description_col or pv.is_blank(cells[self.description_col]):
            filled = sum(1 for c in cells if not pv.is_blank(c))
            if filled > 2:
                self.problem(row, self.description_col, _("falta la descripción de la actividad"))
            return
        values: dict[str, Any] = {}
        for name, index, parse in self.fields:
            try:
                values[name] = parse(cells[index] if index < width else None)
            except pv.CellError as error:
                self.problem(row, index, str(error))
        for name in ("description", "indicator_name", "remarks", "strategic_objective"):
            if len(values.get(name) or "") > MAX_TEXT:
                self.problem(row, self.sheet.columns.fields[name], _("texto demasiado largo"))
        start, end = values.get("start_date"), values.get("end_date")
        if start and end and start > end:
            self.problem(
                row,
                self.sheet.columns.fields["end_date"],
                _("la fecha final es anterior a la inicial"),
            )
        types = self._plan_types(row, cells)
        policies = self._policies(row, cells, types)
        self.sheet.activities.append(
            ActivityInput(
                **values,
                policy_ids=policies,
                plan_type_ids=types,
                quarters=self._quarters(row, cells),
                ratings=self._ratings(row, cells),
            )
        )

    def _plan_types(self, row: int, cells: Sequence[object]) -> tuple[int, ...]:
        linked = []
        for index, type_id in self.types:
            try:
                if pv.parse_mark(cells[index] if index < len(cells) else None):
                    linked.append(type_id)
            except pv.CellError as error:
                self.problem(row, index, str(error))
        return tuple(linked)

    def _policies(
        self, row: int, cells: Sequence[object], types: tuple[int, ...]
    ) -> tuple[int, ...]:
        if self.policy_col is None:
            derived = [p for t in types for p in self.catalog.type_policies.get(t, ())]
            return tuple(dict.fromkeys(derived))
        raw = cells[self.policy_col] if self.policy_col < len(cells) else None
        ids: list[int] = []
        for name in _SPLIT_POLICIES.split(pv.text(raw)):
            name = name.strip()
            if not name:
                continue
            policy_id = self.catalog.policy_id(name)
            if policy_id is None:
                self.problem(
                    row, self.policy_col, _("«{v}» no es una política del catálogo").format(v=name)
                )
            elif policy_id not in ids:
                ids.append(policy_id)
        return tuple(ids)

    def _quarters(self, row: int, cells: Sequence[object]) -> tuple[QuarterInput, ...]:
        by_quarter: dict[int, dict[str, Any]] = {}
        for quarter, name, index, parse in self.quarters:
            raw = cells[index] if index < len(cells) else None
            if pv.is_blank(raw):
                continue
            try:
                by_quarter.setdefault(quarter, {})[name] = parse(raw)
            except pv.CellError as error:
                self.problem(row, index, str(error))
        return tuple(QuarterInput(q, **v) for q, v in sorted(by_quarter.items()))

    def _ratings(self, row: int, cells: Sequence[object]) -> tuple[RatingInput, ...]:
        found = []
        for semester, index in self.ratings:
            value = pv.text(cells[index] if index < len(cells) else None)
            if value:
                found.append(RatingInput(semester, value[:200]))
        return tuple(found)


def _rows(worksheet: Any) -> Iterator[tuple[int, Sequence[object]]]:
    yield from enumerate(worksheet.iter_rows(values_only=True), start=1)


def _read_sheet(path: Path, worksheet: Any, catalog: _Catalog, progress: Progress) -> _Sheet | None:
    rows = _rows(worksheet)
    head: list[tuple[int, Sequence[object]]] = []
    for item in rows:
        head.append(item)
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    columns = find_header(head, catalog.type_keys)
    if columns is None:
        return None
    headers = head[columns.header_row - 1][1]
    sheet = _Sheet(worksheet.title, columns, [c for n, c in head if n < columns.header_row])
    reader = _RowReader(sheet, headers, catalog)
    total = worksheet.max_row or 0
    for number, cells in _chain(head[columns.header_row :], rows):
        if number > MAX_ROWS:
            raise too_many_rows(path, sheet.title, number)
        reader.read(number, cells)
        if number % 1000 == 0:
            progress.update(number, total, _("Leyendo {sheet}").format(sheet=sheet.title))
    return sheet


def _chain(
    first: list[tuple[int, Sequence[object]]], rest: Iterator[tuple[int, Sequence[object]]]
) -> Iterator[tuple[int, Sequence[object]]]:
    yield from first
    yield from rest


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
    sheet: _Sheet, path: Path, catalog: _Catalog, year: int | None, name: str | None
) -> _Header:
    labels = _label_values(sheet.titles)
    title_texts = [pv.text(c) for cells in sheet.titles for c in cells if isinstance(c, str)]
    if not name:
        name = labels.get("plan") or labels.get("nombre del plan") or ""
    if not name:
        name = next((t for t in title_texts if canon(t).startswith("plan ")), "")
        name = re.split(r"\s+[—–-]\s+", name)[0]
    name = " ".join((name or sheet.title or path.stem).split())[:300]
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
    db_session: Session, path: Path, progress: Progress, year: int | None, name: str | None
) -> tuple[PlanInput, _Sheet]:
    catalog = _load_catalog(db_session)
    workbook: Any = open_workbook(path)
    try:
        sheet = None
        for worksheet in workbook.worksheets:
            sheet = _read_sheet(path, worksheet, catalog, progress)
            if sheet is not None:
                break
    finally:
        workbook.close()
    if sheet is None:
        raise ValidationError(
            _("No se importó {file}: ninguna hoja tiene la fila de encabezados.").format(
                file=path.name
            ),
            [
                _(
                    "Se buscó en las primeras {n} filas de cada hoja una fila con «Actividad» y al "
                    "menos otras dos columnas conocidas (Meta, Responsable, Ponderación, Fecha "
                    "inicial, Fecha final…)."
                ).format(n=HEADER_SEARCH_ROWS)
            ],
        )
    header = _plan_header(sheet, path, catalog, year, name)
    _check_plan(sheet, header)
    plan = PlanInput(
        year=header.year or 0,
        name=header.name,
        kind=PLAN_KIND_DECREE_612 if header.plan_type_id else PLAN_KIND_ACTION,
        plan_type_id=header.plan_type_id,
        source_file=path.name,
        activities=tuple(sheet.activities),
    )
    return plan, sheet


def _check_plan(sheet: _Sheet, header: _Header) -> None:
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
                "No hay columna de política: cada actividad quedó asociada a las políticas de los "
                "planes del Decreto 612 marcados."
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
    plan_id: int, plan: PlanInput, sheet: _Sheet, catalog_codes: dict[int, str]
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
        unknown_columns=tuple(f"{_letter(i)} «{h}»" for i, h in columns.unknown),
        warnings=tuple(sheet.warnings)
        + tuple(
            _("Columna {col} «{h}» repetida: se ignoró.").format(col=_letter(i), h=h)
            for i, h in columns.duplicates
        ),
    )


def read_plan_file(
    db: Database, path: str | Path, year: int | None = None, name: str | None = None
) -> PlanImportResult:
    """Check and read the whole file as :func:`import_plan` does, writing nothing (plan_id 0)."""
    path = Path(path)
    with db.transaction() as session:
        plan, sheet = _locate(session, path, NO_PROGRESS, year, name)
        _raise_problems(path, sheet.problems)
        codes = _load_catalog(session).type_codes
        session.rollback()
    return _result(0, plan, sheet, codes)


def import_plan(
    db: Database,
    path: str | Path,
    year: int | None = None,
    name: str | None = None,
    progress: Progress = NO_PROGRESS,
) -> PlanImportResult:
    """Import the plan in ``path`` as a new plan; all or nothing (see the module docstring)."""
    from mipg_desktop.planning.store import write_plan

    path = Path(path)
    with db.transaction() as session:
        plan, sheet = _locate(session, path, progress, year, name)
        _raise_problems(path, sheet.problems)
        progress.update(len(plan.activities), len(plan.activities), _("Guardando el plan"))
        plan_id = write_plan(session, db.user_name, plan, action="import")
        codes = {plan.plan_type_id or 0: _type_code(session, plan.plan_type_id)}
    return _result(plan_id, plan, sheet, codes)


def _type_code(session: Session, type_id: int | None) -> str:
    if type_id is None:
        return ""
    plan_type = session.get(PlanType, type_id)
    return plan_type.code if plan_type else ""
