"""An ``.ods`` spreadsheet is hostile until proven otherwise: checks made before calamine parses it.

An OpenDocument spreadsheet is a zip holding ``mimetype``, ``META-INF/manifest.xml`` and
``content.xml`` (every sheet's cells). :func:`check_ods` refuses, quickly:

- zip bombs (too many parts, too much declared uncompressed data, an absurd ratio), exactly as
  for ``.xlsx`` (:func:`~mipg_desktop.planning.xlsx_safety.check_sizes`);
- a password-protected file (``manifest:encryption-data`` in the manifest);
- XML entity tricks (``<!DOCTYPE``/``<!ENTITY`` in any part; ``content.xml`` is also streamed
  through expat with handlers that stop at any declaration);
- absurd sheets, counted while streaming ``content.xml`` and expanding
  ``number-rows-repeated`` / ``number-columns-repeated`` as the reader will: more than
  :data:`~mipg_desktop.planning.xlsx_safety.MAX_ROWS` rows up to the last filled one, a filled
  cell beyond ``MAX_COLUMNS``, more than ``MAX_CELLS`` filled cells, or a rectangle up to the
  farthest filled cell larger than ``MAX_AREA``. Empty rows and cells repeated to the sheet's
  edge, which LibreOffice always writes, cost nothing and are not counted.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mipg_desktop.i18n import _
from mipg_desktop.planning.cell_errors import ErrorCells, note
from mipg_desktop.planning.xlsx_safety import (
    MAX_AREA,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    check_sizes,
    prelude,
    refuse,
)

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0 "
SHEET = _TABLE + "table"
ROW = _TABLE + "table-row"
CELLS = frozenset({_TABLE + "table-cell", _TABLE + "covered-table-cell"})
ROWS_REPEATED = _TABLE + "number-rows-repeated"
COLUMNS_REPEATED = _TABLE + "number-columns-repeated"
VALUE_TYPE = _OFFICE + "value-type"
CALC_VALUE_TYPE = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0 value-type"
ODS_PARTS = ("mimetype", "content.xml")
CHUNK = 1 << 20


@dataclass
class _Count:
    """One sheet's sizes while streaming; rows and columns numbered from 1."""

    name: str
    row: int = 0
    last_row: int = 0
    column: int = 0
    row_width: int = 0
    row_cells: int = 0
    width: int = 0
    cells: int = 0
    errors: dict[int, dict[int, str]] = field(default_factory=dict)


def _repeat(attributes: dict[str, str], name: str) -> int:
    value = attributes.get(name)
    try:
        return max(int(value), 1) if value else 1
    except ValueError:
        return 1


class _Scan:
    """Expat handlers counting what the reader will hold (element names carry namespaces)."""

    def __init__(self, path: Path, parser: Any) -> None:
        self.path, self.parser = path, parser
        self.sheet = _Count("")
        self.sheets = 0
        self.row_repeat = 1
        self.cell_repeat = 0  # > 0 while inside a cell
        self.cell_filled = False
        self.error: list[str] | None = None  # the text of a formula-error cell, while in one
        self.errors: ErrorCells = {}

    def place(self) -> str:
        return _("hoja «{sheet}», fila {row}").format(sheet=self.sheet.name, row=self.sheet.row + 1)

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if self.cell_repeat:
            self.cell_filled = True  # a cell with content (text:p, an annotation…)
        elif name in CELLS:
            self.cell_repeat = _repeat(attributes, COLUMNS_REPEATED)
            self.cell_filled = VALUE_TYPE in attributes
            if attributes.get(CALC_VALUE_TYPE) == "error":
                self.error = []
                self.parser.CharacterDataHandler = self.text  # only here: text costs a call
        elif name == ROW:
            self.row_repeat = _repeat(attributes, ROWS_REPEATED)
        elif name == SHEET:
            self.sheets += 1
            self.sheet = _Count(attributes.get(_TABLE + "name") or str(self.sheets))
            self.errors[self.sheet.name] = self.sheet.errors

    def text(self, data: str) -> None:
        if self.error is not None and len(self.error) < 10:
            self.error.append(data)

    def end(self, name: str) -> None:
        if name in CELLS:
            if self.error is not None:
                self.parser.CharacterDataHandler = None
                text = "".join(self.error)
                note(self.sheet.errors, self.sheet.row + 1, self.sheet.column, text)
            self._cell(self.cell_repeat, self.cell_filled)
            self.cell_repeat, self.error = 0, None
        elif name == ROW:
            self._row(self.row_repeat)

    def _cell(self, repeat: int, filled: bool) -> None:
        sheet = self.sheet
        sheet.column += repeat
        if not filled:
            return
        if sheet.column > MAX_COLUMNS:
            raise refuse(
                self.path,
                _("usa la columna {col}; el máximo es {limit} columnas.").format(
                    col=sheet.column, limit=MAX_COLUMNS
                ),
                self.place(),
            )
        sheet.row_width = sheet.column
        sheet.row_cells += repeat

    def _row(self, repeat: int) -> None:
        sheet = self.sheet
        if sheet.row_cells:
            sheet.last_row = sheet.row + repeat
            sheet.width = max(sheet.width, sheet.row_width)
            sheet.cells += sheet.row_cells * repeat
            self._limits()
        sheet.row += repeat
        sheet.column = sheet.row_width = sheet.row_cells = 0

    def _limits(self) -> None:
        sheet = self.sheet
        if sheet.last_row > MAX_ROWS:
            raise refuse(
                self.path, _("tiene más de {limit} filas.").format(limit=MAX_ROWS), self.place()
            )
        if sheet.cells > MAX_CELLS:
            raise refuse(
                self.path, _("tiene más de {limit} celdas.").format(limit=MAX_CELLS), self.place()
            )
        if sheet.last_row * sheet.width > MAX_AREA:
            raise refuse(
                self.path,
                _(
                    "sus celdas llegan hasta la fila {rows} y la columna {cols}: más de {limit} "
                    "celdas de área."
                ).format(rows=sheet.last_row, cols=sheet.width, limit=MAX_AREA),
                self.place(),
            )


def _no_declarations(*_args: object) -> None:
    raise ValueError("DOCTYPE/ENTITY")


def _scan_content(path: Path, archive: zipfile.ZipFile) -> ErrorCells:
    """Stream ``content.xml`` through expat, refusing absurd sheets; returns the formula
    errors by sheet name (see :mod:`~mipg_desktop.planning.cell_errors`).

    A DOCTYPE or entity declaration stops the parse (the prelude check refused them already).
    """
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator=" ")
    scan = _Scan(path, parser)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _no_declarations
    parser.EntityDeclHandler = _no_declarations
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.buffer_text = True
    with archive.open("content.xml") as handle:
        while chunk := handle.read(CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    return {name: found for name, found in scan.errors.items() if found}


def _check_manifest(path: Path, archive: zipfile.ZipFile, names: set[str]) -> None:
    from mipg_desktop.planning.sheet_formats import password_refusal

    manifest = "META-INF/manifest.xml"
    if manifest not in names:
        return
    info = archive.getinfo(manifest)
    data = prelude(path, archive, info)
    with archive.open(info) as handle:
        data = handle.read(4 * 2**20)
    if b"encryption-data" in data:
        raise password_refusal(path, _("parte {part}").format(part=manifest))


def check_ods(path: str | Path) -> ErrorCells:
    """Refuse a hostile or password-protected ``.ods`` before any parsing (module docstring)."""
    from xml.parsers.expat import ExpatError

    path = Path(path)
    kind = _("de OpenDocument (.ods)")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            _check_manifest(path, archive, names)
            check_sizes(path, archive, ODS_PARTS, kind)
            for info in archive.infolist():
                if info.filename.endswith((".xml", ".rdf")):
                    prelude(path, archive, info)
            try:
                return _scan_content(path, archive)
            except (ExpatError, ValueError) as error:
                raise refuse(
                    path,
                    _("su contenido no es XML válido ({error}).").format(error=error),
                    _("parte content.xml"),
                ) from error
    except zipfile.BadZipFile as error:
        raise refuse(path, _("no es un libro .ods válido: el zip está dañado.")) from error
    except (OSError, RuntimeError, NotImplementedError) as error:
        raise refuse(path, _("no se pudo leer ({error}).").format(error=error)) from error
