"""Shared look of the spreadsheets the program writes: title block, header, widths, saving."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

HEADER_FILL = "1F4E79"


def write_titles(ws: Any, lines: Sequence[str]) -> None:
    """Bold title lines from A1 down (the first larger)."""
    from openpyxl.styles import Font

    for row, line in enumerate(lines, start=1):
        cell = ws.cell(row=row, column=1, value=line)
        cell.font = Font(bold=True, size=14 if row == 1 else 11)


def write_header(
    ws: Any, row: int, columns: Sequence[tuple[str, int]], freeze_col: int = 2
) -> None:
    """Styled header cells with widths; panes frozen below the header (and left columns)."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    fill = PatternFill("solid", fgColor=HEADER_FILL)
    side = Side(style="thin", color="9E9E9E")
    for index, (header, width) in enumerate(columns, start=1):
        cell = ws.cell(row=row, column=index, value=header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = Border(left=side, right=side, top=side, bottom=side)
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.row_dimensions[row].height = 36
    ws.freeze_panes = f"{get_column_letter(freeze_col + 1)}{row + 1}"


def finish_table(ws: Any, header_row: int, columns: int, rows: int) -> str:
    """Filters on the table; returns its range (e.g. ``A5:K40``)."""
    from openpyxl.utils import get_column_letter

    last = max(header_row + rows, header_row + 1)
    ref = f"A{header_row}:{get_column_letter(columns)}{last}"
    ws.auto_filter.ref = ref
    return ref


def wrap_columns(ws: Any, first_row: int, last_row: int, columns: Sequence[int]) -> None:
    from openpyxl.styles import Alignment

    wrap = Alignment(wrap_text=True, vertical="top")
    for row in range(first_row, last_row + 1):
        for column in columns:
            ws.cell(row=row, column=column).alignment = wrap


def check_target(path: Path) -> Path:
    """Refuse, before any work, a folder, or a file in a folder that does not exist."""
    from mipg_desktop.files import check_output

    return check_output(path)


def save_atomically(wb: Any, path: Path) -> None:
    """Save the workbook whole, with the usual file mode (see mipg_desktop.files).

    Every workbook the program writes goes through here: text that could be taken as a formula
    is written as quoted text first (:mod:`~mipg_desktop.planning.safe_cells`).
    """
    from mipg_desktop.files import write_atomically
    from mipg_desktop.planning.safe_cells import guard_workbook

    guard_workbook(wb)
    write_atomically(path, wb.save)
