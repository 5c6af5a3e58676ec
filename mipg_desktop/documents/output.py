"""The one way to get a session's document: the CLI and the window both print through here.

An approved acta prints as it was stored at approval (its latest signed version), never
rebuilt from tables that stay editable; a copy of it is printed from its snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mipg_desktop.i18n import _
from mipg_desktop.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from mipg_desktop.storage.database import Database

DOCUMENTS = ("agenda", "minutes", "pack", "errata")


@dataclass(frozen=True)
class Rendered:
    data: bytes
    notice: str = ""  # one line the person should read ("" when nothing)


def _options(db: Database, paper: str, copy: bool) -> Any:
    from mipg_desktop.documents.model import RenderOptions

    return RenderOptions(page_size=paper, author=db.user_name, copy=copy)


def _approved_minutes(db: Database, session_id: int, paper: str, copy: bool) -> Rendered | None:
    from mipg_desktop.committees import acta_record

    stored = acta_record.approved_acta(db, session_id)
    if stored is None:
        return None
    if not copy:
        notice = stored.notice
        if paper != "letter":
            notice = _("El acta aprobada se imprime tal como se aprobó, en su tamaño de papel.")
        return Rendered(stored.data, notice)
    from mipg_desktop.committees.common import unit_of_work
    from mipg_desktop.documents.minutes_pdf import render_minutes

    with unit_of_work(db, write=False) as session:
        snapshot = acta_record.snapshot_of(session, session_id)
    assert snapshot is not None  # approved_acta stored it
    minutes = acta_record.snapshot_minutes(snapshot)
    return Rendered(render_minutes(minutes, _options(db, paper, True)))


def document_bytes(
    db: Database,
    document: str,
    session_id: int,
    paper: str = "letter",
    *,
    copy: bool = False,
    progress: Progress = NO_PROGRESS,
) -> Rendered:
    """``document``: agenda (convocation), minutes (acta), pack, or errata (the fe de
    erratas of an approved acta: its own document)."""
    from mipg_desktop.documents import from_session

    if document == "errata":
        from mipg_desktop.documents.erratum_pdf import load_errata, render_errata
        from mipg_desktop.errors import ValidationError

        errata = load_errata(db, session_id)
        if errata is None:
            raise ValidationError(_("La sesión no tiene un acta aprobada con fe de erratas."))
        return Rendered(render_errata(errata, _options(db, paper, copy)))

    progress.update(0, 3, _("Leyendo la sesión…"))
    if document == "minutes":
        stored = _approved_minutes(db, session_id, paper, copy)
        if stored is not None:
            progress.update(2, 3)
            return stored
        from mipg_desktop.documents import minutes_pdf

        minutes = from_session.load_minutes(db, session_id)
        progress.check()
        progress.update(1, 3, _("Generando el PDF…"))
        data = minutes_pdf.render_minutes(minutes, _options(db, paper, copy))
        return Rendered(data, minutes_pdf.minutes_notice(minutes))
    if document == "agenda":
        from mipg_desktop.documents.convocation_pdf import render_convocation

        convocation = from_session.load_convocation(db, session_id)
        progress.check()
        progress.update(1, 3, _("Generando el PDF…"))
        return Rendered(render_convocation(convocation, _options(db, paper, copy)))
    from mipg_desktop.documents.pack_pdf import render_pack

    pack = from_session.load_pack(db, session_id)
    progress.check()
    progress.update(1, 3, _("Generando el PDF…"))
    return Rendered(render_pack(pack, _options(db, paper, copy)))
