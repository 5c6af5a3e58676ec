"""Errors the core raises for users: each carries one clear Spanish line."""

from __future__ import annotations

from typing import Any


class MipgError(Exception):
    """An error meant for the user; ``str(error)`` is the message to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class DatabaseRefused(MipgError):
    """The database cannot be opened as it is; it was left untouched."""


class DatabaseDamaged(DatabaseRefused):
    """The file's pages are damaged: it is not opened for writing (the window may open it
    read-only, to offer the latest good copy)."""


class ValidationError(MipgError):
    """Input was rejected; ``problems`` lists every place that is wrong."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        return self.message + "\n" + "\n".join(f"  - {p}" for p in self.problems)


class NotFound(MipgError):
    """A record the user named does not exist."""


class Cancelled(MipgError):
    """Long work stopped because the user cancelled it; nothing was written."""


class ReadOnlyRecord(MipgError):
    """The record is frozen (e.g. approved minutes) and cannot change."""


class ConcurrentEdit(MipgError):
    """Somebody else changed the record since it was read.

    ``current`` holds the stored values of the fields the refused change would have
    written and ``version`` the stored version, so the window can show both sides and let
    the person choose (keep theirs, take the other, or merge by hand).
    """

    def __init__(
        self,
        message: str,
        current: dict[str, Any] | None = None,
        version: int | None = None,
    ) -> None:
        super().__init__(message)
        self.current = current or {}
        self.version = version
