"""Reference tables that detectors receive as parameters, read from data files and checked when they load.

A detector declares the parameter (``sectors``, ``coverTerms``, ``packagingTerms``, ``callingCodes``, like
``controls``) and :func:`workbench.analysis.detect.with_controls` fills it in unless the caller gave a value:

- ``sectors``: ``workbench/data/activity_sectors.yaml``, SCIAN/NAICS code prefixes and whether the trade plausibly
  uses precursor-range chemicals (``sector_mismatch``);
- ``coverTerms`` and ``packagingTerms``: ``workbench/data/cover_commodities.yaml`` (``cover_commodities``);
- ``callingCodes``: every region's international calling code as ``+NN``, from the phonenumbers library
  (``foreign_phone``).

A bad file fails loudly with :class:`~workbench.errors.ConfigurationError` naming the file and the entry.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Callable


from workbench.errors import ConfigurationError
from workbench.datafiles import read_mapping

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SECTORS_FILE = DATA_DIR / "activity_sectors.yaml"
COVER_FILE = DATA_DIR / "cover_commodities.yaml"
SYSTEMS = ("naics", "scian", "both")


def _read(path: Path) -> dict[str, Any]:
    return read_mapping(path, "the reference table", ConfigurationError)


def parse_sectors(data: Any, path: Path) -> list[dict[str, Any]]:
    """Validate the sector table: unique digit prefixes, a system, a yes/no, names in both languages, words."""
    rows = data.get("sectors") if isinstance(data, dict) else None
    if not isinstance(rows, list) or not rows:
        raise ConfigurationError(f"{path}: needs a non-empty list `sectors`.")
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, row in enumerate(rows, start=1):
        where = f"{path}: sector {i}"
        if not isinstance(row, dict):
            raise ConfigurationError(f"{where}: must be a mapping with prefix, system, chemicals, en, es, words.")
        prefix = row.get("prefix")
        if not isinstance(prefix, str) or not prefix.isdigit() or not 2 <= len(prefix) <= 6:
            raise ConfigurationError(f"{where}: `prefix` must be 2 to 6 digits written as text, not {prefix!r}.")
        if prefix in seen:
            raise ConfigurationError(f"{where}: prefix {prefix} is listed twice.")
        seen.add(prefix)
        if row.get("system") not in SYSTEMS:
            raise ConfigurationError(f"{where} ({prefix}): `system` must be one of {', '.join(SYSTEMS)}.")
        if not isinstance(row.get("chemicals"), bool):
            raise ConfigurationError(f"{where} ({prefix}): `chemicals` must be true or false.")
        for lang in ("en", "es"):
            if not isinstance(row.get(lang), str) or not row[lang].strip():
                raise ConfigurationError(f"{where} ({prefix}): needs a name in `{lang}`.")
        words = row.get("words", [])
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise ConfigurationError(f"{where} ({prefix}): `words` must be a list of text.")
        out.append({"prefix": prefix, "chemicals": row["chemicals"], "sector": row["en"].strip(),
                    "sectorEs": row["es"].strip(), "words": [w.strip().lower() for w in words]})
    return out


def parse_terms(data: Any, path: Path, key: str) -> list[str]:
    """Validate one list of lower-case description terms."""
    terms = data.get(key) if isinstance(data, dict) else None
    if not isinstance(terms, list) or not terms:
        raise ConfigurationError(f"{path}: needs a non-empty list `{key}`.")
    out: list[str] = []
    for i, term in enumerate(terms, start=1):
        if not isinstance(term, str) or len(term.strip()) < 3:
            raise ConfigurationError(f"{path}: {key} entry {i} must be a phrase of at least 3 letters, not {term!r}.")
        text = term.strip().lower()
        if text in out:
            raise ConfigurationError(f"{path}: {key} entry {i} ({text!r}) is listed twice.")
        out.append(text)
    return out


@lru_cache(maxsize=1)
def sectors() -> list[dict[str, Any]]:
    """The sector table as ``{prefix, chemicals, sector, sectorEs, words}`` rows."""
    return parse_sectors(_read(SECTORS_FILE), SECTORS_FILE)


@lru_cache(maxsize=1)
def cover_terms() -> list[str]:
    """Cover-commodity phrases ("dog food", "motor oil", ...)."""
    return parse_terms(_read(COVER_FILE), COVER_FILE, "cover_terms")


@lru_cache(maxsize=1)
def packaging_terms() -> list[str]:
    """Packaging words of chemical-range goods ("drum", "ibc", ...)."""
    return parse_terms(_read(COVER_FILE), COVER_FILE, "packaging_terms")


@lru_cache(maxsize=1)
def calling_codes() -> list[dict[str, str]]:
    """Every region phonenumbers knows with its calling code: ``{region: 'CN', prefix: '+86'}``.

    Calling codes form a prefix code (no code begins another), so an E.164 number starts with exactly one code;
    regions sharing a code (+1, +7, +44...) are all listed."""
    import phonenumbers  # noqa: PLC0415

    return [{"region": region, "prefix": f"+{phonenumbers.country_code_for_region(region)}"}
            for region in sorted(phonenumbers.SUPPORTED_REGIONS)]


#: Parameters a detector may declare to receive a reference table, and where each comes from.
REFERENCE_PARAMS: dict[str, Callable[[], Any]] = {
    "sectors": sectors,
    "coverTerms": cover_terms,
    "packagingTerms": packaging_terms,
    "callingCodes": calling_codes,
}
