"""The member's side of the review: a package opened for review, a response file written."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from test_committees_package import full_session

from mipg_desktop.committees.package import PackageRefused, export_session
from mipg_desktop.committees.review_package import open_for_review
from mipg_desktop.committees.review_response import (
    ObservationDraft,
    ResponseRefused,
    read_response,
    write_response,
)
from mipg_desktop.committees.sessions import set_status
from mipg_desktop.errors import ValidationError
from mipg_desktop.storage.database import Database


@pytest.fixture
def package(db: Database, tmp_path: Path) -> Path:
    sid = full_session(db)
    set_status(db, sid, "minutes_draft")
    return export_session(db, sid, tmp_path / "borrador.mipgsesion").path


def test_a_package_opens_for_review_with_its_texts_and_members(package: Path) -> None:
    review = open_for_review(package)
    assert review.session_title == "Acta No. 01 de 2026"
    labels = [(t.kind, t.label) for t in review.targets]
    assert labels[0] == ("acta", "El acta en su conjunto")
    start = labels.index(("deliberation", "Punto 3. Avance del Plan de Acción — Desarrollo"))
    assert labels[start + 1 : start + 4] == [
        ("decision", "Punto 3. Avance del Plan de Acción — Decisión 1"),
        ("commitment", "Punto 3. Avance del Plan de Acción — Compromiso 1"),
        ("deliberation", "Punto 3.1. Metas rezagadas — Desarrollo"),
    ]
    assert review.targets[start].text.startswith("Se presentó el **avance**")
    assert review.targets[start + 1].item_uid == review.targets[start].uid
    names = [m.full_name for m in review.members]
    assert "Mauricio Ortiz Rincón" in names and "Gloria Inés Parra" in names
    assert len(review.session_version) == 64
    assert open_for_review(package).session_version == review.session_version


def test_a_damaged_package_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "x.mipgsesion"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(PackageRefused):
        open_for_review(bad)


def test_a_response_is_written_and_read_back(package: Path, tmp_path: Path) -> None:
    review = open_for_review(package)
    member = review.members[0]
    decision = next(t for t in review.targets if t.kind == "decision")
    when = datetime(2026, 3, 14, 15, 30)
    out = write_response(
        review,
        member.uid,
        [
            ObservationDraft("acta", review.session_uid, "Falta la hora de cierre.", None),
            ObservationDraft(decision.kind, decision.uid, "", "Aprobar el informe de avance", when),
        ],
        tmp_path / "r.mipgrespuesta",
    )
    read = read_response(out)
    assert read.response["member_name"] == member.full_name
    assert read.response["session_uid"] == review.session_uid
    assert read.response["session_version"] == review.session_version
    first, second = read.observations
    assert first["comment"] == "Falta la hora de cierre." and first["proposed_text"] is None
    assert second["text_seen"] == "Aprobar el informe"
    assert second["created_at"] == "2026-03-14T15:30:00"
    assert not list(tmp_path.glob("*.parcial"))


def test_the_member_side_refuses_what_it_cannot_send(package: Path, tmp_path: Path) -> None:
    review = open_for_review(package)
    uid = review.members[0].uid
    out = tmp_path / "r.mipgrespuesta"
    acta = ObservationDraft("acta", review.session_uid, "Bien", None)
    with pytest.raises(ValidationError, match="no integra el comité"):
        write_response(review, "00000000-0000-0000-0000-000000000000", [acta], out)
    with pytest.raises(ValidationError, match="sin observaciones"):
        write_response(review, uid, [], out)
    with pytest.raises(ValidationError, match="sin observaciones"):
        write_response(review, uid, [acta], out, no_observations=True)
    with pytest.raises(ValidationError, match="no está en el acta"):
        write_response(
            review, uid, [ObservationDraft("decision", review.session_uid, "x", None)], out
        )
    with pytest.raises(ValidationError, match="no una redacción"):
        write_response(review, uid, [ObservationDraft("acta", review.session_uid, "", "x")], out)
    assert not out.exists()
    write_response(review, uid, [], out, no_observations=True)
    assert read_response(out).response["no_observations"] is True


def test_a_tampered_or_oversize_response_is_refused(package: Path, tmp_path: Path) -> None:
    review = open_for_review(package)
    out = write_response(
        review,
        review.members[0].uid,
        [ObservationDraft("acta", review.session_uid, "Bien", None)],
        tmp_path / "r.mipgrespuesta",
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    data["content"]["observations"][0]["comment"] = "Otra cosa"
    tampered = tmp_path / "t.mipgrespuesta"
    tampered.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ResponseRefused, match="alterado"):
        read_response(tampered)
    big = tmp_path / "big.mipgrespuesta"
    with big.open("wb") as handle:
        handle.truncate(9 * 1024 * 1024)
    with pytest.raises(ResponseRefused, match="pesa más"):
        read_response(big)
    junk = tmp_path / "junk.mipgrespuesta"
    junk.write_bytes(b"\xff\xfe{")
    with pytest.raises(ResponseRefused, match="no es un archivo de respuesta"):
        read_response(junk)


def test_the_response_file_is_what_its_schema_describes(package: Path, tmp_path: Path) -> None:
    from mipg_desktop.committees.record_schema import schema_problems
    from mipg_desktop.committees.review_schema import OBSERVATIONS, RESPONSE, RESPONSE_RECORDS
    from mipg_desktop.committees.session_schema_doc import response_tables

    assert [p for r in RESPONSE_RECORDS for p in schema_problems(r)] == []
    review = open_for_review(package)
    target = next(t for t in review.targets if t.kind == "decision")
    out = write_response(
        review,
        review.members[0].uid,
        [ObservationDraft(target.kind, target.uid, "Ajustar", "Otro texto")],
        tmp_path / "r.mipgrespuesta",
    )
    content = json.loads(out.read_text(encoding="utf-8"))["content"]
    assert set(content["response"]) == set(RESPONSE.keys)
    assert set(content["observations"][0]) == set(OBSERVATIONS.keys)
    doc = (Path(__file__).resolve().parents[1] / "docs" / "session-package.md").read_text(
        encoding="utf-8"
    )
    assert response_tables() in doc  # regenerate: python -m ...session_schema_doc docs/...


def _rehashed(path: Path, out: Path, edit: Any) -> Path:
    """The response with its content edited and its hash recomputed (only the schema can
    tell)."""
    import hashlib

    from mipg_desktop.committees.package import canonical_json

    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data["content"])
    data["content_sha256"] = hashlib.sha256(canonical_json(data["content"])).hexdigest()
    out.write_text(json.dumps(data), encoding="utf-8")
    return out


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda c: c["observations"][0].update(target_kind="otro"), "valor no permitido"),
        (lambda c: c["observations"][0].update(comment=7), "falta o no es válido"),
        (lambda c: c["observations"][0].update(text_seen="x" * 200_001), "excede el tamaño"),
        (lambda c: c["observations"][0].pop("created_at"), "falta o no es válido"),
        (lambda c: c["response"].update(no_observations=True), "sin observaciones"),
        (lambda c: c["response"].update(member_uid="../../etc"), "falta o no es válido"),
        (lambda c: c["observations"].append(dict(c["observations"][0])), "repetidos"),
        (lambda c: c["observations"].extend([c["observations"][0]] * 500), "pasa de 500"),
        (lambda c: c.update(extra=1), "estructura esperada"),
    ],
)
def test_a_response_that_breaks_its_schema_is_refused(
    package: Path, tmp_path: Path, edit: Any, message: str
) -> None:
    review = open_for_review(package)
    good = write_response(
        review,
        review.members[0].uid,
        [ObservationDraft("acta", review.session_uid, "Bien", None)],
        tmp_path / "r.mipgrespuesta",
    )
    bad = _rehashed(good, tmp_path / "mala.mipgrespuesta", edit)
    with pytest.raises(ResponseRefused, match=message):
        read_response(bad)
