"""Validation of the import contract: every problem a row has, against its kind's columns
(:mod:`workbench.ingest.kinds`).

Validation never stops at the first problem: each row is checked field by field and every
(file, row, column, reason) is collected, so the report tells the investigator all there is to fix.
Values are normalised here (dates to ISO, numbers to floats, CAS hyphenated and check-digit
checked); text is kept verbatim, whatever it looks like (Cypher, formulas, HTML are only data).
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable, Iterator

from workbench import normalize as nz
from workbench.ingest.kinds import KINDS, kind as kind_of
from workbench.ingest.readers import Table
from workbench.ingest.rows import Problem, Record

__all__ = ["Problem", "Record", "duplicate_problems", "identity", "node_key", "reader_problems", "stored_conflicts",
           "validate_table"]


# --- field types: each returns the normalised value or raises ValueError with the reason ---------------

def _text(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _date(value: Any) -> str | None:
    parsed = nz.parse_date(value)
    return parsed.isoformat() if parsed else None


def _number(value: Any) -> float | None:
    number = nz.parse_number(value)
    if number is not None and number < 0:
        raise ValueError(f"{value!r} is negative; quantities and weights cannot be")
    return number


def _cas(value: Any) -> str | None:
    text = _text(value)
    if text is None:
        return None
    norm = nz.cas_normalize(text)
    if norm is None:
        raise ValueError(f"{text!r} is not a CAS number (NNNNNNN-NN-N)")
    if not nz.cas_valid(norm):
        raise ValueError(f"CAS number {text!r} has a wrong check digit")
    return norm


def _country(value: Any) -> str | None:
    text = _text(value)
    if text is None:
        return None
    code = nz.country_code(text)
    if code:
        return code
    if re.fullmatch(r"[A-Za-z]{2}", text):
        return text.upper()
    raise ValueError(f"{text!r} is not an ISO 3166 alpha-2 country code")


def _hs(value: Any) -> str | None:
    text = _text(value)
    if text is None:
        return None
    norm = nz.hs_normalize(text)
    if norm is None:
        raise ValueError(f"{text!r} is not an HS code (six digits, e.g. 2933.39)")
    return norm


def _list(value: Any) -> list[str]:
    text = _text(value)
    if text is None:
        return []
    return [part.strip() for part in text.split(";") if part.strip()]


def _status(value: Any) -> str | None:
    text = _text(value)
    if text is None:
        return None
    status = text.lower()
    if status not in ("approved", "objected", "pending", "withdrawn"):
        raise ValueError(f"{text!r} is not a notification status (approved, objected, pending, withdrawn)")
    return status


def _choice(name: str, allowed: tuple[str, ...], synonyms: dict[str, str] | None = None) -> Callable[[Any], str | None]:
    """A field that holds one of ``allowed`` (case, spaces and hyphens ignored; ``synonyms`` map other spellings)."""
    def parse(value: Any) -> str | None:
        text = _text(value)
        if text is None:
            return None
        word = re.sub(r"[\s-]+", "_", text.lower())
        word = (synonyms or {}).get(word, word)
        if word not in allowed:
            raise ValueError(f"{text!r} is not a {name} ({', '.join(allowed)})")
        return word
    return parse


def _awb(value: Any) -> str | None:
    """An IATA air waybill number: the airline's three-digit prefix and an eight-digit serial whose last digit is
    the first seven modulo 7; written ``NNN-NNNNNNNN``."""
    text = _text(value)
    if text is None:
        return None
    digits = re.sub(r"[\s.-]", "", text)
    if not re.fullmatch(r"\d{11}", digits):
        raise ValueError(f"{text!r} is not an air waybill number (airline prefix and serial, e.g. 999-12345675)")
    if int(digits[3:10]) % 7 != int(digits[10]):
        raise ValueError(f"air waybill {text!r} has a wrong check digit (the serial's last digit is its first "
                         "seven modulo 7)")
    return f"{digits[:3]}-{digits[3:]}"


def _flight(value: Any) -> str | None:
    text = _text(value)
    if text is None:
        return None
    code = re.sub(r"[\s-]", "", text).upper()
    if not re.fullmatch(r"[A-Z0-9]{2}[A-Z]?\d{1,4}[A-Z]?", code) or code[:2].isdigit():
        raise ValueError(f"{text!r} is not a flight number (airline designator and number, e.g. CZ8091)")
    return code


def _airport(value: Any) -> str | None:
    text = _text(value)
    if text is None:
        return None
    code = nz.airport_code(text)
    if code is None:
        raise ValueError(f"{text!r} is not an IATA airport code (three letters, e.g. NLU for AIFA)")
    return code


def _airports(value: Any) -> list[str]:
    codes = []
    for part in _list(value):
        code = _airport(part)
        if code:
            codes.append(code)
    return codes


def _count(value: Any) -> int | None:
    number = _number(value)
    if number is None:
        return None
    if not float(number).is_integer():
        raise ValueError(f"{value!r} is not a whole number")
    return int(number)


def _amount(value: Any) -> float | None:
    text = _text(value)
    if text is None:
        return None
    number = nz.parse_number(text)
    if number is None:
        raise ValueError(f"{text!r} is not an amount")
    if number <= 0:
        raise ValueError(f"{text!r} is not a positive amount; a payment moves more than nothing")
    return number


def _currency(value: Any) -> str | None:
    from babel.numbers import list_currencies  # noqa: PLC0415 - Babel's table of ISO 4217 codes

    text = _text(value)
    if text is None:
        return None
    code = text.upper()
    if code not in list_currencies() and code not in VIRTUAL_CURRENCIES:
        raise ValueError(f"{text!r} is not an ISO 4217 currency code (USD, MXN, CNY...) nor a virtual currency "
                         f"({', '.join(VIRTUAL_CURRENCIES)})")
    return code


def _activity_code(value: Any) -> str | None:
    text = _text(value)
    if text is None:
        return None
    code = re.sub(r"[\s.-]", "", text)
    if not re.fullmatch(r"\d{2,6}", code):
        raise ValueError(f"{text!r} is not a SCIAN/NAICS activity code (two to six digits, e.g. 325199)")
    return code


#: Virtual currencies a payment or a declared value may be counted in, besides the ISO 4217 currencies.
VIRTUAL_CURRENCIES = ("BTC", "ETH", "USDT", "USDC", "TRX", "XMR", "LTC", "BNB", "DAI")

#: Payment methods: wire transfer, money-service business (remitter, exchange house), virtual currency, cash, card.
PAYMENT_METHODS = ("wire", "msb", "virtual_currency", "cash", "card")

FIELD_TYPES: dict[str, Callable[[Any], Any]] = {
    "text": _text, "date": _date, "number": _number, "cas": _cas, "country": _country, "hs": _hs,
    "list": _list, "status": _status, "awb": _awb, "flight": _flight, "airport": _airport, "airports": _airports,
    "count": _count, "amount": _amount, "currency": _currency, "activity_code": _activity_code,
    "method": _choice("payment method", PAYMENT_METHODS, {
        "wire_transfer": "wire", "transfer": "wire", "swift": "wire", "spei": "wire", "money_service_business": "msb",
        "remittance": "msb", "money_transmitter": "msb", "crypto": "virtual_currency", "cryptocurrency": "virtual_currency",
        "virtual": "virtual_currency", "credit_card": "card", "debit_card": "card"}),
    "service": _choice("parcel service", ("courier", "post"), {"express": "courier", "postal": "post", "mail": "post"}),
    "party_type": _choice("party type", ("company", "person"), {"firm": "company", "individual": "person",
                                                               "natural_person": "person"}),
    "address_type": _choice("address type", ("residential", "commercial", "industrial")),
}


def _camel(column: str) -> str:
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", column) if p]
    if not parts:
        return ""
    name = parts[0].lower() + "".join(p[:1].upper() + p[1:].lower() for p in parts[1:])
    return name if re.match(r"^[a-z]", name) else "x" + name


#: Longest value a field may hold. Names, identifiers and codes become keys and index entries, which the
#: stores cap; free text may be longer but not unbounded. A longer value is a row problem, never a failed write.
MAX_FIELD = 1_000
MAX_TEXT = 65_536
_FREE_TEXT = {"goods_description", "notes", "officers", "aliases", "addresses", "identifiers", "sanctions",
              "transit_ports", "container_ids", "phones", "emails", "program_ids", "description", "summary"}


def _too_long(column: str, value: Any) -> str | None:
    limit = MAX_TEXT if column in _FREE_TEXT else MAX_FIELD
    text = value if isinstance(value, str) else ""
    if len(text) > limit:
        return f"{column} is {len(text):,} characters long; at most {limit:,} are accepted"
    return None


def reader_problems(table: Table) -> tuple[list[Problem], dict[int, list[Problem]]]:
    """What the reader found wrong in a table, all of it and by row."""
    problems = [Problem(table.name, row, col, reason) for row, col, reason in table.problems]
    by_row: dict[int, list[Problem]] = {}
    for p in problems:
        if p.row is not None:
            by_row.setdefault(p.row, []).append(p)
    return problems, by_row


def header_problems(table: Table) -> list[Problem]:
    """Problems that keep every row of a table out, known before its rows are read: the reader's (encoding, header)
    and the required columns that are missing."""
    problems = [Problem(table.name, None, col, reason) for row, col, reason in table.problems if row is None]
    schema = kind_of(table.kind)
    problems += [Problem(table.name, None, c, f"the required column {c!r} is missing")
                 for c in schema.required_columns if c not in table.columns]
    return problems


def validate_rows(table: Table) -> Iterator[tuple[int, Record | None, list[Problem]]]:
    """Each row of ``table`` as it is read: its number, its record (None when the row is rejected) and its problems,
    the reader's among them. Yields nothing when :func:`header_problems` has any; a problem that ends the read
    midway (a quote never closed) is in ``table.problems`` with row None once the iteration ends."""
    if header_problems(table):
        return
    name = table.name
    schema = kind_of(table.kind)
    extras = {c: _camel(c) for c in table.columns if c and c not in schema.fields}
    seen = 0
    reader: dict[int, list[Problem]] = {}
    for number, raw in table.rows:
        if len(table.problems) > seen:  # the reader's row problems (a streamed reader adds them as it reads)
            for row, col, reason in table.problems[seen:]:
                if row is not None:
                    reader.setdefault(row, []).append(Problem(name, row, col, reason))
            seen = len(table.problems)
        row_problems: list[Problem] = reader.pop(number, [])
        for column, value in raw.items():
            if type(value) is str and len(value) <= MAX_FIELD:  # nearly every value: no limit to look up
                continue
            too_long = _too_long(column if column in schema.fields else "notes", value)
            if too_long:
                row_problems.append(Problem(name, number, column, too_long))
        if row_problems:
            yield number, None, row_problems
            continue
        data: dict[str, Any] = {}
        for column, ftype in schema.fields.items():
            value = raw.get(column, "")
            try:
                data[column] = FIELD_TYPES[ftype](value)
            except ValueError as e:
                row_problems.append(Problem(name, number, column, str(e)))
                continue
            if column in schema.required_values and data[column] in (None, []):
                row_problems.append(Problem(name, number, column, f"{column} is required and empty"))
        if not row_problems and schema.check is not None:
            row_problems += [Problem(name, number, column, reason) for column, reason in schema.check(data)]
        if row_problems:
            yield number, None, row_problems
            continue
        extra = {prop: raw[col] for col, prop in extras.items() if prop and str(raw.get(col, "")).strip()}
        yield number, Record(table.kind, name, number, data, raw, extra), []


def validate_table(table: Table) -> tuple[list[Record], list[Problem], dict[int, list[Problem]]]:
    """Valid records, every problem, and the problems of each rejected row (by row number)."""
    records: list[Record] = []
    own: list[Problem] = []
    by_row: dict[int, list[Problem]] = {}
    for number, record, row_problems in validate_rows(table):
        if record is not None:
            records.append(record)
        else:
            by_row[number] = row_problems
            own += row_problems
    problems, reader_by_row = reader_problems(table)
    problems += [p for p in header_problems(table) if p not in problems]
    if any(p.row is None for p in problems):
        return [], problems, reader_by_row
    listed = set(problems)
    return records, problems + [p for p in own if p not in listed], by_row


# --- one record per id ----------------------------------------------------------------------------------------

def identity(record: Record) -> tuple[str, ...] | None:
    """The id of a record (kind and identifying values), or None when the kind or the row has none."""
    kind = KINDS.get(record.kind)
    if kind is None or not kind.identity:
        return None
    values = tuple(str(record.data.get(c) or "") for c in kind.identity)
    if not values[-1] and kind.identity_optional:
        return None  # e.g. companies resolve by name; a company record id is optional
    return (record.kind, *values)


def _fingerprint(record: Record) -> str:
    """What a record says, in a form that is equal exactly when two rows say the same (CSV or XLSX alike)."""
    data = {k: v for k, v in record.data.items() if not k.startswith("_")}
    return json.dumps([data, {k: str(v).strip() for k, v in record.extra.items()}], sort_keys=True, default=str)


def _id_text(record: Record) -> str:
    columns = KINDS[record.kind].identity
    return " / ".join(f"{c} {record.data.get(c) or ''!r}" for c in columns if record.data.get(c))


def _differences(a: Record, b: Record) -> list[str]:
    keys = sorted(set(a.data) | set(b.data) | set(a.extra) | set(b.extra))
    return [k for k in keys if not k.startswith("_") and
            (a.data.get(k), a.extra.get(k)) != (b.data.get(k), b.extra.get(k))]


def clash_problem(record: Record, file: str, row: int, other: Record | None) -> Problem:
    """The problem of a row whose id row ``row`` of ``file`` (``other``, when at hand) used with different data."""
    differs = (", ".join(_differences(other, record)) if other is not None else "") or "extra columns"
    return Problem(record.file, record.row, KINDS[record.kind].identity[-1], (
        f"{_id_text(record)} is also used by {file} row {row} with different data "
        f"({differs}); give each record its own id, or keep one of the two rows"))


def duplicate_problems(records: list[Record]) -> tuple[list[Problem], set[str]]:
    """Rows that share an id but not their data: one problem per later row, naming both rows and what differs.

    Returns the problems and the refs (``file#row``) of every row involved, which are all rejected: which of two
    disagreeing rows is right is for the investigator to say. Rows that repeat an id with the same data are fine.
    """
    first: dict[tuple[str, ...], tuple[Record, str]] = {}
    problems: list[Problem] = []
    bad: set[str] = set()
    for record in records:
        key = identity(record)
        if key is None:
            continue
        seen = first.get(key)
        fingerprint = _fingerprint(record)
        if seen is None:
            first[key] = (record, fingerprint)
            continue
        other, other_print = seen
        if other_print == fingerprint:
            continue
        problems.append(clash_problem(record, other.file, other.row, other))
        bad.update((record.ref, other.ref))
    return problems, bad


def node_key(record: Record) -> str | None:
    """The graph key an earlier run stored this record under (see docs/import-contract.md), or None."""
    kind = KINDS.get(record.kind)
    return kind.node_key(record.data) if kind is not None and kind.node_key is not None else None


def _same(stored: Any, new: Any) -> bool:
    if stored in (None, "", []) and new in (None, "", []):
        return True
    if isinstance(stored, (int, float)) and isinstance(new, (int, float)):
        return float(stored) == float(new)
    return bool(stored == new)


def stored_conflicts(records: list[Record], stored: dict[str, dict[str, Any]]) -> tuple[list[Problem], set[str]]:
    """Rows whose id an earlier run stored with different data: a problem per row naming the earlier row."""
    problems: list[Problem] = []
    bad: set[str] = set()
    for record in records:
        key = node_key(record)
        props = stored.get(key) if key else None
        if props is None:
            continue
        fields = KINDS[record.kind].stored_fields
        differs = [column for prop, column in fields.items() if not _same(props.get(prop), record.data.get(column))]
        if not differs:
            continue
        earlier = ", ".join(str(r) for r in (props.get("sourceRows") or [])[:3]) or "an earlier ingest"
        problems.append(Problem(record.file, record.row, KINDS[record.kind].identity[-1], (
            f"{_id_text(record)} was stored by an earlier ingest ({earlier}) with different data "
            f"({', '.join(differs)}); give the record its own id, or correct the earlier data first")))
        bad.add(record.ref)
    return problems, bad
