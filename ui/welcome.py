"""First start on an empty database: create the committee, load the demo, import a plan."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from mipg_desktop.i18n import _


class WelcomePanel(QWidget):
    register_entity = Signal()
    create_committee = Signal()
    load_demo = Signal()
    import_plan = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePanel")
        self.setAccessibleName(_("Bienvenida"))
        title = QLabel(_("Bienvenido a MIPG Desktop"), self)
        title.setObjectName("welcomeTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(self)
        intro.setObjectName("welcomeIntro")
        self.intro = intro
        self._set_intro(has_data=False)
        intro.setWordWrap(True)
        intro.setMaximumWidth(640)
        self.entity_button = self._button(_("1. Registrar la &entidad…"), self.register_entity)
        self.committee_button = self._button(_("2. Crear el &comité…"), self.create_committee)
        self.demo_button = self._button(_("Cargar datos de de&mostración"), self.load_demo)
        self.plan_button = self._button(
            _("&Importar un plan de acción (hoja de cálculo)…"), self.import_plan
        )
        # a member who got a package by e-mail starts here too, on an empty database
        self.review_button = QPushButton(
            _("¿Es integrante? &Revisar un paquete de sesión recibido…"), self
        )
        self.review_button.setMinimumHeight(36)
        self.review_button.setToolTip(
            _(
                "Abre el borrador del acta que le envió la secretaría, para escribir sus "
                "observaciones."
            )
        )
        self.review_button.clicked.connect(self._review_package)
        # a review with observations not yet sent (closed, or the computer restarted)
        self.resume_button = QPushButton(self)
        self.resume_button.setMinimumHeight(36)
        self.resume_button.clicked.connect(self._resume_review)
        self.resume_button.hide()
        self.unsent_package: str | None = None
        for name, button in (
            ("welcomeReview", self.review_button),
            ("welcomeResume", self.resume_button),
            ("welcomeEntity", self.entity_button),
            ("welcomeCommittee", self.committee_button),
            ("welcomeDemo", self.demo_button),
            ("welcomePlan", self.plan_button),
        ):
            button.setObjectName(name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(12)
        for button in (
            self.entity_button,
            self.committee_button,
            self.demo_button,
            self.plan_button,
        ):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(12)
        layout.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.resume_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.show_unsent_review()

    def show_unsent_review(self) -> None:
        """Offer the newest review with observations not yet sent, where its package is."""
        from mipg_desktop.committees.review_drafts import unsent_drafts

        drafts = [d for d in unsent_drafts() if d.package_path]
        self.unsent_package = drafts[0].package_path if drafts else None
        if drafts:
            self.resume_button.setText(
                _("Continuar la revisión sin enviar: {title}…").format(
                    title=drafts[0].title or _("borrador del acta")
                )
            )
            self.resume_button.setToolTip(
                _("Sus observaciones están guardadas en este equipo; aún no guardó la respuesta.")
            )
        self.resume_button.setVisible(bool(drafts))

    def _resume_review(self) -> None:
        """The package the observations were written on; if it moved, the member finds it."""
        from pathlib import Path

        from ui.main_window import MainWindow
        from ui.review_open import review_package

        window = self.window()
        if isinstance(window, MainWindow) and self.unsent_package is not None:
            path = Path(self.unsent_package)
            review_package(window, path if path.is_file() else None)

    def _review_package(self) -> None:
        """The same as «Archivo ▸ Revisar paquete recibido…» (the member's side)."""
        from ui.main_window import MainWindow
        from ui.review_open import review_package

        window = self.window()
        if isinstance(window, MainWindow):
            review_package(window)

    def _button(self, text: str, signal: SignalInstance) -> QPushButton:
        button = QPushButton(text, self)
        button.setMinimumWidth(340)
        button.setMinimumHeight(36)
        button.setAccessibleName(text.replace("&", ""))
        button.clicked.connect(signal.emit)
        return button

    def _set_intro(self, has_data: bool, has_entity: bool = False, scope: str = "mipg") -> None:
        from mipg_desktop.reporting_scope import scope_defaults

        committee = scope_defaults(scope).committee_name  # a MECI entity has no CIGD
        if has_data and has_entity:
            text = _(
                "Esta base de datos ya tiene datos. Para seguir, cree el {committee}, o abra lo "
                "que ya tiene en el panel de la izquierda."
            )
        elif has_data:
            text = _(
                "Esta base de datos ya tiene datos. Para seguir, registre la entidad y cree el "
                "{committee}, o abra lo que ya tiene en el panel de la izquierda."
            )
        else:
            text = _(
                "Esta base de datos está vacía. Para empezar, registre la entidad y cree el "
                "{committee}; o cargue datos de demostración para conocer el programa; o "
                "importe el plan de acción que ya tiene en una hoja de cálculo."
            )
        self.intro.setText(text.format(committee=committee))

    def set_state(
        self,
        has_entity: bool,
        committees_available: bool,
        plans_available: bool,
        has_data: bool = False,
        scope: str = "mipg",
    ) -> None:
        self._set_intro(has_data, has_entity, scope)
        self.entity_button.setText(
            _("1. Revisar la &entidad…") if has_entity else _("1. Registrar la &entidad…")
        )
        self.committee_button.setEnabled(committees_available and has_entity)
        self.committee_button.setToolTip("" if has_entity else _("Primero registre la entidad."))
        self.demo_button.setEnabled(not has_entity)
        self.demo_button.setToolTip(
            _("La demostración se carga solo en una base de datos vacía.") if has_entity else ""
        )
        self.plan_button.setEnabled(plans_available and has_entity)
