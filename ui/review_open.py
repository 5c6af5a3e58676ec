"""Opening a received package for review: read and checked as an import is, then shown in
the member's window (:mod:`ui.review_window`), one window per package and draft version."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from mipg_desktop.i18n import _
from ui import file_dialogs
from ui.review_window import ReviewWindow

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def review_package(window: MainWindow, path: Path | None = None) -> ReviewWindow | None:
    """«Archivo ▸ Revisar paquete recibido…»: the package read (checked as an import is) and
    shown for review; the same package already open is brought to the front."""
    from mipg_desktop.committees.review_package import open_for_review
    from mipg_desktop.errors import MipgError

    if path is None:
        from ui.exports import in_documents

        chosen, _f = file_dialogs.get_open_file_name(
            window,
            _("Revisar paquete recibido"),
            in_documents(),
            _("Paquete de sesión (*.mipgsesion)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
    try:
        package = open_for_review(path)
    except MipgError as error:
        window.show_user_error(str(error))
        return None
    for open_one in window.findChildren(ReviewWindow):
        same = (open_one.package.session_uid, open_one.package.session_version)
        if open_one.isVisible() and same == (package.session_uid, package.session_version):
            open_one.raise_()
            open_one.activateWindow()
            return open_one
    review = ReviewWindow(window, package)
    review.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    fit_review(review)
    review.show()
    return review


def fit_review(review: QWidget) -> None:
    """As large as the screen allows up to a comfortable size; maximised on a small screen."""
    screen = review.screen()
    if screen is None:
        return
    room = screen.availableGeometry()
    if room.width() <= 1100 or room.height() <= 720:
        review.resize(room.width(), room.height())
        review.move(room.topLeft())
        review.setWindowState(review.windowState() | Qt.WindowState.WindowMaximized)
        return
    review.resize(1100, 720)
    review.move(room.left() + (room.width() - 1100) // 2, room.top() + (room.height() - 720) // 2)
