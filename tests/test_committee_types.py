"""Committee types as data (CIGD, CICCI, territorial, sectoral), creation from a type, the
session templates, modality rules and the commitments tracker across committees."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import select

from mipg_desktop.committees import views
from mipg_desktop.committees.commitments import add_commitment
from mipg_desktop.committees.committees import RULE_FIELDS, create_committee, validate_rules
from mipg_desktop.committees.modality import save_modality_rules, session_modality_problem
from mipg_desktop.committees.sessions import convene, create_session, update_session
from mipg_desktop.committees.types import (
    create_from_type,
    get_type,
    list_types,
    load_types_file,
    save_type,
    sync_types,
    types_json,
)
from mipg_desktop.documents.inspect import page_texts
from mipg_desktop.documents.output import document_bytes as render
from mipg_desktop.errors import ValidationError
from mipg_desktop.models.audit import AuditEntry
from mipg_desktop.models.committee_types import CommitteeType
from mipg_desktop.storage.database import Database, open_database

GOLDEN = Path(__file__).resolve().parent / "golden"
COMMON = "Práctica común; editable"
ALL_CODES = ["CIGD", "CICCI", "CDGD", "CDTGD", "CMGD", "CSGD"]


def test_the_shipped_file_describes_every_type_with_a_source_for_each_detail() -> None:
    data = load_types_file()
    assert data["version"] and data["source"]
    assert [t["code"] for t in data["types"]] == ALL_CODES
    for kind in data["types"]:
        assert kind["version"] and kind["source"] and kind["applies_to"], kind["code"]
        for key in ("agenda", "approves", "follows_up"):
            assert kind[key]["value"] and kind[key]["source"], (kind["code"], key)
        for key, detail in kind["reglamento"].items():
            assert set(detail) == {"value", "source"} and detail["source"], (kind["code"], key)
        for key in ("presides", "secretary", "permanent_guests", "modality_rules"):
            assert key in kind["reglamento"], (kind["code"], key)
        rules = {k: v["value"] for k, v in kind["reglamento"].items() if k in RULE_FIELDS}
        assert validate_rules(rules) == rules
        assert kind["templates"], kind["code"]
        for template in kind["templates"]:
            assert template["source"] and template["items"], template["code"]


def test_each_type_has_its_own_defaults_and_sources(db: Database) -> None:
    types = {t.code: t for t in list_types(db)}
    assert list(types) == ALL_CODES
    cigd, cicci = types["CIGD"], types["CICCI"]
    assert cigd.kind == "institutional" and "2.2.22.3.8" in cigd.source
    assert cigd.reglamento["periodicity_months"].value == 3
    assert "2.2.22.3.8" in cigd.reglamento["presides"].source
    # the CICCI: Ley 87 art. 13, Decreto 1083 arts. 2.2.21.1.5-6 (Decreto 648 de 2017)
    assert cicci.kind == "internal_control"
    assert "Ley 87 de 1993 art. 13" in cicci.source and "648 de 2017" in cicci.source
    secretary = cicci.reglamento["secretary"]
    assert "Jefe de Control Interno" in secretary.value and "2.2.21.1.5" in secretary.source
    periodicity = cicci.reglamento["periodicity_months"]
    assert periodicity.value == 6 and "dos veces al año" in periodicity.source
    assert {"Plan Anual de Auditoría", "Política de administración del riesgo"} <= set(
        cicci.approves.value
    )
    assert "Informes de la Oficina de Control Interno" in cicci.approves.value
    assert [t.name for t in cicci.templates] == [
        "Aprobación del Plan Anual de Auditoría",
        "Seguimiento al Plan Anual de Auditoría",
        "Política de administración del riesgo",
        "Informes de la Oficina de Control Interno",
    ]
    # territorial committees are chaired by the gobernador or the alcalde (art. 2.2.22.3.7)
    assert "Gobernador" in types["CDGD"].reglamento["presides"].value
    for code in ("CDTGD", "CMGD"):
        assert "Alcalde" in types[code].reglamento["presides"].value
    for code in ("CDGD", "CDTGD", "CMGD"):
        assert types[code].kind == "territorial" and "2.2.22.3.7" in types[code].source
    assert types["CSGD"].kind == "sectoral" and "2.2.22.3.6" in types["CSGD"].source
    # what no norm fixes is marked as common practice, editable
    assert cigd.reglamento["notice_days_ordinary"].source == COMMON
    assert cigd.agenda.value[0] == ("Verificación del quórum", "quorum", 5)


def test_a_meci_only_scope_lists_only_the_cicci(db: Database) -> None:
    assert [t.code for t in list_types(db, "meci")] == ["CICCI"]
    assert "CICCI" in [t.code for t in list_types(db, "mipg")]
    assert [t["code"] for t in types_json(db, "meci")] == ["CICCI"]


def test_a_cicci_created_from_its_type_copies_reglamento_template_and_modality_rules(
    db: Database,
) -> None:
    summary = create_from_type(db, "CICCI", creation_act="Resolución 010 de 2018")
    assert summary.name == "Comité Institucional de Coordinación de Control Interno"
    assert summary.short_name == "CICCI" and summary.kind == "internal_control"
    assert summary.type_code == "CICCI"
    detail = views.get_committee(db, summary.id)
    assert detail.rules is not None and detail.rules.periodicity_months == 6
    assert [t.kind for t in detail.template] == [
        "quorum",
        "previous_minutes",
        "commitments",
        "other_business",
    ]
    assert {r["modality"] for r in detail.rules.modality_rules} == {"in_person", "virtual", "mixed"}
    # the entity edits its committee afterwards; the type stays as it was
    save_modality_rules(
        db,
        summary.id,
        [{"modality": "virtual", "allowed": "never", "condition": "", "source": "Res. 10"}],
        expected_version=detail.rules.version,
    )
    assert views.get_committee(db, summary.id).rules.modality_rules[0]["allowed"] == "never"  # type: ignore[union-attr]
    assert get_type(db, "CICCI").reglamento["modality_rules"].value[1]["allowed"] == "always"


def test_creating_a_committee_by_kind_reads_its_type_not_code_constants(db: Database) -> None:
    with db.transaction() as session:
        row = session.scalar(select(CommitteeType).where(CommitteeType.code == "CIGD"))
        assert row is not None
        definition = json.loads(json.dumps(row.definition))
    definition["agenda"]["value"].insert(
        1, {"title": "Lectura del reglamento", "kind": "substantive", "minutes": 5}
    )
    definition["reglamento"]["notice_days_ordinary"]["value"] = 4
    save_type(db, "CIGD", definition, expected_version=get_type(db, "CIGD").version)
    made = create_committee(db, "Comité Institucional de Gestión y Desempeño")
    detail = views.get_committee(db, made.id)
    assert made.type_code == "CIGD"
    assert detail.template[1].title == "Lectura del reglamento"
    assert detail.rules is not None and detail.rules.notice_days_ordinary == 4


def test_an_upgrade_updates_shipped_types_but_never_an_edited_one(db: Database) -> None:
    cicci = get_type(db, "CICCI")
    with db.transaction() as session:
        row = session.scalar(select(CommitteeType).where(CommitteeType.code == "CICCI"))
        assert row is not None
        mine = {**row.definition, "description": "Nuestro CICCI"}
    save_type(db, "CICCI", mine, expected_version=cicci.version)
    newer = load_types_file()
    newer["version"] = "2027.1"
    for kind in newer["types"]:
        kind["version"] = "2027.1"
        kind["description"] = "Descripción nueva"
    with db.transaction() as session:
        assert sync_types(session, newer) == len(ALL_CODES) - 1
        assert sync_types(session, newer) == 0
    assert get_type(db, "CICCI").description == "Nuestro CICCI"
    assert get_type(db, "CICCI").edited and get_type(db, "CICCI").catalog_version == "2026.1"
    assert get_type(db, "CIGD").description == "Descripción nueva"
    assert get_type(db, "CIGD").catalog_version == "2027.1"


def test_a_session_agenda_starts_from_one_of_the_types_templates(db: Database) -> None:
    cicci = create_from_type(db, "CICCI")
    s = create_session(db, cicci.id, date(2026, 2, 12), agenda_template="CICCI_PLAN_AUDITORIA")
    detail = views.get_session_detail(db, s.id)
    titles = [i.title for i in detail.agenda]
    assert titles == [
        "Verificación del quórum",
        "Seguimiento de compromisos",
        "Presentación del Plan Anual de Auditoría de la vigencia",
        "Aprobación del Plan Anual de Auditoría",
        "Estatuto de auditoría interna y código de ética del auditor",
        "Proposiciones y varios",
    ]
    assert detail.agenda[2].presenter == "Jefe de Control Interno"
    with pytest.raises(ValidationError, match="no tiene la plantilla"):
        create_session(db, cicci.id, date(2026, 3, 12), agenda_template="CIGD_FURAG")


def _virtual_only_if(db: Database, committee_id: int) -> None:
    rules = views.get_committee(db, committee_id).rules
    assert rules is not None
    save_modality_rules(
        db,
        committee_id,
        [
            {"modality": "in_person", "allowed": "always", "condition": "", "source": ""},
            {
                "modality": "virtual",
                "allowed": "conditional",
                "condition": "razones de orden público o amenaza",
                "source": "Resolución 010 de 2018 art. 4",
            },
            {"modality": "mixed", "allowed": "never", "condition": "", "source": ""},
        ],
        expected_version=rules.version,
    )


def test_a_modality_outside_the_rules_asks_for_the_reason_stores_audits_and_the_acta_says_it(
    db: Database,
) -> None:
    cicci = create_from_type(db, "CICCI")
    _virtual_only_if(db, cicci.id)
    with pytest.raises(ValidationError, match="solo si: razones de orden público o amenaza"):
        create_session(db, cicci.id, date(2026, 2, 12), modality="virtual")
    with pytest.raises(ValidationError, match="no permite la modalidad mixta"):
        create_session(db, cicci.id, date(2026, 2, 12), modality="mixed")
    reason = "Alteración del orden público en la ciudad"
    s = create_session(db, cicci.id, date(2026, 2, 12), modality="virtual", modality_reason=reason)
    assert views.get_session_detail(db, s.id).modality_reason == reason
    with db.transaction() as session:
        entry = session.scalar(
            select(AuditEntry).where(
                AuditEntry.action == "create_outside_modality", AuditEntry.record_id == s.id
            )
        )
        assert entry is not None and reason in json.dumps(entry.changes, ensure_ascii=False)
    text = " ".join(" ".join(page_texts(render(db, "minutes", s.id).data)).split())
    assert "Virtual. Modalidad no prevista en el reglamento; motivo: " + reason in text
    agenda = " ".join(" ".join(page_texts(render(db, "agenda", s.id).data)).split())
    assert reason in agenda


def test_convening_in_a_modality_changed_outside_the_rules_asks_for_the_reason(
    db: Database,
) -> None:
    cicci = create_from_type(db, "CICCI")
    _virtual_only_if(db, cicci.id)
    s = create_session(db, cicci.id, date(2026, 2, 12))
    s = update_session(db, s.id, expected_version=s.version, modality="mixed")
    assert session_modality_problem(db, s.id).startswith("El reglamento del comité no permite")
    with pytest.raises(ValidationError, match="Indique el motivo"):
        convene(db, s.id, convened_on=date(2026, 2, 2))
    done = convene(db, s.id, convened_on=date(2026, 2, 2), modality_reason="Sala en obra")
    assert done.status == "convened"
    assert views.get_session_detail(db, s.id).modality_reason == "Sala en obra"
    assert session_modality_problem(db, s.id) == ""
    # back in person: nothing to state any more
    other = create_session(db, cicci.id, date(2026, 3, 12), modality="mixed", modality_reason="x")
    other = update_session(db, other.id, expected_version=other.version, modality="in_person")
    assert views.get_session_detail(db, other.id).modality_reason == ""


def test_commitments_of_the_cigd_and_the_cicci_are_tracked_together_and_filtered(
    db: Database,
) -> None:
    cigd = create_from_type(db, "CIGD")
    cicci = create_from_type(db, "CICCI")
    a = create_session(db, cigd.id, date(2026, 3, 12))
    b = create_session(db, cicci.id, date(2026, 2, 12), agenda_template="CICCI_PLAN_AUDITORIA")
    add_commitment(db, a.id, "Publicar el Plan de Acción", "Planeación", date(2026, 4, 30))
    add_commitment(db, b.id, "Ajustar el Plan Anual de Auditoría", "Control Interno")
    everything = views.list_commitments(db)
    assert {(c.committee_name, c.text) for c in everything} == {
        ("Comité Institucional de Gestión y Desempeño", "Publicar el Plan de Acción"),
        (
            "Comité Institucional de Coordinación de Control Interno",
            "Ajustar el Plan Anual de Auditoría",
        ),
    }
    only = views.list_commitments(db, committee_id=cicci.id)
    assert [c.text for c in only] == ["Ajustar el Plan Anual de Auditoría"]
    # an open CICCI commitment comes back in the CICCI's next agenda, not in the CIGD's
    later = create_session(db, cicci.id, date(2026, 9, 10))
    follow = next(
        i for i in views.get_session_detail(db, later.id).agenda if i.kind == "commitments"
    )
    assert follow.sub_items[0].title.endswith("Ajustar el Plan Anual de Auditoría")
    cigd_next = create_session(db, cigd.id, date(2026, 6, 11))
    cigd_follow = views.get_session_detail(db, cigd_next.id).agenda
    assert all("Auditoría" not in s.title for i in cigd_follow for s in i.sub_items)


@pytest.mark.sqlite_only
def test_upgrading_from_0008_gives_existing_committees_their_type(tmp_path: Path) -> None:
    path = tmp_path / "antigua.sqlite"
    shutil.copyfile(GOLDEN / "0008_import_layouts.sqlite", path)
    conn = sqlite3.connect(path)
    for n, (name, kind) in enumerate(
        (("CIGD", "institutional"), ("CICCI", "internal_control"), ("Otro", "other")), 1
    ):
        conn.execute(
            "INSERT INTO committees (uid, name, short_name, kind, creation_act, active, "
            "created_at, updated_at, version) VALUES (?, ?, ?, ?, '', 1, '2026-01-01', "
            "'2026-01-01', 1)",
            (f"uid-{n}", name, name, kind),
        )
        conn.execute(
            "INSERT INTO committee_rules (committee_id, deliberate_quorum_kind, "
            "deliberate_quorum_num, deliberate_quorum_den, decide_quorum_kind, decide_quorum_num,"
            " decide_quorum_den, delegates_count, majority_kind, majority_num, majority_den, "
            "tie_breaker, notice_days_ordinary, notice_days_extraordinary, periodicity_months, "
            "signer_roles, approval_method, version) VALUES (?, 'half_plus_one', 1, 2, "
            "'half_plus_one', 1, 2, 1, 'simple', 2, 3, 'president', 5, 2, 3, "
            "'[\"president\"]', '', 1)",
            (n,),
        )
    conn.commit()
    conn.close()
    with open_database(path) as db:
        kinds = {c.name: c.type_code for c in views.list_committees(db)}
        assert kinds == {"CIGD": "CIGD", "CICCI": "CICCI", "Otro": ""}
        assert [t.code for t in list_types(db)] == ALL_CODES
        rules = views.get_committee(db, 1).rules
        assert rules is not None and rules.modality_rules == ()  # no rules: every modality
        s = create_session(db, 1, date(2026, 5, 14), start_time=time(9, 0), modality="virtual")
        assert s.id


def test_golden_0010_has_the_new_columns() -> None:
    conn = sqlite3.connect(GOLDEN / "0010_committee_types.sqlite")
    cols = {r[1] for r in conn.execute("PRAGMA table_info(committee_sessions)")}
    rules = {r[1] for r in conn.execute("PRAGMA table_info(committee_rules)")}
    conn.close()
    assert "modality_reason" in cols and "modality_rules" in rules


@pytest.mark.sqlite_only
def test_mipg_catalog_json_lists_the_committee_types_with_their_sources(tmp_path: Path) -> None:
    from test_cli_foundation import mipg

    db = str(tmp_path / "cli.sqlite")
    assert mipg("--db", db, "init").returncode == 0
    result = mipg("--db", db, "catalog", "--json")
    assert result.returncode == 0 and result.stderr == ""
    types = json.loads(result.stdout)["committee_types"]
    assert [t["code"] for t in types] == ALL_CODES
    cicci = types[1]
    assert cicci["applies_to"] == ["mipg", "meci"] and "Ley 87 de 1993" in cicci["source"]
    assert cicci["reglamento"]["secretary"]["source"].startswith("Decreto 1083 de 2015")
    assert {t["code"] for t in cicci["templates"]} >= {"CICCI_PLAN_AUDITORIA"}
    assert all(t["origin"] == "catalog" and not t["edited"] for t in types)
    text = mipg("--db", db, "catalog").stdout
    assert "Tipos de comité:" in text and "CICCI" in text


def test_saving_modality_rules_is_undone_as_one_operation(db: Database) -> None:
    from mipg_desktop.history import perform, undo
    from mipg_desktop.scopes import committee_scope

    cicci = create_from_type(db, "CICCI")
    before = views.get_committee(db, cicci.id).rules
    assert before is not None
    never = [{"modality": "virtual", "allowed": "never", "condition": "", "source": ""}]
    perform(
        db,
        "Modalidades del reglamento",
        committee_scope(cicci.id),
        lambda: save_modality_rules(db, cicci.id, never, expected_version=before.version),
    )
    assert views.get_committee(db, cicci.id).rules.modality_rules == tuple(never)  # type: ignore[union-attr]
    undo(db)
    assert views.get_committee(db, cicci.id).rules.modality_rules == before.modality_rules  # type: ignore[union-attr]
