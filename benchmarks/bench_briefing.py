"""Benchmark: a 200-entity case rendered as PDF, PowerPoint and Markdown (target: under 20 s each).

Starts an embedded server in a temporary home, loads a synthetic network (bench_briefing_*.cypher), saves a
case of 200 entities (25 rings of supplier, importer, forwarder, officer, address, phone, shipment, seizure),
builds the briefing once and times each format, model building included. Results go to
benchmarks/results/briefing.json with the machine's details.

    .venv/bin/python benchmarks/bench_briefing.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RINGS = 25  # 8 entities each -> 200
TARGET_S = 20.0


def main(argv: list[str] | None = None) -> int:
    from workbench import briefing
    from workbench.store import embedded
    from workbench.briefing.model import Source
    from workbench.cases.saved import Case, CaseStore
    from workbench.settings import Settings
    from workbench.store.connect import open_gateway

    from benchmarks.machine import write_result

    with tempfile.TemporaryDirectory(prefix="bench-briefing-") as home:
        settings = Settings.from_env({"WORKBENCH_HOME": home, "WORKBENCH_HEAP": "1g"})
        embedded.start(settings)
        try:
            with open_gateway(settings) as gateway:
                gateway.write((HERE / "bench_briefing_ports.cypher").read_text(encoding="utf-8"))
                gateway.write((HERE / "bench_briefing_graph.cypher").read_text(encoding="utf-8"), {"n": RINGS})
                keys = [f"{kind}-{i}" for i in range(1, RINGS + 1) for kind in (
                    "company:sup", "company:imp", "company:fwd", "person:officer", "address:", "phone:",
                    "shipment:bench", "seizure:bench")]
                keys = [k.replace(":-", ":") for k in keys]
                CaseStore(settings.home).save(Case("Benchmark ring", keys))
                results = {}
                for fmt in ("pdf", "pptx", "md"):
                    started = time.perf_counter()
                    data, name, _ = briefing.build_and_render(gateway, settings, Source.case("Benchmark ring"), fmt,
                                                              "es", None, "RESERVADO", "bench")
                    seconds = time.perf_counter() - started
                    results[fmt] = {"seconds": round(seconds, 2), "bytes": len(data), "file": name,
                                    "under_target": seconds < TARGET_S}
                    print(f"{fmt}: {seconds:.2f} s, {len(data):,} bytes")
                model = briefing.build(gateway, settings, Source.case("Benchmark ring"), lang="es")
        finally:
            embedded.stop(settings)
    report = {
        "benchmark": "briefing of a 200-entity case",
        "case_entities": len(keys),
        "briefing_entities": len(model.entities),
        "briefing_links": len(model.links),
        "target_seconds": TARGET_S,
        "formats": results,
    }
    print(f"written {write_result('briefing', report)}")
    return 0 if all(r["under_target"] for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
