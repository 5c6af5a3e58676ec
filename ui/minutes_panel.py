"""The minutes editor: one deliberation text per agenda item, saved as typed, with text blocks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.committees.views import AgendaItemInfo, SessionDetail
from mipg_desktop.i18n import _
from ui.autosave import Autosaver

if TYPE_CHECKING:
    from ui.session_editor import SessionEditor

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


class MinutesPanel(QWidget):
    def __init__(self, editor: SessionEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.setObjectName("minutesPanel")
        db = editor.db
        from mipg_desktop.committees.minutes import save_deliberation

        self.autosaver = Autosaver(
            editor.window_.runner,
            lambda item_id, text: save_deliberation(db, item_id, text),
            parent=self,
        )
        self.autosaver.state_changed.connect(editor.window_.set_saved_state)
        editor.window_.flush_callbacks.append(self.autosaver.flush)
        self.items = QListWidget(self)
        self.items.setObjectName("minutesItems")
        self.items.setAccessibleName(_("Puntos del acta"))
        self.items.currentItemChanged.connect(self._switch)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("minutesText")
        self.text.setAccessibleName(_("Desarrollo del punto"))
        self.text.setPlaceholderText(
            _("Escriba el desarrollo del punto. Se guarda solo mientras escribe.")
        )
        self.text.textChanged.connect(self._typed)
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
        bold = QPushButton(_("Negrita"), self)
        bold.setToolTip(_("Negrita (Ctrl+B): **texto**"))
        bold.clicked.connect(lambda: self.wrap("**"))
        italic = QPushButton(_("Cursiva"), self)
        italic.setToolTip(_("Cursiva (Ctrl+I): *texto*"))
        italic.clicked.connect(lambda: self.wrap("*"))
        for keys, marker in (("Ctrl+B", "**"), ("Ctrl+I", "*")):
            shortcut = QShortcut(QKeySequence(keys), self.text)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda m=marker: self.wrap(m))
        self.format_buttons = [bold, italic, self.insert_block, self.blocks]
        tools = QHBoxLayout()
        tools.addWidget(bold)
        tools.addWidget(italic)
        tools.addStretch(1)
        tools.addWidget(self.blocks)
        tools.addWidget(self.insert_block)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addLayout(tools)
        right_layout.addWidget(self.pages, 1)
        splitter = QSplitter(self)
        splitter.addWidget(self.items)
        splitter.addWidget(right)
        splitter.setSizes([260, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.current_id: int | None = None
        self._loading = False
        self._texts: dict[int, AgendaItemInfo] = {}
        self.read_only = False

    # -- reading -----------------------------------------------------------------------------
    def show_detail(self, detail: SessionDetail) -> None:
        self.read_only = detail.is_frozen or detail.status in ("scheduled", "cancelled")
        self._texts = {i.id: i for i in detail.all_agenda_items()}
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
        self.autosaver.flush()
        self.current_id = int(current.data(ITEM_ROLE)) if current is not None else None
        self._show_text(refresh_only=False)

    def _show_text(self, refresh_only: bool) -> None:
        item = self._texts.get(self.current_id) if self.current_id is not None else None
        if item is None:
            return
        self.heading.setText(_("{number}. {title}").format(number=item.number, title=item.title))
        self.preview.setHtml(blocks_html(item))
        if refresh_only and (self.autosaver.busy or self.text.toPlainText() == item.deliberation):
            return  # never overwrite what is being typed
        self._loading = True
        self.text.setPlainText(item.deliberation)
        self._loading = False

    # -- writing -----------------------------------------------------------------------------
    def _typed(self) -> None:
        if self._loading or self.current_id is None or self.read_only:
            return
        self.autosaver.changed(self.current_id, self.text.toPlainText())

    def wrap(self, marker: str) -> None:
        if self.read_only:
            return
        cursor = self.text.textCursor()
        selected = cursor.selectedText()
        cursor.insertText(f"{marker}{selected}{marker}")

    def insert_selected_block(self) -> None:
        from mipg_desktop.committees.minutes import insert_text_block

        block_id, item_id = self.blocks.currentData(), self.current_id
        if block_id is None or item_id is None:
            return
        self.autosaver.flush()
        db = self.editor.db
        committee_id = self.editor.detail.committee_id if self.editor.detail else None

        if isinstance(block_id, tuple):  # a standard block, kept in the library on first use
            from mipg_desktop.committees.minutes import insert_standard_block

            name, body = block_id
            self.editor.call(
                lambda: insert_standard_block(db, item_id, name, body, committee_id),
                self._after_block,
            )
            return
        self.editor.call(lambda: insert_text_block(db, item_id, int(block_id)), self._after_block)

    def _after_block(self, _result: Any) -> None:
        if self.editor.detail is not None and isinstance(self.blocks.itemData(0), tuple):
            self.blocks.clear()
            self._load_blocks(self.editor.detail.committee_id)
        # the service appended text: show it on the next refresh even though we typed before
        self.text.blockSignals(True)
        self.text.setPlainText("")
        self.text.blockSignals(False)


def blocks_html(item: AgendaItemInfo) -> str:
    """The parsed deliberation as safe HTML: every run escaped, only <b>, <i>, <p>, <ul>."""
    from html import escape

    def line(runs: Any) -> str:
        out = []
        for run in runs:
            text = escape(run.text)
            if run.bold:
                text = f"<b>{text}</b>"
            if run.italic:
                text = f"<i>{text}</i>"
            out.append(text)
        return "".join(out)

    parts = []
    for block in item.deliberation_blocks:
        if block.kind == "list":
            parts.append("<ul>" + "".join(f"<li>{line(r)}</li>" for r in block.lines) + "</ul>")
        else:
            parts.append("".join(f"<p>{line(r)}</p>" for r in block.lines))
    return "".join(parts) or "<p><i>" + escape(_("(sin desarrollo registrado)")) + "</i></p>"
