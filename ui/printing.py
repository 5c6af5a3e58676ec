"""«Imprimir» and «Abrir PDF» for a session's documents (convocation, acta, pack).

The document is the PDF the export makes (:func:`mipg_desktop.documents.output.document_bytes`,
rendered on the worker). Printing goes through Qt's print dialog; the PDF's pages are drawn
for the printer by PDFium (``pypdfium2``: QtPdf is only in PySide6-Addons, and poppler is not
on Windows), one page at a time at up to :data:`MAX_DPI`. «Abrir PDF» writes the document to
a temporary file and hands it to the system's viewer.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRect, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPainter
from PySide6.QtWidgets import QApplication, QBoxLayout, QMenu, QPushButton, QWidget

from mipg_desktop.i18n import _

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from ui.session_editor import SessionEditor

MAX_DPI = 200  # sharp on paper; a letter page is 11 MB in memory at this resolution
DOCUMENTS = ("agenda", "minutes", "pack")


def add_buttons(editor: SessionEditor, row: QBoxLayout) -> QPushButton:
    """One button, «Imprimir o abrir», whose menu prints (Qt's print dialog) or opens (the
    system viewer) each of the session's documents: one button keeps the row narrow
    enough for a 1024 px screen."""
    from ui.exports import DOCUMENT_LABELS

    button = QPushButton(_("Imprimir o abrir"), editor)
    button.setObjectName("printButton")
    button.setToolTip(_("Imprimir un documento de la sesión, o abrirlo en el visor de PDF"))
    menu = QMenu(button)
    menu.setObjectName("printMenu")
    for prefix, heading, text, act in (
        ("print", _("Imprimir"), _("Imprimir: {what}…"), print_session_document),
        ("open", _("Abrir PDF"), _("Abrir PDF: {what}"), open_session_document),
    ):
        menu.addSection(heading)
        for document in DOCUMENTS:
            action = menu.addAction(text.format(what=_(DOCUMENT_LABELS[document]).lower()))
            action.setObjectName(f"{prefix}_{document}")
            action.triggered.connect(partial(act, editor, document))
    button.setMenu(menu)
    row.addWidget(button)
    return button


def _render(editor: SessionEditor, document: str, then: Callable[[bytes], Any]) -> None:
    """The document's PDF, as exported, rendered on the worker (what was typed is saved
    first: the document shows it)."""
    from ui.exports import render_document

    if editor.detail is None or not editor.window_.commit_all():
        return
    db, sid = editor.db, editor.session_id
    editor.window_.runner.run_with_progress(
        _("Preparando el documento…"),
        lambda progress: render_document(db, document, sid, progress).data,
        # after the progress dialog is gone: the print dialog waits in its own loop
        lambda data: QTimer.singleShot(0, partial(then, data)),
    )


def file_name(editor: SessionEditor, document: str) -> str:
    from ui.exports import DOCUMENT_LABELS

    title = editor.detail.title if editor.detail else _("Sesión")
    name = f"{title} - {_(DOCUMENT_LABELS[document])}.pdf"
    return re.sub(r'[\\/:*?"<>|]+', "-", name)


# -- «Abrir PDF» ---------------------------------------------------------------------------
def open_session_document(editor: SessionEditor, document: str) -> None:
    _render(editor, document, lambda data: open_pdf(editor, data, file_name(editor, document)))


def open_pdf(parent: QWidget, data: bytes, name: str) -> Path:
    """Write ``data`` to a private temporary folder and open it in the system viewer."""
    folder = Path(tempfile.mkdtemp(prefix="mipg-pdf-"))
    target = folder / name
    target.write_bytes(data)
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
        from ui.error_hook import hide_secrets

        window = parent.window()
        message = _("No hay un visor de PDF configurado para abrir {path}.").format(path=target)
        show = getattr(window, "show_user_error", None)
        if callable(show):
            show(hide_secrets(message))
    return target


# -- «Imprimir» ----------------------------------------------------------------------------
def print_session_document(editor: SessionEditor, document: str) -> None:
    _render(editor, document, lambda data: print_pdf(editor, data, file_name(editor, document)))


def new_printer() -> QPrinter:
    from PySide6.QtPrintSupport import QPrinter

    return QPrinter(QPrinter.PrinterMode.HighResolution)


def print_pdf(parent: QWidget, data: bytes, title: str, printer: QPrinter | None = None) -> int:
    """Qt's print dialog for the PDF ``data``; the pages printed (0: cancelled)."""
    import pypdfium2  # type: ignore[import-untyped]
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

    pdf = pypdfium2.PdfDocument(data)
    try:
        pages = len(pdf)
        printer = printer or new_printer()
        printer.setDocName(title)
        printer.setFromTo(1, pages)
        dialog = QPrintDialog(printer, parent)
        dialog.setObjectName("printDialog")
        dialog.setWindowTitle(_("Imprimir «{title}»").format(title=title))
        dialog.setMinMax(1, pages)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        accepted = dialog.exec() == QPrintDialog.DialogCode.Accepted
        from shiboken6 import delete

        delete(dialog)  # now: it is the editor's child, and the printer is ours
        if not accepted:
            return 0
        first, last = printer.fromPage() or 1, printer.toPage() or pages
        return paint_pages(printer, pdf, range(first - 1, min(last, pages)))
    finally:
        pdf.close()


def paint_pages(printer: QPrinter, pdf: Any, numbers: range) -> int:
    """Each page drawn to fit the printer's page, centred, keeping its proportions."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    dpi = min(printer.resolution(), MAX_DPI)
    printed = 0
    try:
        for number in numbers:
            if printed:
                printer.newPage()
            image = page_image(pdf[number], dpi)
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = area.x() + (area.width() - size.width()) // 2
            y = area.y() + (area.height() - size.height()) // 2
            painter.drawImage(QRect(x, y, size.width(), size.height()), image)
            printed += 1
            QApplication.processEvents()  # the window stays alive between pages
    finally:
        painter.end()
    return printed


def page_image(page: Any, dpi: int) -> QImage:
    bitmap = page.render(scale=dpi / 72, rev_byteorder=True)  # RGB, white background
    image = QImage(
        bitmap.buffer,
        bitmap.width,
        bitmap.height,
        bitmap.stride,
        QImage.Format.Format_RGB888 if bitmap.n_channels == 3 else QImage.Format.Format_RGBA8888,
    )
    return image.copy()  # its own pixels: the bitmap's buffer goes with the page
