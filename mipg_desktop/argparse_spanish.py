"""argparse's own words in Spanish: «uso:», «argumentos posicionales», «opciones», its errors.

argparse marks every word it writes itself with ``gettext`` (``_`` and ``ngettext``, bound in
its module), as its documentation's «Internationalization support» describes. Instead of a
compiled catalog in the global gettext domain, :func:`install` points those two names at
this module's small catalog, whose Spanish goes through the program's own ``_`` (so it is in
``mipg.pot`` like every other string). ``tests/test_cli_spanish.py`` checks that every message
of the running Python's argparse has its Spanish here.
"""

from __future__ import annotations

import argparse
from functools import cache

from mipg_desktop.i18n import _


@cache
def messages() -> dict[str, str]:
    """argparse's message ids (Python 3.11–3.13) → Spanish."""
    return {
        "usage: ": _("uso: "),
        "positional arguments": _("argumentos posicionales"),
        "options": _("opciones"),
        "optional arguments": _("opciones"),
        "show this help message and exit": _("muestra esta ayuda y termina"),
        "show program's version number and exit": _("muestra la versión y termina"),
        "default: ": _("predeterminado: "),
        "%(prog)s: error: %(message)s\n": _("%(prog)s: error: %(message)s\n"),
        "argument %(argument_name)s: %(message)s": _("argumento %(argument_name)s: %(message)s"),
        "the following arguments are required: %s": _("faltan estos argumentos: %s"),
        "one of the arguments %s is required": _("se necesita uno de estos argumentos: %s"),
        "unrecognized arguments: %s": _("argumentos no reconocidos: %s"),
        "invalid choice: %(value)r (choose from %(choices)s)": _(
            "opción no válida: %(value)r (elija entre %(choices)s)"
        ),
        "invalid choice: %(value)r, maybe you meant %(closest)r?": _(
            "opción no válida: %(value)r; ¿quiso decir %(closest)r?"
        ),
        "invalid %(type)s value: %(value)r": _("valor %(type)s no válido: %(value)r"),
        "ambiguous option: %(option)s could match %(matches)s": _(
            "opción ambigua: %(option)s puede ser %(matches)s"
        ),
        "expected one argument": _("se esperaba un argumento"),
        "expected at most one argument": _("se esperaba como máximo un argumento"),
        "expected at least one argument": _("se esperaba al menos un argumento"),
        "expected %s argument": _("se esperaba %s argumento"),
        "expected %s arguments": _("se esperaban %s argumentos"),
        "not allowed with argument %s": _("no se permite junto con el argumento %s"),
        "ignored explicit argument %r": _("se ignoró el argumento explícito %r"),
        "can't open '%(filename)s': %(error)s": _("no se puede abrir «%(filename)s»: %(error)s"),
        "unknown parser %(parser_name)r (choices: %(choices)s)": _(
            "orden desconocida %(parser_name)r (opciones: %(choices)s)"
        ),
        "unexpected option string: %s": _("opción inesperada: %s"),
        "option '%(option)s' is deprecated": _("la opción «%(option)s» está en desuso"),
        "argument '%(argument_name)s' is deprecated": _(
            "el argumento «%(argument_name)s» está en desuso"
        ),
        "command '%(parser_name)s' is deprecated": _("la orden «%(parser_name)s» está en desuso"),
        # mistakes of the program, not of the person typing (kept Spanish all the same)
        "%r is not callable": _("%r no se puede llamar"),
        "'required' is an invalid argument for positionals": _(
            "«required» no es válido para un argumento posicional"
        ),
        ".__call__() not defined": _(".__call__() no está definido"),
        'argument "-" with mode %r': _("argumento «-» con modo %r"),
        "cannot have multiple subparser arguments": _("no puede haber varias listas de órdenes"),
        "cannot merge actions - two groups are named %r": _(
            "no se pueden unir las acciones: dos grupos se llaman %r"
        ),
        "conflicting option string: %s": _("opción en conflicto: %s"),
        "conflicting option strings: %s": _("opciones en conflicto: %s"),
        "conflicting subparser: %s": _("orden en conflicto: %s"),
        "conflicting subparser alias: %s": _("alias de orden en conflicto: %s"),
        "dest= is required for options like %r": _("dest= es obligatorio para opciones como %r"),
        "invalid conflict_resolution value: %r": _("valor de conflict_resolution no válido: %r"),
        "invalid option string %(option)r: must start with a character %(prefix_chars)r": _(
            "opción no válida %(option)r: debe empezar por un carácter %(prefix_chars)r"
        ),
        "mutually exclusive arguments must be optional": _(
            "los argumentos mutuamente excluyentes deben ser opcionales"
        ),
    }


def gettext(message: str) -> str:
    return messages().get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def install() -> None:
    """From now on argparse writes its own words in Spanish (idempotent)."""
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
