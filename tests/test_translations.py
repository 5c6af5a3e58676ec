"""Every user-visible string goes through ``_`` and is in ``resources/translations/mipg.pot``.

The template is extracted exactly as ``make pot`` does (babel, the same keywords, the same
folders); a string added or changed in the code without ``make pot`` fails here, and so does
a text handed to a Qt widget without ``_``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
POT = ROOT / "resources" / "translations" / "mipg.pot"
SOURCES = ("mipg_desktop", "ui")
KEYWORDS = {**DEFAULT_KEYWORDS, "_": None, "ngettext": (1, 2)}  # `make pot`: -k _ -k ngettext:1,2


def _in_code() -> set[str]:
    found: set[str] = set()
    for folder in SOURCES:
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


def _in_template() -> set[str]:
    with POT.open("rb") as stream:
        catalog = read_po(stream)
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def test_the_translation_template_is_current() -> None:
    code, template = _in_code(), _in_template()
    assert len(code) > 1000  # the extraction found the program's strings
    missing = sorted(code - template)
    stale = sorted(template - code)
    assert not missing, f"strings missing from mipg.pot (run `make pot`): {missing[:20]}"
    assert not stale, f"strings in mipg.pot no longer in the code (run `make pot`): {stale[:20]}"


# Qt calls whose text argument a person reads
_SHOWN = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setPlaceholderText",
    "setStatusTip",
    "setWhatsThis",
    "showMessage",
    "addAction",
    "addMenu",
    "addTab",
    "insertTab",
    "setTabText",
    "setHeaderLabels",
    "setHorizontalHeaderLabels",
    "setLabelText",
    "setTitle",
    "addRow",
    "setSpecialValueText",
    "setSuffix",
    "setInformativeText",
    "setDetailedText",
    "addButton",
    "setCancelButtonText",
    "setAccessibleName",
    "setItemText",
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
    "QToolButton",
    "QMessageBox",
    "QProgressDialog",
}
_WORD = re.compile(r"[^\W\d_]{2,}")
_TAGS = re.compile(r"<[^>]*>")


def _has_words(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(_WORD.search(_TAGS.sub("", node.value)))
    if isinstance(node, ast.JoinedStr):
        return any(_has_words(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.List | ast.Tuple):
        return any(_has_words(e) for e in node.elts)
    return False


def test_no_bare_text_reaches_a_widget() -> None:
    """A literal with words handed straight to a Qt text call (not through ``_``)."""
    bare: list[str] = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in _SHOWN and any(_has_words(arg) for arg in node.args):
                bare.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not bare, f"text shown without _(): {bare}"
