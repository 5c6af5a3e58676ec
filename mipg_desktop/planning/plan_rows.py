"""Reading the data rows of a plan sheet into activity inputs, collecting every problem."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from mipg_desktop.catalog import current_version, find_policy
from mipg_desktop.i18n import _
from mipg_desktop.models.catalog import Policy
from mipg_desktop.planning import plan_values as pv
from mipg_desktop.planning.plan_columns import ColumnMap, canon
from mipg_desktop.planning.store import ActivityInput, QuarterInput, RatingInput
from mipg_desktop.text import normalize_key

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

MAX_TEXT = 4000
SUMMARY_ROWS = frozenset({"subtotal", "subtotales"})
# a row that ends the table: signatures and totals under it («Elaboró: …», «Firma», «Total»)
FOOTER = re.compile(
    r"^(?:(?:elaboro|reviso|proyecto|aprobo|vo\s*bo|visto bueno)\s*:|"
    r"(?:elaborado|revisado|proyectado|aprobado) por\b|"
    r"(?:elaboro|reviso|proyecto|aprobo|firmas?|vo\s*bo|total(?:es| general| plan)?)\s*:?\s*$)"
)
_SPLIT_POLICIES = re.compile(r"[;\n]+")
PARSERS: dict[str, Callable[[object], Any]] = {
    "uid": pv.text,
    "code": pv.text,
    "description": pv.text,
    "target_value": pv.parse_goal,
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


@dataclass
class CatalogLookup:
    session: Session
    type_keys: dict[str, int]
    type_codes: dict[int, str]
    type_policies: dict[int, tuple[int, ...]]
    type_names: dict[int, tuple[str, ...]] = field(default_factory=dict)
    policy_cache: dict[str, int | None] = field(default_factory=dict)

    policy_names: Any = None  # furag_layout.Names, loaded on the first name not matched exactly
    policy_codes: dict[str, int] = field(default_factory=dict)

    def policy_id(self, name: str) -> int | None:
        """A policy by code, name or alias; else as FURAG files write it (the same matcher)."""
        if name not in self.policy_cache:
            policy = find_policy(self.session, name)
            self.policy_cache[name] = policy.id if policy else self._by_furag_name(name)
        return self.policy_cache[name]

    def _by_furag_name(self, name: str) -> int | None:
        from mipg_desktop.planning.furag_layout import catalog_names

        if self.policy_names is None:
            self.policy_names = catalog_names(self.session)
            self.policy_codes = {
                p.code: p.id
                for p in self.session.scalars(
                    select(Policy).where(
                        Policy.catalog_version_id == current_version(self.session).id
                    )
                )
            }
        code = self.policy_names.policy(canon(name))
        return self.policy_codes.get(code) if code else None


@dataclass
class SheetRead:
    """What one sheet yields: the plan header, the activities, and the problems met."""

    title: str
    columns: ColumnMap
    titles: list[Sequence[object]]
    activities: list[ActivityInput] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    end_row: int | None = None  # the footer row that ends the table, if any


def letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based index (0 → A, 27 → AB)."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


_FOOTER_STARTS = ("elabor", "revis", "proyec", "aprob", "firma", "total", "vo", "visto")


def _footer_text(cells: Sequence[object], description: object) -> str:
    """The text of a footer cell (signatures, totals) opening the row or in the activity."""
    first = cells[0] if cells and cells[0] is not None else None
    if first is None or pv.is_blank(first):
        first = next((c for c in cells if not pv.is_blank(c)), None)
    for cell in (first, description):
        if (
            type(cell) is str
            and len(cell) < 200
            and cell.lstrip()[:6].casefold().startswith(_FOOTER_STARTS)
        ):
            key = normalize_key(cell[:80]).strip()
            if key.startswith("proyecto") and "proyectó" not in cell.casefold():
                continue  # «Proyecto: …» is an activity; «Proyectó:» signs the sheet
            if FOOTER.match(key):
                return " ".join(cell.split())
    return ""


class RowReader:
    """Turns one data row into an :class:`ActivityInput`, collecting problems."""

    def __init__(self, sheet: SheetRead, headers: Sequence[object], catalog: CatalogLookup) -> None:
        self.sheet, self.catalog = sheet, catalog
        cols = sheet.columns
        self.headers = headers
        self.fields = [(n, i, PARSERS[n]) for n, i in cols.fields.items() if n in PARSERS]
        self.quarters = sorted((q, n, i, QUARTER_PARSERS[n]) for (n, q), i in cols.quarters.items())
        self.ratings = sorted(cols.ratings.items())
        self.types = sorted(cols.plan_types.items())
        self.policy_col = cols.fields.get("policies")
        self.description_col = cols.fields["description"]
        used = [*cols.fields.values(), *cols.quarters.values(), *cols.ratings.values()]
        self.width = max([*used, *cols.plan_types]) + 1
        self.weight_col = cols.fields.get("weight")
        # percent scale decided once per column: columns with a bare number above 1, and the
        # bare numbers ≤ 1 read as fractions meanwhile (column, activity index, quarter)
        self.percent_cols: set[int] = set()
        self.pending: list[tuple[int, int, int]] = []
        self.marks: dict[object, bool] = {}
        self.policy_memo: dict[object, tuple[int, ...]] = {}
        self.ended_at: int | None = None  # the footer row that ended the table

    def problem(self, row: int, index: int, reason: str) -> None:
        header = " ".join(str(self.headers[index]).split()) if index < len(self.headers) else ""
        self.sheet.problems.append(
            _("Hoja «{sheet}», fila {row}, columna {col} ({header}): {reason}.").format(
                sheet=self.sheet.title, row=row, col=letter(index), header=header, reason=reason
            )
        )

    def read(self, row: int, cells: Sequence[object]) -> None:
        if self.ended_at is not None:
            return
        if len(cells) < self.width:
            cells = tuple(cells) + (None,) * (self.width - len(cells))
        description = cells[self.description_col]
        footer = _footer_text(cells, description)
        if footer:
            self.ended_at = self.sheet.end_row = row
            self.sheet.warnings.append(
                _(
                    "Hoja «{sheet}»: la tabla termina en la fila {row} («{text}»); esa fila y "
                    "las siguientes no se leen como actividades."
                ).format(sheet=self.sheet.title, row=row, text=footer[:60])
            )
            return
        if pv.is_blank(description):
            filled = sum(1 for c in cells if not pv.is_blank(c))
            if filled > 2:
                self.problem(row, self.description_col, _("falta la descripción de la actividad"))
            return
        short = isinstance(description, str) and len(description) < 20
        if short and canon(description) in SUMMARY_ROWS:
            return
        values: dict[str, Any] = {}
        for name, index, parse in self.fields:
            try:
                values[name] = parse(cells[index])
            except pv.CellError as error:
                self.problem(row, index, str(error))
        self._goal_unit(cells, values)
        self._check(row, values)
        if self.weight_col is not None and values.get("weight"):
            self._note_share(self.weight_col, cells[self.weight_col], 0)
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

    def _goal_unit(self, cells: Sequence[object], values: dict[str, Any]) -> None:
        """«4 TRD» in the goal: the unit is «TRD» when the unit column is empty or absent."""
        index = self.sheet.columns.fields.get("target_value")
        raw = cells[index] if index is not None else None
        if type(raw) is str and values.get("target_value") is not None and not values.get("unit"):
            unit = pv.split_goal(raw)[1]
            if unit:
                values["unit"] = unit[:200]

    def _check(self, row: int, values: dict[str, Any]) -> None:
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

    def _plan_types(self, row: int, cells: Sequence[object]) -> tuple[int, ...]:
        linked = []
        memo = self.marks
        for index, type_id in self.types:
            value = cells[index]
            if value is None:
                continue
            mark = memo.get(value) if type(value) is str else None
            if mark is None:
                try:
                    mark = pv.parse_mark(value)
                except pv.CellError as error:
                    self.problem(row, index, str(error))
                    continue
                if type(value) is str and len(memo) < 500:
                    memo[value] = mark
            if mark:
                linked.append(type_id)
        return tuple(linked)

    def _policies(
        self, row: int, cells: Sequence[object], types: tuple[int, ...]
    ) -> tuple[int, ...]:
        if self.policy_col is None:
            derived = [p for t in types for p in self.catalog.type_policies.get(t, ())]
            return tuple(dict.fromkeys(derived))
        raw = cells[self.policy_col]
        known = self.policy_memo.get(raw) if type(raw) is str else None
        if known is not None:
            return known
        ids: list[int] = []
        failed = False
        for name in _SPLIT_POLICIES.split(pv.text(raw)):
            name = name.strip()
            if not name:
                continue
            policy_id = self.catalog.policy_id(name)
            if policy_id is None:
                failed = True
                self.problem(
                    row, self.policy_col, _("«{v}» no es una política del catálogo").format(v=name)
                )
            elif policy_id not in ids:
                ids.append(policy_id)
        if type(raw) is str and not failed and len(self.policy_memo) < 2000:
            self.policy_memo[raw] = tuple(ids)
        return tuple(ids)

    def _quarters(self, row: int, cells: Sequence[object]) -> tuple[QuarterInput, ...]:
        by_quarter: dict[int, dict[str, Any]] = {}
        for quarter, name, index, parse in self.quarters:
            raw = cells[index]
            if pv.is_blank(raw):
                continue
            try:
                value = by_quarter.setdefault(quarter, {})[name] = parse(raw)
            except pv.CellError as error:
                self.problem(row, index, str(error))
                continue
            if name == "progress" and value:
                self._note_share(index, raw, quarter)
        return tuple(QuarterInput(q, **v) for q, v in sorted(by_quarter.items()))

    def _note_share(self, column: int, raw: object, quarter: int) -> None:
        number = pv.bare_number(raw)
        if number is None:
            return
        if number > 1:
            self.percent_cols.add(column)
        elif number > 0:
            self.pending.append((column, len(self.sheet.activities), quarter))

    def finish(self) -> None:
        """Re-read as percent points the bare numbers ≤ 1 of columns written in percent points."""
        fixes: dict[int, list[int]] = {}
        for column, activity, quarter in self.pending:
            if column in self.percent_cols:
                fixes.setdefault(activity, []).append(quarter)
        activities = self.sheet.activities
        for activity, quarters in fixes.items():
            item = activities[activity]
            changes: dict[str, Any] = {}
            if 0 in quarters and item.weight is not None:
                changes["weight"] = pv.percent_points(item.weight)
            if any(quarters):
                changes["quarters"] = tuple(
                    replace(q, progress=pv.percent_points(q.progress))
                    if q.quarter in quarters and q.progress is not None
                    else q
                    for q in item.quarters
                )
            activities[activity] = replace(item, **changes)
        self.pending.clear()

    def _ratings(self, row: int, cells: Sequence[object]) -> tuple[RatingInput, ...]:
        found = []
        for semester, index in self.ratings:
            value = pv.text(cells[index])
            if value:
                found.append(RatingInput(semester, value[:200]))
        return tuple(found)
