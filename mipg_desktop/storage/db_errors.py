"""One Spanish line for a database error: never its SQL, its values or a password.

:func:`describe_database_error` recognises the errors of SQLite and PostgreSQL drivers (raw
or wrapped by SQLAlchemy) that reach a user: busy or locked after the timeout, permission
denied, a read-only file or account, an unreachable server, a full disk, a damaged file.
"""

from __future__ import annotations

import re

from mipg_desktop.i18n import _

_PASSWORD = re.compile(r"(://[^:/@\s]*:)[^@\s]*@")


def hide_password(text: str) -> str:
    """``postgresql://u:secreto@host`` → ``postgresql://u:***@host``, wherever it appears."""
    text = _PASSWORD.sub(r"\1***@", text)
    return re.sub(r"(password\s*=\s*)\S+", r"\1***", text, flags=re.IGNORECASE)


def is_database_error(error: BaseException) -> bool:
    import sqlite3

    if isinstance(error, sqlite3.Error):
        return True
    module = type(error).__module__
    return module.startswith(("sqlalchemy", "psycopg"))


def _sqlstate(error: BaseException) -> str:
    orig = getattr(error, "orig", None) or error
    for name in ("sqlstate", "pgcode"):
        value = getattr(orig, name, None)
        if isinstance(value, str):
            return value
    diag = getattr(orig, "diag", None)
    value = getattr(diag, "sqlstate", None)
    return value if isinstance(value, str) else ""


_BY_TEXT: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("database is locked", "database table is locked", "database is busy"),
        "La base de datos está ocupada por otro programa y no se liberó a tiempo; intente de "
        "nuevo en un momento. No se guardó nada.",
    ),
    (
        ("attempt to write a readonly database", "readonly database"),
        "La base de datos es de solo lectura (el archivo, su carpeta o el disco); cópiela a "
        "una carpeta donde pueda escribir. No se guardó nada.",
    ),
    (
        ("database or disk is full", "no space left on device", "could not extend file"),
        "No queda espacio en el disco de la base de datos; libere espacio e intente de nuevo. "
        "No se guardó nada.",
    ),
    (
        ("unable to open database file",),
        "No se pudo abrir el archivo de la base de datos: revise que la carpeta exista y que "
        "tenga permiso. No se guardó nada.",
    ),
    (
        ("database disk image is malformed", "file is not a database", "disk i/o error"),
        "La base de datos está dañada o el disco falló; no se guardó nada. Restaure la última "
        "copia buena («mipg restore ARCHIVO»).",
    ),
    (
        ("read-only transaction", "read only transaction"),
        "La cuenta de la base de datos es de solo lectura; pida a quien administra el servidor "
        "permiso de escritura. No se guardó nada.",
    ),
    (
        ("permission denied",),
        "La cuenta de la base de datos no tiene permiso para esta operación; pida a quien "
        "administra el servidor que se lo conceda. No se guardó nada.",
    ),
    (
        ("password authentication failed", "authentication failed", "no password supplied"),
        "El servidor de base de datos no aceptó el usuario o la contraseña.",
    ),
    (
        (
            "connection refused",
            "could not connect",
            "connection timed out",
            "timeout expired",
            "could not translate host name",
            "name or service not known",
            "server closed the connection",
            "connection is lost",
            "connection failed",
            "consuming input failed",
            "terminating connection",
        ),
        "No se pudo conectar con el servidor de base de datos: revise la dirección, el puerto "
        "y la red, e intente de nuevo. No se guardó nada.",
    ),
    (
        ("invalid port", "port number", "invalid integer value"),
        "La dirección de la base de datos tiene un puerto no válido; revísela.",
    ),
)

_BY_STATE = {
    "42501": "permission denied",
    "25006": "read-only transaction",
    "53100": "database or disk is full",
    "28P01": "password authentication failed",
    "57P01": "terminating connection",
    "08006": "connection failed",
    "08001": "could not connect",
}


def describe_database_error(error: BaseException) -> str | None:
    """The user's line for ``error``, or ``None`` when it is not a database error we know."""
    if not is_database_error(error):
        return None
    orig = getattr(error, "orig", None) or error
    text = str(orig).lower()
    state = _sqlstate(error)
    if state in _BY_STATE:
        text = _BY_STATE[state] + " " + text
    for needles, message in _BY_TEXT:
        if any(needle in text for needle in needles):
            return _(message)
    return _(
        "La base de datos rechazó la operación ({kind}); no se guardó nada. Use --debug para "
        "ver el detalle."
    ).format(kind=type(orig).__name__)
