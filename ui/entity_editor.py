"""Entity profile and document-control settings (with logo): each tab saves with one call."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.entity_profile import (
    DocumentControlInfo,
    EntityProfile,
    get_document_control,
    get_entity,
    get_logo,
    save_document_control,
    save_entity,
    set_logo,
)
from mipg_desktop.i18n import _
from mipg_desktop.storage.database import Database
from ui.tasks import TaskRunner

ENTITY_FIELDS = (
    ("name", "Nombre de la entidad"),
    ("nit", "NIT"),
    ("sigep_code", "Código SIGEP"),
    ("order", "Orden (nacional / territorial)"),
    ("department", "Departamento"),
    ("city", "Municipio"),
    ("address", "Dirección"),
)
CONTROL_FIELDS = (
    ("process", "Proceso"),
    ("code", "Código"),
    ("version", "Versión"),
    ("prepared_by", "Elaboró"),
    ("reviewed_by", "Revisó"),
    ("approved_by", "Aprobó"),
    ("uncontrolled_copy_legend", "Leyenda de copia no controlada"),
)
NO_DATE = QDate(2000, 1, 1)


class EntityEditor(QWidget):
    saved = Signal(str)

    def __init__(self, db: Database, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.runner = db, runner
        self.setObjectName("entityEditor")
        self.setAccessibleName(_("Perfil de la entidad"))
        self.tabs = QTabWidget(self)
        self.entity_inputs = {k: self._line(label) for k, label in ENTITY_FIELDS}
        self.control_inputs = {k: self._line(label) for k, label in CONTROL_FIELDS}
        self.valid_from = QDateEdit(self)
        self.valid_from.setDisplayFormat("dd/MM/yyyy")
        self.valid_from.setCalendarPopup(True)
        self.valid_from.setMinimumDate(NO_DATE)
        self.valid_from.setSpecialValueText(_("(sin fecha)"))
        self.valid_from.setAccessibleName(_("Fecha de vigencia"))
        self.uncontrolled = QCheckBox(_("Imprimir la leyenda de copia no controlada"), self)
        self.logo_preview = QLabel(_("(sin logo)"), self)
        self.logo_preview.setObjectName("logoPreview")
        self.logo_preview.setFixedSize(180, 90)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setFrameShape(QLabel.Shape.StyledPanel)
        self.logo_preview.setAccessibleName(_("Vista previa del logo"))
        self.tabs.addTab(self._entity_tab(), _("Entidad"))
        self.tabs.addTab(self._control_tab(), _("Control documental"))
        title = QLabel(_("Perfil de la entidad y control documental"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save_current_tab)

    # -- building ----------------------------------------------------------------------------
    def _line(self, label: str) -> QLineEdit:
        line = QLineEdit(self)
        line.setAccessibleName(_(label))
        line.setProperty("label", _(label))
        return line

    def _form(self, inputs: dict[str, QLineEdit]) -> QFormLayout:
        form = QFormLayout()
        for line in inputs.values():
            form.addRow(str(line.property("label")) + ":", line)
        return form

    def _entity_tab(self) -> QWidget:
        tab = QWidget(self)
        form = self._form(self.entity_inputs)
        logo_button = QPushButton(_("Cambiar &logo…"), tab)
        logo_button.setAccessibleName(_("Cambiar logo"))
        logo_button.clicked.connect(self.choose_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addWidget(logo_button, 0, Qt.AlignmentFlag.AlignBottom)
        logo_row.addStretch(1)
        form.addRow(_("Logo:"), logo_row)
        self.save_entity_button = QPushButton(_("&Guardar entidad"), tab)
        self.save_entity_button.setObjectName("saveEntityButton")
        self.save_entity_button.clicked.connect(self.save_profile)
        form.addRow("", _left(self.save_entity_button))
        tab.setLayout(form)
        return tab

    def _control_tab(self) -> QWidget:
        tab = QWidget(self)
        form = self._form(self.control_inputs)
        form.insertRow(3, _("Fecha de vigencia:"), self.valid_from)
        form.addRow("", self.uncontrolled)
        self.save_control_button = QPushButton(_("&Guardar control documental"), tab)
        self.save_control_button.setObjectName("saveControlButton")
        self.save_control_button.clicked.connect(self.save_control)
        form.addRow("", _left(self.save_control_button))
        tab.setLayout(form)
        return tab

    # -- loading -----------------------------------------------------------------------------
    def load(self) -> None:
        db = self.db
        self.runner.run(
            lambda: (get_entity(db), get_document_control(db), get_logo(db)), self._show
        )

    def _show(
        self, data: tuple[EntityProfile | None, DocumentControlInfo, tuple[bytes, str] | None]
    ) -> None:
        entity, control, logo = data
        for key, line in self.entity_inputs.items():
            line.setText(str(getattr(entity, key)) if entity else "")
        for key, line in self.control_inputs.items():
            line.setText(str(getattr(control, key)))
        self.valid_from.setDate(_qdate(control.valid_from))
        self.uncontrolled.setChecked(control.show_uncontrolled_copy)
        self._show_logo(logo[0] if logo else None)

    def _show_logo(self, data: bytes | None) -> None:
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.logo_preview.setPixmap(
                pixmap.scaled(
                    self.logo_preview.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.logo_preview.setText(_("(sin logo)"))

    # -- actions: one core call each ----------------------------------------------------------
    def save_current_tab(self) -> None:
        if self.tabs.currentIndex() == 0:
            self.save_profile()
        else:
            self.save_control()

    def save_profile(self) -> None:
        values = {k: line.text() for k, line in self.entity_inputs.items()}
        db = self.db
        self.runner.run(
            lambda: save_entity(db, **values),
            lambda profile: self.saved.emit(
                _("Entidad guardada: {name}").format(name=profile.name)
            ),
        )

    def save_control(self) -> None:
        texts: dict[str, Any] = {k: line.text().strip() for k, line in self.control_inputs.items()}
        info = DocumentControlInfo(**texts)
        valid = self.valid_from.date()
        info = replace(
            info,
            valid_from=None if valid == NO_DATE else date(valid.year(), valid.month(), valid.day()),
            show_uncontrolled_copy=self.uncontrolled.isChecked(),
        )
        db = self.db
        self.runner.run(
            lambda: save_document_control(db, info),
            lambda _r: self.saved.emit(_("Control documental guardado")),
        )

    def choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Elegir logo"), "", _("Imágenes (*.png *.jpg *.jpeg)")
        )
        if path:
            self.load_logo_file(Path(path))

    def load_logo_file(self, path: Path) -> None:
        data = path.read_bytes()
        db = self.db
        self.runner.run(
            lambda: set_logo(db, data),
            lambda _r: self._logo_saved(data),
        )

    def _logo_saved(self, data: bytes) -> None:
        self._show_logo(data)
        self.saved.emit(_("Logo actualizado"))


def _qdate(value: date | None) -> QDate:
    return NO_DATE if value is None else QDate(value.year, value.month, value.day)


def _left(button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(button)
    row.addStretch(1)
    return row
