"""Someone else changed what you were editing: both versions side by side, and the choice.

«Conservar la mía», «Tomar la otra» or «Guardar la combinación» (long text: edited by hand
in a third pane; short fields: chosen one by one). Whatever is not kept goes to the audit
trail (the caller does that through the core).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.i18n import _

MINE, THEIRS, MERGED = "mine", "theirs", "merged"


@dataclass(frozen=True)
class ConflictField:
    key: str
    label: str
    mine: str
    theirs: str
    long: bool = False


class ConflictDialog(QDialog):
    def __init__(self, parent: QWidget, what: str, fields: list[ConflictField]) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(_("Otra persona cambió esto mientras usted editaba"))
        self.setAccessibleName(self.windowTitle())
        self.fields = fields
        self.choice = ""
        self.groups: dict[str, QButtonGroup] = {}
        self.merged: dict[str, QPlainTextEdit] = {}
        intro = QLabel(
            _(
                "«{what}» se modificó en otra ventana, en la línea de comandos o por otra "
                "persona después de que usted empezó a editarlo. Elija qué versión queda; la que "
                "no quede se guarda en el registro de cambios, así que nada se pierde."
            ).format(what=what),
            self,
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.addWidget(QLabel("<b>" + _("Campo") + "</b>", self), 0, 0)
        grid.addWidget(QLabel("<b>" + _("Su versión") + "</b>", self), 0, 1)
        grid.addWidget(QLabel("<b>" + _("La otra versión (guardada)") + "</b>", self), 0, 2)
        for row, field in enumerate(fields, start=1):
            grid.addWidget(QLabel(field.label, self), row, 0)
            if field.long:
                grid.addWidget(self._text(field.mine, _("Su versión")), row, 1)
                grid.addWidget(self._text(field.theirs, _("La otra versión")), row, 2)
                merged = QPlainTextEdit(field.mine, self)
                merged.setObjectName(f"merged_{field.key}")
                merged.setAccessibleName(_("Combinación de {label}").format(label=field.label))
                self.merged[field.key] = merged
                grid.addWidget(QLabel(_("Combinación (edítela):"), self), row + len(fields), 0)
                grid.addWidget(merged, row + len(fields), 1, 1, 2)
                continue
            group = QButtonGroup(self)
            for column, (text, value) in enumerate(
                ((field.mine, MINE), (field.theirs, THEIRS)), start=1
            ):
                button = QRadioButton(text or _("(vacío)"), self)
                button.setObjectName(f"{value}_{field.key}")
                button.setProperty("choice", value)
                button.setChecked(value == MINE)
                group.addButton(button)
                grid.addWidget(button, row, column)
            self.groups[field.key] = group
        buttons = QDialogButtonBox(self)
        self.keep_mine = self._button(buttons, _("Conservar la &mía"), "keepMine", MINE)
        self.take_theirs = self._button(buttons, _("&Tomar la otra"), "takeTheirs", THEIRS)
        self.merge = self._button(buttons, _("Guardar la &combinación"), "saveMerge", MERGED)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid, 1)
        layout.addWidget(buttons)
        self.resize(760, 420 if any(f.long for f in fields) else 260)

    def _text(self, text: str, name: str) -> QPlainTextEdit:
        view = QPlainTextEdit(text, self)
        view.setReadOnly(True)
        view.setAccessibleName(name)
        return view

    def _button(self, box: QDialogButtonBox, text: str, name: str, choice: str) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        assert button is not None
        button.setObjectName(name)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def value(self, key: str) -> str:
        """The text to keep for ``key`` under the choice made."""
        field = next(f for f in self.fields if f.key == key)
        if self.choice == THEIRS:
            return field.theirs
        if self.choice == MINE:
            return field.mine
        if key in self.merged:
            return self.merged[key].toPlainText()
        checked = self.groups[key].checkedButton()
        return field.theirs if checked and checked.property("choice") == THEIRS else field.mine

    def keeps_mine(self, key: str) -> bool:
        """Whether ``key`` keeps the person's own value (short fields)."""
        field = next(f for f in self.fields if f.key == key)
        return self.value(key) == field.mine and (
            self.choice != THEIRS or field.mine == field.theirs
        )
