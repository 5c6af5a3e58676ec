"""A line or a paragraph asked of the person, in a dialog whose buttons speak Spanish."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QPlainTextEdit, QWidget

from mipg_desktop.i18n import _


def ask_text(
    parent: QWidget,
    title: str,
    label: str,
    text: str = "",
    multiline: bool = False,
    required: str = "",
) -> str | None:
    """What was written (stripped), or None when cancelled. ``required``: the message shown,
    and the question asked again, when it is accepted empty (else empty gives None)."""
    while True:
        answer = _ask_once(parent, title, label, text, multiline)
        if answer is None or answer.strip() or not required:
            return (answer or "").strip() or None
        label = required  # accepted empty: say why it is needed, and ask again


def _ask_once(parent: QWidget, title: str, label: str, text: str, multiline: bool) -> str | None:
    dialog = QInputDialog(parent)
    dialog.setObjectName("askTextDialog")
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    dialog.setOkButtonText(_("Aceptar"))
    dialog.setCancelButtonText(_("Cancelar"))
    if multiline:
        dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
        from ui.spell_check import attach_spell_check

        for edit in dialog.findChildren(QPlainTextEdit):
            attach_spell_check(edit)
    dialog.resize(520, dialog.sizeHint().height())
    if not dialog.exec():
        return None
    return dialog.textValue()
