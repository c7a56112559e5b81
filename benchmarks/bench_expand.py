"""Time the network view's expand (and its neighbours: details, timeline, trade links, paths) on the demo data.

    python -m benchmarks.bench_expand [--sizes 3000 100000] [--firms 20] [--home DIR]

For each size the fictional demo bundle (``workbench/demo/bundle`` for 3000 manifests, else ``workbench.demo.generator``)
is ingested into a database of its own on an embedded server in ``--home`` (kept between runs). Then, for the
busiest firms and a sample of the others, it times what one click does: expand one hop from the firm, a second
hop from that view (context nodes left out, as the app does), the details panel, the firm's timeline, its trade
links and a shortest path to another firm. Target (issue 15): p95 under 300 ms per step at 100k manifests.
Results: benchmarks/results/expand.json with the machine's details. The default size runs in about two minutes.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path
from typing import Any

from benchmarks.machine import latency, timed, write_result

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (3000,)
DEFAULT_HOME = Path("/tmp/workbench-bench-expand")
TARGET_MS = 300.0


def _bundle(root: Path, size: int) -> Path:
    if size == 3000:
        return REPO / "workbench" / "demo" / "bundle"
    from workbench.demo import generator as demo_data  # noqa: PLC0415

    folder = root / f"bundle-{size}"
    if not (folder / "ground_truth.json").exists():
        demo_data.main(["--out", str(folder), "--manifests", str(size)])
    return folder


def run_size(home: Path, size: int, firms: int) -> dict[str, Any]:
    from workbench.analysis import explore  # noqa: PLC0415
    from workbench.ingest import ingest_path  # noqa: PLC0415
    from workbench.settings import Settings  # noqa: PLC0415
    from workbench.store import embedded  # noqa: PLC0415
    from workbench.store.connect import for_database, open_gateway  # noqa: PLC0415

    settings = Settings.from_env({"WORKBENCH_HOME": str(home), "WORKBENCH_HEAP": "2g"})
    embedded.ensure_running(settings)
    database = f"expand{size}"
    fresh = database not in embedded.list_databases(settings)
    figures: dict[str, Any] = {"manifests": size}
    if fresh:
        embedded.create_database(settings, database)
    gateway = open_gateway(for_database(settings, database))
    try:
        if fresh:
            started = time.monotonic()
            ingest_path(gateway, _bundle(home, size), skip_invalid=True)
            figures["ingest_seconds"] = round(time.monotonic() - started, 1)
        busiest = gateway.read(
            "MATCH (c:Company) RETURN c.key AS key, COUNT { (c)--(:Shipment) } AS degree ORDER BY degree DESC LIMIT $n",
            {"n": firms}).records
        everyone = [r["key"] for r in gateway.read("MATCH (c:Company) RETURN c.key AS key").records]
        rng = random.Random(7)
        sample = [r["key"] for r in busiest] + rng.sample(everyone, min(firms, len(everyone)))
        steps: dict[str, list[float]] = {"expand_1_hop": [], "expand_2nd_hop": [], "node_details": [],
                                         "timeline": [], "trade_links": [], "shortest_paths": []}
        sizes: list[int] = []
        for i, key in enumerate(sample):
            ms, one = timed(lambda: explore.expand(gateway, [key]))
            steps["expand_1_hop"].append(ms)
            ms, two = timed(lambda: explore.expand(gateway, list(one.nodes)))
            steps["expand_2nd_hop"].append(ms)
            sizes.append(len(two.nodes))
            steps["node_details"].append(timed(lambda: explore.node_details(gateway, key))[0])
            steps["timeline"].append(timed(lambda: explore.timeline(gateway, [key]))[0])
            steps["trade_links"].append(timed(lambda: explore.trade_links(gateway, [key]))[0])
            other = sample[(i + 1) % len(sample)]
            if other != key:
                steps["shortest_paths"].append(timed(lambda: explore.shortest_paths(gateway, key, other, 6))[0])
        figures["firms"] = len(sample)
        figures["nodes_after_two_hops"] = {"median": statistics.median(sizes), "max": max(sizes)}
        figures["steps"] = {name: latency(samples, "median_ms") for name, samples in steps.items() if samples}
    finally:
        gateway.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--firms", type=int, default=10, help="busiest firms timed, plus as many at random")
    parser.add_argument("--home", type=Path, default=DEFAULT_HOME)
    args = parser.parse_args(argv)
    results = []
    for size in args.sizes:
        figures = run_size(args.home, size, args.firms)
        results.append(figures)
        line = ", ".join(f"{name} p95 {s['p95_ms']} ms" for name, s in figures["steps"].items())
        print(f"{size:>9} manifests: {line}", flush=True)
    path = write_result("expand", {"target": f"p95 < {TARGET_MS:.0f} ms per step at 100k manifests (issue 15)",
                                   "sizes": results})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
