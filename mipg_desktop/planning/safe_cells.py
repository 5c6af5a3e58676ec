"""Text never becomes a formula in a workbook the program writes: the one rule, in one place.

Text from an imported sheet, a package or the window may start with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return. A spreadsheet program would take such text, typed or re-entered,
as a formula (``=HYPERLINK(…)``, ``@SUM(…)``, ``-5+…``). :func:`guard_workbook`, called by
:func:`~mipg_desktop.planning.xlsx_style.save_atomically` on every workbook just before it is
saved, writes each such cell as a text cell with Excel's «quote prefix» (what typing a leading
apostrophe does): it shows the text as it is, and stays text when edited. Text that looks like
a negative number (``"-5"``) stays text; real numbers, dates and booleans are left alone.
"""

from __future__ import annotations

from typing import Any

RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_risky(value: object) -> bool:
    """True for text a spreadsheet program could take as a formula."""
    return isinstance(value, str) and value.startswith(RISKY_STARTS)


def guard_cell(cell: Any) -> bool:
    """Make ``cell`` plain quoted text if its value is risky text; True when it did."""
    if not is_risky(cell.value):
        return False
    cell.data_type = "s"  # openpyxl marks any text starting with "=" as a formula
    cell.quotePrefix = True
    return True


def guard_workbook(workbook: Any) -> int:
    """Guard every cell of every sheet (see the module docstring); returns how many changed."""
    changed = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if type(cell.value) is str and guard_cell(cell):
                    changed += 1
    return changed
