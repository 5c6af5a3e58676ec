"""Session packages (``.mipgsesion``) to continue a session on another laptop, and Excel exports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mipg_desktop.i18n import _
from ui import file_dialogs

if TYPE_CHECKING:
    from mipg_desktop.committees.package_match import CommitteeChoiceNeeded
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


def import_package(
    window: MainWindow,
    path: Path | None = None,
    committee_match: int | None = None,
    new_committee: bool = False,
) -> Any:
    """Import a package; when its committee has the name of one here (another uid) the
    user is asked whether it is the same (:func:`ask_same_committee`) and it is imported
    again with the answer (nothing was written the first time)."""
    from mipg_desktop.committees.package import import_session
    from mipg_desktop.committees.package_match import CommitteeChoiceNeeded

    if path is None:
        from ui.exports import in_documents

        chosen, _f = file_dialogs.get_open_file_name(
            window, _("Importar paquete de sesión"), in_documents(), _(PACKAGE_FILTER)
        )
        if not chosen:
            return None
        path = Path(chosen)
    db, file = window.db, path
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

    def failed(error: BaseException) -> None:
        if not isinstance(error, CommitteeChoiceNeeded):
            window.ops.explain(error)
            return
        answer = ask_same_committee(window, error)
        if answer == "existing":
            import_package(window, file, committee_match=error.candidates[0].id)
        elif answer == "new":
            import_package(window, file, new_committee=True)
        else:
            window.statusBar().showMessage(_("Importación cancelada; no se cambió nada."), 8000)

    return window.runner.run_with_progress(
        _("Importando el paquete de sesión…"),
        lambda progress: import_session(
            db, file, progress, committee_match=committee_match, new_committee=new_committee
        ),
        done,
        failed,
    )


def ask_same_committee(window: MainWindow, question: CommitteeChoiceNeeded) -> str:
    """«Ya existe un comité llamado …»: ``existing``, ``new`` or ``cancel``."""
    from PySide6.QtWidgets import QMessageBox

    here = question.candidates[0]
    box = QMessageBox(QMessageBox.Icon.Question, _("Importar paquete de sesión"), "", parent=window)
    box.setObjectName("sameCommitteeBox")
    box.setText(
        _("Ya existe un comité llamado «{name}» en esta base. ¿Es el mismo comité?").format(
            name=here.name
        )
    )
    detail = _(
        "El paquete trae el comité «{theirs}», creado en otro equipo. «Usar el existente» "
        "pone la sesión en el comité de esta base, con sus mismos integrantes (nadie se "
        "duplica), y lo recuerda para los próximos paquetes. «Crear otro comité» crea un "
        "segundo comité con ese nombre."
    ).format(theirs=question.package_committee)
    if len(question.candidates) > 1:
        detail += " " + _("Hay {n} comités con ese nombre; se usaría el comité {id}.").format(
            n=len(question.candidates), id=here.id
        )
    box.setInformativeText(detail)
    existing = box.addButton(_("&Usar el existente"), QMessageBox.ButtonRole.AcceptRole)
    existing.setObjectName("useExistingCommittee")
    new = box.addButton(_("Crear &otro comité"), QMessageBox.ButtonRole.DestructiveRole)
    new.setObjectName("createOtherCommittee")
    cancel = box.addButton(_("&Cancelar"), QMessageBox.ButtonRole.RejectRole)
    cancel.setObjectName("cancelImport")
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is existing:
        return "existing"
    return "new" if clicked is new else "cancel"


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
