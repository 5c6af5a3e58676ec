"""The commitments tracker as a spreadsheet: every commitment with owner, due date, status.

:func:`export_commitments(db, path, status=None, committee_id=None, today=None)
<export_commitments>` reads :func:`mipg_desktop.committees.views.list_commitments` and writes
one styled sheet: overdue rows highlighted, progress as a percentage, the last follow-up,
a status drop-down, filters and frozen header.
"""

from __future__ import annotations

from datetime import date
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
    from mipg_desktop.committees.views import CommitmentInfo
    from mipg_desktop.storage.database import Database

HEADER_ROW = 5
STATUS_CHOICES = ("Abierto", "En curso", "Cumplido", "Cancelado", "Vencido")


def _columns() -> list[tuple[str, int]]:
    return [
        (_("No."), 6),
        (_("Compromiso"), 50),
        (_("Responsable"), 28),
        (_("Fecha límite"), 13),
        (_("Estado"), 13),
        (_("Avance"), 10),
        (_("Comité"), 28),
        (_("Sesión"), 22),
        (_("Fecha de la sesión"), 13),
        (_("Fecha de cierre"), 13),
        (_("Último seguimiento"), 40),
        (_("Evidencia"), 30),
        (_("Observaciones"), 30),
        (_("ID MIPG"), 34),
    ]


def _row(c: CommitmentInfo) -> list[Any]:
    last = c.follow_ups[-1] if c.follow_ups else None
    follow = f"{last.on_date.strftime('%d/%m/%Y')}: {last.note}" if last else None
    return [
        c.number,
        c.text,
        c.owner,
        c.due_date,
        c.status_label,
        c.progress / 100 if c.progress is not None else None,
        c.committee_name,
        c.session_title,
        c.session_date,
        c.closed_on,
        follow,
        last.evidence if last and last.evidence else None,
        c.remarks or None,
        c.uid,
    ]


def export_commitments(
    db: Database,
    path: str | Path,
    status: str | None = None,
    committee_id: int | None = None,
    today: date | None = None,
    progress: Progress = NO_PROGRESS,
    owner: str | None = None,
    overdue: bool | None = None,
    policy_code: str | None = None,
) -> Path:
    """Write the tracker to ``path`` (.xlsx) atomically; returns the path.

    The filters are those of :func:`mipg_desktop.committees.views.list_commitments`, so the
    file holds exactly what the window's tracker shows."""
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from mipg_desktop.committees.views import list_commitments

    path, today = check_target(Path(path)), today or date.today()
    items = list_commitments(
        db,
        status=status,
        committee_id=committee_id,
        today=today,
        owner=owner,
        overdue=overdue,
        policy_code=policy_code,
    )
    entity = get_entity(db)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _("Compromisos")
    write_titles(
        ws,
        [
            entity.name if entity else "MIPG Desktop",
            _("Seguimiento de compromisos de los comités"),
            _("Corte: {day} — {n} compromisos").format(
                day=today.strftime("%d/%m/%Y"), n=len(items)
            ),
        ],
    )
    columns = _columns()
    write_header(ws, HEADER_ROW, columns)
    overdue_fill = PatternFill("solid", fgColor="F8D7DA")
    for index, item in enumerate(items):
        ws.append(_row(item))
        row = HEADER_ROW + 1 + index
        for column in (4, 9, 10):
            ws.cell(row=row, column=column).number_format = "dd/mm/yyyy"
        ws.cell(row=row, column=6).number_format = "0%"
        if item.overdue:
            for column in range(1, len(columns) + 1):
                ws.cell(row=row, column=column).fill = overdue_fill
        if index % 200 == 0:
            progress.update(index, len(items), _("Escribiendo compromisos"))
    last_row = HEADER_ROW + len(items)
    wrap_columns(ws, HEADER_ROW + 1, last_row, (2, 3, 11, 12, 13))
    finish_table(ws, HEADER_ROW, len(columns), len(items))
    rule = DataValidation(
        type="list", formula1='"' + ",".join(STATUS_CHOICES) + '"', allow_blank=True
    )
    rule.add(f"E{HEADER_ROW + 1}:E{max(last_row, HEADER_ROW + 200)}")
    ws.add_data_validation(rule)
    save_atomically(wb, path)
    return path
