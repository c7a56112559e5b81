"""Numbers written with either decimal separator."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

from workbench.normalize._text import show as _show

__all__ = ["parse_number"]

_NUM_RE = re.compile(r"^[+-]?(?:\d[\d.,]*|[.,]\d+)$")


def _grouped(int_part: str, sep: str) -> bool:
    groups = int_part.split(sep)
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def parse_number(raw: Any) -> float | None:
    """A number written with either decimal separator: "1.234,5", "1,234.5", "1234,5", "1 234,5".

    With both separators the last one is the decimal point. A lone comma followed by exactly
    three digits is a thousands separator ("1,234" = 1234, Mexican and English usage), as is a
    repeated separator ("1.234.567"); a lone dot is always a decimal point. Empty values give
    None; anything else raises ValueError.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(f"cannot read {_show(raw)} as a number")
    if isinstance(raw, (int, Decimal)):
        try:
            value = float(raw)
        except OverflowError:
            raise ValueError(f"cannot read {_show(raw)} as a number: too large") from None
        if math.isnan(value):
            return None
        if math.isinf(value):
            raise ValueError(f"cannot read {_show(raw)} as a number: infinite")
        return value
    if isinstance(raw, float):
        if math.isnan(raw):
            return None
        if math.isinf(raw):
            raise ValueError(f"cannot read {_show(raw)} as a number: infinite")
        return raw
    text = str(raw).strip()
    if not text or text.lower() in {"nan", "none", "null", "n/a", "-"}:
        return None
    text = re.sub(r"[\s\u00a0\u202f\u2009']", "", text)
    if not _NUM_RE.match(text):
        raise ValueError(f"cannot read {_show(raw)} as a number: only digits, one sign and '.' or ',' separators")
    sign = ""
    if text[0] in "+-":
        sign, text = text[0], text[1:]
    has_dot, has_comma = "." in text, "," in text
    if has_dot and has_comma:
        dec = "." if text.rfind(".") > text.rfind(",") else ","
        thou = "," if dec == "." else "."
        int_part, _, frac = text.rpartition(dec)
        if dec in int_part or dec in frac or not _grouped(int_part, thou):
            raise ValueError(f"cannot read {_show(raw)} as a number: misplaced separators")
        text = int_part.replace(thou, "") + "." + frac
    elif has_comma or has_dot:
        sep = "," if has_comma else "."
        parts = text.split(sep)
        if len(parts) > 2:
            if not _grouped(text, sep):
                raise ValueError(f"cannot read {_show(raw)} as a number: misplaced separators")
            text = text.replace(sep, "")
        elif sep == "," and len(parts[1]) == 3 and parts[0] and parts[0] != "0" and len(parts[0]) <= 3:
            text = parts[0] + parts[1]
        else:
            text = parts[0] + "." + parts[1]
    try:
        return float(sign + text)
    except ValueError:
        raise ValueError(f"cannot read {_show(raw)} as a number") from None
