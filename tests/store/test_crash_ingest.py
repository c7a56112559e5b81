"""Crash safety: an ingest killed with SIGKILL at random points leaves a consistent store, and re-running completes it.

A medium demo bundle is ingested once, cleanly, into a reference database. Into a second database the
same bundle is ingested by `python -m workbench ingest` in a subprocess that is SIGKILLed at seeded random
moments, several times, then run to completion. The result must equal the reference: the same nodes and
relationships (keys, types, properties except ingest timestamps) and no duplicate keys.
Set BENCH_WRITE_RESULTS=1 to write the figures to benchmarks/results/crash_ingest.json.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

import pytest

from workbench.store.gateway import Gateway
from workbench.settings import Settings
from workbench.store.connect import open_gateway

REPO = Path(__file__).resolve().parents[2]
SEED = 3
KILLS = 6
MANIFESTS = 3000
BATCH = "1000"  # several commit boundaries, so kills land between batches as well as inside them
TIMESTAMPS = {"firstIngestedAt", "lastIngestedAt", "startedAt", "finishedAt", "countedAt"}  # countedAt: StoreCounts

# Test-only statements: the whole store, as comparable data.
NODES = "MATCH (n) RETURN n.key AS key, labels(n) AS labels, properties(n) AS props"
EDGES = "MATCH (a)-[r]->(b) RETURN a.key AS a, type(r) AS type, b.key AS b, properties(r) AS props"
DUPLICATE_KEYS = "MATCH (n) WITH n.key AS k, count(*) AS c WHERE c > 1 RETURN count(*) AS duplicates"


def _comparable(value: Any) -> Any:
    return sorted(map(repr, value)) if isinstance(value, list) else value


def store_contents(gateway: Gateway) -> tuple[Counter, Counter]:
    """Nodes and relationships as multisets, timestamps left out (they differ between runs by design)."""
    def props(p: dict[str, Any]) -> tuple:
        return tuple(sorted((k, repr(_comparable(v))) for k, v in p.items() if k not in TIMESTAMPS))

    nodes = gateway.read(NODES, row_cap=10_000_000, timeout=300).raise_for_status().data()
    edges = gateway.read(EDGES, row_cap=10_000_000, timeout=300).raise_for_status().data()
    return (Counter((n["key"], tuple(sorted(n["labels"])), props(n["props"])) for n in nodes),
            Counter((e["a"], e["type"], e["b"], props(e["props"])) for e in edges))


def ingest_command(bundle: Path) -> list[str]:
    return [sys.executable, "-m", "workbench", "ingest", str(bundle), "--batch-size", BATCH, "--format", "json"]


def env_for(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "WORKBENCH_"))}
    env.update(WORKBENCH_HOME=str(settings.home), NEO4J_DATABASE=settings.database)
    return env


def run_to_end(bundle: Path, settings: Settings) -> float:
    started = time.monotonic()
    done = subprocess.run(ingest_command(bundle), cwd=REPO, env=env_for(settings), capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return time.monotonic() - started


def run_and_kill(bundle: Path, settings: Settings, after: float) -> bool:
    """Start an ingest and SIGKILL it after ``after`` seconds; True when it was still running then."""
    proc = subprocess.Popen(ingest_command(bundle), cwd=REPO, env=env_for(settings), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        proc.wait(timeout=after)
        return False
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        return True


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("crash-bundle") / "demo"
    subprocess.run([sys.executable, "-m", "workbench.demo.generator", "--out", str(out), "--seed", str(SEED),
                    "--manifests", str(MANIFESTS)], cwd=REPO, check=True, capture_output=True, timeout=300)
    return out


@pytest.fixture
def reference_settings(server_settings: Settings) -> Iterator[Settings]:
    """A second database of its own for the clean reference ingest."""
    from workbench.store import embedded  # noqa: PLC0415
    from workbench.store.connect import for_database  # noqa: PLC0415

    name = f"crashref_{os.getpid()}_{int(time.time())}"
    embedded.create_database(server_settings, name)
    yield for_database(server_settings, name)
    embedded.drop_database(server_settings, name)


def test_sigkilled_ingest_leaves_a_consistent_store_and_rerun_completes_it(
    bundle: Path, store_settings: Settings, reference_settings: Settings
) -> None:
    clean_seconds = run_to_end(bundle, reference_settings)
    with open_gateway(reference_settings) as gw:
        expected = store_contents(gw)
    assert sum(expected[0].values()) > 1000, "the demo bundle should give a medium-sized graph"
    expected_keys = {key for key, _, _ in expected[0]}

    rng = random.Random(SEED)
    moments = sorted(round(rng.uniform(0.3, clean_seconds * 0.6), 2) for _ in range(KILLS))
    figures: dict[str, Any] = {"clean_ingest_seconds": round(clean_seconds, 1), "kill_after_seconds": moments,
                               "killed_while_running": 0, "after_kill": []}
    for after in moments:
        killed = run_and_kill(bundle, store_settings, after)
        figures["killed_while_running"] += killed
        with open_gateway(store_settings) as gw:
            # Consistent after every kill: no duplicate keys, whatever was committed is whole.
            duplicates = gw.read(DUPLICATE_KEYS).raise_for_status().data()[0]["duplicates"]
            nodes, edges = store_contents(gw)
        # Keys the clean ingest does not have (an entity resolved differently against a partial store).
        strays = sorted({key for key, _, _ in nodes} - expected_keys)
        figures["after_kill"].append({"after": after, "killed": killed, "nodes": sum(nodes.values()),
                                      "relationships": sum(edges.values()), "duplicate_keys": duplicates,
                                      "keys_not_in_clean_ingest": strays[:10]})
        assert duplicates == 0, figures

    figures["rerun_seconds"] = round(run_to_end(bundle, store_settings), 1)
    with open_gateway(store_settings) as gw:
        duplicates = gw.read(DUPLICATE_KEYS).raise_for_status().data()[0]["duplicates"]
        actual = store_contents(gw)
    figures.update(final_nodes=sum(actual[0].values()), final_relationships=sum(actual[1].values()),
                   expected_nodes=sum(expected[0].values()), expected_relationships=sum(expected[1].values()),
                   final_duplicate_keys=duplicates)
    print("crash figures:", figures)
    if os.environ.get("BENCH_WRITE_RESULTS") == "1":
        sys.path.insert(0, str(REPO))
        from benchmarks.machine import write_result  # noqa: PLC0415

        write_result("crash_ingest", figures)

    # A run against a partly filled store is faster than the clean one, so a late moment can miss.
    assert figures["killed_while_running"] >= KILLS // 2, f"most kills should land mid-ingest: {figures}"
    assert duplicates == 0
    missing_nodes = expected[0] - actual[0]
    extra_nodes = actual[0] - expected[0]
    assert not missing_nodes and not extra_nodes, (
        f"{sum(missing_nodes.values())} nodes missing, {sum(extra_nodes.values())} extra; e.g. "
        f"missing {list(missing_nodes)[:2]}, extra {list(extra_nodes)[:2]}")
    missing_edges = expected[1] - actual[1]
    extra_edges = actual[1] - expected[1]
    assert not missing_edges and not extra_edges, (
        f"{sum(missing_edges.values())} relationships missing, {sum(extra_edges.values())} extra; e.g. "
        f"missing {list(missing_edges)[:2]}, extra {list(extra_edges)[:2]}")
