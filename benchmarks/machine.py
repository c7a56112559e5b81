"""Machine details written beside every benchmark result, and one way to write results."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

RESULTS = Path(__file__).resolve().parent / "results"


def machine_details() -> dict[str, Any]:
    """What a reader needs to compare figures: CPU, memory, OS, Python and store versions."""
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gib = None
    try:
        memory_gib = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError):
        pass
    from workbench.store.embedded import ARCADEDB_VERSION  # noqa: PLC0415

    return {
        "time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory_gib": memory_gib,
        "python": sys.version.split()[0],
        "arcadedb_embedded": ARCADEDB_VERSION,
    }


def commit() -> str | None:
    """The checkout's commit, so figures kept side by side (one entry per size) say which code they measured."""
    import subprocess  # noqa: PLC0415

    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=RESULTS.parent, capture_output=True,
                              text=True, timeout=10, check=True).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def write_result(name: str, figures: dict[str, Any]) -> Path:
    """Write ``benchmarks/results/NAME.json`` with the figures and the machine's details."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps({"machine": machine_details(), "results": figures}, indent=2, default=str) + "\n")
    return path


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    """Milliseconds one call took, and what it returned."""
    started = time.perf_counter()
    value = call()
    return (time.perf_counter() - started) * 1000, value


def latency(samples: list[float], median_key: str = "p50_ms") -> dict[str, float]:
    """Runs, median, p95 and maximum of latencies in milliseconds (``median_key`` names the median as each
    benchmark's results file has always named it)."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"runs": len(samples), median_key: round(statistics.median(ordered), 1), "p95_ms": round(p95, 1),
            "max_ms": round(ordered[-1], 1)}
