"""Documents one click from the session: convocation, minutes and pack PDFs, in the background."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from mipg_desktop.i18n import _
from mipg_desktop.progress import Progress
from mipg_desktop.storage.database import Database

if TYPE_CHECKING:
    from mipg_desktop.documents.output import Rendered
    from ui.tasks import Task, TaskRunner

DOCUMENT_LABELS = {
    "agenda": "Convocatoria y orden del día",
    "minutes": "Acta",
    "pack": "Paquete de la sesión",
    "errata": "Fe de erratas",
}


def in_documents(name: str = "") -> str:
    """Where a file dialog opens: the person's Documents folder (never the program's), or
    the home folder when there is no Documents folder."""
    from PySide6.QtCore import QStandardPaths

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    base = Path(folder) if folder and Path(folder).is_dir() else Path.home()
    return str(base / name) if name else str(base)


def render_document(db: Database, document: str, session_id: int, progress: Progress) -> Rendered:
    """The document as the CLI prints it (an approved acta: the bytes stored at approval)."""
    from mipg_desktop.documents.output import document_bytes

    rendered = document_bytes(db, document, session_id, progress=progress)
    progress.update(2, 3, _("Guardando…"))
    return rendered


def write_atomically(target: Path, data: bytes) -> Path:
    handle, temp = tempfile.mkstemp(prefix=".mipg-", suffix=".pdf", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target


def export_document(
    runner: TaskRunner,
    db: Database,
    document: str,
    session_id: int,
    target: Path,
    on_done: Callable[[Path, str], None],
) -> Task:
    """Render and write in the background; ``on_done(path, notice)`` (notice: "" or one
    line the person should read, e.g. an acta of a session not yet held)."""

    def work(progress: Progress) -> tuple[Path, str]:
        rendered = render_document(db, document, session_id, progress)
        progress.check()
        out = write_atomically(target, rendered.data)
        progress.update(3, 3)
        return out, rendered.notice

    def done(result: tuple[Path, str]) -> None:
        on_done(*result)

    label = _("Generando {what}…").format(what=_(DOCUMENT_LABELS[document]).lower())
    return runner.run_with_progress(label, work, done)
