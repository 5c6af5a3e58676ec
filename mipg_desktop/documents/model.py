"""Plain input data for the documents (no database, no ORM): build these and render.

Every text field is user text and is printed as typed (see :mod:`.text`). ``deliberation`` is
the only field that accepts the small markup (``**bold**``, ``*italics*``, ``- `` lists).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

PAGE_SIZES = ("letter", "a4", "oficio")

# Attendance values of :class:`Attendee`.
PRESENT = "present"
EXCUSED = "excused"
ABSENT = "absent"
UNRECORDED = "unrecorded"

# Roles of :class:`Attendee` (as in the committee model).
PRESIDENT = "president"
SECRETARY = "technical_secretary"
VOTING = "voting_member"
PERMANENT_GUEST = "permanent_guest"
GUEST = "guest"


@dataclass(frozen=True)
class ControlBlock:
    """The document-control block printed on every page."""

    entity_name: str = ""
    process: str = ""
    code: str = ""
    version: str = ""
    valid_from: date | None = None
    uncontrolled_copy: bool = False
    uncontrolled_legend: str = "Copia no controlada"
    logo: bytes | None = None
    prepared_by: str = ""
    reviewed_by: str = ""
    approved_by: str = ""


@dataclass(frozen=True)
class Signatory:
    """Who signs: ``represents`` names whom a delegate stood in for («en representación de»)."""

    name: str = ""
    position: str = ""
    role_label: str = ""
    represents: str = ""


@dataclass(frozen=True)
class SignatureSlot:
    """Where the acta's signature block left room for one signer's signature.

    ``field_name`` is stable ASCII (``firma_1``, ``firma_2``… in signer order); ``box`` is
    (x1, y1, x2, y2) in PDF points, origin at the bottom left of page ``page_index`` (0-based):
    the blank area above the signer's line and printed name, room for a visible stamp.
    """

    field_name: str
    label: str
    page_index: int
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class AgendaEntry:
    number: str
    title: str
    presenter: str = ""
    duration_minutes: int | None = None
    start_time: time | None = None
    documents: tuple[str, ...] = ()
    deliberation: str = ""
    linked: tuple[str, ...] = ()
    kind: str = ""  # the committee's item kind: "quorum" gets the quorum statement


@dataclass(frozen=True)
class Attendee:
    name: str
    position: str = ""
    role: str = VOTING
    attendance: str = PRESENT
    represents: str = ""
    excuse: str = ""
    remote: bool = False
    late_arrival: time | None = None  # arrived after the session started


@dataclass(frozen=True)
class Decision:
    text: str
    item_number: str | None = None
    votes_for: int = 0
    votes_against: int = 0
    abstentions: int = 0
    outcome: str = ""


@dataclass(frozen=True)
class Commitment:
    number: str
    text: str
    owner: str = ""
    due_date: date | None = None
    status: str = ""
    progress: int | None = None
    closed_on: date | None = None
    origin: str = ""


@dataclass(frozen=True)
class SessionHeader:
    """What identifies a session on every document."""

    committee_name: str
    number: int | None = None
    year: int | None = None
    kind: str = "ordinaria"
    modality: str = "presencial"
    day: date | None = None
    start_time: time | None = None
    end_time: time | None = None
    place: str = ""
    link: str = ""
    # why the session is held in a modality its reglamento does not allow ("" when it does)
    modality_reason: str = ""

    @property
    def acta_label(self) -> str:
        number = f"{self.number:02d}" if self.number is not None else "__"
        year = self.year if self.year is not None else (self.day.year if self.day else "____")
        return f"{number} de {year}"


@dataclass(frozen=True)
class Convocation:
    control: ControlBlock
    session: SessionHeader
    agenda: tuple[AgendaEntry, ...] = ()
    documents: tuple[str, ...] = ()
    recipients: tuple[Attendee, ...] = ()
    secretary: Signatory = field(default_factory=Signatory)
    issued_on: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class Approval:
    approved_on: date | None = None
    approved_in: str = ""
    method: str = ""
    sha256: str = ""
    approved_by: str = ""


@dataclass(frozen=True)
class Minutes:
    control: ControlBlock
    session: SessionHeader
    attendees: tuple[Attendee, ...] = ()
    quorum_statement: str = ""
    agenda: tuple[AgendaEntry, ...] = ()
    decisions: tuple[Decision, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    next_meeting: str = ""
    next_meeting_date: date | None = None
    next_meeting_time: time | None = None
    next_meeting_place: str = ""
    president: Signatory = field(default_factory=Signatory)
    secretary: Signatory = field(default_factory=Signatory)
    annexes: tuple[str, ...] = ()
    draft: bool = True
    approval: Approval | None = None
    errata: tuple[str, ...] = ()
    signers: tuple[Signatory, ...] = ()  # empty: the president, then the secretary
    prepared_by: str = ""  # «Elaboró»; empty: the control block's, else the secretary
    held: bool = True  # False: the session has not taken place (the acta is a PROYECTO)
    # «Observaciones recibidas»: one line per member who answered the draft (empty: none came)
    observations_received: tuple[str, ...] = ()

    @property
    def signatories(self) -> tuple[Signatory, ...]:
        """Who signs, in order: who presided the session, then the technical secretary."""
        if self.signers:
            return self.signers
        return (self.president, self.secretary)

    @property
    def transcriber(self) -> str:
        """Who prepared the acta: document control's «Elaboró», else the secretary."""
        return self.prepared_by or self.control.prepared_by or self.secretary.name


def as_submitted(minutes: Minutes, day: date | None) -> Minutes:
    """The acta as the draft submitted to the session of ``day`` for its approval.

    An acta approved in that session (or later) does not show that approval in the session's
    pack: the members receive the draft they are asked to approve.
    """
    from dataclasses import replace

    approved_on = minutes.approval.approved_on if minutes.approval else None
    if minutes.draft or day is None or (approved_on is not None and approved_on < day):
        return minutes
    return replace(minutes, draft=True, approval=None, errata=())


@dataclass(frozen=True)
class Attachment:
    """A supporting file of an agenda item: ``data`` is the file's bytes (None if missing)."""

    item_number: str
    item_title: str
    filename: str
    data: bytes | None = None
    title: str = ""
    mime: str = ""


@dataclass(frozen=True)
class PlanSummary:
    name: str
    year: int | None = None
    activities: int = 0
    planned_percent: float | None = None
    actual_percent: float | None = None
    overdue: int = 0
    remark: str = ""


@dataclass(frozen=True)
class ObservationEntry:
    """One member's observation on a draft acta, with how the secretary resolved it."""

    member: str
    written_at: datetime | None
    target: str  # «Punto 3. Avance del Plan de Acción — Decisión 1»
    comment: str = ""
    proposed_text: str | None = None
    status: str = ""  # Spanish: «Acogida», «No acogida», «Atendida», «Pendiente»
    reply: str = ""
    resolved_at: datetime | None = None
    changed_since: bool = False  # the text changed after the member read it
    rich_proposal: bool = False  # a deliberation's wording: printed with its markup


@dataclass(frozen=True)
class Pack:
    control: ControlBlock
    convocation: Convocation
    previous_minutes: Minutes | None = None
    open_commitments: tuple[Commitment, ...] = ()
    overdue_commitments: tuple[Commitment, ...] = ()
    done_commitments: tuple[Commitment, ...] = ()
    plans: tuple[PlanSummary, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    generated_at: datetime | None = None
    # the members' observations on the previous acta (committees/review.py), full record
    previous_observations: tuple[ObservationEntry, ...] = ()


@dataclass(frozen=True)
class RenderOptions:
    """How to render. ``copy``: this print is a copy, not the original meant for signature.

    The document-control legend («Copia no controlada») prints only on copies, and only when
    the entity's document control turns the legend on. Originals (``copy=False``, the default)
    are: the acta rendered for approval or signature, the convocation the secretary signs and
    the pack. Copies are: any render with ``copy=True`` (e.g. ``--copia``) and, always, the
    previous acta embedded in a pack for its approval.
    """

    page_size: str = "letter"
    author: str = ""
    subject: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    copy: bool = False
