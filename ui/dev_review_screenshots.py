"""Grab the members' review to PNG: the member's window and the secretary's observations.

    .venv/bin/python -m ui.dev_review_screenshots OUTPUT_DIR [--size 1366x768]

Builds the sample committee of :mod:`ui.dev_screenshots`, writes long Spanish texts into
the session in draft, exports its package, writes three members' responses through the
member's window (one of them on an older draft) and imports them on the secretary's side.
A developer tool, not part of the app.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from mipg_desktop.storage.database import Database, open_database
from ui.dev_screenshots import _set_size, grab, sample_data, settle

DELIBERATION = (
    "La Jefe de la Oficina de Planeación presentó el avance del **Programa de "
    "Transparencia y Ética Pública (PTEP)** con corte al 30 de septiembre. De las 42 actividades "
    "programadas para la vigencia, 31 se encuentran cumplidas, 7 en ejecución dentro del "
    "plazo y 4 con retraso, principalmente por la demora en la contratación del operador "
    "de la estrategia de racionalización de trámites.\n\n"
    "- Componente de gestión del riesgo de corrupción: 88 % de avance\n"
    "- Componente de rendición de cuentas: 74 % de avance\n"
    "- Componente de transparencia y acceso a la información: 91 % de avance\n\n"
    "El Secretario General señaló que el retraso en rendición de cuentas obedece a la "
    "reprogramación de la audiencia pública por la temporada de lluvias, y propuso "
    "realizarla en el mes de noviembre en el coliseo municipal."
)
DECISION = (
    "Aprobar la reprogramación de la audiencia pública de rendición de cuentas para el "
    "mes de noviembre y el plan de choque para las cuatro actividades con retraso."
)
COMMITMENT = (
    "Presentar al comité el plan de choque de las actividades atrasadas del PTEP, con "
    "responsables y fechas"
)


def long_texts(db: Database, session_id: int) -> None:
    from mipg_desktop.committees.commitments import add_commitment
    from mipg_desktop.committees.minutes import save_deliberation
    from mipg_desktop.committees.sessions import submit_for_review
    from mipg_desktop.committees.views import get_session_detail
    from mipg_desktop.committees.votes import record_decision

    items = get_session_detail(db, session_id).all_agenda_items()
    target = next(i for i in items if "Transparencia" in i.title)
    save_deliberation(db, target.id, DELIBERATION, expected_version=target.version)
    record_decision(db, session_id, DECISION, 2, 0, 1, agenda_item_id=target.id)
    add_commitment(
        db,
        session_id,
        COMMITMENT,
        "Carlos Andrés Peña Gómez",
        date.today() + timedelta(days=20),
        agenda_item_id=target.id,
    )
    submit_for_review(db, session_id)


def member_response(app: Any, window: Any, package: Path, out: Path, member: str) -> Any:
    """The member's window: a comment on the acta, another wording for the decision."""
    from mipg_desktop.committees import review_drafts
    from mipg_desktop.committees.review_package import open_for_review
    from ui.review_open import review_package

    opened = open_for_review(package)  # each member on their own laptop: their own draft
    review_drafts.discard_draft(opened.session_uid, opened.session_version)
    review = review_package(window, package)
    assert review is not None
    review.member.setCurrentIndex(
        next(
            i for i in range(review.member.count()) if review.member.itemText(i).startswith(member)
        )
    )
    decision = next(k for k in review.parts if k[0] == "decision")
    review.show_part(("acta", review.package.session_uid))
    review.observations.add()
    review.observations.comment.setPlainText(
        "En la lista de asistencia falta indicar que la Secretaria de Gobierno se excusó "
        "por escrito."
    )
    review.show_part(decision)
    review.observations.add()
    review.observations.comment.setPlainText(
        "La votación no fue unánime: hubo una abstención. Propongo precisar el alcance."
    )
    review.observations.propose.setChecked(True)
    review.observations.wording.set_markup(
        DECISION.replace("y el plan de choque", "y el **plan de choque**, con seguimiento mensual,")
    )
    review.observations._typed()
    app.processEvents()
    return review


def shoot(out: Path, size: tuple[int, int]) -> None:
    from ui.app import make_app
    from ui.app_settings import AppSettings
    from ui.main_window import MainWindow

    app = make_app()
    folder = Path(tempfile.mkdtemp())
    os.environ.setdefault("MIPG_REVIEW_DRAFTS_DIR", str(folder / "borradores"))
    settings = AppSettings(QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat))
    db = open_database(folder / "muestra.sqlite")
    committee_id, session_id, year = sample_data(db)
    long_texts(db, session_id)
    from mipg_desktop.committees.package import export_session

    package = export_session(db, session_id, folder / "borrador.mipgsesion").path
    window = MainWindow(db, settings)
    _set_size(window, *size)
    window.show()
    settle(window)
    review = member_response(app, window, package, folder / "r1.mipgrespuesta", "Luz Ángela")
    _set_size(review, *size)
    review.move(0, 0)
    settle(window)
    review.show_part(next(k for k in review.parts if k[0] == "decision"))  # once laid out
    settle(window)
    suffix = f"{size[0]}x{size[1]}"
    grab(review, out / f"ui-review-member-{suffix}.png")
    responses = [
        review._write(review.member_uid() or "", *_sent(review), folder / "r1.mipgrespuesta")
    ]
    review.close()
    for name in ("Jorge Iván", "Diana Marcela"):
        other = member_response(app, window, package, folder / f"{name}.mipgrespuesta", name)
        responses.append(
            other._write(other.member_uid() or "", *_sent(other), folder / f"{name}.mipgrespuesta")
        )
        other.close()
    for box in QApplication.topLevelWidgets():
        if box.objectName() == "responseSaved":
            box.close()
    from ui.navigation import service_available

    if service_available("mipg_desktop.committees.review"):
        saved = [p for p in responses if p is not None]
        _secretary(window, db, saved, committee_id, year, session_id)
        settle(window)
        window.statusBar().clearMessage()
        grab(window, out / f"ui-review-secretary-{suffix}.png")
    window.close()


def _sent(review: Any) -> tuple[list[Any], bool]:
    from mipg_desktop.committees.review_response import ObservationDraft
    from ui.review_observations import proposal_or_none

    sent = [
        ObservationDraft(
            o.target_kind,
            o.target_uid,
            o.comment,
            proposal_or_none(o, review._text_of(o)),
            o.created_at,
        )
        for o in review.written()
    ]
    return sent, False


def _secretary(
    window: Any, db: Database, responses: list[Path], committee_id: int, year: int, sid: int
) -> None:
    from mipg_desktop.committees.minutes import save_deliberation
    from mipg_desktop.committees.review import import_response
    from mipg_desktop.committees.views import get_session_detail

    import_response(db, responses[0])
    import_response(db, responses[1])
    item = next(
        i for i in get_session_detail(db, sid).all_agenda_items() if "Transparencia" in i.title
    )
    save_deliberation(  # the secretary went on writing: the third member read an older draft
        db,
        item.id,
        DELIBERATION + "\n\nSe dio por terminado el punto.",
        expected_version=item.version,
    )
    import_response(db, responses[2])
    window.session_created(committee_id, year, sid)
    settle(window)
    editor = window.editors.currentWidget()
    editor.tabs.setCurrentWidget(editor.minutes)
    settle(window)
    minutes = editor.minutes
    for row in range(minutes.items.count()):
        if "Transparencia" in minutes.items.item(row).text():
            minutes.items.setCurrentRow(row)
    settle(window)
    panel = minutes.observations
    for row in range(panel.list.count()):
        if "Decisión" in panel.list.item(row).text():
            panel.list.setCurrentRow(row)
            break
    settle(window)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("output", type=Path)
    parser.add_argument("--size", default="1366x768")
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    width, height = (int(n) for n in args.size.split("x"))
    shoot(args.output, (width, height))
    return 0


if __name__ == "__main__":
    sys.exit(main())
