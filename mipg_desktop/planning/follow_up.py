"""Quarterly follow-up of one activity: progress, evidence files, Control Interno's rating."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from mipg_desktop.audit import record
from mipg_desktop.errors import NotFound, ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.plans import (
    ActivityProgress,
    ControlRating,
    EvidenceBlob,
    EvidenceFile,
    PlanActivity,
)
from mipg_desktop.planning.plans import QuarterInfo, RatingInfo, _quarter_info

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.storage.database import Database

MAX_EVIDENCE_BYTES = 50 * 1024 * 1024


def _activity(session: Session, activity_id: int) -> PlanActivity:
    # locked for this transaction (PostgreSQL): writers of one activity take turns, and what
    # they read next is as stored now
    activity = session.get(PlanActivity, activity_id, with_for_update=True)
    if activity is None:
        raise NotFound(_("No existe la actividad {id}.").format(id=activity_id))
    return activity


def _stored_quarter(session: Session, activity_id: int, quarter: int) -> ActivityProgress | None:
    return session.scalar(
        select(ActivityProgress)
        .where(ActivityProgress.activity_id == activity_id, ActivityProgress.quarter == quarter)
        .execution_options(populate_existing=True)
    )


def _quarter_row(session: Session, activity_id: int, quarter: int) -> ActivityProgress:
    if quarter not in (1, 2, 3, 4):
        raise ValidationError(_("El trimestre debe ser 1, 2, 3 o 4."))
    _activity(session, activity_id)
    row = _stored_quarter(session, activity_id, quarter)
    if row is None:
        row = ActivityProgress(activity_id=activity_id, quarter=quarter)
        session.add(row)
        session.flush()
    return row


PROGRESS_FIELDS = ("planned", "executed", "progress", "evidence", "remarks")


def record_progress(
    db: Database,
    activity_id: int,
    quarter: int,
    *,
    expected_version: int | None,
    base: dict[str, Any] | None = None,
    **values: Any,
) -> QuarterInfo:
    """Set the fields given of a quarter's follow-up (``planned``, ``executed``,
    ``progress`` — the cumulative fraction 0–1 —, ``evidence``, ``remarks``); the others
    keep what they hold. ``expected_version``: the quarter's version as read (None: nothing
    was recorded for it yet)."""
    from mipg_desktop.committees.common import check_fields, check_version, unit_of_work

    unknown = set(values) - set(PROGRESS_FIELDS)
    if unknown:
        raise ValidationError(_("Campo desconocido: {field}").format(field=", ".join(unknown)))
    progress = values.get("progress")
    if progress is not None and not 0 <= progress <= 1:
        raise ValidationError(_("El avance debe estar entre 0 % y 100 %."))
    with unit_of_work(db) as session:
        _activity(session, activity_id)
        existed = _stored_quarter(session, activity_id, quarter) is not None
        row = _quarter_row(session, activity_id, quarter)
        if existed:
            check_fields(row, expected_version, {k: getattr(row, k) for k in values}, base)
        else:
            check_version(0, expected_version)  # it was read before anything was recorded
        before = {k: getattr(row, k) for k in values}
        for key, value in values.items():
            setattr(row, key, value)
        session.flush()
        record(
            session,
            db.user_name,
            "update",
            "activity_progress",
            row.id,
            _("Seguimiento del trimestre {q}").format(q=quarter),
            {"before": before, "after": values},
        )
        return _quarter_info(row)


def attach_evidence(
    db: Database, activity_id: int, quarter: int, file_name: str, data: bytes
) -> QuarterInfo:
    """Attach a file to a quarter; its content is stored once under its SHA-256."""
    if len(data) > MAX_EVIDENCE_BYTES:
        raise ValidationError(_("El archivo de evidencia pasa de 50 MB."))
    name = file_name.strip()[:300]
    if not name:
        raise ValidationError(_("El archivo de evidencia necesita un nombre."))
    digest = hashlib.sha256(data).hexdigest()
    with db.transaction() as session:
        row = _quarter_row(session, activity_id, quarter)
        if session.get(EvidenceBlob, digest) is None:
            session.add(EvidenceBlob(sha256=digest, size=len(data), content=data))
            session.flush()
        session.add(EvidenceFile(progress_id=row.id, file_name=name, sha256=digest))
        record(session, db.user_name, "create", "evidence_files", digest, name)
        session.flush()
        session.refresh(row, ["files"])
        return _quarter_info(row)


def read_evidence(db: Database, sha256: str) -> bytes:
    with db.transaction() as session:
        blob = session.get(EvidenceBlob, sha256)
        if blob is None:
            raise NotFound(_("No existe el archivo de evidencia {sha}.").format(sha=sha256))
        return blob.content


def rate_activity(
    db: Database, activity_id: int, semester: int, rating: str, remarks: str = ""
) -> RatingInfo:
    """Control Interno's rating of an activity for semester 1 or 2."""
    if semester not in (1, 2):
        raise ValidationError(_("El semestre debe ser 1 o 2."))
    with db.transaction() as session:
        _activity(session, activity_id)
        row = session.scalar(
            select(ControlRating).where(
                ControlRating.activity_id == activity_id, ControlRating.semester == semester
            )
        )
        if row is None:
            row = ControlRating(activity_id=activity_id, semester=semester)
            session.add(row)
        row.rating, row.remarks = rating.strip()[:200], remarks
        session.flush()
        record(session, db.user_name, "update", "control_ratings", row.id, row.rating)
        return RatingInfo(semester, row.rating, row.remarks)
