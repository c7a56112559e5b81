"""Time the whole detector suite and `risk` on demo bundles of growing size (a benchmark, not a test).

    python -m benchmarks.bench_detect [--sizes 10000 100000 1000000] [--home DIR]
    python -m benchmarks.bench_detect --store-home DIR [--database NAME]   # a store already ingested

For each size it generates the fictional demo bundle (`workbench.demo.generator`, the generator the ingest
benchmark uses) unless it is already there, ingests it into a database of its own on an embedded server in
``--home`` (reused across runs: an ingested database is not ingested again), then times every detector and the
risk ranking: the read of the trade flows alone, a first ranking (which reads them and keeps them for the store's
version) and a second one (from the kept flows, as a second visit to the risk page or the inspection queue).
Target: the suite under 10 s at 100k manifests; per-detector times at several sizes show whether
any grows faster than linearly. With ``--store-home`` (benchmarks/store.py) it times an existing store instead,
such as the million-row one the ingest benchmark keeps (``--keep-store``). Each detector runs with a 900 s timeout;
``over_interactive`` names those that take longer than the 30 s an analyst's query is given in the app.
Results: benchmarks/results/detect.json with the machine's details, one entry per store size.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import store
from benchmarks.machine import commit, write_result

DEFAULT_SIZES = (10_000, 100_000)
DEFAULT_HOME = Path("/tmp/workbench-bench-detect")
#: The statement timeout of an analyst's query in the app (WORKBENCH_QUERY_TIMEOUT's default).
INTERACTIVE_S = 30.0


def _bundle(root: Path, size: int) -> Path:
    from workbench.demo import generator as demo_data  # noqa: PLC0415

    folder = root / f"bundle-{size}"
    if not (folder / "ground_truth.json").exists():
        demo_data.main(["--out", str(folder), "--manifests", str(size)])
    return folder


def run_size(home: Path, size: int) -> dict[str, Any]:
    from workbench.store import embedded  # noqa: PLC0415
    from workbench.ingest import ingest_path  # noqa: PLC0415
    from workbench.analysis.overview import counts_by_label  # noqa: PLC0415
    from workbench.settings import Settings  # noqa: PLC0415
    from workbench.store.connect import for_database, open_gateway  # noqa: PLC0415

    heap = os.environ.get("WORKBENCH_HEAP") or "3g"  # the million-row store is ingested with 4g, as bench_ingest's
    settings = Settings.from_env({"WORKBENCH_HOME": str(home), "WORKBENCH_HEAP": heap, "WORKBENCH_QUERY_TIMEOUT": "900"})
    embedded.ensure_running(settings)
    database = f"bench{size}"
    fresh = database not in embedded.list_databases(settings)
    figures: dict[str, Any] = {"manifests": size, "heap": settings.heap}
    if fresh:
        embedded.create_database(settings, database)
    gateway = open_gateway(for_database(settings, database))
    try:
        if fresh:
            bundle = _bundle(home, size)
            started = time.monotonic()
            ingest_path(gateway, bundle)
            figures["ingest_seconds"] = round(time.monotonic() - started, 1)
        figures["nodes"] = counts_by_label(gateway)
        figures.update(time_detection(gateway))
    finally:
        gateway.close()
    return figures


def time_detection(gateway: Any) -> dict[str, Any]:
    """Every detector and the risk ranking on ``gateway``'s store, timed."""
    from workbench.analysis.detect import run_detectors  # noqa: PLC0415
    from workbench.analysis.risk import rank, trade_flows  # noqa: PLC0415

    figures: dict[str, Any] = {"commit": commit(), "load_average_before": store.load_average()}
    started = time.monotonic()
    detection = run_detectors(gateway, timeout=900)
    figures["detectors_seconds"] = round(time.monotonic() - started, 2)
    figures["per_detector"] = {run.rule: {"seconds": run.seconds, "findings": run.findings, "status": run.status}
                               for run in detection.runs}
    figures["over_interactive"] = sorted(run.rule for run in detection.runs if run.seconds > INTERACTIVE_S)
    started = time.monotonic()
    flows = trade_flows(gateway)
    figures["trade_flows_seconds"] = round(time.monotonic() - started, 2)
    figures["trade_flows"] = len(flows)
    with tempfile.TemporaryDirectory(prefix="bench-risk-home-") as home:
        # The first ranking with a home reads the trade flows and keeps them for the store's version (as the risk
        # page and the inspection queue do); the second one, as a second visit, ranks from the kept flows.
        started = time.monotonic()
        ranked = rank(gateway, findings=detection.findings, home=Path(home))
        figures["risk_seconds"] = round(time.monotonic() - started, 2)
        started = time.monotonic()
        again = rank(gateway, findings=detection.findings, home=Path(home))
        figures["risk_kept_flows_seconds"] = round(time.monotonic() - started, 2)
    if [r.to_dict() for r in again] != [r.to_dict() for r in ranked]:
        raise SystemExit("the ranking from the kept trade flows differs from the first one")
    figures["companies_ranked"] = len(ranked)
    figures["load_average_after"] = store.load_average()
    return figures


def run_store(args: argparse.Namespace) -> dict[str, Any]:
    """The detectors on the existing store the command line names."""
    opened = store.open_store(args, WORKBENCH_QUERY_TIMEOUT="900")
    try:
        size = store.store_size(opened.gateway)
        figures: dict[str, Any] = {"manifests": size["manifests"], "store": size,
                                   "heap": opened.settings.heap if opened.settings.embedded else None}
        figures.update(time_detection(opened.gateway))
    finally:
        opened.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--home", type=Path, default=DEFAULT_HOME)
    store.add_arguments(parser)
    args = parser.parse_args(argv)
    results: list[dict[str, Any]] = list(store.previous_results("detect").get("sizes") or [])
    for wanted in [None] if store.given(args) else args.sizes:
        figures = run_store(args) if wanted is None else run_size(args.home, wanted)
        results = store.merge_sizes(results, figures)
        size = figures["manifests"]
        slowest = sorted(figures["per_detector"].items(), key=lambda kv: -kv[1]["seconds"])[:3]
        named = ", ".join(f"{rule} {timing['seconds']} s" for rule, timing in slowest)
        print(f"{size:>9} manifests: detectors {figures['detectors_seconds']} s, risk {figures['risk_seconds']} s; "
              f"slowest {named}", flush=True)
    path = write_result("detect", {"target": "detector suite < 10 s at 100k manifests (embedded default)",
                                   "sizes": results})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
