"""The cheap pages of issue 15 in the app: the overview reads the recorded counts (an administrator can count again),
and a busy firm's shipments come in pages in the network view's details panel."""

from __future__ import annotations

from workbench.analysis import overview
from workbench.settings import Settings
from workbench.store.gateway import Gateway
from tests.app.test_app_pages import open_page

BUSY = """
CREATE (f:Company {key: 'company:busy', name: 'Busy Forwarding SA', country: 'MX'})
CREATE (o:Company {key: 'company:other', name: 'Other SA', country: 'MX'})
WITH f, o
UNWIND range(1, 60) AS i
CREATE (s:Shipment {key: 'shipment:b-' + toString(i), billOfLading: 'B-' + toString(i),
                    declarationDate: toString(date('2024-01-01') + duration({days: i}))})
CREATE (f)-[:SHIPPED]->(s)-[:CONSIGNED_TO]->(o)
"""


def test_the_overview_shows_the_recorded_counts_and_an_admin_counts_again(gateway: Gateway,
                                                                          app_settings: Settings) -> None:
    gateway.write(BUSY)
    overview.record_counts(gateway, "run:test")
    gateway.write("CREATE (:Company {key: 'company:late', name: 'Late SA'})")
    at = open_page(app_settings, "home/overview.py", role="viewer")
    counts = dict(zip(at.dataframe[0].value["label"], at.dataframe[0].value["count"]))
    assert counts["Company"] == 2, "the page shows the record, not a live count"
    assert any("run:test" in c.value for c in at.caption)
    assert not [b for b in at.button if b.key == "overview_recount"], "only an administrator may count again"
    admin = open_page(app_settings, "home/overview.py", role="admin")
    admin.button(key="overview_recount").click().run()
    counts = dict(zip(admin.dataframe[0].value["label"], admin.dataframe[0].value["count"]))
    assert counts["Company"] == 3


def test_a_busy_firms_shipments_come_in_pages(gateway: Gateway, app_settings: Settings) -> None:
    gateway.write(BUSY)
    at = open_page(app_settings, "explore/network.py", selection=["company:busy"], selected_node="company:busy")
    assert any("(60)" in m.value for m in at.markdown)
    shipments = [d for d in at.dataframe if "B/L" in d.value.columns][0].value
    assert len(shipments) == 50 and shipments["B/L"].iloc[0] == "B-60", "the newest first"
    at.number_input(key="details_page_company:busy").set_value(2).run()
    assert not at.exception, at.exception
    shipments = [d for d in at.dataframe if "B/L" in d.value.columns][0].value
    assert list(shipments["B/L"]) == [f"B-{i}" for i in range(10, 0, -1)]
