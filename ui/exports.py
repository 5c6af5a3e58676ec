"""Documents one click from the session: convocation, minutes and pack PDFs, in the background."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mipg_desktop.i18n import _
from mipg_desktop.progress import Progress
from mipg_desktop.storage.database import Database

if TYPE_CHECKING:
    from ui.tasks import Task, TaskRunner

DOCUMENT_LABELS = {
    "agenda": "Convocatoria y orden del día",
    "minutes": "Acta",
    "pack": "Paquete de la sesión",
}


def in_documents(name: str = "") -> str:
    """Where a file dialog opens: the person's Documents folder (never the program's)."""
    from PySide6.QtCore import QStandardPaths

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    base = Path(folder) if folder else Path.home()
    return str(base / name) if name else str(base)


def render_document(db: Database, document: str, session_id: int, progress: Progress) -> bytes:
    """Read the session (one transaction), then render; cancellable between the steps."""
    from mipg_desktop.documents import from_session
    from mipg_desktop.documents.model import RenderOptions

    options = RenderOptions(author=db.user_name)
    progress.update(0, 3, _("Leyendo la sesión…"))
    loader: Callable[..., Any]
    render: Callable[..., bytes]
    if document == "agenda":
        from mipg_desktop.documents import convocation_pdf

        loader, render = from_session.load_convocation, convocation_pdf.render_convocation
    elif document == "minutes":
        from mipg_desktop.documents import minutes_pdf

        loader, render = from_session.load_minutes, minutes_pdf.render_minutes
    else:
        from mipg_desktop.documents import pack_pdf

        loader, render = from_session.load_pack, pack_pdf.render_pack
    model: Any = loader(db, session_id)
    progress.update(1, 3, _("Generando el PDF…"))
    data: bytes = render(model, options)
    progress.update(2, 3, _("Guardando…"))
    return data


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
    on_done: Callable[[Path], None],
) -> Task:
    def work(progress: Progress) -> Path:
        data = render_document(db, document, session_id, progress)
        progress.check()
        out = write_atomically(target, data)
        progress.update(3, 3)
        return out

    label = _("Generando {what}…").format(what=_(DOCUMENT_LABELS[document]).lower())
    return runner.run_with_progress(label, work, on_done)
