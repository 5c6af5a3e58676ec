"""The ``mipg`` command line (``../shared/cli-contract.md``).

One module per command (``cmd_*.py``), each with ``register(subparsers)``; they
import nothing heavy at module level so ``mipg --version`` stays fast.
Exit status: 0 done, 2 wrong usage, 1 anything else with one clear line on stderr.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Sequence

from mipg_desktop import __version__
from mipg_desktop.i18n import _

COMMAND_MODULES: tuple[str, ...] = (
    "init",
    "catalog",
    "demo",
    "backup",
    "render",
    "sessions",
    "session-package",
    "plans",
    "plan-excel",
    "furag",
    "commitments-export",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mipg",
        description=_("MIPG Desktop sin ventana: catálogo, comités, documentos y planes."),
        add_help=False,
    )
    parser._optionals.title = _("opciones")
    parser.add_argument("-h", "--help", action="help", help=_("muestra esta ayuda y termina"))
    parser.add_argument(
        "--version",
        action="version",
        version=f"mipg {__version__}",
        help=_("muestra la versión y termina"),
    )
    parser.add_argument(
        "--db",
        metavar="DB",
        help=_("archivo SQLite o URL de SQLAlchemy (por defecto MIPG_DB o el archivo del usuario)"),
    )
    parser.add_argument("--debug", action="store_true", help=_("mostrar el detalle de los errores"))
    subparsers = parser.add_subparsers(dest="command", metavar="COMANDO", title=_("comandos"))
    subparsers.required = True
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"mipg_desktop.cli.cmd_{name.replace('-', '_')}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    from mipg_desktop.errors import MipgError

    try:
        code: int = args.run(args)
        return code
    except MipgError as error:
        if args.debug:
            traceback.print_exc()
        print(_("Error: {message}").format(message=error), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("Interrumpido; no se guardó ningún cambio."), file=sys.stderr)
        return 1
    except Exception as error:  # the contract: one clear line, traceback only with --debug
        if args.debug:
            traceback.print_exc()
        print(
            _("Error inesperado: {kind}: {message}").format(
                kind=type(error).__name__, message=error
            ),
            file=sys.stderr,
        )
        return 1
