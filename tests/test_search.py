"""Search across minutes, agenda, decisions, commitments and activities: accents, prefixes, sync."""

from __future__ import annotations

from datetime import date

import pytest

from mipg_desktop.committees.agenda import add_agenda_item, remove_agenda_item
from mipg_desktop.committees.commitments import add_commitment
from mipg_desktop.committees.committees import create_committee
from mipg_desktop.committees.minutes import save_deliberation
from mipg_desktop.committees.sessions import create_session
from mipg_desktop.entity_profile import save_entity
from mipg_desktop.search import KIND_ACTIVITY, KIND_AGENDA_ITEM, KIND_COMMITMENT, search
from mipg_desktop.storage.database import Database


@pytest.fixture
def session_id(db: Database) -> int:
    save_entity(db, expected_version=None, name="Alcaldía de Tunja")
    committee = create_committee(
        db, "Comité Institucional de Gestión y Desempeño", short_name="CIGD"
    )
    return create_session(db, committee.id, date(2026, 3, 12)).id


def kinds_and_titles(db: Database, query: str) -> set[tuple[str, str]]:
    return {(h.kind, h.title) for h in search(db, query)}


def test_finds_minutes_text_ignoring_accents_and_case(db: Database, session_id: int) -> None:
    item = add_agenda_item(db, session_id, "Política de Gestión Documental", presenter="Archivo")
    save_deliberation(
        db,
        item.id,
        "Se revisó el **PINAR** y la tabla de retención documental.",
        expected_version=item.version,
    )
    assert (KIND_AGENDA_ITEM, "Política de Gestión Documental") in kinds_and_titles(
        db, "gestion documental"
    )
    hits = search(db, "RETENCIÓN")
    assert [h.title for h in hits] == ["Política de Gestión Documental"]
    assert hits[0].session_id == session_id
    assert hits[0].context == "Acta No. 01 de 2026 · CIGD"
    assert "retención" in hits[0].snippet and "**" not in hits[0].snippet


def test_words_match_as_prefixes_and_all_must_appear(db: Database, session_id: int) -> None:
    add_commitment(
        db,
        session_id,
        "Actualizar las tablas de retención del archivo central",
        owner_name="Secretaría General",
    )
    assert {h.kind for h in search(db, "archiv")} == {KIND_COMMITMENT}
    assert search(db, "archiv central")[0].title == "Secretaría General"
    assert search(db, "archivo inexistente") == []
    assert search(db, "secretaria")[0].kind == KIND_COMMITMENT


def test_index_follows_edits_and_deletions(db: Database, session_id: int) -> None:
    item = add_agenda_item(db, session_id, "Seguimiento al PETI")
    first = save_deliberation(
        db, item.id, "Avance de la migración a la nube.", expected_version=item.version
    )
    assert search(db, "nube")
    second = save_deliberation(
        db, item.id, "Avance del plan de continuidad.", expected_version=first.version
    )
    assert search(db, "nube") == []
    assert [h.record_id for h in search(db, "continuidad")] == [item.id]
    remove_agenda_item(db, item.id, expected_version=second.version)
    assert search(db, "continuidad") == []


@pytest.mark.parametrize(
    "query",
    ['"', "*", "NEAR(a b)", "a OR", "col:valor", "''; DROP TABLE x", "%_\\", "   ", "ñ" * 500],
)
def test_odd_queries_never_fail(db: Database, session_id: int, query: str) -> None:
    assert isinstance(search(db, query), list)


def test_finds_plan_activities_with_their_plan(db: Database) -> None:
    from mipg_desktop.demo import run_demo

    run_demo(db, years=1, today=date(2026, 11, 21))
    hits = [h for h in search(db, "integridad", limit=200) if h.kind == KIND_ACTIVITY]
    assert hits and all(h.plan_id is not None and h.context for h in hits)
    assert all(h.session_id is None for h in hits)
