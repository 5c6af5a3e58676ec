"""The minutes editor: one deliberation text per agenda item, saved as typed, with text blocks."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.committees.markup import normalize_markup
from mipg_desktop.committees.views import AgendaItemInfo, SessionDetail
from mipg_desktop.i18n import _
from ui.autosave import Autosaver
from ui.minutes_layout import block_row, fit_agenda_list, fit_blocks, remembered_split
from ui.rich_document import fill_document
from ui.rich_editor import RichTextEdit, attach_text_tools

if TYPE_CHECKING:
    from ui.session_editor import SessionEditor

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


class MinutesPanel(QWidget):
    def __init__(self, editor: SessionEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.setObjectName("minutesPanel")
        self.autosaver = Autosaver(
            editor.window_.runner,
            editor.window_.save_state,
            self._save,
            self._describe,
            self._conflict,
            parent=self,
        )
        self.items = QListWidget(self)
        self.items.setObjectName("minutesItems")
        self.items.setAccessibleName(_("Puntos del acta"))
        self.items.currentItemChanged.connect(self._switch)
        self.text = RichTextEdit(self)
        self.text.setObjectName("minutesText")
        self.text.setAccessibleName(_("Desarrollo del punto"))
        self.text.setPlaceholderText(
            _("Escriba el desarrollo del punto. Se guarda automáticamente mientras escribe.")
        )
        self.text.textChanged.connect(self._typed)
        self.text.notice.connect(self._notice)
        attach_text_tools(self.text)  # the spell check attaches here (ui/spell_check.py)
        self.preview = QTextBrowser(self)
        self.preview.setObjectName("minutesPreview")
        self.preview.setAccessibleName(_("Desarrollo del punto (solo lectura)"))
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.text)
        self.pages.addWidget(self.preview)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.blocks = QComboBox(self)
        self.blocks.setAccessibleName(_("Bloques de texto reutilizables"))
        self.insert_block = QPushButton(_("Insertar &bloque"), self)
        self.insert_block.clicked.connect(self.insert_selected_block)
        self.style_buttons = self._style_buttons()
        self.format_buttons = [*self.style_buttons, self.insert_block, self.blocks]
        tools = QHBoxLayout()
        for button in self.style_buttons:
            tools.addWidget(button)
        tools.addStretch(1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addLayout(tools)
        right_layout.addLayout(block_row(self.blocks, self.insert_block))  # fits at 1024×600
        from ui.observations_panel import ObservationsPanel

        self.observations = ObservationsPanel(editor)  # hidden while the session has none
        beside = QSplitter(Qt.Orientation.Vertical, right)
        beside.setObjectName("minutesTextAndObservations")
        beside.setChildrenCollapsible(False)
        beside.addWidget(self.pages)
        beside.addWidget(self.observations)
        beside.setStretchFactor(0, 1)
        beside.setStretchFactor(1, 1)
        right_layout.addWidget(beside, 1)
        splitter = QSplitter(self)
        splitter.addWidget(self.items)
        splitter.addWidget(right)
        fit_agenda_list(self.items)
        fit_blocks(self.blocks)
        remembered_split(splitter, self.items, editor.window_.settings.qsettings)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.current_id: int | None = None
        self._loading = False
        self._texts: dict[int, AgendaItemInfo] = {}
        self.read_only = False

    def _style_buttons(self) -> list[QToolButton]:
        """Bold, italics, heading, bulleted and numbered list, table: they act on the text
        without taking the cursor from it, and show the format where the cursor is."""
        text = self.text
        made = []
        for name, label, tip, act in (
            ("formatBold", _("Negrita"), _("Negrita (Ctrl+B)"), text.toggle_bold),
            ("formatItalic", _("Cursiva"), _("Cursiva (Ctrl+I)"), text.toggle_italic),
            ("formatHeading", _("Título"), _("Título dentro del punto"), text.toggle_heading),
            ("formatBullets", _("Viñetas"), _("Lista con viñetas (Tab: un nivel más)"),
             lambda: text.toggle_list(False)),
            ("formatNumbers", _("Numeración"), _("Lista numerada (Tab: un nivel más)"),
             lambda: text.toggle_list(True)),
            ("formatTable", _("Tabla"), _("Insertar una tabla (Tab: siguiente celda)"),
             text.insert_table),
        ):  # fmt: skip
            button = QToolButton(self)  # compact, as a word processor's toolbar
            button.setText(label)
            button.setObjectName(name)
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the cursor stays in the text
            button.setCheckable(name != "formatTable")
            look = button.font()
            look.setBold(name == "formatBold")
            look.setItalic(name == "formatItalic")
            button.setFont(look)
            button.clicked.connect(lambda _checked=False, act=act: self._format(act))
            made.append(button)
        text.cursorPositionChanged.connect(self._show_format)
        text.currentCharFormatChanged.connect(lambda _f: self._show_format())
        return made

    def _format(self, act: Any) -> None:
        if not self.read_only:
            act()
            self.text.setFocus()
        self._show_format()

    def _show_format(self) -> None:
        from PySide6.QtGui import QFont

        from ui.rich_document import ORDERED

        fmt = self.text.currentCharFormat()
        cursor = self.text.textCursor()
        owner = cursor.currentList()
        ordered = owner is not None and owner.format().style() in ORDERED
        states = (
            fmt.fontWeight() > QFont.Weight.Medium.value,
            fmt.fontItalic(),
            cursor.blockFormat().headingLevel() > 0,
            owner is not None and not ordered,
            ordered,
            False,
        )
        for button, on in zip(self.style_buttons, states, strict=True):
            button.setChecked(on)

    def _notice(self, message: str) -> None:
        bar = self.editor.window_.statusBar()
        if bar is not None:
            bar.showMessage(message, 8000)

    # -- saving ------------------------------------------------------------------------------
    def _save(self, key: Any, text: str, version: int, base: str) -> int:
        """On the worker: one versioned write of the item's text (not an undoable operation:
        the text field has its own undo)."""
        from mipg_desktop.committees.minutes import save_deliberation

        ref = save_deliberation(self.editor.db, int(key), text, expected_version=version, base=base)
        return ref.version

    def _describe(self, key: Any) -> str:
        item = self._texts.get(int(key))
        title = f"{item.number}. {item.title[:40]}" if item else str(key)
        return _("desarrollo del punto {title}").format(title=title)

    def _conflict(self, key: Any, text: str, error: Any) -> None:
        """Someone else changed this item's text: show both, let the person choose."""
        from mipg_desktop.audit import record_not_kept
        from mipg_desktop.committees.minutes import save_deliberation
        from mipg_desktop.errors import MipgError
        from ui.conflict_dialog import MINE, THEIRS, ConflictDialog, ConflictField

        if "deliberation" not in error.current or error.version is None:
            error = self._stored(int(key), error)
        theirs = str(error.current.get("deliberation", ""))
        dialog = ConflictDialog(
            self.editor.window_,
            self._describe(key),
            [ConflictField("deliberation", _("Desarrollo"), text, theirs, long=True)],
        )
        if not dialog.exec():
            return  # still unsaved: the next keystroke, or leaving, asks again
        kept = dialog.value("deliberation")
        db, item_id, window = self.editor.db, int(key), self.editor.window_
        window.runner.drain()
        try:
            version = int(error.version)
            if dialog.choice != THEIRS:
                version = save_deliberation(
                    db, item_id, kept, expected_version=version, replaces=theirs
                ).version
            if dialog.choice != MINE:
                record_not_kept(
                    db, "agenda_items", item_id, self._describe(key), {"deliberation": text}
                )
        except MipgError as again:
            window.show_user_error(str(again))
            return
        self.autosaver.resolved(key, version, kept)
        if self.current_id == item_id:
            self._loading = True
            self.text.set_markup(kept)
            self._loading = False
        self.editor.reload()

    def _stored(self, item_id: int, error: Any) -> Any:
        """A refusal that did not say what is stored now: read it (the dialog shows it)."""
        from mipg_desktop.committees.views import get_session_detail
        from mipg_desktop.errors import ConcurrentEdit

        self.editor.window_.runner.drain()
        detail = get_session_detail(self.editor.db, self.editor.session_id)
        found = next((i for i in detail.all_agenda_items() if i.id == item_id), None)
        if found is None:
            return error
        return ConcurrentEdit(str(error), {"deliberation": found.deliberation}, found.version)

    # -- what is typed and not saved -----------------------------------------------------------
    def commit(self) -> bool:
        return self.autosaver.flush()

    def pending(self) -> list[str]:
        keys = {*self.autosaver.pending, *self.autosaver.in_flight, *self.autosaver.blocked}
        return [self._describe(k) for k in keys]

    def revert(self) -> None:
        for key in [*self.autosaver.pending, *self.autosaver.blocked]:
            self.autosaver.discard(key)

    # -- reading -----------------------------------------------------------------------------
    def show_detail(self, detail: SessionDetail) -> None:
        self.read_only = not detail.can_write_minutes
        self._texts = {i.id: i for i in detail.all_agenda_items()}
        for item in self._texts.values():
            self.autosaver.track(item.id, item.version, item.deliberation)
        keep = self.current_id
        self.items.blockSignals(True)
        self.items.clear()
        for item in detail.all_agenda_items():
            entry = QListWidgetItem(f"{item.number}. {item.title}")
            entry.setData(ITEM_ROLE, item.id)
            entry.setToolTip(item.title)
            self.items.addItem(entry)
            if item.id == keep:
                self.items.setCurrentItem(entry)
        self.items.blockSignals(False)
        if self.items.currentItem() is None and self.items.count():
            self.items.setCurrentRow(0)
        else:
            self._show_text(refresh_only=True)
        self.text.setReadOnly(self.read_only)
        self.pages.setCurrentWidget(self.preview if detail.is_frozen else self.text)
        for widget in self.format_buttons:
            widget.setEnabled(not self.read_only)
        if not self.blocks.count():
            self._load_blocks(detail.committee_id)
        self.observations.show_detail(detail)

    def _load_blocks(self, committee_id: int) -> None:
        from mipg_desktop.committees.views import list_text_blocks

        db = self.editor.db
        self.editor.window_.runner.run(
            lambda: list_text_blocks(db, committee_id), self._fill_blocks
        )

    def _fill_blocks(self, blocks: list[Any]) -> None:
        from mipg_desktop.committees.minutes import default_text_blocks

        self.blocks.clear()
        for block in blocks:
            self.blocks.addItem(block.name, block.id)
        if not blocks:  # the standard blocks, stored for the committee when first used
            for name, body in default_text_blocks():
                self.blocks.addItem(name, (name, body))

    def _switch(self, current: QListWidgetItem | None, _previous: Any) -> None:
        self.autosaver.flush()  # a refusal keeps its text: the item says so when reopened
        self.current_id = int(current.data(ITEM_ROLE)) if current is not None else None
        self._show_text(refresh_only=False)
        self.observations.show_item(self.current_id)

    def _show_text(self, refresh_only: bool = False) -> None:
        item = self._texts.get(self.current_id) if self.current_id is not None else None
        if item is None:
            return
        self.heading.setText(_("{number}. {title}").format(number=item.number, title=item.title))
        fill_document(self.preview.document(), item.deliberation or _empty_note())
        # what was typed and is not stored wins; then what this window stored last (the
        # session read before those saves is older). The same text shown keeps its undo.
        typed = self.autosaver.text(item.id)
        shown = typed if typed is not None else self.autosaver.stored(item.id, item)
        if refresh_only and self.text.markup() == normalize_markup(shown):
            return
        self._loading = True
        self.text.set_markup(shown)
        self._loading = False

    # -- writing -----------------------------------------------------------------------------
    def _typed(self) -> None:
        if self._loading or self.current_id is None or self.read_only:
            return
        # read when it is written, not at every key (a long text costs to read)
        self.autosaver.changed(self.current_id, partial(self._typed_text, self.current_id))

    def _typed_text(self, item_id: int) -> str:
        """The item's text as typed; what is stored when it shows just that (a highlighter
        repainting, a format toggled and untoggled: nothing to save)."""
        known = self.autosaver.base.get(item_id, (0, ""))[1]
        if item_id != self.current_id:  # never: leaving an item writes (resolves) it first
            return known
        text = self.text.markup()
        return known if text == normalize_markup(known) else text

    def insert_selected_block(self) -> None:
        from mipg_desktop.committees.minutes import insert_standard_block, insert_text_block

        block_id, item_id = self.blocks.currentData(), self.current_id
        if block_id is None or item_id is None or not self.autosaver.flush():
            return
        db = self.editor.db
        committee_id = self.editor.detail.committee_id if self.editor.detail else None
        version = self.autosaver.base.get(item_id, (self._texts[item_id].version, ""))[0]
        name = self.blocks.currentText()
        if isinstance(block_id, tuple):  # a standard block, kept in the library on first use
            title, body = block_id
            call: Any = lambda: insert_standard_block(  # noqa: E731
                db, item_id, title, body, committee_id, expected_version=version
            )
        else:
            call = lambda: insert_text_block(db, item_id, int(block_id), expected_version=version)  # noqa: E731
        self.editor.op(_("Insertar el bloque «{name}»").format(name=name), call, self._after_block)

    def _after_block(self, _ref: Any) -> None:
        # the service appended the text: the reload that follows shows it
        if self.editor.detail is not None and isinstance(self.blocks.itemData(0), tuple):
            self.blocks.clear()
            self._load_blocks(self.editor.detail.committee_id)


def _empty_note() -> str:
    return "*" + _("(sin desarrollo registrado)") + "*"
