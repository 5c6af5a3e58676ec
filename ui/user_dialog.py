"""Who uses the program: asked at first start, changed from «Archivo ▸ Usuario del programa».

The name goes into the audit trail of every change and into the documents as their author;
the computer's login never does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from mipg_desktop.i18n import _

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class UserDialog(QDialog):
    def __init__(self, window: MainWindow, first_start: bool = False) -> None:
        from mipg_desktop.user_profile import read_profile

        super().__init__(window)
        self.window_ = window
        self.setObjectName("userDialog")
        self.setWindowTitle(_("Usuario del programa"))
        self.setAccessibleName(self.windowTitle())
        profile = read_profile()
        intro = QLabel(
            _(
                "Bienvenido. Escriba su nombre: queda en el registro de cambios de todo lo que "
                "haga y como autor de los documentos que genere."
            )
            if first_start
            else _("Su nombre queda en el registro de cambios y como autor de los documentos."),
            self,
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(profile.name if profile else "", self)
        self.name.setAccessibleName(_("Su nombre completo"))
        self.name.setPlaceholderText(_("Nombre y apellidos"))
        self.position = QLineEdit(profile.position if profile else "", self)
        self.position.setAccessibleName(_("Su cargo"))
        self.error = QLabel(self)
        self.error.setObjectName("userNameError")
        self.error.setStyleSheet("QLabel { color: #b3261e; }")
        self.error.hide()
        buttons = QDialogButtonBox(self)
        ok = buttons.addButton(_("&Guardar"), QDialogButtonBox.ButtonRole.AcceptRole)
        assert ok is not None
        ok.setObjectName("saveUserName")
        cancel = buttons.addButton(_("&Ahora no"), QDialogButtonBox.ButtonRole.RejectRole)
        assert cancel is not None
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow(_("Nombre:"), self.name)
        form.addRow(_("Cargo:"), self.position)
        form.addRow(self.error)
        form.addRow(buttons)
        self.resize(480, self.sizeHint().height())

    def save(self) -> None:
        from mipg_desktop.errors import MipgError
        from mipg_desktop.user_profile import UserProfile, save_profile

        try:
            profile = save_profile(UserProfile(self.name.text(), self.position.text()))
        except (MipgError, OSError) as error:
            self.error.setText(str(error))
            self.error.show()
            return
        self.window_.db.user_name = profile.name
        self.window_.statusBar().showMessage(
            _("Sus cambios quedan registrados a nombre de {name}.").format(name=profile.name), 6000
        )
        self.accept()
