"""Building blocks shared by the documents: tables, key-value lists, signature blocks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mipg_desktop.documents.model import Signatory
from mipg_desktop.documents.styles import styles, table_style
from mipg_desktop.documents.text import cell, one_line

# A row estimated taller than this (about half a letter page) may split inside itself.
ROW_SPLIT_POINTS = 360.0


def table(header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float]) -> Any:
    """A grid table of user text, its header repeated on every page.

    Rows split between pages whole; only a table with a row too tall for a page lets rows
    split inside themselves, because reportlab 5's in-row splitting also leaves a stray
    copy of the header at the foot of a page when it splits an ordinary table.
    """
    from reportlab.platypus import Table

    s = styles()
    data: list[list[Any]] = [[cell(h, s.cell_bold) for h in header]]
    data += [[cell(value, s.cell) for value in row] for row in rows]
    tall = any(_estimated_height(row, widths, s.cell) > ROW_SPLIT_POINTS for row in data[1:])
    result = Table(data, colWidths=list(widths), repeatRows=1, splitInRow=int(tall), hAlign="LEFT")
    result.setStyle(table_style())
    return result


def _estimated_height(row: Sequence[list[Any]], widths: Sequence[float], style: Any) -> float:
    """Lines the tallest cell needs, from its characters (about half an em each)."""
    lines = 0
    for paragraphs, width in zip(row, widths, strict=True):
        per_line = max(1, int(width / (style.fontSize * 0.5)))
        chars = sum(len(getattr(p, "text", "")) for p in paragraphs)
        lines = max(lines, len(paragraphs) + chars // per_line)
    return float(lines * style.leading)


def key_values(pairs: Sequence[tuple[str, object]], width: float) -> Any:
    """Label: value lines as a borderless two-column table."""
    from reportlab.platypus import Table

    s = styles()
    data = [[cell(label, s.cell_bold), cell(value, s.cell)] for label, value in pairs]
    result = Table(data, colWidths=[width * 0.28, width * 0.72], splitInRow=1, hAlign="LEFT")
    result.setStyle(table_style(header=False, grid=False))
    return result


SLOT_WIDTH = 200.0
SLOT_HEIGHT = 60.0


def _slot(index: int, width: float, recorder: list[tuple[int, int, tuple[float, ...]]]) -> Any:
    """The blank room for signer ``index``'s signature; records where it is drawn.

    ``recorder`` receives (signer index, page number from 1, (x1, y1, x2, y2)) in page points.
    """
    from reportlab.platypus import Flowable

    class Slot(Flowable):  # type: ignore[misc]
        def wrap(self, *_args: Any) -> tuple[float, float]:
            self.width, self.height = width, SLOT_HEIGHT
            return (width, SLOT_HEIGHT)

        def draw(self) -> None:
            x1, y1 = self.canv.absolutePosition(0, 0)
            x2, y2 = self.canv.absolutePosition(width, SLOT_HEIGHT)
            recorder.append((index, self.canv.getPageNumber(), (x1, y1, x2, y2)))

    return Slot()


def signatures(
    signers: Sequence[Signatory],
    width: float,
    title: Any = None,
    recorder: list[tuple[int, int, tuple[float, ...]]] | None = None,
) -> Any:
    """Side-by-side signature blocks: room to sign, a line, the name, position and role.

    ``title`` (a heading) is kept on the same page as the blocks. With ``recorder``, each
    block's blank room (about 200 × 60 points) reports where it was drawn (see :func:`_slot`).
    """
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

    from mipg_desktop.i18n import _

    s = styles()
    columns = 2 if len(signers) > 1 else 1
    room = min(SLOT_WIDTH, width / columns - 8)
    blocks: list[list[Any]] = []
    for index, signer in enumerate(signers):
        space = _slot(index, room, recorder) if recorder is not None else Spacer(1, 28)
        block: list[Any] = [space, Paragraph("_" * 32, s.sign)]
        block.append(Paragraph(f"<b>{one_line(signer.name) or '&nbsp;'}</b>", s.sign))
        if signer.position:
            block.append(Paragraph(one_line(signer.position), s.sign))
        if signer.represents:
            text = _("En representación de {name}").format(name=signer.represents)
            block.append(Paragraph(one_line(text), s.sign))
        if signer.role_label:
            block.append(Paragraph(one_line(signer.role_label), s.sign))
        blocks.append(block)
    if not blocks:
        return title if title is not None else Spacer(1, 1)
    rows = [blocks[i : i + columns] for i in range(0, len(blocks), columns)]
    for row in rows:
        row += [[]] * (columns - len(row))
    result = Table(rows, colWidths=[width / columns] * columns, hAlign="LEFT")
    result.setStyle(table_style(header=False, grid=False))
    return KeepTogether([title, result] if title is not None else [result])
