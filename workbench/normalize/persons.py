"""Person names: a comparison key that ignores titles, accents, word order and script."""

from __future__ import annotations

import functools

from workbench.normalize._text import latin, load_table, table_part

__all__ = ["person_name_key"]

_FILE = "person_titles.yaml"


@functools.lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(str(t) for t in table_part(_FILE, load_table(_FILE), "titles", list))


def person_name_key(name: str) -> str:
    """A comparison key for a person: folded, titles dropped, word order ignored, other scripts transliterated.

    Order is ignored because Chinese and Spanish names reach us surname-first and surname-last; "王伟" meets
    "Wang Wei". A key says two names are spelled alike, never that they are one person (see ingest/resolve.py).
    """
    titles = _titles()
    return " ".join(sorted(t for t in latin(name).split() if t not in titles))
