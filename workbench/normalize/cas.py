"""CAS registry numbers: the hyphenated form and the check digit."""

from __future__ import annotations

import re

__all__ = ["cas_normalize", "cas_valid"]

_CAS_SEP = re.compile(r"^(\d{2,7})[-\s]+(\d{2})[-\s]+(\d)$")
_CAS_PREFIX = re.compile(r"(?i)^\s*cas\s*(?:rn|no|nr|number|num|#)?\s*[.:#]?\s*")


def cas_normalize(raw: str | int | None) -> str | None:
    """A CAS registry number in its hyphenated form ("39742-60-4"), or None if it is not CAS-shaped.

    Accepts "39742604", "39742-60-4", " 39742 60 4 " and a leading "CAS No.". Does not check the
    check digit: see :func:`cas_valid`.
    """
    if raw is None or isinstance(raw, bool):
        return None
    text = str(raw).strip()
    if not text:
        return None
    text = _CAS_PREFIX.sub("", text).strip()
    m = _CAS_SEP.match(text)
    if m:
        head, mid, check = m.groups()
    elif re.fullmatch(r"\d{5,10}", text):
        head, mid, check = text[:-3], text[-3:-1], text[-1]
    else:
        return None
    head = head.lstrip("0")
    if len(head) < 2:
        return None
    return f"{head}-{mid}-{check}"


def cas_valid(cas: str | int | None) -> bool:
    """True when ``cas`` is CAS-shaped and its check digit is right (39742-60-4 yes, 39742-60-5 no)."""
    norm = cas_normalize(cas)
    if norm is None:
        return False
    digits = norm.replace("-", "")
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * i for i, d in enumerate(reversed(body), start=1))
    return total % 10 == check
