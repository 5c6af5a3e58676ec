"""The formatted minutes editor through real keys and clicks: what it stores (the markup),
what the PDF prints, paste from Word/LibreOffice (a real .docx), undo across autosaves."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from libreoffice_support import convert
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication
from test_committees_lifecycle import held_session
from test_committees_support import build_cigd
from test_markup_rich import WORD_HTML
from test_ui_editing import open_session, tab
from ui_support import TIMEOUT, click, idle, keys, type_text

from mipg_desktop.committees import views
from mipg_desktop.committees.minutes import save_deliberation
from mipg_desktop.committees.sessions import set_status
from mipg_desktop.storage.database import Database
from ui import file_dialogs
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt


@pytest.fixture(autouse=True)
def clipboard_emptied() -> Any:
    """What a test put on the clipboard goes before the application (Qt crashes on exit
    if the clipboard still owns data then)."""
    yield
    clipboard = QApplication.clipboard()
    if clipboard is not None:
        clipboard.clear()


@pytest.fixture
def drafting(qtbot: Any, window: MainWindow, db: Database) -> tuple[Any, int]:
    """A held session whose acta is being drafted, on its minutes tab, the text focused."""
    cigd = build_cigd(db)
    sid = held_session(db, cigd, date(2026, 3, 12))
    editor = open_session(qtbot, window, cigd.committee_id, sid)
    set_status(db, sid, "minutes_draft")
    editor.reload()
    idle(qtbot, window)
    tab(qtbot, editor, editor.minutes)
    editor.minutes.text.setFocus()
    return editor, sid


def button(minutes: Any, name: str) -> Any:
    return next(b for b in minutes.style_buttons if b.objectName() == name)


def stored(qtbot: Any, window: MainWindow, db: Database, sid: int) -> str:
    idle(qtbot, window)
    qtbot.waitUntil(lambda: window.save_state.clean, timeout=TIMEOUT)
    return str(views.get_session_detail(db, sid).agenda[0].deliberation)


def press_keys(qtbot: Any, widget: Any, *sequence: str) -> None:
    for key in sequence:
        keys(qtbot, widget, key)


def export_pdf_text(qtbot: Any, window: MainWindow, editor: Any, tmp_path: Path, mp: Any) -> str:
    target = tmp_path / "acta.pdf"
    mp.setattr(file_dialogs, "get_save_file_name", staticmethod(lambda *a, **k: (str(target), "")))
    click(qtbot, editor.export_buttons["minutes"])
    qtbot.waitUntil(target.exists, timeout=60_000)
    idle(qtbot, window)
    run = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True)
    return run.stdout


def test_writing_as_in_word_bold_word_lists_heading(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    drafting,
    db: Database,
) -> None:
    editor, sid = drafting
    text = editor.minutes.text
    type_text(text, "El alcalde habló")
    press_keys(qtbot, text, "Home", *["Right"] * 5, "Ctrl+B")  # inside «alcalde»: the word
    press_keys(qtbot, text, "End", "Ctrl+I")  # at the end: what is typed next
    type_text(text, " claro.")
    keys(qtbot, text, "Ctrl+I")
    type_text(text, "\n")
    click(qtbot, button(editor.minutes, "formatBullets"))
    assert button(editor.minutes, "formatBullets").isChecked() and text.hasFocus()
    type_text(text, "Uno\nDos")
    keys(qtbot, text, "Tab")  # one level in
    type_text(text, "\n\nTres\n\n")  # Enter on an empty item: one level out, then out
    click(qtbot, button(editor.minutes, "formatNumbers"))
    type_text(text, "Primero\nSegundo\n\n")
    click(qtbot, button(editor.minutes, "formatHeading"))
    type_text(text, "Conclusión\nFin.")  # after a heading, Enter gives ordinary text
    expected = (
        "El **alcalde** habló *claro.*\n\n- Uno\n  - Dos\n- Tres\n\n1. Primero\n2. Segundo\n\n"
        "# Conclusión\n\nFin."
    )
    assert text.markup() == expected
    assert "*" not in text.toPlainText() and "#" not in text.toPlainText()
    assert stored(qtbot, window, db, sid) == expected
    keys(qtbot, text, "Ctrl+Home")
    press_keys(qtbot, text, "Ctrl+Shift+Right", "Ctrl+B")  # «El» selected: bold
    assert text.markup().startswith("**El alcalde** habló")  # «El » and its space
    press_keys(qtbot, text, "Ctrl+A", "Ctrl+B")  # all: some bold, so bold all
    assert text.markup().startswith("**El alcalde habló *claro.***")
    keys(qtbot, text, "Ctrl+B")  # all bold: off
    assert text.markup().startswith("El alcalde habló *claro.*")


def test_a_table_by_button_and_tab_reaches_the_pdf_in_columns(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    drafting,
    db: Database,
    tmp_path,
    monkeypatch,
) -> None:
    editor, sid = drafting
    text = editor.minutes.text
    type_text(text, "Avance por política:")
    click(qtbot, button(editor.minutes, "formatTable"))
    for cell in ("Política", "2024", "2025", "Talento humano", "80 %", "90 %"):
        type_text(text, cell)
        keys(qtbot, text, "Tab")  # the next cell; after the last one, a new row
    keys(qtbot, text, "Shift+Tab")  # back to «90 %», selected
    keys(qtbot, text, "End")
    type_text(text, " (meta)")
    expected = "Avance por política:\n\n| Política | 2024 | 2025 |\n"
    expected += "| Talento humano | 80 % | 90 % (meta) |"
    assert text.markup() == expected  # the empty row added by Tab is not stored
    assert stored(qtbot, window, db, sid) == expected
    pdf = export_pdf_text(qtbot, window, editor, tmp_path, monkeypatch)
    assert_table_in_columns(pdf)


def assert_table_in_columns(pdf: str) -> None:
    lines = pdf.splitlines()
    header = next(line for line in lines if "Política" in line and "2024" in line)
    row = next(line for line in lines if "Talento humano" in line)
    assert re.search(r"Política\s{2,}2024\s{2,}2025", header), header
    assert re.search(r"Talento humano\s{2,}80 %\s{2,}90 %", row), row
    assert abs(header.index("2024") - row.index("80 %")) <= 4  # one column under the other
    assert "Política 2024 2025" not in " ".join(pdf.split("\n"))


def test_undo_and_redo_survive_the_autosave(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    drafting,
    db: Database,
) -> None:
    editor, sid = drafting
    text = editor.minutes.text
    type_text(text, "Primera frase.")
    assert stored(qtbot, window, db, sid) == "Primera frase."
    press_keys(qtbot, text, "Ctrl+A", "Ctrl+B")
    assert stored(qtbot, window, db, sid) == "**Primera frase.**"
    editor.reload()  # what a save elsewhere in the window does: the text and its undo stay
    idle(qtbot, window)
    keys(qtbot, text, "Ctrl+Z")  # the bold, after its autosave
    assert text.markup() == "Primera frase."
    assert stored(qtbot, window, db, sid) == "Primera frase."
    keys(qtbot, text, "Ctrl+Z")  # the typing, after its autosave
    assert "Primera" not in text.toPlainText()
    assert stored(qtbot, window, db, sid) == text.markup()
    keys(qtbot, text, "Ctrl+Shift+Z")
    keys(qtbot, text, "Ctrl+Y")  # Word's redo key, which the Editar menu shows too
    assert text.markup() == "**Primera frase.**"
    assert stored(qtbot, window, db, sid) == "**Primera frase.**"


def paste(qtbot: Any, widget: Any, html: str | None, plain: str) -> None:
    data = QMimeData()
    if html is not None:
        data.setHtml(html)
    data.setText(plain)
    clipboard = QApplication.clipboard()
    assert clipboard is not None
    clipboard.setMimeData(data)
    keys(qtbot, widget, "Ctrl+V")


def test_paste_from_word_keeps_the_structure_and_drops_the_rest(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    drafting,
    db: Database,
) -> None:
    editor, sid = drafting
    text = editor.minutes.text
    paste(qtbot, text, WORD_HTML, "Seguimiento del plan")
    markup = stored(qtbot, window, db, sid)
    assert "| Política | 2024 | 2025 |\n| Talento humano | 80 % | 90 % |" in markup
    assert "- Primer *punto*\n  - Sub punto" in markup and "**Seguimiento** del plan" in markup
    assert "[imagen omitida]" in markup and "Calibri" not in markup and "<" not in markup
    assert "sin su imagen" in window.statusBar().currentMessage()
    assert text.document().findBlockByNumber(1).textList() is not None  # shown as a list
    keys(qtbot, text, "Ctrl+End")
    paste(qtbot, text, None, " y **no** es negrita")  # plain text stays plain
    assert text.toPlainText().endswith(" y **no** es negrita")
    assert stored(qtbot, window, db, sid).endswith(" y \\*\\*no\\*\\* es negrita")
    press_keys(qtbot, text, "Ctrl+A", "Ctrl+C", "Ctrl+End")  # the editor's own copy
    before = text.markup()
    press_keys(qtbot, text, "Ctrl+A", "Ctrl+V")
    assert text.markup() == before


def docx_as_clipboard_html(tmp_path: Path) -> str:
    """A .docx written with python-docx, turned into HTML by LibreOffice (its HTML filter is
    also what LibreOffice puts on the clipboard)."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    intro = document.add_paragraph("Informe de ")
    intro.add_run("avance").bold = True
    intro.add_run(" del plan.")
    document.add_paragraph("Integridad al día", style="List Bullet")
    document.add_paragraph("Gestión documental con rezago", style="List Bullet")
    grid = document.add_table(rows=2, cols=3)
    for row, values in zip(
        grid.rows, (("Política", "2024", "2025"), ("Talento humano", "80 %", "90 %")), strict=True
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    source = tmp_path / "informe.docx"
    document.save(str(source))
    convert([source], "html", tmp_path)
    return (tmp_path / "informe.html").read_text(encoding="utf-8", errors="replace")


def test_a_heading_pasted_after_text_starts_its_own_line(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    drafting,
    db: Database,
) -> None:
    editor, sid = drafting
    text = editor.minutes.text
    type_text(text, "Se levantó la sesión.")
    assert stored(qtbot, window, db, sid) == "Se levantó la sesión."
    paste(qtbot, text, "<h1>Informe de avance</h1><p>Todo al día.</p>", "Informe de avance")
    assert stored(qtbot, window, db, sid) == (
        "Se levantó la sesión.\n\n# Informe de avance\n\nTodo al día."
    )


def test_a_docx_table_pasted_reaches_the_markup_and_the_pdf_as_a_table(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    drafting,
    db: Database,
    tmp_path,
    monkeypatch,
) -> None:
    html = docx_as_clipboard_html(tmp_path)
    editor, sid = drafting
    paste(qtbot, editor.minutes.text, html, "Informe de avance del plan.")
    markup = stored(qtbot, window, db, sid)
    assert "Informe de **avance** del plan." in markup
    assert "- Integridad al día\n- Gestión documental con rezago" in markup
    assert "| Política | 2024 | 2025 |\n| Talento humano | 80 % | 90 % |" in markup
    assert_table_in_columns(export_pdf_text(qtbot, window, editor, tmp_path, monkeypatch))


def test_demo_minutes_show_formatted_and_save_unchanged(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    drafting,
    db: Database,
) -> None:
    from mipg_desktop.demo.committees_text import DELIBERATION

    editor, sid = drafting
    body = DELIBERATION[0].format(presenter="La jefa de planeación", pct=72, goal=80)
    item = views.get_session_detail(db, sid).agenda[0]
    save_deliberation(db, item.id, body, expected_version=item.version)
    editor.reload()
    idle(qtbot, window)
    text = editor.minutes.text
    qtbot.waitUntil(lambda: "72 %" in text.toPlainText(), timeout=TIMEOUT)
    assert "*" not in text.toPlainText() and "|" not in text.toPlainText()
    assert text.markup() == body  # loading and saving changes nothing
    assert text.textCursor().document().findBlockByNumber(0).text().startswith("La jefa")
    assert any(
        b.kind == "table" for b in views.get_session_detail(db, sid).agenda[0].deliberation_blocks
    )
    assert window.save_state.clean


def test_a_highlighter_repainting_or_a_view_writes_nothing(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, drafting, db: Database
) -> None:
    from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat

    class Underline(QSyntaxHighlighter):  # what the spell check does to the layout
        def highlightBlock(self, text: str) -> None:
            wavy = QTextCharFormat()
            wavy.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            self.setFormat(0, min(4, len(text)), wavy)

    editor, sid = drafting
    item = views.get_session_detail(db, sid).agenda[0]
    old = "Intro:\n- uno\n- dos"  # stored before lists needed a blank line: not canonical
    version = save_deliberation(db, item.id, old, expected_version=item.version).version
    editor.reload()
    idle(qtbot, window)
    text = editor.minutes.text
    qtbot.waitUntil(lambda: "uno" in text.toPlainText(), timeout=TIMEOUT)
    highlighter = Underline(text.document())
    highlighter.rehighlight()
    qtbot.wait(900)  # longer than the autosave's longest wait
    idle(qtbot, window)
    again = views.get_session_detail(db, sid).agenda[0]
    assert (again.deliberation, again.version) == (old, version)
    assert window.save_state.clean


def test_typing_in_a_long_item_stays_fast(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, drafting, db: Database
) -> None:
    import time

    from mipg_desktop.demo.committees_text import DELIBERATION

    editor, sid = drafting
    long_text = "\n\n".join(
        DELIBERATION[n % 3].format(presenter="La jefa", pct=70, goal=80) for n in range(60)
    )
    item = views.get_session_detail(db, sid).agenda[0]
    save_deliberation(db, item.id, long_text, expected_version=item.version)
    editor.reload()
    idle(qtbot, window)
    text = editor.minutes.text
    qtbot.waitUntil(lambda: "Tras la discusión" in text.toPlainText(), timeout=TIMEOUT)
    keys(qtbot, text, "Ctrl+End")
    started = time.perf_counter()
    type_text(text, " Nota final.")
    per_key = (time.perf_counter() - started) / len(" Nota final.")
    assert per_key < 0.03, f"{per_key * 1000:.1f} ms per key on {len(long_text)} characters"
    assert stored(qtbot, window, db, sid) == long_text + " Nota final."


def test_the_spell_check_attaches_in_one_place(qapp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys
    import types

    from ui.rich_editor import RichTextEdit, attach_text_tools

    seen: list[object] = []
    module = types.ModuleType("ui.spell_check")
    module.attach_spell_check = seen.append  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ui.spell_check", module)
    editor = RichTextEdit()
    attach_text_tools(editor)
    assert seen == [editor]


def test_a_sub_level_made_with_tab_is_kept(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    drafting,
    db: Database,
) -> None:
    editor, sid = drafting
    text = editor.minutes.text
    qtbot.mouseClick(button(editor.minutes, "formatBullets"), Qt.MouseButton.LeftButton)
    type_text(text, "Primero")
    press_keys(qtbot, text, "Return", "Tab")
    type_text(text, "Dentro")
    assert stored(qtbot, window, db, sid) == "- Primero\n  - Dentro"
    items = editor.minutes.items
    for row in (1, 0):  # to another item and back, as the secretary does
        rect = items.visualItemRect(items.item(row))
        qtbot.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        idle(qtbot, window)
    assert text.markup() == "- Primero\n  - Dentro"
    editor.reload()
    idle(qtbot, window)
    assert text.markup() == "- Primero\n  - Dentro"
    assert text.document().findBlockByNumber(1).textList().format().indent() == 2


def test_an_item_indented_after_it_was_typed_is_saved(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    drafting,
    db: Database,
) -> None:
    editor, sid = drafting
    text = editor.minutes.text
    qtbot.mouseClick(button(editor.minutes, "formatBullets"), Qt.MouseButton.LeftButton)
    type_text(text, "Primero")
    press_keys(qtbot, text, "Return")
    type_text(text, "Dentro")
    assert stored(qtbot, window, db, sid) == "- Primero\n- Dentro"
    press_keys(qtbot, text, "Tab")  # only the level changes: no character typed
    assert stored(qtbot, window, db, sid) == "- Primero\n  - Dentro"
    press_keys(qtbot, text, "Shift+Tab")
    assert stored(qtbot, window, db, sid) == "- Primero\n- Dentro"
