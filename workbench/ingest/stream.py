"""A bundle of any size ingested in bounded memory: read twice, resolve once, write in pipelined chunks.

1. **Check and collect** (first read). Every file is read row by row and validated; ids used twice with different
   data, in the bundle or against what earlier runs stored, are refused; every valid row gives its party mentions to
   resolution, and what :meth:`~workbench.ingest.builder.Builder.mention` returned is kept per file as a compact
   array of ints (the rows themselves are not kept). Files of kinds that need all their records at once (FtM) are
   small and stay in memory. Nothing is written in this pass: a bundle with problems is refused whole, as before.
2. **Resolve** the mentions of companies and people (a few thousand entities, however many rows).
3. **Emit and write** (second read). Rows are read again, validated again (the same outcome) and emitted in chunks of
   ``batch_size`` rows, each chunk a plan of its records and the shared nodes they touch, replaying the first read's
   mentions. A producer thread prepares the next chunk while the server writes the last one; at most
   :data:`QUEUE_CHUNKS` chunks wait. Relationships between shared nodes (a firm's country, address and phone) and the
   broker marks are gathered over the run, bounded by the entities rather than the rows, and written at the end.

Memory grows with the entities and the distinct shared values, not with the rows: the rows of one or two chunks,
the resolution, an int per mention and two ints per record id (for ids used twice).
"""

from __future__ import annotations

import gc
import hashlib
import queue
import sys
import threading
import time
from array import array
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from workbench.analysis.overview import counts_by_label
from workbench.errors import WorkbenchError
from workbench.ingest import ftm
from workbench.ingest.builder import Builder, StoredShipments
from workbench.ingest.kinds import KINDS
from workbench.ingest import progress as stages
from workbench.ingest.progress import Progress
from workbench.ingest.plan import RECORD_LABELS, Plan
from workbench.ingest.readers import Table, open_csv, read_file
from workbench.ingest.records import (_fingerprint, clash_problem, header_problems, identity, stored_conflicts,
                                      validate_rows)
from workbench.ingest.rows import Problem, Record
from workbench.ingest.writer import (LATER_ROWS, SHARED_ORDER, Complete, Later, Prepared, RunKeys, mark_brokers,
                                     prepare, write_records, write_shared_nodes, write_shared_rels)
from workbench.store.gateway import Gateway

#: Chunks prepared ahead of the writer (each holds ``batch_size`` rows with their nodes and relationships).
QUEUE_CHUNKS = 2
#: Rows checked against what earlier runs stored per lookup.
LOOKUP_ROWS = 5000
#: How long one chunk's writes may wait for the store (its transactions end at 600 s on the server, see
#: ``Gateway.transaction``) before the ingest fails instead of waiting forever.
WRITE_DEADLINE_S = 660.0
#: Python's thread switch interval while chunks are written (the default is 5 ms): the writer thread waits for the
#: store statement by statement and then needs the interpreter back from the producer thread; at 0.5 ms it gets it
#: sooner, and the 100k-row ingest took 149 s instead of 162 s (benchmarks/results/ingest.json). Restored after.
WRITE_SWITCH_INTERVAL_S = 0.0005
#: Yielded by :meth:`StreamedIngest.plans` where every chunk before must be written before the next is emitted.
DRAIN = object()

StoredRecords = Callable[[list[Record]], dict[str, dict[str, Any]]]


@contextmanager
def settled_heap() -> Iterator[None]:
    """An ingest with Python's cyclic garbage collector kept off what the run has already built.

    The collector's full passes walk every element of every live set and dict: the run's ids seen, refused rows
    and shared keys hold a million entries each at a million rows, and in the million-row run at a686375 a
    quarter to a half of the client's time holding the interpreter was in ``gc_collect_main`` (py-spy
    ``--gil --native``), called from the allocations of the next chunk. What the run has built is frozen
    (:func:`gc.freeze`) after each lookup batch of the first read and after each chunk is emitted, so later passes
    only walk what is new. Reference counting still frees everything as before; the frozen objects go back to the
    collector when the run ends, however it ends."""
    global _settling
    before = gc.get_freeze_count()
    _settling += 1
    try:
        yield
    finally:
        _settling -= 1
        if before == 0 and _settling == 0:
            gc.unfreeze()


#: Ingests running under :func:`settled_heap` in this process (the freezing is theirs alone: a caller of
#: :class:`StreamedIngest` outside it, such as the write floor's benchmark, keeps the collector as it is).
_settling = 0


def _settle() -> None:
    """Move everything alive now out of the collector's sight, within :func:`settled_heap` only."""
    if _settling:
        gc.freeze()


def open_table(path: Path, kind: str) -> Table:
    """A CSV streamed from disk; spreadsheets (at most a million rows by their format) and FtM files in memory."""
    if kind != "ftm" and path.name.lower().endswith(".csv"):
        return open_csv(path, kind)
    return read_file(path, kind)


def in_memory(kind: str) -> bool:
    """Kinds whose records are all needed at once (FtM entities index each other) stay in memory."""
    return KINDS[kind].entities or KINDS[kind].prepare is not None


def _h64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


@dataclass
class Source:
    """One input file of the bundle and what the first read learnt of it."""

    path: Path
    kind: str
    index: int
    table: Table | None = None
    rows_read: int = 0
    rows_valid: int = 0
    encoding: str = ""
    #: The problems of each rejected row, by row number.
    rejected: dict[int, list[Problem]] = field(default_factory=dict)
    #: A problem that keeps every row of the file out (encoding, header, a quote never closed).
    file_problems: list[Problem] = field(default_factory=list)
    #: What the builder's ``mention`` returned for each collected row, in order (-1: no party).
    mentions: array = field(default_factory=lambda: array("i"))
    #: Records of in-memory kinds (FtM).
    records: list[Record] | None = None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def order(self) -> tuple[int, str]:
        return KINDS[self.kind].resolve_order, self.name


class DuplicateIds:
    """Ids seen in the bundle, as 64-bit hashes of the id and of what the row says, to refuse an id used again with
    different data (two ints per id instead of the rows)."""

    def __init__(self) -> None:
        self.first: dict[int, int] = {}
        #: (later record, file index and row of the first row with that id)
        self.clashes: list[tuple[Record, int, int]] = []

    def add(self, record: Record, source: int) -> tuple[int, int] | None:
        """None, or (file index, row) of an earlier row with the same id and other data."""
        ident = identity(record)
        if ident is None:
            return None
        key = _h64("\x1f".join(ident))
        said = _h64(_fingerprint(record))
        seen = self.first.get(key)
        if seen is None:
            self.first[key] = (said << 64) | (source << 40) | record.row
            return None
        if seen >> 64 == said:
            return None
        where = ((seen >> 40) & 0xFFFFFF, seen & 0xFFFFFFFFFF)
        self.clashes.append((record, *where))
        return where


def _rows_of(source: Source, rows: set[int]) -> dict[int, Record]:
    """The records of some rows of a file, read again once (for the messages of ids used twice)."""
    if source.records is not None:
        return {r.row: r for r in source.records if r.row in rows}
    found: dict[int, Record] = {}
    for number, record, _ in validate_rows(open_table(source.path, source.kind)):
        if number in rows and record is not None:
            found[number] = record
            if len(found) == len(rows):
                break
    return found


class StreamedIngest:
    """The three steps of a streamed ingest (see the module's text); the runner reports and writes the rejects."""

    def __init__(self, gateway: Gateway, files: list[tuple[Path, str]], *, run: str, now: str, batch_size: int,
                 stored_records: StoredRecords, progress: Progress | None = None) -> None:
        self.gateway = gateway
        self.sources = sorted((Source(path, kind, i) for i, (path, kind) in enumerate(files)), key=lambda s: s.order)
        self.run = run
        self.now = now
        self.batch_size = batch_size
        self.stored_records = stored_records
        self.progress = progress
        self.problems: list[Problem] = []
        #: Refs (file#row) of valid rows refused for their id (used twice, or stored with other data).
        self.refused: set[str] = set()
        self.rows_to_write = 0

    # --- 1. check and collect ------------------------------------------------------------------------------------
    def check(self, builder: Builder) -> None:
        """The first read: validate every row, refuse clashing ids, collect the mentions of the rest."""
        duplicates = DuplicateIds()
        late = False  # a row already collected was refused later: collect again without it
        memory = [s for s in self.sources if in_memory(s.kind)]
        for source in memory:
            self._note(stages.reading(source.name))
            source.table = read_file(source.path, source.kind)
            valid, problems, by_row = ftm.validate_table(source.table)
            source.records, source.rejected = valid, by_row
            source.rows_read = len(list(source.table.rows))
            source.encoding = source.table.encoding
            self.problems += problems
            source.file_problems = [p for p in problems if p.row is None]
            if source.file_problems:
                source.records = []
        builder.prepare([r for s in memory for r in s.records or []])
        for source in self.sources:
            if source.records is not None:
                late |= self._check_memory(source, duplicates, builder)
            else:
                late |= self._check_stream(source, duplicates, builder)
        self._explain_clashes(duplicates)
        if late:
            builder.reset_mentions()
            for source in self.sources:
                self._collect_again(source, builder)
        self.rows_to_write = sum(s.rows_valid for s in self.sources)

    def _check_memory(self, source: Source, duplicates: DuplicateIds, builder: Builder) -> bool:
        records = source.records or []
        self._refuse_stored(records)
        late = False
        for record in records:
            if duplicates.add(record, source.index) is not None:
                self.refused.add(record.ref)
                late = True  # the first row of that id was collected: collect again without it
        for record in records:
            if record.ref not in self.refused:
                builder.collect_record(record)
        source.rows_valid = sum(1 for r in records if r.ref not in self.refused)
        return late

    def _check_stream(self, source: Source, duplicates: DuplicateIds, builder: Builder) -> bool:
        """Validate and collect one streamed file; True when a row collected earlier was refused afterwards."""
        self._note(stages.reading(source.name))
        table = source.table = open_table(source.path, source.kind)
        source.encoding = table.encoding
        source.file_problems = header_problems(table)
        late = False
        chunk: list[Record] = []
        collected = 0

        def flush() -> None:
            nonlocal late, collected
            self._refuse_stored(chunk)
            for record in chunk:
                if duplicates.add(record, source.index) is not None:
                    self.refused.add(record.ref)
                    late = True  # the first row of that id was collected: collect again without it
                    continue
                if record.ref in self.refused:
                    continue
                builder.recording = source.mentions
                try:
                    builder.collect_record(record)
                finally:
                    builder.recording = None
                collected += 1
            chunk.clear()
            _settle()

        for number, record, problems in validate_rows(table):
            source.rows_read += 1
            if record is None:
                source.rejected[number] = problems
                self.problems += problems
            else:
                chunk.append(record)
                if len(chunk) >= LOOKUP_ROWS:
                    flush()
                    self._note(stages.reading(source.name), source.rows_read)
        flush()
        if not source.file_problems:
            source.file_problems = [Problem(source.name, None, col, reason) for row, col, reason in table.problems
                                    if row is None]
        if source.file_problems:
            self.problems += [p for p in source.file_problems if p not in self.problems]
            late |= collected > 0
            source.rows_valid = 0
            return late
        source.rows_valid = collected
        return late

    def _refuse_stored(self, records: list[Record]) -> None:
        if not records:
            return
        problems, bad = stored_conflicts([r for r in records if r.ref not in self.refused],
                                         self.stored_records(records))
        self.problems += problems
        self.refused |= bad

    def _explain_clashes(self, duplicates: DuplicateIds) -> None:
        """A problem for each row whose id an earlier row of the bundle used with other data; both are refused."""
        by_index = {s.index: s for s in self.sources}
        wanted: dict[int, set[int]] = {}
        for _record, index, row in duplicates.clashes:
            wanted.setdefault(index, set()).add(row)
        earlier = {index: _rows_of(by_index[index], rows) for index, rows in wanted.items()}
        for record, index, row in duplicates.clashes:
            name = by_index[index].name
            other = earlier[index].get(row)
            self.refused.add(f"{name}#{row}")
            self.problems.append(clash_problem(record, name, row, other))

    def _records(self, source: Source) -> Iterator[Record]:
        """The rows of a file the run stores, read again (or from memory), in the first read's order."""
        if source.file_problems:
            return
        if source.records is not None:
            yield from (r for r in source.records if r.ref not in self.refused)
            return
        for _number, record, _ in validate_rows(open_table(source.path, source.kind)):
            if record is not None and record.ref not in self.refused:
                yield record

    def _collect_again(self, source: Source, builder: Builder) -> None:
        source.mentions = array("i")
        collected = 0
        for record in self._records(source):
            builder.recording = source.mentions if source.records is None else None
            try:
                builder.collect_record(record)
            finally:
                builder.recording = None
            collected += 1
        source.rows_valid = collected

    # --- 3. emit and write ---------------------------------------------------------------------------------------
    def write(self, builder: Builder, stored_shipments: StoredShipments | None) -> tuple[int, int]:
        """Emit the rows in chunks on a producer thread and write each chunk as it comes; (nodes, relationships)."""
        builder.stored_shipments = stored_shipments
        run_plan = Plan()
        chunks: queue.Queue[Any] = queue.Queue(maxsize=QUEUE_CHUNKS)
        stop = threading.Event()
        written = threading.Condition()
        progress_ = {"sent": 0, "written": 0}
        done_rows = 0
        counts = [0, 0]
        shared_seen: set[int] = set()
        started = time.monotonic()

        def put(item: Any) -> None:
            while not stop.is_set():
                try:
                    chunks.put(item, timeout=0.5)
                    progress_["sent"] += 1
                    return
                except queue.Full:
                    continue

        def drained() -> None:
            """Wait until the writer has written every chunk sent so far (or the run stops)."""
            with written:
                written.wait_for(lambda: stop.is_set() or progress_["written"] >= progress_["sent"])

        def produce() -> None:
            try:
                for item in self.plans(builder, run_plan):
                    if item is DRAIN:
                        drained()
                    else:
                        _settle()
                        put(item)
                    if stop.is_set():
                        return
                put(None)
            except BaseException as e:  # noqa: BLE001 - handed to the writer, which raises it
                put(e)

        producer = threading.Thread(target=produce, name="ingest-producer", daemon=True)
        switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(switch_interval, WRITE_SWITCH_INTERVAL_S))
        producer.start()
        params = {"now": self.now, "run": self.run}
        complete: Complete = {}
        marked: set[str] = set()
        known = self.run_keys()
        later = Later()
        try:
            while True:
                item = chunks.get()
                if item is None:
                    break
                if isinstance(item, BaseException):
                    raise item
                plan, prepared, rows = item
                for label, table in plan.nodes.items():
                    if label in RECORD_LABELS:
                        counts[0] += len(table)
                    else:  # a shared node counts once however many chunks name it
                        fresh = {hash(key) for key in table} - shared_seen
                        counts[0] += len(fresh)
                        shared_seen.update(fresh)
                counts[1] += plan.counts()[1]
                self._within(lambda: self._write_chunk(plan, prepared, params, complete, marked, known, later),
                             done_rows, rows)
                with written:
                    progress_["written"] += 1
                    written.notify_all()
                done_rows += rows
                self._note_rate(done_rows, started)
        finally:
            stop.set()
            with written:
                written.notify_all()
            producer.join(timeout=30)
            sys.setswitchinterval(switch_interval)
        self._note(stages.shared_links())

        def finish() -> None:
            later.write(self.gateway, params, self.batch_size, complete)
            write_shared_rels(self.gateway, run_plan, params, self.batch_size, lambda _s, _n: None)

        self._within(finish, done_rows, 0)
        return counts[0], counts[1] + run_plan.counts()[1]

    def run_keys(self) -> RunKeys:
        """The labels the store holds no node of before the run writes (both stores keep a label's count, so this
        reads no nodes): their keys are told new or stored from what the run wrote (see :class:`RunKeys`)."""
        held = counts_by_label(self.gateway)
        return RunKeys(label for label in (*SHARED_ORDER, *RECORD_LABELS) if not held.get(label))

    def _write_chunk(self, plan: Plan, prepared: Prepared, params: dict[str, Any], complete: Complete,
                     marked: set[str], known: RunKeys | None = None, later: Later | None = None) -> None:
        """One chunk: its shared nodes, then the Broker label on the brokers it names for the first time, then its
        records. The label goes on before a broker's records are linked to it: on ArcadeDB a label added to a node
        moves the node and every relationship it has, and marking the brokers after the last chunk, as this did
        before, took past the 30 s statement timeout at a million rows (a broker then had 490,000 relationships).
        What the chunk adds to shared nodes already stored waits in ``later`` (written when it holds
        :data:`LATER_ROWS` nodes, and at the end of the run)."""
        write_shared_nodes(self.gateway, plan, params, self.batch_size, lambda _s, _n: None, complete, prepared, known,
                           later)
        fresh = plan.brokers - marked
        if fresh:
            mark_brokers(self.gateway, fresh, self.batch_size)
            marked.update(fresh)
        write_records(self.gateway, plan, params, self.batch_size, lambda _s, _n: None, prepared, known)
        if later is not None and later.size >= LATER_ROWS:
            later.write(self.gateway, params, self.batch_size, complete)

    def _within(self, work: Callable[[], None], done: int, rows: int) -> None:
        """Run one chunk's writes, and fail the run if the store has not answered within :data:`WRITE_DEADLINE_S`.

        The driver has no read timeout of its own (it only honours a server's hint, which the embedded server does
        not give): a store that stops answering mid-message would leave the ingest waiting forever. The writes run
        on a thread of their own that this one waits for; past the deadline the run stops with an error and that
        thread is left to the driver. Nothing of the chunk is committed unless its transactions were; the run
        stays unfinished and ingesting the bundle again completes it."""
        failure: list[BaseException] = []

        def run() -> None:
            try:
                work()
            except BaseException as e:  # noqa: BLE001 - raised again by the waiting thread
                failure.append(e)

        worker = threading.Thread(target=run, name="ingest-write", daemon=True)
        worker.start()
        worker.join(WRITE_DEADLINE_S)
        if worker.is_alive():
            what = f"rows {done + 1:,} to {done + rows:,}" if rows else "the links between shared nodes"
            raise IngestFailed(
                f"The store has not answered for {WRITE_DEADLINE_S:.0f} s while writing {what} of this ingest; the "
                f"ingest stopped. Rows written before are kept and the run is marked unfinished: check that the "
                f"store is up ({self.gateway.connection.uri}), then ingest the same bundle again to complete it.")
        if failure:
            raise failure[0]

    def plans(self, builder: Builder, run_plan: Plan) -> Iterator[Any]:
        """The chunks of the second read, in writing order: (plan, rows) each, and :data:`DRAIN` before the kinds that
        look up what the run wrote (seizures find their shipments in the store), which come last."""
        ordered = sorted(self.sources, key=lambda s: (KINDS[s.kind].finish is not None, *s.order))
        for source in ordered:
            if KINDS[source.kind].finish is not None:
                yield DRAIN
            replay = iter(source.mentions)
            chunk: list[Record] = []
            for record in self._records(source):
                if source.records is None:  # a streamed row: its kind's collect again, replaying the first read
                    builder.replaying = replay
                    try:
                        builder.collect_record(record)
                    finally:
                        builder.replaying = None
                chunk.append(record)
                if len(chunk) >= self.batch_size:
                    yield self._emit(builder, run_plan, chunk)
                    chunk = []
            if chunk:
                yield self._emit(builder, run_plan, chunk)

    @staticmethod
    def _emit(builder: Builder, run_plan: Plan, chunk: list[Record]) -> tuple[Plan, Prepared, int]:
        """A chunk's plan with its statement parameters built here, on the producer thread, while the writer thread
        waits for the store: the writer only sends."""
        builder.begin_chunk(run_plan)
        plan = builder.emit_records(chunk)
        return plan, prepare(plan), len(chunk)

    # --- progress ------------------------------------------------------------------------------------------------
    def _note(self, stage: str, done: int = 0, total: int = 0) -> None:
        if self.progress:
            self.progress(stage, done, total)

    def _note_rate(self, done: int, started: float) -> None:
        if not self.progress:
            return
        total = self.rows_to_write
        elapsed = max(time.monotonic() - started, 1e-6)
        rate = done / elapsed
        left = (total - done) / rate if rate > 0 else 0.0
        self.progress(stages.writing(rate, left), done, total)



class IngestFailed(WorkbenchError):
    """The store stopped answering during an ingest; the run can be repeated to complete it."""

    exit_code = 7
