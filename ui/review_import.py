"""The secretary's side of the review: members' responses (``.mipgrespuesta``) brought in,
several at once and in any order, with a plain summary of what each one did; and the files a
person drops onto the window (a response is imported, a package asked about)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from mipg_desktop.committees.review_labels import not_applied_line
from mipg_desktop.i18n import _
from ui import file_dialogs

if TYPE_CHECKING:
    from ui.drops import FileDrops
    from ui.main_window import MainWindow

RESPONSE_SUFFIX = ".mipgrespuesta"
PACKAGE_SUFFIX = ".mipgsesion"


@dataclass(frozen=True)
class Outcome:
    path: Path
    result: Any | None  # ResponseImport
    refused: str = ""  # why it was not imported (one Spanish line)


def import_all(db: Any, paths: list[Path]) -> list[Outcome]:
    """On the worker: each file on its own (one refused never stops the others)."""
    from mipg_desktop.committees.review import import_response
    from mipg_desktop.errors import MipgError

    done: list[Outcome] = []
    for path in paths:
        try:
            done.append(Outcome(path, import_response(db, path)))
        except MipgError as error:
            done.append(Outcome(path, None, str(error)))
    return done


def outcome_line(outcome: Outcome, shown: int | None = None) -> str:
    """One file's line; ``shown``: the session open in the window (a response to another
    acta says which one it answered)."""
    line = _line(outcome)
    result = outcome.result
    if result is not None and result.session_id != shown and result.session_title:
        line += " " + _("Es la respuesta al {acta}.").format(acta=result.session_title)
    return line


def _line(outcome: Outcome) -> str:
    result = outcome.result
    if result is None:
        return _("{file}: no se importó. {why}").format(file=outcome.path.name, why=outcome.refused)
    who = result.member_name
    if result.already_imported:
        return _("{who}: esta respuesta ya estaba importada; no cambió nada.").format(who=who)
    if result.no_observations:
        line = _("{who}: sin observaciones.").format(who=who)
    elif result.observations == 1:
        line = _("{who}: 1 observación nueva.").format(who=who)
    else:
        line = _("{who}: {n} observaciones nuevas.").format(who=who, n=result.observations)
    if result.repeated:
        line += " " + _(
            "{n} ya se habían recibido en una respuesta anterior ({m} con cambios, ya "
            "actualizadas)."
        ).format(n=result.repeated, m=result.updated)
    if result.not_applied:
        line += " " + not_applied_line(result.not_applied, who)
    if result.older_draft and result.no_observations:  # no observation to flag
        line += " " + _(
            "Respondió sobre un borrador anterior: el acta cambió después de que la leyó."
        )
    elif result.older_draft:
        line += " " + _(
            "Respondió sobre un borrador anterior: donde el texto cambió desde entonces, la "
            "observación lo indica."
        )
    return line


def summary_text(outcomes: list[Outcome], shown: int | None = None) -> tuple[str, str]:
    imported = sum(o.result is not None and not o.result.already_imported for o in outcomes)
    head = _("Respuestas importadas: {n} de {total}.").format(n=imported, total=len(outcomes))
    return head, "\n".join("• " + outcome_line(o, shown) for o in outcomes)


def import_responses(window: MainWindow, paths: list[Path] | None = None) -> Any:
    """«Archivo ▸ Importar respuesta de miembro…»: one or several files."""
    if paths is None:
        from ui.exports import in_documents

        chosen = file_dialogs.get_open_file_names(
            window,
            _("Importar respuestas de miembros"),
            in_documents(),
            _("Respuesta de miembro (*.mipgrespuesta)"),
        )[0]
        if not chosen:
            return None
        paths = [Path(p) for p in chosen]
    if not window.commit_all():
        return None
    db, files = window.db, list(paths)
    return window.runner.run(lambda: import_all(db, files), lambda done: _imported(window, done))


def _imported(window: MainWindow, outcomes: list[Outcome]) -> None:
    from ui.session_editor import SessionEditor

    editor = window.editors.currentWidget()
    shown = editor.session_id if isinstance(editor, SessionEditor) else None
    head, lines = summary_text(outcomes, shown)
    box = QMessageBox(
        QMessageBox.Icon.Information, _("Respuestas de los miembros"), head, parent=window
    )
    box.setObjectName("responsesImported")
    box.setInformativeText(lines)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    window.statusBar().showMessage(head, 8000)
    sessions = [o.result.session_id for o in outcomes if o.result is not None]
    if sessions:
        _show_session(window, sessions[-1])


def _show_session(window: MainWindow, session_id: int) -> None:
    """The session the responses belong to, with its observations (read again if open)."""
    from ui.session_editor import SessionEditor

    for editor in window.findChildren(SessionEditor):
        if editor.session_id == session_id:
            editor.reload()
    db = window.db

    def where() -> tuple[int, int]:
        from mipg_desktop.committees.views import get_session_detail

        detail = get_session_detail(db, session_id)
        return detail.committee_id, detail.session_date.year

    def reveal(place: tuple[int, int]) -> None:
        from ui.navigation import ROOT_COMMITTEES

        committee_id, year = place
        window.reveal(
            (ROOT_COMMITTEES, None),
            ("committee", committee_id),
            ("year", (committee_id, year)),
            ("session", session_id),
        )
        shown = window.editors.currentWidget()
        minutes = getattr(shown, "minutes", None)
        if isinstance(shown, SessionEditor) and minutes is not None:
            shown.tabs.setCurrentWidget(minutes)
            minutes.observations.jump_to_open = True  # the first item with open ones
            shown.reload()

    window.runner.run(where, reveal)


# -- files dropped onto the window ---------------------------------------------------------------
def window_drops(window: MainWindow) -> FileDrops:
    """Responses dropped anywhere that takes no other drop: imported. A session package: the
    person chooses to review it as a member or to import it."""
    from ui.drops import FileDrops

    def accepts(paths: list[Path], _where: QPoint) -> bool:
        kinds = {p.suffix.lower() for p in paths}
        return kinds == {RESPONSE_SUFFIX} or (len(paths) == 1 and kinds == {PACKAGE_SUFFIX})

    def dropped(paths: list[Path], _where: QPoint) -> None:
        window.wait_for_core()
        if paths[0].suffix.lower() == RESPONSE_SUFFIX:
            import_responses(window, paths)
        else:
            package_dropped(window, paths[0])

    drops = FileDrops(window, accepts, dropped)
    drops.setObjectName("windowDrops")
    return drops


def package_dropped(window: MainWindow, path: Path) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        _("Paquete de sesión"),
        _("¿Qué desea hacer con «{name}»?").format(name=path.name),
        parent=window,
    )
    box.setObjectName("packageDropped")
    box.setInformativeText(
        _(
            "Revisar como miembro: leer el borrador del acta y escribir sus observaciones "
            "(no cambia esta base de datos).\nImportar: traer la sesión a esta base de datos."
        )
    )
    review = box.addButton(_("&Revisar como miembro"), QMessageBox.ButtonRole.AcceptRole)
    bring = box.addButton(_("&Importar"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("&Cancelar"), QMessageBox.ButtonRole.RejectRole)
    review.setObjectName("reviewDroppedPackage")
    bring.setObjectName("importDroppedPackage")
    box.setDefaultButton(review)
    box.exec()
    if box.clickedButton() is review:
        from ui.review_open import review_package

        review_package(window, path)
    elif box.clickedButton() is bring:
        from ui.packages import import_package

        import_package(window, path)
