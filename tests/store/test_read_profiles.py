"""Every read statement of the catalogue, profiled on a small and a six times larger store: a statement that should
cost the same at any size (a key lookup, an expansion from a bound node, the details or timeline of one firm) fails
when what it reads grows with the store.

Both stores hold the fictional demo scenario (workbench/demo/generator.py, same seed, 400 and 2,400 manifest rows)
plus the entities the headers' example parameters name (tests/fixtures/profile/examples.cypher: company:acme,
shipment:bl-1...), written the same way into both: each statement runs with its declared example parameters and
starts from the same neighbourhood in both stores, while shipments, containers and the hubs around them (country:MX,
port:MXZLO, chemical:npp) grow four to six times.

The measure: ArcadeDB's PROFILE over Bolt prints rows only for top-level steps, never inside CALL subqueries, pattern
comprehensions or EXISTS, so the test reads the database's own counters around the profiled run
(workbench/store/plans.py): records read and full scans of a type. A bounded statement may read a few more records
in the larger store (the edge pages of a hub it steps onto) but no full scan and no growth in proportion.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest

from workbench.demo import generator
from workbench.ingest import ingest_path
from workbench.settings import Settings
from workbench.store import embedded
from workbench.store.catalogue import Query, load_catalogue
from workbench.store.connect import for_database, open_gateway
from workbench.store.gateway import Gateway
from workbench.store.plans import Profile, profile

EXAMPLES = Path(__file__).parent.parent / "fixtures" / "profile" / "examples.cypher"
SIZES = (400, 2400)
#: A bounded statement may read this many more records in the larger store, or this share more, whichever is more.
SLACK_RECORDS = 25
SLACK_SHARE = 0.5

#: Statements that read the whole store, or one whole label, by nature; each with why.
SCANS: dict[str, str] = {
    # Detectors look for a pattern anywhere in the store (docs/detectors.md); they run from the analysis page.
    "broker_hub": "detector: every seizure's shipment and its arranging broker",
    "company_shopping": "detector: every objected notification and every seizure, then the consignees' later suppliers",
    "goods_mismatch_seizure": "detector: every seizure against its shipment's declared goods",
    "new_importer_surge": "detector: the first date of every consignee over all shipments",
    "sanctions_proximity": "detector: paths from every watch-list listing (it walked every node to find them "
                           "until it started from WatchlistEntry)",
    "seizure_linked": "detector: every seizure's shipment and its parties",
    "shared_identifiers": "detector: every address, phone, e-mail and officer shared by firms",
    "split_shipments": "detector: every small controlled shipment grouped by shipper, consignee and month",
    "successor_front": "detector: every listing and seizure, then the firms that took over",
    "transshipment_routing": "detector: every controlled shipment's transit ports and destination",
    "unnotified_controlled_import": "detector: every shipment declared as a controlled chemical",
    "vague_precursor_declarations": "detector: every vaguely described controlled shipment",
    "sector_mismatch": "detector: every firm's declared activity, then what the firms in trades with no use for these chemicals received",
    "shell_indicators": "detector: every firm's address, website, names and registration, then the precursor-range goods of the suspect ones",
    "supplier_concentration": "detector: every importer's suppliers and their countries",
    "relabelling": "detector: every re-export naming a manufacturer, against the maker's own declarations",
    "small_parcels": "detector: every courier and postal parcel of precursor-range goods",
    "payment_funnel": "detector: every beneficiary's payers",
    "payment_structuring": "detector: every payment near the reporting threshold",
    "virtual_currency_chemical_sellers": "detector: every virtual-currency payment and its beneficiary's trade",
    "payment_to_listed": "detector: every payment to a party on a watch list",
    "cover_commodities": "detector: every shipment whose description is a cover commodity",
    "risk_trade_parties": "risk ranking: every trade flow, read once for the network measures and for carrying "
                          "findings to trade partners (runs with the detectors)",
    # The inspection queue reads one port's traffic: it grows with the port's arrivals, never walks another label.
    "targets_ports": "the inspection queue's port picker: every port and airport with its arrivals",
    "targets_port": "one port with its number of arrivals (grows with the port's traffic, not the store's)",
    "targets_arrivals": "one port's arrivals in a date window (grows with the port's traffic in that window)",
    # The overview and the store-wide listings.
    "app_date_range": "the earliest and latest date of four labels (ArcadeDB answers min/max by walking the label); "
                      "read live only when recording the store's counts, the pages read the recorded range",
    "review_companies": "entity review: every firm with its officers, to find likely duplicates",
    "entities_company": "`workbench entities list`: every firm",
    "entities_person": "`workbench entities list`: every person",
    # Ingest reads what is stored to resolve a new bundle against it (workbench/ingest/runner.py).
    "ingest_existing_companies": "ingest: every stored firm, to resolve new spellings against",
    "ingest_existing_persons": "ingest: every stored person, to resolve new spellings against",
    "ingest_decisions": "ingest: every manual merge and split, applied again on each run",
}


#: Families of generated statements that walk a label by nature (workbench/cypher/templates/), by id pattern.
SCAN_FAMILIES = {
    re.compile(r"count_[a-z_]+_(out|in)_[a-z_]+"): "the overview's count of a relationship type, from the end with "
    "fewer nodes (walks that label's adjacency lists); run when recording the counts after an ingest, merge or split",
}


def _scans(query_id: str) -> bool:
    return query_id in SCANS or any(pattern.fullmatch(query_id) for pattern in SCAN_FAMILIES)


def _runs_here(query: Query) -> bool:
    return query.read_only and query.extra.get("requires") in (None, "arcadedb")


READS = [q for q in load_catalogue() if _runs_here(q)]


def _write_examples(gateway: Gateway) -> None:
    text = "\n".join(line for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if not line.startswith("//"))
    for statement in re.split(r";\s*$", text, flags=re.M):
        if statement.strip():
            gateway.write(statement)
    # The fixture matches the hubs it links to first: had one been missing, it would have written nothing.
    assert gateway.read("MATCH (c:Company {key: 'company:acme'})-[:SHIPPED]->(:Shipment) RETURN count(*) AS n"
                        ).records[0]["n"] == 2


@pytest.fixture(scope="session")
def sized_stores(server_settings: Settings,
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[int, tuple[Gateway, Settings]]]:
    """The demo scenario at each of SIZES, with the example entities, each in a database of its own."""
    root = tmp_path_factory.mktemp("profile-stores")
    stores: dict[int, tuple[Gateway, Settings]] = {}
    try:
        for size in SIZES:
            bundle = root / f"bundle-{size}"
            generator.generate_bundle(bundle, seed=generator.DEFAULT_SEED, manifests=size)
            settings = for_database(server_settings, f"profile{size}")
            embedded.create_database(server_settings, settings.database)
            gateway = open_gateway(settings)
            stores[size] = (gateway, settings)
            ingest_path(gateway, bundle, skip_invalid=True, rejects_path=root / f"rejects-{size}.csv")
            _write_examples(gateway)
        yield stores
    finally:
        for gateway, settings in stores.values():
            gateway.close()
            embedded.drop_database(server_settings, settings.database)


def _measure(stores: dict[int, tuple[Gateway, Settings]], query: Query) -> list[Profile]:
    out = []
    for size in SIZES:
        gateway, settings = stores[size]
        out.append(profile(gateway, query.text, query.bind(query.example_params()), settings=settings, timeout=120))
    return out


def _describe(query: Query, profiles: list[Profile]) -> str:
    lines = [f"{query.id} ({query.path.name}):"]
    for size, p in zip(SIZES, profiles):
        lines.append(f"  {size} manifests: {p.records_read} records read, {p.full_scans} full scans of a type, "
                     f"{p.rows} rows; plan:")
        lines += [f"    {step.text}" + (f"  [{step.rows} rows]" if step.rows is not None else "") for step in p.steps]
    return "\n".join(lines)


def test_the_scan_list_names_only_read_statements() -> None:
    known = {q.id for q in READS}
    assert set(SCANS) <= known, f"SCANS names statements that are not read statements here: {set(SCANS) - known}"


def test_the_stores_differ_in_size(sized_stores: dict[int, tuple[Gateway, Settings]]) -> None:
    counts = [sized_stores[size][0].read("MATCH (s:Shipment) RETURN count(s) AS n").records[0]["n"] for size in SIZES]
    assert counts[1] >= 4 * counts[0], counts


def test_a_key_lookup_without_its_label_is_caught(sized_stores: dict[int, tuple[Gateway, Settings]]) -> None:
    """The measure itself: the unlabelled lookup issue 15 found reads every node, and grows with the store."""
    read = []
    for size in SIZES:
        gateway, settings = sized_stores[size]
        found = profile(gateway, "MATCH (n) WHERE n.key = $key RETURN n", {"key": "company:acme"}, settings=settings)
        labelled = profile(gateway, "MATCH (n:Company {key: $key}) RETURN n", {"key": "company:acme"},
                           settings=settings)
        assert found.rows == labelled.rows == 1
        assert found.full_scans > 0 and labelled.full_scans == 0
        assert labelled.index_seeks == 1, labelled.plan
        read.append(found.records_read or 0)
    assert read[1] > 2 * read[0], read


@pytest.mark.parametrize("query", [q for q in READS if not _scans(q.id)], ids=lambda q: q.id)
def test_a_bounded_read_costs_the_same_in_a_larger_store(query: Query,
                                                         sized_stores: dict[int, tuple[Gateway, Settings]]) -> None:
    small, large = _measure(sized_stores, query)
    grown = (large.records_read or 0) - (small.records_read or 0)
    allowed = max(SLACK_RECORDS, SLACK_SHARE * (small.records_read or 0))
    assert small.full_scans == 0 and large.full_scans == 0, "walks a whole label:\n" + _describe(query, [small, large])
    assert grown <= allowed, (f"reads {grown} more records in the larger store (allowed {allowed:.0f}):\n"
                              + _describe(query, [small, large]))


@pytest.mark.parametrize("query", [q for q in READS if _scans(q.id)], ids=lambda q: q.id)
def test_a_listed_scan_still_scans(query: Query, sized_stores: dict[int, tuple[Gateway, Settings]]) -> None:
    """The list stays honest: a statement on it that no longer scans comes off it (and is then held bounded)."""
    small, large = _measure(sized_stores, query)
    grown = (large.records_read or 0) - (small.records_read or 0)
    assert small.full_scans > 0 or grown > max(SLACK_RECORDS, SLACK_SHARE * (small.records_read or 0)), (
        f"{query.id} is listed in SCANS or SCAN_FAMILIES but reads no whole label and does not grow; take it off "
        "the list:\n" + _describe(query, [small, large]))
