"""Choose the embedded server's memory and concurrency settings from measurements, and check that one user's heavy
query does not starve the others.

    python -m benchmarks.bench_server_settings --store-home DIR [--database NAME] [--seconds 60] [--users 8]
        [--heaps 2g 4g] [--queries 4 16] [--rounds 2] [--parts heap queries heavy]

On a store already ingested (benchmarks/store.py; e.g. 100k manifests), for each setting compared the embedded
server is restarted with it (``WORKBENCH_HEAP``: the JVM heap; ``WORKBENCH_SERVER_QUERIES``: ArcadeDB's
``arcadedb.queryMaxConcurrent`` admission gate, the queries it runs at once, more waiting in its queue), warmed up
for ``--warmup`` seconds, then ``--users`` users run bench_load's driver-level mix for ``--seconds``. The settings
compared run interleaved (A, B, A, B: ``--rounds``) so the load of a shared machine falls on both alike; the
machine's load averages and the server's CPU seconds and peak memory are recorded with each run.

``heavy``: every detector is timed once, then ``--users`` - 1 users run the light reads (bench_load's LIGHT: searches,
expand, details, timeline) alone and with one more user running the heaviest detector in a loop, interleaved: the
light users' p95 with and without the heavy one says whether one user's heavy query starves the others
(``heavy_console``: the same with an aggregate over every shipment typed into the console).

Results: benchmarks/results/server_settings.json with the store's size. The default server settings
(workbench/settings.py) were chosen from these figures; docs/operations.md "Server settings" says why.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any, Callable, Sequence, TypeVar

from benchmarks import store
from benchmarks.bench_load import LIGHT, MIX, Sample, collect_sample, driver_load
from benchmarks.machine import write_result

T = TypeVar("T")
#: Operations whose p95 the issue's 1 s target is about (what users click; detectors are a page of their own).
INTERACTIVE = ("search_name", "search_identifier", "expand", "node_details", "timeline", "shortest_path")
#: Figures within this share of each other are taken as equal on a shared machine.
TOLERANCE = 0.10
#: The heavy console query of the starvation check: an analyst's aggregate over every shipment of the store.
#: The sections of the results file (a run of some parts keeps the others' last figures).
PARTS = ("heap", "server_queries", "heavy", "heavy_console")
CONSOLE_HEAVY = ("MATCH (c:Company)-[:SHIPPED]->(s:Shipment)-[:CONSIGNED_TO]->(d:Company) "
                 "RETURN c.name AS shipper, d.name AS consignee, count(s) AS shipments ORDER BY shipments DESC LIMIT 50")


def interleave(options: Sequence[T], rounds: int) -> list[T]:
    """A, B, A, B... : every option once per round, in the same order."""
    return [option for _ in range(max(1, rounds)) for option in options]


def median_p95(runs: list[dict[str, Any]], kinds: Sequence[str] = INTERACTIVE) -> dict[str, float]:
    """Per operation kind, the median over runs of its p95 (ms); ``all`` is the median of the runs' worst p95 among
    ``kinds``."""
    out: dict[str, float] = {}
    for kind in kinds:
        values = [run["by_kind"][kind]["p95_ms"] for run in runs if kind in run.get("by_kind", {})]
        if values:
            out[kind] = round(statistics.median(values), 1)
    worst = [max(run["by_kind"][k]["p95_ms"] for k in kinds if k in run.get("by_kind", {})) for run in runs
             if any(k in run.get("by_kind", {}) for k in kinds)]
    if worst:
        out["all"] = round(statistics.median(worst), 1)
    return out


def prefer(scores: dict[str, float], cost: Callable[[str], float], tolerance: float = TOLERANCE) -> str:
    """The option to choose: the cheapest (``cost``: memory, slots) among those whose score (lower is better, e.g.
    the worst interactive p95) is within ``tolerance`` of the best; differences smaller than that are noise."""
    if not scores:
        raise ValueError("no option was measured")
    best = min(scores.values())
    fine = [name for name, score in scores.items() if score <= best * (1 + tolerance)]
    return min(fine, key=lambda name: (cost(name), scores[name]))


def heap_bytes(text: str) -> int:
    """``2g``, ``512m``, ``4096k`` as bytes (the JVM's -Xmx spelling)."""
    units = {"k": 2**10, "m": 2**20, "g": 2**30}
    text = text.strip().lower()
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


# --- the server ---------------------------------------------------------------------------------------------

def _proc(pid: int) -> dict[str, float]:
    """CPU seconds and peak resident memory (MiB) of a process so far (Linux /proc; {} elsewhere)."""
    import os  # noqa: PLC0415

    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        cpu = (int(fields[11]) + int(fields[12])) / ticks
        status = Path(f"/proc/{pid}/status").read_text()
        peak = next((int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmHWM")), 0.0)
        rss = next((int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmRSS")), 0.0)
    except (OSError, IndexError, ValueError):
        return {}
    return {"cpu_seconds": round(cpu, 1), "peak_rss_mib": round(peak), "rss_mib": round(rss)}


def restart(args: argparse.Namespace, heap: str, queries: int) -> store.Opened:
    """Stop the store's server and start it again with these settings; an open gateway on it."""
    from workbench.settings import Settings  # noqa: PLC0415
    from workbench.store import embedded  # noqa: PLC0415

    settings = Settings.from_env(store.environment(args.store_home, args.database, None))
    embedded.stop(settings)
    return store.open_store(args, WORKBENCH_HEAP=heap, WORKBENCH_SERVER_QUERIES=str(queries))


def measured_run(args: argparse.Namespace, sample: Sample, heap: str, queries: int, seed: int,
                 users: int, mix: tuple[tuple[str, int], ...] = MIX, restart_server: bool = True,
                 extra: Callable[[float], tuple[str, str | None]] | None = None,
                 opened: store.Opened | None = None) -> dict[str, Any]:
    """One measured run: (re)start the server with the settings, warm up, then ``users`` users for ``--seconds``."""
    from workbench.store import embedded  # noqa: PLC0415

    started = time.monotonic()
    if restart_server or opened is None:
        opened = restart(args, heap, queries)
        own = True
    else:
        own = False
    restart_s = time.monotonic() - started
    try:
        info = embedded.status(opened.settings).info if opened.settings.embedded else None
        if args.warmup > 0:
            driver_load(opened.gateway, sample, users, args.warmup, args.think, seed + 99, mix)
        before = _proc(info.pid) if info else {}
        load_before = store.load_average()
        figures = driver_load(opened.gateway, sample, users, args.seconds, args.think, seed, mix, extra)
        after = _proc(info.pid) if info else {}
    finally:
        if own:
            opened.gateway.close()
    figures.pop("operations", None)
    figures.update(heap=heap, server_queries=queries, restart_seconds=round(restart_s, 1),
                   load_average_before=load_before, load_average_after=store.load_average())
    if before and after:
        figures["server"] = {"cpu_seconds": round(after["cpu_seconds"] - before["cpu_seconds"], 1),
                             "peak_rss_mib": after["peak_rss_mib"], "rss_mib_after": after["rss_mib"]}
    print(f"  heap {heap}, queries {queries}, {users} users{' + heavy' if extra else ''}: "
          f"{figures['requests']} requests, {figures['errors']} errors, p95 by kind "
          f"{ {k: v['p95_ms'] for k, v in figures['by_kind'].items()} }, load {figures['load_average_after']}",
          flush=True)
    return figures


def compare(args: argparse.Namespace, sample: Sample, name: str, options: list[tuple[str, int]],
            label: Callable[[tuple[str, int]], str]) -> dict[str, Any]:
    """Interleaved runs of each (heap, queries) option; per option its runs and median p95s."""
    runs: dict[str, list[dict[str, Any]]] = {label(o): [] for o in options}
    print(f"{name}: {', '.join(runs)} x {args.rounds}, {args.users} users, {args.seconds:.0f} s each", flush=True)
    for i, (heap, queries) in enumerate(interleave(options, args.rounds)):
        runs[label((heap, queries))].append(
            measured_run(args, sample, heap, queries, args.seed + i, args.users))
    return {"order": [label(o) for o in interleave(options, args.rounds)],
            "options": {key: {"median_p95_ms": median_p95(values),
                              "errors": sum(v["errors"] for v in values),
                              "requests_per_second": round(statistics.median(v["overall"]["per_second"]
                                                                             for v in values), 2),
                              "runs": values} for key, values in runs.items()}}


def time_detectors(gateway: Any) -> dict[str, dict[str, Any]]:
    """Each detector once, one user: seconds, status and findings."""
    from workbench.analysis import detect  # noqa: PLC0415
    from workbench.store.catalogue import load_catalogue  # noqa: PLC0415

    out = {}
    for rule in load_catalogue().detectors:
        started = time.monotonic()
        findings, run = detect.run_rule(gateway, rule)
        out[rule.id] = {"seconds": round(time.monotonic() - started, 2), "status": run.status,
                        "findings": len(findings)}
    return out


def heavy_check(args: argparse.Namespace, sample: Sample, heap: str, queries: int, kind: str) -> dict[str, Any]:
    """Light users alone and with one user running a heavy query in a loop (``kind``: the heaviest detector, or an
    aggregate typed into the console with its limits), interleaved, on one server."""
    from workbench.analysis import detect  # noqa: PLC0415
    from workbench.analysis.console import run_console  # noqa: PLC0415
    from workbench.store.catalogue import load_catalogue  # noqa: PLC0415
    from workbench.trust.audit import AuditLog  # noqa: PLC0415
    from workbench.trust.auth import User  # noqa: PLC0415

    opened = restart(args, heap, queries)
    out: dict[str, Any] = {"kind": kind}
    try:
        heavy: Callable[[float], tuple[str, str | None]]
        if kind == "detector":
            time_detectors(opened.gateway)  # warm-up: first plans and pages
            detectors = time_detectors(opened.gateway)
            heaviest = max(detectors, key=lambda rule: detectors[rule]["seconds"])
            rule = next(r for r in load_catalogue().detectors if r.id == heaviest)
            out.update(heavy=f"detector:{heaviest}", detectors_alone_seconds=detectors)
            print(f"heavy: the heaviest detector is {heaviest} ({detectors[heaviest]['seconds']} s alone)", flush=True)

            def heavy(deadline: float) -> tuple[str, str | None]:
                _, run = detect.run_rule(opened.gateway, rule)
                return f"detector:{heaviest}", None if run.status in ("complete", "truncated") else \
                    f"{run.status}: {run.message}"
        else:
            audit = AuditLog(opened.settings.home)
            analyst = User("bench-heavy", "investigator")
            started = time.monotonic()
            alone = run_console(opened.gateway, CONSOLE_HEAVY, analyst, audit)
            out.update(heavy=f"console: {CONSOLE_HEAVY}", console_alone_seconds=round(time.monotonic() - started, 2),
                       console_alone_status=alone.status.value)
            print(f"heavy: the console aggregate takes {out['console_alone_seconds']} s alone ({alone.status.value})",
                  flush=True)

            def heavy(deadline: float) -> tuple[str, str | None]:
                result = run_console(opened.gateway, CONSOLE_HEAVY, analyst, audit)
                return "console", None if result.ok else f"{result.status.value}: {result.error}"

        light_users = max(1, args.users - 1)
        runs: dict[str, list[dict[str, Any]]] = {"light_alone": [], "light_with_heavy": []}
        for i, option in enumerate(interleave(list(runs), args.rounds)):
            runs[option].append(measured_run(args, sample, heap, queries, args.seed + 50 + i, light_users, LIGHT,
                                             restart_server=False, opened=opened,
                                             extra=heavy if option == "light_with_heavy" else None))
    finally:
        opened.gateway.close()
    out.update(light_users=light_users, heavy_users=1, light_mix=dict(LIGHT),
               options={key: {"median_p95_ms": median_p95(values), "errors": sum(v["errors"] for v in values),
                              "runs": values} for key, values in runs.items()})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_server_settings",
                                     description=__doc__.splitlines()[0])
    store.add_arguments(parser)
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60, help="measured seconds per run (default 60)")
    parser.add_argument("--warmup", type=float, default=15, help="unrecorded seconds after each restart (default 15)")
    parser.add_argument("--think", type=float, default=0.1, help="mean pause between a user's operations (s)")
    parser.add_argument("--heaps", nargs="+", default=["2g", "4g"])
    parser.add_argument("--queries", type=int, nargs="+", default=[4, 16],
                        help="values of WORKBENCH_SERVER_QUERIES (arcadedb.queryMaxConcurrent) to compare")
    parser.add_argument("--base-heap", default="2g", help="heap of the concurrency and heavy-query runs")
    parser.add_argument("--base-queries", type=int, default=16, help="server queries of the heap and heavy runs")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--parts", nargs="+", default=["heap", "queries", "heavy"],
                        choices=["heap", "queries", "heavy", "heavy_console"])
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    if not args.store_home:
        parser.error("--store-home is required: the settings compared are the embedded server's")

    previous = store.previous_results("server_settings")
    opened = restart(args, args.base_heap, args.base_queries)
    try:
        size = store.store_size(opened.gateway)
        sample = collect_sample(opened.gateway, seed=args.seed)
    finally:
        opened.gateway.close()
    figures: dict[str, Any] = {k: v for k, v in previous.items() if k in PARTS}
    figures.update(store=size, users=args.users, seconds_per_run=args.seconds, warmup_seconds=args.warmup,
                   think_seconds=args.think, rounds=args.rounds, mix=dict(MIX), load_average_before=store.load_average())
    try:
        if "heap" in args.parts:
            figures["heap"] = compare(args, sample, "heap", [(h, args.base_queries) for h in args.heaps],
                                      lambda o: o[0])
            scores = {k: v["median_p95_ms"].get("all", 0.0) for k, v in figures["heap"]["options"].items()}
            figures["heap"]["chosen"] = prefer(scores, lambda h: heap_bytes(h))
        if "queries" in args.parts:
            figures["server_queries"] = compare(args, sample, "server queries",
                                                [(args.base_heap, q) for q in args.queries], lambda o: str(o[1]))
            scores = {k: v["median_p95_ms"].get("all", 0.0) for k, v in figures["server_queries"]["options"].items()}
            figures["server_queries"]["chosen"] = prefer(scores, lambda q: -int(q))  # equal: more slots, fewer waits
        if "heavy" in args.parts:
            figures["heavy"] = heavy_check(args, sample, args.base_heap, args.base_queries, "detector")
        if "heavy_console" in args.parts:
            figures["heavy_console"] = heavy_check(args, sample, args.base_heap, args.base_queries, "console")
    finally:
        figures["load_average_after"] = store.load_average()
        path = write_result("server_settings", figures)
        # Leave the store's server running with the workbench's defaults.
        restart(args, args.base_heap, args.base_queries).gateway.close()
    print(json.dumps({part: {k: v.get("median_p95_ms") for k, v in figures[part]["options"].items()}
                      for part in PARTS if part in figures}, indent=1))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
