"""FURAG results files as Función Pública publishes them: «Nacion» and «Territorio» sheets,
title rows, SIGEP codes, MIPG and MECI forms, and policy numbers that change between years."""

from __future__ import annotations

from pathlib import Path
from statistics import mean
from typing import Any

import pytest
from furag_files import NUMBERING, POLICIES, Entity, published
from test_planning_import import table_counts

from mipg_desktop.entity_profile import get_entity, save_entity
from mipg_desktop.errors import ValidationError
from mipg_desktop.planning.furag import (
    OtherEntity,
    import_furag,
    list_furag,
    read_furag_entities,
)
from mipg_desktop.planning.furag_entity import similarity


def _by_sigep(rows: list[Entity], sigep: int) -> Entity:
    return next(e for e in rows if e.sigep == sigep)


def test_territorio_two_years_every_policy_by_name(db: Any, tmp_path: Path) -> None:
    # the newest policies have other numbers each year: Compras is P19 in 2023, P5 in 2024
    assert NUMBERING[2023]["Compras y Contratación Pública"] == 19
    assert NUMBERING[2024]["Compras y Contratación Pública"] == 5
    assert NUMBERING[2024]["Fortalecimiento Organizacional y Simplificación de Procesos"] == 6
    for year in (2023, 2024):
        path, rows = published(tmp_path, year, "territorio", count=90)
        expected = _by_sigep(rows, 5012)  # an E.S.E. hospital, MIPG form
        result = import_furag(db, path, entity="5012")
        assert (result.year, result.sheet, result.matched_by) == (year, "Territorio", "sigep")
        assert result.unknown_columns == ()
        assert (result.sigep_code, result.form_type) == ("5012", "MIPG")
        stored = list_furag(db)[-1]
        assert stored.year == year and stored.idi == expected.idi
        assert {p.code: p.score for p in stored.policies} == expected.policies
        assert len(stored.policies) == 19
        assert {d.code: d.score for d in stored.dimensions} == expected.dimensions
        assert [i.code for i in stored.indices] == ["I01", "I02", "I03"]
        assert stored.legal_nature == "Empresa Social del Estado"
        assert stored.organic_classification == "Descentralizado"
        assert (stored.department, stored.municipality) == ("BOYACÁ", "TUNJA")
        compras = next(p for p in stored.policies if p.code == "compras-contratacion")
        assert compras.name == "Compras y Contratación Pública"
        number = NUMBERING[year]["Compras y Contratación Pública"]
        assert compras.label == f"P{number}: Compras y Contratación Pública"
        # the peer group's averages: the same sheet, group and form
        peers = [e for e in rows if e.group == expected.group and e.form == "MIPG"]
        assert stored.peer_count == len(peers)
        assert stored.peer_idi == round(mean(e.idi or 0 for e in peers), 2)
        assert compras.peer_average == round(
            mean(e.policies["compras-contratacion"] for e in peers), 2
        )
    assert [r.year for r in list_furag(db)] == [2023, 2024]


def test_nacion_sheet_after_a_cover_and_a_meci_entity(db: Any, tmp_path: Path) -> None:
    path, rows = published(tmp_path, 2024, "nacion", count=30)
    meci = next(e for e in rows if e.form == "MECI")
    result = import_furag(db, path, entity=str(meci.sigep))
    assert (result.sheet, result.year, result.form_type) == ("Nacion", 2024, "MECI")
    (stored,) = list_furag(db)
    assert stored.form_type == "MECI" and stored.idi is None
    # a MECI form measures control interno only: nothing else is stored for it
    assert [(d.code, d.score) for d in stored.dimensions] == [("D7", meci.dimensions["D7"])]
    assert [(p.code, p.score) for p in stored.policies] == [
        ("control-interno", meci.policies["control-interno"])
    ]
    peers = [e for e in rows if e.group == meci.group and e.form == "MECI"]
    assert stored.peer_count == len(peers)


def test_entity_list_and_the_profile_suggested(db: Any, tmp_path: Path) -> None:
    path, _rows = published(tmp_path, 2024, "territorio", count=90)
    listed = read_furag_entities(db, path)
    assert len(listed.entities) == 90 and listed.suggested is None
    first = listed.entities[0]
    assert (first.sigep_code, first.department, first.municipality, first.form_type) == (
        "5000",
        "BOYACÁ",
        "TUNJA",
        "MIPG",
    )
    assert first.sheet == "Territorio" and first.row == 5
    assert {e.form_type for e in listed.entities} == {"MIPG", "MECI"}
    # abbreviations, accents, case and word order do not hide the entity
    profile = save_entity(
        db,
        expected_version=None,
        name="Hospital San Rafael de Tunja, Empresa Social del Estado",
        city="Tunja",
    )
    listed = read_furag_entities(db, path)
    assert listed.suggested is not None
    assert listed.suggested.name == "E.S.E. HOSPITAL SAN RAFAEL DE Tunja"
    assert (listed.profile_version, listed.profile_sigep) == (profile.version, "")
    assert (
        similarity("E.S.E. Hospital San Rafael", "empresa social del estado hospital san rafael")
        == 1.0
    )
    # a name not in the file suggests nothing (the window lets the person search)
    profile = save_entity(db, expected_version=profile.version, name="Gobernación de Ningún Lado")
    assert read_furag_entities(db, path).suggested is None
    # the profile's SIGEP code wins
    save_entity(db, expected_version=profile.version, sigep_code="5033")
    suggested = read_furag_entities(db, path).suggested
    assert suggested is not None and suggested.sigep_code == "5033"


def test_chosen_sigep_code_remembered_in_the_profile(db: Any, tmp_path: Path) -> None:
    from sqlalchemy import select

    from mipg_desktop.models.audit import AuditEntry

    path, _rows = published(tmp_path, 2024, "territorio", count=40)
    profile = save_entity(db, expected_version=None, name="E.S.E. Hospital San Rafael de Tunja")
    listed = read_furag_entities(db, path)
    assert listed.suggested is not None and listed.suggested.sigep_code == "5012"
    result = import_furag(
        db,
        path,
        entity=listed.suggested.key,
        profile_version=listed.profile_version,
        profile_sigep=listed.profile_sigep,
    )
    assert result.remembered
    after = get_entity(db)
    assert after is not None and after.sigep_code == "5012" and after.version == profile.version + 1
    with db.transaction() as session:
        changes = session.scalars(
            select(AuditEntry.changes).where(AuditEntry.table_name == "entities")
        ).all()
    assert {"sigep_code": ["", "5012"]} in changes
    # next year, no --entity: the remembered code chooses the row
    again = import_furag(db, published(tmp_path, 2023, "territorio", count=40)[0])
    assert (again.matched_by, again.sigep_code, again.remembered) == ("sigep", "5012", False)


def test_stale_profile_refuses_and_keeps_nothing(db: Any, tmp_path: Path) -> None:
    path, _rows = published(tmp_path, 2024, "territorio", count=40)
    save_entity(db, expected_version=None, name="Alcaldía de Tunja")
    listed = read_furag_entities(db, path)
    current = get_entity(db)
    assert current is not None
    save_entity(db, expected_version=current.version, sigep_code="5030")  # someone else
    before = table_counts(db)
    # the profile now has a code: the import is another entity's, refused unasked
    with pytest.raises(
        OtherEntity, match=r"\(SIGEP 5000\), no de «Alcaldía de Tunja» \(SIGEP 5030\)"
    ):
        import_furag(
            db,
            path,
            entity="5000",
            profile_version=listed.profile_version,
            profile_sigep=listed.profile_sigep,
        )
    assert table_counts(db) == before and list_furag(db) == []


def test_refusals_list_candidates(db: Any, tmp_path: Path) -> None:
    path, _rows = published(tmp_path, 2024, "territorio", count=90)
    with pytest.raises(ValidationError) as caught:
        import_furag(db, path)
    assert "Indique la entidad con --entity" in str(caught.value)
    assert "«ALCALDÍA DE Tunja» (código SIGEP 5000, TUNJA, BOYACÁ, MIPG)" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        import_furag(db, path, entity="Hospital San Rafael de Duitama")
    message = str(caught.value)
    assert "no está en el archivo con ese nombre exacto" in message
    assert "«E.S.E. HOSPITAL SAN RAFAEL DE Duitama» (código SIGEP 5013, DUITAMA, BOYACÁ" in message
    assert message.index("Duitama» (código") < message.index("Tunja» (código")
    assert list_furag(db) == []


def test_unknown_numbered_policy_is_kept(db: Any, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path, _rows = published(tmp_path, 2024, "territorio", count=10)
    wb = load_workbook(path)
    ws = wb["Territorio"]
    ws.cell(row=4, column=ws.max_column + 1, value="P20: Gestión Ambiental")
    ws.cell(row=5, column=ws.max_column, value=71.5)
    wb.save(path)
    import_furag(db, path, entity="5000")
    (stored,) = list_furag(db)
    assert ("P20", "P20: Gestión Ambiental", 71.5) in [
        (p.code, p.name, p.score) for p in stored.policies
    ]
    assert set(POLICIES.values()) <= {p.code for p in stored.policies}


def test_file_changed_after_listing_is_read_again(db: Any, tmp_path: Path) -> None:
    import shutil

    (tmp_path / "a").mkdir()
    first, _rows = published(tmp_path / "a", 2023, "territorio", count=20)
    listed = read_furag_entities(db, first)
    assert listed.entities[0].sigep_code == "5000"
    # the person saves another year's results over the file before choosing
    newer, rows = published(tmp_path, 2024, "territorio", count=20)
    shutil.copyfile(newer, first)
    result = import_furag(db, first, entity="5000")
    assert result.year == 2024
    assert list_furag(db)[0].idi == _by_sigep(rows, 5000).idi


@pytest.mark.parametrize(
    ("header", "kind", "code"),
    [
        ("P19 Compras y Contratación Pública", "policy", "compras-contratacion"),
        ("POL05 - Compras y Contratación Pública", "policy", "compras-contratacion"),
        (
            "Política 17: Gestión de la Información\nEstadística",
            "policy",
            "informacion-estadistica",
        ),
        ("18. Mejora  Normativa", "policy", "mejora-normativa"),
        ("POLÍTICA GESTIÓN ESTRATÉGICA DEL TALENTO HUMANO", "policy", "talento-humano"),
        ("P9 Transparencia, Acceso a la Información Pública (Ley 1712)", "policy", "transparencia"),
        ("P12", "policy", "participacion-ciudadana"),  # no name: the catalog's number
        ("P21", "policy", "P21"),
        ("Dimensión 6: Gestión del Conocimiento", "dimension", "D6"),
        ("D3  Gestión para Resultados\ncon Valores", "dimension", "D3"),
        ("I07 Índice de gestión del riesgo", "index", "I07"),
    ],
)
def test_header_variants(db: Any, header: str, kind: str, code: str) -> None:
    from mipg_desktop.planning.furag_layout import catalog_names, find_layout

    with db.transaction() as session:
        names = catalog_names(session)
    layout = find_layout([(3, ("Entidad", "Índice de Desempeño Institucional", header))], names)
    assert layout is not None and layout.unknown == []
    assert [(k, c) for _i, k, c, _l in layout.scores] == [(kind, code)]


def test_unnumbered_dimensions_then_policies_of_the_same_name(db: Any) -> None:
    from mipg_desktop.planning.furag_layout import catalog_names, find_layout

    headers = (
        "Nombre de la entidad",
        "IDI",
        "Talento Humano",
        "Control Interno",
        "Gestión del Conocimiento y la Innovación",
        "Talento Humano ",  # the policy, by its alias
        "Gestión del Conocimiento",
        "Control Interno",
    )
    with db.transaction() as session:
        layout = find_layout([(1, headers)], catalog_names(session))
    assert layout is not None
    assert [(k, c) for _i, k, c, _l in layout.scores] == [
        ("dimension", "D1"),
        ("dimension", "D7"),
        ("dimension", "D6"),
        ("policy", "talento-humano"),
        ("policy", "gestion-conocimiento"),
        ("policy", "control-interno"),
    ]


def test_code_only_header_with_the_names_above(db: Any) -> None:
    from mipg_desktop.planning.furag_layout import catalog_names, find_layout

    names_row = (None, None, None, "Compras y Contratación Pública", "Mejora Normativa", None)
    codes_row = ("Entidad", "IDI", "D1", "POL05", "POL10", "POL17")
    with db.transaction() as session:
        layout = find_layout([(3, names_row), (4, codes_row)], catalog_names(session))
    assert layout is not None and layout.header_row == 4
    assert [(c, lb) for _i, _k, c, lb in layout.scores] == [
        ("D1", "D1"),
        ("compras-contratacion", "POL05 Compras y Contratación Pública"),
        ("mejora-normativa", "POL10 Mejora Normativa"),
    ]
    # no name above: the catalog's number (17, Mejora Normativa) is only a hint, and that
    # policy is already in the file under its name, so the column is reported, not stored twice
    assert layout.unknown == ["F «POL17»"]


def test_picked_row_of_a_shared_name_without_sigep(db: Any, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Territorio"
    ws.append(["Resultados vigencia 2024"])
    ws.append(["Entidad", "Municipio", "Índice de Desempeño Institucional"])
    ws.append(["E.S.E. Hospital San Rafael", "Tunja", 70])
    ws.append(["E.S.E. Hospital San Rafael", "Fusagasugá", 55])
    path = tmp_path / "homonimos.xlsx"
    wb.save(path)
    listed = read_furag_entities(db, path)
    second = listed.entities[1]
    assert (second.municipality, second.key) == ("Fusagasugá", "E.S.E. Hospital San Rafael")
    with pytest.raises(ValidationError, match="Hay 2 entidades"):
        import_furag(db, path, entity=second.key)
    result = import_furag(db, path, picked=second)
    assert (result.matched_by, result.idi) == ("picked", 55.0)
    # the file changed under the picked row: refused, nothing kept
    ws.delete_rows(4)
    ws.append(["Alcaldía de Fusagasugá", "Fusagasugá", 60])
    wb.save(path)
    with pytest.raises(ValidationError, match="el archivo cambió"):
        import_furag(db, path, picked=second)
    assert [r.idi for r in list_furag(db)] == [55.0]
