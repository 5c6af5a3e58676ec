"""A line or a paragraph asked of the person, in a dialog whose buttons speak Spanish."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget

from mipg_desktop.i18n import _


def ask_text(
    parent: QWidget, title: str, label: str, text: str = "", multiline: bool = False
) -> str | None:
    """What was written (stripped), or None when cancelled or left empty."""
    dialog = QInputDialog(parent)
    dialog.setObjectName("askTextDialog")
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    dialog.setOkButtonText(_("Aceptar"))
    dialog.setCancelButtonText(_("Cancelar"))
    if multiline:
        dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
    dialog.resize(520, dialog.sizeHint().height())
    if not dialog.exec():
        return None
    return dialog.textValue().strip() or None
