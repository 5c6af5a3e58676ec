"""On Linux, a machine without Qt's X11 libraries gets a Spanish line saying what to install
(before Qt, which would abort in English), and no display is said in Spanish too."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from ui import platform_check

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")


def test_this_machine_has_every_library_qt_xcb_needs() -> None:
    assert platform_check.missing_packages() == []


def test_the_list_matches_what_qts_xcb_plugin_links_to() -> None:
    import shutil
    import subprocess
    from pathlib import Path

    import PySide6

    if shutil.which("ldd") is None:
        pytest.skip("no ldd")
    qt = Path(PySide6.__file__).parent / "Qt"
    linked: set[str] = set()
    for library in (qt / "plugins/platforms/libqxcb.so", qt / "lib/libQt6XcbQpa.so.6"):
        out = subprocess.run(["ldd", str(library)], capture_output=True, text=True).stdout
        linked |= {line.split()[0] for line in out.splitlines() if "=> /" in line}
    ours = {n for n in linked if "Qt6" not in n and "libpyside" not in n}
    wanted = {n for n in ours if n.startswith(("libxcb", "libX11", "libxkb", "libEGL", "libGL."))}
    assert wanted <= platform_check.XCB_LIBRARIES.keys(), (
        wanted - platform_check.XCB_LIBRARIES.keys()
    )


def test_a_missing_library_names_the_package_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    from ui.app import EXIT_REFUSED, main

    gone = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
    monkeypatch.setattr(platform_check, "_loads", lambda name: name not in gone)
    monkeypatch.setattr(platform_check.shutil, "which", lambda name: "/usr/bin/apt-get")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    assert main(["--db", "nada.sqlite", "--exit-when-ready"]) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert "faltan bibliotecas gráficas del sistema" in err
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in err
    assert "Qt platform plugin" not in err


def test_no_display_is_said_in_spanish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platform_check, "_loads", lambda name: True)
    problem = platform_check.startup_problem({"QT_QPA_PLATFORM": "xcb"})
    assert "no encontró una pantalla gráfica" in problem
    assert platform_check.startup_problem({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":1"}) == ""
    assert platform_check.startup_problem({"QT_QPA_PLATFORM": "offscreen"}) == ""
