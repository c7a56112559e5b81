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
    python -m benchmarks.bench_briefing --store-home DIR [--database NAME] [--ground-truth FILE]

On a store already ingested (``--store-home``/``--uri``, benchmarks/store.py) nothing is loaded: the 30-entity case
is built from the store's own entities, as an investigator would assemble it (:func:`grow_case`): the members of
the largest planted network of the generator's ground truth (``--ground-truth``, default the bundle next to the
store) and then, one at a time, the entity most linked to the case so far (a firm trading with it, weighted by
shipments; its people, addresses, phones, e-mails), until 30 entities; the case stays connected. Its briefing (model, then each format) is timed against the target of issue 15 (<= 5 s at 100k) and
recorded with the store's size in benchmarks/results/briefing_at_scale.json (one entry per store size).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
DEMO = HERE.parent / "workbench" / "demo" / "bundle"
RINGS = 25  # 8 entities each -> 200
TARGETS_S = {"30": 10.0, "200": 20.0}
#: Issue 15: a 30-entity case briefing at 100k manifests.
AT_SCALE_TARGET_S = 5.0
CASE_SIZE = 30


def ring_keys(rings: int) -> list[str]:
    keys = [f"{kind}-{i}" for i in range(1, rings + 1) for kind in (
        "company:sup", "company:imp", "company:fwd", "person:officer", "address:", "phone:",
        "shipment:bench", "seizure:bench")]
    return [k.replace(":-", ":") for k in keys]


def grow_case(seeds: list[str], partners: Callable[[str], list[tuple[str, int]]], size: int) -> list[str]:
    """``seeds`` (deduplicated, at most ``size``) and then, one at a time, the entity with the most links to the case
    so far (``partners(key)``: (neighbour, links) of one member), ties broken by key, until ``size`` or nothing is
    left: every entity added is linked to a member, so a connected start stays connected."""
    case = list(dict.fromkeys(seeds))[:size]
    weight: dict[str, int] = {}
    asked: set[str] = set()
    while True:
        for member in case:
            if member not in asked:
                asked.add(member)
                for neighbour, links in partners(member):
                    weight[neighbour] = weight.get(neighbour, 0) + int(links)
        candidates = [(links, key) for key, links in weight.items() if key not in case]
        if len(case) >= size or not candidates:
            return case
        case.append(min(candidates, key=lambda item: (-item[0], item[1]))[1])


def network_members(ground_truth: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, name) of the largest planted network's firms and people (ties: the first listed)."""
    networks = ground_truth.get("networks") or []
    if not networks:
        return []
    best = max(networks, key=lambda n: len(n.get("companies") or []) + len(n.get("persons") or []))
    return [("Company", name) for name in best.get("companies") or []] + \
        [("Person", name) for name in best.get("persons") or []]


def _ground_truth(args: argparse.Namespace) -> tuple[Path | None, dict[str, Any]]:
    candidates = [Path(args.ground_truth)] if args.ground_truth else (
        sorted(Path(args.store_home).glob("bundle-*/ground_truth.json")) if args.store_home else [])
    for path in candidates:
        if path.exists():
            return path, json.loads(path.read_text(encoding="utf-8"))
    return None, {}


def store_case(gateway: Any, ground_truth: dict[str, Any], size: int = CASE_SIZE) -> tuple[list[str], dict[str, Any]]:
    """The case's keys and how it was built: the planted network's members found by name, then its busiest
    trading partners (firms sharing shipments with a member); with no ground truth, the busiest firm's."""
    from workbench.analysis import explore  # noqa: PLC0415

    seeds: list[str] = []
    unresolved: list[str] = []
    members = network_members(ground_truth)
    for label, name in members:
        found = explore.resolve(gateway, name, labels=[label])
        if found.key and found.exact:
            seeds.append(found.key)
        else:
            unresolved.append(name)
    if not seeds:
        rows = gateway.read("MATCH (c:Company) RETURN c.key AS key, COUNT { (c)--(:Shipment) } AS degree "
                            "ORDER BY degree DESC LIMIT 1", timeout=300).raise_for_status().data()
        seeds = [rows[0]["key"]]

    def partners(key: str) -> list[tuple[str, int]]:
        """Firms trading with a member (shipped, consigned, notified or arranged), weighted by shipments; its
        people, addresses, phones and e-mails (1 each, so one shared by several members ranks higher)."""
        if key.startswith("person:"):
            rows = gateway.read("MATCH (p:Person {key: $key})-[:OFFICER_OF|HAS_ADDRESS|HAS_PHONE|HAS_EMAIL]-(x) "
                                "RETURN x.key AS key, 1 AS links", {"key": key}).raise_for_status().data()
        elif key.startswith("company:"):
            rows = gateway.read(
                "MATCH (c:Company {key: $key})-[:SHIPPED|CONSIGNED_TO|NOTIFY_PARTY|ARRANGED]-(s:Shipment)"
                "-[:SHIPPED|CONSIGNED_TO|NOTIFY_PARTY|ARRANGED]-(p:Company) WHERE p <> c "
                "RETURN p.key AS key, count(s) AS links", {"key": key}, timeout=300).raise_for_status().data()
            rows += gateway.read("MATCH (c:Company {key: $key})-[:OFFICER_OF|HAS_ADDRESS|HAS_PHONE|HAS_EMAIL]-(x) "
                                 "RETURN x.key AS key, 1 AS links", {"key": key}).raise_for_status().data()
        else:
            rows = []
        return [(r["key"], int(r["links"])) for r in rows if r["key"]]

    keys = grow_case(seeds, partners, size)
    return keys, {"network_members": len(members), "members_found": len(seeds), "unresolved": unresolved,
                  "linked_entities_added": len(keys) - len(seeds)}


def time_case(gateway: Any, settings: Any, name: str, keys: list[str], target: float,
              formats: tuple[str, ...] = ("pdf", "pptx", "md")) -> dict[str, Any]:
    """Save the case, build its briefing model once (Spanish, as partner agencies get it) and render each format
    from it: a download costs the model and its rendering, so each format's seconds are the two added."""
    from workbench import briefing  # noqa: PLC0415
    from workbench.briefing.types import Source  # noqa: PLC0415
    from workbench.cases.saved import Case, CaseStore  # noqa: PLC0415

    CaseStore(settings.home).save(Case(name, keys))
    started = time.perf_counter()
    model = briefing.build(gateway, settings, Source.case(name), lang="es", author="bench", marking="RESERVADO")
    first_s = time.perf_counter() - started
    # Again, as every briefing after the first since the data last changed: the detectors' findings are kept per
    # store version (workbench/analysis/snapshot.py); the first one pays for running them.
    started = time.perf_counter()
    model = briefing.build(gateway, settings, Source.case(name), lang="es", author="bench", marking="RESERVADO")
    model_s = time.perf_counter() - started
    print(f"{len(keys)} entities: model {first_s:.2f} s first, {model_s:.2f} s again, {len(model.entities)} entities",
          flush=True)
    timed = {}
    for fmt in formats:
        started = time.perf_counter()
        files = briefing.render(model, fmt)
        render_s = time.perf_counter() - started
        seconds = model_s + render_s
        timed[fmt] = {"seconds": round(seconds, 2), "render_seconds": round(render_s, 2),
                      "bytes": sum(len(data) for data in files.values()), "under_target": seconds <= target}
        print(f"{len(keys)} entities, {fmt}: model + render {seconds:.2f} s", flush=True)
    return {"case_entities": len(keys), "first_model_seconds": round(first_s, 2), "briefing_entities": len(model.entities),
            "briefing_companies": len(model.by_kind("Company", "Broker")), "briefing_links": len(model.links),
            "model_seconds": round(model_s, 2), "target_seconds": target, "formats": timed}


def main_at_scale(args: argparse.Namespace) -> int:
    """The 30-entity case briefing on an existing store; figures to briefing_at_scale.json."""
    from benchmarks import store  # noqa: PLC0415
    from benchmarks.machine import write_result  # noqa: PLC0415

    opened = store.open_store(args)
    try:
        size = store.store_size(opened.gateway)
        path, truth = _ground_truth(args)
        keys, how = store_case(opened.gateway, truth)
        how["ground_truth"] = str(path) if path else None
        before = store.load_average()
        # The first briefing of a process also pays for imports and first plans: a warm-up, timed apart.
        started = time.perf_counter()
        time_case(opened.gateway, opened.settings, "Benchmark warm-up", keys[:1], AT_SCALE_TARGET_S, ("md",))
        cold = time.perf_counter() - started
        figures = time_case(opened.gateway, opened.settings, f"Benchmark case {CASE_SIZE} at scale", keys,
                            AT_SCALE_TARGET_S)
    finally:
        opened.close(stop=False if args.keep else None)
    entry = {"manifests": size["manifests"], "store": size, "case": {**how, "keys": keys},
             "warm_up_seconds_1_entity_md": round(cold, 2), "load_average_before": before,
             "load_average_after": store.load_average(), str(CASE_SIZE): figures}
    sizes = store.sizes_with("briefing_at_scale", [entry])
    print(f"written {write_result('briefing_at_scale', {'target': f'30-entity case briefing <= {AT_SCALE_TARGET_S:.0f} s at 100k manifests (issue 15)', 'sizes': sizes})}")
    return 0 if all(f["under_target"] for f in figures["formats"].values()) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-background", action="store_true", help="skip the demo bundle (an empty store)")
    parser.add_argument("--ground-truth", help="the generator's ground_truth.json for a store given with --store-home")
    parser.add_argument("--keep", action="store_true", help="leave the existing store's server running")
    from benchmarks import store  # noqa: PLC0415

    store.add_arguments(parser)
    args = parser.parse_args(argv)
    if store.given(args):
        return main_at_scale(args)

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
