"""Bounded load on loopback: many concurrent users at the driver level and through the app's HTTP endpoint.

(a) Driver level: ``--users`` threads share one process :class:`~workbench.gateway.Gateway`, as the app's
sessions do, and run what users do (:data:`MIX`: name and identifier searches, expanding a firm, its details panel,
its timeline, a shortest path, a saved query and now and then a detector) on the demo data for ``--seconds``.
With ``--store-home DIR [--database NAME]`` (or ``--uri``) they run on a store already ingested instead (e.g. 100k
manifests; nothing is ingested, the HTTP part is skipped) and the figures go to benchmarks/results/load_at_scale.json,
one entry per store size, with the store's size. (b) HTTP: the Streamlit app is started on 127.0.0.1 against the same store and
``--http-users`` clients hit ``/``, ``/_stcore/health`` and the app's static assets for ``--http-seconds``;
some of them open real Streamlit websocket sessions that run the app script to the end.

Every loop is bounded in time and count; every request counts as an error unless it ends as expected.
Figures (throughput, p50/p95/p99 per operation, errors) go to ``benchmarks/results/load.json``.
Run: ``python -m benchmarks.bench_load`` (``--help`` for the knobs).
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from benchmarks import store
from benchmarks.machine import write_result

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "workbench" / "demo" / "bundle"
SEARCH_TERMS = ("chemical", "trading", "pharma", "import", "quimica", "logistics", "industrial", "co", "ltd",
                "sa", "biotech", "export", "international", "shanghai", "wuhan", "hong kong", "mexico", "guadalajara")
#: Share of each driver-level operation in the mix: what investigators and analysts do on the explore pages, a
#: saved query now and then and a detector rarely (detectors are run from the detectors page, not on every click).
MIX = (("search_name", 22), ("search_identifier", 13), ("expand", 20), ("node_details", 15), ("timeline", 10),
       ("shortest_path", 10), ("saved_query", 6), ("detector", 4))
#: The clicks of the mix (searches, expand, details, timeline), without shortest paths, saved queries and detectors
#: (each of those can take seconds on a large store): the light reads of bench_server_settings' starvation check.
LIGHT = tuple((name, weight) for name, weight in MIX if name not in ("shortest_path", "saved_query", "detector"))
#: Hops a shortest path may take (the network page's default).
PATH_HOPS = 6
#: Longest a single user may run operations, whatever --seconds says (bounds every loop).
MAX_OPS_PER_USER = 100_000


# --- figures -------------------------------------------------------------------------------------------------

@dataclass
class Tally:
    """Latencies and errors of one kind of operation, shared by the user threads."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, op: str, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.latencies[op].append(seconds)
            if error:
                self.errors[op].append(error)

    def figures(self, wall: float) -> dict[str, Any]:
        ops: dict[str, Any] = {}
        for op in sorted(self.latencies):
            ops[op] = {**summary(self.latencies[op], wall), "errors": len(self.errors[op]),
                       "first_errors": sorted(set(self.errors[op]))[:5]}
        everything = [s for values in self.latencies.values() for s in values]
        return {
            "wall_seconds": round(wall, 1),
            "requests": len(everything),
            "errors": sum(len(e) for e in self.errors.values()),
            "overall": summary(everything, wall),
            "operations": ops,
        }


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of ``values`` in milliseconds."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return round(ordered[rank - 1] * 1000, 1)


def summary(values: list[float], wall: float) -> dict[str, Any]:
    return {
        "count": len(values),
        "per_second": round(len(values) / wall, 2) if wall else 0.0,
        "p50_ms": percentile(values, 50),
        "p95_ms": percentile(values, 95),
        "p99_ms": percentile(values, 99),
        "max_ms": round(max(values) * 1000, 1) if values else 0.0,
    }


def run_users(users: int, seconds: float, work: Callable[[int, float], None]) -> float:
    """Run ``work(user, deadline)`` in ``users`` threads and return the wall time; joins are bounded too."""
    deadline = time.monotonic() + seconds
    started = time.monotonic()
    threads = [threading.Thread(target=work, args=(i, deadline), name=f"user-{i}", daemon=True) for i in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()) + 120)
    stuck = [t.name for t in threads if t.is_alive()]
    if stuck:
        raise RuntimeError(f"{len(stuck)} user threads did not finish within 120 s of the deadline: {stuck[:5]}")
    return time.monotonic() - started


# --- the store -----------------------------------------------------------------------------------------------

def store_env(home: Path, database: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "WORKBENCH_"))}
    env.update(WORKBENCH_HOME=str(home), NEO4J_DATABASE=database, WORKBENCH_HEAP=os.environ.get("WORKBENCH_HEAP", "2g"),
               WORKBENCH_QUERY_TIMEOUT="30", PYTHONPATH=str(REPO))
    return env


def demo_bundle(work: Path, given: str | None) -> Path:
    """The bundle to load: --bundle, else workbench/demo/bundle, else one generated by workbench.demo.generator."""
    if given:
        return Path(given)
    if DEMO.is_dir() and any(DEMO.iterdir()):
        return DEMO
    out = work / "demo"
    subprocess.run([sys.executable, "-m", "workbench.demo.generator", "--out", str(out), "--seed", "3"],
                   check=True, cwd=REPO, timeout=900)
    return out


def ingest(bundle: Path, env: dict[str, str]) -> float:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "workbench", "ingest", str(bundle)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"ingest of {bundle} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return time.monotonic() - started


@dataclass
class Sample:
    """Real keys, names and identifiers from the loaded data, so every operation asks about something that exists."""

    terms: list[str]
    companies: list[str]
    seizures: list[str]
    keys: list[str]
    cas: list[str]
    names: list[str] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)


def collect_sample(gateway: Any, firms: int = 60, seed: int = 7) -> Sample:
    """The busiest firms and as many at random (their keys and names), people, seizures, and bill-of-lading and
    container numbers read from the store itself, so the sample fits any store size."""
    from workbench.chemicals import load_catalogue  # noqa: PLC0415

    rng = random.Random(seed)

    def rows(text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return list(gateway.read(text, params or {}, timeout=300).raise_for_status().data())

    busiest = rows("MATCH (c:Company) RETURN c.key AS key, c.name AS name, COUNT { (c)--(:Shipment) } AS degree "
                   "ORDER BY degree DESC LIMIT $n", {"n": firms // 2})
    everyone = rows("MATCH (c:Company) RETURN c.key AS key, c.name AS name")
    chosen = {r["key"]: r for r in busiest + rng.sample(everyone, min(firms - len(busiest), len(everyone)))}
    people = [r["key"] for r in rows("MATCH (p:Person) RETURN p.key AS key LIMIT 200")]
    seizures = [r["key"] for r in rows("MATCH (z:Seizure) RETURN z.key AS key LIMIT 100")]
    shipments = rows("MATCH (s:Shipment) RETURN count(s) AS n")[0]["n"]
    skip = rng.randrange(max(1, int(shipments) - 200))
    bols = [r["bol"] for r in rows("MATCH (s:Shipment) WITH s SKIP $skip LIMIT 200 RETURN s.billOfLading AS bol",
                                   {"skip": skip}) if r["bol"]]
    containers = [r["number"] for r in rows("MATCH (c:Container) RETURN c.number AS number LIMIT 100")
                  if r["number"]]
    cas = [c.cas_number for c in load_catalogue() if c.cas_number]
    if not chosen or not bols:
        raise RuntimeError("The store gave no firms or bills of lading to sample; is a bundle loaded?")
    names = [str(r["name"]) for r in chosen.values() if r["name"]]
    return Sample(terms=list(SEARCH_TERMS), companies=list(chosen), seizures=seizures,
                  keys=list(chosen) + rng.sample(people, min(20, len(people))), cas=cas, names=names,
                  identifiers=bols + containers)


def typed_name(name: str, rng: random.Random) -> str:
    """What a user types to find a firm: its whole name, or its first one to three words."""
    words = name.split()
    return name if rng.random() < 0.4 or len(words) < 2 else " ".join(words[:rng.randint(1, min(3, len(words)))])


# --- (a) driver level ----------------------------------------------------------------------------------------

def driver_operation(gateway: Any, sample: Sample, rng: random.Random,
                     mix: tuple[tuple[str, int], ...] = MIX) -> tuple[str, Callable[[], str | None]]:
    """One operation of the mix; the callable returns an error description or None (failures also raise)."""
    from workbench.analysis import detect, explore  # noqa: PLC0415
    from workbench.store import queries
    from workbench.store.catalogue import load_catalogue  # noqa: PLC0415

    op = rng.choices([name for name, _ in mix], weights=[w for _, w in mix])[0]

    def status(result: Any) -> str | None:
        return None if result.ok else f"{result.status.value}: {result.error}"

    if op == "search_name":
        text = typed_name(rng.choice(sample.names or sample.terms), rng)
        return op, lambda: (explore.search(gateway, text), None)[1]
    if op == "search_identifier":
        text = rng.choice(sample.identifiers or sample.cas)
        return op, lambda: None if explore.search(gateway, text) else f"no hit for identifier {text!r}"
    if op == "expand":
        key = rng.choice(sample.keys)
        return op, lambda: (explore.expand(gateway, [key]), None)[1]
    if op == "node_details":
        key = rng.choice(sample.companies)
        return op, lambda: (explore.node_details(gateway, key), None)[1]
    if op == "timeline":
        key = rng.choice(sample.companies)
        return op, lambda: (explore.timeline(gateway, [key]), None)[1]
    if op == "shortest_path":
        a, b = rng.sample(sample.companies, 2)
        return op, lambda: (explore.shortest_paths(gateway, a, b, PATH_HOPS), None)[1]
    if op == "saved_query":
        choice = rng.choice(("trading_partners", "entity_neighbourhood", "shortest_paths", "chemical_shipments",
                             "seizure_links"))
        if choice == "seizure_links" and not sample.seizures:
            choice = "trading_partners"
        params: dict[str, Any] = {
            "trading_partners": lambda: {"key": rng.choice(sample.companies)},
            "entity_neighbourhood": lambda: {"key": rng.choice(sample.keys), "depth": 2},
            "shortest_paths": lambda: {"fromKey": rng.choice(sample.companies), "toKey": rng.choice(sample.companies),
                                       "maxHops": 4},
            "chemical_shipments": lambda: {"cas": rng.choice(sample.cas)},
            "seizure_links": lambda: {"key": rng.choice(sample.seizures or ["seizure:none"])},
        }[choice]()
        return f"saved:{choice}", lambda: (lambda e: e and f"{e} (parameters {params})")(
            status(queries.run(gateway, choice, params)))
    rule = rng.choice(load_catalogue().detectors)
    return f"detector:{rule.id}", lambda: (lambda runs: None if runs.status in ("complete", "truncated")
                                            else f"{runs.status}: {runs.message}")(detect.run_rule(gateway, rule)[1])


def driver_load(gateway: Any, sample: Sample, users: int, seconds: float, think: float, seed: int,
                mix: tuple[tuple[str, int], ...] = MIX,
                extra: Callable[[float], tuple[str, str | None]] | None = None) -> dict[str, Any]:
    """``users`` threads run the mix for ``seconds``; with ``extra`` one more thread calls ``extra(deadline)`` in a
    loop (an operation's name and error), timed apart (``extra`` in the figures): the heavy user of a starvation
    check, whose figures are not mixed with the others'."""
    tally = Tally()
    extra_tally = Tally()

    def user(number: int, deadline: float) -> None:
        if extra is not None and number == users:
            for _ in range(MAX_OPS_PER_USER):
                if time.monotonic() >= deadline:
                    return
                started = time.monotonic()
                try:
                    name, error = extra(deadline)
                except Exception as e:  # noqa: BLE001 - counted
                    name, error = "extra", f"{type(e).__name__}: {e}"
                extra_tally.add(name, time.monotonic() - started, error)
            return
        rng = random.Random(seed * 1000 + number)
        for _ in range(MAX_OPS_PER_USER):
            if time.monotonic() >= deadline:
                return
            name, call = driver_operation(gateway, sample, rng, mix)
            started = time.monotonic()
            try:
                error = call()
            except Exception as e:  # noqa: BLE001 - every failure is counted, none stops the run
                error = f"{type(e).__name__}: {e}"
            tally.add(name, time.monotonic() - started, error)
            if think:
                time.sleep(rng.uniform(0, 2 * think))

    wall = run_users(users + (1 if extra is not None else 0), seconds, user)
    figures = tally.figures(wall)
    # Per-kind roll-up (every detector as "detector", every saved query as "saved_query").
    kinds: dict[str, list[float]] = defaultdict(list)
    kind_errors: dict[str, int] = defaultdict(int)
    for op, values in tally.latencies.items():
        kind = op.split(":")[0].split("_depth")[0]
        kind = {"saved": "saved_query"}.get(kind, kind)
        kinds[kind].extend(values)
        kind_errors[kind] += len(tally.errors[op])
    figures["by_kind"] = {k: {**summary(v, wall), "errors": kind_errors[k]} for k, v in sorted(kinds.items())}
    figures.update(users=users, seconds=seconds, think_seconds=think, mix=dict(mix))
    if extra is not None:
        figures["extra"] = extra_tally.figures(wall)
    return figures


# --- (b) through the app's HTTP endpoint ---------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_app(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "streamlit", "run", str(REPO / "workbench" / "app" / "app.py"),
               "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
               "--browser.gatherUsageStats", "false"]
    with open(log, "wb") as out:
        proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"The app stopped while starting (exit {proc.returncode}); see {log}.")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"The app did not answer on port {port} within 90 s; see {log}.")


def stop_app(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def static_assets(port: int) -> list[str]:
    """The JS, CSS and icons the index page loads (what a browser fetches on every visit)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
        html = response.read().decode("utf-8", "replace")
    found = re.findall(r'(?:src|href)="\.?/?((?:static/)[^"]+)"', html)
    return ["/" + path for path in dict.fromkeys(found)]


def http_client(port: int, paths: dict[str, list[str]], tally: Tally, seed: int) -> Callable[[int, float], None]:
    """A client that asks for the index page, the health check and a static asset in equal shares."""
    names = sorted(paths)

    def user(number: int, deadline: float) -> None:
        rng = random.Random(seed * 7919 + number)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            for _ in range(MAX_OPS_PER_USER):
                if time.monotonic() >= deadline:
                    return
                name = rng.choice(names)
                path = rng.choice(paths[name])
                started = time.monotonic()
                error = None
                try:
                    conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
                    response = conn.getresponse()
                    body = response.read()
                    if response.status != 200 or not body:
                        error = f"{path}: HTTP {response.status}"
                except (OSError, http.client.HTTPException) as e:
                    error = f"{path}: {type(e).__name__}: {e}"
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                tally.add(name, time.monotonic() - started, error)
        finally:
            conn.close()
    return user


async def websocket_session(port: int, timeout: float) -> str | None:
    """Open a real Streamlit session, ask it to run the app script and wait until the run finishes."""
    import websockets  # noqa: PLC0415 - a dependency of streamlit
    from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: PLC0415
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: PLC0415

    back = BackMsg()
    back.rerun_script.query_string = ""
    back.rerun_script.page_script_hash = ""
    async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                                  max_size=2**26, open_timeout=timeout) as ws:
        await ws.send(back.SerializeToString())
        deltas = 0
        async with asyncio.timeout(timeout):
            while True:
                raw = await ws.recv()
                msg = ForwardMsg()
                msg.ParseFromString(raw if isinstance(raw, bytes) else raw.encode())
                kind = msg.WhichOneof("type")
                if kind == "delta":
                    deltas += 1
                    if msg.delta.new_element.WhichOneof("type") == "exception":
                        return f"app script raised: {msg.delta.new_element.exception.message[:200]}"
                if kind == "script_finished":
                    if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                        return "app script did not compile"
                    if msg.script_finished in (ForwardMsg.FINISHED_SUCCESSFULLY,
                                               ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                        return None if deltas else "the app script finished without drawing anything"
    return "no script_finished message"


def websocket_client(port: int, tally: Tally) -> Callable[[int, float], None]:
    def user(number: int, deadline: float) -> None:
        for _ in range(MAX_OPS_PER_USER):
            if time.monotonic() >= deadline:
                return
            started = time.monotonic()
            try:
                error = asyncio.run(websocket_session(port, timeout=60))
            except Exception as e:  # noqa: BLE001 - counted
                error = f"{type(e).__name__}: {e}"
            tally.add("websocket_session", time.monotonic() - started, error)
    return user


def http_load(env: dict[str, str], users: int, seconds: float, ws_users: int, seed: int, log: Path) -> dict[str, Any]:
    port = free_port()
    proc = start_app(env, port, log)
    try:
        assets = static_assets(port)
        if not assets:
            raise RuntimeError("The app's index page names no static assets; has Streamlit changed its layout?")
        paths = {"index": ["/"], "health": ["/_stcore/health"], "static_asset": assets}
        tally = Tally()
        plain = http_client(port, paths, tally, seed)
        sessions = websocket_client(port, tally)

        def user(number: int, deadline: float) -> None:
            (sessions if number < ws_users else plain)(number, deadline)

        wall = run_users(users, seconds, user)
        figures = tally.figures(wall)
        figures.update(users=users, websocket_users=ws_users, seconds=seconds, static_assets=len(assets),
                       app_alive_after=proc.poll() is None)
        return figures
    finally:
        stop_app(proc)


# --- entry point ---------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_load", description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=32, help="concurrent driver-level users (default 32)")
    parser.add_argument("--seconds", type=float, default=120, help="driver-level run time (default 120)")
    parser.add_argument("--think", type=float, default=0.1, help="mean pause between a user's operations (s)")
    parser.add_argument("--http-users", type=int, default=32, help="concurrent HTTP clients (default 32)")
    parser.add_argument("--ws-users", type=int, default=8, help="of those, clients opening websocket sessions")
    parser.add_argument("--http-seconds", type=float, default=60, help="HTTP run time (default 60)")
    parser.add_argument("--bundle", help="folder to ingest (default workbench/demo/bundle)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--skip-driver", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the temporary home (its path is printed)")
    store.add_arguments(parser)
    args = parser.parse_args([] if argv is None else argv)
    if args.users < 1 or args.http_users < 1 or args.seconds <= 0 or args.http_seconds <= 0:
        parser.error("users and seconds must be positive")
    if store.given(args):
        return main_at_scale(args)

    from workbench.store import embedded  # noqa: PLC0415
    from workbench.settings import Settings  # noqa: PLC0415
    from workbench.store.connect import open_gateway  # noqa: PLC0415

    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    home, database = work / "home", "workbench"
    env = store_env(home, database)
    settings = Settings.from_env(env)
    figures: dict[str, Any] = {"host": "127.0.0.1", "home": str(home)}
    try:
        bundle = demo_bundle(work, args.bundle)
        figures["bundle"] = str(bundle)
        figures["ingest_seconds"] = round(ingest(bundle, env), 1)
        gateway = open_gateway(settings)
        try:
            from workbench.analysis import overview  # noqa: PLC0415

            figures["store"] = {"nodes": overview.counts_by_label(gateway),
                                "relationships": overview.counts_by_relationship(gateway)}
            if not args.skip_driver:
                sample = collect_sample(gateway)
                print(f"driver level: {args.users} users for {args.seconds:.0f} s ...", flush=True)
                figures["driver"] = driver_load(gateway, sample, args.users, args.seconds, args.think, args.seed)
                print(json.dumps(figures["driver"]["by_kind"], indent=1), flush=True)
        finally:
            gateway.close()
        if not args.skip_http:
            print(f"http: {args.http_users} clients ({args.ws_users} websocket) for {args.http_seconds:.0f} s ...",
                  flush=True)
            figures["http"] = http_load(env, args.http_users, args.http_seconds, min(args.ws_users, args.http_users),
                                        args.seed, work / "app.log")
            print(json.dumps({k: v for k, v in figures["http"].items() if k != "operations"}, indent=1), flush=True)
        errors = sum(figures.get(part, {}).get("errors", 0) for part in ("driver", "http"))
        figures["errors"] = errors
        path = write_result("load", figures)
        print(f"wrote {path}; errors: {errors}")
        return 1 if errors else 0
    finally:
        try:
            embedded.stop(settings)
        finally:
            if args.keep:
                print(f"kept {work}")
            else:
                shutil.rmtree(work, ignore_errors=True)


def main_at_scale(args: argparse.Namespace) -> int:
    """The driver level on an existing store (nothing ingested, no HTTP part); figures to load_at_scale.json."""
    opened = store.open_store(args)
    try:
        figures: dict[str, Any] = {"store": store.store_size(opened.gateway), "load_average_before": store.load_average()}
        sample = collect_sample(opened.gateway, seed=args.seed)
        print(f"driver level on {figures['store']['size']} manifests: {args.users} users for {args.seconds:.0f} s ...",
              flush=True)
        figures["driver"] = driver_load(opened.gateway, sample, args.users, args.seconds, args.think, args.seed)
        figures["load_average_after"] = store.load_average()
        print(json.dumps(figures["driver"]["by_kind"], indent=1), flush=True)
    finally:
        opened.close(stop=False if args.keep else None)
    figures["manifests"] = figures["store"]["manifests"]
    figures["errors"] = figures["driver"]["errors"]
    sizes = store.sizes_with("load_at_scale", [figures])
    path = write_result("load_at_scale", {
        "target": "eight users: p95 <= 1 s per operation with no errors at 100k manifests (issue 15)",
        "note": "driver level: user threads share one gateway as the app's sessions do; client-side wall time on a "
                "shared 2-core machine (load averages recorded)", "sizes": sizes})
    print(f"wrote {path}; errors: {figures['errors']}")
    return 1 if figures["errors"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
