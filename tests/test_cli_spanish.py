"""The command line speaks Spanish, argparse's own words included, for every command."""

from __future__ import annotations

import argparse
import ast
import inspect
import re
import subprocess
import sys
from typing import Any

import pytest

from mipg_desktop import argparse_spanish
from mipg_desktop.cli import build_parser, main

# argparse's English, as it would show without the catalog
ENGLISH = re.compile(
    r"usage:|positional arguments|optional arguments|^options:|show this help|"
    r"show program's|the following arguments|invalid choice|unrecognized arguments|"
    r"expected one argument|\bFILE\b|SESSION_ID",
    re.M,
)


def _argparse_message_ids() -> set[str]:
    """Every string the running Python's argparse passes to ``_`` or ``ngettext``."""
    tree = ast.parse(inspect.getsource(argparse))
    found: set[str] = set()
    for node in ast.walk(tree):
        called = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        if called and node.func.id in ("_", "ngettext"):  # type: ignore[attr-defined]
            found |= {
                a.value
                for a in node.args  # type: ignore[attr-defined]
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            }
    return found


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%(?:\(\w+\))?[sr]", text))


def test_every_argparse_message_has_its_spanish() -> None:
    catalog = argparse_spanish.messages()
    ids = _argparse_message_ids()
    assert "positional arguments" in ids  # the extraction works on this Python
    missing = sorted(ids - catalog.keys())
    assert not missing, f"argparse messages without Spanish: {missing}"
    for english, spanish in catalog.items():
        assert _placeholders(english) == _placeholders(spanish), english


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no subcommands")


def test_the_help_of_every_command_is_spanish(capsys: Any) -> None:
    commands = _subparsers(build_parser())
    assert {"import-plan", "render", "sign", "restore"} <= commands.keys()
    for name in ["", *commands]:
        with pytest.raises(SystemExit) as leaving:
            main([name, "--help"] if name else ["--help"])
        assert leaving.value.code == 0
        text = capsys.readouterr().out
        assert text.startswith("uso: mipg"), name
        assert "opciones:" in text and "muestra esta ayuda y termina" in text, name
        assert not ENGLISH.search(text), (name, ENGLISH.search(text))
    with pytest.raises(SystemExit):
        main(["import-plan", "--help"])
    assert "argumentos posicionales:\n  ARCHIVO" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["import-plan"], "mipg import-plan: error: faltan estos argumentos: ARCHIVO"),
        (["render", "acta", "1", "-o", "a.pdf"], "argumento DOCUMENTO: opción no válida: 'acta'"),
        (["sessions", "--nada"], "mipg: error: argumentos no reconocidos: --nada"),
        (["demo", "--years"], "argumento --years: se esperaba un argumento"),
        (["plan", "tres"], "argumento PLAN_ID: valor int no válido: 'tres'"),
    ],
)
def test_usage_errors_are_spanish(capsys: Any, argv: list[str], expected: str) -> None:
    with pytest.raises(SystemExit) as leaving:
        main(argv)
    assert leaving.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("uso: "), err
    assert expected in err, err
    assert not ENGLISH.search(err), err


def test_the_window_launcher_help_is_spanish() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ui.app", "--help"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("uso: mipg-desktop")
    assert "muestra la versión y termina" in done.stdout
    assert not ENGLISH.search(done.stdout), done.stdout
