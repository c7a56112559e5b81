"""The red-flag categories as data (``workbench/data/red_flags.yaml``): id, English and Spanish names, weight.

One definition for the query catalogue (a detector's ``category`` is checked against it), the detectors' findings,
briefings and risk scoring. The file is checked when it loads; a bad entry fails loudly naming the file and entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any


from workbench.errors import ConfigurationError
from workbench.datafiles import read_yaml

RED_FLAGS_FILE = Path(__file__).resolve().parent / "data" / "red_flags.yaml"
LANGS = ("en", "es")


@dataclass(frozen=True)
class Category:
    """One red-flag category: ``name_in(lang)`` for people, ``weight`` (0..1) for risk."""

    id: str
    en: str
    es: str
    weight: float
    #: Raised only by what users record after the fact (inspection outcomes), never by ingested data: demo data
    #: cannot plant it.
    recorded: bool = False

    def name_in(self, lang: str) -> str:
        return self.es if lang == "es" else self.en


def parse_categories(data: Any, path: Path) -> dict[str, Category]:
    """Validate a parsed red-flags document."""
    if not isinstance(data, dict) or not isinstance(data.get("categories"), dict) or not data["categories"]:
        raise ConfigurationError(f"{path}: needs a non-empty mapping `categories`.")
    found: dict[str, Category] = {}
    for cid, spec in data["categories"].items():
        where = f"{path}: category {cid!r}"
        if not isinstance(cid, str) or not cid or cid != cid.lower() or " " in cid:
            raise ConfigurationError(f"{where}: ids are lower-case words joined by dashes.")
        if not isinstance(spec, dict):
            raise ConfigurationError(f"{where}: must be a mapping with en, es and weight.")
        for lang in LANGS:
            if not isinstance(spec.get(lang), str) or not spec[lang].strip():
                raise ConfigurationError(f"{where}: needs a name in `{lang}`.")
        weight = spec.get("weight")
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0.0 <= float(weight) <= 1.0:
            raise ConfigurationError(f"{where}: `weight` must be a number between 0 and 1, not {weight!r}.")
        recorded = spec.get("recorded", False)
        if not isinstance(recorded, bool):
            raise ConfigurationError(f"{where}: `recorded` must be true or false, not {recorded!r}.")
        found[cid] = Category(cid, spec["en"].strip(), spec["es"].strip(), float(weight), recorded)
    return found


def load_categories(path: Path | None = None) -> dict[str, Category]:
    """The categories by id, in the file's order (the packaged file by default, cached)."""
    if path is None:
        return _default()
    return _load(Path(path))


def _load(path: Path) -> dict[str, Category]:
    return parse_categories(read_yaml(path, "the red-flag categories", ConfigurationError), path)


@lru_cache(maxsize=1)
def _default() -> dict[str, Category]:
    return _load(RED_FLAGS_FILE)


def category_name(category: str, lang: str) -> str:
    """A category's name in ``lang``; an unknown id is shown as it is."""
    found = load_categories().get(category)
    return found.name_in(lang) if found else category


__all__ = ["Category", "RED_FLAGS_FILE", "category_name", "load_categories", "parse_categories"]
