"""What adding a small bundle costs in a large store, against the same bundle in an empty one (a benchmark).

    python -m benchmarks.bench_topup --store-home DIR [--database NAME] [--manifests 20000] [--seed 17]
    python -m benchmarks.bench_topup [--base-manifests 100000] [--home DIR]   # builds its own large store

A month of new manifests goes into a store that already holds a year of them; issue 15 asks for ingest time that
stays near the floor at a million rows, and at that size the store worked 40% more than its floor. This benchmark
generates a bundle of ``--manifests`` rows with another ``--seed`` than the large store's, then ingests it on the
same embedded server into a new empty database, into the large store, and into another empty database (the first
run after a server starts is slower, so the two empty runs bracket the large one), and records for each: wall time,
the server's and the client's CPU, and the time of each of the writer's statements (client-side, from sending it
to its last record) with what the run spent outside them (reading, resolving, the recount at the end). Rows whose
ids the large store already holds with other data are refused and counted, as an analyst's `--skip-invalid` would.

The top-up stays in the large store: a second run with the same seed finds its rows stored (the idempotent path),
so give each run its own seed, or use a copy of the store. Embedded stores only (an empty database beside the
large one is created through the embedded server). Results: benchmarks/results/topup.json, one entry per store size.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path
from typing import Any

from benchmarks import store
from benchmarks.machine import commit, write_result
from benchmarks.statements import StatementClock

DEFAULT_HOME = Path("/tmp/workbench-bench-topup")


def _server_cpu(pid: int) -> float:
    """CPU seconds (user and system) of process ``pid`` so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _client_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def ingest_timed(gateway: Any, bundle: Path, server_pid: int) -> dict[str, Any]:
    """Ingest ``bundle`` (refusing rows that conflict with stored ones) and say what it cost."""
    from workbench.ingest import ingest_path  # noqa: PLC0415

    with StatementClock() as clock:
        wall, server, client = time.monotonic(), _server_cpu(server_pid), _client_cpu()
        report = ingest_path(gateway, bundle, skip_invalid=True,
                             rejects_path=bundle.with_name(f"{bundle.name}-rejects-{gateway.database}.csv"))
        wall = time.monotonic() - wall
        server, client = _server_cpu(server_pid) - server, _client_cpu() - client
    timed = clock.figures()
    return {"wall_seconds": round(wall, 1), "server_cpu_seconds": round(server, 1),
            "client_cpu_seconds": round(client, 1), "rows_read": report.rows_read,
            "rows_stored": report.rows_stored, "rows_rejected": report.rows_rejected,
            "statements_seconds": timed["statements_seconds"],
            "outside_statements_seconds": round(wall - timed["statements_seconds"], 1),
            "slowest_statements": timed["slowest_statements"]}


def _bundle(root: Path, manifests: int, seed: int) -> Path:
    from workbench.demo import generator  # noqa: PLC0415

    folder = root / f"topup-{manifests}-seed{seed}"
    if not (folder / "ground_truth.json").exists():
        generator.main(["--out", str(folder), "--manifests", str(manifests), "--seed", str(seed)])
    return folder


def _own_store(home: Path, manifests: int) -> argparse.Namespace:
    """A large store of the demo generator's default seed in ``home`` (ingested once, reused by later runs)."""
    from workbench.ingest import ingest_path  # noqa: PLC0415
    from workbench.settings import Settings  # noqa: PLC0415
    from workbench.store import embedded  # noqa: PLC0415
    from workbench.store.connect import for_database, open_gateway  # noqa: PLC0415

    heap = os.environ.get("WORKBENCH_HEAP", "4g")
    settings = Settings.from_env({"WORKBENCH_HOME": str(home), "WORKBENCH_HEAP": heap})
    embedded.ensure_running(settings)
    database = f"topup{manifests}"
    if database not in embedded.list_databases(settings):
        embedded.create_database(settings, database)
        gateway = open_gateway(for_database(settings, database))
        try:
            ingest_path(gateway, _bundle(home, manifests, 7))
        finally:
            gateway.close()
    return argparse.Namespace(store_home=home, database=database, uri=None)


def run(args: argparse.Namespace) -> dict[str, Any]:
    from workbench.store import embedded  # noqa: PLC0415
    from workbench.store.connect import scratch_database  # noqa: PLC0415

    if args.uri:
        raise SystemExit("bench_topup compares with an empty database on the same server: embedded stores only")
    named = args if store.given(args) else _own_store(args.home, args.base_manifests)
    opened = store.open_store(named)
    try:
        info = embedded.status(opened.settings).info
        if info is None:
            raise SystemExit(f"the embedded server of {opened.settings.home} is not running")
        pid = info.pid
        bundle = _bundle(args.home, args.manifests, args.seed)
        size = store.store_size(opened.gateway)
        figures: dict[str, Any] = {"manifests": size["manifests"], "store": size, "commit": commit(),
                                   "top_up": {"manifests": args.manifests, "seed": args.seed},
                                   "load_average_before": store.load_average()}
        # Empty, large, empty again: a server just started is slower on its first run (the JVM warms up), so
        # the empty database's figures from before and after the large store's bracket it.
        with scratch_database(opened.settings, "topup_empty") as empty:
            figures["into_empty_before"] = ingest_timed(empty, bundle, pid)
        figures["into_store"] = ingest_timed(opened.gateway, bundle, pid)
        with scratch_database(opened.settings, "topup_empty") as empty:
            figures["into_empty_after"] = ingest_timed(empty, bundle, pid)
        figures["load_average_after"] = store.load_average()
    finally:
        opened.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifests", type=int, default=20_000, help="manifest rows of the top-up (default 20000)")
    parser.add_argument("--seed", type=int, default=17,
                        help="the top-up's generator seed (default 17; the demo's is 7)")
    parser.add_argument("--home", type=Path, default=DEFAULT_HOME, help="where bundles (and the own store) go")
    parser.add_argument("--base-manifests", type=int, default=100_000,
                        help="size of the large store built when no --store-home is given (default 100000)")
    store.add_arguments(parser)
    args = parser.parse_args(argv)
    args.home.mkdir(parents=True, exist_ok=True)
    figures = run(args)
    for target in ("into_empty_before", "into_store", "into_empty_after"):
        f = figures[target]
        print(f"{target}: {f['wall_seconds']} s wall, server {f['server_cpu_seconds']} CPU-s, client "
              f"{f['client_cpu_seconds']} CPU-s, statements {f['statements_seconds']} s, {f['rows_stored']} rows "
              f"stored, {f['rows_rejected']} refused", flush=True)
    results = store.sizes_with("topup", [figures])
    path = write_result("topup", {"question": "what a 20k-row top-up costs in a large store against an empty one "
                                              "(issue 15: the store's extra work at a million rows)",
                                  "sizes": results})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
