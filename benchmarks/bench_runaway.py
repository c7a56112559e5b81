"""Another user's search answers normally while four runaway queries are being stopped (issue 14 #1).

Starts an embedded server of its own (WORKBENCH_QUERY_TIMEOUT seconds, default 5) on a store of companies, then
four users each type the cartesian runaway ``MATCH (a),(b),(c) WHERE a.key + b.key + c.key = 'x' ...`` into the
console at once, while a fifth user searches the full-text index in a loop. Records how each runaway ended (the
server stops it at the deadline), the searcher's latencies while the runaways run and after, and whether any of
them failed. Before the fix the runaways kept their server slots and every other query failed after 30 s.
The machine's load average is recorded too: on a busy 2-core machine the searches that overlap the runaways wait
for CPU, and the figures after the stop show the server freed.
Default: 300 companies, 5 s timeout (about a minute). Writes benchmarks/results/runaway.json.
Run: .venv/bin/python -m benchmarks.bench_runaway [--companies N] [--timeout S]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from typing import Any

from benchmarks.machine import write_result

RUNAWAY = "MATCH (a),(b),(c) WHERE a.key + b.key + c.key = 'x' RETURN count(*) AS n"


def _summary(samples: list[float]) -> dict[str, Any]:
    if not samples:
        return {"count": 0}
    ordered = sorted(samples)
    return {"count": len(ordered), "p50_ms": round(statistics.median(ordered) * 1000, 1),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1),
            "max_ms": round(ordered[-1] * 1000, 1)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_runaway")
    parser.add_argument("--companies", type=int, default=300)
    parser.add_argument("--timeout", type=int, default=5)
    args = parser.parse_args(argv)

    from workbench.analysis import explore  # noqa: PLC0415
    from workbench.analysis.console import run_console  # noqa: PLC0415
    from workbench.settings import Settings  # noqa: PLC0415
    from workbench.store import embedded  # noqa: PLC0415
    from workbench.store.connect import open_gateway  # noqa: PLC0415
    from workbench.store.gateway import act_as  # noqa: PLC0415
    from workbench.trust.audit import AuditLog  # noqa: PLC0415
    from workbench.trust.auth import User  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as home:
        settings = Settings.from_env({"WORKBENCH_HOME": home, "WORKBENCH_HEAP": "1g",
                                      "WORKBENCH_QUERY_TIMEOUT": str(args.timeout)})
        embedded.start(settings)
        try:
            gateway = open_gateway(settings)
            gateway.write("UNWIND range(1, $n) AS i CREATE (:Company {key: 'company:' + toString(i), "
                          "name: 'Firm ' + toString(i) + ' Trading', searchText: 'firm trading ' + toString(i)})",
                          {"n": args.companies})
            audit = AuditLog(settings.home)
            runaways: dict[str, dict[str, Any]] = {}

            def runaway(name: str) -> None:
                started = time.monotonic()
                result = run_console(gateway, RUNAWAY, User(name, "investigator"), audit)
                runaways[name] = {"status": result.status.value, "seconds": round(time.monotonic() - started, 2),
                                  "message": str(result.error)[:120]}

            during: list[float] = []
            after: list[float] = []
            errors: list[str] = []
            threads = [threading.Thread(target=runaway, args=(f"runaway{i}",)) for i in range(4)]
            act_as("searcher")
            started = time.monotonic()
            for thread in threads:
                thread.start()
            i = 0
            while any(t.is_alive() for t in threads):
                t0 = time.monotonic()
                try:
                    hits = explore.search(gateway, f"firm {i % args.companies + 1}", limit=5)
                    if not hits:
                        errors.append("no hits")
                except Exception as e:  # noqa: BLE001 - every failure counts
                    errors.append(str(e)[:120])
                during.append(time.monotonic() - t0)
                i += 1
            for thread in threads:
                thread.join()
            runaway_wall = time.monotonic() - started
            for j in range(20):
                t0 = time.monotonic()
                try:
                    explore.search(gateway, f"firm {j + 1}", limit=5)
                except Exception as e:  # noqa: BLE001
                    errors.append(str(e)[:120])
                after.append(time.monotonic() - t0)
            gateway.close()
        finally:
            embedded.stop(settings)
    figures = {"load_average_1min_at_end": round(os.getloadavg()[0], 2), "companies": args.companies, "query_timeout_s": args.timeout, "runaways": runaways,
               "runaways_wall_s": round(runaway_wall, 2), "search_during_runaways": _summary(during),
               "search_after_runaways": _summary(after), "search_errors": errors[:10], "error_count": len(errors)}
    print(figures)
    print(f"wrote {write_result('runaway', figures)}")


if __name__ == "__main__":
    main()
