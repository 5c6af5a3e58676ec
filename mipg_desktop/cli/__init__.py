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
    "verify",
    "sign",
    "sessions",
    "session-package",
    "review",
    "plans",
    "plan-excel",
    "furag",
    "commitments-export",
)


def build_parser() -> argparse.ArgumentParser:
    from mipg_desktop import argparse_spanish

    argparse_spanish.install()  # «uso:», «argumentos posicionales», its errors
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
        sys.stdout.flush()
        return code
    except BrokenPipeError:  # e.g. `mipg plan 3 | head`: the reader left, nothing to say
        _silence_stdout()
        return 1
    except OSError as error:
        if args.debug:
            traceback.print_exc()
        print(_("Error: {message}").format(message=describe_os_error(error)), file=sys.stderr)
        return 1
    except OverflowError:
        if args.debug:
            traceback.print_exc()
        print(_("Error: un número de la orden está fuera de rango."), file=sys.stderr)
        return 1
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
        from mipg_desktop.storage.db_errors import describe_database_error, hide_password

        line = describe_database_error(error)
        if line is not None:
            print(_("Error: {message}").format(message=line), file=sys.stderr)
            return 1
        print(
            _("Error inesperado: {kind}: {message}").format(
                kind=type(error).__name__, message=hide_password(str(error).splitlines()[0])
            ),
            file=sys.stderr,
        )
        return 1


def _silence_stdout() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


OS_REASONS = {
    "ENOENT": "no existe",
    "EACCES": "no tiene permiso",
    "EPERM": "no tiene permiso",
    "EISDIR": "es una carpeta, no un archivo",
    "ENOTDIR": "una parte de la ruta no es una carpeta",
    "EEXIST": "ya existe",
    "ENOSPC": "no queda espacio en el disco",
    "EROFS": "el disco es de solo lectura",
    "EBUSY": "está en uso",
    "ENAMETOOLONG": "el nombre es demasiado largo",
}


def describe_os_error(error: OSError) -> str:
    """One Spanish line for a file-system error: the path and what is wrong with it."""
    import errno

    code = errno.errorcode.get(error.errno or 0, "")
    reason = (
        _(OS_REASONS[code])
        if code in OS_REASONS
        else _("error del sistema ({code})").format(code=code or error.errno)
    )
    where = error.filename2 if code in {"EISDIR", "ENOTDIR"} and error.filename2 else error.filename
    if where in (None, ""):
        return _("no se pudo completar la operación con el archivo: {reason}.").format(
            reason=reason
        )
    return _("«{path}»: {reason}.").format(path=where, reason=reason)
