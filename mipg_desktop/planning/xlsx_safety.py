"""An .xlsx is hostile until proven otherwise: checks made before calamine parses it.

:func:`check_workbook` refuses, quickly and without inflating anything large:

- what is not an ``.xlsx`` workbook (wrong signature, broken zip, missing parts, old ``.xls``);
- zip bombs: too many parts, too much declared uncompressed data in total, or a part whose
  compression ratio is absurd (zipfile never yields more than the declared size: a part that
  lies fails its CRC);
- XML entity tricks: any ``<!DOCTYPE`` or ``<!ENTITY`` before a part's root element (a real
  workbook has none); openpyxl, which still writes workbooks and is used by tests to read
  them, parses through defusedxml when it is installed, which :func:`check_defused` verifies;
- absurd sheets: a declared dimension beyond :data:`MAX_ROWS` rows or :data:`MAX_COLUMNS`
  columns, or more than :data:`MAX_ROWS` ``<row>`` elements counted while streaming the part
  (the dimension can be missing or lie; openpyxl would parse a whole sheet without one just
  to size it), a cell reference beyond :data:`MAX_COLUMNS` or more than :data:`MAX_CELLS`
  cells met on the way, or a rectangle from A1 to the last row and the farthest column met
  larger than :data:`MAX_AREA` cells (the reader holds a sheet as one rectangle; a cell
  reference past row 99,999 is refused outright). Importers also stop at :data:`MAX_ROWS`
  while reading, and read only up to the used width (:func:`used_width`).

The same limits hold for ``.ods`` (:mod:`~mipg_desktop.planning.ods_safety`) and ``.xls``
(:mod:`~mipg_desktop.planning.xls_safety`); :mod:`~mipg_desktop.planning.sheet_formats`
chooses the checks by the file's content.

Each refusal is a :class:`~mipg_desktop.errors.ValidationError` naming the file and the place.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.planning.cell_errors import ErrorCells, scan_xlsx, xlsx_sheet_names

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
MAX_PARTS = 2000
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 1000
PRELUDE_LIMIT = 64 * 1024
ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_ROOT_START = re.compile(rb"<[A-Za-z_]")
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"')
_TRICKS = (b"<!DOCTYPE", b"<!ENTITY")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
# a cell reference with three letters or more (AAA = column 703): the only ones that can pass
# MAX_COLUMNS; row elements carry a bare number in their r attribute. The literal start keeps
# the scan fast (no leading \s).
_WIDE_REF = re.compile(rb"""r=["']([A-Z]{3,})([0-9]+)""")
MAX_CELLS = 5_000_000
# the reader (calamine) holds a sheet as one rectangle from its first to its farthest cell:
# rows × columns of that rectangle, about 32 bytes each
MAX_AREA = 4_000_000
_CELL_TAGS = (b"<c ", b"<c>", b"<c/")
_ROW_NUMBER = re.compile(rb'row r="(\d+)"')
_BEYOND: dict[int, re.Pattern[bytes]] = {}
# a cell reference past row 99,999 (six digits or more): beyond MAX_ROWS
_FAR_ROW = re.compile(rb"""r=["']([A-Z]{1,3}[0-9]{6,})""")


@dataclass(frozen=True)
class WorkbookCheck:
    """What the checks learnt: the sheets' declared sizes, by part name."""

    path: Path
    uncompressed_bytes: int
    declared_rows: dict[str, int]
    errors: ErrorCells = field(default_factory=dict)  # formula errors, by sheet name


def refuse(path: Path, reason: str, place: str = "") -> ValidationError:
    message = _("El archivo {name} fue rechazado: {reason}").format(name=path.name, reason=reason)
    return ValidationError(message, [place] if place else [])


def column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def _signature(path: Path) -> None:
    if not path.is_file():
        raise refuse(path, _("no existe o no es un archivo."))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise refuse(path, _("pesa {mb} MB; el máximo es 50 MB.").format(mb=size // 2**20))
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(OLE_SIGNATURE):
        raise refuse(
            path,
            _(
                "es un libro de Excel antiguo (.xls) o protegido con contraseña; ábralo en Excel "
                "y guárdelo como «Libro de Excel (.xlsx)» sin contraseña."
            ),
        )
    if not head.startswith(ZIP_SIGNATURE):
        raise refuse(path, _("no es un libro de Excel (.xlsx)."), _("firma del archivo"))


OOXML_PARTS = ("[Content_Types].xml", "xl/workbook.xml")


def check_sizes(
    path: Path, archive: zipfile.ZipFile, needed: Sequence[str] = OOXML_PARTS, kind: str = ""
) -> int:
    """Refuse zip bombs (parts, total and ratio) and a zip missing its ``needed`` parts."""
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise refuse(path, _("contiene {n} partes; parece una bomba zip.").format(n=len(infos)))
    total = 0
    for info in infos:
        total += info.file_size
        if total > MAX_UNCOMPRESSED_BYTES:
            raise refuse(
                path,
                _("descomprimido ocuparía más de {mb} MB; parece una bomba zip.").format(
                    mb=MAX_UNCOMPRESSED_BYTES // 2**20
                ),
                _("parte {part}").format(part=info.filename),
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
            raise refuse(
                path,
                _("una parte se comprime {ratio:.0f} veces; parece una bomba zip.").format(
                    ratio=ratio
                ),
                _("parte {part}").format(part=info.filename),
            )
    names = {i.filename for i in infos}
    for part in needed:
        if part not in names:
            raise refuse(
                path,
                _("no es un libro {kind}: le falta {part}.").format(
                    kind=kind or _("de Excel (.xlsx)"), part=part
                ),
                _("parte {part}").format(part=part),
            )
    return total


def prelude(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The part's bytes up to its root element; refuses DTDs and entities."""
    buffer = b""
    with archive.open(info) as handle:
        while len(buffer) < PRELUDE_LIMIT:
            chunk = handle.read(4096)
            if not chunk:
                break
            buffer += chunk
            match = _ROOT_START.search(buffer)
            if match:
                head = buffer[: match.start()]
                if any(t in head.upper() for t in _TRICKS):
                    break
                return buffer
    upper = buffer.upper()
    if any(t in upper for t in _TRICKS) or len(buffer) >= PRELUDE_LIMIT:
        raise refuse(
            path,
            _("contiene declaraciones XML (DOCTYPE/ENTITY) que un libro de Excel no usa."),
            _("parte {part}").format(part=info.filename),
        )
    return buffer


def _declared_rows(path: Path, info: zipfile.ZipInfo, head: bytes, archive: zipfile.ZipFile) -> int:
    match = _DIMENSION.search(head)
    if match is None:
        with archive.open(info) as handle:
            match = _DIMENSION.search(handle.read(PRELUDE_LIMIT))
    if match is None:
        return 0
    last_col = (match.group(3) or match.group(1) or b"A").decode("ascii")
    last_row = int(match.group(4) or match.group(2) or 0)
    place = _("hoja {part}").format(part=PurePosixPath(info.filename).stem)
    if last_row > MAX_ROWS:
        raise refuse(
            path,
            _("declara {n} filas; el máximo es {limit}.").format(n=last_row, limit=MAX_ROWS),
            place,
        )
    if column_number(last_col) > MAX_COLUMNS:
        raise refuse(
            path,
            _("declara la columna {col}; el máximo es {limit} columnas.").format(
                col=last_col, limit=MAX_COLUMNS
            ),
            place,
        )
    return last_row


def _count_rows(
    path: Path,
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    errors: dict[int, dict[int, str]] | None = None,
) -> int:
    """Count ``<row>`` elements by streaming the part; refuse past :data:`MAX_ROWS`.

    Also refuses, on the way, a cell reference beyond :data:`MAX_COLUMNS`, more than
    :data:`MAX_CELLS` cells and a rectangle beyond :data:`MAX_AREA`; notes formula errors in
    ``errors`` (see :mod:`~mipg_desktop.planning.cell_errors`).
    """
    count = cells = last_row = 0
    width = 26
    tail = error_tail = b""
    found: dict[int, dict[int, str]] = {} if errors is None else errors
    place = _("hoja {part}").format(part=PurePosixPath(info.filename).stem)
    with archive.open(info) as handle:
        while chunk := handle.read(1 << 20):
            buffer = tail + chunk
            # matches wholly inside the tail were counted with the previous chunk
            count += len(_ROW_TAG.findall(buffer)) - len(_ROW_TAG.findall(tail))
            if count > MAX_ROWS:
                raise refuse(path, _("tiene más de {limit} filas.").format(limit=MAX_ROWS), place)
            cells += sum(chunk.count(tag) for tag in _CELL_TAGS)
            if cells > MAX_CELLS:
                raise refuse(path, _("tiene más de {limit} celdas.").format(limit=MAX_CELLS), place)
            width = _check_columns(path, buffer, place, width)
            last_row = max(last_row, count, _last_row(buffer))
            _check_area(path, last_row, width, place)
            scan_xlsx(error_tail + chunk, found)
            tail, error_tail = buffer[-16:], buffer[-300:]
    return count


def _last_row(buffer: bytes) -> int:
    """The number of the chunk's last ``<row r="N">`` (rows come in order in a workbook)."""
    match = _ROW_NUMBER.match(buffer, max(buffer.rfind(b'row r="'), 0))
    return int(match.group(1)) if match else 0


def _check_area(path: Path, rows: int, columns: int, place: str) -> None:
    if rows > MAX_ROWS:
        raise refuse(path, _("tiene más de {limit} filas.").format(limit=MAX_ROWS), place)
    if rows * columns > MAX_AREA:
        raise refuse(
            path,
            _(
                "sus celdas llegan hasta la fila {rows} y la columna {cols}: más de {limit} "
                "celdas de área."
            ).format(rows=rows, cols=columns, limit=MAX_AREA),
            place,
        )


def _beyond(width: int) -> re.Pattern[bytes]:
    """A cell reference of two letters past column ``width`` (26 ≤ width < 702).

    Searching only past the farthest column met so far keeps the scan a fast miss on the
    usual sheet, instead of collecting every reference.
    """
    pattern = _BEYOND.get(width)
    if pattern is None:
        first, second = divmod(width, 26)  # the next column is (first, second + 1), 1-based
        options = [b"%c[%c-Z]" % (64 + first, 65 + second)] if second < 26 else []
        if first < 26:
            options.append(b"[%c-Z][A-Z]" % (65 + first))
        alternatives = b"|".join(options) or b"(?!)"
        pattern = re.compile(rb"""r=["'](""" + alternatives + rb")[0-9]")
        _BEYOND[width] = pattern
    return pattern


def _farthest_two_letters(buffer: bytes, width: int) -> int:
    width = max(width, 26)
    while width < 702 and (match := _beyond(width).search(buffer)):
        width = column_number(match.group(1).decode("ascii"))
    return width


def _check_columns(path: Path, buffer: bytes, place: str, width: int = 26) -> int:
    """Refuse cells past MAX_COLUMNS or past row 99,999; returns the farthest column seen
    (``width``, the farthest seen before, at least)."""
    far = _FAR_ROW.search(buffer)
    if far:
        raise refuse(
            path,
            _("tiene más de {limit} filas.").format(limit=MAX_ROWS),
            _("{place}, celda {cell}").format(place=place, cell=far.group(1).decode("ascii")),
        )
    width = _farthest_two_letters(buffer, width)
    for match in _WIDE_REF.finditer(buffer):
        letters = match.group(1)
        if len(letters) > 3 or column_number(letters.decode("ascii")) > MAX_COLUMNS:
            raise refuse(
                path,
                _("usa la columna {col}; el máximo es {limit} columnas.").format(
                    col=letters.decode("ascii"), limit=MAX_COLUMNS
                ),
                _("{place}, celda {cell}").format(
                    place=place, cell=(letters + match.group(2)).decode("ascii")
                ),
            )
        width = max(width, column_number(letters.decode("ascii")))
    return width


def check_workbook(path: str | Path) -> WorkbookCheck:
    """Refuse a hostile or foreign file before any parsing; see the module docstring."""
    path = Path(path)
    _signature(path)
    try:
        with zipfile.ZipFile(path) as archive:
            total = check_sizes(path, archive)
            rows: dict[str, int] = {}
            errors: ErrorCells = {}
            names = None
            for info in archive.infolist():
                if not info.filename.endswith((".xml", ".rels", ".vml")):
                    continue
                head = prelude(path, archive, info)
                if info.filename.startswith("xl/worksheets/"):
                    rows[info.filename] = _declared_rows(path, info, head, archive)
                    found: dict[int, dict[int, str]] = {}
                    _count_rows(path, archive, info, found)
                    if found:
                        names = xlsx_sheet_names(archive) if names is None else names
                        errors[names.get(info.filename, info.filename)] = found
    except zipfile.BadZipFile as error:
        raise refuse(path, _("no es un libro de Excel (.xlsx) válido: el zip está dañado.")) from (
            error
        )
    except (OSError, RuntimeError, NotImplementedError) as error:
        raise refuse(path, _("no se pudo leer ({error}).").format(error=error)) from error
    return WorkbookCheck(path, total, rows, errors)


def check_defused() -> bool:
    """True when openpyxl parses XML through defusedxml (it does when defusedxml is installed)."""
    from openpyxl.xml import DEFUSEDXML

    return bool(DEFUSEDXML)


def used_width(rows: Iterable[Sequence[object]]) -> int:
    """Columns up to the last filled cell of ``rows`` (at least 1): ``max_col`` for the rest.

    Reading with ``max_col`` keeps openpyxl from padding every row up to a far-away cell.
    """
    width = 1
    for cells in rows:
        for index in range(len(cells) - 1, width - 1, -1):
            value = cells[index]
            if value is not None and not (isinstance(value, str) and not value.strip()):
                width = index + 1
                break
    return width


def too_many_rows(path: Path, sheet: str, row: int, limit: int = MAX_ROWS) -> ValidationError:
    return refuse(
        path,
        _("tiene más de {limit} filas.").format(limit=limit),
        _("hoja «{sheet}», fila {row}").format(sheet=sheet, row=row),
    )
