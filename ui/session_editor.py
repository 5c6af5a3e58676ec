"""A session: header, lifecycle, and the tabs for agenda, attendance, minutes, votes, commitments.

Every change goes through ``call()``: one core call on the worker, then the session is read
again and every tab refreshed from the same plain ``SessionDetail``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.committees.views import SessionDetail, get_session_detail
from mipg_desktop.i18n import _
from ui import file_dialogs
from ui.formats import long_date, short_date, short_time
from ui.navigation import service_available

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def read_session(db: Any, session_id: int) -> tuple[SessionDetail, list[Any]]:
    """The session, and the members on its date (permanent guests' attendance is recorded too)."""
    from mipg_desktop.committees.views import list_members

    detail = get_session_detail(db, session_id)
    return detail, list_members(db, detail.committee_id, on=detail.session_date)


BANNER_STYLE = (
    "QLabel { background: #fff4ce; color: #4a3b00; border: 1px solid #d9c26a; "
    "padding: 8px; font-weight: bold; }"
)
# The button for each step forward; which step a phase has is the core's
# (``SessionDetail.next_step``, committees.phases).
STEP_LABELS = {
    "convene": "&Convocar",
    "mark_held": "Marcar como &realizada",
    "start_minutes": "&Iniciar el acta",
    "submit_for_review": "&Enviar a revisión",
    "approve": "&Aprobar el acta",
}


class SessionEditor(QWidget):
    loaded = Signal(object)
    minutes: Any
    decisions: Any
    commitments: Any

    def __init__(self, window: MainWindow, session_id: int) -> None:
        super().__init__(window)
        self.window_ = window
        self.db = window.db
        self.session_id = session_id
        self.detail: SessionDetail | None = None
        self.setObjectName("sessionEditor")
        self.setAccessibleName(_("Sesión del comité"))
        self.banner = QLabel(self)
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName(_("Aviso de acta aprobada"))
        self.banner.hide()
        from ui.acta_record_bar import ActaRecordBar

        self.record_bar = ActaRecordBar(self)
        self.title = QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.next_step = QPushButton(self)
        self.next_step.setObjectName("lifecycleButton")
        self.next_step.clicked.connect(self.advance)
        self.export_buttons: dict[str, QPushButton] = {}
        self.erratum_button = QPushButton(_("Registrar &fe de erratas…"), self)
        self.erratum_button.setObjectName("erratumButton")
        self.erratum_button.clicked.connect(lambda: self.add_erratum())
        self.erratum_button.hide()
        actions = QHBoxLayout()
        actions.addWidget(self.next_step)
        actions.addWidget(self.erratum_button)
        actions.addStretch(1)
        for document, label in (
            ("agenda", _("Convocatoria PDF")),
            ("minutes", _("Acta PDF")),
            ("pack", _("Paquete PDF")),
            ("errata", _("Fe de erratas PDF")),
        ):
            button = QPushButton(label, self)
            button.setObjectName(f"export_{document}")
            button.setAccessibleName(_("Exportar {what}").format(what=label))
            button.clicked.connect(lambda _c=False, d=document: self.export(d))
            button.setEnabled(service_available("mipg_desktop.documents.from_session"))
            actions.addWidget(button)
            self.export_buttons[document] = button
        self.export_buttons["errata"].hide()  # shown once the acta has errata
        package = QPushButton(_("Paquete de sesión…"), self)
        package.setObjectName("exportPackage")
        package.setToolTip(_("Para revisar o continuar la sesión en otro equipo (.mipgsesion)"))
        package.clicked.connect(lambda: self.export_package())
        actions.addWidget(package)
        from ui import printing

        printing.add_buttons(self, actions)  # «Imprimir…» and «Abrir PDF»
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("sessionTabs")
        self.panels: list[Any] = []
        self._add_panels()
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.record_bar)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(lambda _i: self.commit())
        window.guard(self)

    def _add_panels(self) -> None:
        from ui.agenda_panel import AgendaPanel
        from ui.attendance_panel import AttendancePanel
        from ui.session_details import DetailsPanel

        self.details = DetailsPanel(self)
        self.agenda = AgendaPanel(self)
        self.attendance = AttendancePanel(self)
        self._add(self.agenda, _("&1 Orden del día"))
        self._add(self.attendance, _("&2 Asistencia y quórum"))
        from ui import session_tabs

        session_tabs.add_optional_panels(self)

    def _add(self, panel: Any, label: str) -> None:
        self.panels.append(panel)
        self.tabs.addTab(panel, label)

    # -- reading -----------------------------------------------------------------------------
    def reload(self) -> None:
        db, sid = self.db, self.session_id
        self.window_.runner.run(lambda: read_session(db, sid), self._show_read)

    def _show_read(self, data: tuple[SessionDetail, list[Any]]) -> None:
        detail, members = data
        self.attendance.set_members(members)
        self.show_detail(detail)

    def show_detail(self, detail: SessionDetail) -> None:
        self.detail = detail
        self.title.setText(
            _("{title} · {committee}").format(
                title=detail.title, committee=detail.committee_short_name or detail.committee_name
            )
        )
        where = detail.place or detail.platform
        times = " – ".join(
            t for t in (short_time(detail.start_time), short_time(detail.end_time)) if t
        )
        self.facts.setText(
            _("Sesión {kind} · {modality} · {date}{times}{where} · Estado: {status}").format(
                kind=detail.kind_label.lower(),
                modality=detail.modality_label.lower(),
                date=long_date(detail.session_date),
                times=f", {times}" if times else "",
                where=f" · {where}" if where else "",
                status=detail.status_label,
            )
            + (
                "\n"
                + _("El reglamento no prevé esta modalidad así; motivo: {reason}").format(
                    reason=detail.modality_reason
                )
                if detail.modality_reason
                else ""
            )
        )
        self._show_banner(detail)
        self.record_bar.show_detail(detail)
        self.erratum_button.setVisible(detail.can_add_erratum)
        self.export_buttons["errata"].setVisible(bool(detail.errata))  # its own document
        step = detail.next_step
        self.next_step.setVisible(step is not None)
        if step is not None:
            self.next_step.setText(_(STEP_LABELS[step]))
        for panel in self.panels:
            panel.show_detail(detail)
        self.loaded.emit(detail)

    def _show_banner(self, detail: SessionDetail) -> None:
        if detail.approval is None:
            self.banner.hide()
            return
        self.banner.setText(
            _(
                "Acta aprobada el {date} por {who}. Solo lectura: no se puede modificar; "
                "una corrección se registra como fe de erratas. SHA-256: {sha}…"
            ).format(
                date=short_date(detail.approval.approved_at.date()),
                who=detail.approval.approved_by,
                sha=detail.approval.sha256[:16],
            )
            + (
                _(" Fe de erratas registradas: {n}.").format(n=len(detail.errata))
                if detail.errata
                else ""
            )
        )
        self.banner.show()

    # -- what is typed and not saved -----------------------------------------------------------
    def commit(self) -> bool:
        return all([panel.commit() for panel in self.panels if hasattr(panel, "commit")])

    def pending(self) -> list[str]:
        found: list[str] = []
        for panel in self.panels:
            if hasattr(panel, "pending"):
                found += [
                    _("{title}: {what}").format(title=self.short_title(), what=w)
                    for w in panel.pending()
                ]
        return found

    def revert(self) -> None:
        for panel in self.panels:
            if hasattr(panel, "revert"):
                panel.revert()

    def short_title(self) -> str:
        return self.detail.title if self.detail else _("Sesión")

    # -- writing: one undoable core operation, then read again ---------------------------------
    def op(
        self,
        label: str,
        fn: Callable[[], Any],
        then: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """One core call on this session as an undoable operation; the session is read
        again afterwards (also after a refusal, which is explained)."""
        from mipg_desktop.scopes import session_scope

        def done(value: Any) -> None:
            if then is not None:
                then(value)
            self.reload()

        def refused(error: BaseException) -> None:
            if failed is not None:
                failed(error)
            else:
                self.window_.ops.explain(error)
            self.reload()

        self.window_.ops.run(label, session_scope(self.session_id), fn, done, refused)

    def advance(self) -> None:
        from mipg_desktop.committees import sessions

        if self.detail is None:
            return
        name = self.detail.next_step
        if name is None:
            return
        if not self.window_.commit_all():  # what was typed belongs to the acta being advanced
            return
        self.window_.runner.drain()  # the session as those saves left it (its version)
        db, sid, version = self.db, self.session_id, self.detail.version
        if name == "approve":
            from ui.approval_dialog import approve

            approve(self)
            return
        if name == "convene":
            self.convene()
            return
        function = getattr(sessions, name)
        self.op(
            _(STEP_LABELS[name]).replace("&", ""),
            lambda: function(db, sid, expected_version=version),
            lambda _r: self.window_.session_changed(sid),
        )

    def convene(self, reason: str | None = None, modality_reason: str | None = None) -> None:
        """Convene. Past the notice deadline (business days, holidays counted) the user is
        asked for the reason first, and the service records it with the convocation; so
        is a modality the reglamento does not allow (or allows only under a condition)."""
        from mipg_desktop.committees.modality import session_modality_problem
        from mipg_desktop.committees.sessions import convene, convocation_deadline

        db, sid = self.db, self.session_id
        if reason is None:
            self.window_.runner.run(lambda: convocation_deadline(db, sid), self._check_deadline)
            return
        if modality_reason is None:
            self.window_.runner.run(
                lambda: session_modality_problem(db, sid),
                lambda problem: self._check_modality(reason, problem),
            )
            return
        version = self.detail.version if self.detail else None
        self.op(
            _("Convocar la sesión"),
            lambda: convene(
                db,
                sid,
                override_reason=reason,
                expected_version=version,
                modality_reason=modality_reason,
            ),
            lambda _r: self.window_.session_changed(sid),
        )

    def _check_modality(self, reason: str, problem: str) -> None:
        from ui.modality_rules import ask_reason

        if not problem:
            self.convene(reason, "")
            return
        modality_reason = ask_reason(self, problem)
        if modality_reason:
            self.convene(reason, modality_reason)

    def _check_deadline(self, deadline: date) -> None:
        if date.today() <= deadline:
            self.convene("")
            return
        self._ask_reason(
            _(
                "Convocatoria extemporánea: el reglamento exige convocar a más tardar el "
                "{deadline}."
            ).format(deadline=long_date(deadline))
        )

    def _ask_reason(self, message: str) -> None:
        from ui.text_dialogs import ask_text

        reason = ask_text(
            self,
            _("Convocatoria fuera de término"),
            message + "\n\n" + _("Si debe convocar de todos modos, escriba el motivo:"),
            required=message
            + "\n\n"
            + _("Sin un motivo no se convoca: escríbalo, o cancele para no convocar."),
        )
        if reason:
            self.convene(reason)

    def add_erratum(self, text: str | None = None) -> None:
        """An approved acta never changes: a correction is a new, linked erratum record."""
        from mipg_desktop.committees.approval import add_erratum

        if text is None:
            from ui.text_dialogs import ask_text

            text = ask_text(
                self, _("Fe de erratas"), _("Corrección al acta aprobada:"), multiline=True
            )
            if not text:
                return
        db, sid, body = self.db, self.session_id, text.strip()
        self.window_.runner.run(
            lambda: add_erratum(db, sid, body), lambda _r: self.reload(), self._refused
        )

    def _refused(self, error: BaseException) -> None:
        self.window_.ops.explain(error)
        self.reload()

    def export_package(self, target: Path | None = None) -> None:
        from ui.packages import export_package

        if self.detail is not None and self.window_.commit_all():
            export_package(self.window_, self.session_id, self.detail.title, target)

    def export(self, document: str, target: Path | None = None) -> None:
        from ui.exports import DOCUMENT_LABELS, export_document

        if self.detail is None or not self.window_.commit_all():
            return  # the document shows what was just typed, or nothing is made
        if target is None:
            suggested = f"{self.detail.title} - {_(DOCUMENT_LABELS[document])}.pdf"
            from ui.exports import in_documents

            path, _filter = file_dialogs.get_save_file_name(
                self, _("Guardar PDF"), in_documents(suggested), _("PDF (*.pdf)")
            )
            if not path:
                return
            target = Path(path)
        export_document(
            self.window_.runner,
            self.db,
            document,
            self.session_id,
            target,
            self._exported,
        )

    def _exported(self, out: Path, notice: str) -> None:
        message = _("PDF guardado en {path}").format(path=out)
        if notice:  # not modal: the work goes on
            box = QMessageBox(
                QMessageBox.Icon.Information, _("Documento generado"), notice, parent=self
            )
            box.setObjectName("documentNotice")
            box.open()
        self.window_.statusBar().showMessage(message, 8000)
