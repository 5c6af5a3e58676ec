"""The database's own guards on approved actas and on the audit trail: one description.

Approved sessions, their rows, the annexes they show, the stored acta (PDF and snapshot),
its signed versions, the errata and the audit trail are refused by the database itself
to every SQL path: ``UPDATE``, ``DELETE``, SQLite's ``INSERT OR REPLACE`` (its implicit
delete fires no delete trigger, so an insert that would replace a frozen row is refused
before it happens), upserts (their update part meets the update guard) and, on
PostgreSQL, ``TRUNCATE``.

Migrations install the guards from here (:func:`install`); :func:`problems` compares what
a database holds with this description, so a database whose guards were dropped or
altered is found on open, by ``mipg restore`` and by ``mipg verify``.
"""

from __future__ import annotations

import re
from typing import Any

FROZEN_MESSAGE = "MIPG: el acta está aprobada; sus registros son de solo lectura"
APPEND_ONLY_MESSAGE = "MIPG: registro de solo lectura (solo se agregan registros nuevos)"

# Rows of a session: frozen with it. (table, has a uid column)
SESSION_CHILD_TABLES = (
    ("agenda_items", True),
    ("agenda_attachments", True),
    ("attendance", False),
    ("session_guests", True),
    ("quorum_checks", False),
    ("decisions", True),
)
ITEM_LINK_TABLES = ("agenda_item_policies", "agenda_item_plan_types")
# A commitment's later life (status, progress, closing) goes on after approval.
COMMITMENT_FROZEN_COLUMNS = (
    "uid",
    "session_id",
    "agenda_item_id",
    "number",
    "text",
    "owner_membership_id",
    "owner_name",
    "due_date",
)
# Only ever added to: (table, the columns an INSERT OR REPLACE could collide on)
APPEND_ONLY_TABLES = (
    ("errata", ("id", "uid")),
    ("audit_entries", ("id",)),
    ("acta_signatures", ("id", "session_id, sequence")),
)
GUARDED_TABLES = (
    "committee_sessions",
    *(t for t, _uid in SESSION_CHILD_TABLES),
    "commitments",
    *ITEM_LINK_TABLES,
    "attachment_blobs",
    "approved_actas",
    *(t for t, _cols in APPEND_ONLY_TABLES),
)


def _approved(session_expr: str) -> str:
    return f"(SELECT status FROM committee_sessions WHERE id = {session_expr}) = 'approved'"


def _item_approved(item_expr: str) -> str:
    return (
        "(SELECT s.status FROM committee_sessions s JOIN agenda_items i ON i.session_id = s.id "
        f"WHERE i.id = {item_expr}) = 'approved'"
    )


def _blob_frozen(sha_expr: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM agenda_attachments a JOIN committee_sessions s "
        f"ON s.id = a.session_id WHERE a.sha256 = {sha_expr} AND s.status = 'approved')"
    )


def _collides(table: str, columns: tuple[str, ...], extra: str = "") -> str:
    """An existing row an INSERT OR REPLACE of NEW would delete."""
    tests = []
    for group in columns:
        names = [c.strip() for c in group.split(",")]
        tests.append("(" + " AND ".join(f"o.{c} = NEW.{c}" for c in names) + ")")
    where = " OR ".join(tests)
    return f"EXISTS (SELECT 1 FROM {table} o WHERE ({where}){extra})"


# --- SQLite ------------------------------------------------------------------------------


def _sqlite(name: str, when: str, table: str, condition: str, message: str) -> tuple[str, str]:
    return name, (
        f"CREATE TRIGGER {name} BEFORE {when} ON {table} FOR EACH ROW WHEN {condition} "
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
    )


def sqlite_triggers() -> list[tuple[str, str]]:
    """(name, CREATE TRIGGER statement) of every guard, in creation order."""
    f = FROZEN_MESSAGE
    sessions_collide = (
        "EXISTS (SELECT 1 FROM committee_sessions o WHERE o.status = 'approved' AND "
        "(o.id = NEW.id OR o.uid = NEW.uid OR (o.committee_id = NEW.committee_id AND "
        "o.year = NEW.year AND o.number = NEW.number)))"
    )
    out = [
        _sqlite(
            "trg_sessions_frozen_upd", "UPDATE", "committee_sessions", "OLD.status = 'approved'", f
        ),
        _sqlite(
            "trg_sessions_frozen_del", "DELETE", "committee_sessions", "OLD.status = 'approved'", f
        ),
        _sqlite("trg_sessions_frozen_ins", "INSERT", "committee_sessions", sessions_collide, f),
    ]
    for table, has_uid in (*SESSION_CHILD_TABLES, ("commitments", True)):
        cols = ("id", "uid") if has_uid else ("id",)
        replaced = _collides(table, cols, f" AND {_approved('o.session_id')}")
        out.append(
            _sqlite(
                f"trg_{table}_frozen_ins",
                "INSERT",
                table,
                f"{_approved('NEW.session_id')} OR {replaced}",
                f,
            )
        )
        out.append(
            _sqlite(f"trg_{table}_frozen_del", "DELETE", table, _approved("OLD.session_id"), f)
        )
    for table, _uid in SESSION_CHILD_TABLES:
        out.append(
            _sqlite(
                f"trg_{table}_frozen_upd",
                "UPDATE",
                table,
                f"{_approved('OLD.session_id')} OR {_approved('NEW.session_id')}",
                f,
            )
        )
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in COMMITMENT_FROZEN_COLUMNS)
    out.append(
        _sqlite(
            "trg_commitments_frozen_upd",
            "UPDATE",
            "commitments",
            f"({_approved('OLD.session_id')} AND ({changed})) OR "
            f"(NEW.session_id IS NOT OLD.session_id AND {_approved('NEW.session_id')})",
            f,
        )
    )
    for table in ITEM_LINK_TABLES:
        for when, ref in (("INSERT", "NEW"), ("DELETE", "OLD"), ("UPDATE", "OLD")):
            condition = _item_approved(f"{ref}.agenda_item_id")
            if when == "UPDATE":
                condition += f" OR {_item_approved('NEW.agenda_item_id')}"
            out.append(_sqlite(f"trg_{table}_frozen_{when[:3].lower()}", when, table, condition, f))
    out += [
        _sqlite(
            "trg_attachment_blobs_frozen_upd",
            "UPDATE",
            "attachment_blobs",
            _blob_frozen("OLD.sha256"),
            f,
        ),
        _sqlite(
            "trg_attachment_blobs_frozen_del",
            "DELETE",
            "attachment_blobs",
            _blob_frozen("OLD.sha256"),
            f,
        ),
        _sqlite(
            "trg_attachment_blobs_frozen_ins",
            "INSERT",
            "attachment_blobs",
            f"{_collides('attachment_blobs', ('sha256',))} AND {_blob_frozen('NEW.sha256')}",
            f,
        ),
        _sqlite("trg_approved_actas_no_upd", "UPDATE", "approved_actas", "1", f),
        _sqlite("trg_approved_actas_no_del", "DELETE", "approved_actas", "1", f),
        _sqlite(
            "trg_approved_actas_ins",
            "INSERT",
            "approved_actas",
            f"NOT ({_approved('NEW.session_id')}) OR "
            f"{_collides('approved_actas', ('session_id',))}",
            f,
        ),
    ]
    for table, cols in APPEND_ONLY_TABLES:
        a = APPEND_ONLY_MESSAGE
        out.append(_sqlite(f"trg_{table}_no_upd", "UPDATE", table, "1", a))
        out.append(_sqlite(f"trg_{table}_no_del", "DELETE", table, "1", a))
        out.append(_sqlite(f"trg_{table}_no_replace", "INSERT", table, _collides(table, cols), a))
    return out


# --- PostgreSQL --------------------------------------------------------------------------


def _pg_raise(condition: str, message: str = FROZEN_MESSAGE) -> str:
    return f"IF {condition} THEN RAISE EXCEPTION '{message}'; END IF;"


def _pg_body(body: str) -> str:
    return f"\nBEGIN\n{body}\nIF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\nRETURN NEW;\nEND;\n"


def pg_functions() -> dict[str, str]:
    """Trigger function name → its plpgsql body (compared with ``pg_proc.prosrc``)."""
    old_sid = "(to_jsonb(OLD)->>'session_id')::integer"
    new_sid = "(to_jsonb(NEW)->>'session_id')::integer"
    old_item = "(to_jsonb(OLD)->>'agenda_item_id')::integer"
    new_item = "(to_jsonb(NEW)->>'agenda_item_id')::integer"
    changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in COMMITMENT_FROZEN_COLUMNS)
    return {
        "mipg_session_frozen": _pg_body(_pg_raise("TG_OP <> 'INSERT' AND OLD.status = 'approved'")),
        "mipg_always_refuse": _pg_body(_pg_raise("TRUE", APPEND_ONLY_MESSAGE)),
        "mipg_child_frozen": _pg_body(
            _pg_raise(f"TG_OP <> 'INSERT' AND {_approved(old_sid)}")
            + "\n"
            + _pg_raise(f"TG_OP <> 'DELETE' AND {_approved(new_sid)}")
        ),
        "mipg_item_link_frozen": _pg_body(
            _pg_raise(f"TG_OP <> 'INSERT' AND {_item_approved(old_item)}")
            + "\n"
            + _pg_raise(f"TG_OP <> 'DELETE' AND {_item_approved(new_item)}")
        ),
        "mipg_commitment_frozen": _pg_body(
            _pg_raise(f"TG_OP = 'DELETE' AND {_approved('OLD.session_id')}")
            + "\n"
            + _pg_raise(f"TG_OP = 'INSERT' AND {_approved('NEW.session_id')}")
            + "\n"
            + _pg_raise(f"TG_OP = 'UPDATE' AND {_approved('OLD.session_id')} AND ({changed})")
            + "\n"
            + _pg_raise(
                "TG_OP = 'UPDATE' AND NEW.session_id IS DISTINCT FROM OLD.session_id AND "
                + _approved("NEW.session_id")
            )
        ),
        "mipg_blob_frozen": _pg_body(_pg_raise(_blob_frozen("OLD.sha256"))),
        "mipg_record_insert": _pg_body(_pg_raise(f"NOT ({_approved('NEW.session_id')})")),
        "mipg_truncate_refused": "\nBEGIN\n"
        + _pg_raise("TRUE", APPEND_ONLY_MESSAGE)
        + "\nRETURN NULL;\nEND;\n",
    }


def pg_triggers() -> list[tuple[str, str, str, str]]:
    """(name, table, timing and events, function) of every guard."""
    out = [
        ("trg_sessions_frozen", "committee_sessions", "UPDATE OR DELETE", "mipg_session_frozen"),
        (
            "trg_commitments_frozen",
            "commitments",
            "INSERT OR UPDATE OR DELETE",
            "mipg_commitment_frozen",
        ),
    ]
    for table, _uid in SESSION_CHILD_TABLES:
        out.append(
            (f"trg_{table}_frozen", table, "INSERT OR UPDATE OR DELETE", "mipg_child_frozen")
        )
    for table in ITEM_LINK_TABLES:
        out.append(
            (f"trg_{table}_frozen", table, "INSERT OR UPDATE OR DELETE", "mipg_item_link_frozen")
        )
    out += [
        ("trg_attachment_blobs_frozen", "attachment_blobs", "UPDATE OR DELETE", "mipg_blob_frozen"),
        (
            "trg_approved_actas_no_change",
            "approved_actas",
            "UPDATE OR DELETE",
            "mipg_always_refuse",
        ),
        ("trg_approved_actas_ins", "approved_actas", "INSERT", "mipg_record_insert"),
    ]
    for table, _cols in APPEND_ONLY_TABLES:
        out.append((f"trg_{table}_append_only", table, "UPDATE OR DELETE", "mipg_always_refuse"))
    return out


def pg_statements() -> list[str]:
    out = [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $${body}$$"
        for name, body in pg_functions().items()
    ]
    for name, table, events, function in pg_triggers():
        out.append(
            f"CREATE TRIGGER {name} BEFORE {events} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
    for table in GUARDED_TABLES:
        out.append(
            f"CREATE TRIGGER trg_{table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION mipg_truncate_refused()"
        )
    return out


def pg_trigger_names() -> list[tuple[str, str]]:
    names = [(name, table) for name, table, _e, _f in pg_triggers()]
    return names + [(f"trg_{t}_no_truncate", t) for t in GUARDED_TABLES]


# --- installing and checking -------------------------------------------------------------


def install(execute: Any, dialect: str) -> None:
    """Drop every guard a database has (of any earlier revision) and create today's set.

    ``execute`` runs one SQL statement (``op.execute`` in a migration)."""
    if dialect == "sqlite":
        for name, _sql in sqlite_triggers():
            execute(f"DROP TRIGGER IF EXISTS {name}")
        for _name, sql in sqlite_triggers():
            execute(sql)
        return
    for name, table in (
        *pg_trigger_names(),
        ("trg_errata_append_only", "errata"),
    ):
        execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    for statement in pg_statements():
        execute(statement)


def _normal(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).strip()


def sqlite_problems(rows: list[tuple[str, str | None]]) -> list[str]:
    """Guards missing or altered, from ``SELECT name, sql FROM sqlite_master WHERE
    type = 'trigger'``; each problem is the trigger's name with what is wrong."""
    have = {name: _normal(sql or "") for name, sql in rows}
    out = []
    for name, sql in sqlite_triggers():
        if name not in have:
            out.append(f"{name}: falta")
        elif have[name] != _normal(sql):
            out.append(f"{name}: alterada")
    return out


def check_sqlite(conn: Any) -> list[str]:
    """:func:`sqlite_problems` on an open ``sqlite3`` connection."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    return sqlite_problems([(str(r[0]), r[1]) for r in rows])


def check_postgresql(conn: Any) -> list[str]:
    """Guards missing, disabled or altered on a SQLAlchemy PostgreSQL connection."""
    from sqlalchemy import text

    triggers = {
        (str(r[0]), str(r[1])): str(r[2])
        for r in conn.execute(
            text(
                "SELECT t.tgname, c.relname, t.tgenabled FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"
            )
        )
    }
    bodies = {
        str(r[0]): str(r[1])
        for r in conn.execute(
            text("SELECT proname, prosrc FROM pg_proc WHERE proname LIKE 'mipg\\_%'")
        )
    }
    out = []
    for name, table in pg_trigger_names():
        state = triggers.get((name, table))
        if state is None:
            out.append(f"{name}: falta")
        elif state == "D":
            out.append(f"{name}: desactivada")
    for name, body in pg_functions().items():
        if name not in bodies:
            out.append(f"{name}: falta")
        elif _normal(bodies[name]) != _normal(body):
            out.append(f"{name}: alterada")
    return out


def unguarded(where: object, found: tuple[str, ...]) -> Exception:
    """The refusal to open a current database whose guards are missing or altered: it is
    not opened (nor written to); ``mipg verify`` can still read it."""
    from mipg_desktop.errors import DatabaseRefused
    from mipg_desktop.i18n import _

    return DatabaseRefused(
        _(
            "La base de datos {where} tiene alteradas las protecciones de sus actas aprobadas "
            "({what}); no se abre, para no escribir en ella. Revísela con «mipg verify» y "
            "restaure una copia de seguridad."
        ).format(where=where, what="; ".join(found[:3]))
    )
