"""Nothing breaks a document: markup-like text, huge texts, many items, empty sessions."""

from __future__ import annotations

import dataclasses
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mipg_desktop.documents import inspect, samples
from mipg_desktop.documents.convocation_pdf import render_convocation
from mipg_desktop.documents.fonts import REPLACEMENT
from mipg_desktop.documents.minutes_pdf import render_minutes
from mipg_desktop.documents.model import (
    AgendaEntry,
    Attachment,
    Commitment,
    ControlBlock,
    Convocation,
    Decision,
    Minutes,
    Pack,
    SessionHeader,
)
from mipg_desktop.documents.pack_pdf import render_pack


def flat(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(inspect.page_texts(pdf)))


def test_markup_characters_print_as_typed() -> None:
    title = 'Plan <b>"2026"</b> & metas <font size=40>x</font> &amp; <br/>'
    agenda = (AgendaEntry("1", title, "R&D <Ana>", deliberation="a < b & c > d **ok** <i>"),)
    minutes = dataclasses.replace(
        samples.minutes(),
        agenda=agenda,
        decisions=(Decision("Decidir <x> & y", "1", 1, 0, 0, "<Aprobada>"),),
        session=dataclasses.replace(samples.session(), committee_name="Comité <A&B>"),
    )
    text = flat(render_minutes(minutes))
    assert title.replace("<br/>", "<br/>").strip() in text
    assert "Comité <A&B>" in text
    assert "R&D <Ana>" in text
    assert "a < b & c > d ok <i>" in text
    assert "Decidir <x> & y" in text and "<Aprobada>" in text


def test_thirty_page_paragraph_and_a_cell_longer_than_a_page() -> None:
    words = "deliberación extensa sobre el avance del plan institucional " * 2400
    huge_cell = "compromiso muy largo " * 3000
    minutes = dataclasses.replace(
        samples.minutes(),
        agenda=(AgendaEntry("1", "Informe largo", deliberation=words),),
        commitments=(Commitment("1", huge_cell, "Ana " * 400),),
        quorum_statement="x" * 20000,  # one "word" longer than many lines
    )
    pdf = render_minutes(minutes)
    pages = inspect.page_texts(pdf)
    assert len(pages) >= 30
    assert all(f"de {len(pages)}" in re.sub(r"\s+", " ", p) for p in pages)


def test_two_hundred_agenda_items() -> None:
    agenda = tuple(AgendaEntry(str(n), f"Tema número {n}", "Ana", 5) for n in range(1, 201))
    convocation = dataclasses.replace(samples.convocation(), agenda=agenda)
    text = flat(render_convocation(convocation))
    assert "Tema número 1 " in text and "Tema número 200" in text
    minutes = dataclasses.replace(samples.minutes(), agenda=agenda, decisions=())
    text = flat(render_minutes(minutes))
    assert text.count("Tema número 200") == 2  # the agenda and the development


def test_empty_session_renders_every_document() -> None:
    session = SessionHeader(committee_name="")
    control = ControlBlock()
    convocation = Convocation(control, session)
    minutes = Minutes(control, session)
    assert "CONVOCATORIA" in flat(render_convocation(convocation))
    text = flat(render_minutes(minutes))
    assert "ACTA No. __ de ____" in text and "No se registraron asistentes." in text
    pack_text = flat(render_pack(Pack(control, convocation)))
    assert "PAQUETE DE LA SESIÓN" in pack_text
    assert "Los puntos del orden del día no tienen anexos." in pack_text


def test_characters_the_font_lacks_are_replaced() -> None:
    title = "Plan 漢字 with emoji 😀 and tilde ñ"
    convocation = dataclasses.replace(
        samples.convocation(), agenda=(AgendaEntry("1", title, "Zoë"),)
    )
    text = flat(render_convocation(convocation))
    assert f"Plan {REPLACEMENT}{REPLACEMENT} with emoji {REPLACEMENT} and tilde ñ" in text
    assert "Zoë" in text


unicode_text = st.text(alphabet=st.characters(blacklist_categories=()), min_size=0, max_size=300)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=unicode_text, body=unicode_text, name=unicode_text)
@example(title="", body="", name="\ud800")  # a lone surrogate reached the PDF/A metadata
def test_random_unicode_through_every_document(title: str, body: str, name: str) -> None:
    session = dataclasses.replace(samples.session(), committee_name=title, place=name)
    control = dataclasses.replace(samples.control(), entity_name=name, process=title)
    agenda = (AgendaEntry("1", title, name, 10, None, (body,), body),)
    convocation = dataclasses.replace(
        samples.convocation(), control=control, session=session, agenda=agenda, notes=body
    )
    minutes = dataclasses.replace(
        samples.minutes(),
        control=control,
        session=session,
        agenda=agenda,
        decisions=(Decision(body, "1", 1, 0, 0, title),),
        commitments=(Commitment("1", body, name),),
        next_meeting=body,
    )
    attachment = Attachment("1", title, name + ".pdf", body.encode("utf-8", "surrogatepass"))
    pack = Pack(control, convocation, minutes, attachments=(attachment,))
    for pdf in (render_convocation(convocation), render_minutes(minutes), render_pack(pack)):
        assert pdf.startswith(b"%PDF")
        pages = inspect.page_texts(pdf)
        assert all(f"de {len(pages)}" in re.sub(r"\s+", " ", p) for p in pages)
