"""Before Qt starts on Linux: are the system libraries of its X11 (xcb) plugin there?

Without one of them Qt aborts with its own English («no Qt platform plugin could be
initialized») and no word of what to install. The libraries are the ones PySide6's
``plugins/platforms/libqxcb.so`` and ``lib/libQt6XcbQpa.so.6`` link to (``ldd``), each with
its Debian/Ubuntu package; opening them costs nothing more, Qt opens them right after.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys

from mipg_desktop.i18n import _

# soname → Debian package (bookworm / Ubuntu 22.04 and later)
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}


def _loads(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def uses_xcb(environ: dict[str, str] | os._Environ[str]) -> bool:
    """Qt will start its X11 plugin: Linux, and no other platform asked for (Wayland is
    tried first only in a Wayland session, and falls back to X11)."""
    if not sys.platform.startswith("linux"):
        return False
    platform = environ.get("QT_QPA_PLATFORM", "").strip()
    return not platform or platform.split(":")[0].split(";")[0] == "xcb"


def missing_packages() -> list[str]:
    """The Debian packages whose libraries cannot be opened (in the order above)."""
    return list(dict.fromkeys(p for name, p in XCB_LIBRARIES.items() if not _loads(name)))


def startup_problem(environ: dict[str, str] | os._Environ[str] | None = None) -> str:
    """A Spanish explanation of why the window cannot open here, or ""."""
    environ = os.environ if environ is None else environ
    if not uses_xcb(environ):
        return ""
    missing = missing_packages()
    if missing:
        text = _(
            "MIPG Desktop no puede abrir su ventana: faltan bibliotecas gráficas del sistema "
            "que usa Qt ({names})."
        ).format(names=", ".join(missing))
        if shutil.which("apt-get"):
            text += "\n" + _("Instálelas con:\n    sudo apt-get install {packages}").format(
                packages=" ".join(missing)
            )
        return text
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return _(
            "MIPG Desktop no encontró una pantalla gráfica (la variable DISPLAY está vacía): "
            "ábralo desde el escritorio, o use la orden «mipg» sin ventana."
        )
    return ""
