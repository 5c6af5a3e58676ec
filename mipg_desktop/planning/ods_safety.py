"""An ``.ods`` spreadsheet is hostile until proven otherwise: checks made before calamine parses it.

An OpenDocument spreadsheet is a zip holding ``mimetype``, ``META-INF/manifest.xml`` and
``content.xml`` (every sheet's cells). :func:`check_ods` refuses, quickly:

- zip bombs (too many parts, too much declared uncompressed data, an absurd ratio), exactly as
  for ``.xlsx`` (:func:`~mipg_desktop.planning.xlsx_safety.check_sizes`);
- a password-protected file (``manifest:encryption-data`` in the manifest);
- XML entity tricks (``<!DOCTYPE``/``<!ENTITY`` in any part; ``content.xml`` is also streamed
  through defusedxml, which forbids them);
- absurd sheets, counted while streaming ``content.xml`` and expanding
  ``number-rows-repeated`` / ``number-columns-repeated`` as the reader will: more than
  :data:`~mipg_desktop.planning.xlsx_safety.MAX_ROWS` rows up to the last filled one, a filled
  cell beyond ``MAX_COLUMNS``, more than ``MAX_CELLS`` filled cells, or a rectangle up to the
  farthest filled cell larger than ``MAX_AREA``. Empty rows and cells repeated to the sheet's
  edge, which LibreOffice always writes, cost nothing and are not counted.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from mipg_desktop.i18n import _
from mipg_desktop.planning.xlsx_safety import (
    MAX_AREA,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    check_sizes,
    prelude,
    refuse,
)

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
SHEET = _TABLE + "table"
ROW = _TABLE + "table-row"
CELLS = frozenset({_TABLE + "table-cell", _TABLE + "covered-table-cell"})
ROWS_REPEATED = _TABLE + "number-rows-repeated"
COLUMNS_REPEATED = _TABLE + "number-columns-repeated"
VALUE_TYPE = _OFFICE + "value-type"
ODS_PARTS = ("mimetype", "content.xml")


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


def _repeat(element: object, attribute: str) -> int:
    value = element.get(attribute)  # type: ignore[attr-defined]
    try:
        return max(int(value), 1) if value else 1
    except ValueError:
        return 1


class _Scan:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.sheet = _Count("")

    def place(self) -> str:
        return _("hoja «{sheet}», fila {row}").format(sheet=self.sheet.name, row=self.sheet.row + 1)

    def cell(self, element: object) -> None:
        sheet = self.sheet
        repeat = _repeat(element, COLUMNS_REPEATED)
        sheet.column += repeat
        filled = element.get(VALUE_TYPE) is not None or len(element) > 0  # type: ignore[attr-defined, arg-type]
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

    def row(self, element: object) -> None:
        sheet = self.sheet
        repeat = _repeat(element, ROWS_REPEATED)
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


def _scan_content(path: Path, archive: zipfile.ZipFile) -> int:
    """Stream ``content.xml``, refusing absurd sheets; returns the number of sheets."""
    from defusedxml.ElementTree import iterparse

    scan = _Scan(path)
    sheets = 0
    with archive.open("content.xml") as handle:
        for event, element in iterparse(handle, events=("start", "end"), forbid_dtd=True):
            tag = element.tag
            if event == "start":
                if tag == SHEET:
                    sheets += 1
                    scan.sheet = _Count(element.get(_TABLE + "name") or str(sheets))
                continue
            if tag in CELLS:
                scan.cell(element)
                element.clear()
            elif tag == ROW:
                scan.row(element)
                element.clear()
    return sheets


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


def check_ods(path: str | Path) -> None:
    """Refuse a hostile or password-protected ``.ods`` before any parsing (module docstring)."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException

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
                _scan_content(path, archive)
            except (ParseError, DefusedXmlException) as error:
                raise refuse(
                    path,
                    _("su contenido no es XML válido ({error}).").format(error=error),
                    _("parte content.xml"),
                ) from error
    except zipfile.BadZipFile as error:
        raise refuse(path, _("no es un libro .ods válido: el zip está dañado.")) from error
    except (OSError, RuntimeError, NotImplementedError) as error:
        raise refuse(path, _("no se pudo leer ({error}).").format(error=error)) from error
