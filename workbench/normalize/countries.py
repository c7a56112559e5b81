"""Countries: ISO 3166 alpha-2 codes from codes or names, and their English and Spanish names.

Our own table (workbench/data/normalize/countries.yaml) holds the spellings trade records use ("PRC",
"EE.UU.", "Rep. Dominicana"); every other country is found by its English or Spanish name through rigour's
territories and Babel's CLDR names ("Kenya", "Côte d'Ivoire", "Myanmar", "Guinea Ecuatorial").
"""

from __future__ import annotations

import functools

from workbench.normalize._text import fold, load_table, table_part

__all__ = ["COUNTRIES", "country_code", "country_name"]

_FILE = "countries.yaml"


@functools.lru_cache(maxsize=1)
def _table() -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    rows = []
    for entry in table_part(_FILE, load_table(_FILE), "countries", list):
        rows.append((str(entry["code"]), str(entry["en"]), str(entry["es"]),
                     tuple(str(o) for o in entry.get("other") or ())))
    return tuple(rows)


def __getattr__(name: str) -> object:
    if name == "COUNTRIES":
        return _table()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.lru_cache(maxsize=1)
def _world() -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """Every current country of rigour's territories, by code, alpha-3 and English and Spanish names."""
    from babel import Locale  # noqa: PLC0415
    from rigour.territories import get_territories  # noqa: PLC0415

    en_names, es_names = Locale("en").territories, Locale("es").territories
    index: dict[str, str] = {}
    names: dict[str, tuple[str, str]] = {}
    for territory in get_territories():
        code = territory.code.upper()
        if len(code) != 2 or not territory.is_country or territory.is_historical:
            continue
        en = en_names.get(code, territory.name)
        es = es_names.get(code, en)
        names[code] = (en, es)
        spellings = [code, territory.name, territory.full_name, en, es]
        for name in (en, es):  # "Myanmar (Burma)": both names
            if " (" in name:
                spellings.extend(name.rstrip(")").split(" ("))
        if territory.alpha3:
            spellings.append(territory.alpha3)
        for spelling in spellings:
            index.setdefault(fold(spelling), code)
    return index, names


@functools.lru_cache(maxsize=1)
def _country_index() -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    index, names = dict(_world()[0]), dict(_world()[1])
    for code, en, es, others in _table():  # our spellings win over the world table's
        names[code] = (en, es)
        for spelling in (code, en, es, *others):
            index[fold(spelling)] = code
    return index, names


@functools.lru_cache(maxsize=20_000)
def country_code(raw: str | None) -> str | None:
    """ISO 3166 alpha-2 code from a code (alpha-2 or alpha-3) or an English or Spanish name."""
    if not raw:
        return None
    index, _ = _country_index()
    key = fold(str(raw))
    if key in index:
        return index[key]
    for article in ("the ", "la ", "el ", "las ", "los "):
        if key.startswith(article) and key[len(article):] in index:
            return index[key[len(article):]]
    return _rigour_name(str(raw), key)


def _rigour_name(raw: str, key: str) -> str | None:
    """rigour's other names of a country ("Costa de Marfil"), never a city or a region that lies in one."""
    if len(key) < 4:
        return None
    from rigour.territories import lookup_territory  # noqa: PLC0415

    territory = lookup_territory(raw)
    if territory is None or len(territory.code) != 2 or not territory.is_country:
        return None
    if key in {fold(p) for p in territory.places}:
        return None
    return territory.code.upper()


def country_name(code: str, lang: str = "en") -> str | None:
    """The English ("en") or Spanish ("es") name of a country, or None if it is not a known country."""
    if lang not in ("en", "es"):
        raise ValueError(f"lang must be 'en' or 'es', not {lang!r}")
    cc = country_code(code)
    if cc is None:
        return None
    en, es = _country_index()[1][cc]
    return en if lang == "en" else es
