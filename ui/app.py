"""``mipg-desktop [--db DB] [--exit-when-ready]``: opens the main window."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mipg_desktop import __version__
from mipg_desktop.i18n import _

if TYPE_CHECKING:
    from mipg_desktop.storage.database import Database

EXIT_REFUSED = 1
EXIT_ALREADY_OPEN = 3


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    from mipg_desktop import argparse_spanish

    argparse_spanish.install()
    parser = argparse.ArgumentParser(prog="mipg-desktop", description=_("MIPG Desktop"))
    parser.add_argument(
        "--version",
        action="version",
        version=f"mipg-desktop {__version__}",
        help=_("muestra la versión y termina"),
    )
    parser.add_argument("--db", metavar="DB", help=_("archivo SQLite o URL de SQLAlchemy"))
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help=_("abre la ventana, espera a que esté lista y sale (pruebas y mediciones)"),
    )
    parser.add_argument(
        "--exit-when-loaded",
        action="store_true",
        help=_(
            "como --exit-when-ready, pero espera también a que el resto del núcleo termine "
            "de cargarse detrás de la primera pantalla; sale con 1 si falla"
        ),
    )
    return parser.parse_args(argv)


def _tell(message: str, quiet: bool) -> None:
    """A refusal: stderr when scripted, a message box for a person."""
    print(message, file=sys.stderr)
    if not quiet:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, _("MIPG Desktop"), message)


def make_app() -> object:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from ui.app_settings import APPLICATION, ORGANIZATION

    # The worker thread (PDF packs, imports) holds the interpreter lock for up to the switch
    # interval at a time; every Python callback the GUI thread makes waits that long. 1 ms
    # instead of 5 keeps the longest event-loop pause during a pack export under 100 ms.
    sys.setswitchinterval(0.001)
    if QApplication.instance() is None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QGuiApplication

        # 125 % and 150 % scaling are the norm on Windows laptops: scale exactly, no rounding
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
    app = QApplication.instance() or QApplication(sys.argv[:1])
    speak_spanish(app)
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    QLocale.setDefault(QLocale("es_CO"))
    return app


def speak_spanish(app: object) -> None:
    """Qt's own buttons, menus and dialogs (OK/Cancel, the file dialog, a text field's
    context menu) in Spanish (``ui.qt_spanish``)."""
    from ui.qt_spanish import speak_spanish as install

    install(app)  # type: ignore[arg-type]


def preload_core() -> None:
    """A server database: import the ORM now, *before* PySide6.

    A SQLite file shows its first screen without SQLAlchemy (``mipg_desktop.first_screen``)
    and loads it behind; a server database needs it to be opened at all. Once PySide6 is
    imported its ``__feature__`` import hook inspects every module imported afterwards, so
    loading SQLAlchemy and the models first costs less.
    """
    from mipg_desktop.first_screen import REST_OF_CORE

    for name in REST_OF_CORE:
        importlib.import_module(name)


def settle_memory() -> None:
    """Move everything alive after start-up out of the cyclic collector's reach.

    Without it a full collection walks every SQLAlchemy, Qt and catalog object and holds
    the GIL for 150–300 ms in the middle of a background pack export, freezing the window.
    """
    import gc

    gc.collect()
    gc.freeze()


def _trace(label: str, loaded: bool = False) -> None:
    """``MIPG_STARTUP_TRACE=1``: print the time each start-up phase ends (for the benchmark);
    ``loaded`` adds whether SQLAlchemy is imported yet."""
    import os
    import time

    if os.environ.get("MIPG_STARTUP_TRACE"):
        if loaded:
            label += f" (sqlalchemy {'loaded' if 'sqlalchemy' in sys.modules else 'not loaded'})"
        print(f"{time.perf_counter() * 1000:9.0f} ms {label}", file=sys.stderr)


def main(argv: Sequence[str] | None = None, fast_exit: bool = True) -> int:
    _trace("main")
    args = parse_args(argv)
    from ui.platform_check import startup_problem

    problem = startup_problem()  # before Qt, which would abort in English
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_REFUSED
    from mipg_desktop.storage.engine import resolve_target, sqlite_path

    url = resolve_target(args.db)
    if sqlite_path(url) is None:
        preload_core()
        _trace("core imported")
    from PySide6.QtCore import QTimer

    from mipg_desktop.errors import MipgError
    from mipg_desktop.storage.urls import friendly_name, password_of
    from ui.error_hook import ErrorHook, hide_secrets, remember_secret
    from ui.single_instance import DatabaseLock

    remember_secret(password_of(url))
    app = make_app()
    _trace("QApplication")
    shown = friendly_name(url)
    lock = DatabaseLock(url)
    if not lock.acquire():
        _tell(lock.owner_message(shown), args.exit_when_ready)
        return EXIT_ALREADY_OPEN
    hook = ErrorHook()
    window = None
    try:
        try:
            db = open_with_password(
                url, quiet=args.exit_when_ready or args.exit_when_loaded, full_check=lock.unclean
            )
        except MipgError as error:
            _tell(hide_secrets(str(error)), args.exit_when_ready)
            return EXIT_REFUSED
        _trace("database open")
        hook.install()
        from ui.app_settings import AppSettings
        from ui.main_window import MainWindow

        settings = AppSettings()
        settings.add_recent(url)  # never with its password
        window = MainWindow(db, settings)
        window.lock = lock  # «Abrir base de datos» swaps both (ui.database_switch)
        window.auto_backups.full_check = lock.unclean  # the whole file is checked then
        hook.flush_callbacks.append(window.flush)
        app.aboutToQuit.connect(window.flush)  # type: ignore[attr-defined]
        window.show()
        _trace("window shown")
        window.ready.connect(
            lambda: _trace(
                "ready (first screen shown with sqlalchemy "
                + ("loaded)" if window.orm_at_first_screen else "not loaded)")
            )
        )
        window.core_loaded.connect(lambda: _trace("core loaded"))
        if args.exit_when_loaded:
            window.core_loaded.connect(lambda: QTimer.singleShot(0, app.quit))  # type: ignore[attr-defined]
            window.load_failed.connect(lambda _message: app.exit(EXIT_REFUSED))  # type: ignore[attr-defined]
        elif args.exit_when_ready:
            window.ready.connect(lambda: QTimer.singleShot(0, app.quit))  # type: ignore[attr-defined]
        else:
            window.core_loaded.connect(lambda: QTimer.singleShot(0, settle_memory))
            window.ready.connect(lambda: ask_name_at_first_start(window))
        code = int(app.exec())  # type: ignore[attr-defined]
        _trace("event loop over")
        if not (fast_exit and window.only_loading()):
            window.runner.wait_idle()
            window.db.close()  # the one the window ended on
    finally:
        hook.uninstall()
        lock.release()
        if window is not None and window.lock is not None:
            window.lock.release()
    if fast_exit:
        leave_now(code)
    return code


def open_with_password(url: str, quiet: bool, full_check: bool = False) -> Database:
    """Open ``url``; a server database with no password in its address takes the one kept
    in the system keyring (libpq finds ``.pgpass`` by itself), and when the server asks
    for one the person types it (``quiet``: never asked, the refusal is raised)."""
    from mipg_desktop.errors import MipgError
    from mipg_desktop.storage.database import open_database
    from mipg_desktop.storage.engine import sqlite_path
    from mipg_desktop.storage.urls import password_of, with_password
    from ui.error_hook import remember_secret

    if sqlite_path(url) is not None:
        from mipg_desktop.errors import DatabaseDamaged

        # after an unclean shutdown (the last program's lock was left) the whole file is
        # checked, not only quick_check
        try:
            return open_database(url, full_check=full_check or None)
        except DatabaseDamaged:
            # opened only to read: the window finds the damage behind the first screen,
            # says so and offers the latest good copy (ui.auto_backup); nothing is written
            return open_database(url, read_damaged=True)
    from ui import passwords

    secret = password_of(url) or passwords.stored_password(url)
    keep = False
    for attempt in range(4):
        remember_secret(secret)
        try:
            db = open_database(with_password(url, secret))
        except MipgError as error:
            if quiet or attempt == 3 or not passwords.is_password_error(error):
                raise
            answer = passwords.ask_password(url, refused=bool(secret))
            if answer is None:
                raise
            secret, keep = answer
            continue
        if keep:
            passwords.store_password(url, secret)
        return db
    raise AssertionError("unreachable")


def ask_name_at_first_start(window: object) -> None:
    """No name yet for this computer's user (and none given by ``MIPG_USER``): ask it."""
    import os

    from mipg_desktop.user_profile import read_profile

    if os.environ.get("MIPG_USER") or read_profile() is not None:
        return
    from ui.menus import ask_user_name

    ask_user_name(window, first_start=True)  # type: ignore[arg-type]


def leave_now(code: int) -> None:
    """Everything is saved and closed: skip the interpreter's slow teardown of Qt and
    SQLAlchemy objects (0.4–0.7 s here) and end the process with ``code``."""
    import logging
    import os

    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
