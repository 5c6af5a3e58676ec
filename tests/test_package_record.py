"""A member's copy: the package carries the entity's header and, for an approved session,
the acta as stored at approval with its signed versions, so a member's laptop prints
the secretary's acta word for word (approved: byte for byte)."""

from __future__ import annotations

import dataclasses
import json
import zipfile
from pathlib import Path

import pytest
from signing_support import PASSWORD, make_ca, make_p12
from test_committees_package import other_db  # noqa: F401  (fixture)

from mipg_desktop.committees.acta_signing import sign_acta
from mipg_desktop.committees.acta_verify import verify_database
from mipg_desktop.committees.package import PackageRefused, export_session, import_session
from mipg_desktop.committees.views import get_session_detail, list_sessions
from mipg_desktop.documents.inspect import page_texts
from mipg_desktop.documents.output import document_bytes
from mipg_desktop.entity_profile import get_document_control, save_document_control
from mipg_desktop.storage.database import Database


def _imported_id(db: Database, uid: str) -> int:
    return next(s.id for s in list_sessions(db) if get_session_detail(db, s.id).uid == uid)


def test_an_approved_and_signed_acta_prints_the_same_bytes_on_a_member_s_laptop(
    db: Database,
    approved: int,
    other_db: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    sign_acta(
        db,
        approved,
        make_p12(get_session_detail(db, approved).signers[0].name, make_ca()),
        PASSWORD,
    )
    package = export_session(db, approved, tmp_path / "acta.mipgsesion")
    assert package.attachments == 1  # the annex; the acta's PDFs travel beside it
    import_session(other_db, package.path)
    theirs = _imported_id(other_db, get_session_detail(db, approved).uid)
    assert (
        document_bytes(other_db, "minutes", theirs).data
        == document_bytes(db, "minutes", approved).data
    )
    assert verify_database(other_db).ok, verify_database(other_db).lines()
    again = import_session(other_db, package.path)  # the same package twice: nothing new
    assert again.action == "unchanged"


def test_a_draft_prints_with_the_secretary_s_header_on_a_fresh_laptop(
    db: Database,
    other_db: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    from test_committees_lifecycle import held_session
    from test_committees_support import build_cigd

    cigd = build_cigd(db)
    control = get_document_control(db, "minutes")
    save_document_control(
        db,
        dataclasses.replace(control, code="GD-F-17", version="4", process="Gestión documental"),
        "minutes",
        base=control,
    )
    sid = held_session(db, cigd)
    package = export_session(db, sid, tmp_path / "borrador.mipgsesion")
    import_session(other_db, package.path)
    theirs = _imported_id(other_db, get_session_detail(db, sid).uid)
    mine = page_texts(document_bytes(db, "minutes", sid).data)
    there = page_texts(document_bytes(other_db, "minutes", theirs).data)
    assert "GD-F-17" in mine[0] and "Gestión documental" in mine[0]
    assert there == mine  # word for word


def test_a_package_whose_stored_acta_was_altered_is_refused(
    db: Database,
    approved: int,
    other_db: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    package = export_session(db, approved, tmp_path / "acta.mipgsesion")
    with zipfile.ZipFile(package.path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        entries = {name: archive.read(name) for name in archive.namelist()}
    pdf_entry = f"attachments/{manifest['content']['record']['pdf_sha256']}"
    entries[pdf_entry] = entries[pdf_entry].replace(b"Acta", b"Acto", 1)
    forged = tmp_path / "alterado.mipgsesion"
    with zipfile.ZipFile(forged, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    with pytest.raises(PackageRefused, match="alterado"):
        import_session(other_db, forged)
    assert list_sessions(other_db) == []
