"""The reglamento's quorum (to deliberate, to decide) and qualified majority as fields of the
committee page: a kind and, where the kind needs them, a numerator and a denominator.

Each field is bound to the committee page's :class:`ui.form_binding.FormBinding`, so it is
saved on leaving it, checked by the core (``committees.validate_rules``) and undoable.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from mipg_desktop.i18n import _
from ui.fields import choose_data, data_text

if TYPE_CHECKING:
    from ui.form_binding import FormBinding

QUORUM_KINDS = (
    ("half_plus_one", "Mitad más uno de los integrantes con voto"),
    ("fraction", "Una fracción de los integrantes con voto"),
    ("count", "Un número fijo de integrantes"),
)


@dataclass
class FractionFields:
    """A kind with its numerator and denominator (e.g. quorum «2/3 of the voting members»)."""

    prefix: str  # "deliberate_quorum", "decide_quorum" or "majority"
    kind: QComboBox | None
    num: QSpinBox
    den: QSpinBox

    def widgets(self) -> list[QWidget]:
        return [w for w in (self.kind, self.num, self.den) if w is not None]

    def follow(self, kind: str) -> None:
        """Only the numbers the kind uses can be typed."""
        self.num.setEnabled(kind in ("fraction", "count", "qualified"))
        self.den.setEnabled(kind in ("fraction", "qualified"))


def _spin(parent: QWidget, name: str) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(1, 99)
    spin.setAccessibleName(name)
    return spin


def quorum_fields(parent: QWidget, prefix: str, name: str) -> FractionFields:
    kind = QComboBox(parent)
    kind.setAccessibleName(name)
    for code, label in QUORUM_KINDS:
        kind.addItem(_(label), code)
    fields = FractionFields(
        prefix,
        kind,
        _spin(parent, _("{name}: numerador").format(name=name)),
        _spin(parent, _("{name}: denominador").format(name=name)),
    )
    kind.currentIndexChanged.connect(lambda _i: fields.follow(str(kind.currentData())))
    return fields


def majority_fraction(parent: QWidget) -> FractionFields:
    name = _("Mayoría calificada")
    return FractionFields(
        "majority",
        None,
        _spin(parent, _("{name}: numerador").format(name=name)),
        _spin(parent, _("{name}: denominador").format(name=name)),
    )


def bind_fraction(binding: FormBinding, fields: FractionFields) -> list[QLabel]:
    """Bind the kind (when it has one) and both numbers; returns their error labels."""
    errors: list[QLabel] = []
    if fields.kind is not None:
        box = fields.kind
        errors.append(
            binding.add(
                f"{fields.prefix}_kind",
                box.accessibleName(),
                box,
                box.currentData,
                partial(choose_data, box),
                box.activated,
                partial(data_text, box),
            )
        )
    for suffix, spin in (("num", fields.num), ("den", fields.den)):
        errors.append(
            binding.add(
                f"{fields.prefix}_{suffix}",
                spin.accessibleName(),
                spin,
                spin.value,
                spin.setValue,
                spin.editingFinished,
            )
        )
    return errors


def fraction_row(parent: QWidget, label: str, fields: FractionFields) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(QLabel(label, parent))
    if fields.kind is not None:
        row.addWidget(fields.kind)
    row.addWidget(fields.num)
    row.addWidget(QLabel("/", parent))
    row.addWidget(fields.den)
    row.addStretch(1)
    return row


def fraction_values(rules: Any, fields: FractionFields) -> dict[str, Any]:
    """What the bound fields show of ``rules`` (a ``RulesInfo``)."""
    keys = [f"{fields.prefix}_num", f"{fields.prefix}_den"]
    if fields.kind is not None:
        keys.insert(0, f"{fields.prefix}_kind")
    return {key: getattr(rules, key) for key in keys}
