"""Documents from real committee data: the adapter, the CLI, and what the secretary reads."""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path

import pytest
from test_committees_support import VOTING, Cigd, build_cigd, names

from mipg_desktop.committees.agenda import add_agenda_item, add_attachment
from mipg_desktop.committees.approval import approve_minutes
from mipg_desktop.committees.attendance import add_guest, set_attendance, verify_quorum
from mipg_desktop.committees.commitments import add_commitment
from mipg_desktop.committees.minutes import save_deliberation
from mipg_desktop.committees.sessions import convene, create_session, set_status
from mipg_desktop.committees.votes import record_decision
from mipg_desktop.documents import inspect, samples
from mipg_desktop.documents.convocation_pdf import render_convocation
from mipg_desktop.documents.from_session import load_convocation, load_minutes, load_pack
from mipg_desktop.documents.minutes_pdf import render_minutes
from mipg_desktop.documents.pack_pdf import render_pack
from mipg_desktop.storage.database import Database


def flat(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(inspect.page_texts(pdf)))


def first_session(db: Database, cigd: Cigd) -> int:
    s = create_session(db, cigd.committee_id, date(2026, 3, 12), start_time=time(9, 0))
    convene(db, s.id, convened_on=date(2026, 3, 2))
    for name in names(5):
        set_attendance(db, s.id, cigd.members[name], "present", expected_version=None)
    verify_quorum(db, s.id)
    set_status(db, s.id, "held")
    item = add_agenda_item(db, s.id, "Seguimiento al Plan de Acción 2026", presenter="Planeación")
    save_deliberation(
        db, item.id, "Se presentó un **avance del 45 %**.", expected_version=item.version
    )
    add_commitment(db, s.id, "Publicar el informe en la web", "Oficina TIC", date(2026, 4, 30))
    set_status(db, s.id, "minutes_draft")
    set_status(db, s.id, "under_review")
    approve_minutes(db, s.id, approved_by="Comité en sesión No. 02")
    return s.id


def second_session(db: Database, cigd: Cigd) -> int:
    s = create_session(
        db, cigd.committee_id, date(2026, 6, 18), start_time=time(14, 0), end_time=time(16, 0)
    )
    convene(db, s.id, convened_on=date(2026, 6, 5))
    for name in names(3):
        set_attendance(db, s.id, cigd.members[name], "present", expected_version=None)
    set_attendance(
        db, s.id, cigd.members[names(4)[3]], "present", remote=True, expected_version=None
    )
    set_attendance(
        db,
        s.id,
        cigd.members[VOTING[4][0]],
        "delegated",
        "Camilo Torres",
        "Asesor de Turismo",
        arrival_time=time(14, 25),
        expected_version=None,
    )
    set_attendance(db, s.id, cigd.members[VOTING[5][0]], "excused", expected_version=None)
    set_attendance(db, s.id, cigd.control_interno, "present", expected_version=None)
    add_guest(db, s.id, "Rosa Elvira Cárdenas", "Contratista", "Gobernación <Boyacá> & Cía")
    verify_quorum(db, s.id)
    set_status(db, s.id, "held")
    item = add_agenda_item(
        db, s.id, "Informe FURAG <2025> & plan de mejora", presenter="Control Interno"
    )
    save_deliberation(
        db,
        item.id,
        "Resultados por *política*:\n- Gestión documental: 61,2\n- Transparencia: 78,4",
        expected_version=item.version,
    )
    record_decision(db, s.id, "Adoptar el plan de mejora FURAG", 4, 1, 0, agenda_item_id=item.id)
    add_commitment(db, s.id, "Formular el plan de mejora", "Planeación", date(2026, 8, 31))
    add_attachment(
        db, item.id, "informe_furag.pdf", samples.sample_pdf(2, "FURAG"), "application/pdf"
    )
    add_attachment(db, item.id, "roto.pdf", b"%PDF-1.4 roto", "application/pdf")
    add_attachment(db, item.id, "matriz.xlsx", b"PK\x03\x04 hoja")
    return s.id


@pytest.fixture
def sessions(db: Database) -> tuple[Database, int, int]:
    cigd = build_cigd(db)
    return db, first_session(db, cigd), second_session(db, cigd)


def test_minutes_from_committee_data(sessions: tuple[Database, int, int]) -> None:
    db, first, second = sessions
    draft = flat(render_minutes(load_minutes(db, second)))
    assert "ACTA No. 02 de 2026 (BORRADOR)" in draft
    assert "Camilo Torres" in draft and "en representación de Paola Andrea Méndez" in draft
    assert "Hernán Darío López" in draft and "Con excusa" in draft
    assert "Rosa Elvira Cárdenas" in draft and "Gobernación <Boyacá> & Cía" in draft
    assert "Gloria Inés Parra" in draft
    assert "Informe FURAG <2025> & plan de mejora" in draft
    assert "Gestión documental: 61,2" in draft and "*" not in draft.split("Desarrollo")[1][:400]
    assert "Votación: 4 a favor, 1 en contra, 0 abstenciones." in draft
    assert "Formular el plan de mejora" in draft and "31/08/2026" in draft
    remote = VOTING[3]  # present through the platform, on time
    assert f"{remote[1]}. Asistió de forma virtual." in draft
    assert "(en representación de Paola Andrea Méndez" in draft
    assert "Llegó a las 2:25 p. m." in draft  # after the 2:00 p. m. start
    assert draft.count("Asistió de forma virtual") == 1 and draft.count("Llegó a las") == 1
    approved = load_minutes(db, first)
    assert approved.approval is not None and len(approved.approval.sha256) == 64
    text = flat(render_minutes(approved))
    assert "BORRADOR" not in text and approved.approval.sha256 in text


def test_convocation_and_pack_from_committee_data(sessions: tuple[Database, int, int]) -> None:
    db, _first, second = sessions
    text = flat(render_convocation(load_convocation(db, second)))
    assert "jueves, 18 de junio de 2026" in text and "2:00 p. m. a 4:00 p. m." in text
    pack_pdf = render_pack(load_pack(db, second))
    text = flat(pack_pdf)
    assert "Acta anterior para aprobación: Acta No. 01 de 2026" in text
    assert "Publicar el informe en la web" in text  # the open commitment of the last session
    assert "FURAG — hoja 2" in text
    assert "roto.pdf" in text and "Omitido" in text and "matriz.xlsx" in text
    assert all(inspect.fonts(pack_pdf).values())


def run_render(argv: list[str]) -> int:
    """``mipg render`` through its own module (independent of the other commands)."""
    import argparse

    from mipg_desktop.cli import cmd_render

    parser = argparse.ArgumentParser(prog="mipg")
    parser.add_argument("--db")
    cmd_render.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    code: int = args.run(args)
    return code


def test_cli_render_writes_each_document(
    sessions: tuple[Database, int, int],
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from mipg_desktop.errors import MipgError

    _db, _first, second = sessions
    for document in ("agenda", "minutes", "pack"):
        target = tmp_path / f"{document}.pdf"
        argv = ["--db", db_url, "render", document, str(second), "-o", str(target)]
        assert run_render([*argv, "--paper", "a4"]) == 0
        assert target.read_bytes().startswith(b"%PDF")
        assert str(target) in capsys.readouterr().out
    missing = tmp_path / "nada.pdf"
    with pytest.raises(MipgError):
        run_render(["--db", db_url, "render", "minutes", "9999", "-o", str(missing)])
    assert not missing.exists()
    assert not list(tmp_path.glob(".mipg-*"))
