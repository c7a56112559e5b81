"""Broker betweenness and communities with networkx against igraph on trade graphs of growing size.

    python -m benchmarks.bench_network_measures [--sizes 1000 2000 5000 20000 100000] [--nx-max 20000]

The demo generator's firm population does not grow with the number of manifests (about a thousand names at 10k and
at 100k rows), so the trade graphs here are synthetic, shaped like a country's chemical-sector imports: a few
percent of the firms are brokers and forwarders, suppliers and importers are picked with heavy-tailed (Zipf-like)
popularity, and there are five shipment rows per firm. For each size both libraries measure the same graph through
`workbench.analysis.network` (sampled-pivot betweenness of the brokers, seeded Louvain communities); we record
their seconds, peak memory of the measuring step (tracemalloc for networkx's Python objects; igraph's C memory is
not seen by tracemalloc, so the process's peak RSS growth is recorded too), the overlap of their ten most central
brokers, and the modularity each community split reaches. The threshold `IGRAPH_FROM_NODES` in network.py is set
from these figures. Results: benchmarks/results/network_measures.json with the machine's details.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import time
import tracemalloc
from typing import Any

import networkx as nx

from benchmarks.machine import write_result

DEFAULT_SIZES = (1_000, 2_000, 5_000, 20_000, 100_000)
NX_MAX = 5_000


def synthetic_trade(firms: int, seed: int = 11) -> Any:
    """A TradeGraph of ``firms`` companies: 3% brokers, 30% suppliers, the rest importers; 5 rows per firm."""
    from workbench.analysis.network import TradeGraph  # noqa: PLC0415

    rng = random.Random(seed)
    brokers = [f"company:broker-{i}" for i in range(max(3, firms * 3 // 100))]
    suppliers = [f"company:supplier-{i}" for i in range(firms * 30 // 100)]
    importers = [f"company:importer-{i}" for i in range(firms - len(brokers) - len(suppliers))]

    def pick(pool: list[str], skew: float) -> str:
        return pool[int(len(pool) * rng.random() ** skew)]  # skew > 1: a few popular firms, a long tail

    graph = nx.Graph()
    trade = TradeGraph(graph)
    for _ in range(firms * 5):
        shipper, consignee = pick(suppliers, 2.5), pick(importers, 1.3)
        broker = pick(brokers, 2.0) if rng.random() < 0.8 else None
        pairs = [(shipper, consignee)]
        for key in (shipper, consignee):
            trade.shipments[key] = trade.shipments.get(key, 0) + 1
        if broker:
            trade.brokers.add(broker)
            pairs += [(shipper, broker), (broker, consignee)]
            served = trade.broker_clients.setdefault(broker, {})
            for key in (shipper, consignee):
                served[key] = served.get(key, 0) + 1
        for a, b in pairs:
            weight = graph.get_edge_data(a, b, {}).get("weight", 0) + 1
            graph.add_edge(a, b, weight=weight)
    return trade


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure(trade: Any, library: str) -> tuple[dict[str, Any], Any]:
    from workbench.analysis import network  # noqa: PLC0415

    saved = network.IGRAPH_FROM_NODES
    network.IGRAPH_FROM_NODES = 0 if library == "igraph" else 10**12
    rss_before = _rss_mib()
    tracemalloc.start()
    started = time.process_time()
    wall = time.monotonic()
    try:
        measures = network.measure_trade(trade)
    finally:
        network.IGRAPH_FROM_NODES = saved
    cpu = time.process_time() - started
    elapsed = time.monotonic() - wall
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    partition = [set(c.members) for c in measures.communities]
    modularity = nx.community.modularity(trade.graph, partition, weight="weight") if partition else 0.0
    return {"seconds": round(elapsed, 2), "cpu_seconds": round(cpu, 2), "python_peak_mib": round(peak / 2**20, 1),
            "rss_growth_mib": round(max(0.0, _rss_mib() - rss_before), 1), "communities": len(partition),
            "modularity": round(modularity, 4), "method": measures.method}, measures


def _top(measures: Any, n: int = 10) -> list[str]:
    return [k for k, _ in sorted(measures.broker_betweenness.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--nx-max", type=int, default=NX_MAX, help="largest graph networkx is timed on")
    args = parser.parse_args(argv)
    rows = []
    for size in args.sizes:
        trade = synthetic_trade(size)
        row: dict[str, Any] = {"firms": trade.graph.number_of_nodes(), "links": trade.graph.number_of_edges(),
                               "brokers": len(trade.brokers)}
        row["igraph"], ig_measures = _measure(trade, "igraph")
        if size <= args.nx_max:
            row["networkx"], nx_measures = _measure(trade, "networkx")
            row["top10_brokers_overlap"] = len(set(_top(ig_measures)) & set(_top(nx_measures))) / 10
            row["speedup"] = round(row["networkx"]["seconds"] / max(row["igraph"]["seconds"], 0.01), 1)
        print(row, flush=True)
        rows.append(row)
    write_result("network_measures", {
        "benchmark": "broker betweenness (200 sampled pivots) and Louvain communities, networkx vs igraph",
        "load_average_at_end": os.getloadavg(),
        "sizes": rows,
    })
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
