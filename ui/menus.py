"""The menu bar and keyboard shortcuts of the main window."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from mipg_desktop import __version__
from mipg_desktop.i18n import _
from ui import file_dialogs

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def build_menus(window: MainWindow) -> None:
    from ui.main_window import standard_action as act

    bar = window.menuBar()
    file_menu = bar.addMenu(_("Arc&hivo"))
    file_menu.addAction(
        act(window, _("&Abrir base de datos…"), lambda: open_other(window), "Ctrl+O")
    )
    new_db = act(window, _("&Nueva base de datos…"), lambda: _new_database(window))
    new_db.setObjectName("newDatabaseAction")
    file_menu.addAction(new_db)
    window.recent_menu = file_menu.addMenu(_("Bases de datos &recientes"))
    _fill_recent(window)
    file_menu.addSeparator()
    save_now = act(window, _("&Guardar ahora"), lambda: _save_now(window), "Ctrl+S")
    save_now.setObjectName("saveNowAction")
    file_menu.addAction(save_now)
    file_menu.addAction(
        act(window, _("&Copia de seguridad…"), lambda: backup(window), "Ctrl+Shift+B")
    )
    copies = act(window, _("Copias de seguridad au&tomáticas…"), lambda: show_backups(window))
    copies.setObjectName("backupsAction")
    file_menu.addAction(copies)
    file_menu.addSeparator()
    user = act(window, _("&Usuario del programa…"), lambda: ask_user_name(window))
    user.setObjectName("userNameAction")
    file_menu.addAction(user)
    file_menu.addSeparator()
    _review_actions(window, file_menu)
    verify = act(window, _("&Verificar un PDF…"), lambda: _verify_pdf(window))
    verify.setObjectName("verifyPdfAction")
    file_menu.addAction(verify)
    file_menu.addSeparator()
    quit_action = act(window, _("&Salir"), window.close, "Ctrl+Q")  # every platform, Windows too
    quit_action.setObjectName("quitAction")
    file_menu.addAction(quit_action)

    edit_menu = bar.addMenu(_("E&ditar"))
    window.undo_action = act(window, _("&Deshacer"), lambda: _edit(window, "undo"), "Ctrl+Z")
    window.undo_action.setObjectName("undoAction")
    window.redo_action = act(window, _("&Rehacer"), lambda: _edit(window, "redo"), "Ctrl+Y")
    window.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    window.redo_action.setObjectName("redoAction")
    window.undo_action.setEnabled(False)
    window.redo_action.setEnabled(False)
    edit_menu.addAction(window.undo_action)
    edit_menu.addAction(window.redo_action)
    edit_menu.addSeparator()
    edit_menu.addAction(act(window, _("&Buscar"), lambda: _focus_search(window), "Ctrl+F"))
    go_home = act(window, _("Ir al &inicio"), lambda: go_to_home(window), "Ctrl+Home")
    go_home.setObjectName("homeAction")
    edit_menu.addAction(go_home)

    entity_menu = bar.addMenu(_("E&ntidad"))
    entity_menu.addAction(
        act(window, _("&Perfil y control documental…"), window.open_entity_editor, "Ctrl+Shift+E")
    )
    window.committee_menu = bar.addMenu(_("C&omité"))
    window.committee_menu.addAction(
        act(window, _("&Nuevo comité…"), window.new_committee, "Ctrl+Shift+N")
    )
    window.committee_menu.addAction(
        act(
            window,
            _("&Importar paquete de sesión…"),
            lambda: _import_package(window),
            "Ctrl+Shift+I",
        )
    )
    window.committee_menu.addAction(
        act(window, _("Cargar datos de &demostración"), window.load_demo)
    )
    window.plans_menu = bar.addMenu(_("P&lanes"))
    window.plans_menu.addAction(
        act(window, _("&Importar plan (hoja de cálculo)…"), window.import_plan)
    )

    help_menu = bar.addMenu(_("A&yuda"))
    help_menu.addAction(act(window, _("&Acerca de MIPG Desktop"), lambda: about(window), "F1"))


def _review_actions(window: MainWindow, menu: QMenu) -> None:
    """The members' review (issue 15): a received package reviewed, responses brought in."""
    from ui.main_window import standard_action as act

    review = act(window, _("Revisar &paquete recibido…"), lambda: _review_package(window))
    review.setObjectName("reviewPackageAction")
    menu.addAction(review)
    responses = act(window, _("&Importar respuesta de miembro…"), lambda: _import_responses(window))
    responses.setObjectName("importResponsesAction")
    menu.addAction(responses)
    menu.addSeparator()


def _review_package(window: MainWindow) -> None:
    from ui.review_open import review_package

    review_package(window)


def _import_responses(window: MainWindow) -> None:
    from ui.review_import import import_responses

    import_responses(window)


def show_backups(window: MainWindow) -> None:
    from ui.backups_dialog import BackupsDialog

    dialog = BackupsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


def _import_package(window: MainWindow) -> None:
    from ui.packages import import_package

    import_package(window)


def _fill_recent(window: MainWindow) -> None:
    from ui.main_window import standard_action as act

    window.recent_menu.clear()
    recent = window.settings.recent_databases()
    from mipg_desktop.storage.urls import friendly_name

    for target in recent:
        action = act(window, friendly_name(target), partial(launch, window, target))
        action.setToolTip(friendly_name(target))
        window.recent_menu.addAction(action)
    window.recent_menu.setEnabled(bool(recent))


def _edit(window: MainWindow, what: str) -> None:
    """A text field with typing to undo undoes its own; otherwise the last operation on the
    database (core undo, named in the menu)."""
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit

    widget = QApplication.focusWidget()
    if isinstance(widget, QLineEdit) and not widget.isReadOnly():
        available = widget.isUndoAvailable() if what == "undo" else widget.isRedoAvailable()
    elif isinstance(widget, QPlainTextEdit | QTextEdit) and not widget.isReadOnly():
        document = widget.document()
        available = document.isUndoAvailable() if what == "undo" else document.isRedoAvailable()
    else:
        available = False
    if available:
        getattr(widget, what)()
        return
    window.ops.undo() if what == "undo" else window.ops.redo()


def _save_now(window: MainWindow) -> None:
    """Ctrl+S: what is typed is written now (the focused field too) and the status bar
    says when; a refused value stays, with its message beside the field."""
    from datetime import datetime

    if window.commit_all():
        when = datetime.now().strftime("%H:%M")
        window.statusBar().showMessage(_("Guardado a las {time}").format(time=when), 8000)
    else:
        window.statusBar().showMessage(_("No se guardó: revise el campo marcado"), 8000)


def ask_user_name(window: MainWindow, first_start: bool = False) -> None:
    from ui.user_dialog import UserDialog

    dialog = UserDialog(window, first_start)
    dialog.open()


def go_to_home(window: MainWindow) -> None:
    """«Inicio» selected in the tree: the home view, read again."""
    from ui.places import reveal

    if not window.commit_all():
        return
    reveal(window, ("root_home", None))


def _focus_search(window: MainWindow) -> None:
    window.search_box.setFocus()
    window.search_box.selectAll()


def open_other(window: MainWindow) -> None:
    """Another database in this window, after saving (``ui.database_switch``)."""
    from ui.database_switch import choose_and_open

    choose_and_open(window)


def _new_database(window: MainWindow) -> None:
    from ui.database_switch import create_new

    create_new(window)


def launch(window: MainWindow, target: str) -> None:
    """A recent database: opened in this window, after saving."""
    from ui.database_switch import open_here

    open_here(window, target)


def backup(window: MainWindow) -> None:
    from datetime import date
    from pathlib import Path

    from mipg_desktop.storage.backup import backup_database
    from ui.exports import in_documents

    suggested = in_documents(_("copia-mipg-{day}.sqlite").format(day=date.today().isoformat()))
    path, _filter = file_dialogs.get_save_file_name(
        window, _("Guardar copia de seguridad"), suggested, _("Copia SQLite (*.sqlite)")
    )
    if not path:
        return
    if not Path(path).suffix:
        path += ".sqlite"  # a copy that says what it is
    url = window.db.url
    window.runner.run_with_progress(
        _("Copiando la base de datos…"),
        lambda progress: backup_database(url, Path(path), progress),
        lambda out: window.statusBar().showMessage(
            _("Copia de seguridad guardada en {path}").format(path=out), 8000
        ),
    )


def about(window: MainWindow) -> None:
    QMessageBox.about(
        window,
        _("Acerca de MIPG Desktop"),
        _("MIPG Desktop {version}\nComités del Modelo Integrado de Planeación y Gestión.").format(
            version=__version__
        ),
    )


def _verify_pdf(window: MainWindow) -> None:
    from ui.acta_record_bar import verify_pdf_file

    window.wait_for_core()
    verify_pdf_file(window)
