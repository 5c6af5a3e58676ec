"""Colombian date, time and number formats for the window (Babel, locale es_CO)."""

from __future__ import annotations

from datetime import date, datetime, time

LOCALE = "es_CO"


def long_date(value: date | None) -> str:
    """``21 de noviembre de 2026``."""
    if value is None:
        return ""
    from babel.dates import format_date

    return str(format_date(value, format="long", locale=LOCALE))


def short_date(value: date | None) -> str:
    """``21/11/2026`` (day first, four-digit year)."""
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y")


def short_time(value: time | datetime | None) -> str:
    """``2:30 p. m.`` as Colombians write it."""
    if value is None:
        return ""
    from mipg_desktop.documents.dates import NOON

    moment = value.time() if isinstance(value, datetime) else value
    if (moment.hour, moment.minute) == (12, 0):
        return NOON  # «12:00 m.», as the documents write noon
    from babel.dates import format_time

    return str(format_time(value, format="short", locale=LOCALE))


def percent(value: float | None) -> str:
    """``45,5 %`` from a fraction (0.455)."""
    if value is None:
        return ""
    from babel.numbers import format_percent

    return str(format_percent(value, format="#,##0.#%", locale=LOCALE))


def number(value: float | int | None) -> str:
    if value is None:
        return ""
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=LOCALE))
