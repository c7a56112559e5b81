"""Run a read benchmark against a store that is already ingested, and say how big it is.

Every read benchmark (bench_reads, bench_load's driver level, bench_briefing, bench_server_settings) ingests a
small store of its own by default. With ``--store-home DIR [--database NAME]`` it uses instead the embedded store
kept in that workbench home (started with the usual machinery when it is not running; e.g. the store
``python -m benchmarks.bench_reads --sizes 100000 --home DIR --keep`` leaves behind, database ``reads100000``);
with ``--uri bolt://...`` (password in ``NEO4J_PASSWORD``) an external Neo4j 5. So one 100k store, ingested once,
gives every read figure, and each figure is recorded next to the size of the store it was measured on.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    from workbench.settings import Settings
    from workbench.store.gateway import Gateway


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options naming an existing store (none given: the benchmark builds its own, as before)."""
    group = parser.add_argument_group("existing store (instead of ingesting one)")
    group.add_argument("--store-home", type=Path, help="workbench home of an embedded store already ingested")
    group.add_argument("--database", help="database in that home or on --uri (default: the home's or neo4j)")
    group.add_argument("--uri", help="Bolt URI of an external Neo4j 5 holding an ingested store "
                                     "(user NEO4J_USER, password NEO4J_PASSWORD)")


def given(args: argparse.Namespace) -> bool:
    """True when the command line names an existing store."""
    return bool(getattr(args, "store_home", None) or getattr(args, "uri", None))


#: Settings of the embedded server taken from the caller's environment (overrides win).
SERVER_SETTINGS = ("WORKBENCH_HEAP", "WORKBENCH_SERVER_QUERIES", "WORKBENCH_QUERY_TIMEOUT")


def environment(store_home: Path | None, database: str | None, uri: str | None,
                env: Mapping[str, str] | None = None, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """The workbench environment for an existing store: an embedded home, or ``uri`` with the caller's
    NEO4J_USER/NEO4J_PASSWORD; ``overrides`` are further WORKBENCH_* settings (heap, server queries...).
    A Neo4j store gets a throwaway home for what the benchmark saves (cases)."""
    source = dict(os.environ if env is None else env)
    if bool(store_home) == bool(uri):
        raise ValueError("name exactly one existing store: --store-home DIR or --uri bolt://...")
    # The server's settings the caller exported (WORKBENCH_HEAP=8g python -m benchmarks...) apply, as they would
    # to `workbench up`; until this, they were dropped and every --store-home run had the default 2g heap.
    out = {name: source[name] for name in SERVER_SETTINGS if source.get(name)}
    out.update(overrides or {})
    if store_home:
        out["WORKBENCH_HOME"] = str(Path(store_home).absolute())
        if database:
            out["NEO4J_DATABASE"] = database
        return out
    out.update(NEO4J_URI=str(uri), NEO4J_USER=source.get("NEO4J_USER", "neo4j"),
               NEO4J_PASSWORD=source.get("NEO4J_PASSWORD", ""))
    out["WORKBENCH_HOME"] = source.get("WORKBENCH_HOME") or tempfile.mkdtemp(prefix="bench-neo4j-home-")
    if database:
        out["NEO4J_DATABASE"] = database
    return out


def choose_database(available: list[str], named: str | None, default: str) -> str:
    """The database to read: the one named; else the only one besides the home's default (a benchmark store such as
    ``reads100000`` next to the empty ``workbench``); else the default."""
    if named:
        return named
    others = [name for name in available if name != default]
    return others[0] if len(others) == 1 else default


@dataclass
class Opened:
    """An open gateway on an existing store, and whether this process started its server."""

    settings: "Settings"
    gateway: "Gateway"
    started_server: bool

    def close(self, stop: bool | None = None) -> None:
        """Close the gateway; stop the embedded server when this process started it (or when ``stop``)."""
        from workbench.store import embedded  # noqa: PLC0415

        self.gateway.close()
        if self.settings.embedded and (self.started_server if stop is None else stop):
            embedded.stop(self.settings)


def open_store(args: argparse.Namespace, **overrides: str) -> Opened:
    """Open the store the command line names (``given(args)`` must be true)."""
    from workbench.settings import Settings  # noqa: PLC0415
    from workbench.store import embedded  # noqa: PLC0415
    from workbench.store.connect import for_database, open_gateway  # noqa: PLC0415

    settings = Settings.from_env(environment(args.store_home, args.database, args.uri, overrides=overrides))
    started = False
    if settings.embedded:
        home = embedded.Home(settings.home)
        if not home.server_root.is_dir():
            raise SystemExit(f"{settings.home} holds no embedded store; ingest one first "
                             "(python -m benchmarks.bench_reads --sizes 100000 --home DIR --keep)")
        started = not embedded.status(settings).running
        embedded.ensure_running(settings)
        available = embedded.list_databases(settings)
        settings = for_database(settings, choose_database(available, args.database, settings.database))
        if settings.database not in available:
            raise SystemExit(f"{settings.home} has no database {settings.database!r}; it has {available} "
                             "(pass --database)")
    # The store was ingested with its schema; a read benchmark must not change it.
    return Opened(settings, open_gateway(settings, schema=False), started)


def size_label(manifests: int) -> str:
    """``10k``, ``100k``, ``1M``: how a store size is named in results."""
    if manifests >= 1_000_000:
        value, unit = manifests / 1_000_000, "M"
    elif manifests >= 1_000:
        value, unit = manifests / 1_000, "k"
    else:
        return str(manifests)
    return f"{value:.0f}{unit}" if abs(value - round(value)) < 0.05 else f"{value:.1f}{unit}"


def store_size(gateway: "Gateway") -> dict[str, Any]:
    """Manifests (sea shipments: one per manifest row), nodes and relationships of the store, from the counts the
    ingest recorded (counted now when none were recorded) and one count of shipments."""
    from workbench.analysis import overview  # noqa: PLC0415

    counts = overview.store_counts(gateway)
    rows = gateway.read("MATCH (s:Shipment) WHERE coalesce(s.transportMode, 'sea') = 'sea' RETURN count(s) AS n",
                        timeout=120).raise_for_status().data()
    manifests = int(rows[0]["n"]) if rows else 0
    return {"manifests": manifests, "size": size_label(manifests),
            "nodes": sum(counts.labels.values()), "relationships": sum(counts.relationships.values()),
            "labels": dict(sorted(counts.labels.items())), "counted_at": counts.counted_at,
            "backend": gateway.backend, "database": gateway.database}


def load_average() -> list[float]:
    """The machine's 1, 5 and 15 minute load averages (a shared machine: read the figures with them)."""
    return [round(x, 2) for x in os.getloadavg()]


def merge_sizes(previous: list[dict[str, Any]], entry: dict[str, Any], key: str = "manifests") -> list[dict[str, Any]]:
    """``previous`` with ``entry`` in place of the one of the same store size (by ``key``), sorted by size: a
    results file keeps one entry per store size, so figures at 10k, 100k and 1M sit side by side."""
    kept = [item for item in previous if item.get(key) != entry.get(key)]
    return sorted([*kept, entry], key=lambda item: int(item.get(key) or 0))


def sizes_with(name: str, entries: list[dict[str, Any]], part: str = "sizes",
               key: str = "manifests") -> list[dict[str, Any]]:
    """The ``part`` list of benchmarks/results/NAME.json with each of ``entries`` in place of the entry of the same
    store size (see :func:`merge_sizes`)."""
    merged: list[dict[str, Any]] = list(previous_results(name).get(part) or [])
    for entry in entries:
        merged = merge_sizes(merged, entry, key=key)
    return merged


def previous_results(name: str) -> dict[str, Any]:
    """The ``results`` part of benchmarks/results/NAME.json ({} when there is none or it is unreadable)."""
    import json  # noqa: PLC0415

    from benchmarks.machine import RESULTS  # noqa: PLC0415

    try:
        data = json.loads((RESULTS / f"{name}.json").read_text())
    except (OSError, ValueError):
        return {}
    results = data.get("results")
    return results if isinstance(results, dict) else {}
