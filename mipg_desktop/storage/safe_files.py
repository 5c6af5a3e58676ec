"""Private files and folders, complete temporary files and the leftovers of interrupted work.

The database, its WAL and SHM files, backups, safety copies and the lock file hold personal
data (Ley 1581 de 2012): on POSIX they are created readable by the user only (0600) in folders
the program creates 0700. Produced PDFs and workbooks keep the usual mode
(:mod:`mipg_desktop.files`).

Work in progress is written to a temporary file beside its target, named
``.<target>.<pid>.parcial``; a leftover of a killed run is recognised by that name (its process
is gone) and removed on the next run (:func:`remove_leftovers`).
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from pathlib import Path

PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700
PARTIAL_SUFFIX = ".parcial"
SAFETY_COPY_MARK = ".antes-de-"

_PARTIAL = re.compile(r"^\.(?P<target>.+)\.(?P<pid>\d+)\.parcial$")


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` and any missing parent, each new one 0700 (existing ones untouched)."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=PRIVATE_FOLDER_MODE)


def create_private_file(path: Path) -> None:
    """Create ``path`` empty, 0600, failing if it exists (SQLite then keeps its mode)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    os.close(fd)
    if os.name == "posix":
        os.chmod(path, PRIVATE_FILE_MODE)  # the umask may have taken bits away, never added


def partial_path(target: Path) -> Path:
    """The temporary file for ``target``: same folder, recognisable, owned by this process."""
    return target.with_name(f".{target.name}.{os.getpid()}{PARTIAL_SUFFIX}")


def new_partial(target: Path) -> Path:
    """A fresh, empty, private temporary file for ``target``."""
    partial = partial_path(target)
    remove_sqlite_files(partial)
    create_private_file(partial)
    return partial


def sidecars(path: Path) -> tuple[Path, Path, Path]:
    """SQLite's files beside a database: the WAL, the shared memory and the rollback journal."""
    return (
        path.with_name(path.name + "-wal"),
        path.with_name(path.name + "-shm"),
        path.with_name(path.name + "-journal"),
    )


def remove_sqlite_files(path: Path) -> None:
    for file in (path, *sidecars(path)):
        file.unlink(missing_ok=True)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; a no-op where folders cannot be opened)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (this one does)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill(pid, 0) would send it Ctrl+C there
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _windows_process_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        kernel.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel.CloseHandle(handle)


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove what interrupted runs left in ``folder``; returns what was removed.

    A temporary file whose process is gone (with its SQLite sidecars), and an empty or
    header-less safety copy (``*.antes-de-*``), are removed; a complete copy is kept.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        base = re.sub(r"-(wal|shm|journal)$", "", name)
        match = _PARTIAL.match(base)
        stray = bool(match) and not process_alive(int(match["pid"])) if match else False
        empty = SAFETY_COPY_MARK in name and base == name and _is_empty_copy(Path(entry.path))
        if stray or empty:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _is_empty_copy(path: Path) -> bool:
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            return not handle.read(16).startswith(b"SQLite format 3")
    except OSError:
        return False
