"""«Imprimir» sends the session's document through Qt's print dialog; «Abrir PDF» hands it
to the system viewer. Both start from the session's buttons and their menus."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import QApplication, QMenu
from ui_support import TIMEOUT, USED, click, idle

from mipg_desktop.committees.views import get_session_detail
from mipg_desktop.storage.database import Database
from ui import places, printing
from ui.main_window import MainWindow
from ui.session_editor import SessionEditor

pytestmark = pytest.mark.qt


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def open_approved(qtbot: Any, window: MainWindow, db: Database, sid: int) -> SessionEditor:
    detail = get_session_detail(db, sid)
    window.refresh()
    idle(qtbot, window)
    editor = places.open_session(window, detail.committee_id, detail.year, sid)
    assert isinstance(editor, SessionEditor)
    idle(qtbot, window)
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=TIMEOUT)
    return editor


def choose_in_menu(name: str) -> None:
    """Once the button's menu is up, click its entry (the menu waits in its own loop)."""

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMenu) and widget.isVisible():
                action = next((a for a in widget.actions() if a.objectName() == name), None)
                if action is not None:
                    USED.add(f"action:{action.objectName()}")
                    widget.close()
                    action.trigger()
                    return
        QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)


def test_print_goes_through_the_print_dialog_page_by_page(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, approved: int, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    target = tmp_path / "impreso.pdf"

    def to_file() -> QPrinter:  # the printer a person picks: here, «print to file»
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return printer

    monkeypatch.setattr(printing, "new_printer", to_file)
    printed: list[int] = []
    real = printing.print_pdf
    monkeypatch.setattr(
        printing, "print_pdf", lambda *a, **k: printed.append(real(*a, **k)) or printed[-1]
    )
    seen: list[str] = []

    def accept_dialog() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QPrintDialog) and widget.isVisible():
                seen.append(widget.windowTitle())
                widget.accept()
                return
        QTimer.singleShot(20, accept_dialog)

    editor = open_approved(qtbot, window, db, approved)
    QTimer.singleShot(0, accept_dialog)
    choose_in_menu("print_minutes")
    click(qtbot, editor.findChild(type(editor.next_step), "printButton"))
    qtbot.waitUntil(lambda: bool(printed), timeout=TIMEOUT)
    assert seen == ["Imprimir «Acta No. 01 de 2026 - Acta.pdf»"]
    exported = tmp_path / "acta.pdf"
    from mipg_desktop.documents.output import document_bytes

    exported.write_bytes(document_bytes(db, "minutes", approved).data)
    assert printed == [pdf_pages(exported)] and printed[0] >= 1
    assert target.exists() and pdf_pages(target) == printed[0]  # every page, as images
    assert pdf_text(target).strip() == ""  # drawn, not re-typeset
    # neither the print dialog nor the progress dialog stays behind
    from PySide6.QtWidgets import QProgressDialog

    assert window.findChildren(QPrintDialog) == []
    qtbot.waitUntil(lambda: window.findChildren(QProgressDialog) == [], timeout=TIMEOUT)


def test_open_pdf_writes_the_document_and_hands_it_to_the_viewer(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, approved: int, monkeypatch
) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[QUrl] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True)
    )
    editor = open_approved(qtbot, window, db, approved)
    choose_in_menu("open_agenda")
    click(qtbot, editor.findChild(type(editor.next_step), "printButton"))
    qtbot.waitUntil(lambda: bool(opened), timeout=TIMEOUT)
    path = Path(opened[0].toLocalFile())
    assert path.name == "Acta No. 01 de 2026 - Convocatoria y orden del día.pdf"
    assert "Matriz de riesgos" in pdf_text(path)
