"""Using the window as a person does, in tests: real clicks on the real buttons, keys on the
focused widget, menus opened and their actions clicked. Nothing here calls a handler.

Every click, menu action and shortcut a test uses is recorded (:data:`USED`), and every one
the window offers is listed (:data:`OFFERED`): ``test_ui_zz_every_button`` checks, after the
whole window suite, that nothing was left unclicked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)

USED: set[str] = set()
OFFERED: dict[str, str] = {}  # key -> where it was seen
TIMEOUT = 30_000


def button_key(button: QAbstractButton) -> str:
    return "button:" + (button.objectName() or button.text().replace("&", ""))


def action_key(action: QAction) -> str:
    return "action:" + (action.objectName() or action.text().replace("&", "").split("«")[0].strip())


def shortcut_key(shortcut: QShortcut) -> str:
    return "shortcut:" + shortcut.key().toString()


class Recorder(QObject):
    """An application-wide event filter: which buttons were clicked, which shortcuts fired."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonRelease and isinstance(watched, QAbstractButton):
            USED.add(button_key(watched))
        elif kind == QEvent.Type.Shortcut and isinstance(watched, QShortcut):
            USED.add(shortcut_key(watched))
        return False


RECORDER = Recorder()

# Qt's English, as it shows when its Spanish catalog is not loaded («No» and «Error» are Spanish
# too). Compared with a text without its «&», its «\tCtrl+X» and its closing «:».
ENGLISH = re.compile(
    r"OK|Cancel|Yes|Save|Close|Apply|Open|Discard|Show Details(\.\.\.|…)|Hide Details(\.\.\.|…)|"
    r"Retry|Ignore|Abort|Reset|Restore Defaults|Help|Save All|Yes to All|No to All|"
    r"Look in|File name|Files of type|Back|Forward|Parent Directory|Delete|Rename|New Folder|"
    r"Show hidden files|Undo|Redo|Cut|Copy|Paste|Select All|Insert Unicode control character|"
    r"Name|Size|Type|Date Modified|Detail View|List View|Print|Preview"
)
ENGLISH_SEEN: list[str] = []  # «Dialog: text» of every English text a shown dialog or menu had


def bare_text(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").split("\t")[0].strip(" :")


def english_in(top: QWidget) -> list[str]:
    """The English texts of ``top``'s visible buttons and labels (a dialog) or actions
    (a menu)."""
    texts = [b.text() for b in top.findChildren(QAbstractButton) if b.isVisibleTo(top)]
    texts += [label.text() for label in top.findChildren(QLabel) if label.isVisibleTo(top)]
    texts += [top.text()] if isinstance(top, QMessageBox) else []
    if isinstance(top, QMenu):
        texts += [a.text() for a in top.actions() if a.isVisible()]
    return [t for t in texts if ENGLISH.fullmatch(bare_text(t)) or "File not found" in t]


class EnglishWatch(QObject):
    """An application-wide event filter: every dialog or menu shown has its texts checked
    (once laid out) and what is English is kept in :data:`ENGLISH_SEEN`."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog | QMenu):
            QTimer.singleShot(0, lambda w=watched: self.check(w))
        return False

    @staticmethod
    def check(top: QWidget) -> None:
        try:
            if not top.isVisible():
                return
        except RuntimeError:  # already deleted
            return
        ENGLISH_SEEN.extend(f"{type(top).__name__}: {text}" for text in english_in(top))


ENGLISH_WATCH = EnglishWatch()


def watch(window: QWidget) -> None:
    """Record the window's menu actions when triggered (by a click, a key or a menu)."""
    from ui.qt_spanish import speak_spanish

    app = QApplication.instance()
    assert app is not None
    speak_spanish(app)  # Qt's own words as the program has them
    app.installEventFilter(RECORDER)
    app.installEventFilter(ENGLISH_WATCH)
    for action in window.findChildren(QAction):
        if action.menu() is None and action.text() and not action.isSeparator():
            action.triggered.connect(lambda *_a, a=action: USED.add(action_key(a)))


def inventory(window: QWidget) -> None:
    """List what the window offers now (editors are made lazily: called at teardown)."""
    tops = [window, *[w for w in QApplication.topLevelWidgets() if w.parent() is window]]
    for top in tops:
        for button in top.findChildren(QPushButton):
            if button.text() and not isinstance(button.window(), QMessageBox):
                OFFERED.setdefault(button_key(button), type(button.window()).__name__)
        for shortcut in top.findChildren(QShortcut):
            OFFERED.setdefault(shortcut_key(shortcut), type(shortcut.parent()).__name__)
    for action in window.menuBar().findChildren(QAction):
        if action.menu() is None and action.text() and not action.isSeparator():
            OFFERED.setdefault(action_key(action), "menú")


# -- doing -------------------------------------------------------------------------------------
def click(qtbot: Any, button: QAbstractButton) -> None:
    """A real left click in the middle of ``button`` (it must be visible and enabled)."""
    assert button.isVisible(), f"{button_key(button)} is not visible"
    assert button.isEnabled(), f"{button_key(button)} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())


def double_click(qtbot: Any, widget: QWidget, pos: QPoint) -> None:
    """Two clicks in a row on the same spot (QTest's double click alone lacks the first)."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def tick(qtbot: Any, box: Any) -> None:
    """Click a check box on its square, where a person clicks."""
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    option = QStyleOptionButton()
    box.initStyleOption(option)
    square = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=square.center())


def type_text(widget: QWidget, text: str) -> None:
    """One key event per character (QTest.keyClicks aborts on non-ASCII with PySide6 6.12)."""
    for ch in text:
        if ch == "\n":
            QApplication.sendEvent(
                widget,
                QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
            )
            continue
        QApplication.sendEvent(
            widget,
            QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch),
        )


def replace_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Focus, select all, type: as a person overwrites a field."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    type_text(widget, text)


def leave(qtbot: Any, widget: QWidget) -> None:
    """Tab out of the field (what saves it)."""
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def activate(qtbot: Any, widget: QWidget) -> None:
    """Bring ``widget``'s window to the front: shortcuts fire only in the active window (a
    person clicks on it after a dialog closes)."""
    top = widget.window()
    if not top.isActiveWindow():
        top.activateWindow()
        qtbot.waitUntil(top.isActiveWindow, timeout=TIMEOUT)


def keys(qtbot: Any, widget: QWidget, sequence: str) -> None:
    """A key sequence such as ``Ctrl+Z`` or ``F2`` on ``widget``, focused in its active
    window (where a person's keys go)."""
    activate(qtbot, widget)
    widget.setFocus()
    combo = QKeySequence(sequence)[0]
    qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())


def menu_action(qtbot: Any, window: Any, menu_title: str, action_text: str) -> None:
    """Open the menu bar's menu and click the action, as with the mouse."""
    bar = window.menuBar()
    menu = next(a.menu() for a in bar.actions() if a.text().replace("&", "") == menu_title)
    assert isinstance(menu, QMenu)
    qtbot.mouseClick(
        bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(menu.menuAction()).center()
    )
    qtbot.waitUntil(menu.isVisible, timeout=TIMEOUT)
    action = next(a for a in menu.actions() if a.text().replace("&", "").startswith(action_text))
    assert action.isEnabled(), f"«{action_text}» is disabled"
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def dialog(qtbot: Any, kind: type[QDialog], name: str = "") -> Any:
    """The visible dialog of ``kind`` (and ``objectName``), once it is shown."""
    found: list[QDialog] = []

    def shown() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, kind) and w.isVisible() and (not name or w.objectName() == name)
        ]
        return bool(found)

    qtbot.waitUntil(shown, timeout=TIMEOUT)
    return found[-1]


def press(button: QAbstractButton) -> None:
    """Press a button of a dialog that waits with ``exec()`` (its ``clicked`` signal, as
    a click gives: a simulated mouse click cannot start while the click that opened the
    dialog is still being delivered)."""
    assert button.isVisible() and button.isEnabled(), button_key(button)
    USED.add(button_key(button))
    button.click()


def answer_next(name: str, button: str, check: Callable[[QMessageBox], None] | None = None) -> None:
    """Click ``button`` (an objectName) in the next message box named ``name``: for the
    boxes that wait with ``exec()`` (confirmations, «discard?»)."""

    def answer() -> None:
        for widget in QApplication.topLevelWidgets():
            if (
                isinstance(widget, QMessageBox)
                and widget.isVisible()
                and widget.objectName() == name
            ):
                target = widget.findChild(QPushButton, button)
                assert target is not None, f"no {button} in {name}"
                if not (target.isVisible() and target.width() > 1):
                    break  # not laid out yet: look again
                if check is not None:
                    check(widget)
                press(target)
                return
        QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)


def in_dialog_later(kind: type[QDialog], act: Callable[[Any], None], name: str = "") -> None:
    """Act on the next dialog of ``kind`` that waits with ``exec()``."""

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if (
                isinstance(widget, kind)
                and widget.isVisible()
                and (not name or widget.objectName() == name)
            ):
                act(widget)
                return
        QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)


def idle(qtbot: Any, window: Any) -> None:
    """The worker has nothing left and the results were delivered."""
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=TIMEOUT)
    qtbot.wait(10)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=TIMEOUT)


def user_errors(window: Any) -> list[str]:
    return [
        box.text() for box in window.findChildren(QMessageBox, "userErrorBox") if box.isVisible()
    ]


def close_errors(window: Any) -> None:
    for box in window.findChildren(QMessageBox, "userErrorBox"):
        box.close()


def row_center(table: Any, row: int, column: int = 1) -> QPoint:
    rect = table.visualRect(table.model().index(row, column))
    return QPoint(rect.center())


# -- the window ---------------------------------------------------------------------------------
def open_window(qtbot: Any, db: Any, folder: Any, loaded: bool = True, resize: bool = True) -> Any:
    """The main window over ``db`` at 1366×768, shown and active, its clicks recorded;
    ``loaded``: wait for the core to load behind the first screen too. Close it with
    :func:`close_window` (the ``window`` fixture does both)."""
    from PySide6.QtCore import QSettings

    from ui.app_settings import AppSettings
    from ui.main_window import MainWindow

    settings = AppSettings(QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat))
    win = MainWindow(db, settings)
    watch(win)
    if resize:  # else as the settings in ``folder`` left it
        # the offscreen screen is small: the first size would be maximised to it
        win.setWindowState(Qt.WindowState.WindowNoState)
        win.resize(1366, 768)
    win.show()
    win.activateWindow()
    if loaded:
        qtbot.waitUntil(lambda: win.is_ready, timeout=TIMEOUT)
        qtbot.waitUntil(lambda: win.is_loaded, timeout=2 * TIMEOUT)
    return win


def close_window(win: Any) -> None:
    """Close without asking (a test that left something typed drops it)."""
    inventory(win)
    win.runner.wait_idle()
    for editor in win.guarded:
        editor.revert()
    win.ask_to_discard = lambda what: True
    for widget in win.findChildren(QDialog):
        widget.reject()
    win.close()
    win.runner.wait_idle()
    win.deleteLater()


def drop_files(target: QWidget, paths: list[Any], where: QPoint | None = None) -> bool:
    """A drop of ``paths`` on ``target``, as the file manager makes it (enter, move, drop
    events sent to the real widget); whether the widget took it."""
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    at = QPointF(where if where is not None else target.rect().center())
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at.toPoint(), Qt.DropAction.CopyAction, data, buttons, keys)
    QApplication.sendEvent(target, enter)
    move = QDragMoveEvent(at.toPoint(), Qt.DropAction.CopyAction, data, buttons, keys)
    QApplication.sendEvent(target, move)
    if not move.isAccepted():
        return False
    drop = QDropEvent(at, Qt.DropAction.CopyAction, data, buttons, keys)
    QApplication.sendEvent(target, drop)
    return bool(drop.isAccepted())
