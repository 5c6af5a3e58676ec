"""A member's observations on the draft: listed with their time, written and corrected in
place, removed before sending. Every change is handed to the review window, which saves the
draft at once (:mod:`mipg_desktop.committees.review_drafts`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.committees.markup import normalize_markup, plain_text
from mipg_desktop.committees.review_drafts import DraftObservation, ReviewDraft, new_observation
from mipg_desktop.i18n import _
from ui.review_text import Key
from ui.rich_editor import RichTextEdit, attach_text_tools

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def when(observation: DraftObservation) -> str:
    from ui.observations_panel import when as shown

    return shown(observation.created_at)  # as the secretary's side will show it


def summary(observation: DraftObservation, label: str) -> str:
    said = " ".join(observation.comment.split())
    if not said and observation.proposed_text is not None:
        said = _("(propone otra redacción)")
    elif observation.proposed_text is not None:
        said += " " + _("(y propone otra redacción)")
    said = said or _("(vacía: escriba el comentario)")
    return f"{when(observation)} · {label} — {said[:120]}"


class ObservationsBox(QWidget):
    """The observations of the draft; ``part_wanted`` asks the window to show a part."""

    part_wanted = Signal(object)  # Key

    def __init__(
        self,
        parent: QWidget,
        draft: Callable[[], ReviewDraft],
        changed: Callable[[ReviewDraft], None],
        parts: dict[Key, Any],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewObservationsBox")
        self._draft, self._changed, self.parts = draft, changed, parts
        self.current_part: Key | None = None
        self.shown_id: str | None = None
        self._loading = False
        self._wording: dict[str, str] = {}  # a proposal unticked, kept if ticked again
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("reviewObservations")
        self.list.setAccessibleName(_("Observaciones escritas"))
        self.list.currentItemChanged.connect(self._selected)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_button = QPushButton(_("&Agregar observación"), self)
        self.add_button.setObjectName("addObservation")
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(_("&Quitar observación"), self)
        self.remove_button.setObjectName("removeObservation")
        self.remove_button.clicked.connect(self.remove)
        self.comment = QPlainTextEdit(self)
        self.comment.setObjectName("observationComment")
        self.comment.setAccessibleName(_("Comentario de la observación"))
        self.comment.setPlaceholderText(_("Escriba aquí su observación sobre esta parte del acta."))
        self.comment.setTabChangesFocus(True)
        self.comment.textChanged.connect(self._typed)
        comment_label = QLabel(_("C&omentario:"), self)
        comment_label.setBuddy(self.comment)
        self.propose = QCheckBox(_("Proponer otra &redacción"), self)
        self.propose.setObjectName("proposeWording")
        self.propose.toggled.connect(self._propose_toggled)
        self.wording = RichTextEdit(self)
        self.wording.setObjectName("proposedWording")
        self.wording.setAccessibleName(_("Redacción propuesta"))
        self.wording.setPlaceholderText(_("El texto como usted lo escribiría."))
        self.wording.textChanged.connect(self._typed)
        attach_text_tools(self.wording)
        self._layout(comment_label)
        order = (self.add_button, self.remove_button, self.list, self.comment, self.propose)
        for first, then in zip(order, (*order[1:], self.wording), strict=True):
            QWidget.setTabOrder(first, then)  # as it reads: the buttons above the list
        self.refresh()

    def _layout(self, comment_label: QLabel) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.title, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        left = QVBoxLayout()
        left.addWidget(comment_label)
        left.addWidget(self.comment, 1)
        right = QVBoxLayout()
        right.addWidget(self.propose)
        right.addWidget(self.wording, 1)
        editors = QHBoxLayout()
        editors.addLayout(left, 1)
        editors.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        layout.addLayout(editors, 2)

    # -- showing -------------------------------------------------------------------------------
    def label(self, key: Key) -> str:
        target = self.parts.get(key)
        return str(target.label) if target is not None else _("(parte que ya no está)")

    def show_part(self, key: Key) -> None:
        """The part being read: new observations go on it; its first one is shown."""
        self.current_part = key
        self.title.setText(_("Parte en lectura: {label}").format(label=self.label(key)))
        shown = self._draft().find(self.shown_id) if self.shown_id else None
        if shown is None or (shown.target_kind, shown.target_uid) != key:
            on_part = self._draft().on_target(*key)
            self.shown_id = on_part[0].id if on_part else None
        self.refresh()

    def refresh(self) -> None:
        draft = self._draft()
        order = {key: n for n, key in enumerate(self.parts)}
        ranked = sorted(
            draft.observations,
            key=lambda o: (order.get((o.target_kind, o.target_uid), len(order)), o.created_at),
        )
        self.list.blockSignals(True)
        self.list.clear()
        for observation in ranked:
            key = (observation.target_kind, observation.target_uid)
            entry = QListWidgetItem(summary(observation, self.label(key)))
            entry.setData(ID_ROLE, observation.id)
            entry.setToolTip(observation.comment[:500])
            self.list.addItem(entry)
            if observation.id == self.shown_id:
                self.list.setCurrentItem(entry)
        self.list.blockSignals(False)
        self._show_editors()

    def _show_editors(self) -> None:
        observation = self._draft().find(self.shown_id) if self.shown_id else None
        self._loading = True
        try:
            self.comment.setPlainText(observation.comment if observation else "")
            proposing = observation is not None and observation.proposed_text is not None
            self.propose.setChecked(proposing)
            self.wording.set_markup(observation.proposed_text or "" if observation else "")
        finally:
            self._loading = False
        for widget in (self.comment, self.remove_button):
            widget.setEnabled(observation is not None)
        # on the acta as a whole a comment is written, not a wording
        whole = observation is not None and observation.target_kind == "acta"
        self.propose.setEnabled(observation is not None and not whole)
        self.propose.setToolTip(
            _(
                "Sobre el acta en su conjunto se escribe un comentario; elija una parte para "
                "proponer otra redacción."
            )
            if whole
            else ""
        )
        self.wording.setEnabled(proposing)
        self.add_button.setEnabled(self.current_part is not None)

    def _selected(self, current: QListWidgetItem | None, _previous: Any) -> None:
        if current is None:
            return
        self.shown_id = str(current.data(ID_ROLE))
        observation = self._draft().find(self.shown_id)
        self._show_editors()
        if observation is not None:
            key = (observation.target_kind, observation.target_uid)
            if key != self.current_part:
                self.current_part = key
                self.title.setText(_("Parte en lectura: {label}").format(label=self.label(key)))
                self.part_wanted.emit(key)

    # -- changing ------------------------------------------------------------------------------
    def add(self) -> None:
        if self.current_part is None:
            return
        observation = new_observation(*self.current_part)
        self.shown_id = observation.id
        self._changed(self._draft().with_observation(observation))
        self.refresh()
        self.comment.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove(self) -> None:
        observation = self._draft().find(self.shown_id) if self.shown_id else None
        if observation is None:
            return
        if not observation.is_empty:
            question = _("¿Quitar la observación «{text}»? No se enviará.").format(
                text=" ".join(observation.comment.split())[:80] or _("(redacción propuesta)")
            )
            if not ask(self, question, _("&Quitar"), _("&No quitar"), "confirmRemoveObservation"):
                return
        self.shown_id = None
        self._changed(self._draft().without(observation.id))
        self.refresh()

    def _propose_toggled(self, on: bool) -> None:
        if self._loading:
            return
        observation = self._draft().find(self.shown_id) if self.shown_id else None
        if observation is None:
            return
        self._loading = True
        if on:
            target = self.parts.get((observation.target_kind, observation.target_uid))
            start = self._wording.get(observation.id) or (target.text if target else "")
            self.wording.set_markup(start)
        else:
            self._wording[observation.id] = self.wording.markup()
        self._loading = False
        self.wording.setEnabled(on)
        if on:
            self.wording.setFocus(Qt.FocusReason.OtherFocusReason)
        self._typed()

    def _typed(self) -> None:
        """What is typed goes into the draft now (the window saves it at once)."""
        if self._loading:
            return
        observation = self._draft().find(self.shown_id) if self.shown_id else None
        if observation is None:
            return
        proposed = self.wording.markup() if self.propose.isChecked() else None
        edited = replace(observation, comment=self.comment.toPlainText(), proposed_text=proposed)
        if edited != observation:
            self._changed(self._draft().with_observation(edited))
            item = self.list.currentItem()
            key = (edited.target_kind, edited.target_uid)
            if item is not None and str(item.data(ID_ROLE)) == edited.id:
                item.setText(summary(edited, self.label(key)))


def ask(parent: QWidget, question: str, yes: str, no: str, name: str, detail: str = "") -> bool:
    """A question with its two answers named for what they do (Enter: the safe one)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, _("Revisión del acta"), question, parent=parent)
    box.setObjectName(name)
    if detail:
        box.setInformativeText(detail)
    go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    back = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    go.setObjectName(name + "Yes")
    back.setObjectName(name + "No")
    box.setDefaultButton(back)
    box.exec()
    return box.clickedButton() is go


def proposal_or_none(observation: DraftObservation, current: str) -> str | None:
    """The wording to send: None when it says what the draft already says."""
    if observation.proposed_text is None:
        return None
    proposed = normalize_markup(observation.proposed_text)
    if proposed == normalize_markup(current) or not plain_text(proposed).strip():
        return None
    return proposed
