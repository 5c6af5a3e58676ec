"""``mipg-desktop [--db DB] [--exit-when-ready]``: opens the main window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from mipg_desktop import __version__
from mipg_desktop.i18n import _


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="mipg-desktop", description=_("MIPG Desktop"))
    parser.add_argument("--version", action="version", version=f"mipg-desktop {__version__}")
    parser.add_argument("--db", metavar="DB", help=_("archivo SQLite o URL de SQLAlchemy"))
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help=_("abre la ventana, espera a que esté lista y sale (pruebas y mediciones)"),
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from mipg_desktop.errors import MipgError
    from mipg_desktop.storage.database import open_database

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("MIPG Desktop")
    app.setOrganizationName("mipg-desktop")
    try:
        db = open_database(args.db)
    except MipgError as error:
        if args.exit_when_ready:
            print(str(error), file=sys.stderr)
        else:
            QMessageBox.critical(None, _("MIPG Desktop"), str(error))
        return 1
    from ui.main_window import MainWindow

    window = MainWindow(db)
    window.resize(1366, 768)
    window.show()
    if args.exit_when_ready:
        QTimer.singleShot(0, app.quit)
    code = app.exec()
    db.close()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
