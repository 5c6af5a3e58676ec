"""Session packages: round trip, idempotent import, newer packages, hostile files."""

from __future__ import annotations

import json
import os
import shutil
import uuid
import zipfile
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from test_committees_support import build_cigd, item_version, names, policy_ids

from mipg_desktop.committees import views
from mipg_desktop.committees.agenda import add_agenda_item, add_attachment
from mipg_desktop.committees.approval import approve_minutes, content_sha256
from mipg_desktop.committees.attendance import add_guest, set_attendance, verify_quorum
from mipg_desktop.committees.commitments import add_commitment, add_follow_up
from mipg_desktop.committees.minutes import save_deliberation
from mipg_desktop.committees.package import (
    PackageRefused,
    canonical_json,
    export_session,
    import_session,
)
from mipg_desktop.committees.session_detail import read_session_detail
from mipg_desktop.committees.sessions import convene, create_session, set_status
from mipg_desktop.committees.votes import record_decision
from mipg_desktop.storage.database import Database, open_database

PDF = b"%PDF-1.4\n% informe de avance del plan de accion\n"
TABLES = (
    "committees",
    "people",
    "memberships",
    "committee_sessions",
    "agenda_items",
    "attendance",
    "decisions",
    "commitments",
    "commitment_follow_ups",
    "attachment_blobs",
    "agenda_attachments",
    "session_guests",
    "quorum_checks",
    "audit_entries",
)


def full_session(db: Database, approve: bool = False) -> int:
    cigd = build_cigd(db)
    s = create_session(
        db,
        cigd.committee_id,
        date(2026, 3, 12),
        place="Sala de juntas",
        start_time=time(9),
        end_time=time(11, 30),
    )
    convene(db, s.id, convened_on=date(2026, 3, 2))
    for name in names(5):
        set_attendance(
            db,
            s.id,
            cigd.members[name],
            "present",
            arrival_time=time(9, 5),
            expected_version=None,
        )
    set_attendance(
        db,
        s.id,
        cigd.members[names(6)[5]],
        "delegated",
        delegate_name="Rosa Cárdenas",
        expected_version=None,
    )
    set_attendance(db, s.id, cigd.members[names(7)[6]], "excused", expected_version=None)
    set_attendance(db, s.id, cigd.control_interno, "present", remote=True, expected_version=None)
    set_attendance(db, s.id, cigd.secretary, "present", expected_version=None)
    add_guest(db, s.id, "Andrés Vargas", "Contratista", "Gobernación de Boyacá")
    verify_quorum(db, s.id)
    item = add_agenda_item(
        db,
        s.id,
        "Avance del Plan de Acción",
        presenter="Planeación",
        duration_minutes=30,
        policy_ids=policy_ids(db, "planeacion-institucional"),
    )
    sub = add_agenda_item(db, s.id, "Metas rezagadas", parent_id=item.id)
    add_attachment(db, item.id, "Informe avance.pdf", PDF)
    add_attachment(db, sub.id, "Copia.pdf", PDF)
    save_deliberation(
        db,
        item.id,
        "Se presentó el **avance** del *plan*.\n\n- Meta 1\n- Meta 2",
        expected_version=item_version(db, item.id),
    )
    record_decision(db, s.id, "Aprobar el informe", 5, 1, 0, agenda_item_id=item.id)
    c = add_commitment(
        db, s.id, "Publicar el informe", "Oficina TIC", date(2026, 4, 30), agenda_item_id=item.id
    )
    add_follow_up(
        db,
        c.id,
        date(2026, 3, 20),
        "En revisión jurídica",
        "Memorando 45",
        30,
        expected_version=c.version,
    )
    set_status(db, s.id, "held")
    if approve:
        set_status(db, s.id, "minutes_draft")
        set_status(db, s.id, "under_review")
        approve_minutes(db, s.id, approved_by="Comité")
    return s.id


@pytest.fixture
def other_db(template_db: str, tmp_path: Path) -> Iterator[Database]:
    """A second, fresh database (a member's laptop), on the same back end as ``db``."""
    pg = os.environ.get("MIPG_TEST_DATABASE", "")
    if not pg.startswith("postgresql"):
        path = tmp_path / "portatil.sqlite"
        shutil.copyfile(template_db, path)
        database = open_database(path)
        yield database
        database.close()
        return
    from sqlalchemy import create_engine

    name = f"mipg_other_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pg, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {template_db.rpartition('/')[2]}"))
    database = open_database(pg.rpartition("/")[0] + "/" + name)
    yield database
    database.close()
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


def counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in TABLES}


def session_content(db: Database, sid: int) -> dict[str, Any]:
    from mipg_desktop.committees.package_content import read_content

    with db.transaction() as session:
        return read_content(session, sid)


def test_round_trip_into_a_fresh_database(db: Database, other_db: Database, tmp_path: Path) -> None:
    sid = full_session(db, approve=True)
    out = tmp_path / "acta.mipgsesion"
    result = export_session(db, sid, out)
    # the target already holds other work, so every database id differs from the source
    from mipg_desktop.committees.committees import create_committee

    other = create_committee(other_db, "Comité de Conciliación", kind="other")
    s = create_session(other_db, other.id, date(2026, 2, 5))
    add_agenda_item(other_db, s.id, "Estudio de la conciliación 12-2026")
    assert result.attachments == 1 and out.stat().st_size > 0
    imported = import_session(other_db, out)
    assert imported.action == "created" and imported.session_title == "Acta No. 01 de 2026"
    assert session_content(other_db, imported.session_id) == session_content(db, sid)
    a = views.get_session_detail(db, sid)
    b = views.get_session_detail(other_db, imported.session_id)
    with db.transaction() as s1, other_db.transaction() as s2:
        assert content_sha256(read_session_detail(s1, sid)) == content_sha256(
            read_session_detail(s2, imported.session_id)
        )
    assert b.status == "approved" and b.approval == a.approval
    assert [x.status for x in b.attendees] == [x.status for x in a.attendees]
    assert b.agenda[-2].sub_items[0].attachments[0].sha256 == a.agenda[-2].attachments[0].sha256
    assert views.read_attachment(other_db, b.agenda[-2].attachments[0].sha256) == PDF
    assert b.commitments[0].follow_ups[0].note == "En revisión jurídica"
    assert b.entity_name == a.entity_name


def test_the_same_package_twice_creates_nothing(
    db: Database, other_db: Database, tmp_path: Path
) -> None:
    sid = full_session(db)
    out = tmp_path / "acta.zip"
    export_session(db, sid, out)
    assert import_session(other_db, out).action == "created"
    before = counts(other_db)
    again = import_session(other_db, out)
    assert again.action == "unchanged"
    assert counts(other_db) == before
    assert import_session(db, out).action == "unchanged"  # back into its origin


def test_a_newer_package_updates_a_session_not_approved(
    db: Database, other_db: Database, tmp_path: Path
) -> None:
    sid = full_session(db)
    first = tmp_path / "v1.zip"
    export_session(db, sid, first)
    theirs = import_session(other_db, first).session_id
    item = views.get_session_detail(other_db, theirs).agenda[-2]
    save_deliberation(
        other_db, item.id, "Texto revisado por la presidencia.", expected_version=item.version
    )
    second = tmp_path / "v2.zip"
    export_session(other_db, theirs, second)
    assert import_session(db, second).action == "updated"
    assert views.get_session_detail(db, sid).agenda[-2].deliberation == (
        "Texto revisado por la presidencia."
    )
    assert import_session(db, second).action == "unchanged"
    # the older package no longer applies over the newer content
    with pytest.raises(PackageRefused, match="anterior"):
        import_session(db, first)
    assert views.get_session_detail(db, sid).agenda[-2].deliberation.startswith("Texto revisado")


def test_approved_session_is_not_overwritten(db: Database, tmp_path: Path) -> None:
    sid = full_session(db)
    draft = tmp_path / "draft.zip"
    export_session(db, sid, draft)
    set_status(db, sid, "minutes_draft")
    set_status(db, sid, "under_review")
    approve_minutes(db, sid)
    with pytest.raises(PackageRefused, match="aprobada"):
        import_session(db, draft)


# --- hostile packages -------------------------------------------------------------------------


def rewrite(
    source: Path,
    target: Path,
    edit: Any = None,
    extra: dict[str, bytes] | None = None,
    fix_hash: bool = True,
    raw_manifest: bytes | None = None,
) -> Path:
    with zipfile.ZipFile(source) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        files = {n: archive.read(n) for n in archive.namelist() if n != "manifest.json"}
    if edit is not None:
        edit(manifest)
    if fix_hash:
        import hashlib

        manifest["content_sha256"] = hashlib.sha256(canonical_json(manifest["content"])).hexdigest()
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("manifest.json", raw_manifest or json.dumps(manifest).encode())
        for name, data in {**files, **(extra or {})}.items():
            archive.writestr(name, data)
    return target


def _set(path: list[Any], value: Any) -> Any:
    def edit(manifest: dict[str, Any]) -> None:
        node = manifest
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return edit


def _decision(**values: Any) -> Any:
    def edit(manifest: dict[str, Any]) -> None:
        manifest["content"]["decisions"][0].update(values)

    return edit


HOSTILE = {
    "unknown version": (dict(edit=_set(["format_version"], 99)), "versión del formato"),
    "not ours": (dict(edit=_set(["format"], "otra-cosa")), "no es un paquete"),
    "bad json": (dict(raw_manifest=b"{ esto no es json"), "no es JSON"),
    "content tampered": (
        dict(edit=_set(["content", "session", "place"], "Otra sala"), fix_hash=False),
        "huella SHA-256",
    ),
    "attachment tampered": ("tamper-attachment", "no coincide con su huella"),
    "path traversal in name": (
        dict(edit=_set(["content", "attachments", 0, "name"], "../../../etc/passwd")),
        "nombre de anexo no permitido",
    ),
    "absolute path in name": (
        dict(edit=_set(["content", "attachments", 0, "name"], "/tmp/x.pdf")),
        "nombre de anexo no permitido",
    ),
    "traversal entry in zip": (dict(extra={"../evil.txt": b"x"}), "nombre no permitido"),
    "oversize text": (
        dict(edit=_set(["content", "agenda_items", 0, "deliberation"], "x" * 200_001)),
        "excede el tamaño",
    ),
    "oversize title": (
        dict(edit=_set(["content", "agenda_items", 0, "title"], "t" * 501)),
        "excede el tamaño",
    ),
    "wrong type": (dict(edit=_set(["content", "session", "number"], "uno")), "no es válido"),
    "unknown status": (
        dict(edit=_set(["content", "session", "status"], "borrado")),
        "valor no permitido",
    ),
    "unknown majority rule": (
        dict(edit=_set(["content", "session_rules", "majority_kind"], "unanimidad")),
        "valor no permitido",
    ),
    "reglamento of the wrong type": (
        dict(edit=_set(["content", "session_rules"], ["simple"])),
        "no tiene la estructura esperada",
    ),
    "more votes than voters": (
        dict(edit=_set(["content", "decisions", 0, "votes_for"], 40)),
        "solo hay 6 integrantes con voto",
    ),
    "outcome not following the votes": (
        dict(edit=_set(["content", "decisions", 0, "outcome"], "rejected")),
        "no corresponde a sus votos",
    ),
    "tie without casting vote": (
        dict(edit=_decision(votes_for=3, votes_against=3)),
        "no tiene un resultado válido",
    ),
    "dangling reference": (
        dict(
            edit=_set(
                ["content", "attendance", 0, "membership_uid"],
                "00000000-0000-0000-0000-000000000000",
            )
        ),
        "referencia interna",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_packages_are_refused_and_change_nothing(
    case: str, db: Database, other_db: Database, tmp_path: Path
) -> None:
    sid = full_session(db)
    good = tmp_path / "good.zip"
    export_session(db, sid, good)
    spec, message = HOSTILE[case]
    bad = tmp_path / "bad.zip"
    if spec == "tamper-attachment":
        with zipfile.ZipFile(good) as archive:
            files = {n: archive.read(n) for n in archive.namelist()}
        name = next(n for n in files if n.startswith("attachments/"))
        files[name] = b"%PDF-1.4 alterado"
        with zipfile.ZipFile(bad, "w") as archive:
            for n, data in files.items():
                archive.writestr(n, data)
    else:
        rewrite(good, bad, **spec)
    before = counts(other_db)
    with pytest.raises(PackageRefused, match=message) as refused:
        import_session(other_db, bad)
    assert "No se importó nada" in str(refused.value)
    assert counts(other_db) == before


def test_oversize_attachment_entry_is_refused(
    db: Database, other_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mipg_desktop.committees import package

    sid = full_session(db)
    good = tmp_path / "good.zip"
    export_session(db, sid, good)
    monkeypatch.setattr(package, "MAX_ATTACHMENT_BYTES", 10)
    with pytest.raises(PackageRefused, match="demasiado grande"):
        import_session(other_db, good)
    assert counts(other_db)["committee_sessions"] == 0


def test_not_a_zip_is_refused(other_db: Database, tmp_path: Path) -> None:
    junk = tmp_path / "acta.zip"
    junk.write_bytes(b"esto no es un zip")
    with pytest.raises(PackageRefused, match="ZIP"):
        import_session(other_db, junk)


def test_cli_sessions_and_package_commands(
    db: Database,
    other_db: Database,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from mipg_desktop.cli import main

    sid = full_session(db)
    db.close()
    assert main(["--db", db_url, "sessions", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["id"] == sid and listed[0]["number"] == 1 and listed[0]["status"] == "held"
    assert set(listed[0]) >= {"id", "committee", "number", "year", "date", "status"}
    out = tmp_path / "acta.zip"
    assert main(["--db", db_url, "export-session", str(sid), "-o", str(out)]) == 0
    capsys.readouterr()
    target = other_db.url
    other_db.close()
    assert main(["--db", target, "import-session", str(out)]) == 0
    assert "importada" in capsys.readouterr().out
    assert main(["--db", target, "import-session", str(out)]) == 0
    assert "no se cambió nada" in capsys.readouterr().out
    assert main(["--db", target, "export-session", "999", "-o", str(out)]) == 1
    assert "No existe la sesión 999" in capsys.readouterr().err
    with open_database(target) as again, again.transaction() as session:
        from mipg_desktop.models.sessions import CommitteeSession

        assert session.scalar(select(func.count()).select_from(CommitteeSession)) == 1


def test_approved_package_with_rewritten_minutes_is_refused(
    db: Database, other_db: Database, tmp_path: Path
) -> None:
    sid = full_session(db, approve=True)
    good = tmp_path / "aprobada.zip"
    export_session(db, sid, good)
    bad = rewrite(  # content hash recomputed, so only the approval hash can tell
        good,
        tmp_path / "alterada.zip",
        edit=_set(["content", "decisions", 0, "votes_against"], 0),
    )
    before = counts(other_db)
    with pytest.raises(PackageRefused, match="huella SHA-256 de aprobación"):
        import_session(other_db, bad)
    assert counts(other_db) == before
    assert import_session(other_db, good).action == "created"
