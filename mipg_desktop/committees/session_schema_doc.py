"""The field tables of ``docs/session-package.md``, written from :mod:`session_schema`.

    python -m mipg_desktop.committees.session_schema_doc docs/session-package.md

rewrites the part of the document between :data:`BEGIN` and :data:`END`; a test checks
that the document says what the schema says.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mipg_desktop.committees.record_schema import INT_LIMIT, Field, Record
from mipg_desktop.committees.session_schema import BY_SECTION, RECORDS

BEGIN = "<!-- fields:begin (generated from session_schema.py; see session_schema_doc.py) -->"
END = "<!-- fields:end -->"
RESPONSE_BEGIN = (
    "<!-- response-fields:begin (generated from review_schema.py; see session_schema_doc.py) -->"
)
RESPONSE_END = "<!-- response-fields:end -->"
_KINDS = {
    "str": "text",
    "uid": "uid",
    "sha": "SHA-256 (64 hex)",
    "int": "integer",
    "bool": "true / false",
    "date": "date",
    "time": "time",
    "datetime": "timestamp",
    "codes": "list of codes",
}


def _where(record: Record) -> str:
    if record.section == "template":
        return "`committee.template`, a list"
    if record.section == "session_rules":
        return "`session_rules` and `committee.rules`, each one record or `null`"
    return f"`{record.section}`, " + ("a list" if record.many else "one record")


def _kind(spec: Field) -> str:
    if spec.kind == "section":
        return f"`{spec.section}` record"
    if spec.kind == "list":
        return f"list of `{spec.section}` records"
    return _KINDS[spec.kind]


def _limit(spec: Field, record: Record) -> str:
    if spec.choices:
        return ", ".join(f"`{c}`" for c in spec.choices)
    ref = next((r for r in record.refs if r.column == spec.column), None)
    if spec.kind == "uid" and ref is not None:
        if ref.note:
            return ref.note
        if ref.section:
            return f"a `{ref.section}` record of the package"
        table = ref.model.__table__.name
        return f"a record of `{table}`; dropped when this database lacks it"
    if spec.kind == "str" and spec.length:
        return f"≤ {spec.length:,} characters"
    if spec.kind == "int":
        return f"0 to {INT_LIMIT - 1:,}"
    return ""


def record_table(record: Record) -> str:
    lines = [
        f"#### `{record.section}` ({_where(record)}; table `{record.table.name}`)",
        "",
        "| key | type | may be null | limit / allowed values |",
        "|---|---|---|---|",
    ]
    for spec in record.fields:
        null = "yes" if spec.nullable else ""
        lines.append(f"| `{spec.name}` | {_kind(spec)} | {null} | {_limit(spec, record)} |")
    if record.skipped:
        left = "; ".join(f"`{k}` ({why})" for k, why in sorted(record.skipped.items()))
        lines += ["", f"Columns not carried: {left}."]
    return "\n".join(lines)


def field_tables() -> str:
    order = [BY_SECTION["committee"], BY_SECTION["template"], BY_SECTION["session_rules"]]
    order += [r for r in RECORDS if r not in order]
    return "\n\n".join(record_table(r) for r in order)


def response_tables() -> str:
    """The response file's records (:mod:`review_schema`)."""
    from mipg_desktop.committees.review_schema import RESPONSE_RECORDS

    return "\n\n".join(record_table(r) for r in RESPONSE_RECORDS)


def _replace(text: str, begin: str, end: str, body: str) -> str:
    head, rest = text.split(begin, 1)
    _old, tail = rest.split(end, 1)
    return f"{head}{begin}\n\n{body}\n\n{end}{tail}"


def rewrite(text: str) -> str:
    """The document with its generated parts replaced by the schemas' tables (the response
    file's part only when the document has its markers)."""
    text = _replace(text, BEGIN, END, field_tables())
    if RESPONSE_BEGIN in text:
        text = _replace(text, RESPONSE_BEGIN, RESPONSE_END, response_tables())
    return text


def main(argv: list[str]) -> int:
    for name in argv:
        path = Path(name)
        path.write_text(rewrite(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
