"""The lock file that says a program has a database open (the window's, read without Qt).

The window holds ``<database>.lock`` (a Qt ``QLockFile``: the process id, program name, host
name, machine and boot ids, one a line, and an ``flock``) while it has the database open.
The core reads it to refuse a restore under a running window, takes the same lock while it
restores, and takes a lock left by a process that is gone as the sign of an unclean shutdown.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path

from mipg_desktop.errors import DatabaseRefused
from mipg_desktop.i18n import _
from mipg_desktop.storage.engine import sqlite_path
from mipg_desktop.storage.safe_files import PRIVATE_FILE_MODE, make_private_folder, process_alive

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class LockState(Enum):
    FREE = "free"  # no lock file
    HELD = "held"  # a running program holds it
    STALE = "stale"  # left by a program that is gone: it did not close cleanly


def lock_path_for(url: str) -> Path:
    """``mipg.sqlite`` → ``mipg.sqlite.lock``; a server URL → a hashed name in the runtime dir."""
    path = sqlite_path(url)
    if path is not None:
        return path.with_name(path.name + ".lock")
    from platformdirs import user_runtime_dir

    folder = Path(os.environ.get("MIPG_RUNTIME_DIR") or user_runtime_dir("mipg-desktop"))
    make_private_folder(folder)
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
    return folder / f"db-{digest}.lock"


def _flock_held(path: Path) -> bool:
    if fcntl is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing drops the probe's own shared lock
    return False


def _holder(path: Path) -> tuple[int, str]:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return 0, ""
    try:
        pid = int(lines[0]) if lines else 0
    except ValueError:
        pid = 0
    return pid, lines[2] if len(lines) > 2 else ""


def lock_state(url: str) -> LockState:
    """Whether a program holds the database's lock, left it behind, or there is none."""
    path = lock_path_for(url)
    if not path.exists():
        return LockState.FREE
    if _flock_held(path):
        return LockState.HELD
    pid, host = _holder(path)
    if pid == os.getpid():
        return LockState.HELD
    if host and host != socket.gethostname():
        return LockState.HELD  # another computer's program: its process cannot be asked
    if process_alive(pid):
        return LockState.HELD
    return LockState.STALE


def lock_holder_pid(url: str) -> int:
    """The process id written in the lock file (0 when unknown)."""
    return _holder(lock_path_for(url))[0]


def shut_down_uncleanly(url: str) -> bool:
    """The last program that had the database open ended without closing it (killed, crash)."""
    return lock_state(url) is LockState.STALE


RESTORING = "mipg-restaurando"


def restoring(url: str) -> bool:
    """A restore (not a window) holds the database right now."""
    path = lock_path_for(url)
    if lock_state(url) is not LockState.HELD:
        return False
    try:
        return RESTORING in path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return False


def _lock_text() -> str:
    ids = []
    for source in ("/etc/machine-id", "/proc/sys/kernel/random/boot_id"):
        try:
            ids.append(Path(source).read_text(encoding="ascii").strip())
        except OSError:
            ids.append("")
    program = Path(os.path.realpath(sys.executable)).name
    return "\n".join([str(os.getpid()), program, socket.gethostname(), *ids, RESTORING]) + "\n"


@contextlib.contextmanager
def hold_database(url: str, shown: str) -> Iterator[Path]:
    """Take the database's lock (as the window does) for the duration; refuse when held.

    ``shown`` names the database in the refusal.
    """
    path = lock_path_for(url)
    state = lock_state(url)
    if state is LockState.HELD:
        raise DatabaseRefused(
            _(
                "La base de datos {db} está abierta en MIPG Desktop (proceso {pid}); cierre esa "
                "ventana e intente de nuevo. No se modificó nada."
            ).format(db=shown, pid=lock_holder_pid(url) or "?")
        )
    if state is LockState.STALE:
        path.unlink(missing_ok=True)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError as exc:
        raise DatabaseRefused(
            _(
                "Otro programa acaba de abrir la base de datos {db}; ciérrelo e intente de "
                "nuevo. No se modificó nada."
            ).format(db=shown)
        ) from exc
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.write(fd, _lock_text().encode("utf-8"))
        os.fsync(fd)
        yield path
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
        os.close(fd)
