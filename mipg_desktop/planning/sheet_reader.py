"""Reading the sheets of a spreadsheet an entity sent: one interface for every importer.

:func:`open_sheets(path) <open_sheets>` checks the file first
(:mod:`~mipg_desktop.planning.xlsx_safety`) and yields its sheets in order. Each
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

from mipg_desktop.planning.xlsx_safety import MAX_COLUMNS, MAX_ROWS, open_workbook

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


class _OpenpyxlSheet:
    def __init__(self, worksheet: Any) -> None:
        self._worksheet = worksheet

    @property
    def title(self) -> str:
        return str(self._worksheet.title)

    @property
    def max_row(self) -> int:
        return int(self._worksheet.max_row or 0)

    def head(self, count: int) -> list[Row]:
        rows = self._worksheet.iter_rows(max_row=count, max_col=MAX_COLUMNS, values_only=True)
        return list(enumerate(rows, start=1))

    def rows(self, first: int, width: int) -> Iterator[Row]:
        # max_row: the rows there are, whatever the declared dimension says; max_col: never pad
        # a row up to a far-away cell
        rows = self._worksheet.iter_rows(
            min_row=first, max_row=MAX_ROWS + 1, max_col=width, values_only=True
        )
        yield from enumerate(rows, start=first)


@contextmanager
def open_sheets(path: str | Path) -> Iterator[list[Sheet]]:
    """The checked workbook's sheets, in order; refusals are ``ValidationError`` naming the file."""
    workbook: Any = open_workbook(Path(path))
    try:
        yield [_OpenpyxlSheet(worksheet) for worksheet in workbook.worksheets]
    finally:
        workbook.close()
