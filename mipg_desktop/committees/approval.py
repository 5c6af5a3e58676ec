"""Approving the minutes freezes the session; corrections afterwards are errata.

The services refuse changes to an approved session (:func:`common.editable_session`)
and so does the database (triggers created by migration ``0002_committees``).
The SHA-256 of the approved content is stored and can be re-checked at any time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from mipg_desktop.audit import record
from mipg_desktop.committees import labels
from mipg_desktop.committees.calendar import colombia_today
from mipg_desktop.committees.common import (
    check_version,
    clean_line,
    clean_long,
    editable_session,
    new_uid,
    unit_of_work,
)
from mipg_desktop.committees.readers import get_session_row
from mipg_desktop.committees.review import review_json
from mipg_desktop.committees.session_detail import read_session_detail, signers_json
from mipg_desktop.committees.sessions import check_transition
from mipg_desktop.committees.views import ApprovalInfo, ErratumInfo, MemberInfo, SignerInfo
from mipg_desktop.errors import ConcurrentEdit, ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.minutes import Erratum
from mipg_desktop.storage.base import utcnow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.committees.review import MemberSummary
    from mipg_desktop.committees.views import AgendaItemInfo, SessionDetail
    from mipg_desktop.models.sessions import CommitteeSession
    from mipg_desktop.storage.database import Database

# The approved content never includes database ids (they differ between databases),
# nor text in the interface language,
# nor what a commitment's later life changes (status, progress, closing, follow-ups).


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _item_content(item: AgendaItemInfo) -> dict[str, Any]:
    return {
        "uid": item.uid,
        "number": item.number,
        "title": item.title,
        "kind": item.kind,
        "presenter": item.presenter,
        "duration_minutes": item.duration_minutes,
        "description": item.description,
        "policies": list(item.policies),
        "plan_types": list(item.plan_types),
        "attachments": [[a.name, a.sha256] for a in item.attachments],
        "deliberation": item.deliberation,
        "sub_items": [_item_content(s) for s in item.sub_items],
    }


def approved_content(detail: SessionDetail) -> dict[str, Any]:
    """The content the approval hash covers: the acta as approved, nothing that changes later."""
    item_number = {i.id: i.number for i in detail.all_agenda_items()}
    commitments = [
        [
            c.uid,
            item_number.get(c.agenda_item_id or 0, ""),
            c.number,
            c.text,
            c.owner,
            c.due_date,
        ]
        for c in detail.commitments
    ]
    decisions = [
        [
            d.uid,
            item_number.get(d.agenda_item_id or 0, ""),
            d.number,
            d.text,
            d.votes_for,
            d.votes_against,
            d.abstentions,
            d.outcome,
            d.tie_broken,
            d.tie_break_note,
        ]
        for d in detail.decisions
    ]
    content: dict[str, Any] = _plain(
        {
            "uid": detail.uid,
            "committee": detail.committee_name,
            "number": detail.number,
            "year": detail.year,
            "kind": detail.kind,
            "modality": detail.modality,
            "place": detail.place,
            "platform": detail.platform,
            "session_date": detail.session_date,
            "start_time": detail.start_time,
            "end_time": detail.end_time,
            "convened_on": detail.convened_on,
            "attendees": [
                [a.name, a.role, a.position, a.status, a.delegate_name, a.remote, a.arrival_time]
                for a in detail.attendees
            ],
            "guests": [[g.name, g.position, g.organization, g.status] for g in detail.guests],
            "quorum": [
                detail.quorum.voting_members,
                detail.quorum.present_voting,
                detail.quorum.required_deliberate,
                detail.quorum.required_decide,
                detail.quorum.checked_at,
            ],
            "agenda": [_item_content(i) for i in detail.agenda],
            "decisions": decisions,
            "commitments": commitments,
            "next_meeting_date": detail.next_meeting_date,
            "signers": [[s.role, s.name, s.position] for s in detail.signers],
        }
    )
    # added with schema 0007: only when set, so actas approved before keep their hash
    if detail.next_meeting_time is not None:
        content["next_meeting_time"] = detail.next_meeting_time.isoformat()
    if detail.next_meeting_place:
        content["next_meeting_place"] = detail.next_meeting_place
    # added with schema 0009: the members' responses, only when some arrived
    if detail.review:
        content["observations_received"] = [
            [m.person_uid, m.member_name, m.observations, *_resolutions(m)] for m in detail.review
        ]
    return content


def _resolutions(m: MemberSummary) -> list[int]:
    return [m.accepted, m.rejected, m.answered, m.open]


def content_sha256(detail: SessionDetail) -> str:
    canonical = json.dumps(
        approved_content(detail), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ApprovalPreview:
    """What approving would freeze, shown to the person before they confirm."""

    title: str
    committee_name: str
    session_date: date
    signers: tuple[SignerInfo, ...]
    items: int
    decisions: int
    commitments: int
    unrecorded_attendance: tuple[str, ...]  # will be recorded absent
    approvers: tuple[MemberInfo, ...]  # who may be named as approving (members that day)
    sha256: str  # of the content shown: approval refuses if it changed meanwhile
    problem: str  # why it cannot be approved now ("" when it can)
    open_observations: int = 0  # members' observations not yet resolved (approval allowed)


APPROVING_ROLES = ("president", "voting_member", "technical_secretary")


def approval_preview(db: Database, session_id: int) -> ApprovalPreview:
    from mipg_desktop.committees.readers import read_members

    with unit_of_work(db, write=False) as session:
        row = get_session_row(session, session_id)
        detail = read_session_detail(session, row.id)
        members = read_members(session, row.committee_id, row.session_date, False)
        problem = ""
        if row.status != "under_review":
            problem = _("Solo se aprueba un acta en revisión (estado: {s}).").format(
                s=labels.session_status_label(row.status)
            )
        elif row.session_date > colombia_today():
            problem = _not_yet(row.session_date)
        return ApprovalPreview(
            title=detail.title,
            committee_name=detail.committee_name,
            session_date=detail.session_date,
            signers=detail.signers,
            items=len(detail.all_agenda_items()),
            decisions=len(detail.decisions),
            commitments=len(detail.commitments),
            unrecorded_attendance=tuple(a.name for a in detail.attendees if not a.status),
            approvers=tuple(m for m in members if m.role in APPROVING_ROLES),
            sha256=content_sha256(detail),
            problem=problem,
            open_observations=sum(m.open for m in detail.review),
        )


def _not_yet(day: date) -> str:
    return _("La sesión es del {day}: su acta no se puede aprobar antes de esa fecha.").format(
        day=day.strftime("%d/%m/%Y")
    )


def approve_minutes(
    db: Database,
    session_id: int,
    approved_by: str = "",
    approved_at: datetime | None = None,
    expected_version: int | None = None,
    *,
    expected_sha256: str | None = None,
    paper: str = "letter",
) -> ApprovalInfo:
    """Approve the acta (status «under review» only): it freezes and its hash is stored.

    ``approved_by``: who approves, a person named in the window (never the computer's
    login). ``expected_sha256``: the content the person reviewed (:func:`approval_preview`);
    approval is refused if the acta changed since. Not before the session's date.
    The acta is rendered once, here, and stored as approved (:mod:`.acta_record`)."""
    from mipg_desktop.committees.acta_record import freeze

    by = clean_line(approved_by, _("Aprobada por"), 200) or _("El comité")
    with unit_of_work(db) as session:
        row = editable_session(session, session_id)
        check_version(row.version, expected_version)
        check_transition(row.status, "approved")
        if row.session_date > colombia_today():
            raise ValidationError(_not_yet(row.session_date))
        if expected_sha256 is not None:
            shown = content_sha256(read_session_detail(session, row.id))
            if shown != expected_sha256:
                raise ConcurrentEdit(
                    _(
                        "El acta cambió desde que se mostró lo que se aprobaría (aquí, en otra "
                        "ventana o por otra persona); revísela de nuevo antes de aprobarla."
                    )
                )
        absent = _record_unmarked_as_absent(session, row)
        detail = read_session_detail(session, row.id)
        digest = content_sha256(detail)
        row.approved_signers = signers_json(detail.signers)
        row.approved_review = review_json(detail.review)
        row.status = "approved"
        row.approved_at = approved_at or utcnow()
        row.approved_by = by
        row.approved_sha256 = digest
        session.flush()
        stored = freeze(session, db, row, paper)
        record(
            session,
            db.user_name,
            "approve",
            "committee_sessions",
            row.id,
            labels.session_title(row.number, row.year),
            {
                "status": ["under_review", "approved"],
                "sha256": digest,
                "pdf_sha256": stored.pdf_sha256,
                "snapshot_sha256": stored.snapshot_sha256,
                "approved_by": by,
                "recorded_absent": absent,
            },
        )
        info = ApprovalInfo(row.approved_at, by, digest)
    # frozen: no earlier operation may be undone now, not even on people or memberships
    # (their names and roles are in the acta)
    db.history.clear()
    return info


def _record_unmarked_as_absent(session: Session, row: CommitteeSession) -> list[str]:
    """Members with no attendance recorded are recorded absent, so the approved acta
    lists everyone who sat on the committee that day, whatever changes later."""
    from mipg_desktop.committees.session_detail import attendance_rows
    from mipg_desktop.models.sessions import Attendance

    names = []
    for membership, status, _mark in attendance_rows(session, row):
        if not status:
            session.add(Attendance(session_id=row.id, membership_id=membership.id, status="absent"))
            names.append(membership.person.full_name)
    session.flush()
    return names


def verify_approved(db: Database, session_id: int) -> bool:
    """True when the approved session still hashes to the SHA-256 stored at approval."""
    with unit_of_work(db, write=False) as session:
        return _verify(session, session_id)


def _verify(session: Session, session_id: int) -> bool:
    row = get_session_row(session, session_id)
    if row.status != "approved":
        return False
    return content_sha256(read_session_detail(session, row.id)) == row.approved_sha256


def add_erratum(db: Database, session_id: int, text: str, section: str = "") -> ErratumInfo:
    """A correction to an approved acta, as a new record linked to it (never an edit)."""
    body = clean_long(text, _("Fe de erratas"), 20_000).strip()
    if not body:
        raise ValidationError(_("Escriba la corrección."))
    where = clean_line(section, _("Sección"), 300)
    with unit_of_work(db) as session:
        row = get_session_row(session, session_id)
        if row.status != "approved":
            raise ValidationError(
                _("Solo un acta aprobada lleva fe de erratas; corrija el borrador directamente.")
            )
        erratum = Erratum(
            uid=new_uid(),
            session_id=row.id,
            section=where,
            text=body,
            created_by=db.user_name,
            created_at=utcnow(),
            sha256=hashlib.sha256(f"{row.approved_sha256}\n{where}\n{body}".encode()).hexdigest(),
        )
        session.add(erratum)
        session.flush()
        record(
            session,
            db.user_name,
            "erratum",
            "errata",
            erratum.id,
            labels.session_title(row.number, row.year),
            {"section": where},
        )
        return ErratumInfo(
            erratum.id, erratum.created_at, erratum.created_by, where, body, erratum.sha256
        )
