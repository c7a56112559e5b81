"""Identifiers typed in the search box: bills of lading, air waybills, container numbers, CAS numbers, phones,
e-mails, seizure and notification ids. They go to exact (indexed) lookups before the full-text search: a B/L has one
right answer, found by one index seek, where the full-text engine ranks every record that shares a digit group.

:func:`identifier_lookup` reads the text into the candidate values of each kind (a bare run of digits may be a B/L
and an air waybill at once; every candidate costs one index seek), or None when the text is not identifier-like
(a name, an address).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from workbench.normalize import cas_normalize, cas_valid, email_norm, phone_e164

#: Longer text is no identifier.
MAX_IDENTIFIER = 60
_ALLOWED = re.compile(r"^[A-Za-z0-9+\-./#:() ]+$")
_SEPARATORS = re.compile(r"[\s\-./()]+")
_CONTAINER = re.compile(r"^[A-Z]{4}\d{7}$")
_AWB = re.compile(r"^(\d{3})-?\s?(\d{8})$")


@dataclass(frozen=True)
class IdentifierLookup:
    """The values to look up exactly, by kind: each list feeds one indexed branch of ``app_find_identifier``."""

    bols: list[str] = field(default_factory=list)
    cas: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    #: Keys of nodes whose key is made from the identifier (containers, seizures, notifications).
    keys: list[str] = field(default_factory=list)

    def params(self) -> dict[str, Any]:
        return {"bols": self.bols, "cas": self.cas, "phones": self.phones, "emails": self.emails,
                "containers": [k for k in self.keys if k.startswith("container:")],
                "seizures": [k for k in self.keys if k.startswith("seizure:")],
                "notifications": [k for k in self.keys if k.startswith("notification:")]}


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def identifier_lookup(text: str) -> IdentifierLookup | None:
    """The exact lookups ``text`` calls for, or None when it reads as a name or an address rather than an id."""
    typed = text.strip()
    if not typed or len(typed) > MAX_IDENTIFIER:
        return None
    email = email_norm(typed) if "@" in typed else None
    if email:
        return IdentifierLookup(emails=[email])
    if not _ALLOWED.match(typed) or not any(ch.isdigit() for ch in typed):
        return None
    words = typed.split()
    if sum(1 for word in words if word.isalpha()) > 1:
        return None  # "Av Reforma 123", "Lote 4 Nave B": an address or a name with a number in it
    squashed = _SEPARATORS.sub("", typed).upper()
    cas = [cas_normalize(typed) or ""] if cas_valid(typed) and not typed.isdigit() else []
    phones = [phone_e164(typed) or ""] if typed.startswith(("+", "00")) else []
    upper = typed.upper().replace(" ", "")
    bols = [upper, squashed]
    awb = _AWB.match(typed)
    if awb:
        bols += [f"{awb.group(1)}-{awb.group(2)}", awb.group(1) + awb.group(2)]
    keys = [f"container:{squashed}"] if _CONTAINER.match(squashed) else []
    keys += [f"seizure:{upper}", f"seizure:{typed}", f"notification:{upper}", f"notification:{typed}"]
    return IdentifierLookup(bols=_unique(bols), cas=_unique(cas), phones=_unique(phones), keys=_unique(keys))
