"""A PostgreSQL password, never written where it could be read: kept in the system keyring
when the person asks, found by libpq in ``.pgpass``, or asked for at open.

``keyring`` is imported only when a server database without a password in its address is
opened; a missing or failing keyring backend only means the password is asked for.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.i18n import _
from mipg_desktop.storage.urls import friendly_name, without_password

LOGGER = logging.getLogger("mipg_desktop.ui")
SERVICE = "mipg-desktop"
_PASSWORD_ERRORS = (
    "no password supplied",
    "password authentication failed",
    "autentificación password falló",
    "autenticación password falló",
    "no se entregó una contraseña",
)


def account(url: str) -> str:
    """The keyring's name for the database: its address without password."""
    return without_password(url)


def keyring_available() -> bool:
    try:
        import keyring
        from keyring.backends import fail

        return not isinstance(keyring.get_keyring(), fail.Keyring)
    except Exception:  # no package, no backend, no session bus: just not offered
        return False


def stored_password(url: str) -> str:
    """The password kept in the keyring for ``url`` (empty when none, or no keyring)."""
    try:
        import keyring

        return keyring.get_password(SERVICE, account(url)) or ""
    except Exception as error:
        LOGGER.info("Llavero del sistema no disponible: %s", type(error).__name__)
        return ""


def store_password(url: str, password: str) -> bool:
    try:
        import keyring

        keyring.set_password(SERVICE, account(url), password)
        return True
    except Exception as error:
        LOGGER.warning("No se pudo guardar la contraseña en el llavero: %s", type(error).__name__)
        return False


def is_password_error(error: BaseException) -> bool:
    """The server refused for want of a (right) password (libpq's message, anywhere in the
    chain of causes)."""
    seen: BaseException | None = error
    for _depth in range(8):
        if seen is None:
            return False
        text = str(seen).lower()
        if any(marker in text for marker in _PASSWORD_ERRORS):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class PasswordDialog(QDialog):
    """«Contraseña de la base de datos»: asked at open, kept only if the person says so."""

    def __init__(self, url: str, refused: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.setWindowTitle(_("Contraseña de la base de datos"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            _("La base de datos {db} pide una contraseña.").format(db=friendly_name(url)), self
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.error = QLabel(self)
        self.error.setObjectName("passwordRefused")
        self.error.setText(_("La contraseña anterior no fue aceptada.") if refused else "")
        self.error.setVisible(refused)
        layout.addWidget(self.error)
        self.password = QLineEdit(self)
        self.password.setObjectName("passwordInput")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(_("Contraseña"))
        layout.addWidget(self.password)
        self.remember = QCheckBox(_("&Recordarla en el llavero del sistema"), self)
        self.remember.setObjectName("rememberPassword")
        available = keyring_available()
        self.remember.setEnabled(available)
        if not available:
            self.remember.setToolTip(_("Este equipo no tiene un llavero del sistema disponible."))
        layout.addWidget(self.remember)
        hint = QLabel(
            _(
                "La contraseña no se guarda en ningún archivo del programa. También puede "
                "ponerla en el archivo .pgpass de PostgreSQL."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(self)
        self.connect_button = buttons.addButton(
            _("&Conectar"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.connect_button.setObjectName("connectWithPassword")
        self.cancel_button = buttons.addButton(
            _("&Cancelar"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setObjectName("cancelPassword")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.password.setFocus()


def ask_password(url: str, refused: bool) -> tuple[str, bool] | None:
    """The password typed and whether to keep it in the keyring; ``None`` when cancelled."""
    dialog = PasswordDialog(url, refused)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.password.text():
        return None
    return dialog.password.text(), dialog.remember.isChecked() and dialog.remember.isEnabled()
