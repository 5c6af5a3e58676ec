"""A FURAG results workbook read into memory: its result sheets, their entities, the year.

Every sheet whose first rows hold a results header (:func:`~.furag_layout.find_layout`) is
a result sheet, whatever its place in the workbook: a published file's «Nacion» or
«Territorio», and both when one workbook carries the two. Notes, glossaries and cover
sheets are skipped. The peer group's averages are taken in the entity's own sheet, among
the entities of its «Grupo par» (and of its «Tipo Formulario», where the file has one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from statistics import mean
from typing import TYPE_CHECKING

from mipg_desktop.i18n import _
from mipg_desktop.planning import plan_values as pv
from mipg_desktop.planning.furag_entity import FuragEntity, entity_of
from mipg_desktop.planning.furag_layout import HEADER_ROWS, Layout, Names, find_layout
from mipg_desktop.planning.plan_columns import canon
from mipg_desktop.planning.sheet_reader import open_sheets
from mipg_desktop.planning.xlsx_safety import MAX_ROWS, too_many_rows, used_width
from mipg_desktop.progress import Progress

if TYPE_CHECKING:
    from mipg_desktop.planning.sheet_reader import Row, Sheet

_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
Cells = tuple[object, ...]


@dataclass
class FuragSheet:
    title: str
    layout: Layout
    titles: list[str]  # the text of the rows above the header
    entries: list[tuple[int, Cells]]  # the rows below the header that name an entity

    def cells(self, row: int) -> Cells:
        return next(cells for number, cells in self.entries if number == row)


@dataclass
class FuragFile:
    path: Path
    sheets: list[FuragSheet]

    def entities(self) -> list[FuragEntity]:
        return [
            entity_of(sheet.title, number, cells, sheet.layout.info)
            for sheet in self.sheets
            for number, cells in sheet.entries
        ]

    def sheet(self, title: str) -> FuragSheet:
        return next(s for s in self.sheets if s.title == title)

    def year(self, sheet: FuragSheet) -> int | None:
        """The measured year: from the sheet's title rows, its name, or the file's name
        (``Resultados_vig2024_nacion.xlsx``)."""
        for text in [*sheet.titles, sheet.title, self.path.stem]:
            if match := _YEAR.search(text):
                return int(match.group(1))
        return None


def read_file(path: Path, names: Names, progress: Progress) -> FuragFile | None:
    """The workbook's result sheets (None when no sheet has a results header)."""
    found: list[FuragSheet] = []
    with open_sheets(path) as sheets:
        for sheet in sheets:
            head = sheet.head(HEADER_ROWS)
            layout = find_layout(head, names)
            if layout is not None:
                found.append(_read_sheet(path, sheet, head, layout, progress))
    return FuragFile(path, found) if found else None


def _read_sheet(
    path: Path, sheet: Sheet, head: list[Row], layout: Layout, progress: Progress
) -> FuragSheet:
    # the columns of the title and header rows, so that no row is padded up to a far-away
    # cell (each padded row would cost memory)
    width = used_width([cells for _n, cells in head])
    titles = [
        pv.text(c)
        for number, cells in head
        if number < layout.header_row
        for c in cells
        if not pv.is_blank(c)
    ]
    name_col = layout.info["name"]
    entries: list[tuple[int, Cells]] = []
    total = sheet.max_row
    for number, row in sheet.rows(layout.header_row + 1, width):
        if number > MAX_ROWS:
            raise too_many_rows(path, sheet.title, number, MAX_ROWS)
        cells = tuple(row) + (None,) * (width - len(row))
        if not pv.is_blank(cells[name_col]) and canon(cells[name_col]):
            entries.append((number, cells))
        if number % 2000 == 0:
            progress.check()
            progress.update(
                number, total, _("Leyendo resultados FURAG ({sheet})").format(sheet=sheet.title)
            )
    return FuragSheet(sheet.title, layout, titles, entries)


def peer_averages(sheet: FuragSheet, entity: FuragEntity) -> tuple[dict[int, float], int]:
    """The averages of every score column among the entity's peers, and how many they are."""
    info = sheet.layout.info
    if "peer_group" not in info or not entity.peer_group:
        return {}, 0
    group, form = canon(entity.peer_group), canon(entity.form_type)
    peers = [
        cells
        for _n, cells in sheet.entries
        if canon(cells[info["peer_group"]]) == group
        and ("form_type" not in info or canon(cells[info["form_type"]]) == form)
    ]
    averages: dict[int, float] = {}
    for index in [sheet.layout.idi] + [s[0] for s in sheet.layout.scores]:
        values = []
        for cells in peers:
            try:
                value = pv.parse_number(cells[index])
            except pv.CellError:
                value = None
            if value is not None:
                values.append(value)
        if values:
            averages[index] = round(mean(values), 2)
    return averages, len(peers)
