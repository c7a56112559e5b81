"""Calendar dates from ISO, day-first, month-name text or Excel serials."""

from __future__ import annotations

import datetime as _dt
import functools
import math
import re
from decimal import Decimal
from typing import Any

from workbench.normalize._text import fold, load_table, show as _show, table_part

__all__ = ["parse_date", "parse_partial_date"]

_FILE = "months.yaml"


@functools.lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    names = table_part(_FILE, load_table(_FILE), "months", list)
    return {str(name): i for i, spellings in enumerate(names, start=1) for name in spellings}


_EXCEL_EPOCH = _dt.date(1899, 12, 30)
_EXCEL_MIN, _EXCEL_MAX = 18264, 73050  # 1950-01-01 .. 2099-12-31: plausible for trade records
_ISO_RE = re.compile(
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_DMY_RE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_DATE_HELP = "expected ISO 2024-03-05, day-first 05/03/2024 or 5.3.2024, '5 Mar 2024', or an Excel date"


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000 if y < 70 else 1900
    return y


def _make_date(raw: object, y: int, m: int, d: int) -> _dt.date:
    if not 1 <= m <= 12:
        raise ValueError(f"cannot read {_show(raw)} as a date: month {m} does not exist (day-first dates expected)")
    try:
        return _dt.date(y, m, d)
    except (ValueError, OverflowError) as e:
        raise ValueError(f"cannot read {_show(raw)} as a date: {e}") from None


def _excel_serial(raw: object, serial: float) -> _dt.date:
    if not _EXCEL_MIN <= serial <= _EXCEL_MAX:  # also refuses NaN and infinity
        raise ValueError(f"cannot read {_show(raw)} as a date: {_DATE_HELP}")
    return _EXCEL_EPOCH + _dt.timedelta(days=int(serial))


def parse_date(raw: Any, dayfirst: bool = True) -> _dt.date | None:
    """A calendar date from ISO, day-first or month-name text, a date object, or an Excel serial.

    Empty values give None; anything else that is not a date raises ValueError saying why.
    Slash or dot dates are read day-first (Mexican and most customs usage); pass ``dayfirst=False``
    for US month-first sources.
    """
    if raw is None:
        return None
    if isinstance(raw, _dt.datetime):
        return raw.date()
    if isinstance(raw, _dt.date):
        return raw
    if isinstance(raw, bool):
        raise ValueError(f"cannot read {_show(raw)} as a date: {_DATE_HELP}")
    if isinstance(raw, (int, float, Decimal)):
        if isinstance(raw, float) and math.isnan(raw):
            return None
        try:
            serial = float(raw)
        except (OverflowError, ValueError):
            raise ValueError(f"cannot read {_show(raw)} as a date: {_DATE_HELP}") from None
        return _excel_serial(raw, serial)
    text = str(raw).strip()
    if not text or text.lower() in {"nan", "nat", "none", "null", "n/a", "-"}:
        return None
    m = _ISO_RE.match(text)
    if m:
        return _make_date(raw, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DMY_RE.match(text)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), _year(m.group(3))
        day, month = (a, b) if dayfirst else (b, a)
        return _make_date(raw, y, month, day)
    if re.fullmatch(r"\d{8}", text):
        return _make_date(raw, int(text[:4]), int(text[4:6]), int(text[6:]))
    if re.fullmatch(r"\d{5}(?:\.\d+)?", text):
        return _excel_serial(raw, float(text))
    tokens = [t for t in fold(text).split() if t not in {"de", "del", "of", "the"}]
    if len(tokens) == 3:
        if tokens[1] in _months() and tokens[0].isdigit() and tokens[2].isdigit():
            return _make_date(raw, _year(tokens[2]), _months()[tokens[1]], int(tokens[0]))
        if tokens[0] in _months() and tokens[1].isdigit() and tokens[2].isdigit():
            return _make_date(raw, _year(tokens[2]), _months()[tokens[0]], int(tokens[1]))
    raise ValueError(f"cannot read {_show(raw)} as a date: {_DATE_HELP}")


_PARTIAL_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def parse_partial_date(raw: Any) -> str | None:
    """A date as precise as it is given: "1965" and "2011-04" stay a year and a month (FollowTheMoney and
    OpenSanctions write dates so), anything longer goes through :func:`parse_date` and becomes ISO.

    Empty gives None; garbage raises ValueError saying why.
    """
    if raw is None:
        return None
    text = str(raw).strip()
    if not text:
        return None
    m = _PARTIAL_RE.match(text)
    if m:
        year, month = int(m.group(1)), m.group(2)
        if not 1000 <= year <= 2999:
            raise ValueError(f"cannot read {_show(raw)} as a date: year {year} is out of range")
        if month is not None and not 1 <= int(month) <= 12:
            raise ValueError(f"cannot read {_show(raw)} as a date: month {month} does not exist")
        return text
    if len(text) >= 10 and text[4] == "-":
        text = text[:10]
    parsed = parse_date(text)
    return parsed.isoformat() if parsed else None
