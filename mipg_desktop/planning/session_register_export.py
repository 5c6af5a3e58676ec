"""The session register as a spreadsheet: every session with its quorum, decisions, approval.

:func:`export_session_register(db, path, committee_id=None, year=None)
<export_session_register>` reads :mod:`mipg_desktop.committees.views` (``list_sessions`` and
``get_session_detail``) and writes one styled row per session.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mipg_desktop.entity_profile import get_entity
from mipg_desktop.i18n import _
from mipg_desktop.planning.xlsx_style import (
    check_target,
    finish_table,
    save_atomically,
    wrap_columns,
    write_header,
    write_titles,
)
from mipg_desktop.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from mipg_desktop.committees.views import SessionDetail
    from mipg_desktop.storage.database import Database

HEADER_ROW = 4
PRESENT = ("present", "delegated")


def _columns() -> list[tuple[str, int]]:
    return [
        (_("Comité"), 28),
        (_("Acta"), 22),
        (_("Número"), 9),
        (_("Año"), 7),
        (_("Tipo"), 14),
        (_("Modalidad"), 14),
        (_("Fecha"), 12),
        (_("Hora de inicio"), 10),
        (_("Lugar o plataforma"), 26),
        (_("Estado"), 14),
        (_("Miembros con voto presentes"), 12),
        (_("Quórum"), 40),
        (_("Temas del orden del día"), 50),
        (_("Decisiones"), 11),
        (_("Compromisos"), 12),
        (_("Aprobada el"), 12),
        (_("Aprobada por"), 20),
        (_("ID MIPG"), 34),
    ]


def _row(s: SessionDetail) -> list[Any]:
    present = sum(1 for a in s.attendees if a.has_vote and a.status in PRESENT)
    topics = "\n".join(f"{i.number}. {i.title}" for i in s.agenda)
    return [
        s.committee_name,
        s.title,
        s.number,
        s.year,
        s.kind_label,
        s.modality_label,
        s.session_date,
        s.start_time.strftime("%H:%M") if s.start_time else None,
        s.place or s.platform or None,
        s.status_label,
        f"{present}/{s.quorum.voting_members}",
        s.quorum.text or None,
        topics or None,
        len(s.decisions),
        len(s.commitments),
        s.approval.approved_at.date() if s.approval else None,
        s.approval.approved_by if s.approval else None,
        s.uid,
    ]


def export_session_register(
    db: Database,
    path: str | Path,
    committee_id: int | None = None,
    year: int | None = None,
    progress: Progress = NO_PROGRESS,
) -> Path:
    """Write the register to ``path`` (.xlsx) atomically; returns the path."""
    from openpyxl import Workbook

    from mipg_desktop.committees.views import get_session_detail, list_sessions

    path = check_target(Path(path))
    summaries = list_sessions(db, committee_id=committee_id, year=year)
    entity = get_entity(db)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _("Sesiones")
    subtitle = _("Registro de sesiones de los comités")
    if year is not None:
        subtitle += " " + _("— vigencia {year}").format(year=year)
    write_titles(ws, [entity.name if entity else "MIPG Desktop", subtitle])
    columns = _columns()
    write_header(ws, HEADER_ROW, columns, freeze_col=2)
    for index, summary in enumerate(summaries):
        progress.update(index, len(summaries), _("Leyendo sesiones"))
        ws.append(_row(get_session_detail(db, summary.id)))
        ws.cell(row=HEADER_ROW + 1 + index, column=7).number_format = "dd/mm/yyyy"
        ws.cell(row=HEADER_ROW + 1 + index, column=16).number_format = "dd/mm/yyyy"
    last_row = HEADER_ROW + len(summaries)
    wrap_columns(ws, HEADER_ROW + 1, last_row, (1, 12, 13))
    finish_table(ws, HEADER_ROW, len(columns), len(summaries))
    save_atomically(wb, path)
    return path
