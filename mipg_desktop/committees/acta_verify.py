"""Checking the records: every approved acta against what was stored, and the audit chain.

``mipg verify`` and the window call :func:`verify_database` (the whole database) or
:func:`verify_session` (one acta); :func:`identify_pdf` says whether a PDF is an approved
acta of this database. Every problem is one Spanish line naming what does not match.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mipg_desktop.committees.calendar import colombia_time
from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.models.sessions import CommitteeSession
    from mipg_desktop.storage.database import Database

# The parts of the approved content, as a person reads them.
CONTENT_PARTS = {
    "attendees": "la asistencia",
    "guests": "los invitados",
    "quorum": "el quórum",
    "agenda": "el orden del día o el desarrollo",
    "decisions": "las decisiones",
    "commitments": "los compromisos",
    "signers": "los firmantes",
    "committee": "el nombre del comité",
}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class ActaCheck:
    session_id: int
    title: str
    problems: tuple[str, ...]
    signatures: int = 0
    stored: bool = True  # False: approved before records were stored (frozen on first print)


@dataclass(frozen=True)
class VerifyReport:
    actas: tuple[ActaCheck, ...]
    problems: tuple[str, ...]  # of the database as a whole (guards, audit trail)

    @property
    def ok(self) -> bool:
        return not self.problems and all(not a.problems for a in self.actas)

    def lines(self) -> list[str]:
        out = list(self.problems)
        for acta in self.actas:
            out += [f"{acta.title}: {p}" for p in acta.problems]
        return out


def guard_problems(session: Session) -> list[str]:
    from mipg_desktop.storage import freeze_guards

    conn = session.connection()
    if conn.dialect.name == "sqlite":
        raw = conn.connection.driver_connection
        found = freeze_guards.check_sqlite(raw)
    else:
        found = freeze_guards.check_postgresql(conn)
    return [_("Protección de la base de datos {what}.").format(what=problem) for problem in found]


def _title(session: Session, row: CommitteeSession) -> str:
    from mipg_desktop.committees import labels
    from mipg_desktop.models.committees import Committee

    committee = session.get(Committee, row.committee_id)
    name = committee.name if committee else ""
    return f"{labels.session_title(row.number, row.year)} ({name})"


def _content_changes(live: dict[str, Any], approved: dict[str, Any]) -> list[str]:
    parts = [
        CONTENT_PARTS.get(k, k)
        for k in sorted(set(live) | set(approved))
        if live.get(k) != approved.get(k)
    ]
    return parts or [_("los datos de la sesión")]


def _check_annexes(session: Session, row: CommitteeSession) -> list[str]:
    from sqlalchemy import select

    from mipg_desktop.models.sessions import AgendaAttachment, AttachmentBlob

    out = []
    rows = session.execute(
        select(AgendaAttachment.name, AgendaAttachment.sha256, AttachmentBlob.data)
        .outerjoin(AttachmentBlob, AttachmentBlob.sha256 == AgendaAttachment.sha256)
        .where(AgendaAttachment.session_id == row.id)
    )
    for name, sha, data in rows:
        if data is None:
            out.append(_("falta el anexo «{name}».").format(name=name))
        elif _sha(bytes(data)) != sha:
            out.append(_("el anexo «{name}» fue alterado.").format(name=name))
    return out


def _approval_entry(session: Session, row: CommitteeSession) -> dict[str, Any] | None:
    from sqlalchemy import select

    from mipg_desktop.models.audit import AuditEntry

    entries = session.scalars(
        select(AuditEntry).where(
            AuditEntry.table_name == "committee_sessions",
            AuditEntry.record_id == str(row.id),
            AuditEntry.action.in_(("approve", "freeze", "import")),
        )
    )
    for entry in entries:
        if entry.changes.get("pdf_sha256"):
            return entry.changes
    return None


def _check_record(session: Session, row: CommitteeSession) -> tuple[list[str], int, bool]:
    import json

    from mipg_desktop.committees.acta_record import signed_versions
    from mipg_desktop.committees.approval import approved_content, content_sha256
    from mipg_desktop.committees.session_detail import read_session_detail
    from mipg_desktop.models.records import ApprovedActa

    problems: list[str] = []
    detail = read_session_detail(session, row.id)
    live_sha = content_sha256(detail)
    record = session.get(ApprovedActa, row.id)
    if record is None:
        if live_sha != row.approved_sha256:
            problems.append(_("sus datos ya no coinciden con la huella de su aprobación."))
        return problems, 0, False
    pdf = bytes(record.pdf)
    if _sha(pdf) != record.pdf_sha256:
        problems.append(_("el PDF guardado al aprobarla fue alterado."))
    if hashlib.sha256(record.snapshot.encode("utf-8")).hexdigest() != record.snapshot_sha256:
        problems.append(_("la instantánea de lo aprobado fue alterada."))
    if record.content_sha256 != row.approved_sha256:
        problems.append(_("la huella de la aprobación fue cambiada."))
    if live_sha != record.content_sha256:
        approved = json.loads(record.snapshot).get("content", {})
        changed = ", ".join(_content_changes(approved_content(detail), approved))
        problems.append(
            _(
                "sus datos cambiaron después de la aprobación ({parts}); el acta guardada no."
            ).format(parts=changed)
        )
    entry = _approval_entry(session, row)
    if entry is None or entry.get("pdf_sha256") != record.pdf_sha256:
        problems.append(_("el registro de cambios no tiene la aprobación de este PDF."))
    previous = pdf
    versions = signed_versions(session, row.id)
    for version in versions:
        data = bytes(version.pdf)
        if _sha(data) != version.pdf_sha256:
            problems.append(
                _("la versión firmada n.º {n} fue alterada.").format(n=version.sequence)
            )
        elif not data.startswith(previous):
            problems.append(
                _("la versión firmada n.º {n} no parte de la anterior.").format(n=version.sequence)
            )
        previous = data
    if versions:
        try:
            problems += signature_problems(previous)
        except ValidationError:
            problems.append(_("su última versión firmada no es un PDF legible."))
    problems += _check_annexes(session, row)
    return problems, len(versions), True


def signature_problems(pdf: bytes) -> list[str]:
    """Signatures of a stored PDF that are not intact."""
    from mipg_desktop.committees.acta_signing import signature_reports

    return [
        _("la firma de {who} no está íntegra.").format(who=r.signer or r.field_name)
        for r in signature_reports(pdf)
        if r.signed and not r.intact
    ]


def _check_one(session: Session, row: CommitteeSession) -> ActaCheck:
    problems, signatures, stored = _check_record(session, row)
    return ActaCheck(row.id, _title(session, row), tuple(problems), signatures, stored)


def verify_database(db: Database) -> VerifyReport:
    from sqlalchemy import select

    from mipg_desktop.audit import chain_problems
    from mipg_desktop.committees.common import unit_of_work
    from mipg_desktop.models.sessions import CommitteeSession

    with unit_of_work(db, write=False) as session:
        problems = guard_problems(session) + chain_problems(session)
        rows = session.scalars(
            select(CommitteeSession)
            .where(CommitteeSession.status == "approved")
            .order_by(CommitteeSession.session_date, CommitteeSession.id)
        )
        actas = tuple(_check_one(session, row) for row in rows)
    return VerifyReport(actas, tuple(problems))


def verify_session(db: Database, session_id: int) -> ActaCheck:
    from mipg_desktop.committees.common import unit_of_work
    from mipg_desktop.committees.readers import get_session_row

    with unit_of_work(db, write=False) as session:
        row = get_session_row(session, session_id)
        return _check_one(session, row)


@dataclass(frozen=True)
class PdfIdentity:
    session_id: int | None  # the approved acta this PDF is (None: not one of this database)
    title: str
    version: str  # «original aprobado», «firmado (2 de 2 firmas)», …
    signatures: tuple[Any, ...] = field(default=())  # acta_signing.SignatureReport
    lines: tuple[str, ...] = ()


def identify_pdf(db: Database, data: bytes) -> PdfIdentity:
    """Which approved acta of this database ``data`` is (exactly, or a signed version of)."""
    from sqlalchemy import func, select

    from mipg_desktop.committees.acta_signing import signature_reports
    from mipg_desktop.committees.common import unit_of_work
    from mipg_desktop.models.records import ActaSignature, ApprovedActa
    from mipg_desktop.models.sessions import CommitteeSession

    digest = _sha(data)
    reports = tuple(signature_reports(data))
    with unit_of_work(db, write=False) as session:
        found: tuple[int, Any] | None = session.execute(
            select(ApprovedActa.session_id, ApprovedActa.pdf_sha256).where(
                ApprovedActa.pdf_sha256 == digest
            )
        ).first()
        version = _("original aprobado, sin firmas")
        if found is None:
            signed = session.execute(
                select(ActaSignature.session_id, ActaSignature.sequence).where(
                    ActaSignature.pdf_sha256 == digest
                )
            ).first()
            if signed is not None:
                found = (signed[0], signed[1])
                version = _("versión firmada n.º {n} guardada en la base de datos").format(
                    n=signed[1]
                )
        if found is None:
            # a signed copy made elsewhere: it starts with the bytes stored at approval
            for sid, stored_sha, size in session.execute(
                select(
                    ApprovedActa.session_id,
                    ApprovedActa.pdf_sha256,
                    func.length(ApprovedActa.pdf),
                )
            ):
                if size < len(data) and _sha(data[:size]) == stored_sha:
                    found = (sid, stored_sha)
                    version = _("el original aprobado con firmas agregadas después")
                    break
        if found is None:
            return PdfIdentity(None, "", "", reports)
        row = session.get(CommitteeSession, found[0])
        assert row is not None
        return PdfIdentity(row.id, _title(session, row), version, reports)


def identity_lines(name: str, identity: PdfIdentity) -> list[str]:
    """What :func:`identify_pdf` found, as a person reads it (the CLI and the window)."""
    if identity.session_id is None:
        lines = [_("{path} no es un acta aprobada de esta base de datos.").format(path=name)]
    else:
        lines = [
            _("{path} es el acta aprobada {title}: {version}.").format(
                path=name, title=identity.title, version=identity.version
            )
        ]
    for n, report in enumerate(identity.signatures, start=1):
        if not report.signed:
            lines.append(
                _("Campo de firma {n} ({field}): sin firmar.").format(n=n, field=report.field_name)
            )
            continue
        when = (
            colombia_time(report.signed_at).strftime("%d/%m/%Y %H:%M") if report.signed_at else "—"
        )
        lines.append(
            _("Firma {n}: {who}, {kind}, {when}: {state}.").format(
                n=n,
                who=report.signer,
                kind=report.kind_label,
                when=when,
                state=_("íntegra") if identity_intact(report) else _("NO íntegra"),
            )
        )
    if not identity.signatures:
        lines.append(_("No lleva firmas."))
    return lines


def identity_intact(report: Any) -> bool:
    return bool(report.intact and not report.modified_after)


def identity_ok(identity: PdfIdentity) -> bool:
    """An approved acta of this database, or a signed PDF, whose signatures are all intact."""
    signed = [r for r in identity.signatures if r.signed]
    if any(not identity_intact(r) for r in signed):
        return False
    return identity.session_id is not None or bool(signed)
