"""Grab the main screens to PNG at 1366×768 (offscreen), with sample data and on an empty database.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m ui.dev_screenshots OUTPUT_DIR [--plan FILE.xlsx]

Uses ``mipg demo`` data when the demo has committees; otherwise builds a small committee
year through the same core services the window calls. A developer tool, not part of the app.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from mipg_desktop.storage.database import Database, open_database

SIZE = (1366, 768)


def _set_size(window: Any, width: int, height: int) -> None:
    """The size asked, not maximised to the offscreen platform's small screen."""
    from PySide6.QtCore import Qt

    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(width, height)


def sample_data(db: Database) -> tuple[int, int, int]:
    """A committee with members, an approved session and a session with its minutes in draft."""
    from mipg_desktop.committees.agenda import add_agenda_item
    from mipg_desktop.committees.approval import approve_minutes
    from mipg_desktop.committees.attendance import set_attendance
    from mipg_desktop.committees.commitments import add_commitment
    from mipg_desktop.committees.committees import create_committee
    from mipg_desktop.committees.minutes import save_deliberation
    from mipg_desktop.committees.people import add_membership, add_person
    from mipg_desktop.committees.sessions import (
        convene,
        create_session,
        mark_held,
        start_minutes,
        submit_for_review,
    )
    from mipg_desktop.committees.views import get_session_detail
    from mipg_desktop.committees.votes import record_decision
    from mipg_desktop.entity_profile import save_entity

    save_entity(
        db,
        expected_version=None,
        name="Alcaldía Municipal de Santa Bárbara",
        nit="890.980.331-1",
        city="Santa Bárbara",
        department="Antioquia",
        order="Territorial",
    )
    committee = create_committee(
        db,
        "Comité Institucional de Gestión y Desempeño",
        short_name="CIGD",
        creation_act="Resolución 045 de 2018",
    )
    people = [
        ("María Fernanda Núñez Restrepo", "Alcaldesa", "president"),
        ("Carlos Andrés Peña Gómez", "Jefe de la Oficina de Planeación", "technical_secretary"),
        ("Luz Ángela Gómez Ríos", "Secretaria de Hacienda", "voting_member"),
        ("Jorge Iván Muñoz Patiño", "Secretario General", "voting_member"),
        ("Diana Marcela Ortiz", "Secretaria de Gobierno", "voting_member"),
        ("Andrés Felipe Castaño", "Jefe de Control Interno", "permanent_guest"),
    ]
    for name, position, role in people:
        person = add_person(db, name, position)
        add_membership(db, committee.id, person.id, role, date(2024, 1, 1), position)
    today = date.today()
    first = create_session(db, committee.id, today - timedelta(days=60), place="Sala de juntas")
    convene(db, first.id, convened_on=today - timedelta(days=75))
    _hold(db, first.id, set_attendance, get_session_detail)
    mark_held(db, first.id)
    start_minutes(db, first.id)
    item = get_session_detail(db, first.id).all_agenda_items()[-1]
    save_deliberation(
        db,
        item.id,
        "Se presentó el avance del **Plan de Acción** al tercer trimestre.",
        expected_version=item.version,
    )
    record_decision(db, first.id, "Aprobar el informe de avance del Plan de Acción", 3)
    add_commitment(
        db,
        first.id,
        "Publicar el informe de avance en la página web",
        "Carlos Andrés Peña Gómez",
        today - timedelta(days=20),
    )
    add_commitment(
        db,
        first.id,
        "Actualizar el mapa de riesgos de corrupción",
        "Luz Ángela Gómez Ríos",
        today + timedelta(days=25),
    )
    submit_for_review(db, first.id)
    approve_minutes(db, first.id, approved_by="María Fernanda Núñez Restrepo")
    second = create_session(db, committee.id, today - timedelta(days=2), place="Sala de juntas")
    add_agenda_item(
        db,
        second.id,
        "Seguimiento al Programa de Transparencia y Ética Pública (PTEP)",
        presenter="Oficina de Planeación",
        duration_minutes=20,
    )
    add_agenda_item(
        db,
        second.id,
        "Presentación de resultados FURAG de la vigencia anterior",
        presenter="Oficina de Control Interno",
        duration_minutes=30,
    )
    convene(db, second.id, convened_on=today - timedelta(days=14))
    _hold(db, second.id, set_attendance, get_session_detail)
    mark_held(db, second.id)
    start_minutes(db, second.id)
    detail = get_session_detail(db, second.id)
    for agenda_item in detail.all_agenda_items()[:3]:
        save_deliberation(
            db,
            agenda_item.id,
            "La secretaría técnica verificó la asistencia y presentó el punto.\n\n"
            "- Se revisaron las metas del trimestre\n- Se acordó ajustar el cronograma",
            expected_version=agenda_item.version,
        )
    return committee.id, second.id, second.year


def _hold(db: Database, session_id: int, set_attendance: object, detail_of: object) -> None:
    from mipg_desktop.committees.views import list_members

    detail = detail_of(db, session_id)  # type: ignore[operator]
    members = list_members(db, detail.committee_id, on=detail.session_date)
    for index, member in enumerate(members):
        status = "excused" if index == 4 else "present"
        set_attendance(  # type: ignore[operator]
            db, session_id, member.membership_id, status, expected_version=None
        )


def grab(widget: QWidget, path: Path) -> None:
    app = QApplication.instance()
    for _ in range(30):
        app.processEvents()  # type: ignore[union-attr]
    widget.grab().save(str(path))
    print(path)


def settle(window: object) -> None:
    app = QApplication.instance()
    runner = window.runner  # type: ignore[attr-defined]
    for _ in range(200):
        runner.wait_idle()
        app.processEvents()  # type: ignore[union-attr]
        if not runner.busy:
            break


def demo_data(db: Database) -> tuple[int, int, int]:
    """``mipg demo`` data; the session shown is the latest one with its minutes in draft."""
    from mipg_desktop.committees.views import list_sessions
    from mipg_desktop.demo import run_demo

    run_demo(db, years=3)
    sessions = list_sessions(db)
    chosen = [s for s in sessions if s.status in ("minutes_draft", "under_review", "held")]
    session = max(chosen or sessions, key=lambda s: (s.session_date, s.id))
    return session.committee_id, session.id, session.year


def shoot(out: Path, plan: Path | None, furag: Path | None = None, use_demo: bool = False) -> None:
    from ui.app import make_app
    from ui.app_settings import AppSettings
    from ui.main_window import MainWindow

    make_app()
    folder = Path(tempfile.mkdtemp())
    settings = AppSettings(QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat))
    empty = open_database(folder / "vacia.sqlite")
    window = MainWindow(empty, settings)
    _set_size(window, *SIZE)
    window.show()
    settle(window)
    grab(window, out / "ui-welcome-empty.png")
    window.close()
    db = open_database(folder / "muestra.sqlite")
    committee_id, session_id, year = demo_data(db) if use_demo else sample_data(db)
    if plan is not None and plan.exists():
        from mipg_desktop.planning.plan_import import import_plan

        import_plan(db, plan)
    if furag is not None and furag.exists():
        from mipg_desktop.entity_profile import get_entity, save_entity
        from mipg_desktop.planning.furag import import_furag

        current = get_entity(db)
        version = current.version if current else None
        hospital = save_entity(db, expected_version=version, name="Hospital Regional de la Montaña")
        for furag_year in (2023, 2024):  # over the demo's years, if it has them
            import_furag(db, furag, year=furag_year, replace=True)
        save_entity(
            db, expected_version=hospital.version, name="Alcaldía Municipal de Santa Bárbara"
        )
    window = MainWindow(db, settings)
    _set_size(window, *SIZE)
    window.splitter.setSizes([330, 1036])
    window.show()
    settle(window)
    grab(window, out / "ui-home.png")  # «Inicio»: what is pending
    window.session_created(committee_id, year, session_id)
    settle(window)
    editor: Any = window.editors.currentWidget()
    names = ("agenda", "attendance", "minutes", "decisions", "commitments", "details")
    for index, name in enumerate(names):
        editor.tabs.setCurrentIndex(index)  # type: ignore[attr-defined]
        settle(window)
        grab(window, out / f"ui-session-{name}.png")
    _set_size(window, 1024, 600)  # the smallest screen it is made for
    editor.tabs.setCurrentIndex(2)
    settle(window)
    grab(window, out / "ui-session-1024x600.png")
    _set_size(window, *SIZE)
    window.splitter.setSizes([330, 1036])
    _shoot_conflict(window, out)
    window.reveal(("root_committees", None), ("committee", committee_id))
    settle(window)
    grab(window, out / "ui-committee.png")
    window.reveal(("root_commitments", None))
    settle(window)
    grab(window, out / "ui-commitments.png")
    _shoot_policy(window, db, out)
    from mipg_desktop.committees.views import list_sessions

    approved = max(
        (s for s in list_sessions(db, committee_id) if s.status == "approved"),
        key=lambda s: (s.session_date, s.id),
    )
    window.session_created(committee_id, approved.year, approved.id)
    settle(window)
    approved_editor: Any = window.editors.currentWidget()
    approved_editor.tabs.setCurrentIndex(2)
    settle(window)
    grab(window, out / "ui-session-approved.png")
    window.open_entity_editor()
    settle(window)
    grab(window, out / "ui-entity.png")
    if use_demo or (plan is not None and plan.exists()):
        from mipg_desktop.planning.plans import list_plans

        first = list_plans(db)[0]
        window.reveal(("root_plans", None), ("plan_year", first.year))
        settle(window)
        grab(window, out / "ui-rollup.png")
        window.reveal(("root_plans", None), ("plan_year", first.year), ("plan", first.id))
        settle(window)
        grab(window, out / "ui-plan.png")
    if use_demo or (furag is not None and furag.exists()):
        window.reveal(("root_furag", None))
        settle(window)
        grab(window, out / "ui-furag.png")
    window.close()


def _shoot_conflict(window: Any, out: Path) -> None:
    """The dialog shown when someone else changed the text being typed."""
    from ui.conflict_dialog import ConflictDialog, ConflictField

    dialog = ConflictDialog(
        window,
        "desarrollo del punto 3. Seguimiento al Programa de Transparencia (PTEP)",
        [
            ConflictField(
                "deliberation",
                "Desarrollo",
                "La Oficina de Planeación presentó el avance del 85 % de las metas; "
                "la señora Núñez pidió publicar el informe.",
                "La Oficina de Planeación presentó el avance del 85 % de las metas.\n\n"
                "- Meta 4 rezagada por falta de contratación",
                long=True,
            )
        ],
    )
    dialog.show()
    grab(dialog, out / "ui-conflict.png")
    dialog.close()


def _shoot_policy(window: Any, db: Database, out: Path) -> None:
    """A policy with open commitments: its node opened, one commitment in the tracker."""
    from mipg_desktop.catalog import get_catalog
    from mipg_desktop.committees.views import list_commitments
    from mipg_desktop.models.minutes import OPEN_COMMITMENT_STATUSES

    for policy in get_catalog(db).policies():
        found = [
            c
            for c in list_commitments(db, policy_code=policy.code)
            if c.status in OPEN_COMMITMENT_STATUSES
        ]
        if found:
            break
    else:
        return
    index = window.reveal(
        ("root_mipg", None), ("dimension", policy.dimension_code), ("policy", policy.code)
    )
    window.tree.expand(index)
    settle(window)
    child = window.tree_model.index(window.tree_model.rowCount(index) - 1, 0, index)
    window.tree.setCurrentIndex(child)
    settle(window)
    grab(window, out / "ui-policy-commitments.png")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("output", type=Path)
    parser.add_argument("--plan", type=Path)
    parser.add_argument("--furag", type=Path)
    parser.add_argument("--demo", action="store_true", help="use mipg demo data")
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    shoot(args.output, args.plan, args.furag, args.demo)
    return 0


if __name__ == "__main__":
    sys.exit(main())
