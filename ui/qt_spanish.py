"""Qt's own words in Colombian Spanish: standard buttons, context menus, the file dialog.

PySide6 ships Qt's Spanish catalog (``qtbase_es.qm``, in ``QLibraryInfo``'s translations
folder, which the PyInstaller build carries too). It is Spain's Spanish («fichero») and leaves
a few of the file dialog's labels in English («Look in:», «Files of type:»): one translator
answers from that catalog, says «archivo», and fills those gaps.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from mipg_desktop.i18n import _

_FICHERO = re.compile(r"\b([Ff])ichero(s?)\b")


def _gaps() -> dict[tuple[str, str], str]:
    """(context, English) → Spanish, for what ``qtbase_es`` lacks or says otherwise."""
    return {
        ("QFileDialog", "&Look in:"): _("&Buscar en:"),
        ("QFileDialog", "Files of &type:"): _("Archivos de &tipo:"),
        ("QFileDialog", "File &name:"): _("&Nombre del archivo:"),
        ("QFileDialog", "Show &hidden files"): _("Mostrar los archivos &ocultos"),
        ("QFileDialog", "%1\nFile not found.\nPlease verify the correct file name was given."): _(
            "%1\nNo se encontró el archivo.\nRevise que el nombre esté bien escrito."
        ),
        ("QMessageBox", "Show Details..."): _("Mostrar detalles…"),
        ("QMessageBox", "Hide Details..."): _("Ocultar detalles…"),
    }


def _archivo(found: re.Match[str]) -> str:
    return ("A" if found[1] == "F" else "a") + "rchivo" + found[2]


class ColombianQt(QTranslator):
    """Qt's Spanish catalog, with «archivo» for «fichero» and the missing labels filled."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog = QTranslator(self)
        self.loaded = self.catalog.load(QLocale("es_CO"), "qtbase", "_", translations_folder())
        self.gaps = _gaps()

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        own = self.gaps.get((context, source))
        if own is not None:
            return own
        text = self.catalog.translate(context, source, disambiguation, n)
        # None (a null string) lets Qt show the source; "" would show nothing
        return _FICHERO.sub(_archivo, text) if text else None

    def isEmpty(self) -> bool:
        return not self.loaded


def translations_folder() -> str:
    """Where Qt's catalogs are: Qt's own answer, or beside PySide6 in a packaged build."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if Path(folder, "qtbase_es.qm").is_file():
        return folder
    bundle = Path(getattr(sys, "_MEIPASS", "")) / "PySide6" / "Qt" / "translations"
    return str(bundle) if bundle.is_dir() else folder


def speak_spanish(app: QCoreApplication) -> bool:
    """Install the translator once; ``False`` when Qt's catalog was not found."""
    current = getattr(app, "_mipg_translator", None)
    if current is not None:
        return bool(current.loaded)
    translator = ColombianQt(app)
    if not translator.loaded:
        import logging

        logging.getLogger("mipg_desktop.ui").warning(
            "No se encontró la traducción de Qt (qtbase_es.qm) en %s", translations_folder()
        )
    QCoreApplication.installTranslator(translator)
    app._mipg_translator = translator  # type: ignore[attr-defined]
    return translator.loaded
