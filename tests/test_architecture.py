"""The shape of the code: the core never loads Qt or ``ui``; modules stay readable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_MODULE_LINES = 450


def test_importing_every_core_module_loads_neither_qt_nor_ui() -> None:
    probe = (
        "import importlib, pkgutil, sys\n"
        "import mipg_desktop\n"
        "names = [m.name for m in pkgutil.walk_packages(mipg_desktop.__path__, 'mipg_desktop.')\n"
        "         if m.name != 'mipg_desktop.__main__' and '.migrations' not in m.name]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "qt = ('PySide6', 'shiboken6', 'ui')\n"
        "leaks = sorted(m for m in sys.modules if m.split('.')[0] in qt)\n"
        "print(len(names), leaks)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    count, leaks = result.stdout.strip().split(" ", 1)
    assert int(count) >= 10
    assert leaks == "[]"


def test_core_modules_stay_around_400_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in (ROOT / "mipg_desktop").rglob("*.py")
        if "migrations" not in p.parts
        and (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"split these modules: {long}"
