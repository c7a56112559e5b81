"""Harmonized System codes: six-digit subheadings, repaired after spreadsheet damage."""

from __future__ import annotations

import math
import re

__all__ = ["hs_chapter_heading", "hs_normalize"]


def hs_normalize(raw: str | int | float | None) -> str | None:
    """An HS subheading in dotted six-digit form ("2933.39"), or None when there are not six digits.

    National extensions are dropped ("2933.39.99" -> "2933.39"). Numbers that lost a leading zero
    (chapters 01-09 read from a spreadsheet) or a trailing zero ("2933.3") are repaired.
    """
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, float):
        if math.isnan(raw) or math.isinf(raw):
            return None
        text = f"{raw:.2f}" if raw < 10000 else str(int(raw))
    else:
        text = str(raw).strip()
    text = re.sub(r"(?i)^(hs|h\.s\.|hts|tariff|fraccion|fracción)\s*(code|no\.?)?\s*[:.]?\s*", "", text)
    if re.fullmatch(r"\d{4}\.\d", text):
        text += "0"
    if not re.fullmatch(r"[\d.\s-]+", text):
        return None
    digits = re.sub(r"\D", "", text)
    if re.fullmatch(r"\d{3}\.\d{2}.*", text) or (len(digits) in (5, 7, 9) and "." not in text):
        digits = "0" + digits
    if len(digits) < 6:
        return None
    return f"{digits[:4]}.{digits[4:6]}"


def hs_chapter_heading(raw: str | int | float | None) -> tuple[str, str] | None:
    """The chapter and heading of an HS code: "2933.39" -> ("29", "2933"); None if not an HS code."""
    norm = hs_normalize(raw)
    if norm is None:
        return None
    return norm[:2], norm[:4]
