"""The members' observations on a draft acta, as the session pack prints them in full:
who, when, on which text, what they said or proposed, and how it was resolved."""

from __future__ import annotations

from typing import Any

from mipg_desktop.documents.dates import short_date
from mipg_desktop.documents.model import ObservationEntry
from mipg_desktop.documents.styles import styles
from mipg_desktop.documents.text import escape, one_line, paragraphs, rich
from mipg_desktop.i18n import _


def _when(entry_time: Any) -> str:
    if entry_time is None:
        return "—"
    return f"{short_date(entry_time.date())} {entry_time:%H:%M}"


def observations_story(entries: tuple[ObservationEntry, ...]) -> list[Any]:
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    s = styles()
    if not entries:
        return [Paragraph(_("No llegaron observaciones de los integrantes."), s.body)]
    story: list[Any] = []
    for k, entry in enumerate(entries, start=1):
        head = _("{n}. {member} · {when} · {target}").format(
            n=k, member=entry.member, when=_when(entry.written_at), target=entry.target
        )
        block: list[Any] = [Paragraph(f"<b>{escape(head)}</b>", s.body)]
        if entry.changed_since:
            block.append(
                Paragraph(
                    one_line(_("El texto cambió después de que el integrante lo leyó.")), s.small
                )
            )
        if entry.comment:
            block += paragraphs(entry.comment, s.body)
        if entry.proposed_text is not None:
            block.append(Paragraph(one_line(_("Redacción propuesta:")), s.small))
            if entry.rich_proposal:  # as the acta would print it, not its ** and *
                block += rich(entry.proposed_text, s.body, s.bullet)
            else:
                block += paragraphs(entry.proposed_text, s.body)
        resolution = entry.status
        if entry.resolved_at is not None:
            resolution = _("{status} el {when}").format(
                status=entry.status, when=_when(entry.resolved_at)
            )
        if entry.reply:
            resolution = _("{resolution}. Respuesta: {reply}").format(
                resolution=resolution, reply=entry.reply
            )
        block.append(Paragraph(one_line(_("Resolución: {text}").format(text=resolution)), s.small))
        story += [KeepTogether(block), Spacer(1, 4)]
    return story
