"""The window reopens where it was left, per database: size, position, splitter, and the
node, session and tab shown. Kept in the per-user QSettings (``ui.app_settings``) under a
key made from the database's address (never its password)."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QModelIndex, Qt

from mipg_desktop.storage.urls import without_password
from ui import places

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SMALL_SCREEN = (1366, 768)  # and below: the window opens maximised
FIRST_SIZE = (1280, 800)  # on a larger screen, at most this, centred


def database_key(window: MainWindow) -> str:
    db = window.db
    where = str(db.path.resolve()) if db.path else without_password(db.url)
    return "databases/" + hashlib.sha256(where.encode()).hexdigest()[:16]


# -- size and position ---------------------------------------------------------------------
def restore_geometry(window: MainWindow) -> None:
    """As this database's window was left; else as the last window was; else a first size
    fitted to the screen."""
    qsettings = window.settings.qsettings
    key = database_key(window)
    geometry = qsettings.value(f"{key}/geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
        splitter = qsettings.value(f"{key}/splitter")
        if isinstance(splitter, QByteArray):
            window.splitter.restoreState(splitter)
    elif not window.settings.restore_window(window, {"main": window.splitter}):
        first_size(window)
    fit_to_screen(window)


MIN_TREE = 180  # px: the tree shows «No. 05 · 12/11/2026» whole
TREE_WIDTH = 260  # px: the tree's first width


def first_size(window: MainWindow) -> None:
    screen = window.screen()
    if screen is None:
        window.resize(*FIRST_SIZE)
        return
    room = screen.availableGeometry()
    full = screen.geometry()
    if full.width() <= SMALL_SCREEN[0] or full.height() <= SMALL_SCREEN[1]:
        window.resize(room.width(), room.height())
        window.move(room.topLeft())
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    else:
        width = min(FIRST_SIZE[0], room.width())
        height = min(FIRST_SIZE[1], room.height())
        window.resize(width, height)
        window.move(
            room.left() + (room.width() - width) // 2, room.top() + (room.height() - height) // 2
        )
    tree = max(TREE_WIDTH, window.width() // 4)
    window.splitter.setSizes([tree, window.width() - tree])


def fit_to_screen(window: MainWindow) -> None:
    """Never larger than the screen (a 1024×600 netbook shows the status bar too), maximised
    on a small screen whatever size was saved on a larger one, and the tree never squeezed
    below a readable width (each acta's number and date)."""
    screen = window.screen()
    if screen is None:
        return
    room = screen.availableGeometry()
    full = screen.geometry()
    small = full.width() <= SMALL_SCREEN[0] or full.height() <= SMALL_SCREEN[1]
    too_big = window.width() > room.width() or window.height() > room.height()
    if small and (
        too_big
        or window.settings.qsettings.value(f"{database_key(window)}/maximized") in (True, "true")
    ):
        window.resize(room.width(), room.height())
        window.move(room.topLeft())
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    elif too_big:
        window.resize(min(window.width(), room.width()), min(window.height(), room.height()))
        window.move(room.topLeft())
    sizes = window.splitter.sizes()
    width = window.width()
    if not sizes or sizes[0] < MIN_TREE or sizes[0] > width - MIN_TREE:
        tree = max(TREE_WIDTH, width // 4)
        window.splitter.setSizes([tree, max(1, width - tree)])


def save_geometry(window: MainWindow) -> None:
    qsettings = window.settings.qsettings
    key = database_key(window)
    qsettings.setValue(f"{key}/geometry", window.saveGeometry())
    qsettings.setValue(f"{key}/splitter", window.splitter.saveState())
    qsettings.setValue(f"{key}/maximized", window.isMaximized())
    window.settings.save_window(window, {"main": window.splitter})  # for a new database


# -- the place ------------------------------------------------------------------------------
def current_place(window: MainWindow) -> dict[str, Any] | None:
    """The tree path of the node shown, and the session's tab when it is a session."""
    from ui.session_editor import SessionEditor

    shown = window._shown_index
    if shown is None or not shown.isValid():
        return None
    path: list[list[Any]] = []
    index = QModelIndex(shown)
    while index.isValid():
        row = window.tree_model.row_at(index)
        if row is None:
            return None
        path.insert(0, [row.kind, row.key])
        index = window.tree_model.parent(index)
    place: dict[str, Any] = {"path": path}
    editor = window.editors.currentWidget()
    if isinstance(editor, SessionEditor):
        place["tab"] = places.tab_name(editor)
    return place


def save_place(window: MainWindow) -> None:
    place = current_place(window)
    window.settings.qsettings.setValue(
        f"{database_key(window)}/place", json.dumps(place) if place else ""
    )
    window.settings.qsettings.sync()


def _tupled(value: Any) -> Any:
    return tuple(_tupled(v) for v in value) if isinstance(value, list) else value


def saved_place(window: MainWindow) -> dict[str, Any] | None:
    stored = window.settings.qsettings.value(f"{database_key(window)}/place")
    if not isinstance(stored, str) or not stored:
        return None
    try:
        place = json.loads(stored)
    except ValueError:
        return None
    return place if isinstance(place, dict) and isinstance(place.get("path"), list) else None


def restore_place(window: MainWindow) -> bool:
    """Open the node (and the session's tab) shown when the window closed; False when
    nothing was kept or it is gone (the home view stays)."""
    from ui.session_editor import SessionEditor

    place = saved_place(window)
    if place is None:
        return False
    try:
        path = [(str(kind), _tupled(key)) for kind, key in place["path"]]
    except (TypeError, ValueError):
        return False
    if not path or path[-1][0] == "root_home":
        return False
    found = places.reveal(window, *path)
    if not found.isValid():
        return False
    editor = window.editors.currentWidget()
    tab = place.get("tab")
    if isinstance(editor, SessionEditor) and isinstance(tab, str):
        places.show_tab(editor, tab)
    return True
