"""Pasted HTML (Word, LibreOffice, a web page, the editor itself) as deliberation markup.

Only what the markup holds survives: paragraphs and line breaks, headings, bold, italics,
bulleted and numbered lists (also Word's ``mso-list`` paragraphs), tables. Everything else
is dropped: fonts, colours, sizes, classes and styles, scripts, forms, comments (Word's
conditional ones too); an image leaves the note «[imagen omitida]»; a link keeps its text
and, when it differs, its address as text. Nothing of the HTML is ever stored: the result
is the markup of :mod:`mipg_desktop.committees.markup`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from mipg_desktop.committees.markup import (
    ListItem,
    MarkupBlock,
    TextRun,
    heading,
    list_block,
    normalize_markup,
    paragraph,
    table,
    write_markup,
)
from mipg_desktop.committees.markup_inline import merge_runs

_SKIPPED = {
    "script", "style", "head", "title", "xml", "template", "noscript", "svg", "math",
    "object", "iframe", "select", "textarea", "button", "canvas", "audio", "video",
}  # fmt: skip
_VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source"}
_BLOCKS = {
    "p", "div", "blockquote", "pre", "section", "article", "header", "footer", "main",
    "aside", "nav", "dd", "dt", "dl", "address", "figure", "figcaption", "center", "hr",
}  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 1, "h3": 2, "h4": 2, "h5": 2, "h6": 2}
_SPACE = re.compile(r"[ \t\n\r\f]+")
_MSO_LIST = re.compile(r"mso-list\s*:\s*l\d+\s+level(\d+)", re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*(\d{1,3}|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,6})[.)]")
_DIGITS = re.compile(r"^\s*(\d{1,3})[.)]")


def _style(attrs: list[tuple[str, str | None]]) -> dict[str, str]:
    style = next((v for k, v in attrs if k == "style" and v), "")
    out: dict[str, str] = {}
    for declaration in style.split(";"):
        name, _sep, value = declaration.partition(":")
        if _sep:
            out[name.strip().lower()] = value.strip().lower()
    return out


def _bold(tag: str, style: dict[str, str]) -> bool | None:
    weight = style.get("font-weight")
    if weight is not None:
        return weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
    return True if tag in ("b", "strong") or tag in _HEADINGS else None


def _italic(tag: str, style: dict[str, str]) -> bool | None:
    shape = style.get("font-style")
    if shape is not None:
        return shape in ("italic", "oblique")
    return True if tag in ("i", "em", "cite", "dfn", "var") else None


@dataclass
class _Item:
    level: int
    ordered: bool
    number: int
    word: bool = False  # a Word ``mso-list`` paragraph: kind and number from its label
    label: str = ""


@dataclass
class _State:
    blocks: list[MarkupBlock] = field(default_factory=list)
    items: list[ListItem] = field(default_factory=list)
    lines: list[list[TextRun]] = field(default_factory=lambda: [[]])
    heading: int = 0
    item: _Item | None = None
    lists: list[list[int]] = field(default_factory=list)  # [ordered, next number]
    rows: list[list[list[TextRun]]] = field(default_factory=list)
    tables: int = 0
    images: int = 0


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.s = _State()
        self.formats: list[tuple[str, bool | None, bool | None]] = []
        self.skip: list[str] = []
        self.label: list[str] | None = None  # Word's list label being read (not text)
        self.label_depth = 0
        self.links: list[str | None] = []
        self.conditions: list[bool] = []  # Word's <![if ...]> sections: True when hidden

    # -- text ------------------------------------------------------------------------------
    def _flags(self) -> tuple[bool, bool]:
        bold = italic = False
        for _tag, b, i in self.formats:
            bold = b if b is not None else bold
            italic = i if i is not None else italic
        return bold, italic

    def _add(self, text: str, plain: bool = False) -> None:
        bold, italic = (False, False) if plain else self._flags()
        run = TextRun(text, bold, italic)
        if self.s.tables:
            if self.s.rows and self.s.rows[-1]:
                self.s.rows[-1][-1].append(run)
            return
        self.s.lines[-1].append(run)

    def handle_data(self, data: str) -> None:
        if self._hidden():
            return
        if self.label is not None:
            self.label.append(data)
            return
        self._add(_SPACE.sub(" ", data))

    # -- Word's conditional sections ---------------------------------------------------------
    def unknown_decl(self, data: str) -> None:
        word = data.strip().lower()
        if word.startswith("if") and "supportlists" in word:
            self.label = []
            self.conditions.append(False)
        elif word.startswith("if"):  # what Word shows to other programs; an image is noted
            self.conditions.append("!vml" not in word)
        elif word.startswith("endif") and self.conditions:
            self.conditions.pop()
            if self.label is not None and not self.label_depth:
                self._end_label()

    def _hidden(self) -> bool:
        return bool(self.skip) or any(self.conditions)

    def _end_label(self) -> None:
        text = "".join(self.label or [])
        self.label = None
        if self.s.item is not None and self.s.item.word and not self.s.item.label:
            self.s.item.label = text.strip() or "·"

    # -- tags --------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if self._hidden() or tag in _SKIPPED:
            if tag not in _VOID and not any(self.conditions):
                self.skip.append(tag)
            return
        style = _style(attrs)
        if self.label is not None or "ignore" in style.get("mso-list", ""):
            if self.label is None:
                self.label = []
                self.label_depth = 1
            elif self.label_depth:
                self.label_depth += 1
            return
        if tag == "img":
            self.s.images += 1
            from mipg_desktop.i18n import _

            self._add(" " + _("[imagen omitida]") + " ", plain=True)
            return
        if tag == "br":
            self._break()
            return
        if tag == "a":
            self.links.append(next((v for k, v in attrs if k == "href"), None))
        if tag not in _VOID:
            self.formats.append((tag, _bold(tag, style), _italic(tag, style)))
        self._open_block(tag, style, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag.lower() not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if any(self.conditions):
            return
        if self.label_depth:
            self.label_depth -= 1
            if not self.label_depth:
                self._end_label()
            return
        if self.label is not None:
            return
        if tag in _VOID:
            return
        if any(t == tag for t, _b, _i in self.formats):
            while self.formats and self.formats.pop()[0] != tag:
                pass
        if tag == "a" and self.links:
            self._link_end(self.links.pop())
        self._close_block(tag)

    def _link_end(self, href: str | None) -> None:
        if not href or not href.lower().startswith(("http://", "https://", "mailto:")):
            return
        target = href[7:] if href.lower().startswith("mailto:") else href
        shown = "".join(r.text for r in self._current_runs()[-8:])
        if target not in shown:
            self._add(f" ({target})", plain=True)

    def _current_runs(self) -> list[TextRun]:
        if self.s.tables:
            return self.s.rows[-1][-1] if self.s.rows and self.s.rows[-1] else []
        return self.s.lines[-1]

    # -- blocks ------------------------------------------------------------------------------
    def _break(self) -> None:
        if self.s.tables or self.s.item is not None or self.s.heading:
            self._add(" ", plain=True)
        else:
            self.s.lines.append([])

    def _open_block(self, tag: str, style: dict[str, str], attrs: list) -> None:  # type: ignore[type-arg]
        s = self.s
        if tag == "table":
            if not s.tables:
                self._end_block()
                self._end_list()
                s.rows = []
            s.tables += 1
        elif s.tables:
            if tag == "tr" and s.tables == 1:
                s.rows.append([])
            elif tag in ("td", "th") and s.tables == 1:
                if not s.rows:
                    s.rows.append([])
                s.rows[-1].append([])
            elif tag in ("td", "th", "li", "p", "div", "tr") or tag in _HEADINGS:
                self._add(" ", plain=True)
        elif tag in ("ul", "ol"):
            self._end_block()
            start = next((v for k, v in attrs if k == "start"), None)
            number = int(start) if start and start.isdigit() else 1
            s.lists.append([int(tag == "ol"), number])
        elif tag == "li":
            self._end_block()
            ordered, number = s.lists[-1] if s.lists else (0, 1)
            s.item = _Item(max(0, len(s.lists) - 1), bool(ordered), number)
            if s.lists:
                s.lists[-1][1] += 1
        elif tag in _HEADINGS:
            self._end_block()
            s.heading = _HEADINGS[tag]
        elif tag in _BLOCKS or tag == "p":
            if s.item is not None and not s.item.word:
                self._add(" ", plain=True)  # a paragraph inside a list item
                return
            self._end_block()
            found = _MSO_LIST.search(";".join(f"{k}:{v}" for k, v in style.items()))
            if found is not None:
                s.item = _Item(max(0, int(found.group(1)) - 1), False, 0, word=True)

    def _close_block(self, tag: str) -> None:
        s = self.s
        if tag == "table" and s.tables:
            s.tables -= 1
            if not s.tables:
                self._end_table()
        elif s.tables:
            return
        elif tag in ("ul", "ol"):
            self._end_block()
            if s.lists:
                s.lists.pop()
        elif tag == "li" or tag in _HEADINGS:
            self._end_block()
        elif tag in _BLOCKS or tag == "p":
            if s.item is not None and not s.item.word:
                return
            self._end_block()

    def _end_block(self) -> None:
        s = self.s
        lines = [r for r in (_trim(line) for line in s.lines) if r]
        s.lines = [[]]
        item, s.item = s.item, None
        level, s.heading = s.heading, 0
        if not lines:
            return
        if item is not None:
            runs = _trim([r for line in lines for r in (*line, TextRun(" "))])
            s.items.append(_list_item(item, runs))
            return
        self._end_list()
        if level:
            s.blocks.append(heading(level, _trim([r for ln in lines for r in (*ln, TextRun(" "))])))
        else:
            s.blocks.append(paragraph(*lines))

    def _end_list(self) -> None:
        if self.s.items:
            self.s.blocks.append(list_block(self.s.items))
            self.s.items = []

    def _end_table(self) -> None:
        rows = [tuple(_trim(c) for c in row) for row in self.s.rows]
        rows = [r for r in rows if any(r)]
        self.s.rows = []
        if rows:
            self.s.blocks.append(table(rows))

    def result(self) -> tuple[MarkupBlock, ...]:
        self.close()
        while self.s.tables:
            self.s.tables -= 1
            if not self.s.tables:
                self._end_table()
        self._end_block()
        self._end_list()
        return tuple(self.s.blocks)


def _list_item(item: _Item, runs: tuple[TextRun, ...]) -> ListItem:
    if not item.word:
        return ListItem(min(item.level, 5), item.ordered, item.number if item.ordered else 0, runs)
    label = item.label
    if _NUMBERED.match(label):
        digits = _DIGITS.match(label)
        return ListItem(min(item.level, 5), True, int(digits.group(1)) if digits else 1, runs)
    return ListItem(min(item.level, 5), False, 0, runs)


def _trim(runs: list[TextRun] | tuple[TextRun, ...]) -> tuple[TextRun, ...]:
    """Runs without the spaces at both ends, nor doubled spaces inside."""
    merged = [TextRun(_SPACE.sub(" ", r.text), r.bold, r.italic) for r in merge_runs(runs)]
    out: list[TextRun] = []
    for run in merged:
        text = run.text
        if out and out[-1].text.endswith(" ") and text.startswith(" "):
            text = text[1:]
        if not out and text.startswith(" "):
            text = text.lstrip(" ")
        if text:
            out.append(TextRun(text, run.bold, run.italic))
    while out and out[-1].text.endswith(" "):
        last = out.pop()
        if last.text.rstrip(" "):
            out.append(TextRun(last.text.rstrip(" "), last.bold, last.italic))
    return merge_runs(out)


@dataclass(frozen=True)
class Pasted:
    markup: str
    images: int  # images left out (each noted in the text)


def html_to_markup(html: str) -> Pasted:
    """The markup of pasted ``html`` (see the module's docstring)."""
    converter = _Converter()
    converter.feed(html)
    blocks = converter.result()
    return Pasted(normalize_markup(write_markup(blocks)), converter.s.images)
