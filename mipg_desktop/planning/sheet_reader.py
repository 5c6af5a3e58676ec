"""Reading the sheets of a spreadsheet an entity sent: one interface for every importer.

:func:`open_sheets(path) <open_sheets>` checks the file first (its format by content and that
format's safety checks: :mod:`~mipg_desktop.planning.sheet_formats`) and yields its sheets in
order; ``.xlsx``, ``.xlsm`` (macros never run), ``.ods`` and ``.xls`` are read by
python-calamine. Each
:class:`Sheet` gives its first rows (:meth:`Sheet.head`) to find the header in, and then the
rows below (:meth:`Sheet.rows`), numbered from 1 as the spreadsheet program shows them. Cell
values are ``str``, ``int``, ``float``, ``bool``, ``date``/``datetime`` or ``None`` for an
empty cell; formulas give their cached value, never their text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from mipg_desktop.i18n import _
from mipg_desktop.planning.cell_errors import restore
from mipg_desktop.planning.sheet_formats import check_sheet_file
from mipg_desktop.planning.xlsx_safety import MAX_COLUMNS, MAX_ROWS, refuse

Row = tuple[int, Sequence[object]]


class Sheet(Protocol):
    """One sheet of a workbook, read lazily."""

    @property
    def title(self) -> str: ...

    @property
    def max_row(self) -> int:
        """The number of rows the sheet says it has (0 when unknown): for progress only."""
        ...

    def head(self, count: int) -> list[Row]:
        """The first ``count`` rows, each cut to :data:`MAX_COLUMNS` columns."""
        ...

    def rows(self, first: int, width: int) -> Iterator[Row]:
        """Rows from ``first`` on (at most :data:`MAX_ROWS` + 1 of them), ``width`` cells each."""
        ...


def _clean(cells: Sequence[object], lead: int, width: int) -> tuple[object, ...]:
    """Calamine's row as openpyxl gave it: ``None`` for empty, ``int`` for integral numbers.

    ``lead`` empty cells stand for the columns left of the sheet's used range; the row is cut
    or padded to ``width`` cells.
    """
    row = [
        None
        if value == ""
        else int(value)
        if type(value) is float and value.is_integer()
        else value
        for value in cells[: max(width - lead, 0)]
    ]
    if lead:
        row = [None] * min(lead, width) + row
    if len(row) < width:
        row += [None] * (width - len(row))
    return tuple(row)


class _CalamineSheet:
    """A sheet read by python-calamine: the whole used range is parsed on first use."""

    def __init__(
        self, path: Path, workbook: Any, name: str, errors: dict[int, dict[int, str]]
    ) -> None:
        self._path, self._workbook, self._name = path, workbook, name
        self._errors = errors  # formula errors by row, put back over calamine's blanks
        self._sheet: Any = None

    def _load(self) -> Any:
        if self._sheet is None:
            self._sheet = _calamine_call(self._path, self._workbook.get_sheet_by_name, self._name)
        return self._sheet

    @property
    def title(self) -> str:
        return self._name

    @property
    def max_row(self) -> int:
        sheet = self._load()
        return int(sheet.start[0] + sheet.height) if sheet.height else 0

    def _numbered(self, first: int, width: int) -> Iterator[Row]:
        sheet = self._load()
        if not sheet.height:
            return
        top, lead = sheet.start or (0, 0)
        number = top
        errors = self._errors
        for cells in _calamine_call(self._path, sheet.iter_rows):
            number += 1
            if number >= first:
                row = _clean(cells, lead, width)
                yield number, restore(row, errors[number]) if number in errors else row

    def head(self, count: int) -> list[Row]:
        sheet = self._load()
        width = min(MAX_COLUMNS, sheet.start[1] + sheet.width) if sheet.height else 0
        rows = []
        for number, cells in self._numbered(1, width):
            if number > count:
                break
            rows.append((number, cells))
        return _with_blank_top(rows, count)

    def rows(self, first: int, width: int) -> Iterator[Row]:
        for number, cells in self._numbered(first, width):
            yield number, cells
            if number > MAX_ROWS:
                return


def _with_blank_top(rows: list[Row], count: int) -> list[Row]:
    """Rows above the used range are blank rows, as openpyxl showed them."""
    if not rows or rows[0][0] == 1:
        return rows
    width = len(rows[0][1])
    blanks: list[Row] = [(n, (None,) * width) for n in range(1, min(rows[0][0], count + 1))]
    return blanks + rows


def _calamine_call(path: Path, call: Any, *args: object) -> Any:
    """Run a calamine call; its errors become refusals naming the file."""
    import python_calamine as calamine

    try:
        return call(*args)
    except calamine.PasswordError as error:
        from mipg_desktop.planning.sheet_formats import password_refusal

        raise password_refusal(path) from error
    except (calamine.CalamineError, ValueError, OSError) as error:
        raise refuse(
            path, _("no se pudo leer como hoja de cálculo ({error}).").format(error=error)
        ) from error


@contextmanager
def open_sheets(path: str | Path) -> Iterator[list[Sheet]]:
    """The checked workbook's sheets, in order; refusals are ``ValidationError`` naming the file.

    The file's format is told by its content (:func:`~.sheet_formats.check_sheet_file`, which
    also runs that format's safety checks); then python-calamine reads it.
    """
    import python_calamine as calamine

    path = Path(path)
    checked = check_sheet_file(path)
    workbook: Any = _calamine_call(path, calamine.CalamineWorkbook.from_path, str(path))
    try:
        names = [
            meta.name
            for meta in workbook.sheets_metadata
            if meta.typ == calamine.SheetTypeEnum.WorkSheet
        ]
        yield [_CalamineSheet(path, workbook, name, checked.errors.get(name, {})) for name in names]
    finally:
        workbook.close()
