"""At approval: the acta lists «Observaciones recibidas», frozen; tacit approval and review."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select
from test_committees_package import other_db  # noqa: F401  (fixture)
from test_review_secretary import _three_responses, draft  # noqa: F401  (fixture)

from mipg_desktop.cli import main
from mipg_desktop.committees.approval import approve_minutes, verify_approved
from mipg_desktop.committees.review import import_response, review_observations
from mipg_desktop.committees.review_actions import (
    accept_observation,
    mark_answered,
    reject_observation,
)
from mipg_desktop.committees.sessions import set_status
from mipg_desktop.errors import ValidationError
from mipg_desktop.models.committees import CommitteeRules
from mipg_desktop.models.sessions import CommitteeSession
from mipg_desktop.storage.database import Database


def _pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(out.stdout.split())


def _merge(db: Database, made: tuple[int, Path, Path], tmp_path: Path) -> int:
    sid, first, second = made
    for response in _three_responses(first, second, tmp_path):
        import_response(db, response)
    found = {o.target_kind: o for o in review_observations(db, sid)}
    accept_observation(db, found["decision"].id, found["decision"].version)
    reject_observation(db, found["commitment"].id, "Lo publica TIC.", found["commitment"].version)
    mark_answered(db, found["deliberation"].id, "", found["deliberation"].version)
    return sid


def test_the_approved_acta_lists_the_observations_received_and_never_changes(
    db: Database,
    db_url: str,
    draft: tuple[int, Path, Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    from mipg_desktop.committees.approval import approval_preview

    sid = _merge(db, draft, tmp_path)
    set_status(db, sid, "under_review")
    assert approval_preview(db, sid).open_observations == 1  # Ana's remark on the acta
    approve_minutes(db, sid, approved_by="Comité")
    assert verify_approved(db, sid)
    one, two = tmp_path / "acta1.pdf", tmp_path / "acta2.pdf"
    assert main(["--db", db_url, "render", "minutes", str(sid), "-o", str(one)]) == 0
    assert main(["--db", db_url, "render", "minutes", str(sid), "-o", str(two)]) == 0
    assert one.read_bytes() == two.read_bytes()
    text = _pdf_text(one)
    assert "Observaciones recibidas" in text
    assert "Carlos Andrés Gómez: sin observaciones." in text
    assert "Luz Marina Castro: 2 observaciones (1 acogida, 1 no acogida)." in text
    assert "Ana María Rojas Pérez: 2 observaciones (1 atendida, 1 pendiente)." in text
    assert "Aprobar el informe de avance" in text  # the accepted wording
    with db.transaction(False) as s:
        row = s.get(CommitteeSession, sid)
        assert row is not None and row.status == "approved"


def test_tacit_approval_waits_for_every_observation_to_be_resolved(
    db: Database,
    draft: tuple[int, Path, Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    from mipg_desktop.committees.committees import save_rules
    from mipg_desktop.committees.tacit import approve_tacitly, tacit_approval_date

    sid = _merge(db, draft, tmp_path)
    with db.transaction(False) as s:
        row = s.get(CommitteeSession, sid)
        assert row is not None
        committee_id = row.committee_id
        rules = s.scalars(
            select(CommitteeRules).where(CommitteeRules.committee_id == committee_id)
        ).one()
        version = rules.version
    save_rules(db, committee_id, expected_version=version, tacit_approval_days=2)
    set_status(db, sid, "under_review")
    due = tacit_approval_date(db, sid)
    assert due is not None
    with pytest.raises(ValidationError, match="Hay 1 observación de los integrantes sin resolver"):
        approve_tacitly(db, sid, today=due)
    left = next(o for o in review_observations(db, sid) if o.status == "open")
    mark_answered(db, left.id, "Se agrega la hora.", left.version)
    info = approve_tacitly(db, sid, today=due)
    assert "observaciones resueltas" in info.approved_by


def test_the_next_sessions_pack_carries_every_observation_on_the_acta(
    db: Database,
    db_url: str,
    draft: tuple[int, Path, Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    from datetime import date

    from mipg_desktop.committees.sessions import create_session

    sid = _merge(db, draft, tmp_path)
    with db.transaction(False) as s:
        row = s.get(CommitteeSession, sid)
        assert row is not None
        committee_id = row.committee_id
    following = create_session(db, committee_id, date(2026, 4, 16))
    pack = tmp_path / "paquete.pdf"
    assert main(["--db", db_url, "render", "pack", str(following.id), "-o", str(pack)]) == 0
    text = _pdf_text(pack)
    assert "Observaciones de los integrantes al Acta No. 01" in text
    assert "Luz Marina Castro" in text and "¿Quién lo publica?" in text
    assert "No acogida el" in text and "Respuesta: Lo publica TIC." in text
    assert "Redacción propuesta: Aprobar el informe de avance" in text
    # a deliberation's wording printed as the acta would print it: no markup characters
    assert "Se presentó el avance del plan de acción." in text and "**" not in text
    assert "Resolución: Pendiente" in text  # Ana's remark on the acta as a whole
    # Ana read an older draft (twice flagged); Luz's accepted wording replaced what she read
    assert text.count("El texto cambió después de que el integrante lo leyó.") == 2


def test_an_approved_acta_with_observations_imports_elsewhere_unchanged(
    db: Database,
    other_db: Database,  # noqa: F811
    draft: tuple[int, Path, Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    from mipg_desktop.committees.package import export_session, import_session
    from mipg_desktop.committees.views import get_session_detail

    sid = _merge(db, draft, tmp_path)
    set_status(db, sid, "under_review")
    approve_minutes(db, sid, approved_by="Comité")
    here = get_session_detail(db, sid).review
    package = export_session(db, sid, tmp_path / "aprobada.mipgsesion").path
    result = import_session(other_db, package)
    assert result.action == "created"
    assert verify_approved(other_db, result.session_id)
    there = get_session_detail(other_db, result.session_id)
    assert there.status == "approved" and there.review == here
    assert import_session(other_db, package).action == "unchanged"


def test_a_proposed_deliberation_prints_formatted_as_the_deliberation_does(
    db: Database,
    db_url: str,
    draft: tuple[int, Path, Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    """A wording proposed for a deliberation is markup (bold, italics, lists): the pack
    prints it formatted, never with the asterisks the secretary never typed."""
    from datetime import date

    from test_review_secretary import _member, _target

    from mipg_desktop.committees.review_package import open_for_review
    from mipg_desktop.committees.review_response import ObservationDraft, write_response
    from mipg_desktop.committees.sessions import create_session

    sid, _first, second = draft
    review = open_for_review(second)
    wording = "Se presentó el **avance** del plan, con *plan de choque*:\n\n- Meta 1\n- Meta 2"
    write_response(
        review,
        _member(review, "Luz Marina Castro"),
        [ObservationDraft("deliberation", _target(review, "deliberation", "Avance"), "", wording)],
        tmp_path / "luz.mipgrespuesta",
    )
    import_response(db, tmp_path / "luz.mipgrespuesta")
    with db.transaction(False) as s:
        row = s.get(CommitteeSession, sid)
        assert row is not None
        committee_id = row.committee_id
    following = create_session(db, committee_id, date(2026, 4, 16))
    pack = tmp_path / "paquete.pdf"
    assert main(["--db", db_url, "render", "pack", str(following.id), "-o", str(pack)]) == 0
    text = _pdf_text(pack)
    assert "Se presentó el avance del plan, con plan de choque:" in text
    assert "**" not in text and "*plan" not in text
    assert "• Meta 1" in text and "• Meta 2" in text
