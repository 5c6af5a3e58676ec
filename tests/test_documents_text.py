"""Safe text, small markup and Spanish dates used by the PDF documents."""

from __future__ import annotations

from datetime import date, datetime, time

from mipg_desktop.documents.dates import clock, long_date, short_date, weekday_date
from mipg_desktop.documents.fonts import REPLACEMENT, covered_codepoints
from mipg_desktop.documents.styles import styles
from mipg_desktop.documents.text import chunks, clean, escape, inline_markup, one_line, rich


def test_dates_read_in_spanish() -> None:
    assert long_date(date(2026, 11, 21)) == "21 de noviembre de 2026"
    assert long_date(datetime(2026, 1, 5, 10, 0)) == "5 de enero de 2026"
    assert weekday_date(date(2026, 11, 21)) == "sábado, 21 de noviembre de 2026"
    assert short_date(date(2026, 3, 4)) == "04/03/2026"
    assert clock(time(15, 30)) == "3:30 p. m."
    assert long_date(None) == "" and clock(None) == ""


def test_user_text_is_escaped_never_markup() -> None:
    assert escape("<b>Plan & metas</b>") == "&lt;b&gt;Plan &amp; metas&lt;/b&gt;"
    assert one_line("  dos\n  líneas ") == "dos líneas"
    assert escape("a\nb") == "a<br/>b"


def test_control_and_missing_characters_are_replaced() -> None:
    assert clean("a\x00b\x07c\u200bd") == "abcd"
    assert clean("tab\there") == "tab here"
    han = "\u6f22"  # a CJK ideograph DejaVu Sans does not have
    assert ord(han) not in covered_codepoints()
    assert clean(f"x{han}y") == f"x{REPLACEMENT}y"
    assert clean("ñÑáéíóúü¿¡€") == "ñÑáéíóúü¿¡€"
    assert clean("\ud800") == ""  # a lone surrogate is dropped


def test_markup_is_well_nested_even_when_crossed() -> None:
    assert inline_markup("**negrita** y *cursiva*") == "<b>negrita</b> y <i>cursiva</i>"
    crossed = inline_markup("**a *b** c*")
    assert crossed.count("<b>") == crossed.count("</b>") == 1
    assert "<i>" not in crossed  # the italic crosses the bold: left as typed
    assert inline_markup("<i>no</i> & *sí*") == "&lt;i&gt;no&lt;/i&gt; &amp; <i>sí</i>"


def test_rich_builds_paragraphs_and_bullets() -> None:
    s = styles()
    flowables = rich("Intro **clave**.\n- uno\n- dos <x>\n\nCierre", s.body, s.bullet)
    assert len(flowables) == 4
    assert getattr(flowables[1], "bulletText", None) == "•"
    texts = [f.getPlainText() for f in flowables]
    assert texts == ["Intro clave.", "uno", "dos <x>", "Cierre"]


def test_chunks_cut_long_text_at_spaces() -> None:
    text = "palabra " * 1000
    pieces = chunks(text.strip(), 500)
    assert all(len(p) <= 500 for p in pieces)
    assert " ".join(pieces).split() == text.split()
    assert chunks("x" * 1200, 500) == ["x" * 500, "x" * 500, "x" * 200]


def test_long_paragraphs_are_cut_after_a_sentence_not_mid_sentence() -> None:
    from mipg_desktop.documents.text import chunks

    sentence = "La ejecución física alcanzó el 78 % frente a una meta del 75 %. "
    text = (sentence * 80).strip()
    pieces = chunks(text, 2500)
    assert len(pieces) > 1
    assert all(len(p) <= 2500 for p in pieces)
    assert all(p.endswith("75 %.") for p in pieces)
    assert " ".join(pieces) == text


def test_a_full_stop_is_preferred_to_a_later_semicolon() -> None:
    from mipg_desktop.documents.text import chunks

    sentence = "Se presentó el avance del plan; señaló el rezago. "
    text = (sentence * 100).strip()
    assert all(p.endswith("rezago.") for p in chunks(text, 2500))
