"""Writing produced files (PDFs, workbooks): checked first, written whole, with the usual mode."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from mipg_desktop.errors import MipgError
from mipg_desktop.i18n import _


def check_output(path: Path | str) -> Path:
    """Refuse, before any work, a folder given as the file, or a folder that does not exist."""
    path = Path(path).expanduser()
    if not str(path).strip():
        raise MipgError(_("Indique el archivo de salida."))
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise MipgError(
            _("{path} es una carpeta; indique el nombre del archivo.").format(path=path)
        )
    if not folder.is_dir():
        raise MipgError(_("La carpeta {folder} no existe.").format(folder=folder))
    return path


def current_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def write_atomically(path: Path | str, write: Callable[[Path], object]) -> Path:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place.

    A failed write never leaves half a file; the result gets ``0o666`` less the umask,
    not the private mode of a temporary file.
    """
    path = check_output(path)
    handle, temp = tempfile.mkstemp(prefix=".mipg-", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    try:
        write(Path(temp))
        os.chmod(temp, 0o666 & ~current_umask())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path
