"""The streamed ingest (workbench/ingest/stream.py) stores what one whole-bundle plan stores, in chunks.

The reference is the in-memory path every earlier ingest took: all records validated, one plan built by
``build_plan`` and written by ``write_plan``. The streamed ingest reads the files twice, writes chunks of a few
hundred rows from a producer thread, links seizures to shipments written by earlier chunks, and gathers the links
between shared nodes over the run. Both must leave the same nodes and relationships, properties and provenance
included (timestamps aside).
"""

from __future__ import annotations

import dataclasses
import socket
import threading
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

import pytest

from workbench.store.connect import scratch_database

from workbench.errors import WorkbenchError
from workbench.ingest import ftm, ingest_path
from workbench.ingest.build import build_plan
from workbench.ingest.kinds import KINDS
from workbench.ingest.readers import discover, read_file
from workbench.ingest.records import validate_table
from workbench.ingest.stream import StreamedIngest
from workbench.ingest.writer import write_plan
from workbench.settings import Settings
from workbench.store import queries
from workbench.store.gateway import Gateway

TIMESTAMPS = {"firstIngestedAt", "lastIngestedAt", "startedAt", "finishedAt", "countedAt"}
NODES = "MATCH (n) RETURN n.key AS key, labels(n) AS labels, properties(n) AS props"
EDGES = "MATCH (a)-[r]->(b) RETURN a.key AS a, type(r) AS type, b.key AS b, properties(r) AS props"
RUN = "run:reference"


def _contents(gateway: Gateway, run: str) -> tuple[Counter[Any], Counter[Any]]:
    def props(p: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(sorted((k, repr(sorted(map(repr, v)) if isinstance(v, list) else v)) for k, v in p.items()
                            if k not in TIMESTAMPS and k != "ingestRuns"))

    nodes = gateway.read(NODES, row_cap=10_000_000, timeout=300).raise_for_status().data()
    edges = gateway.read(EDGES, row_cap=10_000_000, timeout=300).raise_for_status().data()
    return (Counter((n["key"], tuple(sorted(n["labels"])), props(n["props"])) for n in nodes
                    if "StoreCounts" not in n["labels"] and "IngestRun" not in n["labels"]),
            Counter((e["a"], e["type"], "RUN" if e["b"] == run else e["b"], props(e["props"])) for e in edges))


def _reference(gateway: Gateway, bundle: Path) -> None:
    """The whole bundle in one plan, written at once (the path before streaming)."""
    records = []
    for file, kind in discover(bundle):
        valid, problems, _ = (ftm.validate_table if KINDS[kind].entities else validate_table)(read_file(file, kind))
        assert not problems
        records += valid

    def shipments(bols: list[str], containers: list[str]) -> dict[str, list[str]]:
        return {}

    plan = build_plan(records, {"Company": [], "Person": []}, [], shipments)
    now = "2026-01-01T00:00:00+00:00"
    queries.run(gateway, "ingest_run_start", {"key": RUN, "now": now, "source": "reference", "files": []})
    write_plan(gateway, plan, run=RUN, now=now)


@pytest.fixture
def second(server_settings: Settings) -> Iterator[Gateway]:
    """A database beside the test's own, for the reference ingest."""
    with scratch_database(server_settings, "streamref") as gw:
        yield gw


@pytest.mark.parametrize("few, later_rows", [(500, 50_000), (0, 5)], ids=["defaults", "every-path"])
def test_streamed_chunks_store_what_one_plan_stores(gateway: Gateway, second: Gateway, small_bundle: Path,
                                                    monkeypatch: pytest.MonkeyPatch, few: int, later_rows: int) -> None:
    """The chunks of a streamed run store what the whole bundle written as one plan stores. "every-path": no label
    is few enough to be MERGEd at once (every shared label is checked and CREATEd), and what chunks add to shared
    nodes already stored is written every five nodes instead of at the end of the run."""
    from workbench.ingest import stream, writer  # noqa: PLC0415

    monkeypatch.setattr(writer, "FEW_SHARED", few)
    monkeypatch.setattr(stream, "LATER_ROWS", later_rows)
    report = ingest_path(gateway, small_bundle, batch_size=150)
    assert report.rows_rejected == 0 and report.rows_stored > 900
    _reference(second, small_bundle)
    streamed, reference = _contents(gateway, report.run_id), _contents(second, RUN)
    assert streamed[0] == reference[0], (list((streamed[0] - reference[0]).items())[:3],
                                         list((reference[0] - streamed[0]).items())[:3])
    assert streamed[1] == reference[1], (list((streamed[1] - reference[1]).items())[:3],
                                         list((reference[1] - streamed[1]).items())[:3])
    seized_from = [e for e in streamed[1] if e[1] == "SEIZED_FROM"]
    assert seized_from  # seizures found shipments that earlier chunks wrote
    assert report.nodes_written == sum(streamed[0].values())


def test_a_failure_while_emitting_is_raised_not_hung_and_the_run_stays_unfinished(
        gateway: Gateway, small_bundle: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"n": 0}
    emit = StreamedIngest._emit

    def failing(builder: Any, run_plan: Any, chunk: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise WorkbenchError("planted failure in the third chunk")
        return emit(builder, run_plan, chunk)

    monkeypatch.setattr(StreamedIngest, "_emit", staticmethod(failing))
    with pytest.raises(WorkbenchError, match="planted failure"):
        ingest_path(gateway, small_bundle, batch_size=200)
    runs = gateway.read("MATCH (r:IngestRun) RETURN r.status AS status").raise_for_status().data()
    assert [r["status"] for r in runs] == ["running"]
    monkeypatch.undo()
    report = ingest_path(gateway, small_bundle, batch_size=200)  # the same run, completed
    runs = gateway.read("MATCH (r:IngestRun) RETURN r.key AS key, r.status AS status").raise_for_status().data()
    assert runs == [{"key": report.run_id, "status": "complete"}]


def test_brokers_are_labelled_before_their_shipments_are_linked_to_them(
        gateway: Gateway, small_bundle: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On ArcadeDB a label added to a node moves it with every relationship it has: marking brokers after the last
    chunk timed out at a million rows. Each broker is labelled in the chunk that first names it, before its links."""
    from workbench.ingest import writer  # noqa: PLC0415

    order: list[tuple[str, str]] = []
    run = writer._run

    def spy(tx: Any, qid: str, params: dict[str, Any]) -> list[Any]:
        if qid == "ingest_mark_broker":
            order.extend(("marked", key) for key in params["keys"])
        elif qid.startswith("ingest_rel_arranged_"):  # new shipments' links come grouped by their firm
            rows = params.get("rows") or [row for group in params["groups"] for row in group["rows"]]
            order.extend(("linked", row["from"]) for row in rows)
        return run(tx, qid, params)

    monkeypatch.setattr(writer, "_run", spy)
    ingest_path(gateway, small_bundle, batch_size=150)
    first: dict[tuple[str, str], int] = {}
    for i, event in enumerate(order):
        first.setdefault(event, i)
    brokers = {key for what, key in first if what == "linked"}
    assert len(brokers) >= 2, order[:5]
    for key in brokers:
        assert first.get(("marked", key), len(order)) < first[("linked", key)], key
    stored = gateway.read("MATCH (b:Broker) RETURN b.key AS key").raise_for_status().data()
    assert {r["key"] for r in stored} == brokers


def test_keys_of_labels_the_store_held_none_of_are_told_new_or_stored_from_what_the_run_wrote(
        gateway: Gateway, small_bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Into an empty store the writer asks the store for no keys: a key is stored exactly when this run wrote it
    before. Every shared label takes the key-check path here (no label is few enough to be MERGEd at once), and
    firms, ports and containers come back chunk after chunk: a key the run wrote but took for new would be CREATEd
    twice and break the key's uniqueness constraint. A label the store already holds is asked about as before."""
    from workbench.demo.generator import generate_bundle  # noqa: PLC0415
    from workbench.ingest import writer  # noqa: PLC0415

    asked: Counter[str] = Counter()
    created: Counter[str] = Counter()
    merged: set[str] = set()
    run = writer._run

    def spy(tx: Any, qid: str, params: dict[str, Any]) -> list[Any]:
        if qid.startswith("ingest_stored_"):
            asked[qid] += 1
        elif qid.startswith("ingest_new_"):
            created.update(row["key"] for row in params["rows"])
        elif qid.startswith("ingest_node_"):
            merged.update(row["key"] for row in params["rows"])
        return run(tx, qid, params)

    monkeypatch.setattr(writer, "_run", spy)
    monkeypatch.setattr(writer, "FEW_SHARED", 0)
    report = ingest_path(gateway, small_bundle, batch_size=150)
    assert report.rows_rejected == 0 and report.rows_stored > 900
    assert not asked, asked
    assert created and max(created.values()) == 1, created.most_common(3)
    again = {key.split(":")[0] for key in merged & set(created)}  # written by one chunk, MERGEd by a later one
    assert {"company", "port", "container"} <= again, again

    other = tmp_path / "other"
    generate_bundle(other, seed=6, manifests=300)
    for extra in ("ground_truth.json", "README.txt"):
        (other / extra).unlink(missing_ok=True)
    created.clear()
    report = ingest_path(gateway, other, batch_size=150, skip_invalid=True, rejects_path=tmp_path / "rejects.csv")
    assert report.rows_stored > 400
    assert asked["ingest_stored_shipment"] > 0 and asked["ingest_stored_container"] > 0, asked
    doubled = gateway.read(
        "MATCH (n:Company) WITH n.key AS key, count(*) AS n WHERE n > 1 RETURN count(key) AS c"
    ).raise_for_status().data()
    assert doubled == [{"c": 0}]


def test_counts_that_outlast_the_timeout_leave_a_note_not_a_failed_ingest(
        gateway: Gateway, small_bundle: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At a million rows counting every relationship passed the 30 s statement timeout after the run had
    finished; the ingest must succeed and say that the overview's counts were not refreshed."""
    from workbench.errors import QueryError  # noqa: PLC0415
    from workbench.ingest import runner  # noqa: PLC0415

    def too_slow(gateway: Gateway, counted_by: str) -> Any:
        raise QueryError("The query was stopped by the server after the timeout of 30 s.")

    monkeypatch.setattr(runner, "record_counts", too_slow)
    report = ingest_path(gateway, small_bundle, batch_size=300)
    assert report.rows_stored > 900
    assert len(report.notes) == 1 and "counts were not refreshed" in report.notes[0]
    assert "timeout of 30 s" in report.notes[0] and report.as_dict()["notes"] == report.notes
    runs = gateway.read("MATCH (r:IngestRun) RETURN r.status AS status").raise_for_status().data()
    assert runs == [{"status": "complete"}]


def test_progress_tells_rows_per_second_and_time_left(gateway: Gateway, small_bundle: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    report = ingest_path(gateway, small_bundle, batch_size=300, progress=lambda s, d, t: seen.append((s, d, t)))
    writing = [(s, d, t) for s, d, t in seen if s.startswith("writing:")]
    assert writing, seen[:5]
    assert all("rows/s" in s and "left" in s for s, _, _ in writing)
    assert writing[-1][1] == writing[-1][2] == report.rows_stored
    assert [d for _, d, _ in writing] == sorted(d for _, d, _ in writing)


@pytest.fixture(scope="module")
def small_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated bundle of every kind (600 manifests, seizures, notifications, waybills, parcels, payments)."""
    from workbench.demo.generator import generate_bundle  # noqa: PLC0415

    out = tmp_path_factory.mktemp("stream-bundle") / "bundle"
    generate_bundle(out, seed=5, manifests=600)
    for extra in ("ground_truth.json", "README.txt"):
        (out / extra).unlink(missing_ok=True)
    return out


class StalledStore:
    """A TCP relay to the embedded server that can stop passing the server's answers on: a store that hangs
    mid-ingest (as ArcadeDB did past its Bolt message limit, issue 15), without stopping the server."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.stalled = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            threading.Thread(target=self._pump, args=(client, server, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, True), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, answers: bool) -> None:
        try:
            while data := source.recv(65536):
                if answers and self.stalled.is_set():
                    continue  # swallowed: the client waits for an answer that never comes
                sink.sendall(data)
        except OSError:
            pass

    def close(self) -> None:
        self.listener.close()


def test_a_store_that_stops_answering_fails_the_ingest_instead_of_hanging(
        store_settings: Settings, small_bundle: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.ingest import stream  # noqa: PLC0415
    from workbench.store.connect import connection_for  # noqa: PLC0415

    monkeypatch.setattr(stream, "WRITE_DEADLINE_S", 5.0)
    connection = connection_for(store_settings)
    host, port = connection.uri.rsplit("//", 1)[1].rsplit(":", 1)
    relay = StalledStore(host, int(port))
    gateway = Gateway(dataclasses.replace(connection, uri=f"bolt://127.0.0.1:{relay.port}"))
    outcome: list[BaseException | None] = []

    def progress(stage: str, done: int, total: int) -> None:
        if stage.startswith("writing:"):
            relay.stalled.set()  # after the first chunk is written, the store stops answering

    def run() -> None:
        try:
            ingest_path(gateway, small_bundle, batch_size=100, progress=progress)
            outcome.append(None)
        except BaseException as e:  # noqa: BLE001
            outcome.append(e)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(300)  # a guard so a regression fails here rather than hanging the suite; the deadline is 5 s
    relay.close()
    assert not worker.is_alive(), "the ingest is still waiting for a store that stopped answering"
    assert isinstance(outcome[0], stream.IngestFailed), outcome
    assert "has not answered for 5 s" in str(outcome[0]) and "ingest the same bundle again" in str(outcome[0])


def test_the_collector_skips_what_the_run_built_and_gets_it_back_after(
        gateway: Gateway, small_bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At a million rows a quarter to a half of the client's time went to the garbage collector walking the run's
    sets of ids and keys again and again: what the run built is frozen while it writes, and handed back after,
    when it succeeds and when it fails.

    The driver's results hold their statement's parameters in reference cycles that only the collector frees, and
    it does not look at what was frozen: every batch is emptied once sent, so what those cycles keep until the run
    ends is a few small objects per statement, not the rows (a million-row run grew past 2 GiB before)."""
    import gc  # noqa: PLC0415

    from workbench.errors import InputError  # noqa: PLC0415
    from workbench.ingest import writer  # noqa: PLC0415

    seen: list[int] = []
    run = writer._run

    def spy(tx: Any, qid: str, params: dict[str, Any]) -> list[Any]:
        seen.append(gc.get_freeze_count())
        return run(tx, qid, params)

    monkeypatch.setattr(writer, "_run", spy)
    assert gc.get_freeze_count() == 0
    gc.collect()
    ingest_path(gateway, small_bundle, batch_size=300)
    assert seen and min(seen) > 0  # every statement was sent with the run's objects out of the collector's sight
    assert gc.get_freeze_count() == 0
    flags = gc.get_debug()
    gc.set_debug(flags | gc.DEBUG_SAVEALL)
    try:
        gc.collect()
        batches = [o for o in gc.garbage if isinstance(o, writer.Rows)]
        kept = sum(len(o) for o in batches)
        long_lists = [o[:2] for o in gc.garbage if isinstance(o, list) and len(o) >= 100]
    finally:
        gc.set_debug(flags)
        gc.garbage.clear()
    assert batches, "the driver's results still hold their parameters in cycles (this test needs them to)"
    assert kept == 0, f"{len(batches)} batches with {kept} rows were kept by the driver's results"
    assert not long_lists, f"lists of keys or rows were kept by the driver's results: {long_lists[:3]}"
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "manifests.csv").write_text((small_bundle / "manifests.csv").read_text(encoding="utf-8")
                                          + "MAN-9999999,not a date,,,,,,,,,,,,,,,,,,\n", encoding="utf-8")
    with pytest.raises(InputError):
        ingest_path(gateway, broken)
    assert gc.get_freeze_count() == 0
    # outside an ingest (the write floor's benchmark drives the same steps) nothing is frozen
    from workbench.ingest.builder import Builder  # noqa: PLC0415

    stream = StreamedIngest(gateway, discover(small_bundle), run="run:x", now="2024-01-01", batch_size=300,
                            stored_records=lambda records: {})
    stream.check(Builder([], {"Company": [], "Person": []}, [], lambda bols, containers: {}, KINDS))
    assert gc.get_freeze_count() == 0
