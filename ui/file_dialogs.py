"""File dialogs that never open the files they list.

Qt's file dialog guesses each listed file's type and icon from its content (it opens
and closes it). On Linux and macOS closing any descriptor of a file drops every POSIX
lock this process holds on it, SQLite's included: with the database's folder on screen,
another program (``mipg`` beside the window) then took the window's write-ahead log
for abandoned and deleted it, and later saves went to a deleted file while the status
bar said «Todo guardado». These dialogs tell types and icons from the name alone.

The functions take and return what ``QFileDialog.getOpenFileName`` and
``getSaveFileName`` do, so they are drop-in (and the seam tests replace).
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QFileDialog, QWidget

from mipg_desktop.i18n import _


class NameOnlyIcons(QAbstractFileIconProvider):
    """Icons and type names from a file's name: its content is never read."""

    def icon(self, what: Any) -> QIcon:
        if isinstance(what, QFileInfo):
            kind = (
                QAbstractFileIconProvider.IconType.Folder
                if what.isDir()
                else QAbstractFileIconProvider.IconType.File
            )
            return super().icon(kind)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return _("Carpeta")
        suffix = info.suffix()
        return _("Archivo {ext}").format(ext=suffix.upper()) if suffix else _("Archivo")


_ICONS: NameOnlyIcons | None = None


def _dialog(parent: QWidget | None, caption: str, directory: str, filters: str) -> QFileDialog:
    global _ICONS
    dialog = QFileDialog(parent, caption, directory, filters)
    if sys.platform != "win32":  # Windows locks are not dropped by another handle's close
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        if _ICONS is None:
            _ICONS = NameOnlyIcons()
        dialog.setIconProvider(_ICONS)
    return dialog


def _chosen(dialog: QFileDialog) -> tuple[str, str]:
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return "", ""
    return dialog.selectedFiles()[0], dialog.selectedNameFilter()


def get_open_file_name(
    parent: QWidget | None = None, caption: str = "", directory: str = "", filters: str = ""
) -> tuple[str, str]:
    dialog = _dialog(parent, caption, directory, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    return _chosen(dialog)


def get_open_file_names(
    parent: QWidget | None = None, caption: str = "", directory: str = "", filters: str = ""
) -> tuple[list[str], str]:
    """Several existing files at once (as ``QFileDialog.getOpenFileNames``)."""
    dialog = _dialog(parent, caption, directory, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return [], ""
    return list(dialog.selectedFiles()), dialog.selectedNameFilter()


def get_save_file_name(
    parent: QWidget | None = None, caption: str = "", directory: str = "", filters: str = ""
) -> tuple[str, str]:
    """Where to save; a name typed without extension gets the filter's (``.pdf``)."""
    dialog = _dialog(parent, caption, directory, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    suffix = _first_suffix(filters)
    if suffix:
        dialog.setDefaultSuffix(suffix)
    return _chosen(dialog)


def _first_suffix(filters: str) -> str:
    """«PDF (*.pdf)» → «pdf»."""
    start = filters.find("*.")
    if start < 0:
        return ""
    end = start + 2
    while end < len(filters) and (filters[end].isalnum() or filters[end] == "."):
        end += 1
    return filters[start + 2 : end]
