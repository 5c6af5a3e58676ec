"""The secretary's side: members' responses merged, observations resolved, with undo."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from test_committees_package import full_session
from test_committees_support import item_version

from mipg_desktop.committees.minutes import save_deliberation
from mipg_desktop.committees.package import export_session
from mipg_desktop.committees.review import (
    import_response,
    responses_summary,
    review_observations,
)
from mipg_desktop.committees.review_actions import (
    accept_observation,
    mark_answered,
    reject_observation,
)
from mipg_desktop.committees.review_package import ReviewMember, ReviewPackage, open_for_review
from mipg_desktop.committees.review_response import (
    ObservationDraft,
    ResponseRefused,
    write_response,
)
from mipg_desktop.committees.sessions import set_status
from mipg_desktop.errors import MipgError, ReadOnlyRecord, ValidationError
from mipg_desktop.history import undo
from mipg_desktop.models.audit import AuditEntry
from mipg_desktop.models.minutes import Decision
from mipg_desktop.models.review import ReviewObservation, ReviewResponse
from mipg_desktop.models.sessions import AgendaItem
from mipg_desktop.storage.database import Database

T1 = datetime(2026, 3, 13, 9, 0)
T2 = datetime(2026, 3, 14, 16, 45)
T3 = datetime(2026, 3, 15, 8, 10)


def _member(review: ReviewPackage, name: str) -> str:
    return next(m.uid for m in review.members if m.full_name == name)


def _target(review: ReviewPackage, kind: str, label_part: str = "") -> str:
    return next(t.uid for t in review.targets if t.kind == kind and label_part in t.label)


def _plan_item(db: Database, sid: int) -> AgendaItem:
    with db.transaction(False) as s:
        return s.scalars(
            select(AgendaItem).where(
                AgendaItem.session_id == sid, AgendaItem.title == "Avance del Plan de Acción"
            )
        ).one()


def _counts(db: Database) -> tuple[int, int, int]:
    with db.transaction(False) as s:
        return (
            int(s.scalar(select(func.count()).select_from(ReviewResponse)) or 0),
            int(s.scalar(select(func.count()).select_from(ReviewObservation)) or 0),
            int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0),
        )


@pytest.fixture
def draft(db: Database, tmp_path: Path) -> tuple[int, Path, Path]:
    """A draft exported twice: the plan item's deliberation changed between the two."""
    sid = full_session(db)
    set_status(db, sid, "minutes_draft")
    first = export_session(db, sid, tmp_path / "v1.mipgsesion").path
    item = _plan_item(db, sid)
    save_deliberation(
        db,
        item.id,
        "Se presentó el avance del plan, con corrección.",
        expected_version=item.version,
    )
    second = export_session(db, sid, tmp_path / "v2.mipgsesion").path
    return sid, first, second


def _three_responses(first: Path, second: Path, out: Path) -> tuple[Path, Path, Path]:
    old, new = open_for_review(first), open_for_review(second)
    assert old.session_version != new.session_version
    ana = write_response(
        old,
        _member(old, "Ana María Rojas Pérez"),
        [
            ObservationDraft(
                "deliberation",
                _target(old, "deliberation", "Avance"),
                "Redactar mejor",
                "Se presentó el **avance** del plan de acción.",
                T1,
            ),
            ObservationDraft("acta", old.session_uid, "Falta la hora de cierre.", None, T1),
        ],
        out / "ana.mipgrespuesta",
    )
    carlos = write_response(
        old,
        _member(old, "Carlos Andrés Gómez"),
        [],
        out / "carlos.mipgrespuesta",
        no_observations=True,
    )
    luz = write_response(
        new,
        _member(new, "Luz Marina Castro"),
        [
            ObservationDraft(
                "decision", _target(new, "decision"), "", "Aprobar el informe de avance", T3
            ),
            ObservationDraft(
                "commitment", _target(new, "commitment"), "¿Quién lo publica?", None, T2
            ),
        ],
        out / "luz.mipgrespuesta",
    )
    return ana, carlos, luz


def test_three_members_responses_merge_into_the_draft(
    db: Database, draft: tuple[int, Path, Path], tmp_path: Path
) -> None:
    sid, first, second = draft
    ana, carlos, luz = _three_responses(first, second, tmp_path)
    luz_in = import_response(db, luz, session_id=sid)  # any order
    ana_in = import_response(db, ana)
    carlos_in = import_response(db, carlos)
    assert (luz_in.observations, luz_in.older_draft) == (2, False)
    assert (ana_in.observations, ana_in.older_draft, ana_in.member_name) == (
        2,
        True,
        "Ana María Rojas Pérez",
    )
    assert carlos_in.no_observations and carlos_in.observations == 0

    found = review_observations(db, sid)
    by = {(o.member_name, o.target_kind): o for o in found}
    assert len(found) == 4
    wording = by[("Ana María Rojas Pérez", "deliberation")]
    assert wording.changed_since  # the text changed after Ana read it
    assert wording.text_seen.startswith("Se presentó el **avance**")
    assert wording.text_now == "Se presentó el avance del plan, con corrección."
    assert wording.item_id == _plan_item(db, sid).id
    assert wording.created_at == T1 and wording.status == "open"
    assert by[("Ana María Rojas Pérez", "acta")].changed_since  # an older draft
    decision = by[("Luz Marina Castro", "decision")]
    assert not decision.changed_since and decision.created_at == T3
    assert decision.target_label == "Punto 3. Avance del Plan de Acción — Decisión 1"
    assert not by[("Luz Marina Castro", "commitment")].changed_since
    # in the acta's reading order: the acta, then the item's deliberation, decision, commitment
    assert [o.target_kind for o in found] == ["acta", "deliberation", "decision", "commitment"]

    summary = {s.member_name: s for s in responses_summary(db, sid)}
    assert set(summary) == {"Ana María Rojas Pérez", "Carlos Andrés Gómez", "Luz Marina Castro"}
    assert summary["Carlos Andrés Gómez"].no_observations
    assert (summary["Luz Marina Castro"].observations, summary["Luz Marina Castro"].open) == (2, 2)

    # the same response again changes nothing
    before = _counts(db)
    again = import_response(db, luz)
    assert again.already_imported and again.observations == 0
    assert _counts(db) == before


def test_accepting_a_wording_changes_the_draft_and_undo_restores_it(
    db: Database, draft: tuple[int, Path, Path], tmp_path: Path
) -> None:
    sid, first, second = draft
    _ana, _carlos, luz = _three_responses(first, second, tmp_path)
    import_response(db, luz)
    obs = next(o for o in review_observations(db, sid) if o.target_kind == "decision")
    done = accept_observation(db, obs.id, obs.version)
    assert done.status == "accepted" and done.text_now == "Aprobar el informe de avance"
    assert not done.changed_since  # the text changed by this acceptance, not before it
    with db.transaction(False) as s:
        assert s.scalars(select(Decision.text).where(Decision.session_id == sid)).one() == (
            "Aprobar el informe de avance"
        )
        stored = s.get(ReviewObservation, obs.id)
        assert stored is not None and stored.replaced_text == "Aprobar el informe"
    with pytest.raises(ValidationError, match="ya fue resuelta"):
        mark_answered(db, obs.id, "", done.version)
    undo(db)
    with db.transaction(False) as s:
        assert s.scalars(select(Decision.text).where(Decision.session_id == sid)).one() == (
            "Aprobar el informe"
        )
    back = next(o for o in review_observations(db, sid) if o.id == obs.id)
    assert back.status == "open" and back.reply == ""


def test_reject_needs_a_reply_and_approval_freezes_the_review(
    db: Database, draft: tuple[int, Path, Path], tmp_path: Path
) -> None:
    sid, first, second = draft
    ana, _carlos, luz = _three_responses(first, second, tmp_path)
    import_response(db, luz)
    obs = review_observations(db, sid)
    decision = next(o for o in obs if o.target_kind == "decision")
    commitment = next(o for o in obs if o.target_kind == "commitment")
    with pytest.raises(ValidationError, match="Escriba la respuesta"):
        reject_observation(db, decision.id, "  ", decision.version)
    rejected = reject_observation(db, decision.id, "La decisión se votó así.", decision.version)
    assert (rejected.status, rejected.reply) == ("rejected", "La decisión se votó así.")
    answered = mark_answered(db, commitment.id, "", commitment.version)
    assert answered.status == "answered" and answered.resolved_at is not None
    from mipg_desktop.committees.approval import approve_minutes

    set_status(db, sid, "under_review")
    approve_minutes(db, sid, approved_by="Comité")
    with pytest.raises(ReadOnlyRecord):
        mark_answered(db, rejected.id, "", rejected.version)
    before = _counts(db)
    with pytest.raises(MipgError) as late:
        import_response(db, ana)
    said = str(late.value)
    assert said.startswith("Respuesta rechazada:") and "ya está aprobada" in said, said
    assert _counts(db) == before


def test_responses_it_cannot_take_are_refused_and_change_nothing(
    db: Database, draft: tuple[int, Path, Path], tmp_path: Path
) -> None:
    sid, first, _second = draft
    review = open_for_review(first)
    acta = [ObservationDraft("acta", review.session_uid, "Bien", None)]
    stranger = ReviewMember(str(uuid.uuid4()), "Persona Ajena", "Integrante con voto")
    faked = dataclasses.replace(review, members=[*review.members, stranger])
    outsider = write_response(faked, stranger.uid, acta, tmp_path / "ajena.mipgrespuesta")
    elsewhere = write_response(
        dataclasses.replace(review, session_uid=str(uuid.uuid4())),
        review.members[0].uid,
        acta,
        tmp_path / "otra.mipgrespuesta",
    )
    good = write_response(review, review.members[0].uid, acta, tmp_path / "buena.mipgrespuesta")
    before = _counts(db)
    with pytest.raises(ResponseRefused, match="Persona Ajena no integra el comité"):
        import_response(db, outsider)
    with pytest.raises(ResponseRefused, match="sesión que no es esta"):
        import_response(db, elsewhere)
    with pytest.raises(ResponseRefused, match="sesión que no es esta"):
        import_response(db, good, session_id=sid + 1000)
    tampered = tmp_path / "alterada.mipgrespuesta"
    tampered.write_text(good.read_text(encoding="utf-8").replace("Bien", "Mal"), encoding="utf-8")
    with pytest.raises(ResponseRefused, match="alterado"):
        import_response(db, tampered)
    big = tmp_path / "grande.mipgrespuesta"
    big.write_bytes(b" " * (9 * 1024 * 1024))
    with pytest.raises(ResponseRefused, match="pesa más"):
        import_response(db, big)
    assert _counts(db) == before
    assert item_version(db, _plan_item(db, sid).id) == _plan_item(db, sid).version


def test_a_response_saved_again_brings_only_what_is_new(
    db: Database, draft: tuple[int, Path, Path], tmp_path: Path
) -> None:
    """The member saves, sends, goes on writing and sends again: the second file carries
    the first observations with the same uids (the window's draft ids), so nothing doubles;
    an open one takes its new wording, a resolved one stays resolved."""
    sid, _first, second = draft
    review = open_for_review(second)
    luz = _member(review, "Luz Marina Castro")
    ids = [uuid.uuid4().hex for _ in range(3)]
    on_decision = ObservationDraft(
        "decision", _target(review, "decision"), "Aclarar", None, T1, uid=ids[0]
    )
    on_commitment = ObservationDraft(
        "commitment", _target(review, "commitment"), "¿Quién?", None, T1, uid=ids[1]
    )
    write_response(review, luz, [on_decision, on_commitment], tmp_path / "1.mipgrespuesta")
    assert import_response(db, tmp_path / "1.mipgrespuesta").observations == 2
    answered = next(o for o in review_observations(db, sid) if o.target_kind == "commitment")
    mark_answered(db, answered.id, "La Secretaría", expected_version=answered.version)

    later = [
        dataclasses.replace(on_decision, comment="Aclarar el alcance de la decisión"),
        dataclasses.replace(on_commitment, comment="¿Quién lo publica y cuándo?"),
        ObservationDraft("acta", review.session_uid, "Falta la hora de cierre.", None, T2, ids[2]),
    ]
    write_response(review, luz, later, tmp_path / "2.mipgrespuesta")
    result = import_response(db, tmp_path / "2.mipgrespuesta")
    assert (result.observations, result.repeated, result.updated) == (1, 2, 1)
    assert result.not_applied == 1  # the answered one, worded again: said, not applied

    found = {o.target_kind: o for o in review_observations(db, sid)}
    assert len(review_observations(db, sid)) == 3
    assert found["decision"].comment == "Aclarar el alcance de la decisión"
    assert found["decision"].status == "open"
    assert (found["commitment"].comment, found["commitment"].status) == ("¿Quién?", "answered")
    assert found["acta"].comment == "Falta la hora de cierre."
    again = import_response(db, tmp_path / "2.mipgrespuesta")
    assert again.already_imported and len(review_observations(db, sid)) == 3


def test_an_observation_uid_of_another_member_is_refused(
    db: Database, draft: tuple[int, Path, Path], tmp_path: Path
) -> None:
    _sid, _first, second = draft
    review = open_for_review(second)
    shared = uuid.uuid4().hex
    for name, file in (("Luz Marina Castro", "a"), ("Ana María Rojas Pérez", "b")):
        write_response(
            review,
            _member(review, name),
            [ObservationDraft("acta", review.session_uid, "Nota", None, T1, uid=shared)],
            tmp_path / f"{file}.mipgrespuesta",
        )
    import_response(db, tmp_path / "a.mipgrespuesta")
    before = _counts(db)
    with pytest.raises(MipgError, match="otra respuesta"):
        import_response(db, tmp_path / "b.mipgrespuesta")
    assert _counts(db) == before
