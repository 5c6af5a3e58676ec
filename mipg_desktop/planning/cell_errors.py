"""Formula errors (``#DIV/0!``, ``#N/A``…) kept as the text the spreadsheet shows.

python-calamine gives an error cell as empty, so a ``#DIV/0!`` weight would pass as a blank.
The pre-checks, which stream every sheet anyway, note each error cell's place and text
(:func:`scan_xlsx`, and the ``.ods`` and ``.xls`` checks), and the reader puts the text back
(:func:`restore`), so that the importers refuse it naming sheet, row, column and value, as
they did when openpyxl read the file.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import PurePosixPath

# sheet name → row (from 1) → column (from 0) → error text
ErrorCells = dict[str, dict[int, dict[int, str]]]
MAX_ERRORS = 10_000  # per sheet: enough to refuse the file, bounded in memory
XLS_ERRORS = {
    0x00: "#NULL!",
    0x07: "#DIV/0!",
    0x0F: "#VALUE!",
    0x17: "#REF!",
    0x1D: "#NAME?",
    0x24: "#NUM!",
    0x2A: "#N/A",
}
_XLSX_ERROR = re.compile(
    rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*?\st="e"[^>]*>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?'
    rb"<v>([^<]{0,40})</v>"
)
_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\s[^>]*>")
_RELATION_TAG = re.compile(rb"<(?:\w+:)?Relationship\s[^>]*>")
_ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')


def note(found: dict[int, dict[int, str]], row: int, column: int, text: str) -> None:
    """Keep one error cell's text (up to :data:`MAX_ERRORS` per sheet)."""
    if sum(len(r) for r in found.values()) < MAX_ERRORS or row in found:
        found.setdefault(row, {})[column] = text


def scan_xlsx(buffer: bytes, found: dict[int, dict[int, str]]) -> None:
    """Note the error cells (``t="e"``) in a chunk of a sheet part; a fast miss otherwise."""
    if b't="e"' not in buffer:
        return
    from mipg_desktop.planning.xlsx_safety import column_number

    for match in _XLSX_ERROR.finditer(buffer):
        text = html.unescape(match.group(3).decode("utf-8", "replace"))
        note(found, int(match.group(2)), column_number(match.group(1).decode("ascii")) - 1, text)


def _attributes(tag: bytes) -> dict[str, str]:
    return {
        name.decode("ascii", "replace").split(":")[-1]: html.unescape(value.decode("utf-8"))
        for name, value in _ATTRIBUTE.findall(tag)
    }


def xlsx_sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet part (``xl/worksheets/sheet1.xml``) → the sheet's name, from the workbook."""
    try:
        workbook = archive.read("xl/workbook.xml")
        relations = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets: dict[str, str] = {}
    for tag in _RELATION_TAG.findall(relations):
        attributes = _attributes(tag)
        target = attributes.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[attributes.get("Id", "")] = str(PurePosixPath(part))
    names: dict[str, str] = {}
    for tag in _SHEET_TAG.findall(workbook):
        attributes = _attributes(tag)
        sheet_part = targets.get(attributes.get("id", ""))
        if sheet_part:
            names[sheet_part] = attributes.get("name", "")
    return names


def restore(cells: tuple[object, ...], errors: dict[int, str]) -> tuple[object, ...]:
    """``cells`` with the error texts put back at their columns."""
    row = list(cells)
    for column, text in errors.items():
        if column < len(row) and row[column] is None:
            row[column] = text
    return tuple(row)
