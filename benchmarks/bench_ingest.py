"""Ingest speed and memory on the embedded default store, against the store's bare write floor.

For each size (manifest rows) it generates the seeded FICTIONAL demo bundle (workbench/demo/generator.py,
streamed; cached in ``--cache``), then in a fresh embedded home times ``ingest_path`` end to end (read, validate,
resolve, emit, write; the streamed ingest of workbench/ingest/stream.py) with the peak RSS and CPU seconds of this
process and of the server process. In a second fresh home it writes the very same nodes and relationships with the
fastest plain statements (``benchmarks/floor/``: ``UNWIND $rows AS row CREATE ... SET n = row`` for every label and
relationships by ``MATCH`` on label and key then ``CREATE``), taking them from the ingest's own chunks one at a time
so that the floor, too, runs in bounded memory; only its writing time counts. It reports ingest time / floor time.

Targets (issue 15): 1M manifest rows with the client under 2 GiB and within 1.5x of the floor measured in the same
run. Writes benchmarks/results/ingest.json with the machine's details.

Run: ``python -m benchmarks.bench_ingest --rows 10000 --rows 100000 --rows 1000000`` (default 10k; ``--seed 7``,
``--batch N`` (default: the ingest's own, 10,000), ``--skip-floor``).
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterator

import psutil

from benchmarks.machine import commit
from benchmarks.statements import StatementClock

HERE = Path(__file__).resolve().parent
FLOOR = HERE / "floor"
TARGET_RATIO = 1.5
TARGET_CLIENT_MIB = 2048
TARGET_ROWS = 1_000_000
DEFAULT_ROWS = (10_000,)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def floor_statements() -> dict[str, str]:
    """The floor's statements by id: its templates expanded for the graph model, and its one-off files."""
    from workbench.model.graph import load_model  # noqa: PLC0415
    from workbench.store.templates import expand_all  # noqa: PLC0415

    statements = {e.id: e.text for e in expand_all(FLOOR, load_model())}
    statements.update({p.stem: p.read_text(encoding="utf-8") for p in FLOOR.glob("*.cypher")})
    return statements


def _hwm_mib(pid: int) -> float | None:
    """Peak resident set (VmHWM) of a process, in MiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def _stored_relationships(gateway: Any) -> int | None:
    """How many relationships the store holds, or None when counting them outlasts the statement timeout (every
    relationship is walked on ArcadeDB: past 30 s at a million rows); the run's other figures are kept."""
    from workbench.analysis.overview import counts_by_relationship  # noqa: PLC0415
    from workbench.errors import QueryError  # noqa: PLC0415

    try:
        return sum(counts_by_relationship(gateway).values())
    except QueryError:
        return None


def _reset_own_peak() -> bool:
    """Start this process's peak RSS afresh (Linux clear_refs 5), so each phase reports its own peak."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


class PeakSampler:
    """Samples RSS of this process and the server every 0.2 s; VmHWM is used where the kernel has it."""

    def __init__(self, server_pid: int) -> None:
        self.pids = {"client": psutil.Process().pid, "server": server_pid}
        self.peak = {"client": 0.0, "server": 0.0}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        procs = {k: psutil.Process(p) for k, p in self.pids.items()}
        while not self._stop.is_set():
            for k, proc in procs.items():
                try:
                    self.peak[k] = max(self.peak[k], proc.memory_info().rss / 2**20)
                except psutil.Error:
                    pass
            self._stop.wait(0.2)

    def _cpu(self) -> dict[str, float]:
        out = {}
        for k, pid in self.pids.items():
            try:
                t = psutil.Process(pid).cpu_times()
                out[k] = t.user + t.system
            except psutil.Error:
                out[k] = 0.0
        return out

    def __enter__(self) -> "PeakSampler":
        gc.collect()
        _reset_own_peak()
        self.cpu0, self.load0 = self._cpu(), os.getloadavg()[0]
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join()
        self.cpu1, self.load1 = self._cpu(), os.getloadavg()[0]

    def figures(self) -> dict[str, float]:
        """Peak RSS, CPU seconds used (independent of other load on the machine) and the load average."""
        out: dict[str, Any] = {}
        for k, pid in self.pids.items():
            hwm = _hwm_mib(pid)
            out[f"peak_rss_{k}_mib"] = round(max(self.peak[k], hwm or 0.0), 1)
            out[f"cpu_{k}_s"] = round(self.cpu1[k] - self.cpu0[k], 1)
        out["load_average_1m"] = [round(self.load0, 1), round(self.load1, 1)]
        return out


class Store:
    """A fresh embedded home with its server started and a gateway open; stopped on exit."""

    def __init__(self, root: Path) -> None:
        from workbench.settings import Settings  # noqa: PLC0415

        self.settings = Settings.from_env({"WORKBENCH_HOME": str(root),
                                           "WORKBENCH_HEAP": os.environ.get("WORKBENCH_HEAP", "2g")})
        #: Why the server did not stop cleanly, if it did not: recorded with the figures, which are kept.
        self.stop_error: str | None = None

    def __enter__(self) -> "Store":
        from workbench.store import embedded  # noqa: PLC0415
        from workbench.store.connect import open_gateway  # noqa: PLC0415

        embedded.start(self.settings)
        info = embedded.status(self.settings).info
        if info is None:
            raise SystemExit("the embedded server started but reports no pid")
        self.pid = info.pid
        self.gateway = open_gateway(self.settings)
        return self

    def __exit__(self, *exc: Any) -> None:
        from workbench.store import embedded  # noqa: PLC0415

        from workbench.errors import EmbeddedServerError  # noqa: PLC0415

        try:
            self.gateway.close()
        finally:
            try:
                embedded.stop(self.settings)
            except EmbeddedServerError as e:
                # A 1M floor's figures were lost this way: its server, still walking a count the client had
                # given up on, did not stop within 60 s. The measurement is done by now; keep it, say so.
                self.stop_error = str(e)
                print(f"warning: {e}", flush=True)


def bundle(rows: int, seed: int, cache: Path) -> tuple[Path, dict[str, Any]]:
    """The demo bundle for (rows, seed), generated once into ``cache`` (output is a pure function of both)."""
    from workbench.demo.generator import generate_bundle  # noqa: PLC0415

    out = cache / f"demo-{seed}-{rows}"
    done = out / ".complete"
    if done.exists():
        return out, {"generated_s": None, "cached": True}
    started = time.monotonic()
    counts = generate_bundle(out, seed=seed, manifests=rows)
    for extra in ("ground_truth.json", "README.txt"):
        (out / extra).unlink(missing_ok=True)  # not part of an ingest bundle
    done.write_text("ok")
    return out, {"generated_s": round(time.monotonic() - started, 1), "cached": False, "counts": counts}


def _timed(module: Any, name: str, into: dict[str, float]) -> Callable[[], None]:
    """Wrap ``module.name`` so its wall time adds to ``into[name]``; returns the undo."""
    original = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.monotonic()
        try:
            return original(*args, **kwargs)
        finally:
            into[name] = into.get(name, 0.0) + time.monotonic() - started

    setattr(module, name, wrapper)
    return lambda: setattr(module, name, original)


def time_ingest(path: Path, root: Path, batch: int | None) -> dict[str, Any]:
    from workbench.ingest import runner, stream  # noqa: PLC0415
    from workbench.ingest.builder import Builder  # noqa: PLC0415
    from workbench.analysis.overview import counts_by_label  # noqa: PLC0415

    stages: dict[str, float] = {}
    undo = [_timed(stream.StreamedIngest, "check", stages), _timed(Builder, "resolve", stages),
            _timed(stream.StreamedIngest, "write", stages)]
    kwargs: dict[str, Any] = {"batch_size": batch} if batch else {}
    try:
        with Store(root) as store:
            with PeakSampler(store.pid) as sampler, StatementClock() as clock:
                started = time.monotonic()
                report = runner.ingest_path(store.gateway, path, **kwargs)
                elapsed = time.monotonic() - started
            labels, rels = counts_by_label(store.gateway), _stored_relationships(store.gateway)
    finally:
        for u in undo:
            u()
    return {
        "seconds": round(elapsed, 1),
        "stages_s": {"read_validate_collect": round(stages.get("check", 0), 1),
                     "resolve": round(stages.get("resolve", 0), 1),
                     "emit_and_write": round(stages.get("write", 0), 1)},
        "rows_read": report.rows_read, "rows_stored": report.rows_stored,
        "manifest_rows_per_s": None, "nodes": report.nodes_written, "relationships": report.relationships_written,
        "stored_nodes": sum(labels.values()), "stored_relationships": rels,
        "notes": report.notes,
        **sampler.figures(),
        "writer": clock.figures(),
    }


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def floor_rows(plan: Any, run: str, now: str, created: set[int]) -> tuple[dict[str, list[dict[str, Any]]],
                                                                          dict[str, list[dict[str, Any]]]]:
    """One chunk's nodes and relationships as flat property maps (every property ingest stores, ready for
    ``SET n = row``); shared nodes an earlier chunk created (``created``: hashes of their keys) are left out."""
    from workbench.ingest.build import RECORD_LABELS  # noqa: PLC0415

    stamp = {"ingestRuns": [run], "firstIngestedAt": now, "lastIngestedAt": now}
    nodes: dict[str, list[dict[str, Any]]] = {}
    for label, table in plan.nodes.items():
        rows = []
        for row in table.values():
            if label not in RECORD_LABELS:
                if hash(row.key) in created:
                    continue
                created.add(hash(row.key))
            p = row.as_param()
            flat = {**p["props"], "key": p["key"], "name": p["name"], "names": p["names"] or None,
                    "searchText": p["searchText"], "sourceFiles": p["sourceFiles"], "sourceRows": p["sourceRows"],
                    **stamp}
            rows.append({k: v for k, v in flat.items() if v is not None})
        nodes[_snake(label)] = rows
    rels: dict[str, list[dict[str, Any]]] = {}
    for (rtype, a, b), table in plan.rels.items():
        rels[f"{rtype.lower()}_{_snake(a)}_{_snake(b)}"] = [
            {"from": r.start, "to": r.end, "props": {**r.props, "asNames": r.as_names, "sourceFiles": r.files,
                                                     "sourceRows": r.refs, **stamp}} for r in table.values()]
    for label in RECORD_LABELS:
        table = plan.nodes.get(label, {})
        if table:
            rels[f"ingested_by_{_snake(label)}_ingest_run"] = [
                {"from": k, "to": run, "props": {"sourceFiles": r.files, "sourceRows": r.refs}} for k, r in table.items()]
    return nodes, rels


def time_floor(path: Path, root: Path, batch: int) -> dict[str, Any]:
    """The same nodes and relationships, written by plain CREATE batches (one transaction each).

    The rows come from the ingest's own chunks (read, resolved and emitted exactly as the ingest does, on this
    empty store), one chunk at a time; only the time spent writing them counts, preparing them is ``prepare_s``.
    A shared node (a firm, a port) is created once, with the first chunk that names it."""
    from workbench.analysis.overview import counts_by_label  # noqa: PLC0415
    from workbench.ingest.builder import Builder  # noqa: PLC0415
    from workbench.ingest.kinds import KINDS  # noqa: PLC0415
    from workbench.ingest.plan import Plan  # noqa: PLC0415
    from workbench.ingest.readers import discover  # noqa: PLC0415
    from workbench.ingest.stream import DRAIN, StreamedIngest  # noqa: PLC0415
    from workbench.ingest.runner import stored_shipments  # noqa: PLC0415

    run, now = "run:floor", "2024-01-01T00:00:00+00:00"
    statements = floor_statements()
    written = {"nodes": 0, "relationships": 0}
    writing = 0.0
    with Store(root) as store:
        with PeakSampler(store.pid) as sampler:
            started = time.monotonic()

            marked: set[str] = set()

            def write(nodes: dict[str, list[dict[str, Any]]], rels: dict[str, list[dict[str, Any]]],
                      brokers: set[str] | None = None) -> None:
                nonlocal writing
                began = time.monotonic()
                for group, table in (("node", nodes), ("rel", rels)):
                    if group == "rel" and brokers and brokers - marked:  # as the ingest: before their links
                        with store.gateway.transaction() as tx:
                            tx.run(statements["mark_broker"], {"keys": sorted(brokers - marked)})
                        marked.update(brokers)
                    for name, rows in table.items():
                        text = statements[f"{group}_{name}"]
                        written["nodes" if group == "node" else "relationships"] += len(rows)
                        for chunk in _chunks(rows, batch):
                            with store.gateway.transaction() as tx:
                                tx.run(text, {"rows": chunk})
                writing += time.monotonic() - began

            stamp = {"ingestRuns": [run], "firstIngestedAt": now, "lastIngestedAt": now}
            write({"ingest_run": [{"key": run, "startedAt": now, **stamp}]}, {})
            builder = Builder([], {"Company": [], "Person": []}, [], stored_shipments(store.gateway), KINDS)
            ingest = StreamedIngest(store.gateway, discover(path), run=run, now=now, batch_size=batch,
                                    stored_records=lambda records: {})
            ingest.check(builder)
            if ingest.problems:
                raise SystemExit(f"the benchmark bundle has problems: {ingest.problems[:3]}")
            builder.resolve()
            run_plan = Plan()
            created: set[int] = set()
            for item in ingest.plans(builder, run_plan):
                if item is not DRAIN:
                    write(*floor_rows(item[0], run, now, created), brokers=item[0].brokers)
            shared = floor_rows(run_plan, run, now, created)
            write({}, shared[1])
            total = time.monotonic() - started
        labels, rels_stored = counts_by_label(store.gateway), _stored_relationships(store.gateway)
    return {"seconds": round(writing, 1), "prepare_s": round(total - writing, 1), "batch": batch, **written,
            "stored_nodes": sum(labels.values()),
            "stored_relationships": rels_stored,
            **sampler.figures(), **({"stop_error": store.stop_error} if store.stop_error else {})}


def time_plan_only(path: Path, root: Path, batch: int | None) -> dict[str, Any]:
    """Everything the ingest's client does except writing: both reads, the checks against the (empty) store,
    resolution and every chunk's plan, with the client's peak memory: the bounded-memory claim at sizes whose
    writing takes longer than a session allows."""
    from workbench.ingest.builder import Builder  # noqa: PLC0415
    from workbench.ingest.kinds import KINDS  # noqa: PLC0415
    from workbench.ingest.plan import Plan  # noqa: PLC0415
    from workbench.ingest.readers import discover  # noqa: PLC0415
    from workbench.ingest.runner import _stored_records  # noqa: PLC0415
    from workbench.ingest.stream import DRAIN, StreamedIngest  # noqa: PLC0415
    from workbench.ingest.writer import BATCH_ROWS  # noqa: PLC0415

    with Store(root) as store:
        with PeakSampler(store.pid) as sampler:
            started = time.monotonic()
            builder = Builder([], {"Company": [], "Person": []}, [], lambda bols, containers: {}, KINDS)
            ingest = StreamedIngest(store.gateway, discover(path), run="run:plan-only", now="2024-01-01",
                                    batch_size=batch or BATCH_ROWS,
                                    stored_records=lambda records: _stored_records(store.gateway, records))
            ingest.check(builder)
            checked = time.monotonic()
            builder.resolve()
            resolved = time.monotonic()
            chunks = rows = nodes = rels = 0
            for item in ingest.plans(builder, Plan()):
                if item is DRAIN:
                    continue
                plan, _prepared, n = item
                chunks, rows = chunks + 1, rows + n
                nodes, rels = nodes + plan.counts()[0], rels + plan.counts()[1]
            elapsed = time.monotonic() - started
    return {"seconds": round(elapsed, 1), "stages_s": {"read_validate_collect": round(checked - started, 1),
                                                      "resolve": round(resolved - checked, 1),
                                                      "emit": round(elapsed - (resolved - started), 1)},
            "rows": rows, "chunks": chunks, "chunk_nodes": nodes, "chunk_relationships": rels,
            "entities": {label: len(r.entities) for label, r in builder.resolvers.items()}, **sampler.figures()}


def _with_floor(out: dict[str, Any], floor: dict[str, Any]) -> dict[str, Any]:
    """The entry with its floor, the ratios and the target's verdicts."""
    ingest = out["ingest"]
    out["floor"] = floor
    out["ratio_end_to_end"] = round(ingest["seconds"] / floor["seconds"], 2) if floor["seconds"] else None
    out["ratio_write_only"] = (round(ingest["stages_s"]["emit_and_write"] / floor["seconds"], 2)
                               if floor["seconds"] else None)
    return out


def _target(out: dict[str, Any]) -> dict[str, Any]:
    ingest = out.get("ingest") or {}
    out["target"] = {"ratio": TARGET_RATIO, "client_mib": TARGET_CLIENT_MIB,
                     "client_under": (ingest.get("peak_rss_client_mib") or 1e9) < TARGET_CLIENT_MIB,
                     "within_ratio": (out.get("ratio_end_to_end") or 99) <= TARGET_RATIO}
    return out


def measure_floor_only(rows: int, seed: int, floor_batch: int, cache: Path,
                       previous: dict[str, Any] | None) -> dict[str, Any]:
    """The floor of one size alone, added to that size's recorded ingest (same bundle, seed and machine): for a
    size whose ingest and floor together take longer than one sitting allows, or whose floor was lost."""
    if not previous or not previous.get("ingest") or previous.get("seed") != seed:
        raise SystemExit(f"--floor-only needs an ingest of {rows:,} rows (seed {seed}) in the results first")
    path, gen = bundle(rows, seed, cache)
    with tempfile.TemporaryDirectory(prefix="pw-bench-floor-") as tmp:
        floor = time_floor(path, Path(tmp) / "floor", floor_batch)
    print(f"[{rows}] floor {floor}", flush=True)
    floor["commit"] = commit()
    return _target(_with_floor(dict(previous), floor))


def measure(rows: int, seed: int, batch: int | None, floor_batch: int, cache: Path, skip_floor: bool,
            plan_only: bool = False, keep_store: Path | None = None) -> dict[str, Any]:
    path, gen = bundle(rows, seed, cache)
    print(f"[{rows}] bundle ready at {path} {gen}", flush=True)
    with tempfile.TemporaryDirectory(prefix="pw-bench-ingest-") as tmp:
        home = Path(tmp) / "ingest"
        if keep_store is not None:
            home = keep_store / f"ingest-{rows}"
            if home.exists():
                raise SystemExit(f"{home} exists; --keep-store needs a fresh home for each size")
        if plan_only:
            planned = time_plan_only(path, Path(tmp) / "plan", batch)
            print(f"[{rows}] plan only {planned}", flush=True)
            return {"manifest_rows": rows, "seed": seed, "bundle": gen, "plan_only": planned,
                    "target": {"client_mib": TARGET_CLIENT_MIB,
                               "client_under": planned["peak_rss_client_mib"] < TARGET_CLIENT_MIB}}
        ingest = time_ingest(path, home, batch)
        if keep_store is not None:
            print(f"[{rows}] store kept: python -m benchmarks.bench_reads --store-home {home}", flush=True)
        ingest["manifest_rows_per_s"] = round(rows / ingest["seconds"]) if ingest["seconds"] else None
        print(f"[{rows}] ingest {ingest}", flush=True)
        out: dict[str, Any] = {"manifest_rows": rows, "seed": seed, "commit": commit(), "bundle": gen,
                               "ingest": ingest}
        if not skip_floor:
            floor = time_floor(path, Path(tmp) / "floor", floor_batch)
            print(f"[{rows}] floor {floor}", flush=True)
            _with_floor(out, floor)
    return _target(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_ingest", description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, action="append", help="manifest rows (repeatable; default 100000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch", type=int, default=None, help="ingest batch size (default: ingest's own)")
    parser.add_argument("--floor-batch", type=int, default=10_000)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "precursor-watch-bench")
    parser.add_argument("--skip-floor", action="store_true")
    parser.add_argument("--floor-only", action="store_true",
                        help="time only the floor and add it to the size's recorded ingest")
    parser.add_argument("--plan-only", action="store_true",
                        help="everything but the writes (client time and memory), for sizes too long to write")
    parser.add_argument("--name", default="ingest", help="result file name under benchmarks/results/")
    parser.add_argument("--keep-store", type=Path, default=None,
                        help="ingest into DIR/ingest-ROWS and keep it, for the read and load benchmarks "
                             "(--store-home) to run on the same store")
    args = parser.parse_args(argv if argv is not None else None)
    from benchmarks.machine import write_result  # noqa: PLC0415

    args.cache.mkdir(parents=True, exist_ok=True)
    from benchmarks.store import merge_sizes, previous_results  # noqa: PLC0415

    # one entry per size: a run of one size replaces that size's figures and keeps the others'
    results: list[dict[str, Any]] = list(previous_results(args.name).get("runs") or [])
    for n in args.rows or DEFAULT_ROWS:
        if args.floor_only:
            previous = next((r for r in results if r.get("manifest_rows") == n), None)
            entry = measure_floor_only(n, args.seed, args.floor_batch, args.cache, previous)
        else:
            entry = measure(n, args.seed, args.batch, args.floor_batch, args.cache, args.skip_floor,
                            args.plan_only, args.keep_store)
        results = merge_sizes(results, entry, key="manifest_rows")
        # written after each size, so a long run that is stopped keeps what it measured
        path = write_result(args.name, {"benchmark": "ingest end to end vs the bare write floor (embedded ArcadeDB)",
                                        "target": f"{TARGET_ROWS:,} manifest rows with the client under "
                                                  f"{TARGET_CLIENT_MIB} MiB and within {TARGET_RATIO}x of the floor",
                                        "heap": os.environ.get("WORKBENCH_HEAP", "2g"), "runs": results})
        print(f"wrote {path}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
