"""The members' review of a draft acta from the command line:

``mipg respond PACKAGE --member NAME (--no-observations | --observations FILE.json) -o
FILE.mipgrespuesta`` (a member, no database), ``mipg import-response FILE`` and ``mipg
review SESSION_ID [--json]`` (the secretary).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from mipg_desktop.i18n import _, ngettext


def register(subparsers: Any) -> None:
    from mipg_desktop.cli.common import add_json_flag

    respond = subparsers.add_parser(
        "respond",
        help=_("escribe la respuesta de un integrante a un paquete de sesión (.mipgrespuesta)"),
    )
    respond.add_argument("package", type=Path, metavar="PAQUETE", help=_("el .mipgsesion recibido"))
    respond.add_argument(
        "--member", metavar="NOMBRE", help=_("quién responde (sin importar tildes ni mayúsculas)")
    )
    what = respond.add_mutually_exclusive_group()
    what.add_argument(
        "--no-observations", action="store_true", help=_("responde «sin observaciones»")
    )
    what.add_argument(
        "--observations",
        type=Path,
        metavar="ARCHIVO.json",
        help=_("las observaciones, en una lista JSON (véase docs/session-package.md)"),
    )
    what.add_argument(
        "--show",
        action="store_true",
        help=_("muestra los integrantes y los textos del acta, sin escribir nada"),
    )
    respond.add_argument(
        "-o", "--output", type=Path, metavar="ARCHIVO.mipgrespuesta", help=_("archivo de salida")
    )
    add_json_flag(respond)
    respond.set_defaults(run=run_respond)

    imp = subparsers.add_parser(
        "import-response", help=_("importa la respuesta de un integrante (.mipgrespuesta)")
    )
    imp.add_argument("file", type=Path, metavar="ARCHIVO")
    imp.set_defaults(run=run_import)

    review = subparsers.add_parser(
        "review", help=_("lista las observaciones de los integrantes al acta de una sesión")
    )
    review.add_argument("session_id", type=int, metavar="SESION_ID", help=_("id de la sesión"))
    add_json_flag(review)
    review.set_defaults(run=run_review)


def run_respond(args: argparse.Namespace) -> int:
    from mipg_desktop.committees.review_package import open_for_review
    from mipg_desktop.committees.review_response import write_response
    from mipg_desktop.committees.review_script import (
        find_member,
        observations_from_json,
        stable_uids,
    )
    from mipg_desktop.errors import ValidationError

    package = open_for_review(args.package)
    if args.show:
        return _show(package, args.json)
    if not args.member or args.output is None:
        raise ValidationError(_("Indique --member NOMBRE y -o ARCHIVO.mipgrespuesta."))
    if not args.no_observations and args.observations is None:
        raise ValidationError(_("Indique --no-observations o --observations ARCHIVO.json."))
    member = find_member(package, args.member)
    drafts = [] if args.no_observations else observations_from_json(package, args.observations)
    drafts = stable_uids(package, member.uid, drafts)
    out = write_response(
        package, member.uid, drafts, args.output, no_observations=args.no_observations
    )
    if not drafts:
        print(
            _("Respuesta de {name} (sin observaciones) escrita en {path}.").format(
                name=member.full_name, path=out
            )
        )
    else:
        print(
            ngettext(
                "Respuesta de {name} con {n} observación escrita en {path}.",
                "Respuesta de {name} con {n} observaciones escrita en {path}.",
                len(drafts),
            ).format(name=member.full_name, n=len(drafts), path=out)
        )
    return 0


def _show(package: Any, as_json: bool) -> int:
    from mipg_desktop.cli.common import print_json

    if as_json:
        print_json(
            {
                "session_uid": package.session_uid,
                "session_version": package.session_version,
                "title": package.session_title,
                "members": [vars(m) for m in package.members],
                "targets": [
                    {"target": t.kind, "uid": t.uid, "label": t.label} for t in package.targets
                ],
            }
        )
        return 0
    print(f"{package.session_title} — {package.committee_name}")
    print(_("Integrantes:"))
    for m in package.members:
        print(f"  {m.full_name} ({m.role_label})")
    print(_("Textos del acta:"))
    for t in package.targets:
        print(f"  {t.kind:<13} {t.uid}  {t.label}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from mipg_desktop.cli.common import open_db
    from mipg_desktop.committees.review import import_response
    from mipg_desktop.committees.review_labels import not_applied_line
    from mipg_desktop.committees.review_response import read_response

    read_response(args.file)  # a refused file never opens a database
    with open_db(args, create=False) as db:
        result = import_response(db, args.file)
    if result.already_imported:
        print(
            _(
                "La respuesta de {name} ya estaba importada (sesión {id}); no se cambió nada."
            ).format(name=result.member_name, id=result.session_id)
        )
        return 0
    if result.no_observations:
        line = _("Respuesta de {name} importada en la sesión {id}: sin observaciones.")
    else:
        line = ngettext(
            "Respuesta de {name} importada en la sesión {id}: {n} observación.",
            "Respuesta de {name} importada en la sesión {id}: {n} observaciones.",
            result.observations,
        )
    print(line.format(name=result.member_name, id=result.session_id, n=result.observations))
    if result.repeated:
        print(
            _(
                "{n} observaciones ya se habían recibido en una respuesta anterior; {m} con "
                "cambios quedaron actualizadas (las ya resueltas no cambian)."
            ).format(n=result.repeated, m=result.updated)
        )
    if result.not_applied:
        print(not_applied_line(result.not_applied, result.member_name))
    if result.older_draft:
        print(
            _(
                "Aviso: la respuesta se hizo sobre un borrador anterior; revise las observaciones "
                "marcadas «el texto cambió»."
            )
        )
    return 0


def run_review(args: argparse.Namespace) -> int:
    from mipg_desktop.cli.common import open_db, print_json
    from mipg_desktop.committees.review import responses_summary, review_observations
    from mipg_desktop.committees.review_labels import member_line, status_label

    with open_db(args, create=False) as db:
        observations = review_observations(db, args.session_id)
        summary = responses_summary(db, args.session_id)
    if args.json:
        print_json(
            {
                "session_id": args.session_id,
                "responses": [
                    {
                        "member": m.member_name,
                        "member_uid": m.person_uid,
                        "responses": m.responses,
                        "received_at": m.received_at.isoformat(),
                        "observations": m.observations,
                        "open": m.open,
                        "accepted": m.accepted,
                        "rejected": m.rejected,
                        "answered": m.answered,
                    }
                    for m in summary
                ],
                "observations": [_observation_json(o) for o in observations],
            }
        )
        return 0
    if not summary:
        print(_("No ha llegado ninguna respuesta de los integrantes."))
        return 0
    from mipg_desktop.committees.calendar import colombia_time

    for m in summary:
        print(member_line(m))
    for o in observations:
        changed = " [" + _("el texto cambió") + "]" if o.changed_since else ""
        print(
            f"{o.id:>5}  {colombia_time(o.created_at):%Y-%m-%d %H:%M}  "
            f"{status_label(o.status):<11} "
            f"{o.member_name} — {o.target_label}{changed}"
        )
        if o.comment:
            print(f"       {o.comment}")
        if o.proposed_text is not None:
            print("       " + _("Propone: {text}").format(text=o.proposed_text))
        if o.reply:
            print("       " + _("Respuesta: {text}").format(text=o.reply))
    return 0


def _observation_json(o: Any) -> dict[str, Any]:
    return {
        "id": o.id,
        "uid": o.uid,
        "member": o.member_name,
        "created_at": o.created_at.isoformat(),
        "target": o.target_kind,
        "target_uid": o.target_uid,
        "target_label": o.target_label,
        "item_id": o.item_id,
        "comment": o.comment,
        "proposed_text": o.proposed_text,
        "text_seen": o.text_seen,
        "text_now": o.text_now,
        "changed_since": o.changed_since,
        "status": o.status,
        "reply": o.reply,
        "version": o.version,
    }
