"""The controlled-chemicals catalogue (workbench/data/chemicals.yaml), validated when it loads.

HS codes alone cannot identify a chemical (2933.39 covers many legitimate compounds), so goods
descriptions are matched on CAS numbers and on names and synonyms as they are written on manifests.
Vague cover descriptions ("pharmaceutical intermediate") are recognised separately, never matched.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import yaml

from workbench.errors import ModelError
from workbench.normalize import cas_normalize, cas_valid, fold, hs_normalize

__all__ = [
    "CATALOGUE_FILE",
    "Catalogue",
    "Chemical",
    "SCHEDULES",
    "VAGUE_DESCRIPTIONS",
    "find_cas_numbers",
    "is_vague_description",
    "load_catalogue",
]

CATALOGUE_FILE = Path(__file__).parent / "data" / "chemicals.yaml"

#: The closed list of schedules, most tightly controlled first (that order breaks ties in matching).
SCHEDULES: tuple[str, ...] = ("table_i", "table_ii", "surveillance")

_FIELDS = {"key", "name", "shortName", "casNumber", "hsCode", "schedule", "scheduledYear", "synonyms",
           "verified", "notes"}
_REQUIRED = _FIELDS - {"notes"}


@dataclass(frozen=True)
class Chemical:
    """One catalogue entry."""

    key: str
    name: str
    short_name: str | None
    cas_number: str | None
    hs_code: str
    schedule: str
    scheduled_year: int | None
    synonyms: tuple[str, ...]
    verified: bool
    notes: str | None = None

    @property
    def aliases(self) -> tuple[str, ...]:
        """Every way of writing the chemical: name, short name and synonyms."""
        names = [self.name, *([self.short_name] if self.short_name else []), *self.synonyms]
        return tuple(dict.fromkeys(names))

    @property
    def controlled(self) -> bool:
        """True for Table I and Table II chemicals (surveillance-list ones are not scheduled)."""
        return self.schedule in ("table_i", "table_ii")

    @property
    def label(self) -> str:
        """Short display label: "NPP (N-phenethyl-4-piperidone)" or just the name."""
        return f"{self.short_name} ({self.name})" if self.short_name else self.name


# ---------------------------------------------------------------------------------------------
# Vague cover descriptions

#: Cover descriptions that name no substance; matched after folding and singular-izing words.
VAGUE_DESCRIPTIONS: tuple[str, ...] = (
    # English
    "pharmaceutical intermediate", "pharma intermediate", "medical intermediate", "medicine intermediate",
    "drug intermediate", "api intermediate", "organic intermediate", "chemical intermediate",
    "fine chemical intermediate", "intermediate", "food additive", "feed additive", "food ingredient",
    "pet food", "pet food additive", "cosmetic raw material", "cosmetic material", "cosmetic ingredient",
    "raw material", "chemical raw material", "industrial chemical", "industrial raw material",
    "chemical product", "chemical", "fine chemical", "organic chemical", "organic compound",
    "research chemical", "daily chemical", "daily chemical product", "laboratory reagent", "reagent",
    "sample", "general cargo", "health product", "nutritional supplement",
    # Spanish
    "intermedio farmaceutico", "intermedio organico", "intermedio quimico", "producto intermedio",
    "aditivo alimentario", "aditivo alimenticio", "aditivo para alimento", "alimento para mascota",
    "materia prima cosmetica", "materia prima para cosmetico", "materia prima", "materia prima quimica",
    "producto quimico", "producto quimico industrial", "quimico industrial", "sustancia quimica",
    "compuesto organico", "reactivo", "reactivo de laboratorio", "muestra", "carga general",
)

_FILLER = frozenset(
    """
    kg kgs kilo kilos kilogram kilogramo g gr mt ton tons tonne tonelada l lt ltr liter litre litro
    drum bag carton ctn pallet plt package pkg bottle box ibc tote barrel bulk net gross weight wt qty
    quantity pc pcs piece unit of and for the in with x no nw gw said to contain stc lot batch grade
    purity pure assay min max pct percent usp bp ep tech technical industrial powder liquid crystal
    crystalline solid white yellow off colorless colourless transparent clear new high quality top best
    supply factory use hs code tariff packing packed as per invoice po order item cargo goods
    polvo liquido blanco blanca cristal de del la el lo los las para y en con bolsa saco tambor tambo
    caja tarima bidon cubeta neto bruto peso cantidad uso grado pureza segun factura mercancia
    """.split()
)


def _singular(token: str) -> str:
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    return token


def _vague_tokens(text: str) -> list[str]:
    return [_singular(t) for t in fold(text).split()]


@functools.lru_cache(maxsize=1)
def _vague_phrases() -> tuple[tuple[str, ...], ...]:
    phrases = {tuple(_vague_tokens(p)) for p in VAGUE_DESCRIPTIONS}
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))


def is_vague_description(text: str | None) -> bool:
    """True when a goods description is only a cover phrase ("COSMETIC RAW MATERIAL 25KG/DRUM").

    A description that also names something ("FOOD ADDITIVE SODIUM BENZOATE") or carries a CAS
    number is not vague.
    """
    if not text or find_cas_numbers(text):
        return False
    tokens = _vague_tokens(text)
    found = False
    i = 0
    rest: list[str] = []
    while i < len(tokens):
        for phrase in _vague_phrases():
            if tuple(tokens[i : i + len(phrase)]) == phrase:
                found = True
                i += len(phrase)
                break
        else:
            rest.append(tokens[i])
            i += 1
    if not found:
        return False
    return all(t in _FILLER or any(c.isdigit() for c in t) or len(t) == 1 for t in rest)


# ---------------------------------------------------------------------------------------------
# CAS numbers in free text

_CAS_IN_TEXT = re.compile(r"(?<![\d-])(\d{2,7})-(\d{2})-(\d)(?![\d-])")
_CAS_LABELLED = re.compile(r"(?i)\bcas\s*(?:rn|no|nr|number|num|#)?\s*[.:#]?\s*(\d{5,10})(?!\d)")


def find_cas_numbers(text: str | None) -> list[str]:
    """Valid CAS numbers written in a text, hyphenated ("39742-60-4") or after "CAS" ("CAS 39742604")."""
    if not text:
        return []
    found: list[str] = []
    for m in _CAS_IN_TEXT.finditer(text):
        cas = f"{m.group(1).lstrip('0')}-{m.group(2)}-{m.group(3)}"
        if cas_valid(cas):
            found.append(cas)
    for m in _CAS_LABELLED.finditer(text):
        labelled = cas_normalize(m.group(1))
        if labelled and cas_valid(labelled):
            found.append(labelled)
    return list(dict.fromkeys(found))


# ---------------------------------------------------------------------------------------------
# The catalogue


class Catalogue:
    """The loaded catalogue with look-ups by CAS number and by free text."""

    def __init__(self, chemicals: Iterable[Chemical], source: Path | None = None) -> None:
        self._chemicals: tuple[Chemical, ...] = tuple(chemicals)
        self.source = source
        self._by_cas = {c.cas_number: c for c in self._chemicals if c.cas_number}
        self._by_key = {c.key: c for c in self._chemicals}
        alias_to: dict[str, Chemical] = {}
        for chem in self._chemicals:
            for alias in chem.aliases:
                alias_to.setdefault(fold(alias), chem)
        self._alias_to = alias_to
        ordered = sorted(alias_to, key=lambda a: (-len(a), a))
        self._alias_re = re.compile(
            r"(?<![a-z0-9])(?:" + "|".join(re.escape(a) for a in ordered) + r")(?![a-z0-9])"
        ) if ordered else None

    @property
    def chemicals(self) -> list[Chemical]:
        """Every entry, in file order."""
        return list(self._chemicals)

    def __len__(self) -> int:
        return len(self._chemicals)

    def __iter__(self) -> Iterator[Chemical]:
        return iter(self._chemicals)

    def by_key(self, key: str) -> Chemical | None:
        """The entry with this key, or None."""
        return self._by_key.get(key)

    def by_cas(self, cas: str | int | None) -> Chemical | None:
        """The entry with this CAS number (any accepted writing), or None."""
        norm = cas_normalize(cas)
        return self._by_cas.get(norm) if norm else None

    def match_all(self, text: str | None) -> list[Chemical]:
        """Every catalogue chemical a text names, by CAS number first and then by name or synonym.

        Ordered most-controlled first; a longer name wins over a name it contains
        ("1-boc-4-piperidone" is not also "4-piperidone").
        """
        if not text:
            return []
        by_cas = [c for c in (self._by_cas.get(cas) for cas in find_cas_numbers(text)) if c]
        hits: dict[str, tuple[int, int, int, Chemical]] = {}
        if self._alias_re is not None:
            for m in self._alias_re.finditer(fold(text)):
                chem = self._alias_to[m.group(0)]
                rank = (SCHEDULES.index(chem.schedule), -len(m.group(0)), m.start(), chem)
                if chem.key not in hits or rank[:3] < hits[chem.key][:3]:
                    hits[chem.key] = rank
        by_name = [r[3] for r in sorted(hits.values(), key=lambda r: r[:3])]
        by_cas.sort(key=lambda c: SCHEDULES.index(c.schedule))
        return list(dict.fromkeys([*by_cas, *by_name]))

    def match(self, text: str | None) -> Chemical | None:
        """The catalogue chemical a goods description or substance name refers to, or None.

        CAS numbers in the text win over names; vague cover descriptions match nothing.
        """
        found = self.match_all(text)
        return found[0] if found else None


# ---------------------------------------------------------------------------------------------
# Loading and validation


def _problem(path: Path, index: int, key: object, field: str, reason: str) -> ModelError:
    who = f"entry #{index + 1}" + (f" ({key})" if isinstance(key, str) and key else "")
    return ModelError(f"{path}: {who}: field {field!r}: {reason}. Fix the catalogue file and retry.")


def _entry(path: Path, index: int, raw: Any) -> Chemical:
    if not isinstance(raw, Mapping):
        raise _problem(path, index, None, "-", "each entry must be a mapping of fields")
    key = raw.get("key")
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        raise _problem(path, index, key, unknown[0], f"unknown field (allowed: {', '.join(sorted(_FIELDS))})")
    missing = sorted(_REQUIRED - set(raw))
    if missing:
        raise _problem(path, index, key, missing[0], "missing")
    if not isinstance(key, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", key):
        raise _problem(path, index, key, "key", f"{key!r} is not snake_case")
    name = raw["name"]
    if not isinstance(name, str) or not name.strip():
        raise _problem(path, index, key, "name", "must be a non-empty text")
    short = raw["shortName"]
    if short is not None and (not isinstance(short, str) or not short.strip()):
        raise _problem(path, index, key, "shortName", "must be a text or null")
    cas = raw["casNumber"]
    if cas is not None:
        if not isinstance(cas, str) or cas_normalize(cas) != cas:
            raise _problem(path, index, key, "casNumber", f"{cas!r} is not written like 39742-60-4")
        if not cas_valid(cas):
            raise _problem(path, index, key, "casNumber", f"{cas!r} fails the CAS check digit")
    hs = raw["hsCode"]
    if not isinstance(hs, str):
        raise _problem(path, index, key, "hsCode", f"{hs!r} must be quoted text like \"2933.39\"")
    if hs_normalize(hs) != hs:
        raise _problem(path, index, key, "hsCode", f"{hs!r} is not a six-digit code written like \"2933.39\"")
    schedule = raw["schedule"]
    if schedule not in SCHEDULES:
        raise _problem(path, index, key, "schedule", f"{schedule!r} is not one of {', '.join(SCHEDULES)}")
    year = raw["scheduledYear"]
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1988 <= year <= 2100):
        raise _problem(path, index, key, "scheduledYear", f"{year!r} must be a year from 1988 on, or null")
    if year is None and schedule != "surveillance":
        raise _problem(path, index, key, "scheduledYear", "required for scheduled (table_i/table_ii) chemicals")
    synonyms = raw["synonyms"]
    if not isinstance(synonyms, list) or not all(isinstance(s, str) and fold(s) for s in synonyms):
        raise _problem(path, index, key, "synonyms", "must be a list of non-empty texts")
    verified = raw["verified"]
    if not isinstance(verified, bool):
        raise _problem(path, index, key, "verified", f"{verified!r} must be true or false")
    notes = raw.get("notes")
    if notes is not None and not isinstance(notes, str):
        raise _problem(path, index, key, "notes", "must be a text")
    return Chemical(key, name.strip(), short.strip() if short else None, cas, hs, schedule, year,
                    tuple(s.strip() for s in synonyms), verified, notes)


def _validate_catalogue(path: Path, chemicals: list[Chemical]) -> None:
    keys: dict[str, int] = {}
    cas_seen: dict[str, str] = {}
    alias_seen: dict[str, str] = {}
    for i, chem in enumerate(chemicals):
        if chem.key in keys:
            raise _problem(path, i, chem.key, "key", f"duplicate of entry #{keys[chem.key] + 1}")
        keys[chem.key] = i
        if chem.cas_number:
            if chem.cas_number in cas_seen:
                raise _problem(path, i, chem.key, "casNumber", f"also used by {cas_seen[chem.cas_number]}")
            cas_seen[chem.cas_number] = chem.key
        for alias in chem.aliases:
            folded = fold(alias)
            if is_vague_description(alias):
                raise _problem(path, i, chem.key, "synonyms", f"{alias!r} is a vague cover description")
            if len(folded.replace(" ", "")) < 3:
                raise _problem(path, i, chem.key, "synonyms", f"{alias!r} is too short to match safely")
            other = alias_seen.get(folded)
            if other is not None and other != chem.key:
                raise _problem(path, i, chem.key, "synonyms", f"{alias!r} also names {other}")
            alias_seen[folded] = chem.key


def load_catalogue(path: Path | str | None = None) -> Catalogue:
    """Load and validate a catalogue file; the default file is read once and cached.

    Raises ModelError naming the file, the entry and the field when anything is wrong.
    """
    if path is None:
        return _default_catalogue()
    return _load(Path(path))


@functools.lru_cache(maxsize=1)
def _default_catalogue() -> Catalogue:
    return _load(CATALOGUE_FILE)


def _load(path: Path) -> Catalogue:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise ModelError(f"{path}: catalogue file not found; restore it from the repository.") from e
    except (OSError, UnicodeDecodeError) as e:
        raise ModelError(f"{path}: cannot read the catalogue ({e}).") from e
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise ModelError(f"{path}: not valid YAML ({e}). Fix the catalogue file and retry.") from e
    if not isinstance(data, Mapping) or not isinstance(data.get("chemicals"), list):
        raise ModelError(f"{path}: expected a mapping with a 'chemicals' list. Fix the catalogue file and retry.")
    if not data["chemicals"]:
        raise ModelError(f"{path}: the 'chemicals' list is empty. Fix the catalogue file and retry.")
    chemicals = [_entry(path, i, raw) for i, raw in enumerate(data["chemicals"])]
    _validate_catalogue(path, chemicals)
    return Catalogue(chemicals, source=path)
