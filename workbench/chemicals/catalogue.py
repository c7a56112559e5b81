"""The controlled-chemicals catalogue (workbench/chemicals/chemicals.yaml), validated when it loads.

HS codes alone cannot identify a chemical (2933.39 covers many legitimate compounds), so goods
descriptions are matched on CAS numbers and on chemical names read as names (see
:mod:`workbench.chemicals.matcher`). Vague cover descriptions ("pharmaceutical intermediate") are
recognised separately, never matched. Each entry carries its controls by jurisdiction with their
dates (see :mod:`workbench.chemicals.status`) and the source of each fact.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import yaml

from workbench import normalize as nz
from workbench.errors import ModelError

cas_normalize = nz.cas_normalize
cas_valid = nz.cas_valid
fold = nz.fold
hs_normalize = nz.hs_normalize

__all__ = [
    "CATALOGUE_FILE",
    "Catalogue",
    "Chemical",
    "Control",
    "JURISDICTIONS",
    "SCHEDULES",
    "Salt",
    "VAGUE_DESCRIPTIONS",
    "find_cas_numbers",
    "is_vague_description",
    "load_catalogue",
]

CATALOGUE_FILE = Path(__file__).parent / "chemicals.yaml"

#: The closed list of schedules, most tightly controlled first (that order breaks ties in matching):
#: the 1988 Convention's Tables I and II, the INCB limited special surveillance list, national lists only.
SCHEDULES: tuple[str, ...] = ("table_i", "table_ii", "surveillance", "national")
#: Jurisdictions of controls: UN (1988 Convention, international entry into force) and national ones.
JURISDICTIONS: tuple[str, ...] = ("UN", "MX", "US", "CN")

_OPTIONAL = {"notes", "nameEs", "abbreviations", "iupacName", "casIndexName", "salts", "controls", "sources"}
_FIELDS = {"key", "name", "shortName", "casNumber", "hsCode", "schedule", "scheduledYear", "synonyms",
           "verified"} | _OPTIONAL
_REQUIRED = _FIELDS - _OPTIONAL
_CONTROL_FIELDS = {"jurisdiction", "list", "decision", "decided", "inForce", "source", "verified", "note"}
_SALT_FIELDS = {"cas", "form", "source"}
_FACTS = ("cas", "hs", "names")


@dataclass(frozen=True)
class Salt:
    """Another CAS number of the same substance: a salt, a hydrate or an isomer."""

    cas: str
    form: str
    source: str


@dataclass(frozen=True)
class Control:
    """One control of a chemical: who controls it, on which list, since when, and on what authority."""

    jurisdiction: str
    list: str
    decision: str
    decided: dt.date | None
    in_force: dt.date | None
    source: str
    verified: bool
    note: str | None = None


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
    name_es: str | None = None
    abbreviations: tuple[str, ...] = ()
    iupac_name: str | None = None
    cas_index_name: str | None = None
    salts: tuple[Salt, ...] = ()
    controls: tuple[Control, ...] = ()
    sources: Mapping[str, str] = field(default_factory=dict)

    @property
    def aliases(self) -> tuple[str, ...]:
        """Every way of writing the chemical: names (English, Spanish, IUPAC), abbreviations and synonyms."""
        names = [self.name, *([self.name_es] if self.name_es else []), *([self.short_name] if self.short_name else []),
                 *self.abbreviations, *([self.iupac_name] if self.iupac_name else []), *self.synonyms]
        return tuple(dict.fromkeys(names))

    @property
    def cas_numbers(self) -> tuple[str, ...]:
        """The parent CAS number and those of its salts and hydrates."""
        return tuple(([self.cas_number] if self.cas_number else []) + [s.cas for s in self.salts])

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
_CAS_LABELLED = re.compile(r"(?i)\bcas\s*(?:rn|no|nr|number|num|#)?\s*[.:#]?\s*(\d{5,10})(?![\d-])")


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
    """The loaded catalogue with look-ups by key, by CAS number (parent, salts, hydrates) and by free text."""

    def __init__(self, chemicals: Iterable[Chemical], source: Path | None = None,
                 sources: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self._chemicals: tuple[Chemical, ...] = tuple(chemicals)
        self.source = source
        #: The documents facts are taken from: id -> {title, url}.
        self.sources: dict[str, dict[str, str]] = {k: dict(v) for k, v in (sources or {}).items()}
        self._by_cas: dict[str, tuple[Chemical, Salt | None]] = {}
        for chem in self._chemicals:
            if chem.cas_number:
                self._by_cas[chem.cas_number] = (chem, None)
            for salt in chem.salts:
                self._by_cas.setdefault(salt.cas, (chem, salt))
        self._by_key = {c.key: c for c in self._chemicals}

    @property
    def chemicals(self) -> list[Chemical]:
        """Every entry, in file order."""
        return list(self._chemicals)

    def __len__(self) -> int:
        return len(self._chemicals)

    def __iter__(self) -> Iterator[Chemical]:
        return iter(self._chemicals)

    def by_key(self, key: str) -> Chemical | None:
        """The entry with this key (``npp`` or a node key ``chemical:npp``), or None."""
        return self._by_key.get(key.removeprefix("chemical:")) if key else None

    def by_cas(self, cas: str | int | None) -> Chemical | None:
        """The entry with this CAS number (any accepted writing; a salt's or hydrate's number gives its parent)."""
        found = self.cas_entry(cas)
        return found[0] if found else None

    def cas_entry(self, cas: str | int | None) -> tuple[Chemical, Salt | None] | None:
        """The entry with this CAS number and, when it is a salt's or hydrate's number, which salt."""
        norm = cas_normalize(cas)
        return self._by_cas.get(norm) if norm else None


# ---------------------------------------------------------------------------------------------
# Loading and validation


def _problem(path: Path, index: int, key: object, field: str, reason: str) -> ModelError:
    who = f"entry #{index + 1}" + (f" ({key})" if isinstance(key, str) and key else "")
    return ModelError(f"{path}: {who}: field {field!r}: {reason}. Fix the catalogue file and retry.")


def _text(path: Path, index: int, key: object, field: str, value: Any, *, optional: bool = True) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _problem(path, index, key, field, "must be a non-empty text" + (" or null" if optional else ""))
    return value.strip()


def _date(path: Path, index: int, key: object, field: str, value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _problem(path, index, key, field, f"{value!r} must be an ISO date like 2022-11-23, or null")


def _cas(path: Path, index: int, key: object, field: str, cas: Any) -> str:
    if not isinstance(cas, str) or cas_normalize(cas) != cas:
        raise _problem(path, index, key, field, f"{cas!r} is not written like 39742-60-4")
    if not cas_valid(cas):
        raise _problem(path, index, key, field, f"{cas!r} fails the CAS check digit")
    return cas


def _controls(path: Path, index: int, key: object, raw: Any, sources: Mapping[str, Any]) -> tuple[Control, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise _problem(path, index, key, "controls", "must be a list of controls")
    out = []
    for c in raw:
        if not isinstance(c, Mapping):
            raise _problem(path, index, key, "controls", "each control must be a mapping")
        unknown = sorted(set(c) - _CONTROL_FIELDS)
        if unknown:
            raise _problem(path, index, key, "controls", f"unknown field {unknown[0]!r}")
        jurisdiction = c.get("jurisdiction")
        if jurisdiction not in JURISDICTIONS:
            raise _problem(path, index, key, "controls", f"jurisdiction {jurisdiction!r} is not one of "
                                                         f"{', '.join(JURISDICTIONS)}")
        lst = _text(path, index, key, "controls", c.get("list"), optional=False)
        if jurisdiction == "UN" and lst not in ("table_i", "table_ii"):
            raise _problem(path, index, key, "controls", f"a UN control's list must be table_i or table_ii, not {lst!r}")
        decision = _text(path, index, key, "controls", c.get("decision"), optional=False)
        decided = _date(path, index, key, "controls", c.get("decided"))
        in_force = _date(path, index, key, "controls", c.get("inForce"))
        if decided and in_force and in_force < decided:
            raise _problem(path, index, key, "controls", f"inForce {in_force} is before the decision {decided}")
        source = c.get("source")
        if source not in sources:
            raise _problem(path, index, key, "controls", f"source {source!r} is not in the sources list")
        verified = c.get("verified")
        if not isinstance(verified, bool):
            raise _problem(path, index, key, "controls", f"verified {verified!r} must be true or false")
        note = _text(path, index, key, "controls", c.get("note"))
        if not verified and not note:
            raise _problem(path, index, key, "controls", "an unverified control needs a note saying what was looked for")
        out.append(Control(str(jurisdiction), str(lst), str(decision), decided, in_force, str(source), verified, note))
    return tuple(out)


def _entry(path: Path, index: int, raw: Any, sources: Mapping[str, Any] | None = None) -> Chemical:
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
        _cas(path, index, key, "casNumber", cas)
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
    if year is None and schedule in ("table_i", "table_ii"):
        raise _problem(path, index, key, "scheduledYear", "required for scheduled (table_i/table_ii) chemicals")
    synonyms = raw["synonyms"]
    if not isinstance(synonyms, list) or not all(isinstance(s, str) and fold(s) for s in synonyms):
        raise _problem(path, index, key, "synonyms", "must be a list of non-empty texts")
    abbreviations = raw.get("abbreviations") or []
    if not isinstance(abbreviations, list) or not all(isinstance(s, str) and fold(s) for s in abbreviations):
        raise _problem(path, index, key, "abbreviations", "must be a list of non-empty texts")
    verified = raw["verified"]
    if not isinstance(verified, bool):
        raise _problem(path, index, key, "verified", f"{verified!r} must be true or false")
    notes = raw.get("notes")
    if notes is not None and not isinstance(notes, str):
        raise _problem(path, index, key, "notes", "must be a text")
    known_sources: Mapping[str, Any] = sources or {}
    salts = []
    for s in raw.get("salts") or []:
        if not isinstance(s, Mapping) or set(s) - _SALT_FIELDS or not {"cas", "form"} <= set(s):
            raise _problem(path, index, key, "salts", "each salt is {cas, form, source}")
        if s.get("source") not in known_sources:
            raise _problem(path, index, key, "salts", f"source {s.get('source')!r} is not in the sources list")
        salts.append(Salt(_cas(path, index, key, "salts", s["cas"]), str(s["form"]), str(s["source"])))
    controls = _controls(path, index, key, raw.get("controls"), known_sources) if "controls" in raw else ()
    fact_sources = raw.get("sources") or {}
    if not isinstance(fact_sources, Mapping) or set(fact_sources) - set(_FACTS):
        raise _problem(path, index, key, "sources", f"must map facts ({', '.join(_FACTS)}) to source ids")
    for fact, sid in fact_sources.items():
        if sid not in known_sources:
            raise _problem(path, index, key, "sources", f"{fact}: source {sid!r} is not in the sources list")
    if not verified and not notes:
        raise _problem(path, index, key, "notes", "an unverified entry needs a note saying what was looked for")
    un = sorted((c for c in controls if c.jurisdiction == "UN"), key=lambda c: c.decided or dt.date.min)
    if un:
        if un[-1].list != schedule:
            raise _problem(path, index, key, "schedule", f"{schedule!r} differs from the latest UN control ({un[-1].list})")
        if un[0].decided and year is not None and un[0].decided.year != year:
            raise _problem(path, index, key, "scheduledYear",
                           f"{year} differs from the year of the first UN decision ({un[0].decided.year})")
    elif controls and schedule in ("table_i", "table_ii"):
        raise _problem(path, index, key, "controls", f"a {schedule} chemical needs its UN control")
    return Chemical(key, name.strip(), short.strip() if short else None, cas, hs, schedule, year,
                    tuple(s.strip() for s in synonyms), verified, notes,
                    name_es=_text(path, index, key, "nameEs", raw.get("nameEs")),
                    abbreviations=tuple(a.strip() for a in abbreviations),
                    iupac_name=_text(path, index, key, "iupacName", raw.get("iupacName")),
                    cas_index_name=_text(path, index, key, "casIndexName", raw.get("casIndexName")),
                    salts=tuple(salts), controls=controls, sources=dict(fact_sources))


def _validate_catalogue(path: Path, chemicals: list[Chemical]) -> None:
    keys: dict[str, int] = {}
    cas_seen: dict[str, str] = {}
    alias_seen: dict[str, str] = {}
    for i, chem in enumerate(chemicals):
        if chem.key in keys:
            raise _problem(path, i, chem.key, "key", f"duplicate of entry #{keys[chem.key] + 1}")
        keys[chem.key] = i
        for cas in chem.cas_numbers:
            if cas in cas_seen and cas_seen[cas] != chem.key:
                raise _problem(path, i, chem.key, "casNumber", f"{cas} also used by {cas_seen[cas]}")
            cas_seen[cas] = chem.key
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


def _sources(path: Path, raw: Any) -> dict[str, dict[str, str]]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ModelError(f"{path}: 'sources' must map ids to {{title, url}}. Fix the catalogue file and retry.")
    out = {}
    for sid, spec in raw.items():
        if not isinstance(spec, Mapping) or not isinstance(spec.get("title"), str) or set(spec) - {"title", "url"}:
            raise ModelError(f"{path}: source {sid!r} needs a title (and optionally a url). Fix the catalogue file and retry.")
        out[str(sid)] = {k: str(v) for k, v in spec.items()}
    return out


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
    sources = _sources(path, data.get("sources"))
    chemicals = [_entry(path, i, raw, sources) for i, raw in enumerate(data["chemicals"])]
    _validate_catalogue(path, chemicals)
    return Catalogue(chemicals, source=path, sources=sources)
