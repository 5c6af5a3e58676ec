"""A form that saves each field when it is left: one versioned, undoable core call for what
changed. A refused value stays in its field with the message beside it; a change made
elsewhere meanwhile to the same field is never overwritten (the conflict dialog asks).

The version and the values the form was read with travel with every save
(:func:`mipg_desktop.committees.common.check_fields`): a change elsewhere to *other*
fields is no conflict. While a field is unsaved, a reload never overwrites it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QWidget

from mipg_desktop.errors import ConcurrentEdit, MipgError
from mipg_desktop.i18n import _

if TYPE_CHECKING:
    from mipg_desktop.scopes import Scope
    from ui.main_window import MainWindow

ERROR_STYLE = "QLabel { color: #b3261e; }"
UNSET: Any = object()  # a field not read yet, whose empty state is not a valid value

# update(values, version, base) -> result; read(result) -> (version, stored values)
Update = Callable[[dict[str, Any], Any, "dict[str, Any] | None"], Any]
Read = Callable[[Any], tuple[Any, dict[str, Any]]]


@dataclass
class Bound:
    key: str
    label: str
    widget: QWidget
    get: Callable[[], Any]  # raises ValueError (with the message) when what is typed is not valid
    put: Callable[[Any], None]
    text: Callable[[Any], str]  # how a value reads, for the conflict dialog
    error: QLabel


class FormBinding(QObject):
    saved = Signal(object)

    def __init__(
        self,
        window: MainWindow,
        name: str,
        table: str,
        scope: Callable[[], Scope],
        update: Update,
        read: Read,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window_, self.name, self.table = window, name, table
        self.scope, self.update, self.read = scope, update, read
        self.fields: dict[str, Bound] = {}
        self.base: dict[str, Any] = {}
        self.version: Any = None
        self.loaded = False
        self.early: set[str] = set()  # fields left before the form was read: kept, then saved
        self.loading = False
        self.resolving = False
        self.in_flight = False
        self.again = False
        self.key: Hashable = ("form", name, id(self))

    # -- building ----------------------------------------------------------------------------
    def add(
        self,
        key: str,
        label: str,
        widget: QWidget,
        get: Callable[[], Any],
        put: Callable[[Any], None],
        left: Any = None,
        text: Callable[[Any], str] | None = None,
    ) -> QLabel:
        """Bind ``widget``; ``left`` is the signal that means the person left it (or made
        a choice); without it the form saves only on :meth:`commit` (a dialog's OK).
        Returns the label that shows a refusal beside the field."""
        error = QLabel(widget.parentWidget())
        error.setObjectName(f"error_{key}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setAccessibleName(_("Error en {label}").format(label=label))
        error.hide()
        self.fields[key] = Bound(key, label, widget, get, put, text or _as_text, error)
        typing = _typing_signal(widget)
        if typing is not None and left is not None:  # the status bar says it is unsaved
            typing.connect(lambda *_a: self._typing())
        try:
            self.base[key] = get()  # what it shows before anything is read
        except ValueError:
            self.base[key] = UNSET
        if left is not None:
            left.connect(lambda *_a: self.left(key))
        return error

    # -- reading -----------------------------------------------------------------------------
    def load(self, values: dict[str, Any], version: Any) -> None:
        """Show what the database holds; fields with unsaved changes keep what was typed
        (also what was typed before the first read, which is then saved)."""
        dirty = self.dirty() if self.loaded else {k: None for k in self.early}
        self.loading = True  # putting a value is not the person leaving a field
        try:
            for key, bound in self.fields.items():
                if key in dirty or key not in values:
                    continue
                self.base[key] = values[key]
                bound.put(values[key])
                self._clear(bound)
        finally:
            self.loading = False
        first = not self.loaded
        if not dirty or first:
            self.version = version
        self.loaded = True
        if first and self.early:
            for key in sorted(self.early):
                if key not in values:
                    continue
                self.base[key] = values[key]  # what was read under what was typed
            early, self.early = self.early, set()
            self.left(next(iter(sorted(early))))

    def dirty(self) -> dict[str, Any]:
        """Fields whose value differs from what was read (unparseable ones included); none
        before the form was read (its widgets' defaults are not the person's)."""
        out: dict[str, Any] = {}
        if not self.loaded:
            return out
        for key, bound in self.fields.items():
            try:
                value = bound.get()
            except ValueError:
                if self.base.get(key, UNSET) is not UNSET:
                    out[key] = None  # typed over what was read, and not valid
                continue
            if value != self.base.get(key):
                out[key] = value
        return out

    def pending(self) -> list[str]:
        return [self.fields[k].label for k in self.dirty()]

    def _typing(self) -> None:
        if not self.loading and self.dirty():
            self.window_.save_state.mark_unsaved(self.key, self.name)

    # -- writing -----------------------------------------------------------------------------
    def left(self, key: str) -> None:
        if self.loading or self.resolving:  # (the conflict dialog took the focus away)
            return
        if not self.loaded:  # typed before the form was read: saved once it is
            self.early.add(key)
            self.window_.save_state.mark_unsaved(self.key, self.name)
            return
        bound = self.fields[key]
        try:
            bound.get()
        except ValueError as problem:
            self._refuse(bound, str(problem))
            return
        self._clear(bound)
        if not self.dirty():
            self.window_.save_state.forget(self.key)
            return
        self.window_.save_state.mark_unsaved(self.key, self.name)
        if self.in_flight:
            self.again = True
            return
        self._dispatch(key)

    def _values(self) -> tuple[dict[str, Any], dict[str, Any]] | None:
        values: dict[str, Any] = {}
        for key, bound in self.fields.items():
            try:
                value = bound.get()
            except ValueError as problem:
                self._refuse(bound, str(problem))
                return None
            if value != self.base.get(key):
                values[key] = value
        return values, {k: self.base.get(k) for k in values}

    def _dispatch(self, key: str) -> None:
        found = self._values()
        if not found:
            return
        values, base = found
        version = self.version
        self.in_flight = True
        self.window_.ops.run(
            self.name,
            self.scope(),
            lambda: self.update(values, version, base),
            lambda result: self._done(values, result),
            lambda error: self._failed(key, values, error),
        )

    def _done(self, values: dict[str, Any], result: Any) -> None:
        self.in_flight = False
        version, stored = self.read(result)
        self._advance(version)
        for key in values:
            self.base[key] = stored.get(key, values[key])
        still = bool(self.dirty())
        if not still:
            self.window_.save_state.forget(self.key)
        self.saved.emit(result)
        if self.again or still:
            self.again = False
            pending = self.dirty() if still else []  # ``saved`` may have reloaded the form
            if pending:
                self._dispatch(next(iter(pending)))

    def _advance(self, version: Any) -> None:
        """Take the version a save produced only if nobody else wrote in between (it is the
        next one): otherwise the other fields' values were read at the old version, and they
        must keep being checked against what they were read with (``base``)."""
        first = self.version is None and version == 1
        if first or (isinstance(self.version, int) and version == self.version + 1):
            self.version = version

    def _failed(self, key: str, values: dict[str, Any], error: BaseException) -> None:
        self.in_flight = False
        self.again = False
        if isinstance(error, ConcurrentEdit):
            self.window_.save_state.mark_failed(self.key, self.name, str(error))
            self.resolve(values, error)
        elif isinstance(error, MipgError):
            self._refuse(self.fields[key], str(error))
        else:
            self.window_.ops.explain(error)

    def _refuse(self, bound: Bound, message: str) -> None:
        bound.error.setText(message)
        bound.error.show()
        bound.widget.setProperty("refused", True)
        self.window_.save_state.mark_failed(self.key, self.name, message)

    def _clear(self, bound: Bound) -> None:
        bound.error.hide()
        bound.error.clear()
        bound.widget.setProperty("refused", False)

    # -- conflicts ---------------------------------------------------------------------------
    def resolve(self, values: dict[str, Any], error: ConcurrentEdit) -> bool:
        """Both versions side by side; the person chooses. True when settled and stored."""
        from mipg_desktop.audit import record_not_kept
        from ui.conflict_dialog import THEIRS, ConflictDialog, ConflictField

        theirs = {k: error.current.get(k, self.base.get(k)) for k in values}
        fields = [
            ConflictField(k, f.label, f.text(v), f.text(theirs[k]))
            for k, v in values.items()
            for f in (self.fields[k],)
        ]
        dialog = ConflictDialog(self.window_, self.name, fields)
        self.resolving = True
        try:
            if not dialog.exec():
                return False
        finally:
            self.resolving = False
        kept = {
            k: (theirs[k] if dialog.choice == THEIRS or not dialog.keeps_mine(k) else v)
            for k, v in values.items()
        }
        not_kept = {k: (v if kept[k] != v else theirs[k]) for k, v in values.items()}
        db, version = self.window_.db, error.version
        self.window_.runner.drain()
        # written now, on this thread: the person is waiting on the dialog's answer
        try:
            mine = {k: v for k, v in kept.items() if v != theirs[k]}
            if mine:
                result = self.window_.ops.run_now(
                    self.name, self.scope(), lambda: self.update(mine, version, None)
                )
                version, _stored = self.read(result)
            record_not_kept(db, self.table, str(self.scope().key), self.name, not_kept)
        except MipgError as again:
            self.window_.show_user_error(str(again))
            return False
        self.loading = True
        for key, value in kept.items():
            self.base[key] = value
            self.fields[key].put(value)
        self.loading = False
        self._advance(version)
        self.window_.save_state.forget(self.key)
        self.saved.emit(None)
        return True

    # -- now ---------------------------------------------------------------------------------
    def commit(self) -> bool:
        """Save what is unsaved now, on this thread. False when refused (the message is
        beside the field and the form stays unsaved)."""
        if not self.loaded:
            return not self.early  # typed before anything was read: cannot be saved yet
        if self.in_flight:
            self.window_.runner.drain()  # its result first: the base and version it leaves
        found = self._values()
        if found is None:
            return False
        values, base = found
        if not values:
            return True
        version = self.version
        try:
            value = self.window_.ops.run_now(
                self.name, self.scope(), lambda: self.update(values, version, base)
            )
        except ConcurrentEdit as error:
            return self.resolve(values, error)
        except MipgError as error:
            self._refuse(self.fields[next(iter(values))], str(error))
            return False
        self._done(values, value)
        return True

    def revert(self) -> None:
        """Drop what was typed: the fields show what is stored again."""
        self.loading = True
        for key, bound in self.fields.items():
            if self.base.get(key, UNSET) is not UNSET:  # a field not read yet keeps its state
                bound.put(self.base[key])
            self._clear(bound)
        self.loading = False
        self.window_.save_state.forget(self.key)


def with_error(widget: QWidget, error: QLabel) -> QWidget:
    """The field with its refusal message right under it, for a form's row."""
    from PySide6.QtWidgets import QVBoxLayout

    box = QWidget(widget.parentWidget())
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    column.addWidget(error)
    return box


def _typing_signal(widget: QWidget) -> Any:
    """The signal a field gives while the person types in it (None: a choice is saved at
    once)."""
    from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit

    line = getattr(widget, "line", widget)
    if isinstance(line, QLineEdit):
        return line.textEdited
    if isinstance(line, QAbstractSpinBox):
        return line.lineEdit().textEdited
    return None


def _as_text(value: Any) -> str:
    from datetime import date, time

    from ui.formats import short_date, short_time

    if value is None:
        return _("(sin definir)")
    if isinstance(value, bool):
        return _("Sí") if value else _("No")
    if isinstance(value, date):
        return short_date(value)
    if isinstance(value, time):
        return short_time(value)
    return str(value)


def show_refused(root: QWidget) -> bool:
    """Bring a refused field under ``root`` into view (its tab first) and put the cursor in
    it: navigation that a refusal stopped takes the person to what must be corrected."""
    from PySide6.QtWidgets import QTabWidget

    for widget in root.findChildren(QWidget):
        if not widget.property("refused"):
            continue
        child: QWidget | None = widget
        while child is not None and child is not root:
            parent = child.parentWidget()
            tabs = parent.parentWidget() if parent is not None else None
            if isinstance(tabs, QTabWidget) and tabs.indexOf(child) >= 0:
                tabs.setCurrentWidget(child)
            child = parent
        widget.setFocus()
        return True
    return False
