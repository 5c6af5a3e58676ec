"""A package's committee created twice (another uid, the same name and entity): the import
asks, matches it when told to, remembers the match, and never duplicates people."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from test_committees_package import (  # noqa: F401 (other_db is a fixture)
    counts,
    full_session,
    other_db,
)
from test_committees_support import build_cigd

from mipg_desktop.committees import views
from mipg_desktop.committees.committees import update_committee
from mipg_desktop.committees.package import (
    PackageRefused,
    export_session,
    import_session,
    package_preview,
)
from mipg_desktop.committees.package_match import (
    ALIASES_KEY,
    CommitteeChoiceNeeded,
    read_aliases,
)
from mipg_desktop.committees.sessions import create_session
from mipg_desktop.entity_profile import save_entity
from mipg_desktop.models.committees import Committee, Membership, Person
from mipg_desktop.settings import read_setting
from mipg_desktop.storage.database import Database

GOLDEN = Path(__file__).parent / "golden" / "packages"


def _package(db: Database, tmp_path: Path, name: str = "acta.mipgsesion") -> Path:
    out = tmp_path / name
    export_session(db, full_session(db), out)
    return out


def _committee_uids(db: Database) -> dict[int, str]:
    with db.transaction() as session:
        return {c.id: c.uid for c in session.scalars(select(Committee))}


def _people_names(db: Database) -> list[str]:
    with db.transaction() as session:
        return sorted(session.scalars(select(Person.full_name)))


def test_without_a_choice_the_same_name_is_reported_and_nothing_is_written(
    db: Database,
    other_db: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    package = _package(db, tmp_path)
    local = build_cigd(other_db)  # the laptop created «the same» committee on its own
    preview = package_preview(other_db, package)
    assert [c.id for c in preview.candidates] == [local.committee_id]
    before = counts(other_db)
    with pytest.raises(CommitteeChoiceNeeded, match="mismo nombre") as caught:
        import_session(other_db, package)
    assert caught.value.candidates[0].name == "Comité Institucional de Gestión y Desempeño"
    assert counts(other_db) == before
    assert read_setting_value(other_db) == ""


def read_setting_value(db: Database) -> str:
    with db.transaction() as session:
        return read_setting(session, ALIASES_KEY)


def test_matching_uses_the_local_committee_its_people_and_members(
    db: Database,
    other_db: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    package = _package(db, tmp_path)
    local = build_cigd(other_db)
    people, before = _people_names(other_db), counts(other_db)
    result = import_session(other_db, package, committee_match=local.committee_id)
    assert result.action == "created"
    after = counts(other_db)
    for table in ("committees", "people", "memberships"):
        assert after[table] == before[table], table
    assert _people_names(other_db) == people  # nobody twice
    detail = views.get_session_detail(other_db, result.session_id)
    assert detail.committee_id == local.committee_id
    present = {a.membership_id for a in detail.attendees if a.status == "present"}
    assert local.members["Ana María Rojas Pérez"] in present
    assert local.secretary in present
    assert detail.decisions[0].outcome == "approved"
    # remembered: the same package again changes nothing, and asks nothing
    (theirs,) = _committee_uids(db).values()
    with other_db.transaction() as session:
        aliases = read_aliases(session)
    assert aliases == {theirs: _committee_uids(other_db)[local.committee_id]}
    assert package_preview(other_db, package).candidates == ()
    assert import_session(other_db, package).action == "unchanged"
    assert counts(other_db) == after


def test_the_next_package_from_the_same_laptop_matches_without_asking(
    db: Database,
    other_db: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    first = _package(db, tmp_path)
    local = build_cigd(other_db)
    import_session(other_db, first, committee_match=local.committee_id)
    (committee,) = _committee_uids(db)
    second = create_session(db, committee, date(2026, 6, 11))
    out = tmp_path / "segunda.mipgsesion"
    export_session(db, second.id, out)
    people = _people_names(other_db)
    result = import_session(other_db, out)
    assert result.action == "created"
    assert views.get_session_detail(other_db, result.session_id).committee_id == (
        local.committee_id
    )
    assert len(_committee_uids(other_db)) == 1 and _people_names(other_db) == people


def test_creating_another_committee_is_a_choice_too(
    db: Database,
    other_db: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    package = _package(db, tmp_path)
    local = build_cigd(other_db)
    result = import_session(other_db, package, new_committee=True)
    detail = views.get_session_detail(other_db, result.session_id)
    assert detail.committee_id != local.committee_id
    assert len(_committee_uids(other_db)) == 2
    assert read_setting_value(other_db) == ""
    # the package's committee is now here by its uid: no question any more
    assert package_preview(other_db, package).candidates == ()
    assert import_session(other_db, package).action == "unchanged"


def test_names_match_without_accents_case_or_spaces_and_by_short_name(
    db: Database,
    other_db: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    package = _package(db, tmp_path)
    local = build_cigd(other_db)
    update_committee(
        other_db,
        local.committee_id,
        expected_version=1,
        name="  comite institucional de GESTION   y desempeno ",
    )
    assert [c.id for c in package_preview(other_db, package).candidates] == [local.committee_id]
    update_committee(
        other_db,
        local.committee_id,
        expected_version=2,
        name="Comité de Gestión",
        short_name="cigd",
    )
    assert [c.id for c in package_preview(other_db, package).candidates] == [local.committee_id]
    update_committee(other_db, local.committee_id, expected_version=3, short_name="CIGD-2")
    assert package_preview(other_db, package).candidates == ()
    assert import_session(other_db, package).action == "created"  # as before: no question


def test_another_entity_s_committee_is_not_offered(
    db: Database,
    other_db: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    package = _package(db, tmp_path)
    build_cigd(other_db)
    save_entity(other_db, expected_version=1, name="Alcaldía de Paipa", city="Paipa")
    assert package_preview(other_db, package).candidates == ()


def test_a_match_that_does_not_fit_is_refused_whole(
    db: Database,
    other_db: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    package = _package(db, tmp_path)
    local = build_cigd(other_db)
    # the laptop already holds the package's session number in its own committee
    create_session(other_db, local.committee_id, date(2026, 3, 12))
    before = counts(other_db)
    with pytest.raises(PackageRefused, match="ya tiene otra sesión"):
        import_session(other_db, package, committee_match=local.committee_id)
    assert counts(other_db) == before
    assert read_setting_value(other_db) == ""  # the alias is not remembered either
    with pytest.raises(PackageRefused, match="no existe en esta base el comité 999"):
        import_session(other_db, package, committee_match=999)


def test_people_missing_here_are_added_to_the_matched_committee(
    db: Database,
    other_db: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    """A laptop whose committee lacks two members: they are created once, in it."""
    from mipg_desktop.committees.committees import create_committee
    from mipg_desktop.committees.people import add_membership, add_person

    package = _package(db, tmp_path)
    save_entity(
        other_db,
        expected_version=None,
        name="Instituto Departamental de Cultura y Turismo",
        city="Tunja",
    )
    committee = create_committee(other_db, "COMITÉ INSTITUCIONAL DE GESTIÓN Y DESEMPEÑO")
    ana = add_person(other_db, "ana maría rojas pérez", "Directora")
    add_membership(other_db, committee.id, ana.id, "president", date(2024, 1, 1))
    result = import_session(other_db, package, committee_match=committee.id)
    names = _people_names(other_db)
    assert len(names) == 9 and names.count("ana maría rojas pérez") == 1
    with other_db.transaction() as session:
        members = session.scalars(
            select(Membership).where(Membership.committee_id == committee.id)
        ).all()
    assert len(members) == 9
    assert views.get_session_detail(other_db, result.session_id).committee_id == committee.id


@pytest.mark.parametrize("version", [1, 2])
def test_the_golden_packages_match_a_committee_created_here(
    version: int,
    other_db: Database,  # noqa: F811
) -> None:
    golden = GOLDEN / f"v{version}.mipgsesion"
    local = build_cigd(other_db)
    with pytest.raises(CommitteeChoiceNeeded):
        import_session(other_db, golden)
    people = _people_names(other_db)
    result = import_session(other_db, golden, committee_match=local.committee_id)
    assert result.action == "created" and _people_names(other_db) == people
    detail = views.get_session_detail(other_db, result.session_id)
    assert detail.status == "approved" and detail.committee_id == local.committee_id
    assert import_session(other_db, golden).action == "unchanged"


def test_cli_says_how_to_choose(
    db: Database,
    other_db: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    package = _package(db, tmp_path)
    local = build_cigd(other_db)
    url = str(other_db.url)
    other_db.close()

    def mipg(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mipg_desktop", "--db", url, "import-session", *args],
            capture_output=True,
            text=True,
            check=False,
        )

    asked = mipg(str(package))
    assert asked.returncode != 0
    assert f"--comite-existente {local.committee_id}" in asked.stderr
    assert "--comite-nuevo" in asked.stderr and "Traceback" not in asked.stderr
    both = mipg(str(package), "--comite-existente", "1", "--comite-nuevo")
    assert both.returncode != 0
    done = mipg(str(package), "--comite-existente", str(local.committee_id))
    assert done.returncode == 0, done.stderr
    assert "importada como sesión" in done.stdout
    again = mipg(str(package))
    assert again.returncode == 0 and "ya estaba al día" in again.stdout


def test_an_approved_acta_matched_onto_other_names_is_refused_clearly(
    db: Database,
    other_db: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    """The approved acta names its members as approved: matched onto people spelled
    otherwise here it would not be the acta approved, so it is refused (and can be
    imported as another committee)."""
    from sqlalchemy import update

    out = tmp_path / "aprobada.mipgsesion"
    export_session(db, full_session(db, approve=True), out)
    local = build_cigd(other_db)
    with other_db.transaction() as session:
        session.execute(
            update(Person)
            .where(Person.full_name == "Ana María Rojas Pérez")
            .values(full_name="ANA MARIA ROJAS PEREZ")
        )
    before = counts(other_db)
    with pytest.raises(PackageRefused, match="impórtela creando otro comité"):
        import_session(other_db, out, committee_match=local.committee_id)
    assert counts(other_db) == before
    assert import_session(other_db, out, new_committee=True).action == "created"
