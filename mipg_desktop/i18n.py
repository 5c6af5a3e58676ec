"""Gettext entry point: every user-visible string goes through ``_``.

Strings are written in Colombian Spanish in the source; a catalog in
``resources/translations/<lang>/LC_MESSAGES/mipg.mo`` can translate them later.
"""

from __future__ import annotations

import gettext as _gettext

from mipg_desktop.resources import resource_path

DOMAIN = "mipg"

_translation: _gettext.NullTranslations = _gettext.translation(
    DOMAIN, localedir=str(resource_path("translations")), fallback=True
)


def _(message: str) -> str:
    """Translate ``message`` (identity until a translation catalog is installed)."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def install_language(language: str) -> None:
    """Switch the active translation (e.g. ``"en"``); unknown languages fall back to Spanish."""
    global _translation
    _translation = _gettext.translation(
        DOMAIN, localedir=str(resource_path("translations")), languages=[language], fallback=True
    )
