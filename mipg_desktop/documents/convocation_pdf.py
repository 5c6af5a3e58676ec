"""Convocation and agenda: the notice the technical secretary sends to the members."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

from mipg_desktop.documents.blocks import key_values, signatures, table
from mipg_desktop.documents.dates import clock, long_date, weekday_date
from mipg_desktop.documents.model import Convocation, RenderOptions, SessionHeader
from mipg_desktop.documents.page import Layout, build_pdf, heading
from mipg_desktop.documents.pdfa import archive_meta, to_pdfa
from mipg_desktop.documents.styles import styles
from mipg_desktop.documents.text import annex_label, clean, one_line, paragraphs
from mipg_desktop.i18n import _


def role_label(role: str) -> str:
    """The Spanish name of a committee role code (unknown codes print as given)."""
    labels = {
        "president": _("Presidente"),
        "technical_secretary": _("Secretaría técnica"),
        "voting_member": _("Integrante"),
        "permanent_guest": _("Invitado permanente"),
        "guest": _("Invitado"),
    }
    return labels.get(role) or clean(role)


def session_title(session: SessionHeader) -> str:
    return _("Sesión {kind} No. {label}").format(kind=clean(session.kind), label=session.acta_label)


def session_reference(session: SessionHeader) -> str:
    """Every page's header of a convocation or pack: «Sesión ordinaria No. 03 de 2026 · 14 de
    marzo de 2026»."""
    day = long_date(session.day)
    return f"{session_title(session)} · {day}" if day else session_title(session)


def schedule(session: SessionHeader) -> str:
    start, end = clock(session.start_time), clock(session.end_time)
    if start and end:
        return _("{start} a {end}").format(start=start, end=end)
    return start or "—"


def modality_text(session: SessionHeader) -> str:
    """«Virtual», and when the reglamento does not allow it, why the session is held so."""
    if not session.modality_reason:
        return session.modality
    return _("{modality}. Modalidad no prevista en el reglamento; motivo: {reason}").format(
        modality=session.modality, reason=session.modality_reason.rstrip(".") + "."
    )


def session_facts(session: SessionHeader) -> list[tuple[str, object]]:
    facts: list[tuple[str, object]] = [
        (_("Comité"), session.committee_name),
        (_("Sesión"), session_title(session)),
        (_("Modalidad"), modality_text(session)),
        (_("Fecha"), weekday_date(session.day) or "—"),
        (_("Hora"), schedule(session) if session.start_time else _("Por definir")),
        (_("Lugar"), session.place or "—"),
    ]
    if session.link:
        facts.append((_("Enlace"), session.link))
    return facts


def agenda_times(entries: Any, start: time | None) -> list[time | None]:
    """Each item's planned start: its own, or the session start plus the durations before it.

    Sub-items ("3.2") run inside their parent's time and get none.
    """
    times: list[time | None] = []
    running = datetime.combine(date.min, start) if start else None
    for entry in entries:
        if entry.start_time is not None:
            times.append(entry.start_time)
            running = datetime.combine(date.min, entry.start_time)
        elif running is not None and "." not in str(entry.number):
            times.append(running.time())
        else:
            times.append(None)
        if running is not None and entry.duration_minutes and "." not in str(entry.number):
            running += timedelta(minutes=entry.duration_minutes)
            if running.date() != date.min:  # past midnight: stop guessing
                running = None
    return times


def agenda_table(entries: Any, width: float, start: time | None = None) -> Any:
    rows = []
    for entry, at in zip(entries, agenda_times(entries, start), strict=True):
        when = clock(at)
        if entry.duration_minutes:
            minutes = _("{n} min").format(n=entry.duration_minutes)
            when = f"{when} ({minutes})" if when else minutes
        title = clean(entry.title)
        if entry.linked:
            related = "; ".join(clean(x) for x in entry.linked)
            title = _("{title} (relacionado con: {related})").format(title=title, related=related)
        rows.append((str(entry.number), title, entry.presenter, when))
    header = (_("No."), _("Tema"), _("Responsable"), _("Hora / duración"))
    return table(header, rows, [0.07 * width, 0.51 * width, 0.22 * width, 0.2 * width])


def convocation_story(doc: Convocation, width: float) -> list[Any]:
    """The flowables of the convocation (the pack reuses them)."""
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    session = doc.session
    story: list[Any] = [
        Paragraph(_("CONVOCATORIA Y ORDEN DEL DÍA"), s.title),
        Paragraph(one_line(session.committee_name), s.subtitle),
        Paragraph(one_line(session_title(session)), s.subtitle),
        Spacer(1, 6),
    ]
    if doc.issued_on:
        story.append(Paragraph(one_line(long_date(doc.issued_on)), s.body))
    intro = _(
        "La Secretaría Técnica del {committee} convoca a sus integrantes e invitados a la "
        "sesión {kind} que se realizará en las condiciones que se indican a continuación."
    ).format(committee=clean(session.committee_name), kind=clean(session.kind))
    story += paragraphs(intro, s.body)
    story.append(key_values(session_facts(session), width))
    story.append(heading(_("Orden del día")))
    if doc.agenda:
        story.append(agenda_table(doc.agenda, width, session.start_time))
    else:
        story.append(Paragraph(_("El orden del día aún no tiene puntos."), s.body))
    story.append(heading(_("Documentos de soporte")))
    documents = list(doc.documents) or [
        annex_label(entry.number, name) for entry in doc.agenda for name in entry.documents
    ]
    if documents:
        for name in documents:
            story.append(Paragraph(one_line(name), s.bullet, bulletText="•"))
    else:
        story.append(Paragraph(_("No hay documentos de soporte para esta sesión."), s.body))
    if doc.recipients:
        story.append(heading(_("Convocados")))
        rows = [(a.name, a.position, role_label(a.role)) for a in doc.recipients]
        header = (_("Nombre"), _("Cargo"), _("Calidad"))
        story.append(table(header, rows, [0.36 * width, 0.4 * width, 0.24 * width]))
    if doc.notes:
        story.append(heading(_("Observaciones")))
        story += paragraphs(doc.notes, s.body)
    story += [Spacer(1, 10), Paragraph(_("Cordialmente,"), s.body)]
    story.append(signatures([doc.secretary], width))
    return story


def render_convocation(doc: Convocation, options: RenderOptions | None = None) -> bytes:
    """The convocation and agenda as PDF bytes (an original unless ``options.copy``)."""
    from mipg_desktop.documents.page import MARGIN, page_size

    options = options or RenderOptions()
    width = page_size(options.page_size)[0] - 2 * MARGIN
    title = _("Convocatoria y orden del día — {session}").format(session=session_title(doc.session))
    layout = Layout(
        control=doc.control,
        title=_("Convocatoria y orden del día"),
        reference=session_reference(doc.session),
        copy=options.copy,
    )
    options = replace(options, subject=options.subject or clean(doc.session.committee_name))
    pdf = build_pdf(convocation_story(doc, width), layout, options, title)
    return to_pdfa(
        pdf, archive_meta(title, options, doc.control, _("convocatoria")), required=False
    )
