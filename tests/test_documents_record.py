"""The acta a secretary signs as it is (issue 11): every page tied to its acta, the legend only
on copies, one numbering, the quorum once, the next meeting in full, who presided signs, and
packs whose figures are those of the session's day. Checked in the extracted text."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
from datetime import date, time
from pathlib import Path

import pytest
from test_committees_lifecycle import held_session
from test_committees_support import VOTING, build_cigd

from mipg_desktop.committees.agenda import add_agenda_item, add_attachment
from mipg_desktop.committees.approval import approve_minutes
from mipg_desktop.committees.attendance import set_attendance, verify_quorum
from mipg_desktop.committees.commitments import add_commitment, set_commitment_status
from mipg_desktop.committees.sessions import create_session, set_status, update_session
from mipg_desktop.committees.views import get_session_detail
from mipg_desktop.documents import inspect, samples
from mipg_desktop.documents.convocation_pdf import render_convocation
from mipg_desktop.documents.dates import clock
from mipg_desktop.documents.from_session import load_convocation, load_minutes, load_pack
from mipg_desktop.documents.minutes_pdf import (
    minutes_notice,
    render_minutes,
    render_minutes_with_slots,
)
from mipg_desktop.documents.model import RenderOptions
from mipg_desktop.documents.pack_pdf import render_pack
from mipg_desktop.documents.styles import styles
from mipg_desktop.documents.text import cell, one_line
from mipg_desktop.errors import ValidationError
from mipg_desktop.storage.database import Database

PRESIDENT = VOTING[0][0]


def pages(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", t) for t in inspect.page_texts(pdf)]


def flat(pdf: bytes) -> str:
    return " ".join(pages(pdf))


# -- every page identifies its document ----------------------------------------------------------
def test_every_page_of_the_acta_convocation_and_pack_names_its_session() -> None:
    acta = pages(render_minutes(samples.minutes()))
    assert len(acta) > 1
    assert all("Acta No. 03 de 2026 · 21 de noviembre de 2026" in p for p in acta)
    convocation = pages(render_convocation(samples.convocation()))
    reference = "Sesión ordinaria No. 03 de 2026 · 21 de noviembre de 2026"
    assert all(reference in p for p in convocation)
    pack = pages(render_pack(samples.pack()))
    assert len(pack) > 3 and all(reference in p for p in pack)


def test_the_original_never_says_uncontrolled_copy_a_copy_does_on_every_page() -> None:
    doc = samples.minutes()
    assert doc.control.uncontrolled_copy
    assert "Copia no controlada" not in flat(render_minutes(doc))
    assert "Copia no controlada" not in flat(render_convocation(samples.convocation()))
    copy = pages(render_minutes(doc, RenderOptions(copy=True)))
    assert all("Copia no controlada" in p for p in copy)
    off = dataclasses.replace(
        doc, control=dataclasses.replace(doc.control, uncontrolled_copy=False)
    )
    assert "Copia no controlada" not in flat(render_minutes(off, RenderOptions(copy=True)))


def test_the_pack_marks_only_the_embedded_previous_acta_as_a_copy() -> None:
    pack = samples.pack()
    assert pack.previous_minutes is not None
    texts = pages(render_pack(pack))
    marked = [i for i, t in enumerate(texts) if "Copia no controlada" in t]
    acta = [i for i, t in enumerate(texts) if "Acta anterior" in t and "Contenido" not in t]
    assert marked and marked == acta and len(marked) < len(texts)


# -- the body: numbering, quorum, fillers, next meeting, Elaboró ---------------------------------
@pytest.fixture
def held_acta(db: Database) -> tuple[int, Database]:
    cigd = build_cigd(db)
    sid = held_session(db, cigd, date(2026, 3, 12))
    add_agenda_item(db, sid, "Proposiciones y varios")
    return sid, db


def test_one_numbering_the_quorum_once_in_the_past_and_no_fillers(held_acta) -> None:  # type: ignore[no-untyped-def]
    sid, db = held_acta
    text = flat(render_minutes(load_minutes(db, sid)))
    assert not re.search(r"\b\d\. (Asistentes|Decisiones|Compromisos|Firmas|Anexos)\b", text)
    assert "Decisiones" in text and "Firmas" in text
    assert text.count("Se verificó el quórum: asistieron 5 de 7 integrantes con voto") == 1
    assert "Asisten " not in text and "Hay quórum" not in text
    assert "Sin observaciones" not in text


def test_next_meeting_gives_date_time_and_place(held_acta) -> None:  # type: ignore[no-untyped-def]
    sid, db = held_acta
    version = get_session_detail(db, sid).version
    update_session(
        db,
        sid,
        expected_version=version,
        next_meeting_date=date(2026, 6, 18),
        next_meeting_time=time(12, 0),
        next_meeting_place="Auditorio de la Gobernación",
    )
    detail = get_session_detail(db, sid)
    assert (detail.next_meeting_time, detail.next_meeting_place) == (
        time(12, 0),
        "Auditorio de la Gobernación",
    )
    text = flat(render_minutes(load_minutes(db, sid)))
    assert re.search(
        r"Próxima reunión Fecha 18 de junio de 2026 Hora 12:00 m\. Lugar Auditorio de la "
        r"Gobernación",
        text,
    ), text[text.find("Próxima") :][:200]
    with pytest.raises(ValidationError, match="Lugar de la próxima reunión"):
        update_session(db, sid, expected_version=detail.version, next_meeting_place="x" * 301)
    with pytest.raises(ValidationError, match="Hora"):
        update_session(db, sid, expected_version=detail.version, next_meeting_time="mediodía")


def test_elaboro_names_document_control_else_the_secretary() -> None:
    doc = samples.minutes()
    assert "Elaboró: María Fernanda Rojas" in flat(render_minutes(doc))
    bare = dataclasses.replace(doc, control=dataclasses.replace(doc.control, prepared_by=""))
    assert f"Elaboró: {doc.secretary.name}" in flat(render_minutes(bare))


def test_noon_is_m_and_other_times_keep_am_pm() -> None:
    assert clock(time(12, 0)) == "12:00 m."
    assert clock(time(12, 30)) == "12:30 p. m."
    assert clock(time(9, 5)) == "9:05 a. m."
    doc = samples.minutes()
    noon = dataclasses.replace(doc, session=dataclasses.replace(doc.session, end_time=time(12, 0)))
    text = flat(render_minutes(noon))
    assert "12:00 m." in text and "12:00 p. m." not in text


# -- typography ------------------------------------------------------------------------------------
def test_no_break_spaces_survive_in_cells_and_lines() -> None:
    assert "100\xa0%" in cell("Avance del 100\xa0%", styles().cell)[0].text
    assert "100\xa0%" in cell("Avance del 100 %", styles().cell)[0].text  # typed plainly
    assert "9:20\xa0a." in one_line("llegó a las 9:20\xa0a.\xa0m.")
    assert styles().body.allowWidows == 0 and styles().body.allowOrphans == 0


def words_with_boxes(pdf: bytes, page: int) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) of page ``page`` (from 1), origin at the top left."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        html,
    )
    return [(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in found]


def test_a_long_entity_name_wraps_whole_and_the_text_starts_below_it(tmp_path: Path) -> None:
    name = " ".join(f"Palabra{k:02d}" for k in range(1, 21)) + " Gobernación del Departamento"
    name = (name + " de Boyacá y sus Municipios Asociados")[:200]
    doc = samples.minutes()
    doc = dataclasses.replace(doc, control=dataclasses.replace(doc.control, entity_name=name))
    pdf = render_minutes(doc)
    first = pages(pdf)[0]
    assert "…" not in first and all(w in first for w in name.split())
    boxes = words_with_boxes(pdf, 1)
    header_bottom = max(b[4] for b in boxes if b[0] in name.split() or b[0] == "Página")
    title_top = min(b[2] for b in boxes if b[0] == "ACTA")
    assert header_bottom < title_top - 10
    (tmp_path / "long.pdf").write_bytes(pdf)


# -- annexes -------------------------------------------------------------------------------------
def test_annexes_are_named_by_title_and_item_alike_in_acta_and_pack(held_acta) -> None:  # type: ignore[no-untyped-def]
    sid, db = held_acta
    item = add_agenda_item(db, sid, "Riesgos institucionales")
    add_attachment(db, item.id, "Matriz_de_riesgos.pdf", samples.sample_pdf(1), "application/pdf")
    number = next(i.number for i in get_session_detail(db, sid).agenda if i.id == item.id)
    label = f"Punto {number}: Matriz de riesgos (Matriz_de_riesgos.pdf)"
    acta = flat(render_minutes(load_minutes(db, sid)))
    assert label in acta and f". {number}. Matriz" not in acta
    assert label in flat(render_pack(load_pack(db, sid)))
    assert label in flat(render_convocation(load_convocation(db, sid)))


# -- who signs, and where -----------------------------------------------------------------------
@pytest.fixture
def delegated(db: Database) -> tuple[int, Database]:
    cigd = build_cigd(db)
    sid = held_session(db, cigd, date(2026, 3, 12))
    set_attendance(
        db,
        sid,
        cigd.members[PRESIDENT],
        "delegated",
        "Camilo Torres Niño",
        "Asesor de Despacho",
        expected_version=get_session_detail(db, sid).attendees[0].version,
    )
    verify_quorum(db, sid)
    return sid, db


def test_the_delegate_who_presided_signs_on_behalf_of_the_president(delegated) -> None:  # type: ignore[no-untyped-def]
    sid, db = delegated
    doc = load_minutes(db, sid)
    first, second = doc.signatories[:2]
    assert first.name == "Camilo Torres Niño" and PRESIDENT in first.represents
    assert second.role_label == "Secretaría técnica"
    text = flat(render_minutes(doc))
    signatures = text[text.rfind("Firmas") :]
    assert "Camilo Torres Niño" in signatures
    assert f"En representación de {PRESIDENT}" in signatures


def test_the_signers_are_frozen_at_approval_with_the_delegate(delegated) -> None:  # type: ignore[no-untyped-def]
    sid, db = delegated
    set_status(db, sid, "minutes_draft")
    set_status(db, sid, "under_review")
    approve_minutes(db, sid, approved_by="Comité")
    signer = get_session_detail(db, sid).signers[0]
    assert signer.name == "Camilo Torres Niño" and PRESIDENT in signer.represents


def test_signature_slots_lie_on_the_page_above_each_signer_name() -> None:
    doc = samples.minutes()
    pdf, slots = render_minutes_with_slots(doc)
    assert [s.field_name for s in slots] == ["firma_1", "firma_2"]
    assert slots[0].label == f"Firma de quien presidió: {doc.signatories[0].name}"
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    for slot, signer in zip(slots, doc.signatories, strict=True):
        page = reader.pages[slot.page_index]
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        x1, y1, x2, y2 = slot.box
        assert 0 <= x1 < x2 <= width and 0 <= y1 < y2 <= height
        assert x2 - x1 >= 190 and y2 - y1 >= 55
        first_word = signer.name.split()[0]
        boxes = [b for b in words_with_boxes(pdf, slot.page_index + 1) if b[0] == first_word]
        name = min(boxes, key=lambda b: abs((height - b[2]) - y1))  # nearest below the slot
        top_of_name = height - name[2]  # to bottom-left origin
        assert x1 - 1 <= name[1] <= x2 and 0 < y1 - top_of_name < 40
    assert render_minutes(doc)[:8] == pdf[:8]


# -- the pack as of the session's date ----------------------------------------------------------
def test_pack_figures_are_those_of_the_session_day(db: Database) -> None:
    cigd = build_cigd(db)
    first = held_session(db, cigd, date(2026, 3, 12))
    later = add_commitment(
        db, first, "Informe del segundo semestre", "Planeación", date(2027, 1, 20)
    )
    closed = add_commitment(db, first, "Publicar el acta", "Oficina TIC", date(2026, 4, 30))
    set_status(db, first, "minutes_draft")
    set_status(db, first, "under_review")
    second = create_session(db, cigd.committee_id, date(2026, 11, 12), start_time=time(9, 0))
    approve_minutes(db, first, approved_by="Comité en sesión No. 02")
    set_commitment_status(
        db, closed.id, "done", 100, date(2026, 12, 1), expected_version=closed.version
    )
    pack = load_pack(db, second.id)
    assert [c.text for c in pack.open_commitments] == [later.text]  # due 2027: not overdue
    assert [c.text for c in pack.overdue_commitments] == [closed.text]  # closed after the day
    assert pack.previous_minutes is not None and pack.previous_minutes.draft
    text = flat(render_pack(pack))
    assert "Vencido" in text and "Aprobación del acta" not in text
    detail = get_session_detail(db, second.id)
    followed = [s for i in detail.agenda for s in i.sub_items if s.linked_commitment_id]
    assert len(followed) == len(pack.open_commitments) + len(pack.overdue_commitments)


# -- an acta of a session not yet held ------------------------------------------------------------
def test_an_acta_before_the_session_is_a_proyecto_on_every_page(db: Database) -> None:
    cigd = build_cigd(db)
    s = create_session(db, cigd.committee_id, date(2026, 11, 12))
    doc = load_minutes(db, s.id)
    assert "PROYECTO" in minutes_notice(doc)
    texts = pages(render_minutes(doc))
    assert all("Acta de reunión — PROYECTO" in t for t in texts)
    assert "No hay quórum" not in " ".join(texts) and "Asisten 0" not in " ".join(texts)
    assert minutes_notice(samples.minutes()) == ""


def test_the_proposed_agenda_follows_the_commitments_the_pack_counts(db: Database) -> None:
    cigd = build_cigd(db)
    march = held_session(db, cigd, date(2026, 3, 12))
    add_commitment(db, march, "Publicar el acta", "Oficina TIC", date(2026, 4, 30))
    earlier = create_session(db, cigd.committee_id, date(2026, 2, 10))  # entered late
    later = create_session(db, cigd.committee_id, date(2026, 6, 18))
    for sid, expected in ((earlier.id, 0), (later.id, 1)):
        detail = get_session_detail(db, sid)
        followed = [s for i in detail.agenda for s in i.sub_items if s.linked_commitment_id]
        pack = load_pack(db, sid)
        counted = len(pack.open_commitments) + len(pack.overdue_commitments)
        assert len(followed) == counted == expected, sid
