"""The members' observations beside the text they refer to, in the minutes tab.

Under the deliberation of the item being written: the observations on that item (its
deliberation, decisions and commitments) and on the acta as a whole, each with its author,
time and state, the flag «El texto cambió desde que lo leyó» for a response to an older
draft, and a proposed wording shown against the current text. «Aceptar», «Rechazar…» and
«Marcar como respondida» are each one core operation (undoable with Ctrl+Z like any other);
none is offered once the acta is approved. The tab's title counts the open ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.i18n import _
from ui.formats import short_date, short_time
from ui.rich_document import fill_document

if TYPE_CHECKING:
    from mipg_desktop.committees.views import SessionDetail
    from ui.session_editor import SessionEditor

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def status_label(status: str) -> str:
    labels = {
        "open": _("Abierta"),
        "accepted": _("Aceptada"),
        "rejected": _("Rechazada"),
        "answered": _("Respondida"),
    }
    return labels.get(status, status)


OPEN_COLOR = QColor(138, 83, 0)  # the warning's dark amber: readable on every tab style
WARN_STYLE = "QLabel { color: #8a5300; font-weight: bold; }"


def when(moment: Any) -> str:
    """A stored time (naive values are UTC) as the time in Colombia, as the documents say it."""
    from mipg_desktop.committees.calendar import colombia_time

    local = colombia_time(moment)
    return f"{short_date(local.date())} {short_time(local)}"


def row_text(observation: Any) -> str:
    """Two short lines: state, author, time and part; what they said."""
    said = " ".join(observation.comment.split()) or _("(propone otra redacción)")
    part = observation.target_label.rpartition(" — ")[2] or observation.target_label
    flag = "  ⚠" if observation.changed_since and observation.is_open else ""
    return _("{status} · {who} · {when} · {part}{flag}\n{said}").format(
        status=status_label(observation.status),
        who=observation.member_name,
        when=when(observation.created_at),
        part=part,
        flag=flag,
        said=said if len(said) <= 90 else said[:89] + "…",
    )


def responded(summaries: list[Any]) -> str:
    """«Respondieron: Ana (2 observaciones), Luis (sin observaciones).»"""
    said = []
    for member in summaries:
        if member.no_observations:
            said.append(_("{who} (sin observaciones)").format(who=member.member_name))
        else:
            said.append(_("{who} ({n} obs.)").format(who=member.member_name, n=member.observations))
    return _("Respondieron: {list}.").format(list=", ".join(said))


def _browser(parent: QWidget, name: str, accessible: str) -> QTextBrowser:
    view = QTextBrowser(parent)
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setOpenLinks(False)
    # five lines to read before «Aceptar», even at 1024×600 (the splitter gives the room)
    frame = 2 * view.frameWidth() + 2 * int(view.document().documentMargin())
    view.setMinimumHeight(5 * view.fontMetrics().lineSpacing() + frame)
    return view


class ObservationsPanel(QWidget):
    """Shown only when the session has observations (most sessions never get any)."""

    def __init__(self, editor: SessionEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.setObjectName("observationsPanel")
        self.observations: list[Any] = []
        self.item_id: int | None = None
        self.frozen = False
        self.jump_to_open = False
        self.responses: list[Any] = []  # MemberSummary: who answered, «sin observaciones» too
        self.title = QLabel(self)
        self.title.setObjectName("observationsTitle")
        self.title.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("observationsList")
        self.list.setAccessibleName(_("Observaciones de los miembros"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(1)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(lambda *_a: self._show_selected())
        self.changed = QLabel("⚠ " + _("El texto cambió desde que lo leyó"), self)
        self.changed.setObjectName("observationChanged")
        self.changed.setStyleSheet(WARN_STYLE)
        self.changed.setWordWrap(True)
        self.comment = QLabel(self)
        self.comment.setObjectName("observationComment")
        self.comment.setWordWrap(True)
        self.comment.setTextFormat(Qt.TextFormat.PlainText)
        self.comment.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.now = _browser(self, "observationCurrentText", _("Texto actual"))
        self.proposed = _browser(self, "observationProposedText", _("Redacción propuesta"))
        self.accept_button = QPushButton(_("Acep&tar"), self)
        self.accept_button.setObjectName("acceptObservation")
        self.accept_button.clicked.connect(lambda: self.accept())
        self.reject_button = QPushButton(_("Recha&zar…"), self)
        self.reject_button.setObjectName("rejectObservation")
        self.reject_button.clicked.connect(lambda: self.reject())
        self.answer_button = QPushButton(_("Marcar como res&pondida"), self)
        self.answer_button.setObjectName("answerObservation")
        self.answer_button.clicked.connect(lambda: self.mark_answered())
        self.next_button = QPushButton(_("Ir a las si&guientes"), self)
        self.next_button.setObjectName("nextObservations")
        self.next_button.setToolTip(_("El siguiente punto con observaciones abiertas"))
        self.next_button.clicked.connect(lambda: self.go_to_next())
        self._layout()
        self.hide()

    def _layout(self) -> None:
        texts = QHBoxLayout()
        texts.setContentsMargins(0, 0, 0, 0)
        for label, view in (
            (_("Texto actual"), self.now),
            (_("Redacción propuesta"), self.proposed),
        ):
            column = QVBoxLayout()
            column.addWidget(QLabel(label + ":", self))
            column.addWidget(view, 1)
            texts.addLayout(column, 1)
        self.texts = QWidget(self)
        self.texts.setLayout(texts)
        detail = QWidget(self)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.changed)
        detail_layout.addWidget(self.comment)
        detail_layout.addWidget(self.texts, 1)
        detail_layout.addStretch(0)
        split = QSplitter(self)
        split.setObjectName("observationsSplitter")
        split.setChildrenCollapsible(False)
        split.addWidget(self.list)
        split.addWidget(detail)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([400, 600])
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.reject_button, self.answer_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.body = QWidget(self)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(split, 1)
        body.addLayout(buttons)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(heading)
        layout.addWidget(self.body, 1)

    # -- reading -------------------------------------------------------------------------------
    def show_detail(self, detail: SessionDetail) -> None:
        """After every read of the session: its observations read again on the worker."""
        from mipg_desktop.committees.review import responses_summary, review_observations

        self.frozen = detail.is_frozen or detail.approval is not None
        db, sid = self.editor.db, self.editor.session_id
        self.editor.window_.runner.run(
            lambda: (review_observations(db, sid), responses_summary(db, sid)), self._read
        )

    def _read(self, found: tuple[list[Any], list[Any]]) -> None:
        self.observations, self.responses = list(found[0]), list(found[1])
        self._fill()
        self._show_count()
        if self.jump_to_open:  # responses just imported: where they are
            self.jump_to_open = False
            if not any(o.is_open and o.item_id == self.item_id for o in self.observations):
                self.go_to_next()

    def show_item(self, item_id: int | None) -> None:
        """The item whose deliberation is shown: its observations and the acta's."""
        if item_id != self.item_id:
            self.item_id = item_id
            self._fill()

    def shown(self) -> list[Any]:
        return [
            o
            for o in self.observations
            if o.target_kind == "acta" or (o.item_id is not None and o.item_id == self.item_id)
        ]

    def _fill(self) -> None:
        self.setVisible(bool(self.observations or self.responses))
        keep = self.selected()
        keep_id = keep.id if keep is not None else None
        shown = self.shown()
        self.list.blockSignals(True)
        self.list.clear()
        for observation in shown:
            entry = QListWidgetItem(row_text(observation))
            entry.setData(ID_ROLE, observation.id)
            entry.setToolTip(observation.comment[:600])
            self.list.addItem(entry)
            if observation.id == keep_id:
                self.list.setCurrentItem(entry)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        opened = sum(o.status == "open" for o in shown)
        elsewhere = sum(o.is_open for o in self.observations) - opened
        if shown:
            text = _(
                "Observaciones de los miembros sobre este punto y sobre el acta en su "
                "conjunto: {n} ({open} abiertas)."
            ).format(n=len(shown), open=opened)
        else:
            text = _("Ninguna observación sobre este punto.")
        if elsewhere:
            text += " " + _("Abiertas en otros puntos: {n}.").format(n=elsewhere)
        if self.responses:
            text += "\n" + responded(self.responses)
        self.title.setText(text)
        self.next_button.setVisible(elsewhere > 0)
        self._compact(not shown)  # only a line when this item has none
        self._show_selected()

    def _show_count(self) -> None:
        """The open observations, counted in the tab's title: seen from any tab."""
        tabs = self.editor.tabs
        index = tabs.indexOf(self.editor.minutes)
        if index < 0:
            return
        opened = sum(o.status == "open" for o in self.observations)
        base = _("&3 Acta")  # the count is short: the six tabs still fit a 1024 px screen
        tabs.setTabText(index, base + (f" ({opened})" if opened else ""))
        tabs.tabBar().setTabTextColor(index, OPEN_COLOR if opened else QColor())
        tabs.setTabToolTip(
            index,
            _("Observaciones de los miembros: {all} recibidas, {open} abiertas.").format(
                all=len(self.observations), open=opened
            )
            if self.observations
            else "",
        )

    def selected(self) -> Any:
        entry = self.list.currentItem()
        if entry is None:
            return None
        wanted = entry.data(ID_ROLE)
        return next((o for o in self.observations if o.id == wanted), None)

    def _show_selected(self) -> None:
        observation = self.selected()
        self.changed.setVisible(
            observation is not None and observation.changed_since and observation.is_open
        )
        self.texts.setVisible(observation is not None and observation.proposed_text is not None)
        if self.texts.isVisibleTo(self):
            QTimer.singleShot(0, self._make_room)  # once the layout knows the texts are shown
        if observation is None:
            self.comment.clear()
        else:
            said = observation.comment.strip() or _("(sin comentario: solo la redacción propuesta)")
            reply = (
                "\n" + _("Respuesta: {reply}").format(reply=observation.reply)
                if observation.reply
                else ""
            )
            self.comment.setText(  # who and when are in the list beside it
                _("{who}: {said}").format(who=observation.member_name, said=said) + reply
            )
            self.comment.setToolTip(
                _("{who}, {when}, sobre «{target}»").format(
                    who=observation.member_name,
                    when=when(observation.created_at),
                    target=observation.target_label,
                )
            )
            if observation.proposed_text is not None:
                now = observation.text_now
                fill_document(
                    self.now.document(),
                    now if now is not None else "*" + _("(esta parte ya no está en el acta)") + "*",
                )
                fill_document(self.proposed.document(), observation.proposed_text)
                if now is not None:
                    from ui.text_diff import mark_changes

                    mark_changes(self.now.document(), self.proposed.document())
        can_act = observation is not None and observation.status == "open" and not self.frozen
        for button in (self.accept_button, self.reject_button, self.answer_button):
            button.setEnabled(can_act)
        self.accept_button.setToolTip(
            _("La redacción propuesta reemplaza el texto actual (Ctrl+Z lo deshace).")
            if observation is not None and observation.proposed_text is not None
            else _("Marca la observación como aceptada.")
        )

    def _compact(self, compact: bool) -> None:
        was = not self.body.isVisibleTo(self) if self.observations else True
        self.body.setVisible(not compact)
        self.setMaximumHeight(self.title.sizeHint().height() + 40 if compact else 16_777_215)
        parent = self.parentWidget()
        if was and not compact and isinstance(parent, QSplitter):  # room to read them again
            total = sum(parent.sizes())
            parent.setSizes([total - total * 9 // 20, total * 9 // 20])

    def _make_room(self) -> None:
        """The texts to compare at their readable height: the acta's text above gives way
        (at 1024×600 the splitter would otherwise clip them to a line or two)."""
        parent = self.parentWidget()
        if not isinstance(parent, QSplitter) or parent.count() != 2:
            return
        short = self.body.minimumSizeHint().height() - self.body.height()
        if short > 0:  # the wrapped heading hides part of the need from minimumSizeHint()
            above, here = parent.sizes()
            parent.setSizes([max(above - short, 0), here + short])

    def go_to_next(self) -> None:
        """The next item (in the acta's order, after this one) with open observations."""
        from ui.minutes_panel import ITEM_ROLE

        minutes = self.editor.minutes
        rows = minutes.items.count()
        start = minutes.items.currentRow()
        wanted = {o.item_id for o in self.observations if o.is_open and o.item_id is not None}
        for step in range(1, rows + 1):
            row = (start + step) % rows
            entry = minutes.items.item(row)
            if entry is not None and entry.data(ITEM_ROLE) in wanted:
                minutes.items.setCurrentRow(row)
                return

    # -- acting: one core operation each -----------------------------------------------------
    def _act(self, call: Any) -> None:
        """One core service, itself one undoable operation (``history.perform`` inside it):
        run on the worker after what is queued, then the session read again."""
        window = self.editor.window_
        if not window.commit_all():  # what is typed is stored before a wording replaces it
            return
        db = window.db

        def done(_info: Any) -> None:
            window.ops.show_status(db.history.status())  # «Deshacer: Acoger la observación…»
            window.save_state.mark_saved(("review", id(call)))
            self.editor.reload()

        def refused(error: BaseException) -> None:
            window.ops.show_status(db.history.status())
            window.ops.explain(error)
            self.editor.reload()

        window.runner.run(call, done, refused)

    def accept(self) -> None:
        from mipg_desktop.committees.review_actions import accept_observation

        observation = self.selected()
        if observation is None or not self.accept_button.isEnabled():
            return
        db, oid, version = self.editor.db, observation.id, observation.version
        self._act(lambda: accept_observation(db, oid, expected_version=version))

    def reject(self, reply: str | None = None) -> None:
        from mipg_desktop.committees.review_actions import reject_observation

        observation = self.selected()
        if observation is None or not self.reject_button.isEnabled():
            return
        if reply is None:
            from ui.text_dialogs import ask_text

            reply = ask_text(
                self,
                _("Rechazar la observación"),
                _("Respuesta para {who} (por qué no se acoge):").format(
                    who=observation.member_name
                ),
                multiline=True,
                required=_("Escriba la respuesta: queda con la observación en el acta."),
            )
            if not reply:
                return
        db, oid, version, text = self.editor.db, observation.id, observation.version, reply
        self._act(lambda: reject_observation(db, oid, text, expected_version=version))

    def mark_answered(self) -> None:
        from mipg_desktop.committees.review_actions import mark_answered

        observation = self.selected()
        if observation is None or not self.answer_button.isEnabled():
            return
        db, oid, version = self.editor.db, observation.id, observation.version
        self._act(lambda: mark_answered(db, oid, "", expected_version=version))
