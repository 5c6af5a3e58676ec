"""The minutes editor keeps what the secretary sees: Enter in a table cell (a cell holds one
line of the markup) and the blank lines between paragraphs survive a save and a reload."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("PySide6")

import test_ui_rich_editor as rich_tests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from test_ui_rich_editor import button, paste, stored
from ui_support import click, idle, keys, type_text

from mipg_desktop.storage.database import Database
from ui.main_window import MainWindow
from ui.rich_document import fill_document

pytestmark = pytest.mark.qt
drafting = rich_tests.drafting  # the fixtures of the editor's tests
clipboard_emptied = rich_tests.clipboard_emptied


def structure(document: QTextDocument) -> list[tuple[Any, ...]]:
    """Each block as the secretary sees it: its text, whether in a table, its list level and
    kind, its heading level and the room above and below it (no trailing empty lines)."""
    out: list[tuple[Any, ...]] = []
    block = document.begin()
    while block.isValid():
        owner = block.textList()
        fmt = block.blockFormat()
        out.append(
            (
                block.text(),
                QTextCursor(block).currentTable() is not None,
                owner.format().indent() if owner is not None else 0,
                owner.format().style().name if owner is not None else "",
                fmt.headingLevel(),
                fmt.topMargin(),
                fmt.bottomMargin() if QTextCursor(block).currentTable() is None else 0,
            )
        )
        block = block.next()
    while out and out[-1][0] == "" and not out[-1][1]:
        out.pop()
    return out


def reloaded(markup: str) -> list[tuple[Any, ...]]:
    document = QTextDocument()
    fill_document(document, markup)
    return structure(document)


def cell_click(qtbot: Any, text: Any, row: int, column: int) -> None:
    """A real click on the text of a table cell."""
    made = text.document().rootFrame().childFrames()[0]
    rect = text.cursorRect(made.cellAt(row, column).lastCursorPosition())
    qtbot.mouseClick(text.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_enter_in_a_table_goes_down_adds_a_row_and_leaves(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, drafting, db: Database
) -> None:
    editor, sid = drafting
    text = editor.minutes.text
    type_text(text, "Avance:")
    click(qtbot, button(editor.minutes, "formatTable"))
    for cell in ("Política", "2024", "2025", "Talento humano", "80 %"):
        type_text(text, cell)
        keys(qtbot, text, "Tab")
    type_text(text, "90 %\n")  # Enter at the last row: a new row, the same column
    assert text.textCursor().currentTable().rows() == 3
    type_text(text, "\n")  # Enter on the empty last row: out of the table, the row dropped
    type_text(text, "Fin.")
    assert text.textCursor().currentTable() is None
    cell_click(qtbot, text, 0, 0)  # «Política»: Enter goes to the cell below, at its end
    keys(qtbot, text, "Return")
    assert text.textCursor().block().text() == "Talento humano"
    cell_click(qtbot, text, 0, 1)  # a cell holds one line: Shift+Enter goes down too
    keys(qtbot, text, "Shift+Return")
    type_text(text, " (meta)")
    expected = "Avance:\n\n| Política | 2024 | 2025 |\n| Talento humano | 80 % (meta) | 90 % |"
    expected += "\n\nFin."
    assert text.markup() == expected
    assert stored(qtbot, window, db, sid) == expected
    assert structure(text.document()) == reloaded(expected)  # shown as it is stored
    cell_click(qtbot, text, 1, 0)
    paste(qtbot, text, None, "\ny de gestión\ndocumental")  # lines pasted in a cell: spaces
    assert text.document().rootFrame().childFrames()[0].cellAt(1, 0).firstCursorPosition(
    ).block().text() == "Talento humano y de gestión documental"  # fmt: skip
    assert "| Talento humano y de gestión documental | 80 %" in stored(qtbot, window, db, sid)
    cell_click(qtbot, text, 1, 2)  # a list copied from Word into a cell: its lines joined
    paste(qtbot, text, "<p>: meta</p><ul><li>cumplida</li></ul>", ": meta\ncumplida")
    assert "| 90 %: meta cumplida |" in stored(qtbot, window, db, sid)


def test_blank_lines_between_paragraphs_survive_the_autosave_and_reopening(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, drafting, db: Database
) -> None:
    editor, sid = drafting
    text = editor.minutes.text
    type_text(text, "Primer párrafo.\n\nTras una línea en blanco.\nSin línea en blanco.\n")
    click(qtbot, button(editor.minutes, "formatHeading"))
    type_text(text, "Compromisos\n")
    click(qtbot, button(editor.minutes, "formatBullets"))
    type_text(text, "Uno\nDos\n\n\n")  # out of the list, then a blank line
    type_text(text, "Cierre.")
    click(qtbot, button(editor.minutes, "formatTable"))
    for cell in "ABC12":
        type_text(text, cell)
        keys(qtbot, text, "Tab")
    type_text(text, "3\n\n")  # a new row, then out of the table: on the line after it
    type_text(text, "\nÚltimo.")
    shown = structure(text.document())
    expected = (
        "Primer párrafo.\n\n\nTras una línea en blanco.\n\nSin línea en blanco.\n\n"
        "# Compromisos\n\n- Uno\n- Dos\n\n\nCierre.\n\n| A | B | C |\n| 1 | 2 | 3 |\n\n\nÚltimo."
    )
    assert stored(qtbot, window, db, sid) == expected, repr(text.markup())
    items = editor.minutes.items
    for row in (1, 0):  # to another item and back, as the secretary does
        rect = items.visualItemRect(items.item(row))
        qtbot.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        idle(qtbot, window)
    editor.reload()
    idle(qtbot, window)
    text.set_markup(stored(qtbot, window, db, sid))  # as a reopened window shows it
    assert structure(text.document()) == shown
    assert text.markup() == expected


STEPS = st.lists(
    st.sampled_from(["paragraph", "blank", "break", "heading", "bullets", "numbers", "sub"]),
    min_size=1,
    max_size=7,
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS)
def test_what_is_typed_reloads_as_it_was_shown(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, drafting, steps: list[str]
) -> None:
    editor, _sid = drafting
    text = editor.minutes.text
    text.set_markup("")
    for n, step in enumerate(steps):
        word = f"Texto {n}"
        if step == "paragraph":
            type_text(text, word + "\n")
        elif step == "blank":
            type_text(text, "\n")
        elif step == "break":
            type_text(text, word)
            keys(qtbot, text, "Shift+Return")
            type_text(text, "sigue\n")
        elif step == "heading":
            click(qtbot, button(editor.minutes, "formatHeading"))
            type_text(text, word + "\n")
        else:
            name = "formatNumbers" if step == "numbers" else "formatBullets"
            click(qtbot, button(editor.minutes, name))
            type_text(text, word + "\n")
            if step == "sub":
                keys(qtbot, text, "Tab")
                type_text(text, "dentro\n")
            type_text(text, "\n\n" if step == "sub" else "\n")  # Enter on empty items: out
    assert reloaded(text.markup()) == structure(text.document()), steps
