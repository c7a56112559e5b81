"""How long a 500-node neighbourhood takes to draw and settle in the real browser (target: under 3 s).

Builds a synthetic neighbourhood (one importer, its shipments, their parties, ports and chemicals) with the
app's own graphview (same pyvis build, same template, same vis-network options), opens it in Debian's
chromium through Playwright, and times from page start until vis-network reports stabilisation.
Writes benchmarks/results/network.json with the machine details. Run: .venv/bin/python -m benchmarks.bench_network
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
from pathlib import Path

from workbench.app import graphview
from workbench.analysis.explore import Graph

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
TARGET_S = 3.0


def neighbourhood(size: int = 500, seed: int = 7) -> Graph:
    rng = random.Random(seed)
    graph = Graph()

    def node(key: str, label: str, risk: float | None = None) -> str:
        graph.add_node({"key": key, "label": label, "labels": [label], "caption": key.split(":")[1], "risk": risk})
        return key

    hub = node("company:hub", "Company", 0.9)
    ports = [node(f"port:p{i}", "Port") for i in range(12)]
    chemicals = [node(f"chemical:c{i}", "Chemical") for i in range(8)]
    suppliers = [node(f"company:s{i}", "Company", rng.random()) for i in range(40)]
    brokers = [node(f"company:b{i}", "Company", rng.random()) for i in range(10)]
    i = 0
    while len(graph.nodes) < size:
        shipment = node(f"shipment:{i}", "Shipment")
        graph.add_edge(rng.choice(suppliers), shipment, "SHIPPED")
        graph.add_edge(shipment, hub, "CONSIGNED_TO")
        graph.add_edge(rng.choice(brokers), shipment, "ARRANGED")
        graph.add_edge(shipment, rng.choice(ports), "LADEN_AT")
        graph.add_edge(shipment, rng.choice(ports), "DISCHARGED_AT")
        graph.add_edge(shipment, rng.choice(chemicals), "DECLARED_AS")
        i += 1
    return graph


def measure(html_path: Path, runs: int = 3) -> list[float]:
    from playwright.sync_api import sync_playwright

    timings = []
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.on("request", lambda r: requests.append(r.url))
                page.goto(html_path.as_uri())
                page.wait_for_selector(".pw-graph[data-settled='true']", timeout=60000)
                # time from navigation start (parse of the inlined library included) to settled
                timings.append(page.evaluate("globalThis.__pwGraph.started + globalThis.__pwGraph.settledMs") / 1000)
                page.close()
        finally:
            browser.close()
    foreign = [u for u in requests if not u.startswith(("file:", "data:", "blob:"))]
    if foreign:
        raise SystemExit(f"the drawing made network requests: {foreign}")
    return timings


def main(argv: list[str] | None = None) -> int:
    from benchmarks.machine import write_result  # noqa: PLC0415

    graph = neighbourhood(500)
    data = graphview.network_data(graphview.build_network(graph))
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "network.html"
        html.write_text(graphview.standalone_html(data), encoding="utf-8")
        timings = measure(html)
    result = {
        "benchmark": "500-node neighbourhood drawn and settled in chromium (vis-network stabilizationIterationsDone)",
        "nodes": len(data["nodes"]), "edges": len(data["edges"]),
        "seconds": [round(t, 3) for t in timings], "median_s": round(statistics.median(timings), 3),
        "target_s": TARGET_S, "passed": statistics.median(timings) < TARGET_S,
        "browser": CHROMIUM,
    }
    print(json.dumps(result, indent=2))
    print(f"written {write_result('network', result)}")
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
