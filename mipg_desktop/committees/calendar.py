"""Business days in Colombia (weekends and public holidays from the ``holidays`` library)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import cache
from typing import Any

COLOMBIA_TZ = "America/Bogota"


@cache
def _holidays(year: int) -> Any:
    import holidays

    return holidays.country_holidays("CO", years=year, language="es")


def holiday_name(day: date) -> str | None:
    name = _holidays(day.year).get(day)
    return str(name) if name else None


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


def business_days_between(first: date, last: date) -> int:
    """Business days strictly after ``first`` and strictly before ``last``."""
    count = 0
    day = first + timedelta(days=1)
    while day < last:
        count += is_business_day(day)
        day += timedelta(days=1)
    return count


def latest_notice_date(session_date: date, notice_days: int) -> date:
    """The last day a convocation can be sent so ``notice_days`` full business days
    lie between it and the session (neither the convocation day nor the session day
    counts, as terms are counted in Colombian procedure)."""
    day = session_date
    found = 0
    while found < notice_days:
        day -= timedelta(days=1)
        found += is_business_day(day)
    return day - timedelta(days=1)


def add_business_days(start: date, days: int) -> date:
    day = start
    added = 0
    while added < days:
        day += timedelta(days=1)
        added += is_business_day(day)
    return day


@cache
def _colombia() -> tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(COLOMBIA_TZ)
    except ZoneInfoNotFoundError:  # no time zone database (Windows without tzdata)
        return timezone(timedelta(hours=-5), "COT")  # Colombia: UTC-5, no daylight saving


def colombia_date(moment: datetime) -> date:
    """The Colombian calendar day of a stored timestamp (naive values are UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(_colombia()).date()


def colombia_time(moment: datetime) -> datetime:
    """A stored timestamp (naive values are UTC) as the time in Colombia."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(_colombia())


def colombia_today() -> date:
    """Today in Colombia (the machine's clock may be set to another zone)."""
    return datetime.now(UTC).astimezone(_colombia()).date()
