"""Which spreadsheet a file really is, told by its content, and the checks made before parsing.

:func:`check_sheet_file` reads the file's signature (never trusting the extension alone),
refuses a mismatch between the two, refuses password-protected files with one plain message,
and runs the format's own pre-checks before any parser sees it:

- ``.xlsx`` / ``.xlsm`` (a zip with ``xl/workbook.xml``; macros are never run, only the cached
  cell values are read): :func:`~mipg_desktop.planning.xlsx_safety.check_workbook`;
- ``.ods`` (a zip with ``mimetype`` and ``content.xml``): :mod:`~mipg_desktop.planning.ods_safety`;
- ``.xls`` (an OLE container with a ``Workbook`` stream): :mod:`~mipg_desktop.planning.xls_safety`.

An encrypted ``.xlsx`` is an OLE container too, holding ``EncryptionInfo`` and
``EncryptedPackage`` streams instead of a zip; it is refused as password-protected.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.planning.cell_errors import ErrorCells
from mipg_desktop.planning.xlsx_safety import (
    MAX_FILE_BYTES,
    OLE_SIGNATURE,
    ZIP_SIGNATURE,
    refuse,
)

OOXML = "xlsx"
ODS = "ods"
XLS = "xls"
EXTENSIONS = {".xlsx": OOXML, ".xlsm": OOXML, ".ods": ODS, ".xls": XLS}
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_NAMES = {OOXML: ".xlsx / .xlsm", ODS: ".ods", XLS: ".xls"}
# for a file dialog's filter, e.g. _("Hojas de cálculo ({patterns})").format(patterns=…)
OPEN_PATTERNS = "*.xlsx *.xlsm *.ods *.xls"


def password_refusal(path: Path, place: str = "") -> ValidationError:
    """The one message for every password-protected workbook."""
    return refuse(
        path,
        _(
            "está protegido con contraseña. Ábralo en su programa de hojas de cálculo, "
            "guárdelo sin contraseña y vuelva a intentarlo."
        ),
        place,
    )


def _unknown(path: Path) -> ValidationError:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return refuse(path, _("no es un libro de Excel (.xlsx)."), _("firma del archivo"))
    return refuse(
        path,
        _("no es una hoja de cálculo que el programa lea (.xlsx, .xlsm, .ods o .xls)."),
        _("firma del archivo"),
    )


def _zip_kind(path: Path) -> str:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                mimetype = archive.read(info)[:200] if info.file_size < 200 else b""
                if mimetype.strip() == ODS_MIMETYPE:
                    return ODS
                if mimetype.startswith(b"application/vnd.oasis.opendocument"):
                    raise refuse(
                        path,
                        _("es un documento de OpenDocument, pero no una hoja de cálculo (.ods)."),
                        _("parte mimetype"),
                    )
            if "xl/workbook.bin" in names:
                raise refuse(
                    path,
                    _(
                        "es un libro binario de Excel (.xlsb); guárdelo como «Libro de Excel "
                        "(.xlsx)» y vuelva a intentarlo."
                    ),
                )
            if "content.xml" in names and "xl/workbook.xml" not in names:
                return ODS
    except zipfile.BadZipFile:
        pass  # check_workbook names the broken zip
    return OOXML


def _ole_kind(path: Path) -> str:
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            if ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage"):
                raise password_refusal(path)
            if not (ole.exists("Workbook") or ole.exists("Book")):
                raise refuse(
                    path,
                    _("es un documento de Office, pero no un libro de Excel."),
                    _("contenedor OLE"),
                )
    except ValidationError:
        raise
    except Exception as error:  # olefile raises several kinds on a damaged container
        raise refuse(
            path,
            _("parece un libro de Excel antiguo (.xls), pero está dañado ({error}).").format(
                error=error
            ),
            _("contenedor OLE"),
        ) from error
    return XLS


def detect_format(path: Path) -> str:
    """The format the content shows (OOXML, ODS or XLS); refuses anything else."""
    if not path.is_file():
        raise refuse(path, _("no existe o no es un archivo."))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise refuse(
            path,
            _("pesa {mb} MB; el máximo es {limit} MB.").format(
                mb=size // 2**20, limit=MAX_FILE_BYTES // 2**20
            ),
        )
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(OLE_SIGNATURE):
        return _ole_kind(path)
    if head.startswith(ZIP_SIGNATURE):
        return _zip_kind(path)
    raise _unknown(path)


def _check_extension(path: Path, kind: str) -> None:
    claimed = EXTENSIONS.get(path.suffix.lower())
    if claimed is None:
        raise refuse(
            path,
            _(
                "su extensión «{ext}» no es de una hoja de cálculo que el programa lea "
                "(.xlsx, .xlsm, .ods o .xls); su contenido es {kind}."
            ).format(ext=path.suffix or _("(ninguna)"), kind=_NAMES[kind]),
            _("extensión del archivo"),
        )
    if claimed != kind:
        raise refuse(
            path,
            _(
                "su extensión dice {claimed} pero su contenido es un libro {kind}; "
                "guárdelo de nuevo con la extensión correcta."
            ).format(claimed=path.suffix.lower(), kind=_NAMES[kind]),
            _("firma del archivo"),
        )


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed its checks: its format, and its formula-error cells by sheet."""

    kind: str
    errors: ErrorCells


def check_sheet_file(path: str | Path) -> CheckedFile:
    """Detect, match the extension, and run the format's pre-checks."""
    from mipg_desktop.planning import ods_safety, xls_safety, xlsx_safety

    path = Path(path)
    kind = detect_format(path)
    _check_extension(path, kind)
    if kind == OOXML:
        errors = xlsx_safety.check_workbook(path).errors
    elif kind == ODS:
        errors = ods_safety.check_ods(path)
    else:
        errors = xls_safety.check_xls(path)
    return CheckedFile(kind, errors)
