"""E-mail addresses, trimmed and lower-cased."""

from __future__ import annotations

import re

__all__ = ["email_norm"]

_EMAIL_RE = re.compile(r"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                       r"@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}$")


def email_norm(raw: str | None) -> str | None:
    """The address lower-cased and trimmed ("mailto:" and <> removed), or None when it is not an e-mail."""
    if raw is None:
        return None
    text = str(raw).strip().strip("<>").strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    text = text.strip().lower()
    if len(text) > 254 or not _EMAIL_RE.match(text):
        return None
    return text
