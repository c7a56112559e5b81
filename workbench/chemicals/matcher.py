"""Identify catalogue chemicals in free text by reading chemical names, not substrings.

What it reads, in order of trust:

1. CAS numbers anywhere in the text ("39742-60-4", "CAS No. 39742604", "CAS79099-07-3"), kept only when the check
   digit is right; a salt's or hydrate's number gives its parent. A truncated number ("CAS79099") or one with a
   wrong check digit gives only a low-confidence candidate.
2. CAS index (inverted) names: "4-Piperidinone, 1-(2-phenylethyl)-" is read parent-last, so it is NPP and never
   4-piperidone; "4-Piperidinone, hydrochloride (1:1), hydrate" is 4-piperidone (salt words are ignored).
3. Names, abbreviations and synonyms, matched on whole words: "1-benzyl-4-piperidone" is one word and is not
   4-piperidone; a name followed by a word that makes another compound ("acetone cyanohydrin", "toluene
   diisocyanate") or preceded by a substituent ("1-benzyl 4-piperidone", "diisocianato de tolueno") is not taken.
4. Typos: a close spelling of a long name, only when the locant digits, the first letters and the ending (the
   functional group: -one, -ol, -ine) agree, so "piperidinol" never becomes "piperidinone".

Every answer carries a confidence and the reason. Below :data:`CONFIDENT` a match is a candidate to check, not an
identification.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping

from rapidfuzz.distance import Levenshtein

from workbench import normalize as nz
from workbench.chemicals.catalogue import SCHEDULES, Catalogue, Chemical, is_vague_description, load_catalogue

__all__ = ["CONFIDENT", "Match", "identify"]

#: A match at or above this confidence is an identification; below it, a candidate to check.
CONFIDENT = 0.5

_CONF_CAS = 0.99
_CONF_SALT_CAS = 0.97
_CONF_INDEX = 0.95
_CONF_NAME = 0.93
_CONF_ABBREVIATION = 0.8
_CONF_TYPO = 0.7
_CONF_FOREIGN_CAS = 0.4
_CONF_TRUNCATED = 0.35
_CONF_BAD_CHECK = 0.3

_MAX_SPAN = 7

#: Words that, next to a name, make it part of another compound's name.
_COMPOUND_WORDS = frozenset(
    """
    cyanohydrin cyanohydrine isocyanate diisocyanate sulfonic sulphonic sulfonyl sulphonyl sulfonate sulphonate
    oxime hydrazone semicarbazone derivative derivatives analog analogs analogue analogues ester esters amide
    imine enamine carboxylic carboxylate diol glycol ketal acetal polymer copolymer resin adduct dimer trimer
    peroxide nitrile alcohol glycidic glycidate glycidyl methyl ethyl propyl butyl isopropyl benzyl phenyl
    cianohidrina diisocianato isocianato sulfonico derivado derivados derivada analogo analoga oxima glicidato
    glicidico metilo etilo propilo bencilo fenilo peroxido chloride trichloride pentachloride oxychloride
    bromide iodide oxide pentoxide sulfide pentasulfide cloruro tricloruro pentacloruro oxicloruro oxido sulfuro
    azine bisulfite bisulphite cianhidrina ethylene propylene diethylamide dimethylamide
    """.split()
)
#: Salt, hydrate and form words: they do not change which chemical is named.
_SALT_WORDS = frozenset(
    """
    hydrochloride dihydrochloride monohydrochloride hcl 2hcl hydrobromide hbr sulfate sulphate hemisulfate
    bisulfate oxalate citrate tartrate bitartrate maleate fumarate phosphate mesylate tosylate besylate salt
    salts hydrate monohydrate dihydrate hemihydrate sesquihydrate anhydrous h2o base freebase free sodium
    clorhidrato diclorhidrato bromhidrato sulfato oxalato citrato tartrato maleato fumarato fosfato hidrato
    monohidrato monohidratado dihidrato anhidro sal sodica sodico
    """.split()
)
_SUBSTITUENT_WORDS = frozenset(
    """
    boc nboc cbz fmoc chloro bromo fluoro iodo nitro amino hydroxy methoxy ethoxy oxo dihydro tetrahydro
    hexahydro nor des dimethyl diethyl trimethyl triethyl
    """.split()
)
_SPANISH_OF = frozenset({"de", "del"})
_RATIO = re.compile(r"^\(?\d+:\d+\)?$")

_CAS_HYPHEN = re.compile(r"(?<![\d-])(\d{2,7})-(\d{2})-(\d{1,2})(?![\d-])")
_CAS_LABELLED = re.compile(r"(?i)\bcas\s*(?:rn|no|nr|number|num|#)?\s*[.:#]?\s*(\d{4,10})(?![\d-])")


@dataclass(frozen=True)
class Match:
    """One chemical a text names, with how sure the matcher is and why."""

    chemical: Chemical
    confidence: float
    why: str
    evidence: str  # cas | salt_cas | index_name | name | abbreviation | typo | truncated_cas | bad_check_digit
    position: int = 0
    #: What the reason is made of, for other languages: written, cas, form, alias, edits, salt, foreign.
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def confident(self) -> bool:
        return self.confidence >= CONFIDENT

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of ``workbench chemicals identify``."""
        c = self.chemical
        return {"cas": c.cas_number, "name": c.name, "key": c.key, "table": c.schedule,
                "confidence": round(self.confidence, 2), "why": self.why}


# ---------------------------------------------------------------------------------------------
# Canonical forms

_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ω": "omega"}


def _plain(text: str) -> str:
    s = "".join(_GREEK.get(c, c) for c in text)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if unicodedata.category(c) != "Mn").lower()


def canon(text: str) -> str:
    """Letters and digits only, lower case, accents and indicated hydrogen ("2H-1,3-...") dropped."""
    s = _plain(text)
    s = re.sub(r"(?<![a-z0-9])\d+h-(?=\d)", "", s)
    return re.sub(r"[^a-z0-9]", "", s)


def _is_salt_token(tok: str) -> bool:
    c = canon(tok)
    return not c or c in _SALT_WORDS or bool(_RATIO.match(tok.strip("()[],;.")))


@dataclass(frozen=True)
class _Alias:
    chemical: Chemical
    text: str
    kind: str  # name | abbreviation | index_name


@dataclass(frozen=True)
class _Index:
    aliases: dict[str, tuple[_Alias, ...]]
    index_names: dict[str, Chemical]
    by_length: dict[int, tuple[str, ...]]


@functools.lru_cache(maxsize=8)
def _index(catalogue: Catalogue) -> _Index:
    found: dict[str, dict[str, _Alias]] = {}

    def add(chem: Chemical, text: str | None, kind: str) -> None:
        if not text:
            return
        key = canon(text)
        if len(key) < 3:
            return
        bucket = found.setdefault(key, {})
        if chem.key not in bucket or (bucket[chem.key].kind == "abbreviation" and kind != "abbreviation"):
            bucket[chem.key] = _Alias(chem, text, kind)

    index_names: dict[str, Chemical] = {}
    for chem in catalogue:
        for alias in (chem.name, chem.name_es, chem.iupac_name, *chem.synonyms):
            add(chem, alias, "name")
        for alias in (chem.short_name, *chem.abbreviations):
            add(chem, alias, "abbreviation")
        if chem.cas_index_name:
            index_names[canon(chem.cas_index_name)] = chem
            if "," not in chem.cas_index_name:
                add(chem, chem.cas_index_name, "index_name")
    by_length: dict[int, list[str]] = {}
    for key in found:
        by_length.setdefault(len(key), []).append(key)
    return _Index({k: tuple(v.values()) for k, v in found.items()}, index_names,
                  {k: tuple(v) for k, v in by_length.items()})


# ---------------------------------------------------------------------------------------------
# CAS numbers


def _cas_matches(text: str, catalogue: Catalogue) -> tuple[list[Match], list[str]]:
    """Matches from CAS numbers, and the valid CAS numbers that are not in the catalogue."""
    matches: list[Match] = []
    foreign: list[str] = []
    seen: set[str] = set()

    def known(cas: str, pos: int, how: str) -> None:
        if cas in seen:
            return
        seen.add(cas)
        entry = catalogue.cas_entry(cas)
        if entry is None:
            foreign.append(cas)
            return
        chem, salt = entry
        if salt is None:
            matches.append(Match(chem, _CONF_CAS, f"CAS {cas}{how} is {chem.name}", "cas", pos, {"cas": cas}))
        else:
            matches.append(Match(chem, _CONF_SALT_CAS, f"CAS {cas}{how} is the {salt.form} of {chem.name}",
                                 "salt_cas", pos, {"cas": cas, "form": salt.form}))

    for m in _CAS_HYPHEN.finditer(text):
        raw = f"{m.group(1).lstrip('0')}-{m.group(2)}-{m.group(3)}"
        if len(m.group(3)) == 1 and nz.cas_valid(raw):
            known(raw, m.start(), "")
        elif len(m.group(3)) == 1:
            prefix = f"{m.group(1).lstrip('0')}-{m.group(2)}-"
            for cas in _catalogue_cas(catalogue):
                if cas.startswith(prefix):
                    chem = catalogue.by_cas(cas)
                    assert chem is not None
                    matches.append(Match(chem, _CONF_BAD_CHECK, f"{raw} fails the CAS check digit; "
                                         f"{cas} ({chem.name}) differs only there", "bad_check_digit", m.start(),
                                         {"written": raw, "cas": cas}))
    for m in _CAS_LABELLED.finditer(text):
        digits = m.group(1)
        norm = nz.cas_normalize(digits) if len(digits) >= 5 else None
        if norm and nz.cas_valid(norm):
            known(norm, m.start(), f" (written {m.group(0).strip()})")
            continue
        for cas in _catalogue_cas(catalogue):
            if cas.split("-")[0] == digits:
                chem = catalogue.by_cas(cas)
                assert chem is not None
                matches.append(Match(chem, _CONF_TRUNCATED, f"{m.group(0).strip()} looks like a truncated CAS "
                                     f"{cas} ({chem.name}); check the full number", "truncated_cas", m.start(),
                                     {"written": m.group(0).strip(), "cas": cas}))
    return matches, foreign


@functools.lru_cache(maxsize=8)
def _catalogue_cas(catalogue: Catalogue) -> tuple[str, ...]:
    return tuple(cas for chem in catalogue for cas in chem.cas_numbers)


# ---------------------------------------------------------------------------------------------
# Names


@dataclass
class _Token:
    raw: str
    canon: str
    start: int


def _tokens(text: str, offset: int = 0) -> list[_Token]:
    out = []
    for m in re.finditer(r"[^\s;|/]+", text):
        raw = m.group(0).strip(",.:")
        c = canon(raw)
        if c:
            out.append(_Token(raw, c, offset + m.start()))
    return out


_SUBSTITUENT_ENDINGS = ("fluoro", "chloro", "bromo", "iodo", "nitro", "amino", "hydroxy", "methoxy", "ethoxy", "oxo",
                        "cyano", "boc")
_ABSENT_BEFORE = frozenset({"sin", "without", "no", "non"})


def _is_substituent(tok: _Token) -> bool:
    c = tok.canon
    if c in _SUBSTITUENT_WORDS or tok.raw.endswith("-") or c.endswith(_SUBSTITUENT_ENDINGS):
        return True
    return c.endswith("yl") and len(c) > 3 and not c.isdigit()


def _makes_another_compound(tok: _Token) -> bool:
    c = tok.canon
    return c in _COMPOUND_WORDS or c.endswith(("amide", "anilide", "hydrazide")) or (
        c.endswith("yl") and len(c) > 3 and not _is_salt_token(tok.raw))


def _derivative_reason(tokens: list[_Token], i: int, j: int) -> str | None:
    """Why the name at tokens[i:j] is part of another compound's name, or None."""
    k = j
    while k < len(tokens) and k < j + 3 and tokens[k].canon in _SALT_WORDS:
        k += 1  # "acetone sodium bisulfite": look past salt words
    for tok in tokens[k:k + 2]:  # "4-piperidone ethylene ketal", "benzaldehyde dimethyl acetal"
        if _makes_another_compound(tok):
            return f"followed by {tok.raw!r}, which makes another compound"
    if j < len(tokens) and tokens[j].canon == "free" and (j + 1 >= len(tokens) or tokens[j + 1].canon != "base"):
        return f"'{tokens[j - 1].raw} {tokens[j].raw}' says it is absent"
    if i > 0 and tokens[i - 1].canon in _ABSENT_BEFORE:
        return f"'{tokens[i - 1].raw} ...' says it is absent"
    if i > 0:
        prev = tokens[i - 1]
        if prev.canon in _SPANISH_OF and i > 1 and tokens[i - 2].canon in _COMPOUND_WORDS:
            return f"{tokens[i - 2].raw} {prev.raw} ... names another compound"
        if _is_substituent(prev) and not _is_salt_token(prev.raw):
            return f"preceded by the substituent {prev.raw!r}"
    return None


def _salt_words(tokens: list[_Token], j: int) -> str:
    words = []
    for tok in tokens[j:j + 3]:
        if tok.canon in _SALT_WORDS:
            words.append(tok.raw)
        else:
            break
    return " ".join(words)


def _salt_note(words: str) -> str:
    return f"; {words} ignored (salt or hydrate form)" if words else ""


def _conf(alias: _Alias) -> tuple[float, str]:
    if alias.kind == "abbreviation":
        return _CONF_ABBREVIATION, "abbreviation"
    if alias.kind == "index_name":
        return _CONF_INDEX, "index_name"
    return _CONF_NAME, "name"


def _exact_names(tokens: list[_Token], index: _Index) -> tuple[list[Match], set[int]]:
    matches: list[Match] = []
    used: set[int] = set()
    i = 0
    while i < len(tokens):
        hit = None
        for j in range(min(len(tokens), i + _MAX_SPAN), i, -1):
            key = "".join(t.canon for t in tokens[i:j])
            if key in index.aliases:
                hit = (j, index.aliases[key])
                break
        if hit is None:
            i += 1
            continue
        j, aliases = hit
        reason = _derivative_reason(tokens, i, j)
        used.update(range(i, j))
        if reason is None:
            written = " ".join(t.raw for t in tokens[i:j])
            for alias in aliases:
                conf, evidence = _conf(alias)
                kind = "abbreviation" if evidence == "abbreviation" else "name"
                salt = _salt_words(tokens, j)
                matches.append(Match(alias.chemical, conf, f"{kind} {written!r} is {alias.chemical.name}"
                                     + _salt_note(salt), evidence, tokens[i].start,
                                     {"written": written, "salt": salt}))
        i = j
    return matches, used


def _ending(c: str) -> str:
    return c[:-1] if c.endswith("e") else c


_MORPHEMES = re.compile(r"methyl|(?<!m)ethyl|propyl|butyl|methan|(?<!m)ethan|propan|butan|phenyl|benzyl|"
                        r"chloro|bromo|fluoro|iodo|nitro|amino|"
                        r"hydroxy|methoxy|ethoxy|oxo|boc|acetyl|formyl|cyano|sulfo|keto|anilino")


def _morphemes(c: str) -> list[str]:
    """The substituent and ring words in a canonical name: a typo may not add, drop or swap one."""
    return sorted(_MORPHEMES.findall(c))


def _typos(tokens: list[_Token], index: _Index, used: set[int]) -> list[Match]:
    matches: list[Match] = []
    i = 0
    while i < len(tokens):
        best: tuple[int, int, list[_Alias], str] | None = None
        for j in range(min(len(tokens), i + 4), i, -1):
            if any(k in used for k in range(i, j)) or any(_is_salt_token(t.raw) for t in tokens[i:j]):
                continue
            key = "".join(t.canon for t in tokens[i:j])
            if len(key) < 8:
                continue
            found = _close(key, index)
            if found and (best is None or found[0] < best[0]):
                best = (found[0], j, found[1], key)
        if best is None:
            i += 1
            continue
        dist, j, aliases, key = best
        chems = {a.chemical.key for a in aliases}
        reason = _derivative_reason(tokens, i, j)
        if reason is None:
            written = " ".join(t.raw for t in tokens[i:j])
            conf = _CONF_TYPO if len(chems) == 1 else _CONF_FOREIGN_CAS
            for alias in aliases:
                matches.append(Match(alias.chemical, conf, f"{written!r} is a close spelling of {alias.text!r} "
                                     f"({dist} edit{'s' if dist > 1 else ''})", "typo", tokens[i].start,
                                     {"written": written, "alias": alias.text, "edits": str(dist)}))
        used.update(range(i, j))
        i = j
    return matches


def _close(key: str, index: _Index) -> tuple[int, list[_Alias]] | None:
    digits = re.sub(r"\D", "", key)
    limit = 1 if len(key) < 10 else 2
    best: tuple[int, list[_Alias]] | None = None
    for length in range(len(key) - 2, len(key) + 3):
        for cand in index.by_length.get(length, ()):
            if len(cand) < 8 or cand[:2] != key[:2] or re.sub(r"\D", "", cand) != digits:
                continue
            a, b = _ending(cand), _ending(key)
            if a[-3:] != b[-3:] or _morphemes(cand) != _morphemes(key):
                continue
            dist = Levenshtein.distance(a, b, score_cutoff=limit)
            if dist > limit:
                continue
            if best is None or dist < best[0]:
                best = (dist, list(index.aliases[cand]))
            elif dist == best[0]:
                best[1].extend(index.aliases[cand])
    return best


# ---------------------------------------------------------------------------------------------
# CAS index (inverted) names


def _qualifier(part: str) -> str | None:
    """What a comma-separated part of a CAS index name is: substituent, ester, salt, or None (not a qualifier)."""
    p = part.strip()
    if not p:
        return None
    toks = p.split()
    if all(_is_salt_token(t) for t in toks):
        return "salt"
    if p.endswith("-") and " " not in p:
        return "substituent"
    if " " not in p and re.fullmatch(r"[a-z]+yl", p.lower()):  # trade inversions: "Ether, diethyl"
        return "substituent"
    if p.lower().endswith(" ester") and len(toks) <= 3:
        return "ester"
    return None


def _inverted(segment: str, offset: int, index: _Index) -> tuple[list[Match], str, str] | None:
    """Read a CAS index name at the start of a segment: its matches, the head to scan, the rest to scan."""
    parts = re.split(r",\s+", segment)
    if len(parts) < 2:
        return None
    kinds = []
    for part in parts[1:]:
        kind = _qualifier(part)
        if kind is None:
            break
        kinds.append(kind)
    if not kinds:
        return None
    head = parts[0]
    quals = parts[1:1 + len(kinds)]
    rest = ", ".join(parts[1 + len(kinds):])
    structural = [q for q, k in zip(quals, kinds) if k != "salt"]
    salts = [q for q, k in zip(quals, kinds) if k == "salt"]
    salt_note = f"; {', '.join(salts)} ignored (salt or hydrate form)" if salts else ""
    if not structural:
        return [], head, rest  # only salt words: the head is the name
    full = canon(", ".join([head, *structural]))
    chem = index.index_names.get(full)
    written = ", ".join([head, *structural])
    if chem is not None:
        return [Match(chem, _CONF_INDEX, f"CAS index name {written!r} is {chem.name}{salt_note}", "index_name",
                      offset, {"written": written, "salt": ", ".join(salts)})], "", rest
    if all(k == "substituent" for k in kinds if k != "salt"):
        uninverted = canon("".join(q.strip() for q in structural) + head)
        aliases = index.aliases.get(uninverted)
        if aliases:
            return [Match(a.chemical, _CONF_INDEX - 0.03, f"CAS index name {written!r} read as "
                          f"{''.join(q.strip() for q in structural)}{head.strip()}, which is {a.chemical.name}"
                          f"{salt_note}", "index_name", offset, {"written": written, "salt": ", ".join(salts)})
                    for a in aliases], "", rest
    # substituents on a parent: another compound (a derivative), never the parent
    return [], "", rest


# ---------------------------------------------------------------------------------------------
# The entry point


def _segments(text: str) -> Iterable[tuple[str, int]]:
    pos = 0
    for m in re.finditer(r"[^;\n|]+", text):
        pos = m.start()
        yield m.group(0), pos


def identify(text: str | None, catalogue: Catalogue | None = None) -> list[Match]:
    """The catalogue chemicals a text names, best first: identifications (CAS evidence first, then the most
    tightly controlled, then the surest), then candidates below :data:`CONFIDENT`.

    One match per chemical. Vague cover descriptions ("pharmaceutical intermediate") name nothing.
    """
    if not text or not text.strip():
        return []
    catalogue = catalogue or load_catalogue()
    return list(_identify(text, catalogue))


def match_all(text: str | None, catalogue: Catalogue | None = None) -> list[Chemical]:
    """Every catalogue chemical a text names with confidence, best first (see :func:`identify`).

    CAS evidence first, then the most tightly controlled; candidates the matcher is unsure of are left out.
    """
    return [m.chemical for m in identify(text, catalogue) if m.confidence >= CONFIDENT]


def match(text: str | None, catalogue: Catalogue | None = None) -> Chemical | None:
    """The catalogue chemical a goods description or substance name refers to, or None.

    CAS numbers in the text win over names; vague cover descriptions and derivatives match nothing.
    """
    found = match_all(text, catalogue)
    return found[0] if found else None


@functools.lru_cache(maxsize=4096)
def _identify(text: str, catalogue: Catalogue) -> tuple[Match, ...]:
    if is_vague_description(text):
        return ()
    index = _index(catalogue)
    cas_found, foreign = _cas_matches(text, catalogue)
    named: list[Match] = []
    for segment, offset in _segments(text):
        inverted = _inverted(segment, offset, index)
        pieces: list[tuple[str, int]]
        if inverted is None:
            pieces = [(segment, offset)]
        else:
            found, head, rest = inverted
            named.extend(found)
            pieces = [(head, offset), (rest, offset + len(segment) - len(rest))]
        for piece, start in pieces:
            if not piece.strip():
                continue
            tokens = [t for t in _tokens(piece, start) if not _looks_like_cas(t.raw)]
            exact, used = _exact_names(tokens, index)
            named.extend(exact)
            named.extend(_typos(tokens, index, used))
    cas_keys = {m.chemical.key for m in cas_found if m.evidence in ("cas", "salt_cas")}
    if cas_keys:
        named = [replace(m, confidence=min(m.confidence, _CONF_FOREIGN_CAS),
                         why=f"{m.why}; but the CAS number in the text is another chemical's",
                         params={**m.params, "foreign": ", ".join(c.chemical.cas_number or "" for c in cas_found
                                                                   if c.chemical.key in cas_keys)})
                 if m.evidence == "abbreviation" and m.chemical.key not in cas_keys else m for m in named]
    if foreign:
        named = [m if m.chemical.key in cas_keys else
                 replace(m, confidence=min(m.confidence, _CONF_FOREIGN_CAS),
                         why=f"{m.why}; but the text carries CAS {', '.join(foreign)}, which is not {m.chemical.name}",
                         params={**m.params, "foreign": ", ".join(foreign)}) for m in named]
    best: dict[str, Match] = {}
    for m in [*cas_found, *named]:
        old = best.get(m.chemical.key)
        if old is None or m.confidence > old.confidence:
            if old is not None and old.confident and m.evidence != old.evidence:
                m = replace(m, why=f"{m.why}; {old.why}", position=min(m.position, old.position))
            best[m.chemical.key] = m
        elif m.confident and old.evidence != m.evidence and m.why not in old.why:
            best[m.chemical.key] = replace(old, why=f"{old.why}; {m.why}", position=min(m.position, old.position))

    def rank(m: Match) -> tuple[int, int, int, float, int]:
        return (0 if m.confident else 1, 0 if m.evidence in ("cas", "salt_cas") else 1,
                SCHEDULES.index(m.chemical.schedule), -m.confidence, m.position)

    return tuple(sorted(best.values(), key=rank))


def _looks_like_cas(raw: str) -> bool:
    return bool(re.fullmatch(r"(?i)(cas)?[:#.]?\d{2,7}-\d{2}-\d", raw)) or bool(re.fullmatch(r"(?i)cas\d{4,10}", raw))
