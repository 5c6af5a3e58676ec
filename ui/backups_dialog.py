"""«Copias de seguridad»: the automatic copies of the open database, and restoring one.

The list (date, size, what each copy holds) is read on the worker, each copy opened
read-only. Restoring asks first, then goes through the core's ``restore_database`` (which
keeps a copy of what it replaces) and the window reads the database again.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from mipg_desktop.i18n import _, ngettext

if TYPE_CHECKING:
    from pathlib import Path

    from mipg_desktop.storage.backup_rotation import AutoBackup, Contents
    from ui.main_window import MainWindow

Listing = list[tuple["AutoBackup", "Contents | None"]]


def shown_date(taken: datetime) -> str:
    return taken.strftime("%d/%m/%Y %H:%M")


def shown_size(size: int) -> str:
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


def describe_copy(contents: Contents | None) -> str:
    if contents is None:
        return _("no se pudo leer")
    sessions = ngettext("{n} sesión", "{n} sesiones", contents.sessions).format(n=contents.sessions)
    if not contents.last_session:
        return sessions
    return _("{sessions}; la última: {title}").format(
        sessions=sessions, title=contents.last_session
    )


def read_listing(folder: Path) -> Listing:
    """Every copy in ``folder`` and what it holds (worker thread)."""
    import sqlite3

    from mipg_desktop.storage.backup_rotation import describe, list_backups

    found: Listing = []
    for backup in list_backups(folder):
        try:
            found.append((backup, describe(backup.path, backup.taken.date())))
        except sqlite3.Error:
            found.append((backup, None))
    return found


class BackupsDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        from mipg_desktop.storage.backup_rotation import ROTATION, folder_for_url
        from mipg_desktop.storage.urls import friendly_name

        self.window_ = window
        self.copies: list[AutoBackup] = []
        self.folder = folder_for_url(window.db.url)
        self.setObjectName("backupsDialog")
        self.setWindowTitle(_("Copias de seguridad"))
        self.setAccessibleName(_("Copias de seguridad"))
        layout = QVBoxLayout(self)
        intro = QLabel(self)
        intro.setWordWrap(True)
        if self.folder is None:
            intro.setText(
                _(
                    "En PostgreSQL el programa no hace copias automáticas: use pg_dump en el "
                    "servidor."
                )
            )
        else:
            intro.setText(
                _(
                    "Copias automáticas de {db}: se hacen solas, como máximo una al día, al "
                    "cerrar el programa o tras un rato sin trabajar, solo si algo cambió, y se "
                    "verifica cada una. Se guardan {daily} diarias, {weekly} semanales y "
                    "{monthly} mensuales."
                ).format(
                    db=friendly_name(window.db.url),
                    daily=ROTATION.daily,
                    weekly=ROTATION.weekly,
                    monthly=ROTATION.monthly,
                )
            )
        layout.addWidget(intro)
        self.where = QLabel(self)
        self.where.setObjectName("backupsFolder")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if self.folder is not None:
            self.where.setText(_("Carpeta: {folder}").format(folder=self.folder))
        layout.addWidget(self.where)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("backupsTable")
        self.table.setAccessibleName(_("Copias automáticas"))
        self.table.setHorizontalHeaderLabels([_("Fecha"), _("Tamaño"), _("Contenido")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(self)
        self.empty.setObjectName("backupsEmpty")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        buttons = QHBoxLayout()
        self.restore_button = QPushButton(_("&Restaurar la copia elegida…"), self)
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore_chosen)
        self.close_button = QPushButton(_("&Cerrar"), self)
        self.close_button.setObjectName("closeBackups")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.resize(min(820, window.width() - 40), min(440, window.height() - 60))
        self.load()

    def load(self) -> None:
        self.empty.setText(_("Leyendo las copias…") if self.folder is not None else "")
        if self.folder is None:
            self.show_listing([])
            return
        folder = self.folder
        self.window_.runner.run(lambda: read_listing(folder), self.show_listing)

    def show_listing(self, listing: Listing) -> None:
        from shiboken6 import isValid

        if not isValid(self.table):  # closed before the listing came
            return
        self.copies = [backup for backup, _contents in listing]
        self.table.setRowCount(len(listing))
        for row, (backup, contents) in enumerate(listing):
            cells = (shown_date(backup.taken), shown_size(backup.size), describe_copy(contents))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(backup.path) if column == 0 else text)
                self.table.setItem(row, column, item)
        if self.folder is not None and not listing:
            self.empty.setText(
                _(
                    "Todavía no hay copias automáticas de esta base de datos: la primera se "
                    "hace al cerrar el programa después de trabajar."
                )
            )
        else:
            self.empty.setText("")
        self.empty.setVisible(bool(self.empty.text()))

    def chosen(self) -> AutoBackup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.copies[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    def _restore_chosen(self) -> None:
        backup = self.chosen()
        if backup is None or not confirm_restore(self, backup):
            return
        restore_copy(self.window_, backup, self)


def confirm_restore(parent: Any, backup: AutoBackup) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, _("Restaurar una copia"), "", parent=parent)
    box.setObjectName("confirmRestoreBox")
    box.setText(_("¿Restaurar la copia del {when}?").format(when=shown_date(backup.taken)))
    box.setInformativeText(
        _(
            "La base de datos abierta se reemplaza por esta copia. Antes se guarda una copia "
            "de lo que hay ahora, junto a la base de datos (nombre «…antes-de-restaurar…»)."
        )
    )
    yes = box.addButton(_("&Restaurar"), QMessageBox.ButtonRole.AcceptRole)
    yes.setObjectName("confirmRestore")
    no = box.addButton(_("&Cancelar"), QMessageBox.ButtonRole.RejectRole)
    no.setObjectName("cancelRestore")
    box.setDefaultButton(no)
    box.exec()
    return box.clickedButton() is yes


def restore_copy(window: MainWindow, backup: AutoBackup, dialog: QDialog | None = None) -> None:
    """Put ``backup`` in place of the open database (on the worker), then read it again."""
    if not window.commit_all():
        window.show_user_error(
            _("Hay cambios que no se pudieron guardar; corríjalos antes de restaurar.")
        )
        return
    from mipg_desktop.storage.backup import restore_database

    db = window.db
    path = backup.path

    def work(progress: Any) -> Path | None:
        import os

        from mipg_desktop.storage.lockfile import lock_holder_pid

        db.close()  # no connection of this window stays open on the file being replaced
        own = lock_holder_pid(db.url) == os.getpid()  # the window's own lock (the program's)
        return restore_database(db.url, path, progress, own_lock=own)

    def done(kept: Path | None) -> None:
        if dialog is not None:
            dialog.accept()
        window.reopen_database()
        message = _("Se restauró la copia del {when}.").format(when=shown_date(backup.taken))
        if kept is not None:
            message += " " + _("Lo que había quedó en {path}.").format(path=kept)
        window.statusBar().showMessage(message, 15000)

    window.runner.run_with_progress(_("Restaurando la copia…"), work, done)
