"""The building blocks of :mod:`session_schema`: a record's fields read from its ORM table.

A :class:`Record` names a model, the columns a package carries as they are, the id columns
it carries as the uid of the record they name (:class:`Ref`) and the columns it leaves
out, each with its reason. Kinds, lengths and nullability come from the table itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cached_property
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String, Table, Text, Time

TEXT_LIMIT = 200_000  # characters of a ``Text`` column (the table sets no length)
INT_LIMIT = 10**7  # integers are counts, positions, numbers of days: 0 <= n < this
CODE_LIMIT = 100  # each code of a list of codes (policies, plan types, signer roles)

VERSION_COUNTER = "optimistic-lock counter of this database"
LOCAL_ID = "this database's id"
PARENT = "implied by the section that holds the record"
STAMP = "set by the importing database"


@dataclass(frozen=True)
class Field:
    """One key of a record in the package."""

    name: str
    kind: str  # str, uid, sha, int, bool, date, time, datetime, codes, section, list
    nullable: bool = False
    length: int | None = None  # at most this many characters (kinds str, uid, sha)
    choices: tuple[str, ...] | None = None
    column: str | None = None  # the table column it is written to, when it is one
    section: str | None = None  # for a uid reference that must be in the package
    optional: bool = False  # the key may be missing (packages of older programs)


@dataclass(frozen=True)
class Ref:
    """A column holding another record's id, carried as that record's uid."""

    name: str  # the package's key, e.g. ``parent_uid``
    column: str  # the id column, e.g. ``parent_id``
    model: type[Any]  # whose uid it names
    section: str | None = None  # the package section that must hold it (None: may be elsewhere)
    note: str = ""  # what the documentation says it must name, when not a package section


@dataclass(frozen=True)
class Record:
    """How one kind of record travels in the package."""

    section: str  # the key of its list (or dict) in the package's content
    model: type[Any]
    columns: tuple[str, ...]  # carried as they are, under their own names
    refs: tuple[Ref, ...] = ()
    skipped: Mapping[str, str] = field(default_factory=dict)  # column -> why not carried
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    kinds: Mapping[str, str] = field(default_factory=dict)  # a column's kind, when not its type
    lengths: Mapping[str, int] = field(
        default_factory=dict
    )  # a text's limit, when not its column's
    optional: tuple[str, ...] = ()  # columns older packages may lack (the model's default then)
    extras: tuple[Field, ...] = ()  # keys that are not columns of the table
    many: bool = True  # a list of records (False: a single record)
    nullable: bool = False  # the section may be null (single records only)
    order: Callable[[dict[str, Any]], Any] | None = None  # the list's order in the package

    @property
    def table(self) -> Table:
        table = self.model.__table__
        assert isinstance(table, Table)
        return table

    @cached_property
    def fields(self) -> tuple[Field, ...]:
        """Every key of the record, in the order the package writes them."""
        table = self.table
        out = [self._column_field(table, name) for name in self.columns]
        out += [
            Field(
                ref.name,
                "uid",
                nullable=bool(table.c[ref.column].nullable),
                length=36,
                column=ref.column,
                section=ref.section,
            )
            for ref in self.refs
        ]
        return (*out, *self.extras)

    @property
    def in_session(self) -> bool:
        """Whether the record belongs to the session whose package holds it."""
        return self.skipped.get("session_id") == PARENT

    @cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def _column_field(self, table: Table, name: str) -> Field:
        column = table.c[name]
        kind, length = column_kind(column.type)
        kind = self.kinds.get(name, "uid" if name == "uid" else kind)
        return Field(
            name,
            kind,
            nullable=bool(column.nullable),
            length=self.lengths.get(name, length),
            choices=self.choices.get(name),
            column=name,
            optional=name in self.optional,
        )


def column_kind(sql_type: Any) -> tuple[str, int | None]:
    """The package kind and length of a column type (``Text`` before ``String``: it is one)."""
    if isinstance(sql_type, Text):
        return "str", TEXT_LIMIT
    if isinstance(sql_type, String):
        return "str", sql_type.length or TEXT_LIMIT
    if isinstance(sql_type, Boolean):
        return "bool", None
    if isinstance(sql_type, Integer):
        return "int", None
    if isinstance(sql_type, DateTime):
        return "datetime", None
    if isinstance(sql_type, Date):
        return "date", None
    if isinstance(sql_type, Time):
        return "time", None
    if isinstance(sql_type, JSON):
        return "codes", None
    raise TypeError(f"no package kind for column type {sql_type!r}")


def column_length(model: type[Any], name: str) -> int:
    """The length of a text column as the table declares it (``Text``: :data:`TEXT_LIMIT`)."""
    length = column_kind(model.__table__.c[name].type)[1]
    assert length is not None
    return length


def schema_problems(record: Record, table: Table | None = None) -> list[str]:
    """The columns of ``table`` (the record's own by default) that the description neither
    carries nor skips with a reason, and the ones it names that the table lacks."""
    table = record.table if table is None else table
    described = {*record.columns, *(r.column for r in record.refs), *record.skipped}
    described |= {f.column for f in record.extras if f.column}
    columns = {c.name for c in table.columns}
    problems = [f"{table.name}.{c}: not in the package schema" for c in sorted(columns - described)]
    problems += [f"{table.name}.{c}: no such column" for c in sorted(described - columns)]
    return problems


# --- values ---------------------------------------------------------------------------------


def to_json(value: Any) -> Any:
    if isinstance(value, date | time | datetime):
        return value.isoformat()
    return value


_PARSERS: dict[str, Callable[[str], Any]] = {
    "date": date.fromisoformat,
    "time": time.fromisoformat,
    "datetime": datetime.fromisoformat,
}


def from_json(kind: str, value: Any) -> Any:
    parser = _PARSERS.get(kind)
    return value if value is None or parser is None else parser(value)


def read_row(
    record: Record, row: Any, uid_of: Callable[[type[Any], int | None], str | None] | None = None
) -> dict[str, Any]:
    """A row's carried columns and references (the extras are the caller's)."""
    out = {name: to_json(getattr(row, name)) for name in record.columns}
    for ref in record.refs:
        assert uid_of is not None, "a record with references needs uid_of"
        out[ref.name] = uid_of(ref.model, getattr(row, ref.column))
    return out


def column_values(
    record: Record, data: dict[str, Any], *, omit: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The values of the carried columns (not the references) as the model takes them."""
    return {
        f.name: from_json(f.kind, data[f.name])
        for f in record.fields
        if f.column == f.name and f.name not in omit and f.name in data
    }


def ref_values(
    record: Record, data: dict[str, Any], resolve: Callable[[Ref, str | None], int | None]
) -> dict[str, int | None]:
    """The id columns of the references, each resolved in the importing database."""
    return {ref.column: resolve(ref, data[ref.name]) for ref in record.refs}
