"""Session packages (``.mipgsesion``) to continue a session on another laptop, and Excel exports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mipg_desktop.i18n import _
from ui import file_dialogs

if TYPE_CHECKING:
    from ui.main_window import MainWindow

PACKAGE_FILTER = "Paquete de sesión (*.mipgsesion)"


def export_package(
    window: MainWindow, session_id: int, title: str, target: Path | None = None
) -> Any:
    from mipg_desktop.committees.package import export_session

    if target is None:
        from ui.exports import in_documents

        chosen, _f = file_dialogs.get_save_file_name(
            window,
            _("Exportar paquete de sesión"),
            in_documents(f"{title}.mipgsesion"),
            _(PACKAGE_FILTER),
        )
        if not chosen:
            return None
        target = Path(chosen)
    db = window.db
    return window.runner.run_with_progress(
        _("Exportando el paquete de la sesión…"),
        lambda progress: export_session(db, session_id, target, progress),
        lambda result: window.statusBar().showMessage(
            _("Paquete de «{title}» guardado en {path} ({n} anexos).").format(
                title=result.session_title, path=result.path, n=result.attachments
            ),
            8000,
        ),
    )


def import_package(window: MainWindow, path: Path | None = None) -> Any:
    from mipg_desktop.committees.package import import_session

    if path is None:
        from ui.exports import in_documents

        chosen, _f = file_dialogs.get_open_file_name(
            window, _("Importar paquete de sesión"), in_documents(), _(PACKAGE_FILTER)
        )
        if not chosen:
            return None
        path = Path(chosen)
    db = window.db
    actions = {
        "created": _("creada"),
        "updated": _("actualizada"),
        "unchanged": _("sin cambios (ya estaba al día)"),
    }

    def done(result: Any) -> None:
        window.statusBar().showMessage(
            _("Sesión «{title}» {action}.").format(
                title=result.session_title, action=actions.get(result.action, result.action)
            ),
            8000,
        )
        window.refresh()

    return window.runner.run_with_progress(
        _("Importando el paquete de sesión…"),
        lambda progress: import_session(db, path, progress),
        done,
    )


def export_commitments_excel(
    window: MainWindow, filters: dict[str, Any], target: Path | None = None
) -> Any:
    from mipg_desktop.planning.commitments_export import export_commitments

    if target is None:
        from ui.exports import in_documents

        chosen, _f = file_dialogs.get_save_file_name(
            window,
            _("Exportar compromisos"),
            in_documents(_("compromisos.xlsx")),
            _("Excel (*.xlsx)"),
        )
        if not chosen:
            return None
        target = Path(chosen)
    db, chosen_filters = window.db, dict(filters)
    return window.runner.run_with_progress(
        _("Exportando los compromisos…"),
        lambda progress: export_commitments(db, target, progress=progress, **chosen_filters),
        lambda out: window.statusBar().showMessage(
            _("Compromisos exportados a {path}").format(path=out), 8000
        ),
    )
