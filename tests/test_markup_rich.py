"""The deliberation markup: headings, lists, tables; one parser and one writer (stable round
trip) shared by the PDF; pasted HTML from Word, LibreOffice and the web as markup."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mipg_desktop.committees.markup import (
    ListItem,
    TextRun,
    normalize_markup,
    parse_inline,
    parse_markup,
    plain_text,
)
from mipg_desktop.committees.markup_html import html_to_markup
from mipg_desktop.committees.markup_inline import merge_runs, write_inline
from mipg_desktop.documents import samples
from mipg_desktop.documents.minutes_pdf import render_minutes

DATA = Path(__file__).parent / "data"
ALPHABET = "ab ñ*\\|#-1.:\t"

runs_strategy = st.lists(
    st.builds(TextRun, st.text(ALPHABET, max_size=5), st.booleans(), st.booleans()), max_size=5
)


@given(runs_strategy)
def test_runs_written_are_read_back_the_same(runs: list[TextRun]) -> None:
    assert parse_inline(write_inline(runs)) == merge_runs(runs)


@given(st.text(ALPHABET + "\n ", max_size=80))
def test_the_canonical_form_is_stable(text: str) -> None:
    canonical = normalize_markup(text)
    assert normalize_markup(canonical) == canonical
    assert parse_markup(canonical) == parse_markup(normalize_markup(canonical))


def test_the_grammar() -> None:
    text = (
        "# Informe\n\nPrimera línea\nsegunda línea\n\n1. uno\n  - dentro\n2. **dos**\n\n"
        "| Política | 2024 | 2025 |\n|---|---|---|\n| Talento \\| humano | 80 % | *90 %* |\n\n"
        "## Cierre\n\n\\- no es lista"
    )
    blocks = parse_markup(text)
    kinds = [b.kind for b in blocks]
    assert kinds == ["heading", "paragraph", "list", "table", "heading", "paragraph"]
    assert blocks[0].level == 1 and blocks[4].level == 2
    assert len(blocks[1].lines) == 2  # a line break inside the paragraph
    assert blocks[2].items == (
        ListItem(0, True, 1, (TextRun("uno"),)),
        ListItem(1, False, 0, (TextRun("dentro"),)),
        ListItem(0, True, 2, (TextRun("dos", bold=True),)),
    )
    table = blocks[3]
    assert len(table.rows) == 2 and table.rows[1][0] == (TextRun("Talento | humano"),)
    assert table.rows[1][2] == (TextRun("90 %", italic=True),)
    assert blocks[5].lines == ((TextRun("- no es lista"),),)
    assert plain_text(text).splitlines()[6] == "Política | 2024 | 2025"


def test_old_texts_read_as_they_printed() -> None:
    assert parse_inline("5 * 3 * 2") == (TextRun("5 * 3 * 2"),)
    assert parse_inline("**a *b** c*") == (TextRun("a *b", bold=True), TextRun(" c*"))
    assert parse_inline("C:\\Users\\acta") == (TextRun("C:\\Users\\acta"),)
    old = "Intro **clave**.\n- uno\n- dos\n\nCierre"
    assert [b.kind for b in parse_markup(old)] == ["paragraph", "list", "paragraph"]
    # what the editor saves for it: only the blank line a list now has before it
    assert normalize_markup(old) == "Intro **clave**.\n\n- uno\n- dos\n\nCierre"


def test_the_demo_texts_are_already_canonical() -> None:
    from mipg_desktop.demo import committees_text as demo

    fill = {"presenter": "La jefa", "pct": 80, "goal": 90, "acta": "Acta No. 1"}
    texts = [*demo.DELIBERATION, demo.PREVIOUS_TEXT, demo.COMMITMENTS_TEXT, demo.OTHER_TEXT]
    for text in texts:
        filled = text.format(**fill)
        assert normalize_markup(filled) == filled  # loading and saving changes nothing


# -- paste ----------------------------------------------------------------------------------
WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta charset="utf-8"><style><!-- p.MsoNormal {font-family:"Calibri"} --></style>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml>
<![endif]--></head><body lang=ES-CO>
<!--StartFragment-->
<p class=MsoNormal><b><span style='font-size:12.0pt;color:#C00000'>Seguimiento</span></b>
<span style='mso-bidi-font-weight:normal;font-family:"Arial"'> del plan<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>
<![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>Primer
<i>punto</i><o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level2 lfo1'><![if !supportLists]><span
style='font-family:"Courier New"'><span style='mso-list:Ignore'>o<span>&nbsp; </span></span>
</span><![endif]>Sub punto<o:p></o:p></p>
<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><![if !supportLists]><span><span
style='mso-list:Ignore'>3.<span>&nbsp;</span></span></span><![endif]>Tercero</p>
<table class=MsoTableGrid border=1 style='border-collapse:collapse;mso-yfti-tbllook:1184'>
<tr style='mso-yfti-irow:0'><td width=189 style='width:5cm'><p class=MsoNormal><b>Política
<o:p></o:p></b></p></td><td><p class=MsoNormal>2024</p></td><td><p>2025</p></td></tr>
<tr><td><p class=MsoNormal>Talento humano</p></td><td><p>80 %</p></td><td><p>90 %</p></td></tr>
</table>
<p class=MsoNormal><![if !vml]><img width=100 src="file:///C:/clip_image002.png"><![endif]></p>
<!--[if gte vml 1]><v:shape><v:imagedata src="file:///C:/clip_image001.png"/></v:shape>
<![endif]-->
<p>Ver <a href="https://www.funcionpublica.gov.co/mipg">el manual</a>.</p>
<!--EndFragment--></body></html>"""

LIBREOFFICE_HTML = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">
<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"/>
<title></title><meta name="generator" content="LibreOffice 7.4.7.2 (Linux)"/>
<style type="text/css">@page { size: 21.59cm 27.94cm } p { line-height: 115% }</style>
</head><body lang="es-CO" dir="ltr">
<p style="line-height: 100%; margin-bottom: 0cm"><font face="Liberation Serif"><b>Acta</b>
de <i>seguimiento</i></font></p>
<ol><li><p style="margin-bottom: 0cm">Uno</p></li><li><p>Dos</p>
<ul><li><p>Dos punto uno</p></li></ul></li></ol>
<table width="100%" cellpadding="4" cellspacing="0"><col width="85*"/><col width="85*"/>
<tr valign="top"><td style="border: 1px solid #000000"><p>Política</p></td>
<td><p align="center">2024</p></td></tr>
<tr><td><p><font color="#ff0000">Gestión</font></p></td><td><p>70 %</p></td></tr></table>
<script>alert("x")</script><p><span style="background: #ffff00">fin</span></p>
</body></html>"""


def test_word_html_keeps_bold_italics_lists_and_tables_and_nothing_else() -> None:
    pasted = html_to_markup(WORD_HTML)
    assert pasted.markup == (
        "**Seguimiento** del plan\n\n"
        "- Primer *punto*\n  - Sub punto\n\n3. Tercero\n\n"
        "| Política | 2024 | 2025 |\n| Talento humano | 80 % | 90 % |\n\n"
        "[imagen omitida]\n\n"
        "Ver el manual (https://www.funcionpublica.gov.co/mipg)."
    )
    assert pasted.images == 1
    for left_out in ("Calibri", "Arial", "C00000", "mso", "WordDocument", "clip_image", "<"):
        assert left_out not in pasted.markup


def test_libreoffice_and_web_html() -> None:
    pasted = html_to_markup(LIBREOFFICE_HTML)
    assert pasted.markup == (
        "**Acta** de *seguimiento*\n\n1. Uno\n2. Dos\n  - Dos punto uno\n\n"
        "| Política | 2024 |\n| Gestión | 70 % |\n\nfin"
    )
    web = (
        '<b style="font-weight:normal" id="docs-internal-guid-x"><p><span style="font-weight:700">'
    )
    web += 'Hola</span> <span style="font-style:italic">mundo</span></p><h2>Tema</h2>'
    web += '<p onclick="steal()">a<br>b<iframe src="x">no</iframe></p></b>'
    assert html_to_markup(web).markup == "**Hola** *mundo*\n\n# Tema\n\na\nb"


def test_a_table_reaches_the_pdf_as_a_table(tmp_path: Path) -> None:
    deliberation = (
        "## Avance por política\n\n"
        "| Política | 2024 | 2025 |\n| Talento humano | 80 % | 90 % |\n| Integridad | 75 % | 88 % |"
        "\n\n1. Primero\n2. Segundo\n  - Dentro\n\nCierre con **negrita**."
    )
    pdf_text = minutes_pdf_text(deliberation, tmp_path)
    header = next(line for line in pdf_text.splitlines() if "Política" in line and "2024" in line)
    assert re.search(r"Política\s{2,}2024\s{2,}2025", header), header  # in columns
    row = next(line for line in pdf_text.splitlines() if "Talento humano" in line)
    assert re.search(r"Talento humano\s{2,}80 %\s{2,}90 %", row), row
    assert abs(header.index("2024") - row.index("80 %")) <= 4  # one column under the other
    assert re.search(r"1\.\s+Primero", pdf_text) and re.search(r"2\.\s+Segundo", pdf_text)
    assert "**" not in pdf_text and "|" not in pdf_text and "##" not in pdf_text


def minutes_pdf_text(deliberation: str, tmp_path: Path) -> str:
    doc = samples.minutes(draft=True)
    agenda = list(doc.agenda)
    agenda[3] = dataclasses.replace(agenda[3], deliberation=deliberation)
    pdf = render_minutes(dataclasses.replace(doc, agenda=tuple(agenda)))
    target = tmp_path / "acta.pdf"
    target.write_bytes(pdf)
    run = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    )
    return run.stdout


def test_blank_lines_left_on_purpose_are_empty_paragraphs(tmp_path: Path) -> None:
    from mipg_desktop.committees.markup import EMPTY

    text = "\nUno.\n\n\n\nDos.\n\n| a |\n\n\n| b |\n\n\n"
    kinds = [("empty" if b == EMPTY else b.kind) for b in parse_markup(text)]
    assert kinds == ["empty", "paragraph", "empty", "empty", "paragraph", "table", "empty", "table"]
    assert normalize_markup(text) == text.rstrip("\n")  # blank lines at the end: none
    assert normalize_markup("Uno.\n\nDos.") == "Uno.\n\nDos."  # one blank line: a separation

    def gap(deliberation: str) -> int:
        lines = minutes_pdf_text(deliberation, tmp_path).splitlines()
        first = next(n for n, line in enumerate(lines) if "Primera frase." in line)
        return next(n for n, line in enumerate(lines) if "Segunda frase." in line) - first

    assert gap("Primera frase.\n\n\n\nSegunda frase.") > gap("Primera frase.\n\nSegunda frase.")
