"""Entity profile and document-control settings (with logo): each tab saves with one call."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
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
from ui import file_dialogs
from ui.fields import DateField
from ui.form_binding import FormBinding, with_error

if TYPE_CHECKING:
    from ui.main_window import MainWindow

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


class EntityEditor(QWidget):
    """Each field is saved when it is left (one versioned, undoable call per form)."""

    saved = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        from mipg_desktop.scopes import entity_scope

        super().__init__(window)
        self.window_ = window
        self.db, self.runner = window.db, window.runner
        self.setObjectName("entityEditor")
        self.setAccessibleName(_("Perfil de la entidad"))
        self.tabs = QTabWidget(self)
        self.profile = FormBinding(
            window,
            _("Perfil de la entidad"),
            "entities",
            entity_scope,
            self._save_profile,
            lambda profile: (profile.version, {}),
            self,
        )
        self.control = FormBinding(
            window,
            _("Control documental"),
            "document_controls",
            entity_scope,
            self._save_control,
            lambda info: (info.row_version, {}),
            self,
        )
        self.profile.saved.connect(lambda _r: self._saved(_("Entidad guardada")))
        self.control.saved.connect(lambda _r: self._saved(_("Control documental guardado")))
        self.entity_inputs = {k: self._line(label) for k, label in ENTITY_FIELDS}
        self.control_inputs = {k: self._line(label) for k, label in CONTROL_FIELDS}
        self.valid_from = DateField(self, None, _("Fecha de vigencia"))
        self.uncontrolled = QCheckBox(_("Imprimir la leyenda de copia no controlada"), self)
        self.meci_only = QCheckBox(_("La entidad reporta solo &MECI (control interno)"), self)
        self.meci_only.setObjectName("meciOnly")
        self.meci_only.setAccessibleName(_("Reporta solo MECI"))
        self.meci_only.setToolTip(
            _(
                "Concejos, personerías, contralorías, universidades autónomas…: el FURAG les "
                "pide solo el formulario MECI. No se proponen el Comité Institucional de Gestión "
                "y Desempeño ni los planes del Decreto 612."
            )
        )
        self.scope_source = QLabel(self)
        self.scope_source.setObjectName("scopeSource")
        self.logo_preview = QLabel(_("(sin logo)"), self)
        self.logo_preview.setObjectName("logoPreview")
        self.logo_preview.setFixedSize(180, 90)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setFrameShape(QLabel.Shape.StyledPanel)
        self.logo_preview.setAccessibleName(_("Vista previa del logo"))
        self.tabs.addTab(self._entity_tab(), _("Entidad"))
        self.tabs.addTab(self._control_tab(), _("Control documental"))
        self.tabs.currentChanged.connect(lambda _i: self.commit())
        title = QLabel(_("Perfil de la entidad y control documental"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        hint = QLabel(_("Cada dato se guarda al salir del campo."), self)
        hint.setObjectName("savesOnLeave")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.tabs)
        window.guard(self)

    # -- building ----------------------------------------------------------------------------
    def _line(self, label: str) -> QLineEdit:
        line = QLineEdit(self)
        line.setAccessibleName(_(label))
        line.setProperty("label", _(label))
        return line

    def _bind_lines(
        self, binding: FormBinding, inputs: dict[str, QLineEdit], form: QFormLayout
    ) -> None:
        for key, line in inputs.items():
            label = str(line.property("label"))
            error = binding.add(
                key, label, line, partial(_stripped, line), line.setText, line.editingFinished
            )
            form.addRow(label + ":", with_error(line, error))

    def _entity_tab(self) -> QWidget:
        tab = QWidget(self)
        form = QFormLayout(tab)
        self._bind_lines(self.profile, self.entity_inputs, form)
        error = self.profile.add(
            "reporting_scope",
            _("Reporta"),
            self.meci_only,
            lambda: "meci" if self.meci_only.isChecked() else "mipg",
            lambda value: self.meci_only.setChecked(value == "meci"),
            self.meci_only.toggled,
        )
        scope_row = QVBoxLayout()
        scope_row.addWidget(with_error(self.meci_only, error))
        scope_row.addWidget(self.scope_source)
        form.addRow(_("Reporta:"), scope_row)
        logo_button = QPushButton(_("Cambiar el lo&go…"), tab)
        logo_button.setObjectName("chooseLogo")
        logo_button.setAccessibleName(_("Cambiar logo"))
        logo_button.clicked.connect(lambda: self.choose_logo())
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addWidget(logo_button, 0, Qt.AlignmentFlag.AlignBottom)
        logo_row.addStretch(1)
        form.addRow(_("Logo:"), logo_row)
        return tab

    def _control_tab(self) -> QWidget:
        tab = QWidget(self)
        form = QFormLayout(tab)
        lines = dict(self.control_inputs)
        before_date = {k: lines.pop(k) for k in ("process", "code", "version")}
        self._bind_lines(self.control, before_date, form)
        error = self.control.add(
            "valid_from",
            _("Fecha de vigencia"),
            self.valid_from,
            lambda: _valid(self.valid_from),
            self.valid_from.set_date,
            self.valid_from.edited,
        )
        form.addRow(_("Fecha de vigencia:"), with_error(self.valid_from, error))
        self._bind_lines(self.control, lines, form)
        error = self.control.add(
            "show_uncontrolled_copy",
            self.uncontrolled.text(),
            self.uncontrolled,
            self.uncontrolled.isChecked,
            self.uncontrolled.setChecked,
            self.uncontrolled.toggled,
        )
        form.addRow("", with_error(self.uncontrolled, error))
        chain = [
            *(self.control_inputs[k] for k in ("process", "code", "version")),
            self.valid_from.line,
            *(self.control_inputs[k] for k in lines),
            self.uncontrolled,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)  # Tab goes down the form, the date included
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
        from mipg_desktop.reporting_scope import source_label

        self.profile.load(
            {k: (str(getattr(entity, k)) if entity else "") for k in self.entity_inputs}
            | {"reporting_scope": entity.reporting_scope if entity else "mipg"},
            entity.version if entity else None,
        )
        self.scope_source.setText(
            "(" + source_label(entity.reporting_scope_source) + ")" if entity else ""
        )
        self.control.load(
            {k: getattr(control, k) for k in (*self.control_inputs, "valid_from")}
            | {"show_uncontrolled_copy": control.show_uncontrolled_copy},
            control.row_version or None,
        )
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

    # -- saving: one versioned call per form -------------------------------------------------
    def _save_profile(
        self, values: dict[str, Any], version: Any, base: dict[str, Any] | None
    ) -> EntityProfile:
        return save_entity(self.db, expected_version=version, base=base, **values)

    def _save_control(
        self, values: dict[str, Any], version: Any, base: dict[str, Any] | None
    ) -> DocumentControlInfo:
        stored = get_document_control(self.db)
        info = replace(stored, **values, row_version=version or 0)
        before = replace(stored, **(base or {})) if base is not None else None
        return save_document_control(self.db, info, base=before)

    def _saved(self, message: str) -> None:
        self.saved.emit(message)

    def commit(self) -> bool:
        return self.profile.commit() and self.control.commit()

    def pending(self) -> list[str]:
        return [
            f"{form.name}: {f}" for form in (self.profile, self.control) for f in form.pending()
        ]

    def revert(self) -> None:
        self.profile.revert()
        self.control.revert()

    def choose_logo(self) -> None:
        from ui.exports import in_documents

        path, _filter = file_dialogs.get_open_file_name(
            self, _("Elegir logo"), in_documents(), _("Imágenes (*.png *.jpg *.jpeg)")
        )
        if path:
            self.load_logo_file(Path(path))

    def load_logo_file(self, path: Path) -> None:
        from mipg_desktop.scopes import entity_scope

        data = path.read_bytes()
        db, version = self.db, self.profile.version or 0
        self.window_.ops.run(
            _("Cambiar el logo"),
            entity_scope(),
            lambda: set_logo(db, data, expected_version=version),
            lambda _r: self._logo_saved(data),
        )

    def _logo_saved(self, data: bytes) -> None:
        self._show_logo(data)
        self.saved.emit(_("Logo actualizado"))
        self.load()


def _stripped(line: QLineEdit) -> str:
    return line.text().strip()


def _valid(field: DateField) -> Any:
    problem = field.error()
    if problem:
        raise ValueError(problem)
    return field.date()
