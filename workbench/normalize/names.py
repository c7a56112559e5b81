"""Company names and legal forms: comparison keys, canonical legal forms, and which forms may be one firm.

A legal form is part of a firm's identity: "X, S.A. de C.V." and "X, S. de R.L. de C.V." are two legal persons,
while "X CO., LTD." and "X Co Ltd" are one firm spelled two ways. :func:`company_name_key` leaves the form out
(so spellings block together); :func:`legal_form` gives the canonical form, and :func:`legal_forms_compatible`
says whether two forms may name the same firm. Our own table (workbench/data/normalize/legal_forms.yaml) knows
the Mexican and Chinese-English forms letter by letter; rigour's organisation-type database covers the rest.
"""

from __future__ import annotations

import functools
import re

from workbench.normalize._text import latin, load_table, table_part

__all__ = ["company_name_key", "legal_form", "legal_forms_compatible"]

_FORMS_FILE = "legal_forms.yaml"
_WORDS_FILE = "company_words.yaml"


@functools.lru_cache(maxsize=1)
def _forms_table() -> tuple[dict[str, tuple[str, ...]], frozenset[frozenset[str]], frozenset[str]]:
    data = load_table(_FORMS_FILE)
    forms = {str(k): tuple(str(s) for s in v) for k, v in table_part(_FORMS_FILE, data, "forms", dict).items()}
    pairs = frozenset(frozenset(str(x) for x in pair) for pair in table_part(_FORMS_FILE, data, "compatible", list))
    leading = frozenset(str(x) for x in table_part(_FORMS_FILE, data, "leading", list))
    return forms, pairs, leading


def _spelled(variant: str) -> str:
    """Regex for a folded legal-form spelling whose short words may be written letter by letter."""
    parts = []
    for word in variant.split():
        if len(word) <= 5 and word not in {"trading", "company", "de"}:
            parts.append(" ?".join(re.escape(c) for c in word))
        else:
            parts.append(re.escape(word))
    return " ".join(parts)


@functools.lru_cache(maxsize=1)
def _legal_form_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    variants: list[tuple[str, str]] = []
    for canonical, spellings in _forms_table()[0].items():
        variants.extend((s, canonical) for s in spellings)
    variants.sort(key=lambda v: -len(v[0]))
    groups = "|".join(f"(?P<g{i}>{_spelled(v)})" for i, (v, _) in enumerate(variants))
    names = {f"g{i}": canonical for i, (_, canonical) in enumerate(variants)}
    return re.compile(rf"(?:^| )(?:{groups})$"), names


@functools.lru_cache(maxsize=1)
def _words() -> tuple[dict[str, str], tuple[tuple[str, str], ...], frozenset[str]]:
    data = load_table(_WORDS_FILE)
    tokens = {str(k): str(v) for k, v in table_part(_WORDS_FILE, data, "tokens", dict).items()}
    phrases = tuple((str(a), str(b)) for a, b in table_part(_WORDS_FILE, data, "phrases", list))
    drop = frozenset(str(x) for x in table_part(_WORDS_FILE, data, "drop", list))
    return tokens, phrases, drop


def _strip_legal_forms(folded: str) -> tuple[str, str | None]:
    """Strip trailing legal forms; return the rest and the canonical form of the outermost one."""
    regex, groups = _legal_form_regex()
    outer: str | None = None
    rest = folded
    while True:
        m = regex.search(rest)
        if not m:
            break
        shorter = rest[: m.start()].strip()
        if not shorter:
            break
        if outer is None:
            outer = groups[m.lastgroup or ""]
        rest = shorter
    return rest, outer


def _rigour_form(folded: str) -> tuple[str, str | None]:
    """A form rigour knows at the start (OOO, PT...) or the end of the name; the rest and its short form."""
    from rigour.names.org_types import extract_org_types  # noqa: PLC0415 - loads rigour's tables on first use

    found = extract_org_types(folded)
    if not found:
        return folded, None
    leading = _forms_table()[2]
    first, last = found[0], found[-1]
    if folded.startswith(first[0] + " ") and first[1] in leading:
        return folded[len(first[0]):].strip(), first[1].upper()
    if folded.endswith(" " + last[0]):
        return folded[: -len(last[0])].strip(), last[1].upper()
    return folded, None


@functools.lru_cache(maxsize=200_000)
def _split(name: str) -> tuple[str, str | None]:
    folded = latin(name)
    if not folded:
        return "", None
    rest, form = _strip_legal_forms(folded)
    if form is None:
        rest, form = _rigour_form(folded)
    return rest, form


def _collapse_initials(tokens: list[str]) -> list[str]:
    out: list[str] = []
    run = ""
    for t in tokens:
        if len(t) == 1 and t.isalpha():
            run += t
            continue
        if run:
            out.append(run)
            run = ""
        out.append(t)
    if run:
        out.append(run)
    return out


def company_name_key(name: str) -> str:
    """A comparison key for a company name: folded, legal forms removed, spelling habits evened out.

    "JIANGSU X FINE CHEMICAL CO., LTD.", "Jiangsu X Fine Chem Co Ltd" and
    "JIANGSU X FINE CHEMICALS CO.,LIMITED" share a key; a different brand word does not. Names in other scripts
    are transliterated first ("ООО Ромашка" and "OOO Romashka" share a key). The legal form is not in the key:
    compare it with :func:`legal_form` and :func:`legal_forms_compatible`.
    """
    rest, _ = _split(name)
    if not rest:
        return ""
    token_map, phrases, drop = _words()
    padded = f" {rest} "
    for phrase, repl in phrases:
        padded = padded.replace(phrase, repl)
    tokens = []
    for tok in padded.split():
        mapped = token_map.get(tok, tok)
        tokens.extend(mapped.split())
    tokens = _collapse_initials(tokens)
    kept = [t for t in tokens if t not in drop]
    return " ".join(kept or tokens)


def legal_form(name: str) -> str | None:
    """The canonical legal form of a company name ("Co., Ltd.", "S.A. de C.V.", "OOO"...), or None."""
    return _split(name)[1]


def legal_forms_compatible(a: str | None, b: str | None) -> bool:
    """True when two canonical legal forms may belong to one firm: equal, one unknown, or a known loose pair.

    "Co., Ltd." and "Ltd." may (translation habit), "S.A. de C.V." and "S.A." may (truncation); "S.A. de C.V.",
    "S. de R.L. de C.V." and "S.A.P.I. de C.V." never do: they are different legal persons.
    """
    if a is None or b is None or a == b:
        return True
    return frozenset((a, b)) in _forms_table()[1]
