"""The mapping step before a plan import, shared by the window and ``mipg import-plan``.

:func:`propose_mapping(db, path) <propose_mapping>` reads the file once and says what an
import would do: the sheet and header row, the first rows, each column's field (or ignored)
with a confidence, the saved layout applied, and every row that would be refused and why.
:func:`review_mapping` re-checks the same rows with the columns the user changed, without
reading the file again. Neither writes anything; the import itself is
:func:`~.plan_import.import_plan` with ``mapping=proposal.mapping()``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.planning import plan_mapping as pm
from mipg_desktop.planning import plan_values as pv
from mipg_desktop.planning.plan_import import (
    MAX_PROBLEMS,
    _load_catalog,
    doubtful_problems,
    finish_plan,
    no_header,
    read_sheet,
)
from mipg_desktop.planning.plan_layouts import header_key, layout_named, plan_layouts
from mipg_desktop.planning.plan_locate import Located, apply_overrides, locate, targets_for
from mipg_desktop.planning.sheet_reader import Row, open_sheets
from mipg_desktop.planning.store import paused_gc
from mipg_desktop.planning.xlsx_safety import MAX_ROWS, used_width
from mipg_desktop.progress import NO_PROGRESS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.storage.database import Database

PREVIEW_ROWS = 12


@dataclass(frozen=True)
class MappingProposal:
    """What importing ``file`` would do with the columns in ``columns`` (nothing written)."""

    file: Path
    sheet: str
    header_row: int
    columns: tuple[pm.ColumnChoice, ...]
    preview: tuple[tuple[int, tuple[str, ...]], ...]
    options: tuple[tuple[str, str], ...]
    layout: str
    problems: tuple[str, ...]
    warnings: tuple[str, ...]
    activity_count: int
    plan_name: str
    year: int | None
    given_year: int | None = None
    given_name: str | None = None
    table_end: int | None = None  # the footer row ending the table (rows from it: not read)
    head: tuple[Row, ...] = field(default=(), repr=False, compare=False)
    rows: tuple[Row, ...] = field(default=(), repr=False, compare=False)

    @property
    def fields(self) -> dict[str, int]:
        return {c.field: c.index for c in self.columns if c.field}

    @property
    def doubtful(self) -> list[str]:
        """The doubtful columns (and a missing activity), one line each; empty when confident."""
        return doubtful_problems(self.columns)

    @property
    def doubtful_columns(self) -> list[str]:
        """The doubtful columns only (a missing activity is among the problems already)."""
        return doubtful_problems(self.columns, activity=False)

    @property
    def confident(self) -> bool:
        return not self.doubtful

    @property
    def dropped(self) -> list[pm.ColumnChoice]:
        """The ignored columns that hold data in the rows: what the import will leave out."""
        out = []
        for column in self.columns:
            if column.field:
                continue
            index = column.index
            end = self.table_end or MAX_ROWS + 2
            if any(index < len(c) and not pv.is_blank(c[index]) for n, c in self.rows if n < end):
                out.append(column)
        return out

    def dropped_line(self) -> str:
        """«No se importarán: columna H «…», …» (empty when every column with data is read)."""
        dropped = self.dropped
        if not dropped:
            return ""
        names = ", ".join(
            _("columna {col} «{h}»").format(col=c.letter, h=c.header)
            if c.header
            else _("columna {col} (sin encabezado)").format(col=c.letter)
            for c in dropped
        )
        return _("No se importarán: {cols}.").format(cols=names)

    def mapping(self) -> pm.PlanMapping:
        headers = self.head_cells()
        key = header_key(headers) if headers else ""
        return pm.PlanMapping(self.sheet, self.header_row, self.fields, self.layout, key)

    def head_cells(self) -> list[object]:
        return next((list(c) for n, c in self.head if n == self.header_row), [])

    def map_arguments(self, doubtful_only: bool = False) -> list[str]:
        """The ``--map CAMPO=COLUMNA`` arguments that confirm this mapping as it stands."""
        return [
            f"--map {c.field}={c.letter}"
            for c in self.columns
            if c.field and (c.doubtful or not doubtful_only)
        ]


class _StoredSheet:
    """The rows already read, standing in for the worksheet when the mapping is reviewed."""

    def __init__(self, title: str, head: Sequence[Row], rows: Sequence[Row]) -> None:
        self._title, self._head, self._rows = title, list(head), rows

    @property
    def title(self) -> str:
        return self._title

    @property
    def max_row(self) -> int:
        return self._rows[-1][0] if self._rows else 0

    def head(self, count: int) -> list[Row]:
        return self._head[:count]

    def rows(self, first: int, width: int) -> Iterator[Row]:
        yield from ((n, c[:width]) for n, c in self._rows if n >= first)


def _cell_text(value: object) -> str:
    return " ".join(pv.text(value).split())[:80]


def _conflicts(choices: Sequence[pm.ColumnChoice], labels: Mapping[str, str]) -> list[str]:
    """«Las columnas B y K son las dos «Actividad»; elija una.» for each field chosen twice."""
    by_field: dict[str, list[str]] = {}
    for choice in choices:
        if choice.field:
            by_field.setdefault(choice.field, []).append(choice.letter)
    lines = []
    for key, letters in by_field.items():
        if len(letters) == 2:
            text = _("Las columnas {a} y {b} son las dos «{field}»; elija una.")
        elif len(letters) > 2:
            text = _("Las columnas {a} y {b} son todas «{field}»; elija una.")
        else:
            continue
        lines.append(
            text.format(a=", ".join(letters[:-1]), b=letters[-1], field=labels.get(key, key))
        )
    return lines


def _proposal(
    session: Session,
    path: Path,
    located: Located,
    rows: Sequence[Row],
    year: int | None,
    name: str | None,
) -> MappingProposal:
    catalog = _load_catalog(session)
    targets = targets_for(catalog)
    sheet = read_sheet(path, located, catalog, targets, NO_PROGRESS, rows)
    plan = finish_plan(session, path, sheet, catalog, year, name)
    targets = _named_for_year(session, targets, plan.year or None)
    detection = located.detection
    detection.choices = _relabelled(detection.choices, targets.labels())
    problems = [*_conflicts(detection.choices, targets.labels()), *sheet.problems[:MAX_PROBLEMS]]
    if len(sheet.problems) > MAX_PROBLEMS:
        problems.append(_("… y {n} problemas más.").format(n=len(sheet.problems) - MAX_PROBLEMS))
    preview = tuple(
        (n, tuple(_cell_text(c) for c in cells))
        for n, cells in [(detection.header_row, detection.headers), *rows[:PREVIEW_ROWS]]
    )
    labels = targets.labels()
    return MappingProposal(
        file=path,
        sheet=located.worksheet.title,
        header_row=detection.header_row,
        columns=tuple(detection.choices),
        preview=preview,
        options=((pm.IGNORE, _("Ignorar")), *labels.items()),
        layout=located.layout,
        problems=tuple(problems),
        warnings=tuple(sheet.warnings),
        activity_count=len(sheet.activities),
        plan_name=plan.name,
        year=plan.year or None,
        given_year=year,
        given_name=name,
        table_end=sheet.end_row,
        head=tuple(located.head),
        rows=tuple(rows),
    )


def _named_for_year(session: Session, targets: pm.Targets, year: int | None) -> pm.Targets:
    """The Decreto 612 plans named as a plan of ``year`` calls them: a 2024 sheet's «PAAC»
    column reads «Plan: PAAC», a 2026 one «Plan: PTEP» (the same plan type)."""
    from sqlalchemy import select

    from mipg_desktop.models.catalog import PlanType

    if year is None:
        return targets
    wanted = select(PlanType).where(PlanType.id.in_(targets.plan_ids.values()))
    types = {t.id: t for t in session.scalars(wanted)}
    plans = []
    for plan in targets.plans:
        kind = types.get(targets.plan_ids.get(plan.key, -1))
        if kind is not None:
            full, short = kind.name_for(year)
            plan = replace(plan, label=short or full)
        plans.append(plan)
    return pm.Targets(tuple(plans), targets.plan_ids)


def _relabelled(
    choices: Sequence[pm.ColumnChoice], labels: Mapping[str, str]
) -> list[pm.ColumnChoice]:
    return [
        replace(c, label=labels[c.field])
        if c.field.startswith("plan_") and c.field in labels
        else c
        for c in choices
    ]


def propose_mapping(
    db: Database,
    path: str | Path,
    overrides: Sequence[tuple[str, str]] = (),
    layout: str | None = None,
    year: int | None = None,
    name: str | None = None,
) -> MappingProposal:
    """Read ``path`` and propose its mapping: a saved layout for these headers (or the one
    named ``layout``), else the scored detection, with ``overrides`` (campo, columna) on top."""
    path = Path(path)
    with paused_gc(), db.transaction() as session:
        catalog = _load_catalog(session)
        targets = targets_for(catalog)
        wanted = layout_named(session, layout) if layout else None
        with open_sheets(path) as worksheets:
            located = locate(worksheets, targets, plan_layouts(session), None, wanted)
            if located is None and wanted is not None:
                raise ValidationError(
                    _("El formato guardado «{name}» no corresponde a {file}.").format(
                        name=wanted.name, file=path.name
                    )
                )
            if located is None:
                raise no_header(path)
            apply_overrides(located, overrides, targets)
            detection = located.detection
            width = max(used_width([detection.headers]), len(detection.headers))
            rows = []
            for number, cells in located.worksheet.rows(detection.header_row + 1, width):
                rows.append((number, cells))
                if number > MAX_ROWS:
                    break
            located.worksheet = _StoredSheet(located.worksheet.title, located.head, rows)
        return _proposal(session, path, located, rows, year, name)


def review_mapping(
    db: Database,
    proposal: MappingProposal,
    choices: Mapping[int, str],
    year: int | None = None,
    name: str | None = None,
) -> MappingProposal:
    """The proposal again with each column read as ``choices`` says (``""``: ignored), and
    with the plan's ``year`` and ``name`` when given. A field chosen for two columns stays on
    both, as a problem to resolve: nothing is moved silently."""
    fixed = {c.index: choices.get(c.index, c.field) for c in proposal.columns}
    with paused_gc(), db.transaction() as session:
        targets = targets_for(_load_catalog(session))
        position = next(p for p, (n, _c) in enumerate(proposal.head) if n == proposal.header_row)
        detection = pm.detection_at(
            list(proposal.head), position, targets, fixed, _("elegida a mano")
        )
        before = {c.index: c for c in proposal.columns}
        detection.choices = [
            before[c.index] if c.index in before and before[c.index].field == c.field else c
            for c in detection.choices
        ]
        sheet = _StoredSheet(proposal.sheet, proposal.head, proposal.rows)
        located = Located(sheet, list(proposal.head), detection, proposal.layout)
        return _proposal(
            session,
            proposal.file,
            located,
            proposal.rows,
            year if year is not None else proposal.given_year,
            name.strip() or None if name is not None else proposal.given_name,
        )
