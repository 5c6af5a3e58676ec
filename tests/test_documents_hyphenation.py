"""Spanish hyphenation in the PDFs: a long word at a line's end breaks only where Spanish
allows it (pyphen's hyph_es patterns), in the running text; names in headings stay whole."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from itertools import pairwise

import pytest

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

LONG_WORDS = (
    "La administración departamental presentó la interventoría de los contratos "
    "interadministrativos y la descentralización de responsabilidades institucionales; "
    "la Superintendencia recomendó la racionalización de trámites, la georreferenciación "
    "de los predios y la internacionalización de las comunicaciones electrónicas, con "
    "corresponsabilidad de las dependencias y transparencia presupuestal."
)


def render(text: str, style_name: str, width: float) -> str:
    """``text`` in a column ``width`` points wide, as pdftotext reads it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from mipg_desktop.documents.styles import styles

    buffer = io.BytesIO()
    margin = (A4[0] - width) / 2
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=margin, rightMargin=margin)
    doc.build([Paragraph(text, getattr(styles(), style_name))])
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=buffer.getvalue(), capture_output=True, check=True
    ).stdout.decode("utf-8")


def line_end_breaks(text: str) -> list[tuple[str, str]]:
    """(before, after) for every word cut by a hyphen at a line's end."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    breaks = []
    for line, following in pairwise(lines):
        if line.endswith("-"):
            before = re.findall(r"\w+", line)[-1]
            after = re.findall(r"\w+", following)[0]
            breaks.append((before, after))
    return breaks


@pytest.mark.parametrize("style_name", ["body", "bullet"])
def test_long_words_break_only_at_spanish_syllables(style_name: str) -> None:
    import pyphen

    breaks = line_end_breaks(render(LONG_WORDS, style_name, 120))
    assert len(breaks) >= 3  # a column this narrow needs them: hyphenation is on
    spanish = pyphen.Pyphen(lang="es")
    for before, after in breaks:
        word = before + after
        assert word.lower() in LONG_WORDS.lower(), (before, after)
        assert len(before) in spanish.positions(word), f"{before}-{after}"


def test_every_word_is_still_there_once_joined() -> None:
    text = render(LONG_WORDS, "body", 120)
    joined = re.sub(r"-\n+", "", text)
    assert " ".join(joined.split()) == LONG_WORDS


def test_headings_and_cells_keep_words_whole() -> None:
    for style_name in ("h1", "title", "cell"):
        text = render(LONG_WORDS, style_name, 120)
        assert not line_end_breaks(text), style_name


def test_page_texts_join_the_hyphenated_words_as_a_reader_searches_them() -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from mipg_desktop.documents import inspect
    from mipg_desktop.documents.styles import styles

    buffer = io.BytesIO()
    margin = (A4[0] - 120) / 2
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=margin, rightMargin=margin)
    doc.build([Paragraph(LONG_WORDS, styles().body)])
    (text,) = inspect.page_texts(buffer.getvalue())
    assert " ".join(text.split()) == LONG_WORDS
