"""The minutes (acta) in the usual GTC 185 structure."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from mipg_desktop.documents.blocks import key_values, signatures, table
from mipg_desktop.documents.convocation_pdf import role_label, session_title
from mipg_desktop.documents.dates import clock, long_date, short_date
from mipg_desktop.documents.model import (
    ABSENT,
    EXCUSED,
    GUEST,
    PERMANENT_GUEST,
    PRESENT,
    UNRECORDED,
    Attendee,
    Decision,
    Minutes,
    RenderOptions,
    Signatory,
    SignatureSlot,
)
from mipg_desktop.documents.page import Layout, build_pdf, heading
from mipg_desktop.documents.pdfa import archive_meta, to_pdfa
from mipg_desktop.documents.styles import styles
from mipg_desktop.documents.text import chunks, clean, one_line, paragraphs, rich, words
from mipg_desktop.i18n import _, ngettext

GUEST_ROLES = (GUEST, PERMANENT_GUEST)


def votes_line(decision: Decision) -> str:
    abstentions = ngettext("{n} abstención", "{n} abstenciones", decision.abstentions).format(
        n=decision.abstentions
    )
    return _(
        "Votación: {yes} a favor, {no} en contra, {abstentions}. Resultado: {outcome}."
    ).format(
        yes=decision.votes_for,
        no=decision.votes_against,
        abstentions=abstentions,
        outcome=clean(decision.outcome) or "—",
    )


def _position(attendee: Attendee) -> str:
    position = clean(attendee.position)
    if attendee.represents:
        delegate = _("en representación de {name}").format(name=clean(attendee.represents))
        position = f"{position} ({delegate})" if position else delegate
    notes = []
    if attendee.remote:
        notes.append(_("asistió de forma virtual"))
    if attendee.late_arrival is not None:
        at = clock(attendee.late_arrival).replace(" ", "\xa0")  # «9:20 a. m.» on one line
        notes.append(_("llegó a las {time}").format(time=at))
    if not notes:
        return position
    joined = "; ".join(notes)
    sentence = f"{joined[0].upper()}{joined[1:]}"
    sentence += "" if sentence.endswith(".") else "."
    return f"{position}. {sentence}" if position else sentence


def _absence(attendee: Attendee) -> str:
    if attendee.attendance == UNRECORDED:
        return _("Asistencia sin registrar")
    if attendee.attendance != EXCUSED:
        return _("Sin excusa")
    if attendee.excuse:
        return _("Con excusa: {reason}").format(reason=clean(attendee.excuse))
    return _("Con excusa")


def attendance_section(doc: Minutes, width: float) -> list[Any]:
    from reportlab.platypus import Paragraph

    s = styles()
    present = [a for a in doc.attendees if a.attendance == PRESENT]
    members = [a for a in present if a.role not in GUEST_ROLES]
    guests = [a for a in present if a.role in GUEST_ROLES]
    absent = [a for a in doc.attendees if a.attendance in (ABSENT, EXCUSED, UNRECORDED)]
    widths = [0.34 * width, 0.44 * width, 0.22 * width]
    story: list[Any] = [heading(_("Asistentes"))]
    if members:
        rows = [(a.name, _position(a), role_label(a.role)) for a in members]
        story.append(table((_("Nombre"), _("Cargo"), _("Calidad")), rows, widths))
    else:
        story.append(Paragraph(_("No se registraron asistentes."), s.body))
    story.append(heading(_("Invitados"), 1))
    if guests:
        rows = [(a.name, _position(a), role_label(a.role)) for a in guests]
        story.append(table((_("Nombre"), _("Cargo"), _("Calidad")), rows, widths))
    else:
        story.append(Paragraph(_("No asistieron invitados."), s.body))
    story.append(heading(_("Ausentes"), 1))
    if absent:
        rows = [(a.name, _position(a), _absence(a)) for a in absent]
        story.append(table((_("Nombre"), _("Cargo"), _("Excusa")), rows, widths))
    else:
        story.append(Paragraph(_("No hubo ausencias."), s.body))
    return story


def _quorum(doc: Minutes) -> list[Any]:
    s = styles()
    return paragraphs(
        doc.quorum_statement or _("No se registró la verificación del quórum."), s.body
    )


def _has_quorum_item(doc: Minutes) -> bool:
    return any(entry.kind == "quorum" for entry in doc.agenda)


def development_section(doc: Minutes) -> list[Any]:
    """Each agenda item with what was said and decided; an item with nothing says nothing.

    The quorum, stated once, goes under the agenda's quorum item when there is one.
    """
    from reportlab.platypus import Paragraph

    s = styles()
    story: list[Any] = [heading(_("Desarrollo de la sesión"))]
    if not doc.agenda:
        story.append(Paragraph(_("La sesión no tuvo puntos en el orden del día."), s.body))
    for entry in doc.agenda:
        story.append(heading(f"{entry.number}. {clean(entry.title)}", 1))
        if entry.presenter:
            text = _("Presenta: {name}").format(name=clean(entry.presenter))
            story.append(Paragraph(one_line(text), s.small))
        if entry.linked:
            related = "; ".join(clean(x) for x in entry.linked)
            text = _("Políticas y planes relacionados: {related}").format(related=related)
            story.append(Paragraph(one_line(text), s.small))
        if entry.kind == "quorum":
            story += _quorum(doc)
        story += rich(entry.deliberation, s.body, s.bullet)
        for decision in (d for d in doc.decisions if d.item_number == entry.number):
            label = _("Decisión:")
            for index, piece in enumerate(chunks(words(clean(decision.text)), 2500)):
                prefix = f"<b>{label}</b> " if index == 0 else ""
                story.append(Paragraph(prefix + one_line(piece), s.body))
            story.append(Paragraph(one_line(votes_line(decision)), s.small))
    return story


def decisions_section(doc: Minutes, width: float) -> list[Any]:
    from reportlab.platypus import Paragraph

    s = styles()
    story: list[Any] = [heading(_("Decisiones"))]
    if not doc.decisions:
        return [
            *story,
            Paragraph(_("En esta sesión no se sometieron decisiones a votación."), s.body),
        ]
    rows = [
        (
            str(d.item_number or "—"),
            d.text,
            str(d.votes_for),
            str(d.votes_against),
            str(d.abstentions),
            d.outcome,
        )
        for d in doc.decisions
    ]
    header = (_("Punto"), _("Decisión"), _("A favor"), _("En contra"), _("Abst."), _("Resultado"))
    fractions = (0.08, 0.46, 0.1, 0.11, 0.09, 0.16)
    story.append(table(header, rows, [f * width for f in fractions]))
    return story


def commitments_section(doc: Minutes, width: float) -> list[Any]:
    from reportlab.platypus import Paragraph

    s = styles()
    story: list[Any] = [heading(_("Compromisos"))]
    if not doc.commitments:
        return [*story, Paragraph(_("En esta sesión no se adquirieron compromisos."), s.body)]
    rows = [(c.number, c.text, c.owner, short_date(c.due_date)) for c in doc.commitments]
    header = (_("No."), _("Compromiso"), _("Responsable"), _("Fecha límite"))
    story.append(table(header, rows, [0.08 * width, 0.54 * width, 0.24 * width, 0.14 * width]))
    return story


def next_meeting_section(doc: Minutes, width: float) -> list[Any]:
    """Date, time and place of the next meeting (GTC 185), each «por definir» when unknown."""
    story: list[Any] = [heading(_("Próxima reunión"))]
    known = doc.next_meeting_date or doc.next_meeting_time or doc.next_meeting_place
    if not (known or doc.next_meeting):
        return [*story, *paragraphs(_("Por definir."), styles().body)]
    undecided = _("Por definir")
    pairs: list[tuple[str, object]] = [
        (_("Fecha"), long_date(doc.next_meeting_date) or undecided),
        (_("Hora"), clock(doc.next_meeting_time) or undecided),
        (_("Lugar"), clean(doc.next_meeting_place) or undecided),
    ]
    story.append(key_values(pairs, width))
    if doc.next_meeting:
        story += paragraphs(doc.next_meeting, styles().body)
    return story


def slot_label(signer: Signatory, index: int) -> str:
    """«Firma de quien presidió: NOMBRE» for the first signer, then «Firma de …: NOMBRE»."""
    name = clean(signer.name) or "—"
    if index == 0:
        return _("Firma de quien presidió: {name}").format(name=name)
    role = clean(signer.role_label) or _("Secretaría técnica")
    if role == _("Secretaría técnica"):
        return _("Firma de la secretaría técnica: {name}").format(name=name)
    return _("Firma de {role}: {name}").format(role=role.lower(), name=name)


def signatures_section(
    doc: Minutes, width: float, recorder: list[tuple[int, int, tuple[float, ...]]] | None = None
) -> list[Any]:
    """«Firmas» (who presided, then the secretary) and the «Elaboró» line."""
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    block = signatures(list(doc.signatories), width, heading(_("Firmas"), kept=True), recorder)
    story: list[Any] = [block]
    if doc.transcriber:
        text = _("Elaboró: {name}").format(name=clean(doc.transcriber))
        story += [Spacer(1, 6), Paragraph(one_line(text), s.small)]
    return story


def observations_section(doc: Minutes) -> list[Any]:
    """«Observaciones recibidas» on the draft: who, how many, how resolved (when any came)."""
    from reportlab.platypus import Paragraph

    if not doc.observations_received:
        return []
    s = styles()
    story: list[Any] = [heading(_("Observaciones recibidas"))]
    for line in doc.observations_received:
        story.append(Paragraph(one_line(line), s.bullet, bulletText="•"))
    return story


def approval_section(doc: Minutes, width: float) -> list[Any]:
    from reportlab.platypus import Paragraph

    s = styles()
    if not doc.held:
        text = _(
            "PROYECTO: la sesión aún no se ha realizado; este documento no es un acta y no "
            "puede firmarse."
        )
        return [Paragraph(one_line(text), s.small)]
    if doc.draft or doc.approval is None:
        text = _(
            "BORRADOR: esta acta no ha sido aprobada; su contenido puede cambiar hasta su "
            "aprobación."
        )
        return [Paragraph(one_line(text), s.small)]
    approval = doc.approval
    pairs: list[tuple[str, object]] = [
        (_("Fecha de aprobación"), long_date(approval.approved_on) or "—"),
    ]
    if approval.approved_in:
        pairs.append((_("Aprobada en"), approval.approved_in))
    if approval.method:
        pairs.append((_("Forma de aprobación"), approval.method))
    if approval.approved_by:
        pairs.append((_("Aprobada por"), approval.approved_by))
    pairs.append((_("Huella SHA-256 del contenido"), approval.sha256 or "—"))
    return [heading(_("Aprobación del acta"), 1), key_values(pairs, width)]


def acta_title(doc: Minutes) -> str:
    title = _("ACTA No. {label}").format(label=doc.session.acta_label)
    if not doc.held:
        return _("{title} (PROYECTO)").format(title=title)
    if doc.draft:
        return _("{title} (BORRADOR)").format(title=title)
    return title


def minutes_reference(doc: Minutes) -> str:
    """What every page's header says: «Acta No. 03 de 2026 · 14 de marzo de 2026»."""
    label = _("Acta No. {label}").format(label=doc.session.acta_label)
    day = long_date(doc.session.day)
    return f"{label} · {day}" if day else label


def minutes_story(
    doc: Minutes, width: float, recorder: list[tuple[int, int, tuple[float, ...]]] | None = None
) -> list[Any]:
    """The flowables of the acta (the pack reuses them for the previous acta).

    Only agenda items are numbered (the sections are not), so «Punto 4» means one thing.
    """
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    session = doc.session
    facts: list[tuple[str, object]] = [
        (_("Comité"), session.committee_name),
        (_("Carácter"), session_title(session)),
        (_("Modalidad"), session.modality),
        (_("Fecha"), long_date(session.day) or "—"),
        (_("Hora de inicio"), clock(session.start_time) or "—"),
        (_("Hora de finalización"), clock(session.end_time) or "—"),
        (_("Lugar"), session.place or "—"),
    ]
    if session.link:
        facts.append((_("Enlace"), session.link))
    story: list[Any] = [
        Paragraph(one_line(acta_title(doc)), s.title),
        Paragraph(one_line(session.committee_name), s.subtitle),
        Spacer(1, 6),
        key_values(facts, width),
    ]
    story += attendance_section(doc, width)
    if not _has_quorum_item(doc):
        story.append(heading(_("Verificación del quórum")))
        story += _quorum(doc)
    story.append(heading(_("Orden del día")))
    for entry in doc.agenda:
        story.append(Paragraph(one_line(f"{entry.number}. {clean(entry.title)}"), s.body))
    if not doc.agenda:
        story.append(Paragraph(_("Sin puntos."), s.body))
    story += development_section(doc)
    story += decisions_section(doc, width)
    story += commitments_section(doc, width)
    story += next_meeting_section(doc, width)
    story += signatures_section(doc, width, recorder)
    story.append(heading(_("Anexos")))
    for name in doc.annexes:
        story.append(Paragraph(one_line(name), s.bullet, bulletText="•"))
    if not doc.annexes:
        story.append(Paragraph(_("Sin anexos."), s.body))
    story += observations_section(doc)
    story += approval_section(doc, width)
    if doc.errata:
        story.append(heading(_("Fe de erratas"), 1))
        for text in doc.errata:
            story += paragraphs(text, s.body)
    return story


def minutes_notice(doc: Minutes) -> str:
    """A line for the caller to show when the acta is not a real acta yet, else ""."""
    if not doc.held:
        return _("La sesión aún no se ha realizado: el acta sale marcada PROYECTO en cada página.")
    return ""


def minutes_layout(doc: Minutes, options: RenderOptions) -> Layout:
    watermark = _("PROYECTO") if not doc.held else _("BORRADOR") if doc.draft else ""
    return Layout(
        control=doc.control,
        title=_("Acta de reunión"),
        watermark=watermark,
        reference=minutes_reference(doc),
        copy=options.copy,
    )


def render_minutes_with_slots(
    doc: Minutes, options: RenderOptions | None = None
) -> tuple[bytes, tuple[SignatureSlot, ...]]:
    """The acta as PDF bytes and where each signer's signature goes (in signer order).

    A draft carries the BORRADOR watermark on every page, an acta of a session not yet held
    PROYECTO (see :func:`minutes_notice`). ``options.copy`` prints the uncontrolled-copy
    legend; the original for signature (the default) never carries it.
    """
    from mipg_desktop.documents.page import MARGIN, page_size

    options = options or RenderOptions()
    width = page_size(options.page_size)[0] - 2 * MARGIN
    label = _("Acta No. {label}").format(label=doc.session.acta_label)
    subject = options.subject or clean(doc.session.committee_name)
    options = replace(options, subject=subject)
    recorder: list[tuple[int, int, tuple[float, ...]]] = []
    title = f"{label} — {clean(doc.session.committee_name)}"
    pdf = build_pdf(
        minutes_story(doc, width, recorder), minutes_layout(doc, options), options, title
    )
    pdf = to_pdfa(pdf, archive_meta(title, options, doc.control, _("acta")), required=False)
    signers = doc.signatories
    drawn = {index: (page, box) for index, page, box in recorder}  # the last drawing counts
    slots = tuple(
        SignatureSlot(
            field_name=f"firma_{index + 1}",
            label=slot_label(signers[index], index),
            page_index=page - 1,
            box=(box[0], box[1], box[2], box[3]),
        )
        for index, (page, box) in sorted(drawn.items())
    )
    return pdf, slots


def render_minutes(doc: Minutes, options: RenderOptions | None = None) -> bytes:
    """The acta as PDF bytes (see :func:`render_minutes_with_slots`)."""
    return render_minutes_with_slots(doc, options)[0]
