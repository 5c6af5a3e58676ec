"""Undo and redo as core operations: one transaction each, exact, audited, and never over
somebody else's change (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from test_committees_lifecycle import held_session
from test_committees_support import build_cigd, item_version, policy_ids

from mipg_desktop.committees import views
from mipg_desktop.committees.agenda import (
    add_agenda_item,
    add_attachment,
    remove_agenda_item,
    update_agenda_item,
)
from mipg_desktop.committees.commitments import add_commitment
from mipg_desktop.committees.minutes import save_deliberation
from mipg_desktop.committees.people import add_member
from mipg_desktop.committees.votes import record_decision
from mipg_desktop.entity_profile import get_entity, save_entity
from mipg_desktop.errors import ConcurrentEdit, ValidationError
from mipg_desktop.history import NothingToUndo, perform, redo, undo
from mipg_desktop.models.audit import AuditEntry
from mipg_desktop.models.committees import Person
from mipg_desktop.scopes import committee_scope, entity_scope, session_scope
from mipg_desktop.storage.database import Database, open_database


def content(value: object) -> object:
    """A read model without row versions: undo gives the content back, with a new version."""
    from dataclasses import asdict, is_dataclass

    def strip(data: object) -> object:
        if is_dataclass(data) and not isinstance(data, type):
            return strip(asdict(data))
        if isinstance(data, dict):
            return {k: strip(v) for k, v in data.items() if k != "version"}
        if isinstance(data, list | tuple):
            return [strip(v) for v in data]
        return data

    return strip(value)


def test_add_then_undo_then_redo_gives_back_the_same_record(db: Database) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    before = views.get_session_detail(db, sid)
    done = perform(
        db,
        "Agregar el punto «Informe FURAG»",
        session_scope(sid),
        lambda: add_agenda_item(db, sid, "Informe FURAG", presenter="Control Interno"),
    )
    assert done.status.undo == "Agregar el punto «Informe FURAG»" and done.status.redo is None
    assert "agenda_items" in done.tables
    added = views.get_session_detail(db, sid)
    assert len(added.all_agenda_items()) == len(before.all_agenda_items()) + 1
    undone = undo(db)
    assert undone.status.undo is None and undone.status.redo == done.label
    assert content(views.get_session_detail(db, sid)) == content(before)  # positions too
    redone = redo(db)
    assert redone.status.undo == done.label
    again = views.get_session_detail(db, sid)
    assert content(again) == content(added)  # the same id and uid as first added
    with db.transaction() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.table_name == "operations")
        ).all()
    assert actions == ["undo", "redo"]


def test_undoing_a_removal_restores_the_item_with_everything_under_it(db: Database) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    item = add_agenda_item(
        db, sid, "Plan Anticorrupción", policy_ids=policy_ids(db, "transparencia", "integridad")
    )
    sub = add_agenda_item(db, sid, "Mapa de riesgos", parent_id=item.id)
    save_deliberation(db, sub.id, "Se revisó el **mapa**.", expected_version=sub.version)
    add_attachment(db, item.id, "mapa.pdf", b"%PDF-1.4 mapa")
    record_decision(db, sid, "Aprobar el mapa de riesgos", 5, 0, 0, agenda_item_id=sub.id)
    add_commitment(db, sid, "Publicar el mapa", "Planeación", agenda_item_id=item.id)
    before = views.get_session_detail(db, sid)
    perform(
        db,
        "Quitar el punto",
        session_scope(sid),
        lambda: remove_agenda_item(db, item.id, expected_version=item_version(db, item.id)),
    )
    gone = views.get_session_detail(db, sid)
    assert item.id not in [i.id for i in gone.all_agenda_items()]
    assert gone.decisions == () and gone.commitments[0].agenda_item_id is None
    undo(db)
    assert content(views.get_session_detail(db, sid)) == content(before)


def test_undo_never_overwrites_a_later_change_by_someone_else(db: Database) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    item = add_agenda_item(db, sid, "Informe de gestión")
    perform(
        db,
        "Corregir el punto",
        session_scope(sid),
        lambda: update_agenda_item(
            db, item.id, expected_version=item.version, title="Informe de gestión 2026"
        ),
    )
    with open_database(db.url) as elsewhere:  # another program, or another PostgreSQL user
        update_agenda_item(
            elsewhere,
            item.id,
            expected_version=item.version + 1,
            presenter="Secretaría General",
        )
    with pytest.raises(ConcurrentEdit, match="No se puede deshacer «Corregir el punto»"):
        undo(db)
    now = next(i for i in views.get_session_detail(db, sid).agenda if i.id == item.id)
    assert (now.title, now.presenter) == ("Informe de gestión 2026", "Secretaría General")
    assert db.history.status().undo is None  # it can never be undone now
    with pytest.raises(NothingToUndo):
        undo(db)


def test_undo_refuses_when_typed_text_changed_the_record_since(db: Database) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    added = perform(
        db, "Agregar", session_scope(sid), lambda: add_agenda_item(db, sid, "Punto nuevo")
    )
    save_deliberation(db, added.value.id, "Lo que se escribió.", expected_version=1)
    with pytest.raises(ConcurrentEdit):
        undo(db)  # undoing the add would throw away the text
    text = next(i for i in views.get_session_detail(db, sid).agenda if i.id == added.value.id)
    assert text.deliberation == "Lo que se escribió."


def test_a_refused_operation_changes_nothing_and_is_not_undoable(db: Database) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    before = views.get_session_detail(db, sid)

    def two_steps() -> None:
        add_agenda_item(db, sid, "Primero")
        add_agenda_item(db, sid, "")  # refused: the title is required

    with pytest.raises(ValidationError):
        perform(db, "Dos puntos", session_scope(sid), two_steps)
    assert views.get_session_detail(db, sid) == before  # nothing written at all
    assert db.history.status().undo is None


def test_a_new_operation_clears_what_could_be_redone(db: Database) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    perform(db, "Uno", session_scope(sid), lambda: add_agenda_item(db, sid, "Uno"))
    undo(db)
    assert db.history.status().redo == "Uno"
    perform(db, "Dos", session_scope(sid), lambda: add_agenda_item(db, sid, "Dos"))
    assert db.history.status().redo is None and db.history.status().undo == "Dos"


def test_adding_a_new_member_undoes_the_person_too(db: Database) -> None:
    cigd = build_cigd(db)
    with db.transaction() as session:
        people = len(session.scalars(select(Person.id)).all())
    perform(
        db,
        "Agregar integrante",
        committee_scope(cigd.committee_id),
        lambda: add_member(
            db, cigd.committee_id, "Sandra Milena Ruiz", "voting_member", date(2026, 1, 1)
        ),
    )
    assert "Sandra Milena Ruiz" in [m.name for m in views.list_members(db, cigd.committee_id)]
    undo(db)
    assert "Sandra Milena Ruiz" not in [m.name for m in views.list_members(db, cigd.committee_id)]
    with db.transaction() as session:
        assert len(session.scalars(select(Person.id)).all()) == people


def test_entity_profile_changes_undo(db: Database) -> None:
    first = save_entity(db, expected_version=None, name="Alcaldía de Pasto")
    perform(
        db,
        "Cambiar el municipio",
        entity_scope(),
        lambda: save_entity(db, expected_version=first.version, city="Pasto"),
    )
    undo(db)
    assert content(get_entity(db)) == content(first)


def test_approval_forgets_what_can_no_longer_be_undone(db: Database) -> None:
    from mipg_desktop.committees.approval import approve_minutes
    from mipg_desktop.committees.sessions import set_status

    cigd = build_cigd(db)
    sid = held_session(db, cigd)
    perform(db, "Agregar", session_scope(sid), lambda: add_agenda_item(db, sid, "Varios"))
    from mipg_desktop.committees.people import update_person

    member = next(m for m in views.list_members(db, cigd.committee_id) if m.role == "president")
    perform(  # a name the acta will show, still undoable before approval
        db,
        "Nombre",
        committee_scope(cigd.committee_id),
        lambda: update_person(
            db, member.person_id, expected_version=member.person_version, full_name="Ana M. Rojas"
        ),
    )
    set_status(db, sid, "minutes_draft")
    set_status(db, sid, "under_review")
    approve_minutes(db, sid, approved_by="Ana M. Rojas")
    assert db.history.status().undo is None
    with pytest.raises(NothingToUndo):
        undo(db)
    from mipg_desktop.committees.approval import verify_approved

    assert verify_approved(db, sid)


def test_removing_a_member_and_undoing_keeps_the_person_and_their_other_seats(
    db: Database,
) -> None:
    """A person leaves the committee's scope when their membership goes, but still exists:
    undo must bring the membership back without re-creating (or deleting) the person."""
    from mipg_desktop.committees.committees import create_committee
    from mipg_desktop.committees.people import add_membership, remove_membership

    cigd = build_cigd(db)
    other = create_committee(db, "Comité de Conciliación", short_name="CC")
    joined = perform(
        db,
        "Agregar",
        committee_scope(cigd.committee_id),
        lambda: add_member(
            db, cigd.committee_id, "Sandra Milena Ruiz", "voting_member", date(2026, 1, 1)
        ),
    ).value
    add_membership(db, other.id, joined.person_id, "voting_member", date(2026, 1, 1))
    perform(
        db,
        "Quitar",
        committee_scope(cigd.committee_id),
        lambda: remove_membership(db, joined.membership_id, expected_version=joined.version),
    )
    undo(db)
    assert joined.membership_id in [
        m.membership_id for m in views.list_members(db, cigd.committee_id)
    ]
    with pytest.raises(ConcurrentEdit):
        undo(db)  # the add: the person sits on another committee now, so it is refused
    assert [m.name for m in views.list_members(db, other.id)] == ["Sandra Milena Ruiz"]


def test_versions_only_move_forward_so_a_stale_window_is_never_let_through(db: Database) -> None:
    """An operation takes a record from version 1 to 2; a window reads version 2; undo; a
    second person saves. Were undo to put version 1 back, that save would make it 2 again
    and the first window's stale save would pass, overwriting it."""
    from mipg_desktop.committees.people import add_person, update_person

    cigd = build_cigd(db)
    person = add_person(db, "Ana Rojas", "Directora")
    done = perform(
        db,
        "Cargo",
        committee_scope(cigd.committee_id),
        lambda: update_person(db, person.id, expected_version=1, position="Directora (e)"),
    )
    stale = done.value.version  # what a window read after the operation
    undo(db)
    with db.transaction() as session:
        now = session.get(Person, person.id)
        assert now is not None and now.position == "Directora" and now.version > stale
        current = now.version
    update_person(db, person.id, expected_version=current, position="Directora General")
    with pytest.raises(ConcurrentEdit):
        update_person(db, person.id, expected_version=stale, position="Otra cosa")


@pytest.mark.postgres_only
def test_undo_never_puts_back_what_another_postgresql_user_committed_meanwhile(
    db: Database,
) -> None:
    """Read committed: the scope read after the operation sees another user's commit to a
    person of another committee; it is not part of this operation and undo leaves it."""
    import threading

    from mipg_desktop.committees.people import add_person, update_person

    cigd = build_cigd(db)
    mine = add_person(db, "Gloria Parra", "Jefe de Control Interno")
    theirs = add_person(db, "Ana Rojas", "Directora")

    def both() -> None:
        update_person(db, mine.id, expected_version=1, position="Jefe de Control Interno (e)")
        with open_database(db.url) as other:  # commits while this operation is open
            writer = threading.Thread(
                target=lambda: update_person(
                    other, theirs.id, expected_version=1, position="Directora General"
                )
            )
            writer.start()
            writer.join(timeout=30)

    done = perform(db, "Cargo", committee_scope(cigd.committee_id), both)
    assert done.tables == frozenset({"people"}) and len(db.history.undo_stack[-1].changes) == 1
    undo(db)
    with db.transaction() as session:
        assert session.get(Person, mine.id).position == "Jefe de Control Interno"  # type: ignore[union-attr]
        assert session.get(Person, theirs.id).position == "Directora General"  # type: ignore[union-attr]
