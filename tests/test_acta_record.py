"""The approved acta is a record: printed as stored, guarded on every SQL path, verifiable.

Each tampering the acta-record issue lists is tried here by hand-written SQL, on SQLite
and (with ``MIPG_TEST_DATABASE``) on PostgreSQL: either the database refuses it, or the
print stays byte for byte what was approved and ``mipg verify`` names what changed.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ON_POSTGRES
from sqlalchemy import text

from mipg_desktop.cli import main
from mipg_desktop.committees.acta_verify import identify_pdf, verify_database, verify_session
from mipg_desktop.committees.views import get_session_detail
from mipg_desktop.documents.inspect import page_texts
from mipg_desktop.documents.output import document_bytes
from mipg_desktop.entity_profile import (
    get_document_control,
    get_entity,
    save_document_control,
    save_entity,
)
from mipg_desktop.storage.database import Database


def _acta(db: Database, sid: int) -> bytes:
    return document_bytes(db, "minutes", sid).data


def _sql(db: Database, statement: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(text(statement))


def _refused(db: Database, statement: str) -> bool:
    try:
        _sql(db, statement)
    except Exception as exc:  # the driver's error for the trigger's RAISE
        return "solo lectura" in str(exc)
    return False


def test_the_approved_acta_prints_as_stored_whatever_changes_elsewhere(
    db: Database, approved: int
) -> None:
    first = _acta(db, approved)
    assert "Alcaldía de Santa Bárbara" in page_texts(first)[0]
    control = get_document_control(db, "minutes")
    save_document_control(
        db, dataclasses.replace(control, code="GD-F-99", version="7"), "minutes", base=control
    )
    entity = get_entity(db)
    assert entity is not None
    profile = save_entity(db, expected_version=entity.version, name="Otra entidad distinta")
    assert profile.name == "Otra entidad distinta"
    again = _acta(db, approved)
    assert again == first  # byte for byte
    assert "Otra entidad" not in " ".join(page_texts(again))
    # a copy comes from the snapshot of what was approved, not from today's tables
    copy = document_bytes(db, "minutes", approved, copy=True).data
    assert copy != first
    assert "Alcaldía de Santa Bárbara" in page_texts(copy)[0]
    assert "Otra entidad" not in " ".join(page_texts(copy))
    assert verify_session(db, approved).problems == ()


FROZEN_STATEMENTS = [
    "UPDATE approved_actas SET pdf_sha256 = 'x'",
    "DELETE FROM approved_actas",
    "UPDATE audit_entries SET summary = 'x'",
    "DELETE FROM audit_entries",
    "UPDATE agenda_items SET title = 'Otro título'",
    "DELETE FROM agenda_items",
    "UPDATE committee_sessions SET place = 'Otro lugar'",
    "UPDATE attachment_blobs SET data = data || data",
    "DELETE FROM attachment_blobs",
    "UPDATE decisions SET text = 'x'",
    "DELETE FROM attendance",
]
SQLITE_REPLACES = [
    "INSERT OR REPLACE INTO approved_actas SELECT * FROM approved_actas",
    "INSERT OR REPLACE INTO agenda_items SELECT * FROM agenda_items",
    "INSERT OR REPLACE INTO committee_sessions SELECT * FROM committee_sessions",
    "INSERT OR REPLACE INTO attachment_blobs SELECT * FROM attachment_blobs",
    "INSERT OR REPLACE INTO audit_entries SELECT * FROM audit_entries",
    "INSERT INTO agenda_items SELECT * FROM agenda_items WHERE true "
    "ON CONFLICT (id) DO UPDATE SET title = 'x'",
]
PG_ONLY = [
    "TRUNCATE audit_entries",
    "TRUNCATE approved_actas CASCADE",
    "INSERT INTO agenda_items SELECT * FROM agenda_items "
    "ON CONFLICT (id) DO UPDATE SET title = 'x'",
]


def test_every_sql_path_to_a_frozen_row_is_refused(db: Database, approved: int) -> None:
    before = _acta(db, approved)
    statements = FROZEN_STATEMENTS + (PG_ONLY if ON_POSTGRES else SQLITE_REPLACES)
    accepted = [s for s in statements if not _refused(db, s)]
    assert accepted == []
    assert _acta(db, approved) == before
    assert verify_database(db).ok


def test_changes_to_the_tables_an_acta_shows_are_named_by_verify(
    db: Database, approved: int
) -> None:
    before = _acta(db, approved)
    _sql(db, "UPDATE people SET full_name = full_name || ' (cambiado)'")
    _sql(db, "UPDATE committees SET name = 'Comité con otro nombre'")
    assert _acta(db, approved) == before
    problems = verify_session(db, approved).problems
    assert len(problems) == 1
    assert "la asistencia" in problems[0] and "el nombre del comité" in problems[0]
    code = main(["--db", db.url, "verify"])
    assert code == 1


def _drop_guard(db: Database, sqlite_name: str, pg_name: str, table: str) -> None:
    if ON_POSTGRES:
        _sql(db, f"DROP TRIGGER {pg_name} ON {table}")
    else:
        _sql(db, f"DROP TRIGGER {sqlite_name}")


def test_a_dropped_guard_and_what_it_let_through_are_reported(db: Database, approved: int) -> None:
    _drop_guard(db, "trg_approved_actas_no_upd", "trg_approved_actas_no_change", "approved_actas")
    forged = "'\\x255044462d'::bytea" if ON_POSTGRES else "X'255044462D'"
    _sql(db, f"UPDATE approved_actas SET pdf = {forged}")
    report = verify_database(db)
    lines = report.lines()
    assert any("trg_approved_actas_no" in line and "falta" in line for line in lines)
    assert any("PDF guardado al aprobarla fue alterado" in line for line in lines)


def test_a_deleted_audit_entry_breaks_the_chain(db: Database, approved: int) -> None:
    assert verify_database(db).ok
    _drop_guard(db, "trg_audit_entries_no_del", "trg_audit_entries_append_only", "audit_entries")
    _sql(db, "DELETE FROM audit_entries WHERE id = (SELECT MIN(id) + 1 FROM audit_entries)")
    lines = verify_database(db).lines()
    assert any("Registro de cambios: falta" in line for line in lines)


def test_an_altered_audit_entry_is_found(db: Database, approved: int) -> None:
    _drop_guard(db, "trg_audit_entries_no_upd", "trg_audit_entries_append_only", "audit_entries")
    _sql(db, "UPDATE audit_entries SET user_name = 'otra persona' WHERE action = 'approve'")
    lines = verify_database(db).lines()
    assert any("fue alterada" in line and "approve" in line for line in lines)


def test_verify_names_a_pdf_of_this_database(db: Database, approved: int, tmp_path: Path) -> None:
    acta = _acta(db, approved)
    identity = identify_pdf(db, acta)
    assert identity.session_id == approved
    assert identity.title.startswith(get_session_detail(db, approved).title)
    draft = tmp_path / "otra.pdf"
    draft.write_bytes(document_bytes(db, "agenda", approved).data)
    assert identify_pdf(db, draft.read_bytes()).session_id is None
    stored = tmp_path / "acta.pdf"
    stored.write_bytes(acta)
    assert main(["--db", db.url, "verify", str(stored)]) == 0
    assert main(["--db", db.url, "verify", str(draft)]) == 1


def test_demo_verifies_and_every_print_is_the_stored_bytes(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    from mipg_desktop.committees.views import list_sessions
    from mipg_desktop.demo import run_demo

    run_demo(db, years=1)
    assert main(["--db", db.url, "verify"]) == 0
    assert "Todo en orden" in capsys.readouterr().out
    approved = [s.id for s in list_sessions(db) if s.status == "approved"]
    assert approved
    with db.engine.connect() as conn:
        stored = dict(conn.execute(text("SELECT session_id, pdf_sha256 FROM approved_actas")).all())
    digest: Callable[[bytes], str] = lambda data: hashlib.sha256(data).hexdigest()  # noqa: E731
    assert {sid: digest(_acta(db, sid)) for sid in approved} == stored


def test_a_database_without_its_guards_is_refused_on_open_but_verify_reads_it(
    db: Database, approved: int, capsys: pytest.CaptureFixture[str]
) -> None:
    from mipg_desktop.errors import DatabaseRefused
    from mipg_desktop.storage.database import open_database

    _drop_guard(db, "trg_agenda_items_frozen_upd", "trg_agenda_items_frozen", "agenda_items")
    with pytest.raises(DatabaseRefused, match="protecciones de sus actas aprobadas"):
        open_database(db.url)
    assert main(["--db", db.url, "sessions"]) == 1
    err = capsys.readouterr().err
    assert "trg_agenda_items_frozen" in err and len(err.strip().splitlines()) == 1
    assert main(["--db", db.url, "verify"]) == 1
    assert "trg_agenda_items_frozen" in capsys.readouterr().out


@pytest.mark.sqlite_only
def test_a_backup_whose_guards_were_dropped_is_not_restored(
    db: Database, approved: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil
    import sqlite3

    from mipg_desktop.storage.backup import backup_database

    assert db.path is not None
    copy = backup_database(db.url, tmp_path / "copia.sqlite")
    tampered = tmp_path / "alterada.sqlite"
    shutil.copyfile(copy, tampered)
    conn = sqlite3.connect(tampered)
    conn.execute("DROP TRIGGER trg_approved_actas_no_upd")
    conn.commit()
    conn.close()
    db.close()
    before = db.path.read_bytes()
    assert main(["--db", db.url, "restore", str(tampered)]) == 1
    err = capsys.readouterr().err
    assert "protecciones de sus actas aprobadas" in err and "trg_approved_actas_no_upd" in err
    assert db.path.read_bytes() == before
    assert main(["--db", db.url, "restore", str(copy)]) == 0  # the genuine copy is accepted


def test_the_audit_trail_names_the_database_account_on_postgresql(
    db: Database, approved: int
) -> None:
    with db.engine.connect() as conn:
        rows = conn.execute(text("SELECT user_name, db_account FROM audit_entries")).all()
    assert rows and all(user == "pruebas" for user, _account in rows)  # the named person
    if ON_POSTGRES:
        with db.engine.connect() as conn:
            account = conn.execute(text("SELECT current_user")).scalar()
        assert {a for _u, a in rows} == {account}  # and the account that wrote
    else:
        assert {a for _u, a in rows} == {""}  # a SQLite file has no accounts


def test_an_acta_approved_before_records_were_stored_is_frozen_on_its_first_print(
    db: Database,
) -> None:
    """As an upgraded database holds it: approved (status and hash), no stored PDF."""
    from test_committees_lifecycle import held_session
    from test_committees_support import build_cigd

    from mipg_desktop.committees.approval import content_sha256
    from mipg_desktop.committees.sessions import set_status

    sid = held_session(db, build_cigd(db))
    set_status(db, sid, "minutes_draft")
    set_status(db, sid, "under_review")
    digest = content_sha256(get_session_detail(db, sid))
    _sql(
        db,
        f"UPDATE committee_sessions SET status = 'approved', approved_by = 'Comité', "
        f"approved_at = '2026-03-20 15:00:00', approved_sha256 = '{digest}' WHERE id = {sid}",
    )
    first = document_bytes(db, "minutes", sid)
    assert "versión anterior del programa" in first.notice
    again = document_bytes(db, "minutes", sid)
    assert again.data == first.data and again.notice == ""
    assert verify_session(db, sid).problems == ()
