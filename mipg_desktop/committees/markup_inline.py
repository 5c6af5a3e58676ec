"""Inside a line of the markup: ``**bold**``, ``*italics*`` and ``\\`` escapes.

One scanner reads a line into runs (:func:`parse_inline`) and one writer turns runs back
into the line (:func:`write_inline`); ``parse_inline(write_inline(runs))`` gives the same
runs back, so a text loaded into the editor and saved unchanged stays byte for byte the
same. The rules are those the first release printed with:

- ``**`` opens and closes bold anywhere; ``*`` opens italics only before a non-space and
  closes them only after one (``5 * 3 * 2`` stays as typed);
- a marker with no partner is text; an italic span that crosses a bold one is text
  (``**a *b** c*``: only the bold counts);
- ``\\`` before an ASCII punctuation mark makes it text (``\\*``, ``\\|``, ``\\\\``); before
  anything else it is a backslash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

_TOKENS = re.compile(r"\\([!-/:-@\[-`{-~])|(\*+)")


@dataclass(frozen=True)
class TextRun:
    text: str
    bold: bool = False
    italic: bool = False


# A token: (text, stars). ``stars`` is 0 for text, else the length of a run of ``*``.
_Token = tuple[str, int]


def _tokenize(line: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    for match in _TOKENS.finditer(line):
        if match.start() > pos:
            tokens.append((line[pos : match.start()], 0))
        if match.group(1) is not None:
            tokens.append((match.group(1), 0))
        else:
            tokens.append((match.group(2), len(match.group(2))))
        pos = match.end()
    if pos < len(line):
        tokens.append((line[pos:], 0))
    return tokens


def parse_inline(line: str) -> tuple[TextRun, ...]:
    """The runs of one line; markers that do not pair up are left as text."""
    tokens = _tokenize(line)
    literal: set[int] = set()
    while True:
        runs, bad = _scan(tokens, literal)
        if bad is None:
            return merge_runs(runs)
        literal.add(bad)


def _neighbour(tokens: list[_Token], index: int, step: int, literal: set[int]) -> str:
    """The character beside token ``index`` (``""`` at the line's edge)."""
    j = index + step
    if 0 <= j < len(tokens):
        text = tokens[j][0]
        return text[0] if step > 0 else text[-1]
    return ""


def _scan(tokens: list[_Token], literal: set[int]) -> tuple[list[TextRun], int | None]:
    """Runs with ``literal`` markers as text; or the index of a marker that must become text."""
    runs: list[TextRun] = []
    stack: list[str] = []  # open markers, outermost first
    opened: dict[str, int] = {}  # marker -> index of the token that opened it
    for index, (text, stars) in enumerate(tokens):
        if stars and index not in literal:
            crossing = _crossing(stack, stars)
            if crossing:
                return runs, opened["i"]  # the italics cross the bold: they are text
            before = _neighbour(tokens, index, -1, literal)
            after = _neighbour(tokens, index, 1, literal)
            found = _decode(stack, stars, before, after)
            if found is not None:
                for mark in found:
                    if mark not in stack:
                        opened[mark] = index
                stack = found
                continue
        runs.append(TextRun(text, "b" in stack, "i" in stack))
    if stack:
        return runs, opened[stack[0]]
    return runs, None


def _crossing(stack: list[str], stars: int) -> bool:
    """Closing the outer marker while the italics inside stay open (or the reverse)."""
    return (stack == ["b", "i"] and stars == 2) or (stack == ["i", "b"] and stars == 1)


def _decode(stack: list[str], stars: int, before: str, after: str) -> list[str] | None:
    """The markers open after a run of ``stars`` (the one :func:`_transition` that writes
    exactly that many); None when no change fits (the stars are text)."""
    for wanted in ({"b"}, {"i"}, {"b", "i"}, set()):
        marks, after_stack = _transition(stack, wanted)
        if len(marks) != stars or marks == "":
            continue
        # a marker closed and opened again (to keep the markers nested) is checked at neither
        closed = [m for m in stack if m not in after_stack]
        new = [m for m in after_stack if m not in stack]
        if "i" in closed and (not before or before.isspace()):
            return None
        if "i" in new and (not after or after.isspace()):
            return None
        if ("b" in closed and not before) or ("b" in new and not after):
            return None
        return after_stack
    return None


def _transition(stack: list[str], wanted: set[str]) -> tuple[str, list[str]]:
    """The stars that go from the open markers ``stack`` to ``wanted``, and the new stack:
    markers are closed from the innermost until none unwanted is open; those closed on the
    way that are still wanted are opened again, then the missing ones (bold first)."""
    stack = list(stack)
    marks = ""
    reopen: list[str] = []
    while any(m not in wanted for m in stack):
        mark = stack.pop()
        marks += "**" if mark == "b" else "*"
        if mark in wanted:
            reopen.insert(0, mark)
    for mark in [*reopen, "b", "i"]:
        if mark in wanted and mark not in stack:
            stack.append(mark)
            marks += "**" if mark == "b" else "*"
    return marks, stack


def merge_runs(runs: list[TextRun] | tuple[TextRun, ...]) -> tuple[TextRun, ...]:
    """Runs in their canonical form: no empty ones, neighbours of one format joined, and
    no bold or italic span starting or ending in a space (the space is kept, plain)."""
    out = _joined(runs)
    for attr in ("italic", "bold"):
        out = _joined(_trim_spans(out, attr))
    return tuple(out)


def _trim_spans(runs: list[TextRun], attr: str) -> list[TextRun]:
    """The spaces at both ends of each span with ``attr`` lose it."""
    result: list[TextRun] = []
    index = 0
    while index < len(runs):
        if not getattr(runs[index], attr):
            result.append(runs[index])
            index += 1
            continue
        end = index
        while end < len(runs) and getattr(runs[end], attr):
            end += 1
        span = runs[index:end]
        lead: list[TextRun] = []
        while span and span[0].text[:1].isspace():
            first = span.pop(0)
            core = first.text.lstrip()
            lead.append(
                replace(first, text=first.text[: len(first.text) - len(core)], **{attr: False})
            )
            if core:
                span.insert(0, replace(first, text=core))
                break
        trail: list[TextRun] = []
        while span and span[-1].text[-1:].isspace():
            last = span.pop()
            core = last.text.rstrip()
            trail.insert(0, replace(last, text=last.text[len(core) :], **{attr: False}))
            if core:
                span.append(replace(last, text=core))
                break
        result += lead + span + trail
        index = end
    return result


def _joined(runs: list[TextRun] | tuple[TextRun, ...]) -> list[TextRun]:
    out: list[TextRun] = []
    for run in runs:
        if not run.text:
            continue
        if out and (out[-1].bold, out[-1].italic) == (run.bold, run.italic):
            out[-1] = TextRun(out[-1].text + run.text, run.bold, run.italic)
        else:
            out.append(run)
    return out


def escape_text(text: str, extra: str = "") -> str:
    """``text`` with ``\\``, ``*`` (and the characters in ``extra``) escaped."""
    out = text.replace("\\", "\\\\").replace("*", "\\*")
    for char in extra:
        out = out.replace(char, "\\" + char)
    return out


def write_inline(runs: list[TextRun] | tuple[TextRun, ...], extra: str = "") -> str:
    """The line that :func:`parse_inline` reads back as ``runs`` (well nested markers)."""
    out: list[str] = []
    stack: list[str] = []
    for run in merge_runs(runs):
        wanted = {m for m, on in (("b", run.bold), ("i", run.italic)) if on}
        marks, stack = _transition(stack, wanted)
        out.append(marks + escape_text(run.text, extra))
    out.append(_transition(stack, set())[0])
    return "".join(out)
