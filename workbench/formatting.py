"""Numbers and dates written the way each language of the workbench writes them (Babel, CLDR data).

Spanish: ``6.445,8 kg`` and ``2 mar 2024``; English: ``6,445.8 kg`` and ``Mar 2, 2024``. Briefings, finding
explanations and the app use these so that a figure reads the same everywhere in one language.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from typing import Any

from babel.dates import format_date as _babel_date
from babel.dates import get_day_names, get_month_names, get_period_names
from babel.numbers import format_decimal

#: The workbench's languages and the CLDR locale each is written in (``es``, not ``es_MX``: Mexico writes
#: ``6,445.8``; the partner agencies' briefings use the decimal comma).
LOCALES: Final = {"en": "en", "es": "es"}
MISSING: Final = "?"


def locale_of(lang: str) -> str:
    return LOCALES.get(lang, "en")


def format_number(value: float | int | str | None, lang: str, *, digits: int = 1) -> str:
    """A figure with the language's grouping and decimal signs, at most ``digits`` decimals (none when whole)."""
    if value is None or value == "" or isinstance(value, bool):
        return MISSING
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "")
    return str(format_decimal(number, format=pattern, locale=locale_of(lang)))


def format_percent(share: float | None, lang: str, *, digits: int = 1) -> str:
    """A share (0..1) as a percentage: ``12,5 %`` in Spanish, ``12.5%`` in English."""
    if share is None:
        return MISSING
    number = format_number(100.0 * float(share), lang, digits=digits)
    return f"{number} %" if lang == "es" else f"{number}%"


def parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    if len(text) < 10:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def format_date(value: object, lang: str, *, style: str = "medium") -> str:
    """A date in the language's own order (``2 mar 2024`` / ``Mar 2, 2024``); text that is no full date is
    returned as it is (a month such as ``2024-03`` stays readable) and nothing becomes ``?``."""
    day = parse_date(value)
    if day is None:
        text = "" if value is None else str(value)
        return text or MISSING
    return str(_babel_date(day, format=style, locale=locale_of(lang)))


def chart_time_locale(lang: str) -> dict[str, Any]:
    """The language's month and day names in the form charts take (a d3/Vega-Lite time locale), from CLDR, so a
    chart's axis reads ``ene 2024`` in Spanish and ``Jan 2024`` in English."""
    locale = locale_of(lang)
    days = get_day_names("wide", locale=locale)  # 0 = Monday; d3 starts on Sunday
    short_days = get_day_names("abbreviated", locale=locale)
    months = get_month_names("wide", locale=locale)
    short_months = get_month_names("abbreviated", locale=locale)
    periods = get_period_names(locale=locale)
    order = [6, 0, 1, 2, 3, 4, 5]
    return {
        "dateTime": "%a %e %b %Y %X" if lang == "en" else "%A, %e de %B de %Y, %X",
        "date": "%m/%d/%Y" if lang == "en" else "%d/%m/%Y",
        "time": "%H:%M:%S",
        "periods": [str(periods["am"]), str(periods["pm"])],
        "days": [str(days[i]) for i in order],
        "shortDays": [str(short_days[i]) for i in order],
        "months": [str(months[i]) for i in range(1, 13)],
        "shortMonths": [str(short_months[i]).rstrip(".") for i in range(1, 13)],
    }


__all__ = ["LOCALES", "chart_time_locale", "format_date", "format_number", "format_percent", "locale_of",
           "parse_date"]
