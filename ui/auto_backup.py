"""The window's automatic copies and the check of the file on open.

Copies (:mod:`mipg_desktop.storage.backup_rotation`) are made on the window's worker: when
the window closes (it disappears at once; the program ends after the copy), and after
:data:`IDLE_MS` without work following a save. The core decides whether one is due (one
a day) and whether anything changed. ``MIPG_AUTO_BACKUP=0`` turns them off (the test suite
does).

After the first screen, ``PRAGMA quick_check`` (``integrity_check`` when the last program on
the file did not end cleanly) runs on a second, read-only thread; a damaged file is never
written to again by this window: the person is told, and offered the latest good automatic
copy, opening it read-only, or closing.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from mipg_desktop.errors import MipgError
from mipg_desktop.i18n import _
from mipg_desktop.storage.backup_rotation import (  # light: the standard library only
    backup_folder,
    check_file,
    describe,
    latest_good_backup,
    quick_check,
)
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from mipg_desktop.storage.backup_rotation import AutoBackup, BackupResult, Contents
    from ui.main_window import MainWindow

LOGGER = logging.getLogger("mipg_desktop.ui")
IDLE_MS = 10 * 60 * 1000  # ten minutes without work after something was saved


def enabled() -> bool:
    return os.environ.get("MIPG_AUTO_BACKUP", "1") not in ("0", "no", "")


@dataclass(frozen=True)
class Damage:
    problems: list[str]
    latest_good: AutoBackup | None = None
    contents: Contents | None = None


def check_on_open(path: Path, full: bool = False) -> Damage | None:
    """The quick check of ``path`` (``full``: ``integrity_check``, after an unclean end) and,
    when it fails, the copy to offer (worker thread)."""
    problems = check_file(path, full=True) if full else quick_check(path)
    if not problems:
        return None
    good = latest_good_backup(backup_folder(path))
    return Damage(problems, good, describe(good.path, good.taken.date()) if good else None)


class AutoBackups(QObject):
    """One window's automatic copies and its open check."""

    checked = Signal(object)  # Damage | None, once the check on open is over
    backed_up = Signal(object)  # BackupResult

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.sqlite = window.db.path is not None
        self.damage: Damage | None = None
        self.read_only = False
        self.full_check = False  # the last program on this file ended uncleanly
        self.last_result: BackupResult | None = None
        self.checks = TaskRunner(self)  # read-only work beside the window's worker
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(IDLE_MS)
        self.idle.timeout.connect(self.after_work)
        self.done_on: date | None = None  # the day a copy was made (or found made)
        window.save_state.changed.connect(self._restart)  # something was typed or saved
        # after whatever else «ready» starts (the measured start-up ends there)
        window.ready.connect(lambda: QTimer.singleShot(0, self.check_file))

    # -- copies -------------------------------------------------------------------------------
    def _restart(self, *_args: Any) -> None:
        if self.sqlite and self.damage is None and self.done_on != date.today():
            self.idle.start()

    def after_work(self) -> None:
        """A while without work: make today's copy now, if due and anything changed."""
        window = self.window
        if window.runner.busy or not window.save_state.clean:
            self.idle.start()  # still working: later
            return
        self.run()

    def on_close(self) -> None:
        """The window is closing: the copy runs on the worker; the program ends after it."""
        self.idle.stop()
        self.run()

    def run(self) -> None:
        if not (self.sqlite and enabled()) or self.damage is not None:
            return
        from mipg_desktop.storage.backup_rotation import make_automatic_backup

        url = self.window.db.url
        self.window.runner.run(lambda: make_automatic_backup(url), self._done, self._failed)

    def _done(self, result: BackupResult) -> None:
        from mipg_desktop.storage.backup_rotation import Outcome

        self.last_result = result
        if result.outcome in (Outcome.MADE, Outcome.NOT_DUE):
            self.done_on = date.today()
        if result.outcome is Outcome.MADE:
            LOGGER.info("%s (%.2f s)", result.message, result.seconds)
            self._status(result.message)
        elif result.outcome is Outcome.FAILED:
            LOGGER.warning("%s", result.message)
            self._status(result.message)
        self.backed_up.emit(result)

    def _failed(self, error: BaseException) -> None:
        LOGGER.error("Copia automática no hecha: %s", error)

    def _status(self, message: str) -> None:
        if self.window.isVisible():
            self.window.statusBar().showMessage(message, 8000)

    # -- the check on open ----------------------------------------------------------------------
    def check_file(self) -> None:
        path = self.window.db.path
        if path is None:
            return
        full = self.full_check
        self.checks.run(lambda: check_on_open(path, full), self._checked, self._check_failed)

    def _check_failed(self, error: BaseException) -> None:
        LOGGER.error("No se pudo revisar la base de datos: %s", error)
        self.checked.emit(None)

    def _checked(self, damage: Damage | None) -> None:
        if damage is not None:
            self.damage = damage
            self.idle.stop()
            LOGGER.error(
                "La base de datos %s está dañada: %s",
                self.window.db.path,
                "; ".join(damage.problems[:5]),
            )
            self.set_read_only(True)
            self.offer(damage)
        self.checked.emit(damage)

    def set_read_only(self, read_only: bool) -> None:
        """Every new connection of the window gets ``query_only`` (nothing is written)."""
        self.read_only = read_only
        db = self.window.db
        window = self.window

        def apply() -> None:
            from sqlalchemy import event

            engine = db.engine
            if not getattr(engine, "_mipg_read_only_hook", False):
                event.listen(engine, "connect", self._on_connect)
                event.listen(engine, "handle_error", self._on_error)
                engine._mipg_read_only_hook = True  # type: ignore[attr-defined]
            engine.dispose()  # connections made before now are dropped

        window.runner.run(apply)  # after the core's load, queued first on the worker
        window.show_read_only(read_only)

    def _on_connect(self, connection: Any, _record: Any) -> None:
        if self.read_only:
            connection.execute("PRAGMA query_only = ON")

    def _on_error(self, context: Any) -> None:
        """A write refused by ``query_only``: one Spanish line, not SQLite's."""
        if self.read_only and "readonly" in str(context.original_exception).lower():
            raise MipgError(
                _(
                    "La base de datos está abierta en solo lectura porque está dañada: este "
                    "cambio no se guardó. Restaure una copia desde «Archivo ▸ Copias de "
                    "seguridad automáticas…»."
                )
            ) from context.original_exception

    def offer(self, damage: Damage) -> None:
        """Tell the person, in Spanish, and offer the latest good copy."""
        window = self.window
        box = QMessageBox(QMessageBox.Icon.Critical, _("Base de datos dañada"), "", parent=window)
        box.setObjectName("damageBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        name = window.db.path.name if window.db.path else ""
        box.setText(_("La base de datos {name} está dañada.").format(name=name))
        lines = [
            _(
                "La revisión al abrirla encontró partes del archivo que no se pueden leer "
                "bien. Para no empeorar el daño, esta ventana ya no escribirá en ella."
            )
        ]
        box.setDetailedText("\n".join(damage.problems[:20]))  # SQLite's own words
        restore = None
        if damage.latest_good is not None:
            from ui.backups_dialog import describe_copy, shown_date

            when = shown_date(damage.latest_good.taken)
            lines.append(
                _("La copia automática más reciente en buen estado es del {when}: {what}.").format(
                    when=when, what=describe_copy(damage.contents)
                )
            )
            restore = box.addButton(
                _("&Restaurar la copia del {when}").format(when=when),
                QMessageBox.ButtonRole.AcceptRole,
            )
            restore.setObjectName("restoreLatestGood")
        else:
            lines.append(
                _(
                    "No hay copias automáticas en buen estado de esta base de datos. Si tiene "
                    "una copia propia, restáurela con «mipg restore»."
                )
            )
        box.setInformativeText("\n\n".join(lines))
        read_only = box.addButton(_("Abrir en &solo lectura"), QMessageBox.ButtonRole.RejectRole)
        read_only.setObjectName("openReadOnly")
        close = box.addButton(_("&Cerrar"), QMessageBox.ButtonRole.DestructiveRole)
        close.setObjectName("closeDamaged")
        box.setDefaultButton(restore or read_only)
        good = damage.latest_good

        def chosen(button: object) -> None:
            if button is restore and good is not None:
                from ui.backups_dialog import restore_copy

                restore_copy(window, good)
            elif button is close:
                QTimer.singleShot(0, window.close)

        box.buttonClicked.connect(chosen)
        box.open()

    def restored(self) -> None:
        """A good copy replaced the file: writing is allowed again."""
        if self.damage is not None or self.read_only:
            self.damage = None
            self.set_read_only(False)
