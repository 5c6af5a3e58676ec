"""One program per database: a lock file next to the SQLite file (or in the runtime dir)."""

from __future__ import annotations

import contextlib
import os

from PySide6.QtCore import QLockFile

from mipg_desktop.i18n import _
from mipg_desktop.storage.lockfile import lock_path_for  # the one the CLI checks too


class DatabaseLock:
    """Holds the lock while the window has the database open."""

    def __init__(self, url: str) -> None:
        self.path = lock_path_for(url)
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)  # a lock is stale only when its process is gone
        self.unclean = False

    def acquire(self) -> bool:
        """Take the lock; :attr:`unclean` then tells whether the last program to open the
        database ended without releasing it (killed, a crash, the power cut)."""
        from mipg_desktop.storage.safe_files import make_private_folder

        with contextlib.suppress(OSError):  # first start: the folder may not exist yet
            make_private_folder(self.path.parent)
        self.unclean = self.path.exists()  # a live owner makes the lock fail below
        taken = self._lock.tryLock(200) or bool(
            # removeStaleLockFile succeeds only when the owner process no longer runs
            self._lock.error() == QLockFile.LockError.LockFailedError
            and self._lock.removeStaleLockFile()
            and self._lock.tryLock(200)
        )
        if taken:
            with contextlib.suppress(OSError):
                os.chmod(self.path, 0o600)  # it names the database: the user's only
        return taken

    def owner_message(self, target: str) -> str:
        if self._lock.error() != QLockFile.LockError.LockFailedError:
            return _(
                "No se pudo crear el archivo de bloqueo {path} para abrir la base de datos {db}: "
                "verifique que la carpeta exista y que tenga permiso de escritura."
            ).format(path=self.path, db=target)
        info = self._lock.getLockInfo()  # (pid, host, app) in PySide6; empty when unreadable
        pid, host = (info[0], info[1]) if isinstance(info, tuple) and len(info) >= 2 else (0, "")
        if pid:
            return _(
                "La base de datos {db} ya está abierta en otra ventana de MIPG Desktop "
                "(proceso {pid} en el equipo {host}). Use esa ventana, o ciérrela y vuelva a "
                "intentarlo."
            ).format(db=target, pid=pid, host=host or "?")
        return _(
            "La base de datos {db} ya está abierta en otra ventana de MIPG Desktop. Use esa "
            "ventana, o ciérrela y vuelva a intentarlo."
        ).format(db=target)

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()
