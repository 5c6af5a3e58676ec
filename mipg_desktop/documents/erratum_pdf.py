"""A fe de erratas: its own document, beside the approved acta it corrects (never in it).

The approved acta's bytes never change; each erratum is a linked record with its SHA-256.
This document prints them, under the header the acta was approved with (its snapshot),
naming the acta and the SHA-256 of the PDF stored at approval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mipg_desktop.documents.blocks import key_values, signatures
from mipg_desktop.documents.dates import long_date
from mipg_desktop.documents.model import Minutes, RenderOptions
from mipg_desktop.documents.page import Layout, build_pdf, heading
from mipg_desktop.documents.pdfa import archive_meta, to_pdfa
from mipg_desktop.documents.styles import styles
from mipg_desktop.documents.text import clean, paragraphs
from mipg_desktop.i18n import _

if TYPE_CHECKING:
    from mipg_desktop.storage.database import Database


@dataclass(frozen=True)
class ErratumEntry:
    created_at: datetime
    created_by: str
    section: str
    text: str
    sha256: str


@dataclass(frozen=True)
class Errata:
    acta: Minutes  # as approved (its snapshot): header, number, signers
    acta_pdf_sha256: str
    entries: tuple[ErratumEntry, ...]


def load_errata(db: Database, session_id: int) -> Errata | None:
    """The errata of an approved acta (None: not approved, or approved with none)."""
    from mipg_desktop.committees import acta_record
    from mipg_desktop.committees.calendar import colombia_time
    from mipg_desktop.committees.common import unit_of_work
    from mipg_desktop.committees.session_detail import read_session_detail
    from mipg_desktop.models.records import ApprovedActa

    if acta_record.approved_acta(db, session_id) is None:  # stores a pre-0007 acta first
        return None
    with unit_of_work(db, write=False) as session:
        detail = read_session_detail(session, session_id)
        stored = session.get(ApprovedActa, session_id)
        snapshot = acta_record.snapshot_of(session, session_id)
        if not detail.errata or stored is None or snapshot is None:
            return None
        entries = tuple(
            ErratumEntry(colombia_time(e.created_at), e.created_by, e.section, e.text, e.sha256)
            for e in detail.errata
        )
        return Errata(acta_record.snapshot_minutes(snapshot), stored.pdf_sha256, entries)


def _story(doc: Errata, width: float) -> list[Any]:
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    acta = doc.acta
    label = _("Acta No. {label}").format(label=acta.session.acta_label)
    story: list[Any] = [
        Paragraph(_("FE DE ERRATAS"), s.title),
        Paragraph(
            _("al {acta} del {committee}").format(
                acta=label, committee=clean(acta.session.committee_name)
            ),
            s.subtitle,
        ),
        Spacer(1, 8),
        key_values(
            [
                (_("Acta"), label),
                (_("Fecha de la sesión"), long_date(acta.session.day)),
                (
                    _("Aprobada el"),
                    long_date(acta.approval.approved_on) if acta.approval else "",
                ),
                (_("Huella SHA-256 del PDF aprobado"), doc.acta_pdf_sha256),
            ],
            width,
        ),
        Spacer(1, 6),
        Paragraph(
            _(
                "El acta aprobada no se modifica: estas correcciones se registran aparte, cada "
                "una con su huella, y se leen junto con ella."
            ),
            s.body,
        ),
    ]
    for n, entry in enumerate(doc.entries, start=1):
        story.append(heading(_("Corrección {n}").format(n=n)))
        story.append(
            key_values(
                [
                    (_("Registrada"), entry.created_at.strftime("%d/%m/%Y %H:%M")),
                    (_("Por"), entry.created_by),
                    (_("Sección"), entry.section or _("(no indicada)")),
                    (_("Huella SHA-256"), entry.sha256),
                ],
                width,
            )
        )
        story.append(Spacer(1, 4))
        story += paragraphs(entry.text, s.body)
    story.append(Spacer(1, 12))
    story.append(signatures([acta.secretary], width))
    return story


def render_errata(doc: Errata, options: RenderOptions | None = None) -> bytes:
    from mipg_desktop.documents.page import MARGIN, page_size

    options = options or RenderOptions()
    width = page_size(options.page_size)[0] - 2 * MARGIN
    label = _("Acta No. {label}").format(label=doc.acta.session.acta_label)
    title = _("Fe de erratas al {acta} — {committee}").format(
        acta=label, committee=clean(doc.acta.session.committee_name)
    )
    layout = Layout(
        control=doc.acta.control,
        title=_("Fe de erratas"),
        reference=f"{label} · {long_date(doc.acta.session.day)}",
        copy=options.copy,
    )
    pdf = build_pdf(_story(doc, width), layout, options, title)
    return to_pdfa(
        pdf, archive_meta(title, options, doc.acta.control, _("fe de erratas")), required=False
    )
