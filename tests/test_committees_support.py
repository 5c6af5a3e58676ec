"""Builders shared by the committee tests: a CIGD with realistic members."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mipg_desktop.committees.committees import create_committee
from mipg_desktop.committees.people import add_membership, add_person
from mipg_desktop.entity_profile import save_entity
from mipg_desktop.storage.database import Database

VOTING = [
    ("Ana María Rojas Pérez", "Directora General", "president"),
    ("Carlos Andrés Gómez", "Secretario General", "voting_member"),
    ("Luz Marina Castro", "Subdirectora Administrativa y Financiera", "voting_member"),
    ("Jorge Eliécer Suárez", "Subdirector de Fomento Cultural", "voting_member"),
    ("Paola Andrea Méndez", "Subdirectora de Turismo", "voting_member"),
    ("Hernán Darío López", "Jefe Oficina Jurídica", "voting_member"),
    ("Diana Carolina Niño", "Jefe Oficina de Tecnologías de la Información", "voting_member"),
]


@dataclass
class Cigd:
    committee_id: int
    members: dict[str, int]  # name -> membership id
    secretary: int
    control_interno: int


def build_cigd(db: Database, start: date = date(2024, 1, 1), **rules: object) -> Cigd:
    save_entity(
        db,
        expected_version=None,
        name="Instituto Departamental de Cultura y Turismo",
        city="Tunja",
    )
    committee = create_committee(
        db,
        "Comité Institucional de Gestión y Desempeño",
        kind="institutional",
        short_name="CIGD",
        creation_act="Resolución 045 de 2018",
        rules={"notice_days_ordinary": 3, "notice_days_extraordinary": 1, **rules},
    )
    members = {}
    for name, position, role in VOTING:
        person = add_person(db, name, position)
        members[name] = add_membership(
            db, committee.id, person.id, role, start, position
        ).membership_id
    sec = add_person(db, "Mauricio Ortiz Rincón", "Jefe Oficina Asesora de Planeación")
    secretary = add_membership(db, committee.id, sec.id, "technical_secretary", start).membership_id
    ci = add_person(db, "Gloria Inés Parra", "Jefe Oficina de Control Interno")
    control = add_membership(db, committee.id, ci.id, "permanent_guest", start).membership_id
    return Cigd(committee.id, members, secretary, control)


def names(n: int) -> list[str]:
    return [v[0] for v in VOTING[:n]]


def mark_all(db: Database, session_id: int, cigd: Cigd, present: int = 5) -> None:
    """The first ``present`` voting members present, the rest excused; staff present."""
    from mipg_desktop.committees.attendance import set_attendance

    for index, name in enumerate(names(len(VOTING))):
        status = "present" if index < present else "excused"
        set_attendance(db, session_id, cigd.members[name], status, expected_version=None)
    set_attendance(db, session_id, cigd.secretary, "present", expected_version=None)
    set_attendance(db, session_id, cigd.control_interno, "present", expected_version=None)


def policy_ids(db: Database, *codes: str) -> list[int]:
    from mipg_desktop.catalog import get_catalog

    by_code = {p.code: p.id for p in get_catalog(db).policies()}
    return [by_code[c] for c in codes]


def plan_type_ids(db: Database, *codes: str) -> list[int]:
    from mipg_desktop.catalog import get_catalog

    by_code = {t.code: t.id for t in get_catalog(db).plan_types}
    return [by_code[c] for c in codes]


def version_of(db: Database, model: type, row_id: int) -> int:
    """A row's version as stored now (what a window would have read just before editing)."""
    from mipg_desktop.committees.common import row_version

    with db.transaction() as session:
        return row_version(session.get(model, row_id))


def item_version(db: Database, item_id: int) -> int:
    from mipg_desktop.models.sessions import AgendaItem

    return version_of(db, AgendaItem, item_id)


def membership_version(db: Database, membership_id: int) -> int:
    from mipg_desktop.models.committees import Membership

    return version_of(db, Membership, membership_id)
