"""An approved acta's record in the window: is it intact, who has signed, sign it, check a PDF.

Shown under the read-only banner of an approved session. The check runs in the background
each time the session is shown (:func:`mipg_desktop.committees.acta_verify.verify_session`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.i18n import _
from ui import file_dialogs

if TYPE_CHECKING:
    from mipg_desktop.committees.acta_verify import ActaCheck
    from mipg_desktop.committees.views import SessionDetail
    from ui.session_editor import SessionEditor

OK_STYLE = "QLabel { color: #1b5e20; }"
BAD_STYLE = "QLabel { color: #b71c1c; font-weight: bold; }"


class ActaRecordBar(QWidget):
    """«Acta íntegra · firmas 1 de 2» with «Firmar…» and «Verificar un PDF…»."""

    def __init__(self, editor: SessionEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.setObjectName("actaRecordBar")
        self.state = QLabel(_("Verificando el acta guardada…"), self)
        self.state.setObjectName("actaRecordState")
        self.state.setWordWrap(True)
        self.state.setAccessibleName(_("Estado del acta guardada"))
        self.sign_button = QPushButton(_("&Firmar el acta…"), self)
        self.sign_button.setObjectName("signActa")
        self.sign_button.setToolTip(
            _("Firma PAdES con un certificado .p12 o .pfx de quien preside o de la secretaría")
        )
        self.sign_button.clicked.connect(lambda: self.ask_sign())
        self.check_button = QPushButton(_("&Verificar un PDF…"), self)
        self.check_button.setObjectName("verifyPdf")
        self.check_button.setToolTip(_("¿Es este PDF un acta aprobada de esta base? ¿Sus firmas?"))
        self.check_button.clicked.connect(lambda: verify_pdf_file(editor.window_))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.state, 1)
        row.addWidget(self.sign_button)
        row.addWidget(self.check_button)
        self.hide()

    def show_detail(self, detail: SessionDetail) -> None:
        self.setVisible(detail.approval is not None)
        if detail.approval is None:
            return
        from mipg_desktop.committees.acta_verify import verify_session

        self.state.setText(_("Verificando el acta guardada…"))
        self.state.setStyleSheet("")
        db, sid = self.editor.db, detail.id
        self.editor.window_.runner.run(lambda: verify_session(db, sid), self.show_check)

    def show_check(self, check: ActaCheck) -> None:
        if check.problems:
            self.state.setText(
                _("El acta guardada no coincide: {problems}").format(
                    problems=" ".join(check.problems)
                )
            )
            self.state.setStyleSheet(BAD_STYLE)
            return
        text = _("Acta íntegra: coincide con lo guardado al aprobarla.")
        if check.signatures:
            text += " " + _("Firmas: {n}.").format(n=check.signatures)
        else:
            text += " " + _("Aún sin firmas.")
        self.state.setText(text)
        self.state.setStyleSheet(OK_STYLE)

    def ask_sign(self) -> None:
        dialog = SignDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.sign(Path(dialog.path.text()), dialog.password.text())

    def sign(self, p12_path: Path, password: str) -> None:
        from mipg_desktop.committees.acta_signing import KIND_LABELS, SignedActa, sign_acta
        from mipg_desktop.errors import ValidationError

        db, sid = self.editor.db, self.editor.session_id

        def work() -> SignedActa:
            try:
                p12 = p12_path.read_bytes()
            except OSError as exc:
                raise ValidationError(
                    _("No se pudo leer el certificado {path}: {error}.").format(
                        path=p12_path.name, error=exc.strerror
                    )
                ) from exc
            return sign_acta(db, sid, p12, password.encode("utf-8") or None)

        def done(signed: SignedActa) -> None:
            self.editor.window_.statusBar().showMessage(
                _("Acta firmada por {who} ({kind}); quedan {left} firmas.").format(
                    who=signed.signer,
                    kind=_(KIND_LABELS.get(signed.kind, signed.kind)),
                    left=signed.remaining,
                ),
                10_000,
            )
            self.editor.reload()

        self.editor.window_.runner.run(work, done, self.editor.window_.ops.explain)


class SignDialog(QDialog):
    """Which certificate, and its password (never stored)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("signDialog")
        self.setWindowTitle(_("Firmar el acta"))
        layout = QVBoxLayout(self)
        note = QLabel(
            _(
                "Cada firma se agrega al PDF guardado, en el orden de los firmantes (quien "
                "presidió, luego la secretaría técnica). Con un certificado de una entidad de "
                "certificación acreditada es una firma digital; con otro, una firma electrónica."
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.path = QLineEdit(self)
        self.path.setObjectName("p12Path")
        self.path.setAccessibleName(_("Archivo del certificado"))
        browse = QPushButton(_("&Buscar…"), self)
        browse.setObjectName("p12Browse")
        browse.clicked.connect(lambda: self.browse())
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow(_("Certificado (.p12, .pfx):"), row)
        self.password = QLineEdit(self)
        self.password.setObjectName("p12Password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(_("Clave del certificado"))
        form.addRow(_("Clave:"), self.password)
        layout.addLayout(form)
        buttons = QDialogButtonBox(self)
        self.confirm = buttons.addButton(_("&Firmar"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.setObjectName("signConfirm")
        cancel = buttons.addButton(_("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("signCancel")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def browse(self) -> None:
        from ui.exports import in_documents

        path, _filter = file_dialogs.get_open_file_name(
            self, _("Certificado de firma"), in_documents(), _("Certificados (*.p12 *.pfx)")
        )
        if path:
            self.path.setText(path)

    def _accept(self) -> None:
        if not self.path.text().strip():
            self.path.setFocus()
            return
        self.accept()


def verify_pdf_file(window: Any, path: Path | None = None) -> None:
    """Ask for a PDF and say whether it is an approved acta of this database, and its signatures."""
    if path is None:
        from ui.exports import in_documents

        name, _filter = file_dialogs.get_open_file_name(
            window, _("Verificar un PDF"), in_documents(), _("PDF (*.pdf)")
        )
        if not name:
            return
        path = Path(name)
    from mipg_desktop.committees.acta_verify import identify_pdf

    db = window.db
    chosen = path
    window.runner.run(
        lambda: identify_pdf(db, chosen.read_bytes()),
        lambda identity: _show_identity(window, chosen, identity),
        window.ops.explain,
    )


def _show_identity(window: Any, path: Path, identity: Any) -> None:
    from mipg_desktop.committees.acta_verify import identity_lines, identity_ok

    box = QMessageBox(window)
    box.setObjectName("pdfIdentity")
    box.setWindowTitle(_("Verificar un PDF"))
    box.setText("\n".join(identity_lines(path.name, identity)))
    box.setIcon(QMessageBox.Icon.Information if identity_ok(identity) else QMessageBox.Icon.Warning)
    box.open()


def check_records_on_open(window: Any) -> None:
    """After the core loads: every approved acta, the audit trail and the guards, in the
    background; a problem is shown once, in Spanish, without stopping the work."""
    from mipg_desktop.committees.acta_verify import VerifyReport, verify_database

    db = window.db

    def show(report: VerifyReport) -> None:
        if report.ok:
            return
        lines = report.lines()
        box = QMessageBox(window)
        box.setObjectName("recordsDamaged")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Actas aprobadas"))
        box.setText(
            _(
                "La verificación de las actas aprobadas encontró {n} problemas. Las actas "
                "guardadas se imprimen tal como se aprobaron; revise qué cambió:"
            ).format(n=len(lines))
        )
        box.setDetailedText("\n".join(lines))
        box.open()

    def failed(error: BaseException) -> None:
        import logging

        logging.getLogger("mipg").warning("La verificación de las actas falló: %r", error)

    window.runner.run(lambda: verify_database(db), show, failed)
