"""What a shipment puts in the full-text index (issue 15: at a million rows, one term shared by every shipment made
the index's compaction take 858 s of the ingest): its identifiers, each findable whole, by its serial and by the
exact lookup; never a term that most shipments share."""

from __future__ import annotations

from collections import Counter

from workbench.analysis import explore
from workbench.ingest.plan import identifier_terms
from workbench.settings import Settings
from workbench.store.gateway import Gateway


def test_identifier_terms_keep_an_identifier_whole_and_its_serial() -> None:
    assert identifier_terms("MAN-0000001") == ["MAN0000001", "0000001"]
    assert identifier_terms("139-25400675", None, "") == ["13925400675", "25400675"]
    # Identifiers without separators (a B/L, a container number) are one term already.
    assert identifier_terms("ZNML3889003652", "KSTU5006910") == ["ZNML3889003652", "KSTU5006910"]
    # The same value twice is one term; a part without a digit is never a serial.
    assert identifier_terms("SZ-2023-0003", "SZ-2023-0003") == ["SZ20230003", "0003"]
    assert identifier_terms("REF-ABC") == ["REFABC"]


def test_no_search_term_is_shared_by_a_large_share_of_the_shipments(demo_store: tuple[Gateway, Settings]) -> None:
    gateway, _ = demo_store
    texts = [row["t"] or "" for row in gateway.read("MATCH (s:Shipment) RETURN s.searchText AS t").data()]
    assert len(texts) > 1000
    shared = Counter(term for text in texts for term in set(text.split()))
    # Before: "man" (every manifest's record id) was in 99% of them (3,000 of 3,030), a vessel's words in 5%.
    term, count = shared.most_common(1)[0]
    assert count / len(texts) < 0.01, (term, count, len(texts))


def test_a_shipment_is_found_by_its_record_id_whole_or_by_its_serial(demo_store: tuple[Gateway, Settings]) -> None:
    gateway, _ = demo_store
    rows = gateway.read("MATCH (s:Shipment) WHERE s.recordId STARTS WITH 'MAN-' "
                        "RETURN s.key AS key, s.recordId AS id ORDER BY s.recordId LIMIT 1").data()
    assert rows
    row = rows[0]
    serial = row["id"].split("-")[-1]
    for typed in (row["id"], row["id"].lower(), serial):
        hits = explore.search(gateway, typed, ["Shipment"])
        assert row["key"] in [hit["key"] for hit in hits], typed


def test_a_vessel_finds_its_shipments_by_the_exact_index(demo_store: tuple[Gateway, Settings]) -> None:
    gateway, _ = demo_store
    rows = gateway.read("MATCH (s:Shipment) WHERE s.vessel IS NOT NULL "
                        "RETURN s.vessel AS vessel, count(*) AS n ORDER BY n DESC, vessel LIMIT 1").data()
    vessel = rows[0]["vessel"]
    on_board = {row["key"] for row in gateway.read("MATCH (s:Shipment {vessel: $v}) RETURN s.key AS key",
                                                   {"v": vessel}).data()}
    for typed in (vessel, vessel.lower(), "  " + vessel.title().replace(" ", "   ")):
        hits = [hit for hit in explore.search(gateway, typed) if hit["label"] == "Shipment"]
        assert hits and {hit["key"] for hit in hits} <= on_board, typed
    assert not [hit for hit in explore.search(gateway, vessel, ["Company"]) if hit["label"] == "Shipment"]
