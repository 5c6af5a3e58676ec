"""The member's side of the review: a received package's draft acta, read-only, and the
member's observations on it, saved as a small response file (``.mipgrespuesta``).

No database is needed: everything comes from the package file
(:func:`mipg_desktop.committees.review_package.open_for_review`). What the member types is
kept in a draft on disk at every change, so closing the window, a crash or a power cut loses
nothing; opening the same package again brings it back.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.committees import review_drafts
from mipg_desktop.committees.review_drafts import ReviewDraft
from mipg_desktop.i18n import _
from ui import file_dialogs
from ui.formats import long_date, short_time
from ui.review_observations import ObservationsBox, ask, proposal_or_none
from ui.review_text import Key, fill_acta, part_at, short_label, show_part, target_key

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class ReviewWindow(QDialog):
    """One received package under review (not modal: the main window stays usable)."""

    def __init__(self, parent: QWidget | None, package: Any) -> None:
        super().__init__(parent)
        self.package = package
        self.setObjectName("reviewWindow")
        self.setWindowTitle(
            _("Revisar el borrador del acta — {title}").format(title=package.session_title)
        )
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.draft = replace(
            review_drafts.load_or_start(package.session_uid, package.session_version),
            package_path=str(package.path),  # offered again after a restart while unsent
            title=f"{package.session_title} · {package.committee_name}",
        )
        self.parts: dict[Key, Any] = {target_key(t): t for t in package.targets}
        self.carried = self._carry_over()
        self.saved_at: datetime | None = None
        self.recovered = False
        self._build()
        self._fill_members()
        self._fill_parts()
        self.recovered = bool(self.written())  # typed before: the window was closed or killed
        kept = [(o.target_kind, o.target_uid) for o in self.draft.observations]
        first = next((k for k in kept if k in self.parts), next(iter(self.parts), None))
        if first is not None:
            self.show_part(first)  # where the member left off
        self._show_state()

    def _carry_over(self) -> int:
        """A newer package of a session the member had begun to review: the observations
        written on the earlier one come along (on the parts it still has)."""
        if self.draft.observations:
            return 0
        older = review_drafts.other_drafts(self.package.session_uid, self.package.session_version)
        if not older or not older[0].observations:
            return 0
        self.draft = review_drafts.carry_over(self.draft, older[0], set(self.parts))
        if self.draft.observations:
            review_drafts.save_draft(self.draft)
        return len(self.draft.observations)

    # -- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        package = self.package
        heading = QLabel(
            _("{title} · {committee} · {date}").format(
                title=package.session_title,
                committee=package.committee_name,
                date=long_date(package.session_date),
            ),
            self,
        )
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        note = QLabel(
            _(
                "Borrador para revisión: el texto no se puede cambiar aquí. Agregue sus "
                "observaciones (al acta en general o a una parte) y guarde la respuesta para "
                "enviarla a la secretaría del comité. Lo que escribe se guarda solo."
            ),
            self,
        )
        note.setWordWrap(True)
        self.member = QComboBox(self)
        self.member.setObjectName("reviewMember")
        self.member.setAccessibleName(_("Miembro que revisa"))
        self.member.currentIndexChanged.connect(self._member_chosen)
        member_label = QLabel(_("&Miembro que revisa:"), self)
        member_label.setBuddy(self.member)
        who = QHBoxLayout()
        who.addWidget(member_label)
        who.addWidget(self.member, 1)
        self.part_list = QListWidget(self)
        self.part_list.setObjectName("reviewParts")
        self.part_list.setAccessibleName(_("Partes del acta"))
        self.part_list.setWordWrap(True)
        self.part_list.currentItemChanged.connect(self._part_selected)
        self.text = QTextBrowser(self)
        self.text.setObjectName("reviewText")
        self.text.setAccessibleName(_("Borrador del acta (solo lectura)"))
        self.text.setOpenLinks(False)
        self.spans = fill_acta(self.text.document(), package)
        self.text.cursorPositionChanged.connect(self._clicked_in_text)
        self.observations = ObservationsBox(self, lambda: self.draft, self.change, self.parts)
        self.observations.part_wanted.connect(self.show_part)
        reading = QSplitter(Qt.Orientation.Vertical, self)
        reading.addWidget(self.text)
        reading.addWidget(self.observations)
        reading.setStretchFactor(0, 1)
        reading.setStretchFactor(1, 1)
        reading.setSizes([400, 300])
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.part_list)
        self.splitter.addWidget(reading)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addLayout(who)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(self._buttons())

    def _buttons(self) -> QHBoxLayout:
        self.state = QLabel(self)
        self.state.setObjectName("reviewDraftState")
        self.state.setWordWrap(True)
        self.none_button = QPushButton(_("&Sin observaciones"), self)
        self.none_button.setObjectName("noObservations")
        self.none_button.setToolTip(_("Responder que no tiene observaciones al borrador."))
        self.none_button.clicked.connect(lambda: self.send_no_observations())
        self.save_button = QPushButton(_("&Guardar respuesta…"), self)
        self.save_button.setObjectName("saveResponse")
        self.save_button.clicked.connect(lambda: self.save_response())
        close = QPushButton(_("&Cerrar"), self)
        close.setObjectName("closeReview")
        close.setAutoDefault(False)
        close.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(self.state, 1)
        row.addWidget(self.none_button)
        row.addWidget(self.save_button)
        row.addWidget(close)
        return row

    def _fill_members(self) -> None:
        self.member.blockSignals(True)
        self.member.addItem(_("(elija su nombre)"), None)
        for person in self.package.members:
            self.member.addItem(f"{person.full_name} — {person.role_label}", person.uid)
        chosen = self.draft.member_uid or review_drafts.remembered_member()
        index = self.member.findData(chosen) if chosen else -1
        self.member.setCurrentIndex(max(index, 0))
        self.member.blockSignals(False)

    def _fill_parts(self) -> None:
        current = self.current_part()
        self.part_list.blockSignals(True)
        self.part_list.clear()
        for key, target in self.parts.items():
            count = len(self.draft.on_target(*key))
            text = short_label(target) + (f"  ({count})" if count else "")
            if target.kind in ("decision", "commitment") and target.item_uid:
                text = "      " + text  # under its item
            entry = QListWidgetItem(text)
            entry.setData(KEY_ROLE, key)
            entry.setToolTip(target.label)
            if count:
                font = entry.font()
                font.setBold(True)
                entry.setFont(font)
            self.part_list.addItem(entry)
            if key == current:
                self.part_list.setCurrentItem(entry)
        self.part_list.blockSignals(False)

    # -- reading -------------------------------------------------------------------------------
    def current_part(self) -> Key | None:
        entry = self.part_list.currentItem()
        return tuple(entry.data(KEY_ROLE)) if entry is not None else None  # type: ignore[return-value]

    def show_part(self, key: Key) -> None:
        for row in range(self.part_list.count()):
            entry = self.part_list.item(row)
            if tuple(entry.data(KEY_ROLE)) == key:
                self.part_list.blockSignals(True)
                self.part_list.setCurrentItem(entry)
                self.part_list.blockSignals(False)
        self.text.blockSignals(True)
        show_part(self.text, self.spans, key)
        self.text.blockSignals(False)
        self.observations.show_part(key)

    def _part_selected(self, current: QListWidgetItem | None, _previous: Any) -> None:
        if current is not None:
            self.show_part(tuple(current.data(KEY_ROLE)))  # type: ignore[arg-type]

    def _clicked_in_text(self) -> None:
        key = part_at(self.spans, self.text.textCursor().position())
        if key is not None and key != self.current_part():
            self.show_part(key)

    # -- the draft: saved at every change -------------------------------------------------
    def change(self, draft: ReviewDraft) -> None:
        counts_before = [len(self.draft.on_target(*k)) for k in self.parts]
        self.draft = draft
        self._save_draft()
        if [len(draft.on_target(*k)) for k in self.parts] != counts_before:
            self._fill_parts()

    def _save_draft(self) -> None:
        try:
            review_drafts.save_draft(self.draft)
        except OSError as error:
            self.state.setText(
                _("No se pudo guardar el borrador de sus observaciones: {error}").format(
                    error=error.strerror or error
                )
            )
            return
        self.saved_at = datetime.now()
        self._show_state()

    def _member_chosen(self, _index: int) -> None:
        uid = self.member.currentData()
        self.change(replace(self.draft, member_uid=uid))
        if uid:
            review_drafts.remember_member(str(uid))

    def written(self) -> list[Any]:
        return [o for o in self.draft.observations if not o.is_empty]

    def _show_state(self) -> None:
        count = len(self.written())
        parts = [
            _("Observaciones escritas: {n}").format(n=count)
            if count
            else _("Sin observaciones escritas")
        ]
        if self.saved_at is not None:
            parts.append(_("borrador guardado a las {time}").format(time=short_time(self.saved_at)))
        elif self.carried:
            parts.append(_("traídas de su revisión del borrador anterior: revíselas"))
        elif self.recovered:
            parts.append(_("recuperadas del borrador guardado en este equipo"))
        if self.draft.saved_to:
            parts.append(_("última respuesta: {name}").format(name=Path(self.draft.saved_to).name))
        self.state.setText(" · ".join(parts))
        self.none_button.setEnabled(not count)
        self.none_button.setToolTip(
            _("Responder que no tiene observaciones al borrador.")
            if not count
            else _("Ya escribió observaciones: guárdelas con «Guardar respuesta…».")
        )

    # -- the response file -------------------------------------------------------------------
    def member_uid(self) -> str | None:
        uid = self.member.currentData()
        if uid:
            return str(uid)
        QMessageBox.warning(
            self,
            _("Revisión del acta"),
            _("Elija su nombre en «Miembro que revisa»: la respuesta va a su nombre."),
        )
        self.member.setFocus(Qt.FocusReason.OtherFocusReason)
        return None

    def send_no_observations(self, target: Path | None = None) -> Path | None:
        uid = self.member_uid()
        if uid is None or self.written():
            return None
        name = self.member.currentText().split(" — ")[0]
        if target is None and not ask(
            self,
            _("¿Responder que no tiene observaciones?"),
            _("&Responder sin observaciones"),
            _("&Volver"),
            "confirmNoObservations",
            _(
                "Se guardará una respuesta de {member} que dice: «Sin observaciones» al "
                "borrador de «{title}». Después elige dónde guardar el archivo para enviarlo."
            ).format(member=name, title=self.package.session_title),
        ):
            return None
        return self._write(uid, [], True, target)

    def save_response(self, target: Path | None = None) -> Path | None:
        uid = self.member_uid()
        if uid is None:
            return None
        if not self.written():
            QMessageBox.information(
                self,
                _("Revisión del acta"),
                _(
                    "No ha escrito observaciones. Si no tiene ninguna, use «Sin "
                    "observaciones»; si tiene, use «Agregar observación»."
                ),
            )
            return None
        from mipg_desktop.committees.review_response import ObservationDraft

        sent = [
            ObservationDraft(
                o.target_kind,
                o.target_uid,
                o.comment.strip(),
                proposal_or_none(o, self._text_of(o)),
                o.created_at,
                uid=o.id,  # the same observation saved again keeps its uid
            )
            for o in self.written()
        ]
        return self._write(uid, sent, False, target)

    def _text_of(self, observation: Any) -> str:
        target = self.parts.get((observation.target_kind, observation.target_uid))
        return str(target.text) if target is not None else ""

    def _write(self, uid: str, sent: list[Any], none: bool, target: Path | None) -> Path | None:
        from mipg_desktop.committees.review_response import write_response
        from mipg_desktop.errors import MipgError

        if target is None:
            target = self._ask_where()
            if target is None:
                return None
        try:
            out = write_response(self.package, uid, sent, target, no_observations=none)
        except (MipgError, OSError) as error:
            QMessageBox.warning(self, _("Revisión del acta"), str(error))
            return None
        self.change(replace(self.draft, saved_to=str(out), saved_at=datetime.now(UTC)))
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("Respuesta guardada"),
            _("Respuesta guardada en {path}.").format(path=out),
            parent=self,
        )
        box.setObjectName("responseSaved")
        box.setInformativeText(
            _("Envíe ese archivo a la secretaría del comité (correo electrónico o memoria USB).")
        )
        box.open()
        return Path(out)

    def _ask_where(self) -> Path | None:
        from ui.exports import in_documents

        name = self.member.currentText().split(" — ")[0]
        suggested = _("Respuesta {title} - {member}.mipgrespuesta").format(
            title=self.package.session_title, member=name
        )
        chosen, _f = file_dialogs.get_save_file_name(
            self,
            _("Guardar la respuesta"),
            in_documents(suggested.replace("/", "-")),
            _("Respuesta de miembro (*.mipgrespuesta)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix else path.with_suffix(".mipgrespuesta")

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_draft()  # already saved at every change; once more costs nothing
        super().closeEvent(event)
