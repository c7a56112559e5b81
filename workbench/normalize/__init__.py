"""Pure normalisers for the free text found in manifests, registries, PENs and watch lists.

Each function turns one messy value into a comparable key or a canonical form, or says it cannot
(``None`` for "absent or not recognisable", ``ValueError`` only where garbage must be reported).
They normalise; they do not resolve: deciding that two keys are the same company happens elsewhere.
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

import phonenumbers
import yaml

from workbench.errors import ModelError

__all__ = [
    "Port",
    "address_key",
    "cas_normalize",
    "cas_valid",
    "company_name_key",
    "country_code",
    "country_name",
    "email_norm",
    "fold",
    "hs_chapter_heading",
    "hs_normalize",
    "legal_form",
    "parse_date",
    "parse_number",
    "person_name_key",
    "phone_e164",
    "port_code",
    "ports",
]

PORTS_FILE = Path(__file__).parent.parent / "data" / "ports.yaml"

# ---------------------------------------------------------------------------------------------
# Text folding


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


def _tokens(text: str) -> list[str]:
    return fold(text).split()


# ---------------------------------------------------------------------------------------------
# Company names

#: canonical legal form -> folded spellings (letters of short words may be spaced or dotted).
_LEGAL_FORMS: dict[str, tuple[str, ...]] = {
    "Co., Ltd.": (
        "co ltd", "co limited", "company limited", "company ltd", "corp ltd", "coltd",
        "trading co ltd", "trading co limited", "trading company limited", "trading company ltd",
    ),
    "Pte. Ltd.": ("pte ltd", "private limited company"),
    "Pvt. Ltd.": ("pvt ltd", "private limited"),
    "Ltd.": ("ltd", "limited"),
    "PLC": ("plc",),
    "Inc.": ("inc", "incorporated"),
    "Corp.": ("corp", "corporation"),
    "LLC": ("llc",),
    "LLP": ("llp",),
    "GmbH & Co. KG": ("gmbh co kg",),
    "GmbH": ("gmbh",),
    "AG": ("ag",),
    "KG": ("kg",),
    "B.V.": ("bv",),
    "N.V.": ("nv",),
    "S.A. de C.V.": ("sa de cv", "sociedad anonima de capital variable"),
    "S. de R.L. de C.V.": (
        "s de rl de cv", "srl de cv", "sociedad de responsabilidad limitada de capital variable",
    ),
    "S.A.P.I. de C.V.": ("sapi de cv", "sociedad anonima promotora de inversion de capital variable"),
    "S.A.B. de C.V.": ("sab de cv",),
    "S. de R.L.": ("s de rl", "sociedad de responsabilidad limitada"),
    "S.C.": ("sc", "sociedad civil"),
    "A.C.": ("ac", "asociacion civil"),
    "S.A.S.": ("sas",),
    "S.A.": ("sa", "sociedad anonima"),
    "S.L.": ("sl",),
    "S.R.L.": ("srl",),
    "S.p.A.": ("spa",),
    "Ltda.": ("ltda",),
    "Co.": ("co", "company", "trading co", "trading company"),
}


def _spelled(variant: str) -> str:
    """Regex for a folded legal-form spelling whose short words may be written letter by letter."""
    parts = []
    for word in variant.split():
        if len(word) <= 5 and word not in {"trading", "company", "de"}:
            parts.append(" ?".join(re.escape(c) for c in word))
        else:
            parts.append(re.escape(word))
    return " ".join(parts)


def _legal_form_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    variants: list[tuple[str, str]] = []
    for canonical, spellings in _LEGAL_FORMS.items():
        variants.extend((s, canonical) for s in spellings)
    variants.sort(key=lambda v: -len(v[0]))
    groups = "|".join(f"(?P<g{i}>{_spelled(v)})" for i, (v, _) in enumerate(variants))
    names = {f"g{i}": canonical for i, (_, canonical) in enumerate(variants)}
    return re.compile(rf"(?:^| )(?:{groups})$"), names


_LEGAL_RE, _LEGAL_GROUPS = _legal_form_regex()

#: token -> stable variant, so spelling habits do not change a key.
_NAME_TOKENS: dict[str, str] = {
    "chem": "chemical", "chems": "chemical", "chemicals": "chemical", "chemie": "chemical",
    "chemistry": "chemical", "chemcial": "chemical",
    "quimica": "quimica", "quimicas": "quimica", "quimico": "quimica", "quimicos": "quimica",
    "pharm": "pharmaceutical", "pharma": "pharmaceutical", "pharmaceuticals": "pharmaceutical",
    "pharmaceutic": "pharmaceutical", "pharmtech": "pharmtech",
    "farmaceutica": "farmaceutica", "farmaceuticas": "farmaceutica", "farmaceutico": "farmaceutica",
    "farmaceuticos": "farmaceutica",
    "tech": "technology", "technologies": "technology", "technolgy": "technology",
    "intl": "international",
    "biotech": "biotechnology", "biotechnologies": "biotechnology",
    "mfg": "manufacturing", "mfrs": "manufacturing",
    "ind": "industrial", "indl": "industrial",
    "industries": "industry", "inds": "industry",
    "imp": "import", "exp": "export", "impexp": "import export", "importexport": "import export",
    "intermediates": "intermediate", "materials": "material", "products": "product", "prods": "product",
    "labs": "laboratory", "lab": "laboratory", "laboratories": "laboratory", "laboratorios": "laboratorio",
    "cia": "compania", "comercializ": "comercializadora",
    "distribuidor": "distribuidora", "dist": "distribuidora", "gpo": "grupo",
}
_NAME_PHRASES: tuple[tuple[str, str], ...] = (
    (" hong kong ", " hk "),
    (" h k ", " hk "),
    (" import and export ", " import export "),
    (" import export ", " import export "),
    (" imp exp ", " import export "),
    (" i e ", " import export "),
)
_NAME_DROP = {"and", "y", "e", "the"}


def _strip_legal_forms(folded: str) -> tuple[str, str | None]:
    """Strip trailing legal forms; return the rest and the canonical form of the outermost one."""
    outer: str | None = None
    rest = folded
    while True:
        m = _LEGAL_RE.search(rest)
        if not m:
            break
        shorter = rest[: m.start()].strip()
        if not shorter:
            break
        if outer is None:
            outer = _LEGAL_GROUPS[m.lastgroup or ""]
        rest = shorter
    return rest, outer


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
    "JIANGSU X FINE CHEMICALS CO.,LIMITED" share a key; a different brand word does not.
    """
    folded = fold(name)
    if not folded:
        return ""
    rest, _ = _strip_legal_forms(folded)
    padded = f" {rest} "
    for phrase, repl in _NAME_PHRASES:
        padded = padded.replace(phrase, repl)
    tokens = []
    for tok in padded.split():
        mapped = _NAME_TOKENS.get(tok, tok)
        tokens.extend(mapped.split())
    tokens = _collapse_initials(tokens)
    kept = [t for t in tokens if t not in _NAME_DROP]
    return " ".join(kept or tokens)


def legal_form(name: str) -> str | None:
    """The canonical legal form a company name ends with ("Co., Ltd.", "S.A. de C.V." ...), or None."""
    _, form = _strip_legal_forms(fold(name))
    return form


# ---------------------------------------------------------------------------------------------
# People and addresses

_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "sr", "sra", "srta", "don", "dona", "lic", "licenciado",
    "licenciada", "ing", "ingeniero", "ingeniera", "mtro", "mtra", "c", "cp",
}


def person_name_key(name: str) -> str:
    """A comparison key for a person: folded, titles dropped, word order ignored.

    Order is ignored because Chinese and Spanish names reach us surname-first and surname-last.
    """
    tokens = [t for t in _tokens(name) if t not in _TITLES]
    return " ".join(sorted(tokens))


_ADDRESS_TOKENS: dict[str, str] = {
    "street": "st", "st": "st", "str": "st", "calle": "st", "cll": "st",
    "avenue": "av", "ave": "av", "av": "av", "avenida": "av", "avda": "av",
    "road": "rd", "rd": "rd", "carretera": "carr", "carr": "carr", "highway": "hwy", "hwy": "hwy",
    "boulevard": "blvd", "blvd": "blvd", "bulevar": "blvd", "boulevar": "blvd",
    "room": "rm", "rm": "rm", "rooms": "rm", "flat": "rm", "unit": "rm", "suite": "rm", "ste": "rm",
    "oficina": "rm", "ofna": "rm", "despacho": "rm", "desp": "rm", "interior": "rm", "int": "rm",
    "floor": "fl", "fl": "fl", "flr": "fl", "f": "fl", "piso": "fl", "nivel": "fl",
    "building": "bldg", "bldg": "bldg", "bld": "bldg", "edificio": "bldg", "edif": "bldg", "ed": "bldg",
    "tower": "tower", "torre": "tower", "twr": "tower",
    "centre": "center", "center": "center", "ctr": "center", "centro": "center",
    "district": "dist", "dist": "dist", "distrito": "dist",
    "colonia": "col", "col": "col", "fraccionamiento": "fracc", "fracc": "fracc",
    "industrial": "ind", "ind": "ind", "park": "park", "parque": "park",
    "zone": "zone", "zona": "zone", "province": "prov", "prov": "prov", "provincia": "prov",
    "block": "blk", "blk": "blk", "manzana": "blk", "mz": "blk", "lote": "lot", "lt": "lot", "lot": "lot",
    "north": "n", "norte": "n", "south": "s", "sur": "s", "east": "e", "oriente": "e", "ote": "e",
    "west": "w", "poniente": "w", "pte": "w",
    "mexico": "mexico", "cdmx": "cdmx", "df": "cdmx", "hk": "hong kong", "hksar": "hong kong",
}
_ADDRESS_DROP = {"no", "num", "number", "numero", "nro", "nr", "n", "the", "de", "del", "la", "el", "los",
                 "las", "cp", "zip", "postal", "code", "codigo", "exterior", "ext"}
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th|er|ro|do|to|vo|no|mo|a|o)$")


def address_key(address: str) -> str:
    """A comparison key for a postal address: folded, common abbreviations made one, filler dropped.

    "Room 1501, 15/F, 88 Example Road" and "RM 1501 15F 88 EXAMPLE RD" share a key.
    """
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
        if tok in _ADDRESS_DROP and tok != "n":
            continue
        if tok == "n" and i + 1 < len(tokens) and tokens[i + 1].isdigit():
            continue  # "N. 12": number marker, not north
        out.append(_ADDRESS_TOKENS.get(tok, tok))
    return " ".join(out)


# ---------------------------------------------------------------------------------------------
# Phones and e-mails


def phone_e164(raw: str | None, default_country: str | None = None) -> str | None:
    """The number in E.164 ("+525512345678"), or None when it is missing or not a valid number.

    ``default_country`` (alpha-2, or a country name) reads national formats such as "(55) 1234-5678".
    """
    if raw is None:
        return None
    text = str(raw).strip()
    if not text:
        return None
    region = country_code(default_country) if default_country else None
    text = re.sub(r"(?i)^(?:telephone|telefono|teléfono|phone|mobile|movil|móvil|celular|tel|fax|mob|cel)\b\s*[:.]?\s*",
                  "", text)
    candidates = [text]
    if text.startswith("00"):  # "00" is the international prefix in most of the world, not everywhere
        candidates = [text, "+" + text[2:]] if region else ["+" + text[2:]]
    for candidate in candidates:
        try:
            number = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


_EMAIL_RE = re.compile(r"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                       r"@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}$")


def email_norm(raw: str | None) -> str | None:
    """The address lower-cased and trimmed ("mailto:" and <> removed), or None when it is not an e-mail."""
    if raw is None:
        return None
    text = str(raw).strip().strip("<>").strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    text = text.strip().lower()
    if len(text) > 254 or not _EMAIL_RE.match(text):
        return None
    return text


# ---------------------------------------------------------------------------------------------
# CAS and HS

_CAS_SEP = re.compile(r"^(\d{2,7})[-\s]+(\d{2})[-\s]+(\d)$")
_CAS_PREFIX = re.compile(r"(?i)^\s*cas\s*(?:rn|no|nr|number|num|#)?\s*[.:#]?\s*")


def cas_normalize(raw: str | int | None) -> str | None:
    """A CAS registry number in its hyphenated form ("39742-60-4"), or None if it is not CAS-shaped.

    Accepts "39742604", "39742-60-4", " 39742 60 4 " and a leading "CAS No.". Does not check the
    check digit: see :func:`cas_valid`.
    """
    if raw is None or isinstance(raw, bool):
        return None
    text = str(raw).strip()
    if not text:
        return None
    text = _CAS_PREFIX.sub("", text).strip()
    m = _CAS_SEP.match(text)
    if m:
        head, mid, check = m.groups()
    elif re.fullmatch(r"\d{5,10}", text):
        head, mid, check = text[:-3], text[-3:-1], text[-1]
    else:
        return None
    head = head.lstrip("0")
    if len(head) < 2:
        return None
    return f"{head}-{mid}-{check}"


def cas_valid(cas: str | int | None) -> bool:
    """True when ``cas`` is CAS-shaped and its check digit is right (39742-60-4 yes, 39742-60-5 no)."""
    norm = cas_normalize(cas)
    if norm is None:
        return False
    digits = norm.replace("-", "")
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * i for i, d in enumerate(reversed(body), start=1))
    return total % 10 == check


def hs_normalize(raw: str | int | float | None) -> str | None:
    """An HS subheading in dotted six-digit form ("2933.39"), or None when there are not six digits.

    National extensions are dropped ("2933.39.99" -> "2933.39"). Numbers that lost a leading zero
    (chapters 01-09 read from a spreadsheet) or a trailing zero ("2933.3") are repaired.
    """
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, float):
        if math.isnan(raw) or math.isinf(raw):
            return None
        text = f"{raw:.2f}" if raw < 10000 else str(int(raw))
    else:
        text = str(raw).strip()
    text = re.sub(r"(?i)^(hs|h\.s\.|hts|tariff|fraccion|fracción)\s*(code|no\.?)?\s*[:.]?\s*", "", text)
    if re.fullmatch(r"\d{4}\.\d", text):
        text += "0"
    if not re.fullmatch(r"[\d.\s-]+", text):
        return None
    digits = re.sub(r"\D", "", text)
    if re.fullmatch(r"\d{3}\.\d{2}.*", text) or (len(digits) in (5, 7, 9) and "." not in text):
        digits = "0" + digits
    if len(digits) < 6:
        return None
    return f"{digits[:4]}.{digits[4:6]}"


def hs_chapter_heading(raw: str | int | float | None) -> tuple[str, str] | None:
    """The chapter and heading of an HS code: "2933.39" -> ("29", "2933"); None if not an HS code."""
    norm = hs_normalize(raw)
    if norm is None:
        return None
    return norm[:2], norm[:4]


# ---------------------------------------------------------------------------------------------
# Dates and numbers

_MONTH_NAMES: tuple[tuple[str, ...], ...] = (
    ("jan", "january", "ene", "enero"),
    ("feb", "february", "febrero"),
    ("mar", "march", "marzo"),
    ("apr", "april", "abr", "abril"),
    ("may", "mayo"),
    ("jun", "june", "junio"),
    ("jul", "july", "julio"),
    ("aug", "august", "ago", "agosto"),
    ("sep", "sept", "september", "set", "septiembre", "setiembre"),
    ("oct", "october", "octubre"),
    ("nov", "november", "noviembre"),
    ("dec", "december", "dic", "diciembre"),
)
_MONTHS: dict[str, int] = {name: i for i, names in enumerate(_MONTH_NAMES, start=1) for name in names}

_EXCEL_EPOCH = _dt.date(1899, 12, 30)
_EXCEL_MIN, _EXCEL_MAX = 18264, 73050  # 1950-01-01 .. 2099-12-31: plausible for trade records
_ISO_RE = re.compile(
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_DMY_RE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_DATE_HELP = "expected ISO 2024-03-05, day-first 05/03/2024 or 5.3.2024, '5 Mar 2024', or an Excel date"


def _show(raw: object) -> str:
    """A value as quoted in an error message, cut short so a stray blob stays readable."""
    text = repr(raw)
    return text if len(text) <= 40 else text[:37] + "..."


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000 if y < 70 else 1900
    return y


def _make_date(raw: object, y: int, m: int, d: int) -> _dt.date:
    if not 1 <= m <= 12:
        raise ValueError(f"cannot read {_show(raw)} as a date: month {m} does not exist (day-first dates expected)")
    try:
        return _dt.date(y, m, d)
    except (ValueError, OverflowError) as e:
        raise ValueError(f"cannot read {_show(raw)} as a date: {e}") from None


def _excel_serial(raw: object, serial: float) -> _dt.date:
    if not _EXCEL_MIN <= serial <= _EXCEL_MAX:  # also refuses NaN and infinity
        raise ValueError(f"cannot read {_show(raw)} as a date: {_DATE_HELP}")
    return _EXCEL_EPOCH + _dt.timedelta(days=int(serial))


def parse_date(raw: Any, dayfirst: bool = True) -> _dt.date | None:
    """A calendar date from ISO, day-first or month-name text, a date object, or an Excel serial.

    Empty values give None; anything else that is not a date raises ValueError saying why.
    Slash or dot dates are read day-first (Mexican and most customs usage); pass ``dayfirst=False``
    for US month-first sources.
    """
    if raw is None:
        return None
    if isinstance(raw, _dt.datetime):
        return raw.date()
    if isinstance(raw, _dt.date):
        return raw
    if isinstance(raw, bool):
        raise ValueError(f"cannot read {_show(raw)} as a date: {_DATE_HELP}")
    if isinstance(raw, (int, float, Decimal)):
        if isinstance(raw, float) and math.isnan(raw):
            return None
        try:
            serial = float(raw)
        except (OverflowError, ValueError):
            raise ValueError(f"cannot read {_show(raw)} as a date: {_DATE_HELP}") from None
        return _excel_serial(raw, serial)
    text = str(raw).strip()
    if not text or text.lower() in {"nan", "nat", "none", "null", "n/a", "-"}:
        return None
    m = _ISO_RE.match(text)
    if m:
        return _make_date(raw, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DMY_RE.match(text)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), _year(m.group(3))
        day, month = (a, b) if dayfirst else (b, a)
        return _make_date(raw, y, month, day)
    if re.fullmatch(r"\d{8}", text):
        return _make_date(raw, int(text[:4]), int(text[4:6]), int(text[6:]))
    if re.fullmatch(r"\d{5}(?:\.\d+)?", text):
        return _excel_serial(raw, float(text))
    tokens = [t for t in fold(text).split() if t not in {"de", "del", "of", "the"}]
    if len(tokens) == 3:
        if tokens[1] in _MONTHS and tokens[0].isdigit() and tokens[2].isdigit():
            return _make_date(raw, _year(tokens[2]), _MONTHS[tokens[1]], int(tokens[0]))
        if tokens[0] in _MONTHS and tokens[1].isdigit() and tokens[2].isdigit():
            return _make_date(raw, _year(tokens[2]), _MONTHS[tokens[0]], int(tokens[1]))
    raise ValueError(f"cannot read {_show(raw)} as a date: {_DATE_HELP}")


_NUM_RE = re.compile(r"^[+-]?(?:\d[\d.,]*|[.,]\d+)$")


def _grouped(int_part: str, sep: str) -> bool:
    groups = int_part.split(sep)
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def parse_number(raw: Any) -> float | None:
    """A number written with either decimal separator: "1.234,5", "1,234.5", "1234,5", "1 234,5".

    With both separators the last one is the decimal point. A lone comma followed by exactly
    three digits is a thousands separator ("1,234" = 1234, Mexican and English usage), as is a
    repeated separator ("1.234.567"); a lone dot is always a decimal point. Empty values give
    None; anything else raises ValueError.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(f"cannot read {_show(raw)} as a number")
    if isinstance(raw, (int, Decimal)):
        try:
            value = float(raw)
        except OverflowError:
            raise ValueError(f"cannot read {_show(raw)} as a number: too large") from None
        if math.isnan(value):
            return None
        if math.isinf(value):
            raise ValueError(f"cannot read {_show(raw)} as a number: infinite")
        return value
    if isinstance(raw, float):
        if math.isnan(raw):
            return None
        if math.isinf(raw):
            raise ValueError(f"cannot read {_show(raw)} as a number: infinite")
        return raw
    text = str(raw).strip()
    if not text or text.lower() in {"nan", "none", "null", "n/a", "-"}:
        return None
    text = re.sub(r"[\s\u00a0\u202f\u2009']", "", text)
    if not _NUM_RE.match(text):
        raise ValueError(f"cannot read {_show(raw)} as a number: only digits, one sign and '.' or ',' separators")
    sign = ""
    if text[0] in "+-":
        sign, text = text[0], text[1:]
    has_dot, has_comma = "." in text, "," in text
    if has_dot and has_comma:
        dec = "." if text.rfind(".") > text.rfind(",") else ","
        thou = "," if dec == "." else "."
        int_part, _, frac = text.rpartition(dec)
        if dec in int_part or dec in frac or not _grouped(int_part, thou):
            raise ValueError(f"cannot read {_show(raw)} as a number: misplaced separators")
        text = int_part.replace(thou, "") + "." + frac
    elif has_comma or has_dot:
        sep = "," if has_comma else "."
        parts = text.split(sep)
        if len(parts) > 2:
            if not _grouped(text, sep):
                raise ValueError(f"cannot read {_show(raw)} as a number: misplaced separators")
            text = text.replace(sep, "")
        elif sep == "," and len(parts[1]) == 3 and parts[0] and parts[0] != "0" and len(parts[0]) <= 3:
            text = parts[0] + parts[1]
        else:
            text = parts[0] + "." + parts[1]
    try:
        return float(sign + text)
    except ValueError:
        raise ValueError(f"cannot read {_show(raw)} as a number") from None


# ---------------------------------------------------------------------------------------------
# Countries

#: alpha-2, English name, Spanish name, other spellings (folded on lookup).
_COUNTRIES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("CN", "China", "China", ("chn", "prc", "p r china", "pr china", "people s republic of china",
                              "peoples republic of china", "republica popular china",
                              "republica popular de china", "rep popular china", "mainland china")),
    ("MX", "Mexico", "México", ("mex", "estados unidos mexicanos", "united mexican states")),
    ("US", "United States", "Estados Unidos", ("usa", "u s a", "us a", "u s", "united states of america",
                                               "ee uu", "eeuu", "e u a", "eua", "estados unidos de america")),
    ("CA", "Canada", "Canadá", ("can",)),
    ("GT", "Guatemala", "Guatemala", ("gtm",)),
    ("BZ", "Belize", "Belice", ("blz",)),
    ("HN", "Honduras", "Honduras", ("hnd",)),
    ("SV", "El Salvador", "El Salvador", ("slv", "salvador")),
    ("NI", "Nicaragua", "Nicaragua", ("nic",)),
    ("CR", "Costa Rica", "Costa Rica", ("cri",)),
    ("PA", "Panama", "Panamá", ("pan",)),
    ("CU", "Cuba", "Cuba", ("cub",)),
    ("DO", "Dominican Republic", "República Dominicana", ("dom", "rep dominicana")),
    ("JM", "Jamaica", "Jamaica", ("jam",)),
    ("CO", "Colombia", "Colombia", ("col",)),
    ("VE", "Venezuela", "Venezuela", ("ven",)),
    ("EC", "Ecuador", "Ecuador", ("ecu",)),
    ("PE", "Peru", "Perú", ("per",)),
    ("BO", "Bolivia", "Bolivia", ("bol",)),
    ("CL", "Chile", "Chile", ("chl",)),
    ("AR", "Argentina", "Argentina", ("arg",)),
    ("UY", "Uruguay", "Uruguay", ("ury",)),
    ("PY", "Paraguay", "Paraguay", ("pry",)),
    ("BR", "Brazil", "Brasil", ("bra",)),
    ("HK", "Hong Kong", "Hong Kong", ("hkg", "hong kong sar", "hong kong china", "hongkong",
                                      "hong kong s a r", "hksar")),
    ("MO", "Macao", "Macao", ("mac", "macau")),
    ("TW", "Taiwan", "Taiwán", ("twn", "chinese taipei", "taiwan province of china", "republic of china")),
    ("KR", "South Korea", "Corea del Sur", ("kor", "korea", "republic of korea", "korea republic of",
                                            "rep of korea", "korea rep", "corea", "republica de corea")),
    ("KP", "North Korea", "Corea del Norte", ("prk", "dprk", "democratic people s republic of korea")),
    ("JP", "Japan", "Japón", ("jpn",)),
    ("VN", "Vietnam", "Vietnam", ("vnm", "viet nam")),
    ("TH", "Thailand", "Tailandia", ("tha",)),
    ("MY", "Malaysia", "Malasia", ("mys",)),
    ("SG", "Singapore", "Singapur", ("sgp",)),
    ("ID", "Indonesia", "Indonesia", ("idn",)),
    ("PH", "Philippines", "Filipinas", ("phl",)),
    ("IN", "India", "India", ("ind",)),
    ("PK", "Pakistan", "Pakistán", ("pak",)),
    ("BD", "Bangladesh", "Bangladés", ("bgd",)),
    ("LK", "Sri Lanka", "Sri Lanka", ("lka",)),
    ("AE", "United Arab Emirates", "Emiratos Árabes Unidos", ("are", "uae", "u a e", "emirates")),
    ("SA", "Saudi Arabia", "Arabia Saudita", ("sau", "arabia saudi")),
    ("IL", "Israel", "Israel", ("isr",)),
    ("IR", "Iran", "Irán", ("irn",)),
    ("TR", "Turkey", "Turquía", ("tur", "turkiye")),
    ("RU", "Russia", "Rusia", ("rus", "russian federation", "federacion de rusia")),
    ("UA", "Ukraine", "Ucrania", ("ukr",)),
    ("KZ", "Kazakhstan", "Kazajistán", ("kaz",)),
    ("DE", "Germany", "Alemania", ("deu", "ger", "deutschland")),
    ("NL", "Netherlands", "Países Bajos", ("nld", "holland", "the netherlands", "holanda")),
    ("BE", "Belgium", "Bélgica", ("bel",)),
    ("FR", "France", "Francia", ("fra",)),
    ("ES", "Spain", "España", ("esp",)),
    ("PT", "Portugal", "Portugal", ("prt",)),
    ("IT", "Italy", "Italia", ("ita",)),
    ("GB", "United Kingdom", "Reino Unido", ("gbr", "uk", "u k", "great britain", "britain", "england")),
    ("IE", "Ireland", "Irlanda", ("irl",)),
    ("CH", "Switzerland", "Suiza", ("che",)),
    ("AT", "Austria", "Austria", ("aut",)),
    ("PL", "Poland", "Polonia", ("pol",)),
    ("CZ", "Czechia", "Chequia", ("cze", "czech republic", "republica checa")),
    ("HU", "Hungary", "Hungría", ("hun",)),
    ("RO", "Romania", "Rumania", ("rou",)),
    ("GR", "Greece", "Grecia", ("grc",)),
    ("SE", "Sweden", "Suecia", ("swe",)),
    ("DK", "Denmark", "Dinamarca", ("dnk",)),
    ("NO", "Norway", "Noruega", ("nor",)),
    ("FI", "Finland", "Finlandia", ("fin",)),
    ("AU", "Australia", "Australia", ("aus",)),
    ("NZ", "New Zealand", "Nueva Zelanda", ("nzl",)),
    ("ZA", "South Africa", "Sudáfrica", ("zaf",)),
    ("NG", "Nigeria", "Nigeria", ("nga",)),
    ("EG", "Egypt", "Egipto", ("egy",)),
)


@functools.lru_cache(maxsize=1)
def _country_index() -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    index: dict[str, str] = {}
    names: dict[str, tuple[str, str]] = {}
    for code, en, es, others in _COUNTRIES:
        names[code] = (en, es)
        for spelling in (code, en, es, *others):
            index[fold(spelling)] = code
    return index, names


def country_code(raw: str | None) -> str | None:
    """ISO 3166 alpha-2 code from a code (alpha-2 or alpha-3) or a common English or Spanish name."""
    if not raw:
        return None
    index, _ = _country_index()
    key = fold(str(raw))
    if key in index:
        return index[key]
    if key.startswith("the ") and key[4:] in index:
        return index[key[4:]]
    return None


def country_name(code: str, lang: str = "en") -> str | None:
    """The English ("en") or Spanish ("es") name of a country code, or None if it is not in the table."""
    if lang not in ("en", "es"):
        raise ValueError(f"lang must be 'en' or 'es', not {lang!r}")
    cc = country_code(code)
    if cc is None:
        return None
    en, es = _country_index()[1][cc]
    return en if lang == "en" else es


# ---------------------------------------------------------------------------------------------
# Ports


@dataclass(frozen=True)
class Port:
    """A sea or air port known by its UN/LOCODE-style code, with coordinates for the route map."""

    code: str
    name: str
    country: str
    lat: float
    lon: float
    kind: str
    aliases: tuple[str, ...] = ()


_PORT_KINDS = ("seaport", "airport", "land")


def _port_problem(path: Path, i: int, code: object, field: str, reason: str) -> ModelError:
    return ModelError(f"{path}: port #{i + 1} ({code}): field {field!r}: {reason}; fix the file and retry.")


def load_ports(path: Path | None = None) -> dict[str, Port]:
    """Read and validate a ports file (default: workbench/data/ports.yaml); bad data raises ModelError."""
    path = Path(path) if path else PORTS_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise ModelError(f"{path}: ports file not found; restore it from the repository.") from e
    except yaml.YAMLError as e:
        raise ModelError(f"{path}: not valid YAML ({e}); fix the file and retry.") from e
    if not isinstance(data, Mapping) or not isinstance(data.get("ports"), list):
        raise ModelError(f"{path}: expected a mapping with a 'ports' list; fix the file and retry.")
    out: dict[str, Port] = {}
    seen_alias: dict[str, str] = {}
    for i, entry in enumerate(data["ports"]):
        if not isinstance(entry, Mapping):
            raise _port_problem(path, i, "?", "-", "entry is not a mapping")
        code = entry.get("code")
        if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{2}[A-Z2-9]{3}", code):
            raise _port_problem(path, i, code, "code", "must be five capitals like MXZLO")
        if code in out:
            raise _port_problem(path, i, code, "code", "duplicate code")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _port_problem(path, i, code, "name", "missing")
        country = entry.get("country")
        if country != code[:2] or country_code(country) != country:
            raise _port_problem(path, i, code, "country", f"must be the code's first two letters, a known country")
        lat, lon = entry.get("lat"), entry.get("lon")
        if not isinstance(lat, (int, float)) or not -90 <= lat <= 90:
            raise _port_problem(path, i, code, "lat", "must be a number between -90 and 90")
        if not isinstance(lon, (int, float)) or not -180 <= lon <= 180:
            raise _port_problem(path, i, code, "lon", "must be a number between -180 and 180")
        kind = entry.get("kind", "seaport")
        if kind not in _PORT_KINDS:
            raise _port_problem(path, i, code, "kind", f"must be one of {', '.join(_PORT_KINDS)}")
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise _port_problem(path, i, code, "aliases", "must be a list of names")
        port = Port(code, name, country, float(lat), float(lon), kind, tuple(aliases))
        for alias in _port_spellings(port):
            other = seen_alias.get(alias)
            if other is not None and other != code:
                raise _port_problem(path, i, code, "aliases", f"{alias!r} also names {other}")
            seen_alias[alias] = code
        out[code] = port
    return out


def _port_spellings(port: Port) -> list[str]:
    names_ = [port.name, *port.aliases]
    en, es = country_name(port.country, "en"), country_name(port.country, "es")
    out = []
    for n in names_:
        f = fold(n)
        out.append(f)
        for suffix in (en, es, port.country):
            if suffix:
                out.append(f"{f} {fold(suffix)}")
    return list(dict.fromkeys(out))


@functools.lru_cache(maxsize=1)
def ports() -> dict[str, Port]:
    """The port table from workbench/data/ports.yaml, loaded and validated once."""
    return load_ports()


@functools.lru_cache(maxsize=1)
def _port_alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for port in ports().values():
        for alias in _port_spellings(port):
            index[alias] = port.code
    return index


def port_code(raw: str | None) -> str | None:
    """The UN/LOCODE-style code of a port given as a code ("MX ZLO", "mxzlo") or a name ("Lázaro Cárdenas").

    None when the port is not in workbench/data/ports.yaml.
    """
    if not raw:
        return None
    table = ports()
    compact = re.sub(r"[\s.-]", "", str(raw)).upper()
    if compact in table:
        return compact
    key = fold(str(raw))
    index = _port_alias_index()
    if key in index:
        return index[key]
    for prefix in ("port of ", "puerto de ", "puerto ", "aeropuerto ", "aeropuerto internacional ",
                   "airport ", "terminal "):
        if key.startswith(prefix) and key[len(prefix):] in index:
            return index[key[len(prefix):]]
    return None


def __getattr__(name: str) -> Any:
    """``PORTS`` is the port table, loaded on first use rather than at import."""
    if name == "PORTS":
        return ports()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
