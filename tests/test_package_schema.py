"""The session package and its one description (session_schema) agree; every format version
still imports; votes are checked by the reglamento the package carries."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, MetaData, String
from test_committees_package import (  # noqa: F401 (other_db is a fixture)
    full_session,
    other_db,
    session_content,
)

from mipg_desktop.committees import views
from mipg_desktop.committees.approval import add_erratum
from mipg_desktop.committees.committees import RULE_FIELDS, save_rules
from mipg_desktop.committees.minutes import save_deliberation
from mipg_desktop.committees.package import (
    FORMAT_VERSION,
    READABLE_VERSIONS,
    PackageRefused,
    export_session,
    import_session,
    read_package,
)
from mipg_desktop.committees.record_schema import Record, schema_problems
from mipg_desktop.committees.session_schema import (
    BY_SECTION,
    RECORDS,
    RULES,
    SESSION_SCOPED,
)
from mipg_desktop.storage.database import Database

GOLDEN = Path(__file__).parent / "golden" / "packages"


def manifest_of(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as archive:
        manifest: dict[str, Any] = json.loads(archive.read("manifest.json"))
    return manifest


# Sections that live inside another record (a list field of it), not at the top of content.
NESTED = {f.section for r in RECORDS for f in r.fields if f.kind == "list"}
TOP = {r.section for r in RECORDS} - NESTED


def walk(record: Record, data: dict[str, Any]) -> list[tuple[Record, dict[str, Any]]]:
    out = [(record, data)]
    for spec in record.fields:
        value = data.get(spec.name)
        rows = value if spec.kind == "list" else [value] if spec.kind == "section" else []
        out += [
            pair for row in rows or [] if row for pair in walk(BY_SECTION[str(spec.section)], row)
        ]
    return out


def records_of(content: dict[str, Any]) -> list[tuple[Record, dict[str, Any]]]:
    """Every record the content holds, with its description (nested ones included)."""
    out = []
    for section in TOP:
        record, value = BY_SECTION[section], content[section]
        for row in value if record.many else [value] if value is not None else []:
            out += walk(record, row)
    return out


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.section)
def test_every_column_of_each_described_table_is_carried_or_skipped_with_a_reason(
    record: Record,
) -> None:
    assert schema_problems(record) == []
    assert all(reason for reason in record.skipped.values())


def test_a_column_added_to_a_model_without_touching_the_schema_fails_the_check() -> None:
    for record in RECORDS:
        table = record.table.to_metadata(MetaData())
        table.append_column(Column("color_favorito", String(20)))
        assert schema_problems(record, table) == [
            f"{table.name}.color_favorito: not in the package schema"
        ]


def test_lengths_and_allowed_values_come_from_the_models() -> None:
    from mipg_desktop.models.sessions import SESSION_STATUSES, CommitteeSession

    session = {f.name: f for f in BY_SECTION["session"].fields}
    assert session["place"].length == CommitteeSession.__table__.c.place.type.length  # type: ignore[attr-defined]
    assert session["status"].choices is SESSION_STATUSES
    assert RULES.columns == RULE_FIELDS


def _check_package_matches_schema(content: dict[str, Any], optional: bool = False) -> set[str]:
    """``optional``: keys a record may lack (the logo of an entity without one) may be absent."""
    assert set(content) == TOP
    seen = set()
    for record, row in records_of(content):
        required = {f.name for f in record.fields if not (optional and f.optional)}
        assert required <= set(row) <= set(record.keys), record.section
        seen.add(record.section)
    return seen


def test_a_full_session_s_package_holds_exactly_the_schema_s_keys(
    db: Database, tmp_path: Path
) -> None:
    from mipg_desktop.entity_profile import (
        DocumentControlInfo,
        get_entity,
        save_document_control,
        set_logo,
    )

    sid = full_session(db, approve=True)
    add_erratum(db, sid, "Donde dice «Meta 1» debe decir «Meta uno».", "Punto 1")
    entity = get_entity(db)
    assert entity is not None
    set_logo(db, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, expected_version=entity.version)
    save_document_control(db, DocumentControlInfo(process="Planeación", code="PL-F-07"))
    out = tmp_path / "acta.mipgsesion"
    export_session(db, sid, out)
    manifest = manifest_of(out)
    assert manifest["format_version"] == FORMAT_VERSION
    seen = _check_package_matches_schema(manifest["content"])
    # a full session fills every record the package describes (but for a signed acta's
    # versions, tested by test_package_record, and follow-ups on earlier sessions)
    assert seen == {r.section for r in RECORDS} - {"earlier_follow_ups", "signatures"}


def test_the_current_version_has_its_golden_package_and_it_matches_the_schema() -> None:
    golden = GOLDEN / f"v{FORMAT_VERSION}.mipgsesion"
    assert golden.exists(), "run tests/golden/packages/make_packages.py and commit the file"
    manifest = manifest_of(golden)
    assert manifest["format_version"] == FORMAT_VERSION
    seen = _check_package_matches_schema(manifest["content"], optional=True)
    assert {"session", "decisions", "errata", "record", "follow_ups"} <= seen
    assert sorted(READABLE_VERSIONS) == list(range(1, FORMAT_VERSION + 1))


@pytest.mark.parametrize("version", READABLE_VERSIONS)
def test_the_golden_package_of_every_version_imports(
    version: int,
    other_db: Database,  # noqa: F811
) -> None:
    golden = GOLDEN / f"v{version}.mipgsesion"
    package = read_package(golden)  # upgraded to the current version
    imported = import_session(other_db, golden)
    assert imported.action == "created" and imported.session_title == "Acta No. 01 de 2026"
    mine = session_content(other_db, imported.session_id)
    assert {k: mine[k] for k in SESSION_SCOPED} == {k: package.content[k] for k in SESSION_SCOPED}
    detail = views.get_session_detail(other_db, imported.session_id)
    assert detail.status == "approved" and detail.errata[0].text.endswith("«Meta uno».")
    assert package.content["session_rules"] == manifest_of(golden)["content"]["committee"]["rules"]
    assert import_session(other_db, golden).action == "unchanged"


def test_a_version_newer_than_this_program_is_refused(tmp_path: Path) -> None:
    golden = GOLDEN / f"v{FORMAT_VERSION}.mipgsesion"
    newer = tmp_path / "nueva.mipgsesion"
    with zipfile.ZipFile(golden) as source, zipfile.ZipFile(newer, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "manifest.json":
                manifest = json.loads(data)
                manifest["format_version"] = FORMAT_VERSION + 1
                data = json.dumps(manifest).encode()
            target.writestr(name, data)
    with pytest.raises(PackageRefused, match="versión del formato"):
        read_package(newer)


def test_votes_are_checked_by_the_reglamento_the_package_carries(
    db: Database,
    other_db: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    from mipg_desktop.committees.votes import decide_outcome
    from mipg_desktop.models.committees import CommitteeRules

    sid = full_session(db)  # decision: 5 for, 1 against, 6 voting members present
    first = tmp_path / "primera.mipgsesion"
    export_session(db, sid, first)
    theirs = import_session(other_db, first).session_id
    detail = views.get_session_detail(other_db, theirs)
    # the laptop's committee now needs nine tenths of those present: 5 of 6 is not enough
    changed: dict[str, Any] = {"majority_kind": "qualified", "majority_num": 9, "majority_den": 10}
    save_rules(other_db, detail.committee_id, expected_version=1, **changed)
    rules = CommitteeRules(**{**manifest_of(first)["content"]["session_rules"], **changed})
    assert decide_outcome(rules, 5, 1, 0, 6, 7).outcome == "rejected"
    item = views.get_session_detail(db, sid).agenda[-2]
    save_deliberation(db, item.id, "Texto final.", expected_version=item.version)
    second = tmp_path / "segunda.mipgsesion"
    export_session(db, sid, second)
    assert manifest_of(second)["content"]["session_rules"]["majority_kind"] == "simple"
    assert import_session(other_db, second).action == "updated"
    after = views.get_session_detail(other_db, theirs)
    assert after.decisions[0].outcome == "approved"
    assert after.agenda[-2].deliberation == "Texto final."


def test_a_package_s_reglamento_that_does_not_validate_is_refused(
    db: Database,
    other_db: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    from test_committees_package import counts, rewrite

    sid = full_session(db)
    good = tmp_path / "buena.mipgsesion"
    export_session(db, sid, good)

    def edit(manifest: dict[str, Any]) -> None:
        manifest["content"]["session_rules"]["majority_den"] = 0

    bad = rewrite(good, tmp_path / "mala.mipgsesion", edit=edit)
    before = counts(other_db)
    with pytest.raises(PackageRefused, match="reglamento de la sesión no es válido"):
        import_session(other_db, bad)
    assert counts(other_db) == before


def test_the_document_describes_the_schema_field_by_field() -> None:
    from mipg_desktop.committees.session_schema_doc import rewrite

    doc = (Path(__file__).parent.parent / "docs" / "session-package.md").read_text("utf-8")
    assert rewrite(doc) == doc, (
        "run: python -m mipg_desktop.committees.session_schema_doc docs/session-package.md"
    )
    assert f"format version {FORMAT_VERSION})" in doc.splitlines()[0]
    for section in TOP:
        assert f"\n| `{section}` | " in doc, section
    for record in RECORDS:
        for key in record.keys:
            assert f"| `{key}` | " in doc
