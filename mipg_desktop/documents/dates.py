"""Dates and times as documents print them: "21 de noviembre de 2026", "9:00 a. m."."""

from __future__ import annotations

from datetime import date, datetime, time

LOCALE = "es_CO"


def long_date(value: date | datetime | None) -> str:
    """``21 de noviembre de 2026``; empty for ``None``."""
    if value is None:
        return ""
    from babel.dates import format_date

    day = value.date() if isinstance(value, datetime) else value
    return str(format_date(day, "d 'de' MMMM 'de' y", locale=LOCALE))


def short_date(value: date | datetime | None) -> str:
    """``21/11/2026`` for tables; empty for ``None``."""
    if value is None:
        return ""
    day = value.date() if isinstance(value, datetime) else value
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


NOON = "12:00 m."


def clock(value: time | datetime | None) -> str:
    """``9:00 a. m.``, ``12:00 m.`` at noon (meridies, as Colombian usage writes it); empty
    for ``None``."""
    if value is None:
        return ""
    from babel.dates import format_time

    moment = value.time() if isinstance(value, datetime) else value
    if (moment.hour, moment.minute) == (12, 0):
        return NOON
    text = str(format_time(moment, "h:mm a", locale=LOCALE))
    return text.replace("\u202f", " ").replace("\xa0", " ")


def weekday_date(value: date | None) -> str:
    """``sábado, 21 de noviembre de 2026``."""
    if value is None:
        return ""
    from babel.dates import format_date

    return str(format_date(value, "EEEE, d 'de' MMMM 'de' y", locale=LOCALE))
