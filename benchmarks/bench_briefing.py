"""Benchmark: briefings of a 30-entity case (target: well under 10 s) and a 200-entity case (target: 20 s).

Starts an embedded server in a temporary home, ingests the demo bundle (workbench/demo/bundle, 3,000 manifests) as
background trade so that a statement that scans the store shows, then loads a synthetic network
(bench_briefing_*.cypher: 25 rings of supplier, importer, forwarder, officer, address, phone, shipment,
seizure). Two cases are saved: 30 entities (29 ring members and ``country:CN``, as a case saved from the network
view may hold a country) and 200 entities (every ring member). Each case's briefing is built and rendered once
per format (model building, detectors included, is part of every figure); the model alone is timed as well.
The first briefing of the process (imports, first query plans) is timed apart.
Results go to benchmarks/results/briefing.json with the machine's details.

    .venv/bin/python benchmarks/bench_briefing.py [--no-background]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEMO = HERE.parent / "workbench" / "demo" / "bundle"
RINGS = 25  # 8 entities each -> 200
TARGETS_S = {"30": 10.0, "200": 20.0}


def ring_keys(rings: int) -> list[str]:
    keys = [f"{kind}-{i}" for i in range(1, rings + 1) for kind in (
        "company:sup", "company:imp", "company:fwd", "person:officer", "address:", "phone:",
        "shipment:bench", "seizure:bench")]
    return [k.replace(":-", ":") for k in keys]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-background", action="store_true", help="skip the demo bundle (an empty store)")
    args = parser.parse_args(argv)

    from workbench import briefing
    from workbench.briefing.types import Source
    from workbench.cases.saved import Case, CaseStore
    from workbench.settings import Settings
    from workbench.store import embedded
    from workbench.store.connect import open_gateway

    from benchmarks.machine import write_result

    cases = {"30": ring_keys(4)[:29] + ["country:CN"], "200": ring_keys(RINGS)}
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-briefing-") as home:
        settings = Settings.from_env({"WORKBENCH_HOME": home, "WORKBENCH_HEAP": "1g"})
        embedded.start(settings)
        try:
            with open_gateway(settings) as gateway:
                background = 0
                if not args.no_background and (DEMO / "manifests.csv").exists():
                    from workbench.ingest import ingest_path

                    started = time.perf_counter()
                    ingest_path(gateway, DEMO)
                    print(f"background: demo bundle ingested in {time.perf_counter() - started:.1f} s")
                    background = sum(1 for _ in (DEMO / "manifests.csv").open(encoding="utf-8")) - 1
                gateway.write((HERE / "bench_briefing_ports.cypher").read_text(encoding="utf-8"))
                gateway.write((HERE / "bench_briefing_graph.cypher").read_text(encoding="utf-8"), {"n": RINGS})
                # The first briefing of a process also pays for imports (matplotlib, reportlab, Basemap) and the
                # server's first plans: timed on its own so the figures below compare like with like.
                CaseStore(settings.home).save(Case("Warm-up", ring_keys(1)))
                started = time.perf_counter()
                briefing.build_and_render(gateway, settings, Source.case("Warm-up"), "pdf", "es")
                cold = time.perf_counter() - started
                print(f"first briefing of the process (8 entities, pdf): {cold:.2f} s")
                for size, keys in cases.items():
                    name = f"Benchmark case {size}"
                    CaseStore(settings.home).save(Case(name, keys))
                    started = time.perf_counter()
                    model = briefing.build(gateway, settings, Source.case(name), lang="es")
                    model_s = time.perf_counter() - started
                    formats = {}
                    for fmt in ("pdf", "pptx", "md"):
                        started = time.perf_counter()
                        data, file, _ = briefing.build_and_render(gateway, settings, Source.case(name), fmt, "es",
                                                                  None, "RESERVADO", "bench")
                        seconds = time.perf_counter() - started
                        formats[fmt] = {"seconds": round(seconds, 2), "bytes": len(data), "file": file,
                                        "under_target": seconds < TARGETS_S[size]}
                        print(f"{size} entities, {fmt}: {seconds:.2f} s, {len(data):,} bytes")
                    results[size] = {"case_entities": len(keys), "briefing_entities": len(model.entities),
                                     "briefing_companies": len(model.by_kind("Company", "Broker")),
                                     "briefing_links": len(model.links), "model_seconds": round(model_s, 2),
                                     "target_seconds": TARGETS_S[size], "formats": formats}
                    print(f"{size} entities: model {model_s:.2f} s, {len(model.entities)} entities")
        finally:
            embedded.stop(settings)
    report = {
        "benchmark": "briefings of a 30-entity and a 200-entity case, Spanish, every format",
        "background_manifests": background,
        "first_briefing_of_process_seconds": round(cold, 2),
        # A shared machine: the load average says how much of each figure is waiting for a core.
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
        "cases": results,
    }
    print(f"written {write_result('briefing', report)}")
    return 0 if all(f["under_target"] for r in results.values() for f in r["formats"].values()) else 1  # type: ignore[attr-defined]


if __name__ == "__main__":
    sys.exit(main())
