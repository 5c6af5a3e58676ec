"""The main window: wires menus, the navigation tree and the editor area; delegates the rest."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.first_screen import FirstScreen, load_core, read_first_screen, wait_for_core
from mipg_desktop.i18n import _
from mipg_desktop.storage.database import Database
from ui.app_settings import AppSettings
from ui.models.tree import LazyTreeModel, Loader, TreeRow
from ui.navigation import (
    COMMITTEES_API,
    PLANNING_API,
    ROOT_COMMITTEES,
    ROOT_ENTITY,
    ROOT_MIPG,
    ROOT_PLANS,
    Navigator,
    service_available,
)
from ui.operations import Operations
from ui.save_state import SaveState
from ui.tasks import Task, TaskRunner
from ui.welcome import WelcomePanel

if TYPE_CHECKING:
    from ui.single_instance import DatabaseLock

EditorFactory = Callable[["MainWindow", TreeRow], QWidget | None]
EDITOR_FACTORIES: dict[str, EditorFactory] = {}


class Guarded(Protocol):
    """Something that may hold what the person typed and the database does not have yet."""

    def commit(self) -> bool: ...  # save it now; False when refused (the person was told)

    def pending(self) -> list[str]: ...  # what is not saved, as the person would name it

    def revert(self) -> None: ...  # the person chose to drop it


def editor_for(*kinds: str) -> Callable[[EditorFactory], EditorFactory]:
    """Register the editor a tree node of ``kind`` opens (modules register themselves)."""

    def register(factory: EditorFactory) -> EditorFactory:
        for kind in kinds:
            EDITOR_FACTORIES[kind] = factory
        return factory

    return register


class MainWindow(QMainWindow):
    ready = Signal()  # the first screen is up
    core_loaded = Signal()  # and the ORM and services behind it, loaded in the background
    load_failed = Signal(str)
    database_changed = Signal()
    recent_menu: QMenu
    committee_menu: QMenu
    plans_menu: QMenu
    undo_action: QAction
    redo_action: QAction

    def __init__(self, db: Database, settings: AppSettings | None = None) -> None:
        super().__init__()
        self.db = db
        self.settings = settings or AppSettings()
        self.runner = TaskRunner(self, dialog_parent=self)
        self.runner.on_user_error = self.show_user_error
        self.save_state = SaveState(self)
        self.ops = Operations(self)
        self.guarded: list[Guarded] = []
        self.lock: DatabaseLock | None = None  # the program's lock on ``db`` (ui.app sets it)
        self.flush_callbacks: list[Callable[[], None]] = []
        self._shown_index: Any = None
        self._reverting = False
        self.is_ready = False
        self.orm_at_first_screen = False
        self.reporting_scope = "mipg"  # the entity's, as the first screen read it
        self.is_loaded = False
        self._loading: Task | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle(self._title())
        self.navigator = Navigator(db)
        loaders = self.navigator.loaders()
        self.tree_model = LazyTreeModel({k: self._after_load(f) for k, f in loaders.items()}, self)
        self._editors: dict[Any, QWidget] = {}
        if service_available(COMMITTEES_API) or service_available(PLANNING_API):
            import ui.editors  # noqa: F401  (registers the editors of the tree nodes)
        self._build_panes()
        self._build_status_bar()
        from ui.menus import build_menus

        build_menus(self)
        from ui.review_import import window_drops

        self.window_drops = window_drops(self)  # a response or a package dropped on the window
        self.runner.busy_changed.connect(self._show_busy)
        from ui.auto_backup import AutoBackups

        self.auto_backups = AutoBackups(self)
        from ui import window_state

        window_state.restore_geometry(self)  # as this database's window was left
        QTimer.singleShot(0, self.refresh)

    # -- building ----------------------------------------------------------------------------
    def _title(self) -> str:
        where = self.db.path.name if self.db.path else self.db.engine.url.database or ""
        return _("{db} — MIPG Desktop").format(db=where)

    def _build_panes(self) -> None:
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(_("Buscar en actas, puntos, compromisos… (Ctrl+F)"))
        self.search_box.setAccessibleName(_("Buscar"))
        self.search_box.setClearButtonEnabled(True)
        from ui.search_panel import SearchPanel

        self.search_panel = SearchPanel(self, self.search_box)
        self.tree = QTreeView(self)
        self.tree.setObjectName("navigationTree")
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(14)  # an acta's number and date fit a 1024 px screen
        self.tree.setAccessibleName(_("Árbol de navegación: modelo MIPG y comités"))
        # selection, not "current": a view makes its first row current on focus by itself
        self.tree.selectionModel().selectionChanged.connect(self._open_selected)
        self.tree.activated.connect(self._open_index)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 0, 4)
        left_layout.addWidget(self.search_box)
        left_layout.addWidget(self.search_panel.results)
        left_layout.addWidget(self.tree)
        self.editors = QStackedWidget(self)
        self.editors.setObjectName("editorArea")
        self.editors.setAccessibleName(_("Área de edición"))
        self.welcome = WelcomePanel(self)
        for signal, slot in (
            (self.welcome.register_entity, self.open_entity_editor),
            (self.welcome.load_demo, self.load_demo),
            (self.welcome.create_committee, self.new_committee),
            (self.welcome.import_plan, self.import_plan),
        ):
            signal.connect(partial(self.when_loaded, slot))
        self.placeholder = QLabel(_("Seleccione un elemento del árbol."), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.editors.addWidget(self.placeholder)
        self.editors.addWidget(self.welcome)
        self.splitter = QSplitter(self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editors)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)

    def _build_status_bar(self) -> None:
        self.save_label = QLabel(_("Todo guardado"), self)
        self.save_label.setObjectName("saveState")
        self.save_label.setAccessibleName(_("Estado de guardado"))
        self.save_state.changed.connect(self._show_save_state)
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("busyIndicator")
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.save_label)
        from mipg_desktop.storage.urls import redact_url

        where = str(self.db.path) if self.db.path else redact_url(self.db.url)
        self.db_label = QLabel(where, self)
        self.db_label.setObjectName("databaseLabel")
        self.db_label.setAccessibleName(_("Base de datos abierta"))
        self.statusBar().addWidget(self.db_label)

    # -- state -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the tree and decide between the welcome panel and the last editor."""
        self.tree_model.set_rows(self.navigator.top_level())
        db = self.db
        self.runner.run(lambda: read_first_screen(db), self._show_overview)

    def _show_overview(self, screen: FirstScreen) -> None:
        self.navigator.use_catalog(screen.catalog)
        self._update_welcome(screen)
        if screen.empty:
            self.show_editor(self.welcome)
        mipg = self.tree_model.find(ROOT_MIPG, None)
        self.tree.expand(mipg)
        if not self.is_ready:
            self.is_ready = True
            # what the first screen needed: read before the core's load below can start
            self.orm_at_first_screen = "sqlalchemy" in sys.modules
            db = self.db  # the load starts first, so whatever «ready» triggers waits for it
            self._loading = self.runner.run(
                lambda: load_core(db), self._core_loaded, self._core_failed
            )
            self.ready.emit()
        if not screen.empty and self.editors.currentWidget() in (self.welcome, self.placeholder):
            from ui.home_view import show_home

            show_home(self)  # read on the worker, after the core's load

    def _core_loaded(self, _result: object) -> None:
        self.is_loaded = True
        from ui.window_state import restore_place

        restore_place(self)  # the session and tab shown when the window closed
        self.core_loaded.emit()
        from ui.acta_record_bar import check_records_on_open

        check_records_on_open(self)

    def _core_failed(self, error: BaseException) -> None:
        self.load_failed.emit(str(error))
        sys.excepthook(type(error), error, error.__traceback__)  # logged, explained

    def wait_for_core(self) -> None:
        """A user action is about to import the core on this thread: let the background load
        finish first (what is left of it, well under a second), so the two threads never
        import the same packages at once."""
        if self._loading is not None and not self.is_loaded:
            wait_for_core()

    def when_loaded(self, slot: Callable[[], Any], *_args: Any) -> None:
        self.wait_for_core()
        slot()

    def _after_load(self, loader: Loader) -> Loader:
        def load(row: TreeRow) -> Sequence[TreeRow]:
            self.wait_for_core()
            return loader(row)

        return load

    def only_loading(self) -> bool:
        """Nothing but the background load of the core is left on the worker: it reads and
        writes nothing, so a process that is ending need not wait for it."""
        return self._loading is not None and self.runner.pending == [self._loading]

    def show_read_only(self, read_only: bool) -> None:
        """Say everywhere that this window no longer writes (a damaged file)."""
        from mipg_desktop.storage.urls import redact_url

        title, where = self._title(), str(self.db.path or redact_url(self.db.url))
        if read_only:
            title = _("{title} (solo lectura)").format(title=title)
            where = _("Solo lectura, base de datos dañada: {where}").format(where=where)
        self.setWindowTitle(title)
        self.db_label.setText(where)

    def reopen_database(self) -> None:
        """The file under the window was replaced (a copy restored): forget everything
        read from the old one (editors, undo history) and read it again."""
        self.db.history.clear()
        self.ops.show_status(self.db.history.status())
        self.guarded.clear()
        self._editors.clear()
        self._shown_index = None
        for index in reversed(range(self.editors.count())):
            widget = self.editors.widget(index)
            if widget is not None and widget not in (self.placeholder, self.welcome):
                self.editors.removeWidget(widget)
                widget.setParent(None)
                widget.deleteLater()
        self.search_box.clear()
        self.show_editor(self.placeholder)
        self.auto_backups.restored()
        self.show_read_only(False)
        self.refresh()

    def _show_busy(self, busy: bool) -> None:
        self.busy_label.setText(_("Trabajando…") if busy else "")

    def _show_save_state(self, text: str) -> None:
        self.save_label.setText(text)
        self.save_label.setToolTip(self.save_state.tooltip())

    # -- editors -----------------------------------------------------------------------------
    def show_editor(self, widget: QWidget) -> None:
        if self.editors.indexOf(widget) < 0:
            self.editors.addWidget(widget)
        self.editors.setCurrentWidget(widget)

    def _open_selected(self, *_args: Any) -> None:
        if self._reverting:
            return
        indexes = self.tree.selectionModel().selectedIndexes()
        if indexes:
            self._open_index(indexes[0])

    def _open_index(self, index: QModelIndex) -> None:
        row = self.tree_model.row_at(index)
        if row is None:
            return
        if not self.commit_all():  # a refused value: stay where it can be corrected
            self._reselect_shown()
            from ui.form_binding import show_refused

            shown = self.editors.currentWidget()
            if shown is not None:
                show_refused(shown)
            return
        from PySide6.QtCore import QPersistentModelIndex

        self._shown_index = QPersistentModelIndex(index)
        self.wait_for_core()
        if row.kind == ROOT_ENTITY:
            self.open_entity_editor()
            return
        factory = EDITOR_FACTORIES.get(row.kind)
        widget = factory(self, row) if factory else None
        if widget is not None:
            self.show_editor(widget)

    def _reselect_shown(self) -> None:
        self._reverting = True
        try:
            if self._shown_index is not None and self._shown_index.isValid():
                index = self.tree_model.index(
                    self._shown_index.row(), 0, self._shown_index.parent()
                )
                self.tree.setCurrentIndex(index)
            else:
                self.tree.clearSelection()
        finally:
            self._reverting = False

    # -- what is typed and not saved -----------------------------------------------------------
    def guard(self, editor: Guarded) -> None:
        """``editor`` takes part in «nothing typed is lost»: navigation, undo and closing
        save it first, and closing asks before dropping what could not be saved."""
        self.guarded.append(editor)

    def commit_all(self) -> bool:
        """Save everything typed now. False when something was refused (it stays, with the
        message beside it, and the person is not taken anywhere)."""
        for callback in list(self.flush_callbacks):
            callback()
        return all([editor.commit() for editor in list(self.guarded)])

    def pending(self) -> list[str]:
        found: list[str] = []
        for editor in self.guarded:
            found += [p for p in editor.pending() if p not in found]
        return found

    def reload_current(self) -> None:
        """Read the shown editor again (after an undo, a conflict, a change elsewhere)."""
        widget = self.editors.currentWidget()
        for name in ("reload", "load"):
            method = getattr(widget, name, None)
            if callable(method):
                method()
                return

    def cached_editor(self, key: Any, make: Callable[[], QWidget]) -> QWidget:
        if key not in self._editors:
            self._editors[key] = make()
        return self._editors[key]

    def reveal(self, *path: tuple[str, Any]) -> QModelIndex:
        """Open the tree along ``path`` [(kind, key), ...] and select the last node."""
        parent = QModelIndex()
        found = QModelIndex()
        for kind, key in path:
            if self.tree_model.canFetchMore(parent):
                self.tree_model.fetchMore(parent)
            found = QModelIndex()
            for row in range(self.tree_model.rowCount(parent)):
                index = self.tree_model.index(row, 0, parent)
                data = self.tree_model.row_at(index)
                if data is not None and data.kind == kind and data.key == key:
                    found = index
                    break
            if not found.isValid():
                return found
            self.tree.expand(parent) if parent.isValid() else None
            parent = found
        self.tree.setCurrentIndex(found)
        self.tree.scrollTo(found)
        return found

    def _reload_node(self, kind: str, key: Any) -> None:
        index = self.tree_model.find(kind, key)
        if index.isValid():
            self.tree_model.reload(index)

    def committee_created(self, committee_id: int) -> None:
        self._reload_node(ROOT_COMMITTEES, None)
        self.reveal((ROOT_COMMITTEES, None), ("committee", committee_id))
        self.statusBar().showMessage(_("Comité creado"), 5000)

    def session_created(self, committee_id: int, year: int, session_id: int) -> None:
        self._reload_node(ROOT_COMMITTEES, None)
        self.reveal(
            (ROOT_COMMITTEES, None),
            ("committee", committee_id),
            ("year", (committee_id, year)),
            ("session", session_id),
        )
        self.statusBar().showMessage(_("Sesión programada"), 5000)

    def plan_imported(self, plan_id: int, year: int) -> None:
        """A plan just imported: open it, and let the welcome page know the base has data."""
        self._reload_node(ROOT_PLANS, None)
        self.reveal((ROOT_PLANS, None), ("plan_year", year), ("plan", plan_id))
        db = self.db
        self.runner.run(lambda: read_first_screen(db), self._update_welcome)

    def session_changed(self, session_id: int) -> None:
        """A status change: relabel the session in the tree without losing the selection."""
        index = self.tree_model.find("session", session_id)
        if index.isValid():
            self.tree_model.reload(self.tree_model.parent(index))
            self.tree.setCurrentIndex(self.tree_model.find("session", session_id))

    def open_entity_editor(self) -> None:
        from ui.entity_editor import EntityEditor

        editor = self.findChild(EntityEditor)
        if editor is None:
            editor = EntityEditor(self)
            editor.saved.connect(self._entity_saved)
        editor.load()
        self.show_editor(editor)

    def _entity_saved(self, message: str) -> None:
        self.statusBar().showMessage(message, 5000)
        db = self.db
        self.runner.run(lambda: read_first_screen(db), self._update_welcome)

    def _update_welcome(self, screen: FirstScreen) -> None:
        self.reporting_scope = screen.reporting_scope
        if self.navigator.use_scope(screen.reporting_scope):
            self.tree_model.set_rows(self.navigator.top_level())  # MIPG or MECI branch
        self.welcome.set_state(
            screen.has_entity,
            service_available(COMMITTEES_API),
            service_available(PLANNING_API),
            has_data=screen.has_entity or screen.committee_count > 0 or screen.plan_count > 0,
            scope=screen.reporting_scope,
        )

    # -- actions -----------------------------------------------------------------------------
    def load_demo(self) -> None:
        from mipg_desktop.demo import run_demo

        db = self.db
        self.runner.run_with_progress(
            _("Cargando datos de demostración…"),
            lambda progress: run_demo(db, years=3, progress=progress),
            lambda _context: self._demo_loaded(),
        )

    def _demo_loaded(self) -> None:
        self.statusBar().showMessage(_("Datos de demostración cargados"), 5000)
        self.refresh()

    def new_committee(self) -> None:
        if not service_available(COMMITTEES_API):
            self.show_user_error(_("Esta versión todavía no permite crear comités."))
            return
        from ui.committee_dialogs import new_committee

        new_committee(self)

    def import_plan(self) -> None:
        if not service_available(PLANNING_API):
            self.show_user_error(_("Esta versión todavía no permite importar planes."))
            return
        from ui.plan_view import import_plan

        import_plan(self)

    def show_user_error(self, message: str) -> None:
        from ui.error_hook import hide_secrets

        message = hide_secrets(message)
        box = QMessageBox(QMessageBox.Icon.Warning, _("MIPG Desktop"), message, parent=self)
        box.setObjectName("userErrorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def flush(self) -> None:
        """Write everything typed now (unexpected errors, the program ending)."""
        self.commit_all()

    def closeEvent(self, event: QCloseEvent) -> None:
        saved = self.commit_all()
        left = self.pending()
        if not saved or left:
            if not self.ask_to_discard(left):
                event.ignore()
                return
            for editor in self.guarded:
                editor.revert()
        if not self.only_loading():  # the program's end waits for that, if it must
            self.runner.wait_idle()
        from ui import window_state

        window_state.save_geometry(self)
        window_state.save_place(self)
        self.auto_backups.on_close()  # on the worker: the window goes now, the program after it
        super().closeEvent(event)

    def ask_to_discard(self, what: list[str]) -> bool:
        """True when the person chooses to drop what is listed (False: back to the window)."""
        box = QMessageBox(QMessageBox.Icon.Warning, _("MIPG Desktop"), "", parent=self)
        box.setObjectName("discardBox")
        box.setText(_("Hay cambios que no se han guardado."))
        box.setInformativeText(
            "\n".join(f"• {w}" for w in what[:12])
            + "\n\n"
            + _("¿Cerrar de todos modos y descartarlos?")
        )
        back = box.addButton(_("&Volver a la ventana"), QMessageBox.ButtonRole.RejectRole)
        drop = box.addButton(_("&Descartar y cerrar"), QMessageBox.ButtonRole.DestructiveRole)
        back.setObjectName("backToWindow")
        drop.setObjectName("discardAndClose")
        box.setDefaultButton(back)
        box.exec()
        return box.clickedButton() is drop


def standard_action(
    window: MainWindow, text: str, slot: Callable[[], Any], shortcut: Any = None
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(partial(window.when_loaded, slot))
    return action
