"""Session lifecycle, agenda proposals, minutes, commitments, approval and freezing."""

from __future__ import annotations

import json
from datetime import date, time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from test_committees_support import (
    Cigd,
    build_cigd,
    item_version,
    mark_all,
    membership_version,
    names,
    plan_type_ids,
    policy_ids,
)

from mipg_desktop.committees import views
from mipg_desktop.committees.agenda import (
    add_agenda_item,
    add_attachment,
    move_agenda_item,
    remove_agenda_item,
)
from mipg_desktop.committees.approval import add_erratum, approve_minutes, verify_approved
from mipg_desktop.committees.attendance import set_attendance, verify_quorum
from mipg_desktop.committees.commitments import (
    add_commitment,
    add_follow_up,
    set_commitment_status,
    update_commitment,
)
from mipg_desktop.committees.markup import parse_markup, plain_text
from mipg_desktop.committees.minutes import insert_text_block, save_deliberation, save_text_block
from mipg_desktop.committees.people import end_membership
from mipg_desktop.committees.sessions import (
    TRANSITIONS,
    cancel_session,
    convene,
    create_session,
    set_status,
    update_session,
)
from mipg_desktop.committees.votes import record_decision
from mipg_desktop.errors import ConcurrentEdit, NotFound, ReadOnlyRecord, ValidationError
from mipg_desktop.storage.database import Database

DAY = date(2026, 3, 12)


def held_session(db: Database, cigd: Cigd, day: date = DAY) -> int:
    s = create_session(db, cigd.committee_id, day, start_time=time(9, 0), end_time=time(11, 30))
    convene(db, s.id, convened_on=date(day.year, day.month, 1))
    mark_all(db, s.id, cigd, present=5)
    verify_quorum(db, s.id)
    set_status(db, s.id, "held")
    return s.id


def approved_session(db: Database, cigd: Cigd) -> int:
    sid = held_session(db, cigd)
    item = add_agenda_item(db, sid, "Seguimiento al Plan de Acción 2026", presenter="Planeación")
    save_deliberation(
        db,
        item.id,
        "La Oficina de Planeación presentó **avance del 45 %**.",
        expected_version=item.version,
    )
    record_decision(db, sid, "Aprobar el informe de avance", 5, 0, 0, agenda_item_id=item.id)
    add_commitment(db, sid, "Publicar el informe en la web", "Oficina TIC", date(2026, 4, 30))
    set_status(db, sid, "minutes_draft")
    set_status(db, sid, "under_review")
    approve_minutes(db, sid, approved_by="Comité en sesión No. 02")
    return sid


# --- lifecycle ------------------------------------------------------------------------------


def test_full_lifecycle_path(db: Database) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    for target in ("minutes_draft", "under_review", "minutes_draft", "under_review"):
        assert set_status(db, sid, target).status == target
    info = approve_minutes(db, sid, approved_by="Comité")
    detail = views.get_session_detail(db, sid)
    assert detail.status == "approved" and detail.approval is not None
    assert detail.approval.sha256 == info.sha256 and len(info.sha256) == 64
    assert verify_approved(db, sid)


REFUSED = [
    (a, b)
    for a in TRANSITIONS
    for b in (*TRANSITIONS, "approved")
    if b not in TRANSITIONS[a] and a not in ("approved", "cancelled") and a != b
]


def _bring_to(db: Database, cigd: Cigd, status: str) -> int:
    path = ["scheduled", "convened", "held", "minutes_draft", "under_review"]
    s = create_session(db, cigd.committee_id, DAY)
    for step in path[1 : path.index(status) + 1]:
        if step == "convened":
            convene(db, s.id, convened_on=date(2026, 3, 1))
        else:
            set_status(db, s.id, step)
    return s.id


ALLOWED = [(a, b) for a, targets in TRANSITIONS.items() for b in targets]


@pytest.mark.parametrize(("current", "target"), ALLOWED)
def test_each_allowed_transition(db: Database, current: str, target: str) -> None:
    cigd = build_cigd(db)
    sid = _bring_to(db, cigd, current)
    if target == "approved":
        approve_minutes(db, sid)
    elif target == "convened":
        convene(db, sid, convened_on=date(2026, 3, 1))
    elif target == "cancelled":
        cancel_session(db, sid, "Cruce de agendas")
    else:
        set_status(db, sid, target)
    assert views.get_session_detail(db, sid).status == target


@pytest.mark.parametrize(("current", "target"), REFUSED)
def test_refused_transitions(db: Database, current: str, target: str) -> None:
    cigd = build_cigd(db)
    sid = _bring_to(db, cigd, current)
    with pytest.raises(ValidationError):
        if target == "approved":
            approve_minutes(db, sid)
        elif target == "convened":
            convene(db, sid, convened_on=date(2026, 3, 1))
        else:
            set_status(db, sid, target)
    assert views.get_session_detail(db, sid).status == current


def test_approval_records_unmarked_members_as_absent(db: Database) -> None:
    cigd = build_cigd(db)
    s = create_session(db, cigd.committee_id, DAY)
    convene(db, s.id, convened_on=date(2026, 3, 1))
    for name in names(5):
        set_attendance(db, s.id, cigd.members[name], "present", expected_version=None)
    for target in ("held", "minutes_draft", "under_review"):
        set_status(db, s.id, target)
    assert approve_minutes(db, s.id).sha256
    detail = views.get_session_detail(db, s.id)
    assert {a.name: a.status for a in detail.attendees}["Diana Carolina Niño"] == "absent"
    assert {g.name: g.status for g in detail.guests}["Gloria Inés Parra"] == "absent"
    assert sum(a.status == "present" for a in detail.attendees) == 5
    assert verify_approved(db, s.id)


def test_approved_acta_keeps_its_roster_when_memberships_change(db: Database) -> None:
    cigd = build_cigd(db, start=date(2024, 1, 1))
    sid = approved_session(db, cigd)
    before = views.get_session_detail(db, sid).attendees
    leaving = cigd.members["Hernán Darío López"]
    end_membership(db, leaving, date(2025, 1, 1), expected_version=membership_version(db, leaving))
    assert views.get_session_detail(db, sid).attendees == before
    assert verify_approved(db, sid)


def test_cancelled_and_approved_sessions_accept_no_transition(db: Database) -> None:
    cigd = build_cigd(db)
    s = create_session(db, cigd.committee_id, date(2026, 6, 10))
    cancel_session(db, s.id, "Cruce con el consejo de gobierno")
    with pytest.raises(ReadOnlyRecord):
        convene(db, s.id, convened_on=date(2026, 6, 1))
    sid = approved_session(db, cigd)
    for target in ("minutes_draft", "under_review", "held"):
        with pytest.raises(ReadOnlyRecord):
            set_status(db, sid, target)


# --- agenda -----------------------------------------------------------------------------------


def test_new_ordinary_session_proposes_previous_acta_and_open_commitments(db: Database) -> None:
    cigd = build_cigd(db)
    first = held_session(db, cigd, date(2026, 3, 12))
    a = add_commitment(db, first, "Actualizar el PINAR", "Gestión Documental", date(2026, 4, 1))
    b = add_commitment(db, first, "Revisar indicadores", "Planeación", date(2026, 9, 1))
    c = add_commitment(db, first, "Informe de PQRSD", "Atención al Ciudadano", date(2026, 5, 1))
    set_commitment_status(db, c.id, "done", expected_version=c.version)
    second = create_session(db, cigd.committee_id, date(2026, 6, 11))
    detail = views.get_session_detail(db, second.id)
    kinds = [i.kind for i in detail.agenda]
    assert kinds == ["quorum", "previous_minutes", "commitments", "other_business"]
    assert detail.agenda[1].linked_session_id == first
    assert detail.agenda[1].linked_session_title == "Acta No. 01 de 2026"
    follow = detail.agenda[2].sub_items
    assert [s.linked_commitment_id for s in follow] == [a.id, b.id]
    assert follow[0].number == "3.1" and "Actualizar el PINAR" in follow[0].title
    assert detail.previous_session is not None and detail.previous_session.id == first
    extra = create_session(db, cigd.committee_id, date(2026, 6, 20), kind="extraordinary")
    assert [i.kind for i in views.get_session_detail(db, extra.id).agenda] == ["quorum"]


def test_add_move_remove_items_and_attachments(db: Database) -> None:
    cigd = build_cigd(db)
    s = create_session(db, cigd.committee_id, DAY)
    x = add_agenda_item(
        db,
        s.id,
        "Presentación del FURAG 2025",
        presenter="Planeación",
        duration_minutes=30,
        policy_ids=policy_ids(db, "talento-humano", "integridad"),
    )
    y = add_agenda_item(
        db, s.id, "Plan Anticorrupción", plan_type_ids=plan_type_ids(db, "anticorrupcion")
    )
    sub = add_agenda_item(db, s.id, "Resultados por dimensión", parent_id=x.id)
    titles = [i.title for i in views.get_session_detail(db, s.id).agenda]
    assert titles[-3:] == [
        "Presentación del FURAG 2025",
        "Plan Anticorrupción",
        "Proposiciones y varios",
    ]
    move_agenda_item(db, y.id, 0, expected_version=item_version(db, y.id))
    detail = views.get_session_detail(db, s.id)
    assert detail.agenda[0].title == "Plan Anticorrupción" and detail.agenda[0].number == "1"
    furag = next(i for i in detail.agenda if i.id == x.id)
    assert furag.sub_items[0].id == sub.id and len(furag.policies) == 2
    pdf = b"%PDF-1.4 informe"
    one = add_attachment(db, x.id, "../../etc/Informe FURAG.pdf", pdf)
    two = add_attachment(db, y.id, "copia.pdf", pdf)
    assert one.name == "Informe FURAG.pdf" and one.sha256 == two.sha256
    assert one.mime == "application/pdf"
    assert views.read_attachment(db, one.sha256) == pdf
    with db.transaction() as session:
        blobs = session.execute(text("SELECT COUNT(*) FROM attachment_blobs")).scalar()
    assert blobs == 1
    remove_agenda_item(db, x.id, expected_version=item_version(db, x.id))
    detail = views.get_session_detail(db, s.id)
    assert x.id not in [i.id for i in detail.all_agenda_items()]
    assert [i.position for i in detail.agenda] == list(range(len(detail.agenda)))


# --- minutes ----------------------------------------------------------------------------------


def test_deliberation_markup_is_saved_as_written_and_parsed_safely(db: Database) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    item = views.get_session_detail(db, sid).agenda[0]
    body = "Se revisó el **avance** del *plan*.\n\n- Punto uno\n- <b>Punto</b> dos\n\nCierre."
    save_deliberation(db, item.id, body, expected_version=item.version)
    saved = views.get_session_detail(db, sid).agenda[0]
    assert saved.deliberation == body
    kinds = [b.kind for b in saved.deliberation_blocks]
    assert kinds == ["paragraph", "list", "paragraph"]
    runs = saved.deliberation_blocks[0].lines[0]
    assert [(r.text, r.bold, r.italic) for r in runs][1:4] == [
        ("avance", True, False),
        (" del ", False, False),
        ("plan", False, True),
    ]
    assert "<b>Punto</b> dos" in plain_text(body)  # markup is text, never interpreted as HTML
    assert parse_markup("\x00hola") == parse_markup("hola")


def test_text_block_fills_placeholders(db: Database) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    block = save_text_block(
        db,
        "Quórum",
        "Se verificó el quórum con {presentes} de {miembros} integrantes con voto {desconocido}.",
        cigd.committee_id,
    )
    item = views.get_session_detail(db, sid).agenda[0]
    insert_text_block(db, item.id, block, expected_version=item.version)
    text_now = views.get_session_detail(db, sid).agenda[0].deliberation
    assert "con 5 de 7 integrantes con voto {desconocido}." in text_now


def test_a_standard_block_is_kept_and_inserted_in_one_call(db: Database) -> None:
    from mipg_desktop.committees.minutes import insert_standard_block

    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    item = add_agenda_item(db, sid, "Verificación del quórum")
    insert_standard_block(
        db,
        item.id,
        "Quórum",
        "Asisten {presentes} de {miembros}.",
        cigd.committee_id,
        expected_version=item.version,
    )
    written = next(
        i for i in views.get_session_detail(db, sid).all_agenda_items() if i.id == item.id
    )
    assert written.deliberation.startswith("Asisten ") and "{" not in written.deliberation
    assert [b.name for b in views.list_text_blocks(db, cigd.committee_id)] == ["Quórum"]
    approved = approved_session(db, cigd)
    frozen = views.get_session_detail(db, approved).agenda[0]
    with pytest.raises(ReadOnlyRecord):
        insert_standard_block(
            db,
            frozen.id,
            "Cierre",
            "Se levanta la sesión.",
            cigd.committee_id,
            expected_version=frozen.version,
        )
    assert [b.name for b in views.list_text_blocks(db, cigd.committee_id)] == ["Quórum"]


def test_commitments_numbered_followed_and_overdue(db: Database) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    owner = cigd.members["Diana Carolina Niño"]
    a = add_commitment(
        db, sid, "Migrar el sitio web", due_date=date(2026, 4, 1), owner_membership_id=owner
    )
    b = add_commitment(db, sid, "Capacitar en integridad", "Talento Humano", date(2099, 1, 1))
    assert (a.number, b.number) == (1, 2) and a.owner == "Diana Carolina Niño"
    add_follow_up(
        db,
        a.id,
        date(2026, 3, 20),
        "Proveedor contratado",
        "Contrato 12-2026",
        40,
        expected_version=a.version,
    )
    overdue = views.list_commitments(db, overdue=True)
    assert [c.id for c in overdue] == [a.id] and overdue[0].status_label == "Vencido"
    assert overdue[0].status == "in_progress" and overdue[0].progress == 40
    assert len(overdue[0].follow_ups) == 1
    assert [c.id for c in views.list_commitments(db, owner="talento")] == [b.id]
    assert [c.id for c in views.list_commitments(db, status="overdue")] == [a.id]
    set_commitment_status(db, a.id, "done", expected_version=overdue[0].version)
    assert views.list_commitments(db, overdue=True) == []
    assert views.list_commitments(db, committee_id=cigd.committee_id, status="done")[0].closed_on


def test_commitments_of_a_policy_come_from_its_agenda_items_and_sub_items(db: Database) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    integrity = add_agenda_item(
        db, sid, "Código de integridad", policy_ids=policy_ids(db, "integridad")
    ).id
    sub = add_agenda_item(db, sid, "Encuesta de apropiación", parent_id=integrity).id
    other = add_agenda_item(
        db, sid, "Plan de compras", policy_ids=policy_ids(db, "compras-contratacion")
    ).id
    on_item = add_commitment(
        db, sid, "Socializar el código", "Planeación", agenda_item_id=integrity
    )
    on_sub = add_commitment(db, sid, "Aplicar la encuesta", "Planeación", agenda_item_id=sub)
    deeper = add_agenda_item(db, sid, "Resultados por dependencia", parent_id=sub).id
    on_deeper = add_commitment(
        db, sid, "Publicar los resultados", "Planeación", agenda_item_id=deeper
    )
    add_commitment(db, sid, "Publicar el plan de compras", "Planeación", agenda_item_id=other)
    add_commitment(db, sid, "Sin punto del orden del día", "Planeación")
    found = views.list_commitments(db, policy_code="integridad")
    assert [c.id for c in found] == [on_item.id, on_sub.id, on_deeper.id]
    set_commitment_status(db, on_item.id, "done", expected_version=on_item.version)
    open_ones = views.list_commitments(db, policy_code="integridad", status="open")
    assert [c.id for c in open_ones] == [on_sub.id, on_deeper.id]
    assert views.list_commitments(db, policy_code="talento-humano") == []


# --- approval and freezing ------------------------------------------------------------------


def test_approved_minutes_refused_by_the_services(db: Database) -> None:
    cigd = build_cigd(db)
    sid = approved_session(db, cigd)
    detail = views.get_session_detail(db, sid)
    item = detail.agenda[-2]
    calls = [
        lambda: save_deliberation(db, item.id, "cambio", expected_version=item.version),
        lambda: add_agenda_item(db, sid, "Punto nuevo"),
        lambda: remove_agenda_item(db, item.id, expected_version=item.version),
        lambda: set_attendance(
            db, sid, cigd.members[names(7)[6]], "present", expected_version=None
        ),
        lambda: record_decision(db, sid, "Otra decisión", 5, 0, 0),
        lambda: add_commitment(db, sid, "Otro compromiso", "Planeación"),
        lambda: update_commitment(
            db, detail.commitments[0].id, expected_version=1, text="Cambiado"
        ),
        lambda: update_session(db, sid, expected_version=detail.version, place="Otra sala"),
    ]
    for call in calls:
        with pytest.raises(ReadOnlyRecord, match="aprobada"):
            call()
    assert verify_approved(db, sid)


def test_approved_minutes_refused_by_raw_sql(db: Database) -> None:
    cigd = build_cigd(db)
    sid = approved_session(db, cigd)
    statements = [
        f"UPDATE committee_sessions SET place = 'Otra' WHERE id = {sid}",
        f"UPDATE agenda_items SET deliberation = 'alterado' WHERE session_id = {sid}",
        f"DELETE FROM agenda_items WHERE session_id = {sid}",
        f"UPDATE decisions SET votes_for = 1 WHERE session_id = {sid}",
        f"UPDATE attendance SET status = 'absent' WHERE session_id = {sid}",
        f"UPDATE commitments SET text = 'otro' WHERE session_id = {sid}",
        f"DELETE FROM committee_sessions WHERE id = {sid}",
        f"INSERT INTO session_guests (uid, session_id, name, position, organization, remote) "
        f"VALUES ('x', {sid}, 'Intruso', '', '', false)",
    ]
    for statement in statements:
        with pytest.raises(DBAPIError, match="solo lectura"), db.engine.begin() as conn:
            conn.execute(text(statement))
    assert verify_approved(db, sid)
    with db.engine.begin() as conn:  # what changes later in a commitment's life is allowed
        conn.execute(text(f"UPDATE commitments SET status = 'done' WHERE session_id = {sid}"))
    assert verify_approved(db, sid)


def test_erratum_is_a_linked_record(db: Database) -> None:
    cigd = build_cigd(db)
    sid = approved_session(db, cigd)
    e = add_erratum(db, sid, "Donde dice 45 % debe decir 54 %.", "Punto 4")
    detail = views.get_session_detail(db, sid)
    assert detail.errata[0].id == e.id and len(e.sha256) == 64
    assert verify_approved(db, sid)
    with pytest.raises(DBAPIError), db.engine.begin() as conn:
        conn.execute(text("UPDATE errata SET text = 'otra'"))
    draft = create_session(db, cigd.committee_id, date(2026, 8, 1))
    with pytest.raises(ValidationError, match="borrador"):
        add_erratum(db, draft.id, "no aplica")


def test_concurrent_edit_is_detected(db: Database) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    item = views.get_session_detail(db, sid).agenda[0]
    save_deliberation(db, item.id, "Primera versión", expected_version=item.version)
    with pytest.raises(ConcurrentEdit):
        save_deliberation(db, item.id, "Versión de otra persona", expected_version=item.version)
    assert views.get_session_detail(db, sid).agenda[0].deliberation == "Primera versión"


@pytest.mark.postgres_only
def test_lost_update_between_two_sessions_raises_concurrent_edit(db: Database) -> None:
    from mipg_desktop.committees.common import unit_of_work
    from mipg_desktop.models.sessions import AgendaItem
    from mipg_desktop.storage.database import open_database

    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    item = views.get_session_detail(db, sid).agenda[0]
    with (
        open_database(db.url) as elsewhere,
        pytest.raises(ConcurrentEdit),
        unit_of_work(db) as session,
    ):
        mine = session.get(AgendaItem, item.id)
        assert mine is not None
        mine.deliberation = "mía"
        # another program commits first, on its own connection
        save_deliberation(elsewhere, item.id, "de otra persona", expected_version=item.version)
        session.flush()


def test_every_change_leaves_an_audit_entry(db: Database) -> None:
    cigd = build_cigd(db)
    approved_session(db, cigd)
    with db.transaction() as session:
        rows = session.execute(
            text("SELECT table_name, action FROM audit_entries WHERE user_name = 'pruebas'")
        ).all()
    seen = {(t, a) for t, a in rows}
    for expected in [
        ("committees", "create"),
        ("memberships", "create"),
        ("committee_sessions", "create"),
        ("committee_sessions", "convene"),
        ("attendance", "attendance"),
        ("quorum_checks", "quorum"),
        ("agenda_items", "draft"),
        ("decisions", "create"),
        ("commitments", "create"),
        ("committee_sessions", "approve"),
    ]:
        assert expected in seen


def test_agenda_item_linked_to_a_commitment_of_the_committee(db: Database) -> None:
    from mipg_desktop.committees.sessions import convocation_deadline

    cigd = build_cigd(db)
    first = held_session(db, cigd)
    c = add_commitment(db, first, "Actualizar el normograma", "Oficina Jurídica")
    second = create_session(db, cigd.committee_id, date(2026, 6, 11))
    # 3 full business days before Thu 11 June: Wed 10, Tue 9, (Mon 8 is Corpus Christi) Fri 5
    assert convocation_deadline(db, second.id) == date(2026, 6, 4)
    item = add_agenda_item(db, second.id, "Normograma", linked_commitment_id=c.id)
    linked = next(i for i in views.get_session_detail(db, second.id).agenda if i.id == item.id)
    assert linked.linked_commitment_id == c.id
    other = create_committee_for_test(db)
    s3 = create_session(db, other, date(2026, 6, 11))
    with pytest.raises(NotFound):
        add_agenda_item(db, s3.id, "Ajeno", linked_commitment_id=c.id)


def create_committee_for_test(db: Database) -> int:
    from mipg_desktop.committees.committees import create_committee

    return create_committee(db, "Comité de Conciliación", kind="other").id


def test_names_in_approved_minutes_cannot_be_rewritten(db: Database) -> None:
    from mipg_desktop.committees.committees import update_committee
    from mipg_desktop.committees.people import update_person
    from mipg_desktop.models.committees import Membership

    cigd = build_cigd(db)
    sid = approved_session(db, cigd)
    with db.transaction() as session:
        member = session.get(Membership, cigd.members["Ana María Rojas Pérez"])
        assert member is not None
        person_id = member.person_id
    with pytest.raises(ReadOnlyRecord, match="actas aprobadas"):
        update_person(db, person_id, expected_version=1, full_name="Ana M. Rojas")
    # other fields may change
    update_person(db, person_id, expected_version=1, email="direccion@cultura.gov.co")
    with pytest.raises(ReadOnlyRecord, match="actas aprobadas"):
        update_committee(db, cigd.committee_id, expected_version=1, name="Comité de Gestión")
    update_committee(db, cigd.committee_id, expected_version=1, short_name="CIGD-IDCT")
    assert verify_approved(db, sid)


def test_only_the_last_scheduled_session_can_be_deleted(db: Database) -> None:
    from mipg_desktop.committees.sessions import delete_session

    cigd = build_cigd(db)
    a = create_session(db, cigd.committee_id, date(2026, 3, 12))
    b = create_session(db, cigd.committee_id, date(2026, 6, 11))
    with pytest.raises(ValidationError, match="última sesión"):
        delete_session(db, a.id)
    delete_session(db, b.id)
    assert [s.id for s in views.list_sessions(db)] == [a.id]
    assert create_session(db, cigd.committee_id, date(2026, 6, 18)).number == 2
    held = held_session(db, cigd, date(2026, 9, 10))
    with pytest.raises(ValidationError, match="programada o cancelada"):
        delete_session(db, held)


def test_tacit_approval_after_the_term(db: Database) -> None:
    from mipg_desktop.committees.committees import save_rules
    from mipg_desktop.committees.tacit import approve_tacitly, tacit_approval_date

    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    set_status(db, sid, "minutes_draft")
    with pytest.raises(ValidationError, match="no admite aprobación tácita"):
        approve_tacitly(db, sid)
    set_status(db, sid, "under_review")
    assert tacit_approval_date(db, sid) is None  # the reglamento has no term yet
    save_rules(db, cigd.committee_id, expected_version=1, tacit_approval_days=5)
    due = tacit_approval_date(db, sid)
    assert due is not None and due > date.today()
    with pytest.raises(ValidationError, match="vence el"):
        approve_tacitly(db, sid)
    info = approve_tacitly(db, sid, today=due)
    assert "tácita" in info.approved_by
    assert views.get_session_detail(db, sid).status == "approved"


def test_editing_services_change_what_they_say(db: Database) -> None:
    from mipg_desktop.committees.agenda import remove_attachment, update_agenda_item
    from mipg_desktop.committees.attendance import add_guest, remove_guest
    from mipg_desktop.committees.commitments import remove_commitment
    from mipg_desktop.committees.committees import set_agenda_template
    from mipg_desktop.committees.votes import remove_decision

    cigd = build_cigd(db)
    set_agenda_template(
        db,
        cigd.committee_id,
        [("Verificación del quórum", "quorum", 5), ("Varios", "other_business", 5)],
    )
    assert [t.title for t in views.get_committee(db, cigd.committee_id).template] == [
        "Verificación del quórum",
        "Varios",
    ]
    sid = held_session(db, cigd)
    version = views.get_session_detail(db, sid).version
    summary = update_session(
        db,
        sid,
        expected_version=version,
        place="Auditorio",
        start_time=time(8),
        end_time=time(10),
    )
    detail = views.get_session_detail(db, sid)
    assert summary.id == sid and detail.place == "Auditorio" and detail.end_time == time(10)
    with pytest.raises(ValidationError, match="anterior a la de inicio"):
        update_session(db, sid, expected_version=detail.version, end_time=time(7))
    item = add_agenda_item(db, sid, "Informe de gestión")
    ref = update_agenda_item(
        db,
        item.id,
        expected_version=item.version,
        title="Informe de gestión 2025",
        presenter="Dirección",
        duration_minutes=15,
        policy_ids=policy_ids(db, "transparencia"),
    )
    changed = next(i for i in views.get_session_detail(db, sid).agenda if i.id == item.id)
    assert (changed.title, changed.presenter, changed.duration_minutes) == (
        "Informe de gestión 2025",
        "Dirección",
        15,
    )
    assert changed.policies and ref.version == changed.version
    annex = add_attachment(db, item.id, "informe.pdf", b"%PDF-1.4 x")
    remove_attachment(db, annex.id)
    guest = add_guest(db, sid, "Invitada Especial")
    remove_guest(db, guest.id, expected_version=guest.version)
    decision = record_decision(db, sid, "Aprobar el informe", 5, 0, 0, agenda_item_id=item.id)
    remove_decision(db, decision.id, expected_version=decision.version)
    c = add_commitment(db, sid, "Publicar", "TIC", date(2026, 5, 1))
    c2 = update_commitment(
        db, c.id, expected_version=c.version, text="Publicar el informe", due_date=date(2026, 6, 1)
    )
    assert (c2.text, c2.due_date) == ("Publicar el informe", date(2026, 6, 1))
    remove_commitment(db, c.id, expected_version=c2.version)
    final = views.get_session_detail(db, sid)
    assert not final.decisions and not final.commitments
    assert not [g for g in final.guests if not g.permanent]
    assert not next(i for i in final.agenda if i.id == item.id).attachments
    assert [i.title for i in final.agenda][-1] == "Varios"


def test_autosaves_make_one_audit_entry_per_writing_spell(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import timedelta

    from mipg_desktop.storage.base import utcnow

    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    item = views.get_session_detail(db, sid).agenda[0]
    version = item.version

    def drafts() -> list[dict[str, object]]:
        with db.transaction() as session:
            rows = session.execute(
                text(
                    "SELECT changes FROM audit_entries WHERE table_name = 'agenda_items' "
                    f"AND action = 'draft' AND record_id = '{item.id}' ORDER BY id"
                )
            ).all()
        return [r[0] if isinstance(r[0], dict) else json.loads(r[0]) for r in rows]

    for text_now in ("Se", "Se verificó", "Se verificó el quórum."):
        version = save_deliberation(db, item.id, text_now, expected_version=version).version
    assert drafts() == [{"deliberation_chars": [0, 2]}]
    later = utcnow() + timedelta(minutes=11)  # a new spell: a new entry, the first kept
    monkeypatch.setattr("mipg_desktop.storage.base.utcnow", lambda: later)
    save_deliberation(db, item.id, "Se verificó el quórum. Luego…", expected_version=version)
    assert drafts() == [{"deliberation_chars": [0, 2]}, {"deliberation_chars": [22, 29]}]
    assert views.get_session_detail(db, sid).agenda[0].deliberation.endswith("Luego…")


def test_approved_acta_keeps_its_signers_when_rules_change(db: Database) -> None:
    from mipg_desktop.committees.committees import save_rules

    cigd = build_cigd(db)
    sid = approved_session(db, cigd)
    before = views.get_session_detail(db, sid).signers
    assert [s.role for s in before] == ["president", "technical_secretary"]
    save_rules(db, cigd.committee_id, expected_version=1, signer_roles=["president"])
    assert views.get_session_detail(db, sid).signers == before
    assert verify_approved(db, sid)


def test_acta_approved_before_frozen_signers_still_verifies(db: Database) -> None:
    """Sessions approved before revision 0005 have no stored signers: the live ones apply."""
    cigd = build_cigd(db)
    sid = approved_session(db, cigd)
    off, on = (
        ("DROP TRIGGER trg_sessions_frozen_upd", "SELECT 1")
        if db.dialect == "sqlite"
        else (
            "ALTER TABLE committee_sessions DISABLE TRIGGER trg_sessions_frozen",
            "ALTER TABLE committee_sessions ENABLE TRIGGER trg_sessions_frozen",
        )
    )
    with db.transaction() as s:  # what a database migrated to 0005 holds: the column empty
        s.execute(text(off))
        s.execute(
            text("UPDATE committee_sessions SET approved_signers = '' WHERE id = :i"), {"i": sid}
        )
        s.execute(text(on))
    assert views.get_session_detail(db, sid).signers
    assert verify_approved(db, sid)
