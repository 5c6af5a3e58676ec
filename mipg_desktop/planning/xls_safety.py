"""An old ``.xls`` workbook is hostile until proven otherwise: checks made before parsing it.

A ``.xls`` is an OLE container whose ``Workbook`` (or, before Excel 97, ``Book``) stream is a
sequence of BIFF records. :func:`check_xls` walks those records once, without building any
cell, and refuses:

- a password-protected workbook (a ``FILEPASS`` record in the workbook globals);
- a stream larger than the file limit;
- a sheet whose cells reach beyond :data:`~mipg_desktop.planning.xlsx_safety.MAX_AREA` cells
  of rectangle (the reader holds a sheet as one rectangle from A1 to its farthest cell), or
  with more than :data:`~mipg_desktop.planning.xlsx_safety.MAX_CELLS` cells.

Rows and columns need no check of their own: BIFF8 stops at 65,536 rows and 256 columns,
below :data:`~mipg_desktop.planning.xlsx_safety.MAX_ROWS` and ``MAX_COLUMNS``.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

from mipg_desktop.i18n import _
from mipg_desktop.planning.cell_errors import XLS_ERRORS, ErrorCells, note
from mipg_desktop.planning.xlsx_safety import MAX_AREA, MAX_CELLS, MAX_FILE_BYTES, refuse

BOF = 0x0809
EOF = 0x000A
FILEPASS = 0x002F
BOUNDSHEET = 0x0085
FORMULA = 0x0006
BOOLERR = 0x0205
# LABELSST, NUMBER, RK, FORMULA, BOOLERR, LABEL, RSTRING, BLANK: row and column first
SINGLE_CELLS = frozenset({0x00FD, 0x0203, 0x027E, 0x0006, 0x0205, 0x0204, 0x00D6, 0x0201})
# MULRK, MULBLANK: row, first column, …, last column in the record's last two bytes
MULTI_CELLS = frozenset({0x00BD, 0x00BE})
_HEADER = struct.Struct("<HH")


@dataclass
class _Substream:
    index: int
    rows: int = 0
    columns: int = 0
    cells: int = 0
    errors: dict[int, dict[int, str]] = field(default_factory=dict)


def _stream(path: Path) -> bytes:
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
            if name is None:
                raise refuse(
                    path,
                    _("no es un libro de Excel (.xls): le falta la parte «Workbook»."),
                    _("contenedor OLE"),
                )
            if ole.get_size(name) > MAX_FILE_BYTES:
                raise refuse(path, _("su libro interno es demasiado grande."), _("parte Workbook"))
            with ole.openstream(name) as stream:
                return bytes(stream.read(MAX_FILE_BYTES + 1))
    except OSError as error:
        raise refuse(path, _("no se pudo leer ({error}).").format(error=error)) from error


def _sheet_names(data: bytes, position: int, size: int) -> str:
    """The name in a BOUNDSHEET record (BIFF8: flags byte, then Latin-1 or UTF-16LE)."""
    payload = data[position + 4 : position + 4 + size]
    if len(payload) < 8:
        return ""
    length, flags = payload[6], payload[7]
    raw = payload[8:]
    if flags & 1:
        return raw[: 2 * length].decode("utf-16-le", "replace")
    return raw[:length].decode("latin-1")


def _refuse_sheet(path: Path, sheet: _Substream, names: list[str]) -> None:
    name = names[sheet.index] if sheet.index < len(names) else str(sheet.index + 1)
    place = _("hoja «{sheet}»").format(sheet=name)
    if sheet.cells > MAX_CELLS:
        raise refuse(path, _("tiene más de {limit} celdas.").format(limit=MAX_CELLS), place)
    if sheet.rows * sheet.columns > MAX_AREA:
        raise refuse(
            path,
            _(
                "sus celdas llegan hasta la fila {rows} y la columna {cols}: más de {limit} "
                "celdas de área."
            ).format(rows=sheet.rows, cols=sheet.columns, limit=MAX_AREA),
            place,
        )


def _error(data: bytes, position: int, kind: int, size: int) -> str | None:
    """The error a BOOLERR cell holds, or a FORMULA cell's cached error; else ``None``."""
    payload = position + 4
    if kind == BOOLERR and size >= 8 and data[payload + 7] == 1:
        return XLS_ERRORS.get(data[payload + 6], "#N/A")
    cached = data[payload + 6 : payload + 14] if kind == FORMULA and size >= 14 else b""
    if cached[:1] == b"\x02" and cached[6:] == b"\xff\xff":  # a cached error result
        return XLS_ERRORS.get(cached[2], "#N/A")
    return None


def scan_records(path: Path, data: bytes, errors: ErrorCells | None = None) -> int:
    """Walk the BIFF records; refuse as the module docstring says. Returns the sheet count.

    Formula errors are noted in ``errors`` by sheet name (see
    :mod:`~mipg_desktop.planning.cell_errors`).
    """
    names: list[str] = []
    sheet: _Substream | None = None
    substreams = position = nested = 0
    end = len(data)
    unpack = _HEADER.unpack_from
    while position + 4 <= end:
        kind, size = unpack(data, position)
        if kind in SINGLE_CELLS and sheet is not None and size >= 4:
            row, column = unpack(data, position + 4)
            sheet.cells += 1
            sheet.rows = max(sheet.rows, row + 1)
            sheet.columns = max(sheet.columns, column + 1)
            if kind in (BOOLERR, FORMULA) and (text := _error(data, position, kind, size)):
                note(sheet.errors, row + 1, column, text)
        elif kind in MULTI_CELLS and sheet is not None and size >= 6:
            row, first = unpack(data, position + 4)
            (last,) = struct.unpack_from("<H", data, position + 2 + size)
            sheet.cells += max(last - first + 1, 0)
            sheet.rows = max(sheet.rows, row + 1)
            sheet.columns = max(sheet.columns, last + 1)
        elif kind == BOF:
            if sheet is not None:
                nested += 1  # a chart inside a sheet: its cells belong to no grid
            else:
                if substreams:
                    sheet = _Substream(substreams - 1)
                substreams += 1
        elif kind == EOF and sheet is not None:
            if nested:
                nested -= 1
            else:
                _refuse_sheet(path, sheet, names)
                if sheet.errors and errors is not None and sheet.index < len(names):
                    errors[names[sheet.index]] = sheet.errors
                sheet = None
        elif kind == FILEPASS and sheet is None:
            from mipg_desktop.planning.sheet_formats import password_refusal

            raise password_refusal(path)
        elif kind == BOUNDSHEET and sheet is None:
            names.append(_sheet_names(data, position, size))
        if sheet is not None and sheet.cells > MAX_CELLS:
            _refuse_sheet(path, sheet, names)
        position += 4 + size
    if sheet is not None:
        _refuse_sheet(path, sheet, names)
    return len(names)


def check_xls(path: str | Path) -> ErrorCells:
    """Refuse a hostile or password-protected ``.xls`` before calamine parses it; returns its
    formula errors by sheet name."""
    path = Path(path)
    data = _stream(path)
    if len(data) > MAX_FILE_BYTES:
        raise refuse(path, _("su libro interno es demasiado grande."), _("parte Workbook"))
    if not data.startswith(struct.pack("<H", BOF)):
        raise refuse(
            path,
            _("no es un libro de Excel (.xls) válido: su parte «Workbook» no empieza bien."),
            _("parte Workbook"),
        )
    errors: ErrorCells = {}
    scan_records(path, data, errors)
    return errors
