"""Document models (frozen dataclasses of :mod:`.model`) to plain JSON and back.

An approved acta keeps the model it was printed from (names, positions, roles, the
committee, the entity's header and document control, the logo) as JSON beside its PDF,
so a copy can be printed again from what was approved, never from tables that change.
The conversion follows the dataclasses' own fields, so a field added to the model is
kept without touching this module.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import types
import typing
from datetime import date, datetime, time
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def to_plain(value: Any) -> Any:
    """A JSON-ready form: dataclasses as dicts, tuples as lists, dates as tagged ISO text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, time):
        return {"$time": value.isoformat()}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    return value


def canonical_json(value: Any) -> str:
    return json.dumps(to_plain(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _scalar(data: Any) -> Any:
    if isinstance(data, dict) and len(data) == 1:
        ((tag, text),) = data.items()
        if tag == "$bytes":
            return base64.b64decode(text)
        if tag == "$datetime":
            return datetime.fromisoformat(text)
        if tag == "$date":
            return date.fromisoformat(text)
        if tag == "$time":
            return time.fromisoformat(text)
    return data


def from_plain(kind: Any, data: Any) -> Any:
    """Rebuild a value of type ``kind`` (a dataclass, tuple[X, ...], X | None, …)."""
    data = _scalar(data)
    if data is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return from_plain(options[0], data) if len(options) == 1 else data
    if origin is tuple:
        args = typing.get_args(kind)
        inner = args[0] if args else Any
        return tuple(from_plain(inner, v) for v in data)
    if origin in (list, dict) or kind is Any:
        return data
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        known = {f.name for f in dataclasses.fields(kind) if f.init}
        values = {k: from_plain(hints[k], v) for k, v in data.items() if k in known}
        return kind(**values)
    return data


def load(kind: type[T], text: str) -> T:
    value: T = from_plain(kind, json.loads(text))
    return value
