"""The drawing keeps where nodes stood and never stacks a new node on an old one (issue 11, item 10).

The component's own JavaScript, run in Debian's chromium on a self-contained page (no server): nodes whose
positions are known stay exactly there, new ones are laid out around them without overlapping.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from workbench.analysis.explore import Graph
from workbench.app import graphview

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")]


def two_firms_sharing_shipments() -> Graph:
    graph = Graph()
    for key, label in [("company:a", "Company"), ("company:b", "Company")]:
        graph.add_node({"key": key, "label": label, "labels": [label], "caption": key})
    for i in range(8):
        graph.add_node({"key": f"shipment:{i}", "label": "Shipment", "labels": ["Shipment"], "caption": str(i)})
        graph.add_edge("company:a", f"shipment:{i}", "SHIPPED")
        graph.add_edge(f"shipment:{i}", "company:b", "CONSIGNED_TO")
    return graph


def test_known_positions_stay_and_new_nodes_do_not_overlap(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    held = {"company:a": {"x": 0.0, "y": 0.0}}
    held.update({f"shipment:{i}": {"x": 200.0 * (i % 4) - 300, "y": 150.0 * (i // 4) - 75} for i in range(8)})
    data = graphview.network_data(graphview.build_network(two_firms_sharing_shipments()), positions=held)
    page_file = tmp_path / "graph.html"
    page_file.write_text(graphview.standalone_html(data), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_file.as_uri())
            page.wait_for_selector(".pw-graph[data-settled='true']", timeout=30000)
            positions = page.evaluate("() => globalThis.__pwNetwork.getPositions()")
        finally:
            browser.close()
    assert not errors
    moved = [k for k, v in held.items() if abs(positions[k]["x"] - v["x"]) > 0.5 or abs(positions[k]["y"] - v["y"]) > 0.5]
    assert not moved, f"known nodes moved: {moved}"
    a, b = positions["company:a"], positions["company:b"]
    assert math.dist((a["x"], a["y"]), (b["x"], b["y"])) >= 30, "the new firm was drawn on top of the old one"
