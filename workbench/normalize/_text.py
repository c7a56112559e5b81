"""Text folding shared by every normaliser, and the loader of the normalisers' data tables."""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path
from typing import Any


from workbench.errors import ModelError
from workbench.datafiles import read_mapping

TABLES = Path(__file__).resolve().parent.parent / "data" / "normalize"


def _fold_once(s: str) -> str:
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if unicodedata.category(c) != "Mn").lower()
    s = "".join(c if c.isalnum() else " " for c in s)
    return " ".join(s.split())


def fold(text: str) -> str:
    """Lower-case, strip accents, turn punctuation into spaces and collapse whitespace.

    The common ground for every comparison key: "Química, S.A." and "QUIMICA SA" fold alike.
    Idempotent: ``fold(fold(x)) == fold(x)``.
    """
    if not text:
        return ""
    s = str(text)
    for _ in range(6):  # compatibility forms can unfold into letters that lower-case further
        nxt = _fold_once(s)
        if nxt == s:
            break
        s = nxt
    return s


def tokens(text: str) -> list[str]:
    return fold(text).split()


@functools.lru_cache(maxsize=4096)
def latin(text: str) -> str:
    """``text`` folded, with Cyrillic, Greek, Chinese and other scripts transliterated to Latin letters first.

    "ООО Ромашка" and "OOO Romashka" fold alike; "王伟" becomes "wang wei". Latin text folds as :func:`fold`.
    """
    folded = fold(text)
    if folded.isascii():
        return folded
    from rigour.text.translit import ascii_text  # noqa: PLC0415 - rigour loads its tables on first use

    return fold(ascii_text(folded))


def load_table(name: str) -> dict[str, Any]:
    """One data table of workbench/data/normalize/, checked to be a YAML mapping; a bad file raises ModelError."""
    path = TABLES / name
    return read_mapping(path, "the normaliser table")


def table_part(name: str, data: dict[str, Any], key: str, kind: type) -> Any:
    """``data[key]`` checked to be of ``kind`` (dict or list), else ModelError naming the file and key."""
    value = data.get(key)
    if not isinstance(value, kind):
        raise ModelError(f"{TABLES / name}: {key!r} must be a {kind.__name__}; fix the file and retry.")
    return value


def show(raw: object) -> str:
    """A value as quoted in an error message, cut short so a stray blob stays readable."""
    text = repr(raw)
    return text if len(text) <= 40 else text[:37] + "..."
