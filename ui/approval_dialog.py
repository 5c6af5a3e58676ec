"""Approving an acta: what will be frozen, who approves (a person of the committee, not the
computer's login), and a confirmation. Approval cannot be undone; corrections afterwards
are errata."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from mipg_desktop.i18n import _, ngettext
from ui.formats import long_date

if TYPE_CHECKING:
    from mipg_desktop.committees.approval import ApprovalPreview
    from ui.session_editor import SessionEditor


class ApprovalDialog(QDialog):
    def __init__(self, parent: QWidget, preview: ApprovalPreview) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setObjectName("approvalDialog")
        self.setWindowTitle(_("Aprobar el acta"))
        self.setAccessibleName(self.windowTitle())
        form = QFormLayout(self)
        warning = QLabel(
            _(
                "Al aprobarla, el acta queda congelada: no se podrá cambiar ni deshacer. "
                "Una corrección posterior se registra como fe de erratas."
            ),
            self,
        )
        warning.setWordWrap(True)
        form.addRow(warning)
        form.addRow(_("Acta:"), QLabel(f"{preview.title} · {preview.committee_name}", self))
        form.addRow(_("Fecha de la sesión:"), QLabel(long_date(preview.session_date), self))
        signers = "\n".join(
            f"{s.name} — {s.role_label}" if s.name else f"({s.role_label} sin registrar)"
            for s in preview.signers
        )
        form.addRow(_("Firman:"), QLabel(signers or _("(nadie: revise el reglamento)"), self))
        counts = "; ".join(
            (
                ngettext("{n} punto", "{n} puntos", preview.items).format(n=preview.items),
                ngettext("{n} decisión", "{n} decisiones", preview.decisions).format(
                    n=preview.decisions
                ),
                ngettext("{n} compromiso", "{n} compromisos", preview.commitments).format(
                    n=preview.commitments
                ),
            )
        )
        form.addRow(_("Contenido:"), QLabel(counts, self))
        if preview.unrecorded_attendance:
            note = QLabel(
                _("Sin asistencia registrada (quedarán como ausentes): {names}").format(
                    names=", ".join(preview.unrecorded_attendance)
                ),
                self,
            )
            note.setWordWrap(True)
            form.addRow(note)
        if preview.open_observations:  # allowed, but the secretary should know
            pending = QLabel(
                ngettext(
                    "Queda {n} observación de los miembros sin resolver (pestaña «3 Acta»).",
                    "Quedan {n} observaciones de los miembros sin resolver (pestaña «3 Acta»).",
                    preview.open_observations,
                ).format(n=preview.open_observations),
                self,
            )
            pending.setObjectName("openObservationsNote")
            pending.setStyleSheet("QLabel { color: #8a5300; font-weight: bold; }")
            pending.setWordWrap(True)
            form.addRow(pending)
        self.approver = QComboBox(self)
        self.approver.setObjectName("approverChoice")
        self.approver.setAccessibleName(_("Quién aprueba el acta"))
        for member in preview.approvers:
            self.approver.addItem(f"{member.name} — {member.role_label}", member.name)
        president = next((i for i, m in enumerate(preview.approvers) if m.role == "president"), 0)
        self.approver.setCurrentIndex(president)
        form.addRow(_("Aprueba:"), self.approver)
        buttons = QDialogButtonBox(self)
        self.confirm = buttons.addButton(
            _("Aprobar y &congelar el acta"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        assert self.confirm is not None
        self.confirm.setObjectName("confirmApproval")
        cancel = buttons.addButton(_("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
        assert cancel is not None
        cancel.setObjectName("cancelApproval")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.confirm.setEnabled(bool(preview.approvers))

    def approver_name(self) -> str:
        return str(self.approver.currentData() or "")


def approve(editor: SessionEditor) -> None:
    """Read what would be frozen, show it, and approve only on confirmation."""
    from mipg_desktop.committees.approval import approval_preview

    db, sid = editor.db, editor.session_id
    editor.window_.runner.run(lambda: approval_preview(db, sid), lambda p: _ask(editor, p))


def _refused(editor: SessionEditor, error: BaseException) -> None:
    editor.window_.ops.explain(error)
    editor.reload()


def _ask(editor: SessionEditor, preview: ApprovalPreview) -> None:
    from mipg_desktop.committees.approval import approve_minutes

    window = editor.window_
    if preview.problem:
        window.show_user_error(preview.problem)
        return
    dialog = ApprovalDialog(window, preview)
    db, sid, sha = editor.db, editor.session_id, preview.sha256

    def approved(_info: object) -> None:
        window.ops.show_status(db.history.status())
        window.save_state.mark_saved(("approve", sid))
        window.session_changed(sid)
        editor.reload()

    def confirmed() -> None:
        who = dialog.approver_name()
        window.runner.run(
            lambda: approve_minutes(db, sid, approved_by=who, expected_sha256=sha),
            approved,
            partial(_refused, editor),
        )

    dialog.accepted.connect(confirmed)
    dialog.open()
