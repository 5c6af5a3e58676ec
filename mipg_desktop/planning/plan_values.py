"""Reading cell values as entities write them: dates, percentages, numbers, yes/no marks.

Each parser takes the raw value openpyxl gives (read-only, cached formula values) and returns
the clean value, or raises :class:`CellError` with a Spanish reason.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from mipg_desktop.i18n import _
from mipg_desktop.models.plans import INDICATOR_TYPES
from mipg_desktop.text import normalize_key

EMPTY_MARKS = frozenset({"", "-", "—", "–", "--"})
YES_MARKS = frozenset({"si", "x", "1", "s", "yes", "true", "verdadero", "aplica"})
NO_MARKS = frozenset({"no", "n/a", "na", "n.a.", "n. a.", "0", "false", "falso", "no aplica", "-"})
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_EXCEL_EPOCH = date(1899, 12, 30)


class CellError(ValueError):
    """A cell that cannot be read; ``str()`` is the Spanish reason."""


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if type(value) is str:
        return value.strip() in EMPTY_MARKS
    return False


def text(value: object) -> str:
    if value is None:
        return ""
    if type(value) is str:
        stripped = value.strip()
        return "" if stripped in EMPTY_MARKS else stripped
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    return str(value).strip()


def parse_number(value: object) -> float | None:
    """A number: numeric cells, or text such as ``1.234.567,50``, ``$ 2,000,000`` or ``12``."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(_("«{v}» no es un número").format(v=value))
    if isinstance(value, int | float):
        return float(value)
    raw = str(value).strip().replace("$", "").replace(" ", "").replace("\u00a0", "")
    if "," in raw and "." in raw:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        raw = raw.replace("." if decimal == "," else ",", "").replace(decimal, ".")
    elif "," in raw:
        raw = (
            raw.replace(",", "")
            if re.fullmatch(r"\d{1,3}(,\d{3})+", raw)
            else raw.replace(",", ".")
        )
    elif re.fullmatch(r"\d{1,3}(\.\d{3}){2,}", raw):
        raw = raw.replace(".", "")
    try:
        return float(raw)
    except ValueError:
        raise CellError(_("«{v}» no es un número").format(v=value)) from None


_GOAL = re.compile(r"^([+-]?\d[\d.,]*)\s*(%?)\s*(.*)$", re.DOTALL)


def split_goal(value: object) -> tuple[float | None, str]:
    """A goal as entities write it: ``4``, ``"4 TRD"`` → ``(4.0, "TRD")``, ``"40 funcionarios"``;
    the leading number is the target, the rest its unit. Text without a leading number is
    refused (:class:`CellError`)."""
    try:
        return parse_number(value), ""
    except CellError:
        if not isinstance(value, str):
            raise
    match = _GOAL.match(value.strip())
    if match is None:
        raise CellError(_("«{v}» no es un número").format(v=value))
    unit = " ".join(f"{match.group(2)} {match.group(3)}".split())
    try:
        return parse_number(match.group(1)), unit
    except CellError:
        raise CellError(_("«{v}» no es un número").format(v=value)) from None


def parse_goal(value: object) -> float | None:
    """The target of a goal (see :func:`split_goal`)."""
    return split_goal(value)[0]


def parse_percent(value: object) -> float | None:
    """A share 0–1 from 0.25, a percent-formatted cell (same), ``"25%"``, ``"25 %"`` or 25.

    Fractions are kept exactly (a round trip loses nothing); percentages divided by 100 are
    rounded to 10 decimals so that 33.3 gives 0.333, not 0.33299999999999996.
    """
    if is_blank(value):
        return None
    if isinstance(value, str) and value.strip().endswith("%"):
        number = parse_number(value.strip()[:-1])
        result = None if number is None else round(number / 100, 10)
    else:
        number = parse_number(value)
        if number is None:
            return None
        result = number if number <= 1 else round(number / 100, 10)
    if result is None or not 0 <= result <= 1 + 1e-9:
        raise CellError(_("«{v}» no es un porcentaje entre 0 % y 100 %").format(v=value))
    return min(result, 1.0)


def bare_number(value: object) -> float | None:
    """The number in a percent cell written without a "%" sign (``None`` for ``"25%"`` text).

    A bare ``1`` or ``0.5`` may be a fraction (a percent-formatted cell) or percent points
    written without the sign; :func:`parse_percent` reads it as a fraction, and the caller
    decides once per column: if any bare number in the column is above 1, the whole column is
    in percent points (see :func:`percent_points`). Call only on values parse_percent accepted.
    """
    if isinstance(value, str) and value.strip().endswith("%"):
        return None
    return parse_number(value)


def percent_points(fraction: float) -> float:
    """Re-read a bare number that :func:`parse_percent` took as a fraction as percent points."""
    return round(fraction / 100, 10)


def parse_date(value: object) -> date | None:
    """A date cell, ``dd/mm/yyyy`` or ``yyyy-mm-dd`` text, or an unformatted Excel serial."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 <= value <= 80000:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise CellError(_("«{v}» no es una fecha").format(v=value))
    raw = str(value).strip()
    try:
        match = _DMY.match(raw)
        if match:
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        match = _YMD.match(raw)
        if match:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        pass
    raise CellError(_("«{v}» no es una fecha (use dd/mm/aaaa o aaaa-mm-dd)").format(v=value))


_MARK_MEMO: dict[object, bool] = {}


def parse_mark(value: object) -> bool:
    """A Decreto 612 column: "Si"/"X" link the plan, "N/A"/"No"/blank do not."""
    known = _MARK_MEMO.get(value) if isinstance(value, str) else None
    if known is not None:
        return known
    result = _parse_mark(value)
    if isinstance(value, str) and len(_MARK_MEMO) < 1000:
        _MARK_MEMO[value] = result
    return result


def _parse_mark(value: object) -> bool:
    if value is None or value is False:
        return False
    if value is True:
        return True
    key = normalize_key(value)
    if key in YES_MARKS:
        return True
    if key in NO_MARKS or key in EMPTY_MARKS:
        return False
    raise CellError(_("«{v}» no es «Sí», «X» ni «N/A»").format(v=value))


_TYPE_MEMO: dict[str, str] = {}


def parse_indicator_type(value: object) -> str:
    """Eficacia, eficiencia or efectividad (any case, accents, trailing words)."""
    if isinstance(value, str) and value in _TYPE_MEMO:
        return _TYPE_MEMO[value]
    result = _parse_indicator_type(value)
    if isinstance(value, str) and len(_TYPE_MEMO) < 1000:
        _TYPE_MEMO[value] = result
    return result


def _parse_indicator_type(value: object) -> str:
    key = normalize_key(value)
    if not key or key in EMPTY_MARKS:
        return ""
    for kind in INDICATOR_TYPES:
        if key == kind or key.startswith(kind):
            return kind
    raise CellError(
        _("«{v}» no es un tipo de indicador (eficacia, eficiencia o efectividad)").format(v=value)
    )
