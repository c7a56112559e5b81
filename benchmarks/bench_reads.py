"""Time what one user's clicks cost at a store size: search, expand, node details, a firm's timeline, a shortest path,
and the overview's counts (recorded against counted live).

    python -m benchmarks.bench_reads [--sizes 10000 100000] [--firms 10] [--home DIR] [--keep]
    python -m benchmarks.bench_reads --store-home DIR [--database NAME]   # a store already ingested

For each size the fictional demo scenario (workbench.demo.generator, seed 7) is ingested into a database of its
own on an embedded server in ``--home``. Then for the busiest firms and as many others at random it times: a
search by name (full text), a search by bill of lading (exact index), expanding the firm one hop, its details
panel (first page of shipments, and a later page for firms with several), its timeline and a shortest path to
the next firm. Each figure is the p50 and p95 of the samples in milliseconds, client side, one user.
Target (issue 15): p95 ≤ 300 ms per step at 100k manifests.

The machine's load average is recorded before and after: on a shared machine the figures are slower than on a
quiet one, and are read as a ratio between sizes rather than as absolute times.
With ``--store-home`` (or ``--uri``) nothing is ingested: the steps are timed on that store, recorded with its size
(benchmarks/store.py). Results: benchmarks/results/reads.json, one entry per store size (a run replaces the entry of
its size and keeps the others). The default size (10k) runs in about three minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import random
import shutil
import time
from pathlib import Path
from typing import Any

from benchmarks import store
from benchmarks.machine import latency, write_result

DEFAULT_SIZES = (10000,)
DEFAULT_HOME = Path("/tmp/workbench-bench-reads")
TARGET_MS = 300.0


def _load() -> list[float]:
    return store.load_average()


def run_size(home: Path, size: int, firms: int) -> dict[str, Any]:
    """Ingest the generated store of ``size`` manifests into its own database in ``home`` (once), then time it."""
    from workbench.demo import generator  # noqa: PLC0415
    from workbench.ingest import ingest_path  # noqa: PLC0415
    from workbench.settings import Settings  # noqa: PLC0415
    from workbench.store import embedded  # noqa: PLC0415
    from workbench.store.connect import for_database, open_gateway  # noqa: PLC0415

    settings = Settings.from_env({"WORKBENCH_HOME": str(home), "WORKBENCH_HEAP": "2g"})
    embedded.ensure_running(settings)
    database = f"reads{size}"
    fresh = database not in embedded.list_databases(settings)
    figures: dict[str, Any] = {"manifests": size, "load_average_before": _load()}
    if fresh:
        embedded.create_database(settings, database)
    gateway = open_gateway(for_database(settings, database))
    try:
        if fresh:
            bundle = home / f"bundle-{size}"
            if not (bundle / "ground_truth.json").exists():
                generator.generate_bundle(bundle, seed=generator.DEFAULT_SEED, manifests=size)
            started = time.monotonic()
            ingest_path(gateway, bundle, skip_invalid=True, rejects_path=home / f"rejects-{size}.csv")
            figures["ingest_seconds"] = round(time.monotonic() - started, 1)
        figures["nodes"] = sum(overview_labels(gateway).values())
        figures.update(measure(gateway, firms))
    finally:
        gateway.close()
    return figures


def overview_labels(gateway: Any) -> dict[str, int]:
    from workbench.analysis import overview  # noqa: PLC0415

    return overview.store_counts(gateway).labels


def measure(gateway: Any, firms: int) -> dict[str, Any]:
    """Time each step of one user's clicks for the busiest ``firms`` and as many at random."""
    from workbench.analysis import explore, overview  # noqa: PLC0415
    from workbench.errors import WorkbenchError  # noqa: PLC0415

    figures: dict[str, Any] = {}
    busiest = gateway.read(
        "MATCH (c:Company) RETURN c.key AS key, c.name AS name, COUNT { (c)--(:Shipment) } AS degree "
        "ORDER BY degree DESC LIMIT $n", {"n": firms}, timeout=300).raise_for_status().data()
    everyone = gateway.read("MATCH (c:Company) RETURN c.key AS key, c.name AS name",
                            timeout=300).raise_for_status().data()
    bols = [r["bol"] for r in gateway.read(
        "MATCH (s:Shipment) RETURN s.billOfLading AS bol LIMIT 200").data()]
    rng = random.Random(7)
    sample = busiest + rng.sample(everyone, min(firms, len(everyone)))
    figures["busiest_firm_shipments"] = busiest[0]["degree"] if busiest else 0
    steps: dict[str, list[float]] = {name: [] for name in (
        "search_name", "search_bill_of_lading", "expand", "node_details", "node_details_later_page",
        "timeline", "shortest_path", "overview_recorded", "overview_counted_live")}
    errors: dict[str, list[str]] = {}

    def step(name: str, call: Any) -> Any:
        """Time one step; a failure (a timeout) counts with the time it took and is recorded, the run goes on."""
        started = time.perf_counter()
        try:
            value = call()
        except WorkbenchError as e:
            value = None
            errors.setdefault(name, []).append(str(e)[:160])
        steps[name].append((time.perf_counter() - started) * 1000)
        return value

    for i, firm in enumerate(sample):
        key = firm["key"]
        step("search_name", lambda: explore.search(gateway, str(firm["name"])))
        step("search_bill_of_lading", lambda: explore.search(gateway, rng.choice(bols)))
        step("expand", lambda: explore.expand(gateway, [key]))
        details = step("node_details", lambda: explore.node_details(gateway, key))
        if details and details["pages"] > 1:
            last = details["pages"] - 1
            step("node_details_later_page", lambda: explore.node_details(gateway, key, page=last))
        step("timeline", lambda: explore.timeline(gateway, [key]))
        other = sample[(i + 1) % len(sample)]["key"]
        if other != key:
            step("shortest_path", lambda: explore.shortest_paths(gateway, key, other, 6))
        if i < 5:
            step("overview_recorded", lambda: overview.store_counts(gateway))
            step("overview_counted_live",
                 lambda: (overview.counts_by_label(gateway), overview.counts_by_relationship(gateway)))
    figures["firms"] = len(sample)
    figures["steps"] = {name: {**latency(samples), "errors": len(errors.get(name, []))}
                        for name, samples in steps.items() if samples}
    figures["errors"] = {name: sorted(set(found))[:3] for name, found in errors.items()}
    figures["load_average_after"] = _load()
    return figures


def run_store(args: argparse.Namespace) -> dict[str, Any]:
    """Time the steps on the existing store the command line names."""
    opened = store.open_store(args)
    try:
        size = store.store_size(opened.gateway)
        figures: dict[str, Any] = {"manifests": size["manifests"], "store": size, "load_average_before": _load()}
        figures["nodes"] = size["nodes"]
        figures.update(measure(opened.gateway, args.firms))
    finally:
        opened.close(stop=False if args.keep else None)
    return figures


def _print(figures: dict[str, Any]) -> None:
    line = ", ".join(f"{name} p50 {s['p50_ms']} / p95 {s['p95_ms']} ms" for name, s in figures["steps"].items())
    print(f"{figures['manifests']:>9} manifests (load {figures['load_average_before']}): {line}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--firms", type=int, default=10, help="busiest firms timed, plus as many at random")
    parser.add_argument("--home", type=Path, default=DEFAULT_HOME)
    parser.add_argument("--keep", action="store_true", help="keep the server and its databases for the next run")
    store.add_arguments(parser)
    args = parser.parse_args(argv)
    from workbench.settings import Settings  # noqa: PLC0415
    from workbench.store import embedded  # noqa: PLC0415

    results = []
    if store.given(args):
        results.append(run_store(args))
        _print(results[-1])
    else:
        try:
            for size in args.sizes:
                results.append(run_size(args.home, size, args.firms))
                _print(results[-1])
        finally:
            if not args.keep:
                embedded.stop(Settings.from_env({"WORKBENCH_HOME": str(args.home)}))
                shutil.rmtree(args.home, ignore_errors=True)
    sizes = store.sizes_with("reads", results)
    path = write_result("reads", {
        "target": f"p95 <= {TARGET_MS:.0f} ms per step at 100k manifests, one user (issue 15)",
        "note": "one user, client-side wall time; load_average_* is the machine's 1, 5 and 15 minute load: on a "
                "machine shared with other work the figures are slower than on a quiet one",
        "sizes": sizes})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
