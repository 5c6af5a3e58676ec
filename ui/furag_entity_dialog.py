"""Choosing the entity in a FURAG results file: a searchable list of the file's entities.

The profile's entity is preselected when it matches closely (same SIGEP code, or a name
that differs only in accents, case, abbreviations or word order). When it does not, the
list opens with the closest names first and the person searches by name, municipality,
department or SIGEP code: a name written differently is never a dead end. A search selects
its first match, so that Enter imports it. The dialog says the file's vigencia, and whether
that year already has results (importing then asks before replacing them, with :func:`ask`,
as it asks before importing another entity's results).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.i18n import _, ngettext
from mipg_desktop.planning.furag import FuragFileEntities
from mipg_desktop.planning.furag_entity import FuragEntity
from mipg_desktop.planning.furag_guard import prior_text
from mipg_desktop.text import normalize_key
from ui.models.table import Column, RowTableModel


def entity_columns() -> list[Column[FuragEntity]]:
    return [
        Column[FuragEntity](_("Entidad"), lambda e: e.name, tooltip=lambda e: e.name),
        Column[FuragEntity](_("Código SIGEP"), lambda e: e.sigep_code),
        Column[FuragEntity](_("Municipio"), lambda e: e.municipality),
        Column[FuragEntity](_("Departamento"), lambda e: e.department),
        Column[FuragEntity](_("Formulario"), lambda e: e.form_type),
        Column[FuragEntity](_("Hoja"), lambda e: e.sheet),
    ]


def _haystack(entity: FuragEntity) -> str:
    return normalize_key(
        " ".join((entity.name, entity.municipality, entity.department, entity.sigep_code))
    )


class FuragEntityDialog(QDialog):
    """``chosen_entity`` is emitted with the entity when the person clicks «Importar»."""

    chosen_entity = Signal(object)

    def __init__(self, parent: QWidget, listed: FuragFileEntities) -> None:
        super().__init__(parent)
        self.setObjectName("furagEntityDialog")
        self.setWindowTitle(_("Elegir la entidad en {file}").format(file=listed.file_name))
        self.setAccessibleName(_("Elegir la entidad en el archivo FURAG"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.listed = listed
        self.entities = list(listed.shown)
        self._haystacks = {id(e): _haystack(e) for e in self.entities}
        self.explanation = QLabel(self._explanation(), self)
        self.explanation.setObjectName("furagEntityExplanation")
        self.explanation.setWordWrap(True)
        self.year = QLabel(self._year_text(), self)
        self.year.setObjectName("furagEntityYear")
        self.year.setWordWrap(True)
        self.year.setTextFormat(Qt.TextFormat.RichText)
        self.search = QLineEdit(self)
        self.search.setObjectName("furagEntitySearch")
        self.search.setPlaceholderText(_("Buscar por nombre, municipio o código SIGEP"))
        self.search.setAccessibleName(_("Buscar entidad"))
        self.search.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.count.setObjectName("furagEntityCount")
        self.model: RowTableModel[FuragEntity] = RowTableModel(entity_columns(), self)
        self.table = QTableView(self)
        self.table.setObjectName("furagEntityTable")
        self.table.setAccessibleName(_("Entidades del archivo"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(lambda _index: self._accept())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_button())
        buttons = QDialogButtonBox(self)
        self.import_button = QPushButton(_("&Importar esta entidad"), self)
        self.import_button.setObjectName("furagEntityImport")
        self.import_button.setDefault(True)
        self.cancel_button = QPushButton(_("Cancelar"), self)
        self.cancel_button.setObjectName("furagEntityCancel")
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.clicked.connect(lambda: self._accept())
        self.cancel_button.clicked.connect(lambda: self.reject())
        layout = QVBoxLayout(self)
        layout.addWidget(self.year)
        layout.addWidget(self.explanation)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self._filter("")
        if len({e.sheet for e in self.entities}) < 2:
            self.table.hideColumn(len(self.model.columns) - 1)  # «Hoja»: one sheet only
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.search.setFocus()
        self.resize(900, 480)

    def _explanation(self) -> str:
        listed = self.listed
        if listed.suggested is not None:
            return _(
                "Se preseleccionó «{entity}», la que corresponde a «{profile}» del perfil de la "
                "entidad. Compruebe que es la suya, o búsquela por nombre, municipio o código "
                "SIGEP."
            ).format(entity=listed.suggested.name, profile=listed.profile_name)
        if listed.profile_name:
            return _(
                "«{profile}» no aparece con ese nombre en el archivo. Las más parecidas van "
                "primero; busque la suya por nombre, municipio o código SIGEP."
            ).format(profile=listed.profile_name)
        return _("Busque su entidad por nombre, municipio o código SIGEP.")

    def _year_text(self) -> str:
        listed = self.listed
        if listed.year is None:
            return _("No se encontró la vigencia en el archivo.")
        text = _("<b>Vigencia {year}</b>.").format(year=listed.year)
        if listed.prior is not None:
            text += " " + _("{prior}: si importa, se le preguntará antes de reemplazarlos.").format(
                prior=prior_text(listed.prior)
            )
        else:
            text += " " + _("Aún no hay resultados de {year}.").format(year=listed.year)
        return text

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """↑/↓ in the search box move through the list (the typing stays in the box)."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
                current = self.table.currentIndex().row() if self.chosen() else -1
                step = 1 if key == Qt.Key.Key_Down else -1
                self._select(min(max(current + step, 0), self.model.rowCount() - 1))
                return True
        return super().eventFilter(watched, event)

    # -- searching ---------------------------------------------------------------------------
    def _filter(self, text: str) -> None:
        keep = self.chosen()
        words = normalize_key(text).split()
        rows = [e for e in self.entities if all(w in self._haystacks[id(e)] for w in words)]
        self.model.set_rows(rows)
        self.count.setText(
            ngettext(
                "{n} de {total} entidad", "{n} de {total} entidades", len(self.entities)
            ).format(n=len(rows), total=len(self.entities))
        )
        if words:
            keep = rows[0] if rows else None  # the first match: Enter imports it
        elif keep is None and self.listed.suggested is not None:
            keep = self.listed.suggested
        self._select(rows.index(keep) if keep in rows else None)

    def _select(self, row: int | None) -> None:
        selection = self.table.selectionModel()
        if row is None:
            selection.clearSelection()
        else:
            index = self.model.index(row, 0)
            selection.select(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
        self._update_button()

    def _update_button(self) -> None:
        self.import_button.setEnabled(self.chosen() is not None)

    def chosen(self) -> FuragEntity | None:
        selection = self.table.selectionModel()
        if selection is None:
            return None
        rows = selection.selectedRows()
        return self.model.row(rows[0]) if rows else None

    def _accept(self) -> None:
        entity = self.chosen()
        if entity is None:
            return
        self.accept()
        self.chosen_entity.emit(entity)


def ask(
    parent: QWidget,
    name: str,
    question: str,
    detail: str,
    answers: list[tuple[str, str]],
    no: tuple[str, str],
) -> str:
    """A question whose default answer (and Esc) is ``no``; ``answers`` and ``no`` are
    (text, objectName). Returns the objectName of the button clicked."""
    box = QMessageBox(QMessageBox.Icon.Warning, _("Confirmar"), question, parent=parent)
    box.setObjectName(name)
    box.setInformativeText(detail)
    for text, key in answers:
        box.addButton(text, QMessageBox.ButtonRole.AcceptRole).setObjectName(key)
    refuse = box.addButton(no[0], QMessageBox.ButtonRole.RejectRole)
    refuse.setObjectName(no[1])
    box.setDefaultButton(refuse)
    box.setEscapeButton(refuse)
    box.exec()
    clicked = box.clickedButton()
    return clicked.objectName() if clicked is not None else no[1]
