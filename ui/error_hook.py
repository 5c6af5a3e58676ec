"""Unexpected errors: logged with their traceback, shown as one readable Spanish message.

Before the message appears every registered ``flush`` callback runs (pending autosaves),
so an unexpected error loses nothing typed.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from mipg_desktop.errors import MipgError
from mipg_desktop.i18n import _
from mipg_desktop.storage.urls import scrub

LOGGER = logging.getLogger("mipg_desktop.ui")
PROGRAM_LOGGER = logging.getLogger("mipg_desktop")  # the window's and the core's messages
LOG_FILE = "mipg-desktop.log"
_SECRETS: set[str] = set()


def remember_secret(secret: str) -> None:
    """A password this program was given: masked in everything logged or shown."""
    if secret:
        _SECRETS.add(secret)


def hide_secrets(text: str) -> str:
    return scrub(text, _SECRETS)


class RedactingFormatter(logging.Formatter):
    """Log lines with every known password masked (a URL inside an error, a traceback)."""

    def format(self, record: logging.LogRecord) -> str:
        return hide_secrets(super().format(record))


def log_dir() -> Path:
    override = os.environ.get("MIPG_LOG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_log_dir

    return Path(user_log_dir("mipg-desktop", appauthor=False))


def log_path() -> Path:
    return log_dir() / LOG_FILE


def setup_logging() -> Path:
    """Send the window's log to a rotating file in the user's log folder."""
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not any(getattr(h, "baseFilename", None) == str(path) for h in PROGRAM_LOGGER.handlers):
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(message)s"))
        PROGRAM_LOGGER.addHandler(handler)
        PROGRAM_LOGGER.setLevel(logging.INFO)
    return path


class ErrorHook:
    """Replaces ``sys.excepthook`` while the window runs."""

    def __init__(self) -> None:
        self.flush_callbacks: list[Callable[[], None]] = []
        self.last_message = ""
        self._previous = sys.excepthook

    def install(self) -> None:
        setup_logging()
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        sys.excepthook = self._previous

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous(kind, error, trace)
            return
        self._flush()
        text = hide_secrets("".join(traceback.format_exception(kind, error, trace)))
        LOGGER.error("Error inesperado:\n%s", text)
        for handler in PROGRAM_LOGGER.handlers:
            handler.flush()
        self.last_message = hide_secrets(self.message_for(error))
        show_error_box(self.last_message, text)

    def _flush(self) -> None:
        for callback in self.flush_callbacks:
            try:
                callback()
            except Exception:  # the error path must never raise again
                LOGGER.exception("No se pudo guardar el trabajo pendiente")

    @staticmethod
    def message_for(error: BaseException) -> str:
        if isinstance(error, MipgError):
            return str(error)
        return _(
            "Ocurrió un error inesperado: {error}\n\nSu trabajo ya estaba guardado en la base de "
            "datos; no se perdió nada. Los detalles técnicos quedaron en {log}. Si el problema "
            "se repite, envíe ese archivo a soporte."
        ).format(error=type(error).__name__, log=log_path())


def show_error_box(message: str, details: str = "") -> None:
    """A non-blocking critical message box (never a nested event loop inside the hook)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance()
    if app is None:
        print(message, file=sys.stderr)
        return
    box = QMessageBox(QMessageBox.Icon.Critical, _("MIPG Desktop"), message)
    box.setObjectName("unexpectedErrorBox")
    box.setAccessibleName(_("Error inesperado"))
    if details:
        box.setDetailedText(details)
    box.open()
    _open_boxes.append(box)
    box.finished.connect(lambda _result, b=box: _forget(b))


def _forget(box: object) -> None:
    if box in _open_boxes:
        _open_boxes.remove(box)


_open_boxes: list[object] = []
