"""A busy firm's shipments come in pages in the details panel, newest first, with the total shown; a seizure made
from a shipment on any page is shown on every page (issue 15: node details of a busy firm returned 39k shipments)."""

from __future__ import annotations

from workbench.analysis import explore
from workbench.store.gateway import Gateway

BUSY = """
CREATE (f:Company {key: 'company:busy', name: 'Busy Forwarding SA', country: 'MX'})
CREATE (o:Company {key: 'company:other', name: 'Other SA', country: 'MX'})
WITH f, o
UNWIND range(1, 7) AS i
CREATE (s:Shipment {key: 'shipment:bl-' + toString(i), billOfLading: 'BL-' + toString(i),
                    declarationDate: '2024-0' + toString(i) + '-01'})
CREATE (f)-[:SHIPPED]->(s)-[:CONSIGNED_TO]->(o)
"""


def test_shipments_come_in_pages_newest_first_with_their_total(gateway: Gateway) -> None:
    gateway.write(BUSY)
    gateway.write("MATCH (s:Shipment {key: 'shipment:bl-1'}) "
                  "CREATE (:Seizure {key: 'seizure:z-1', seizureId: 'Z-1', date: '2024-02-01'})-[:SEIZED_FROM]->(s)")
    pages = [explore.node_details(gateway, "company:busy", page=p, page_size=3) for p in range(3)]
    assert [d["shipment_count"] for d in pages] == [7, 7, 7] and pages[0]["pages"] == 3
    keys = [[s["key"] for s in d["shipments"]] for d in pages]
    assert keys == [["shipment:bl-7", "shipment:bl-6", "shipment:bl-5"],
                    ["shipment:bl-4", "shipment:bl-3", "shipment:bl-2"], ["shipment:bl-1"]]
    # The oldest shipment (last page) was seized: its seizure shows on the first page too.
    assert [z["key"] for z in pages[0]["seizures"]] == ["seizure:z-1"]
    beyond = explore.node_details(gateway, "company:busy", page=5, page_size=3)
    assert beyond["shipments"] == [] and beyond["shipment_count"] == 7


def test_a_firm_that_is_shipper_and_notify_party_counts_each_shipment_once(gateway: Gateway) -> None:
    gateway.write(BUSY)
    gateway.write("MATCH (f:Company {key: 'company:busy'}), (s:Shipment {key: 'shipment:bl-2'}) "
                  "CREATE (s)-[:NOTIFY_PARTY]->(f)")
    details = explore.node_details(gateway, "company:busy", page_size=50)
    assert details["shipment_count"] == 7 and len(details["shipments"]) == 7


def test_a_shipment_lists_itself(gateway: Gateway) -> None:
    gateway.write(BUSY)
    details = explore.node_details(gateway, "shipment:bl-3")
    assert [s["key"] for s in details["shipments"]] == ["shipment:bl-3"] and details["shipment_count"] == 1
