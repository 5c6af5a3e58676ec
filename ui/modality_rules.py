"""The committee's modality rules: which modalities its reglamento allows, and when."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from mipg_desktop.committees import labels
from mipg_desktop.i18n import _

if TYPE_CHECKING:
    from ui.committee_dialogs import SessionDialog
    from ui.main_window import MainWindow

MODALITIES = ("in_person", "virtual", "mixed")


def allowed_label(code: str) -> str:
    return {
        "always": _("Permitida"),
        "conditional": _("Solo con condición"),
        "never": _("No permitida"),
    }.get(code, code)


class ModalityRulesBox(QGroupBox):
    """One row per modality: allowed, only under a condition (written beside), or not.
    «Guardar modalidades» calls ``save(rules, version)`` (one core call)."""

    def __init__(self, parent: QWidget, save: Callable[[list[dict[str, str]], Any], None]) -> None:
        super().__init__(_("Modalidades que permite el reglamento"), parent)
        self.setObjectName("modalityRules")
        self.save_rules = save
        self.version: Any = None
        self.sources: dict[str, str] = {}
        self.loaded: dict[str, tuple[str, str]] = {}
        grid = QGridLayout(self)
        self.allowed: dict[str, QComboBox] = {}
        self.condition: dict[str, QLineEdit] = {}
        self.condition_label: dict[str, QLabel] = {}
        for column, modality in enumerate(MODALITIES):
            name = labels.modality_label(modality)
            box = QComboBox(self)
            box.setAccessibleName(_("Modalidad {name}").format(name=name.lower()))
            for code in ("always", "conditional", "never"):
                box.addItem(allowed_label(code), code)
            condition = QLineEdit(self)
            condition.setAccessibleName(
                _("Condición para la modalidad {name}").format(name=name.lower())
            )
            condition.setPlaceholderText(_("por ejemplo, razones de orden público"))
            label = QLabel(_("Condición para la modalidad {name}:").format(name=name.lower()))
            box.currentIndexChanged.connect(lambda _i, m=modality: self._enable(m))
            grid.addWidget(QLabel(name + ":", self), 0, 2 * column)
            grid.addWidget(box, 0, 2 * column + 1)
            grid.addWidget(label, 1 + column, 0, 1, 2)
            grid.addWidget(condition, 1 + column, 2, 1, 5)
            self.allowed[modality], self.condition[modality] = box, condition
            self.condition_label[modality] = label
        self.save_button = QPushButton(_("Guardar &modalidades"), self)
        self.save_button.setObjectName("saveModalities")
        self.save_button.clicked.connect(self._save)
        self.setToolTip(
            _("Fuera de estas reglas, programar o convocar pide el motivo, y el acta lo dice.")
        )
        grid.addWidget(self.save_button, 0, 2 * len(MODALITIES))
        grid.setColumnStretch(2 * len(MODALITIES) + 1, 1)

    def focus_chain(self) -> list[QWidget]:
        out: list[QWidget] = []
        for modality in MODALITIES:
            out += [self.allowed[modality], self.condition[modality]]
        return [*out, self.save_button]

    def _enable(self, modality: str) -> None:
        """A condition is asked only of a modality allowed under one."""
        wanted = self.allowed[modality].currentData() == "conditional"
        self.condition[modality].setVisible(wanted)
        self.condition_label[modality].setVisible(wanted)

    def show_rules(self, rules: tuple[dict[str, str], ...], version: Any) -> None:
        self.version = version
        by_modality = {r["modality"]: r for r in rules}
        self.sources = {m: r.get("source", "") for m, r in by_modality.items()}
        self.loaded = {
            m: (r.get("allowed", ""), r.get("condition", "")) for m, r in by_modality.items()
        }
        for modality in MODALITIES:
            rule = by_modality.get(modality, {})
            box = self.allowed[modality]
            box.blockSignals(True)
            box.setCurrentIndex(max(box.findData(rule.get("allowed", "always")), 0))
            box.blockSignals(False)
            self.condition[modality].setText(rule.get("condition", ""))
            source = rule.get("source", "")
            box.setToolTip(_("Fuente: {source}").format(source=source) if source else "")
            self._enable(modality)

    def values(self) -> list[dict[str, str]]:
        """The rules as shown; a changed one's source becomes the entity's reglamento."""
        out = []
        for modality in MODALITIES:
            allowed = self.allowed[modality].currentData()
            condition = self.condition[modality].text().strip() if allowed == "conditional" else ""
            same = self.loaded.get(modality) == (allowed, condition)
            source = self.sources.get(modality, "") if same else _("Reglamento del comité")
            out.append(
                {"modality": modality, "allowed": allowed, "condition": condition, "source": source}
            )
        return out

    def _save(self) -> None:
        self.save_rules(self.values(), self.version)


def modality_reason(
    window: MainWindow, dialog: SessionDialog, committee_id: int, modality: str
) -> str:
    """ "" when the reglamento allows ``modality``; else the reason the person gives, asked
    as a late convocation's is (cancelled: the dialog stays open with the reglamento's words)."""
    from mipg_desktop.committees.modality import modality_problem

    window.runner.drain()  # the dialog's call, on this thread once the worker is idle
    problem = modality_problem(window.db, committee_id, modality)
    if not problem:
        return ""
    reason = ask_reason(dialog, problem)
    if not reason:
        raise ValueError(problem)
    dialog.modality_reason = reason
    return reason


def ask_reason(parent: QWidget, problem: str) -> str | None:
    """The reason for a modality outside the reglamento, asked like a late convocation's."""
    from ui.text_dialogs import ask_text

    return ask_text(
        parent,
        _("Modalidad fuera del reglamento"),
        problem
        + "\n\n"
        + _("Si debe sesionar de todos modos en esta modalidad, escriba el motivo:"),
        required=problem
        + "\n\n"
        + _("Sin un motivo no se programa en esta modalidad: escríbalo, o cancele."),
    )
