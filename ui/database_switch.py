"""«Abrir base de datos» and «Nueva base de datos» in the same window: what was typed is
saved first, today's automatic copy of the old file is made, the new database is locked and
opened, and only then is the old one closed and its lock released. A refusal (the file is
open in another window, damaged beyond reading, a server that says no) leaves the window on
the database it had."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mipg_desktop.i18n import _
from ui import file_dialogs

if TYPE_CHECKING:
    from mipg_desktop.storage.database import Database
    from ui.main_window import MainWindow
    from ui.single_instance import DatabaseLock

NEW_SUFFIX = ".sqlite"


def _same(window: MainWindow, url: str) -> bool:
    from ui.app_settings import stored_form

    return stored_form(url) == stored_form(window.db.url)


def _saved(window: MainWindow) -> bool:
    """Everything typed is stored, or the person chose to drop it."""
    saved = window.commit_all()
    left = window.pending()
    if saved and not left:
        return True
    if not window.ask_to_discard(left):
        return False
    for editor in list(window.guarded):
        editor.revert()
    return True


def open_here(window: MainWindow, target: str, create: bool = False) -> bool:
    """Replace the window's database by ``target`` (a path or an address; ``create``: a
    new file); False when it stays on the one it had (the person was told why)."""
    from mipg_desktop.errors import MipgError
    from mipg_desktop.storage.engine import resolve_target, sqlite_path
    from mipg_desktop.storage.urls import friendly_name, password_of
    from ui.app import open_with_password
    from ui.error_hook import hide_secrets, remember_secret
    from ui.single_instance import DatabaseLock

    url = resolve_target(target)
    shown = friendly_name(url)
    if _same(window, url):
        window.statusBar().showMessage(
            _("La base de datos {db} ya está abierta en esta ventana.").format(db=shown), 6000
        )
        return False
    path = sqlite_path(url)
    if path is not None and not create and not path.exists():
        window.show_user_error(_("No se encontró el archivo {path}.").format(path=path))
        return False
    if not _saved(window):
        return False
    window.auto_backups.on_close()  # today's copy of the file being left
    window.runner.wait_idle()
    lock = DatabaseLock(url)
    if not lock.acquire():
        window.show_user_error(lock.owner_message(shown))
        return False
    remember_secret(password_of(url))
    try:
        db = open_with_password(url, quiet=False, full_check=lock.unclean)
    except MipgError as error:
        lock.release()
        window.show_user_error(hide_secrets(str(error)))
        return False
    _replace(window, db, lock)
    window.settings.add_recent(url)  # never with its password
    from ui.menus import _fill_recent

    _fill_recent(window)
    window.statusBar().showMessage(_("Base de datos abierta: {db}").format(db=shown), 6000)
    return True


def _replace(window: MainWindow, db: Database, lock: DatabaseLock) -> None:
    from ui import window_state
    from ui.navigation import Navigator

    window_state.save_geometry(window)
    window_state.save_place(window)  # where the old database's window was left
    old_db, old_lock = window.db, window.lock
    window.db = db
    window.lock = lock
    window.navigator = Navigator(db)
    window.tree_model.loaders = {
        kind: window._after_load(loader) for kind, loader in window.navigator.loaders().items()
    }
    backups = window.auto_backups
    backups.sqlite = db.path is not None
    backups.done_on = None
    backups.full_check = lock.unclean
    window.reopen_database()  # editors, undo history and tree read again, from ``db``
    old_db.close()
    if old_lock is not None:
        old_lock.release()
    window_state.restore_place(window)
    backups.check_file()
    from ui.acta_record_bar import check_records_on_open

    check_records_on_open(window)
    window.database_changed.emit()


def choose_and_open(window: MainWindow) -> None:
    from ui.exports import in_documents

    path, _filter = file_dialogs.get_open_file_name(
        window,
        _("Abrir base de datos"),
        in_documents(),
        _("Bases de datos MIPG (*.sqlite *.db);;Todos (*)"),
    )
    if path:
        open_here(window, path)


def create_new(window: MainWindow) -> None:
    """A new, empty database file, opened in this window (the first steps show)."""
    from ui.exports import in_documents

    path, _filter = file_dialogs.get_save_file_name(
        window,
        _("Nueva base de datos"),
        in_documents(_("mipg-nueva.sqlite")),
        _("Bases de datos MIPG (*.sqlite)"),
    )
    if not path:
        return
    target = Path(path)
    if not target.suffix:
        target = target.with_suffix(NEW_SUFFIX)
    if target.exists():
        window.show_user_error(
            _(
                "Ya existe el archivo {path}. Elija otro nombre, o ábralo con «Abrir base de "
                "datos»."
            ).format(path=target)
        )
        return
    open_here(window, str(target), create=True)
