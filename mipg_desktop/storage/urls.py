"""Database addresses as people see them: never with a password, named as a person would.

A SQLAlchemy URL may carry a password (``postgresql+psycopg://ana:secreto@servidor/mipg``,
or ``?password=…``). Nothing the program writes or shows (settings, recent files, the log,
messages, the title bar) may carry it. These helpers parse with the same pattern SQLAlchemy
uses, without importing SQLAlchemy (the window shows its first screen before loading it),
and also work on text SQLAlchemy refuses (a typo in the port).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode

MASK = "***"
_URL = re.compile(
    r"""
    (?P<scheme>[\w+]+)://
    (?:(?P<username>[^:/]*)(?::(?P<password>[^@]*))?@)?
    (?P<rest>[^?]*)
    (?:\?(?P<query>.*))?
    """,
    re.X | re.S,
)
_QUERY_SECRETS = frozenset({"password", "passwd", "pwd"})


@dataclass(frozen=True)
class UrlParts:
    scheme: str
    username: str
    password: str
    rest: str  # host[:port]/database
    query: list[tuple[str, str]]

    @property
    def host_and_database(self) -> tuple[str, str]:
        where, _, database = self.rest.partition("/")
        host = where.rsplit(":", 1)[0] if where.count(":") == 1 else where
        return host, database


def _parts(url: str) -> UrlParts | None:
    if url.startswith("sqlite"):
        return None
    found = _URL.match(url)
    if found is None:
        return None
    query = parse_qsl(found["query"] or "", keep_blank_values=True)
    password = unquote(found["password"] or "")
    for key, value in query:
        if key.lower() in _QUERY_SECRETS and not password:
            password = value
    return UrlParts(
        found["scheme"], unquote(found["username"] or ""), password, found["rest"], query
    )


def _join(parts: UrlParts, password: str | None) -> str:
    auth = ""
    if parts.username or password:
        auth = quote(parts.username, safe="")
        if password:
            auth += ":" + (password if password == MASK else quote(password, safe=""))
        auth += "@"
    query = [(k, v) for k, v in parts.query if k.lower() not in _QUERY_SECRETS]
    if password == MASK:
        query += [(k, MASK) for k, _v in parts.query if k.lower() in _QUERY_SECRETS]
    tail = "?" + urlencode(query) if query else ""
    return f"{parts.scheme}://{auth}{parts.rest}{tail}"


def password_of(url: str) -> str:
    """The password written in ``url`` (empty when there is none)."""
    parts = _parts(url)
    return parts.password if parts else ""


def without_password(url: str) -> str:
    """``url`` with no password in it: what may be stored (settings, recent databases)."""
    parts = _parts(url)
    return url if parts is None or not parts.password else _join(parts, None)


def with_password(url: str, password: str) -> str:
    """``url`` carrying ``password`` (kept in memory only, to connect)."""
    parts = _parts(url)
    if parts is None or not password:
        return url
    return _join(parts, password)


def redact_url(url: str) -> str:
    """``url`` with its password shown as ``***``: what may be shown or logged."""
    parts = _parts(url)
    return url if parts is None or not parts.password else _join(parts, MASK)


def scrub(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every one of ``secrets`` (passwords, plain and URL-encoded) masked."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        for form in {secret, quote(secret, safe=""), quote(secret)}:
            text = text.replace(form, MASK)
    return text


def _folder(folder: Path) -> str:
    """``~/Documentos/MIPG`` for a folder in the user's home (Linux, macOS)."""
    import sys

    if sys.platform == "win32":
        return str(folder)
    try:
        inside = folder.relative_to(Path.home())
    except (ValueError, RuntimeError):  # elsewhere, or no home known
        return str(folder)
    return "~" if inside == Path() else f"~/{inside.as_posix()}"


def friendly_name(target: str) -> str:
    """How a person names a database: ``mipg.sqlite — ~/Documentos/MIPG`` for a file,
    ``ana@servidor/mipg`` for a server. Never a password."""
    if target.startswith("sqlite"):
        _, _, path = target.partition(":///")
        target = path or target
    elif "://" not in target:
        target = str(Path(target).expanduser())
    parts = _parts(target) if "://" in target else None
    if parts is None:
        if "://" in target:
            return redact_url(target)
        file = Path(target)
        return f"{file.name} — {_folder(file.parent)}" if file.name else target
    host, database = parts.host_and_database
    who = f"{parts.username}@" if parts.username else ""
    return f"{who}{host or 'localhost'}/{database}"
