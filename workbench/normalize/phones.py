"""Phone numbers in E.164, read with phonenumbers."""

from __future__ import annotations

import re

import phonenumbers

from workbench.normalize.countries import country_code

__all__ = ["phone_e164"]


def phone_e164(raw: str | None, default_country: str | None = None) -> str | None:
    """The number in E.164 ("+525512345678"), or None when it is missing or not a valid number.

    ``default_country`` (alpha-2, or a country name) reads national formats such as "(55) 1234-5678".
    """
    if raw is None:
        return None
    text = str(raw).strip()
    if not text:
        return None
    region = country_code(default_country) if default_country else None
    text = re.sub(r"(?i)^(?:telephone|telefono|teléfono|phone|mobile|movil|móvil|celular|tel|fax|mob|cel)\b\s*[:.]?\s*",
                  "", text)
    candidates = [text]
    if text.startswith("00"):  # "00" is the international prefix in most of the world, not everywhere
        candidates = [text, "+" + text[2:]] if region else ["+" + text[2:]]
    for candidate in candidates:
        try:
            number = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None
