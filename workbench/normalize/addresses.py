"""Postal addresses: a comparison key with abbreviations made one and filler words dropped."""

from __future__ import annotations

import functools
import re

from workbench.normalize._text import fold, load_table, table_part

__all__ = ["address_key"]

_FILE = "address_words.yaml"
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th|er|ro|do|to|vo|no|mo|a|o)$")


@functools.lru_cache(maxsize=1)
def _words() -> tuple[dict[str, str], frozenset[str]]:
    data = load_table(_FILE)
    tokens = {str(k): str(v) for k, v in table_part(_FILE, data, "tokens", dict).items()}
    return tokens, frozenset(str(x) for x in table_part(_FILE, data, "drop", list))


def address_key(address: str) -> str:
    """A comparison key for a postal address: folded, common abbreviations made one, filler dropped.

    "Room 1501, 15/F, 88 Example Road" and "RM 1501 15F 88 EXAMPLE RD" share a key.
    """
    table, drop = _words()
    folded = fold(address.replace("#", " no "))
    out: list[str] = []
    tokens = folded.split()
    for i, tok in enumerate(tokens):
        m = _ORDINAL.match(tok)
        if m:
            out.append(m.group(1))
            continue
        m2 = re.match(r"^(\d+)(f|fl)$", tok)  # "15f" is floor 15
        if m2:
            out.extend([m2.group(1), "fl"])
            continue
        if i == 0 and tok == "c":  # Spanish "C/ Mayor": calle
            out.append("st")
            continue
        if tok in drop and tok != "n":
            continue
        if tok == "n" and i + 1 < len(tokens) and tokens[i + 1].isdigit():
            continue  # "N. 12": number marker, not north
        out.append(table.get(tok, tok))
    return " ".join(out)
