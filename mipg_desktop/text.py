"""Text helpers shared by importers and matchers."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize_key(text: object) -> str:
    """Case-, accent- and whitespace-insensitive key.

    ``" Gestión\\n  Documental"`` becomes ``"gestion documental"``.
    """
    if text is None:
        return ""
    return _SPACES.sub(" ", strip_accents(str(text)).casefold()).strip()
