"""Item models over plain rows (dataclasses), testable without any widget."""
