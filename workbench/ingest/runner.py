"""The ingest run: read, validate everything, resolve, write, report.

All-or-nothing by default: every row of every file is validated before anything is written, and
one invalid row rejects the run with every problem listed. With ``skip_invalid`` the valid rows are
stored and each rejected row is written, with its reasons, to a rejects CSV.

The run's key is a hash of the bundle's bytes and options, so ingesting the same bundle again
resumes or repeats the same run and changes no counts.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import hashlib
import os
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from workbench.store import queries
from workbench.analysis.overview import record_counts
from workbench.errors import InputError, QueryError, WorkbenchError
from workbench.store.gateway import Gateway
from workbench.ingest.builder import Builder, StoredShipments
from workbench.ingest.readers import Table, discover
from workbench.ingest import ftm
from workbench.ingest.kinds import KINDS
from workbench.ingest import progress as stages
from workbench.ingest.progress import Progress
from workbench.ingest.records import Problem, Record, node_key
from workbench.ingest.stream import StreamedIngest, settled_heap
from workbench.ingest.writer import BATCH_ROWS
from workbench.exports.safe import SafeWriter

_ALL = 10**9


@dataclass
class FileReport:
    name: str
    kind: str
    encoding: str
    rows_read: int = 0
    rows_stored: int = 0
    rows_rejected: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # FtM entities of schemata the importer does not read


COUNTS_NOT_REFRESHED = ("The rows are stored and the run is complete, but the overview's counts were not refreshed "
                        "({error}). Counting every relationship of a store this large takes longer than one statement "
                        "may run: raise WORKBENCH_QUERY_TIMEOUT, restart the store and press 'Count again' on the "
                        "overview.")


@dataclass
class IngestReport:
    """What one ingest did: per file counts, entities, problems, and where the rejects went."""

    run_id: str
    files: list[FileReport] = field(default_factory=list)
    entities_created: int = 0
    entities_merged: int = 0
    nodes_written: int = 0
    relationships_written: int = 0
    problems: list[Problem] = field(default_factory=list)
    rejects_path: Path | None = None
    elapsed: float = 0.0
    conflicting: set[str] = field(default_factory=set)
    #: What the user should know although the run succeeded (the overview's counts not refreshed).
    notes: list[str] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.files)

    @property
    def rows_stored(self) -> int:
        return sum(f.rows_stored for f in self.files)

    @property
    def rows_rejected(self) -> int:
        return sum(f.rows_rejected for f in self.files)

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id, "files": [asdict(f) for f in self.files], "rows_read": self.rows_read,
            "rows_stored": self.rows_stored, "rows_rejected": self.rows_rejected,
            "entities_created": self.entities_created, "entities_merged": self.entities_merged,
            "nodes_written": self.nodes_written, "relationships_written": self.relationships_written,
            "problems": [p.as_dict() for p in self.problems],
            "rejects_path": str(self.rejects_path) if self.rejects_path else None, "elapsed": round(self.elapsed, 2),
            "notes": list(self.notes),
        }


def run_key(files: list[Path], skip_invalid: bool, source: str | None) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update(f"{skip_invalid}|{source or ''}".encode())
    return "run:" + digest.hexdigest()[:20]


def _problem_message(problems: list[Problem]) -> str:
    lines = [f"The bundle has {len(problems)} problem(s); nothing was stored. Fix them and ingest again, "
             "or use --skip-invalid to store the valid rows and write the rest to a rejects file:"]
    lines += [f"  {p}" for p in problems]
    return "\n".join(lines)


def _write_rejects(path: Path, tables: list[Table], rejected: dict[str, dict[int, list[Problem]]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    columns: list[str] = []
    for table in tables:
        if rejected.get(table.name):
            columns += [c for c in table.columns if c and c not in columns]
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = SafeWriter(handle)
        writer.writerow(["_file", "_row", "_columns", "_reasons", *columns])
        for table in tables:
            rows = rejected.get(table.name) or {}
            for number, raw in table.rows:
                if number not in rows:
                    continue
                problems = rows[number]
                cells = [raw.get(c, "") if table.kind != "ftm" else "" for c in columns]
                if table.kind == "ftm":
                    cells = cells[:0] + [""] * len(columns)
                writer.writerow([table.name, number, ";".join(sorted({p.column or "" for p in problems})),
                                 " | ".join(p.reason for p in problems), *cells])
                count += 1
    return count


#: Keys looked up per query when comparing rows with what earlier runs stored.
_LOOKUP_BATCH = 5000
#: The parameters of ``ingest_stored_records``: one list of keys per record label, named by the kinds.
STORED_GROUPS = tuple(dict.fromkeys(k.stored_group for k in KINDS.values() if k.stored_group))


def _stored_records(gateway: Gateway, records: list[Record]) -> dict[str, dict[str, Any]]:
    """Properties earlier runs stored under the keys of these records (shipments, seizures, notifications, payments)."""
    keys: dict[str, list[str]] = {group: [] for group in STORED_GROUPS}
    for record in records:
        key = node_key(record)
        group = KINDS[record.kind].stored_group
        if key and group:
            keys[group].append(key)
    stored: dict[str, dict[str, Any]] = {}
    longest = max(len(v) for v in keys.values())
    for start in range(0, longest, _LOOKUP_BATCH):
        batch = {name: sorted(set(values))[start:start + _LOOKUP_BATCH] for name, values in keys.items()}
        for row in queries.run(gateway, "ingest_stored_records", batch, row_cap=_ALL,
                               timeout=600).raise_for_status().data():
            stored[row["key"]] = row["props"]
    return stored


class IngestRunning(WorkbenchError):
    """Another ingest into the same store is running from this workbench home."""

    exit_code = 6


@contextmanager
def ingest_lock(home: Path | None, database: str) -> Iterator[None]:
    """One ingest at a time per home and database: an exclusive ``flock`` on ``HOME/locks/ingest-DB.lock``.

    Two ingests at once would race on the same keys (the loser failing with an engine message, or two bundles
    half-written); the second one is refused at once instead, saying who holds the lock.
    """
    if home is None:
        yield
        return
    folder = Path(home) / "locks"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / f"ingest-{database}.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            holder = os.pread(fd, 512, 0).decode("utf-8", "replace").strip() or "another process"
            raise IngestRunning(
                f"Another ingest is running into database {database!r} of this workbench ({holder}); nothing was "
                "read or stored. Wait for it to finish, then run this one again."
            ) from e
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M:%S} UTC"
                  .encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def ingest_path(gateway: Gateway, path: Path | str, *, skip_invalid: bool = False, source: str | None = None,
                progress: Progress | None = None, rejects_path: Path | str | None = None,
                batch_size: int = BATCH_ROWS) -> IngestReport:
    """Ingest a bundle folder or one file into the store behind ``gateway``; see docs/import-contract.md.

    Ingests into the same store from the same workbench home run one at a time (see :func:`ingest_lock`).
    """
    with ingest_lock(getattr(gateway.connection, "home", None), gateway.database), settled_heap():
        return _ingest(gateway, path, skip_invalid=skip_invalid, source=source, progress=progress,
                       rejects_path=rejects_path, batch_size=batch_size)


def _ingest(gateway: Gateway, path: Path | str, *, skip_invalid: bool, source: str | None,
            progress: Progress | None, rejects_path: Path | str | None, batch_size: int) -> IngestReport:
    """The run in bounded memory (see :mod:`workbench.ingest.stream`): check every row and collect the parties,
    refuse the bundle or write the rejects, resolve, then emit and write in pipelined chunks."""
    started = time.monotonic()
    path = Path(path)
    found = discover(path)
    report = IngestReport(run_key([p for p, _ in found], skip_invalid, source))
    existing = {
        label: queries.run(gateway, query_id, {"run": report.run_id}, row_cap=_ALL, timeout=600).raise_for_status().data()
        for label, query_id in (("Company", "ingest_existing_companies"), ("Person", "ingest_existing_persons"))
    }
    decisions = queries.run(gateway, "ingest_decisions", row_cap=_ALL, timeout=600).raise_for_status().data()
    builder = Builder([], existing, decisions, None, KINDS)
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    stream = StreamedIngest(gateway, found, run=report.run_id, now=now, batch_size=batch_size,
                            stored_records=lambda records: _stored_records(gateway, records), progress=progress)
    stream.check(builder)
    rejected = _report_files(stream, report)
    if report.problems and not skip_invalid:
        raise InputError(_problem_message(report.problems), problems=[p.as_dict() for p in report.problems])
    if report.rows_rejected or any(p.row is None for p in report.problems):
        target = Path(rejects_path) if rejects_path else Path.cwd() / f"ingest-rejects-{report.run_id[4:]}.csv"
        _write_rejects(target, [s.table for s in sorted(stream.sources, key=lambda s: s.index) if s.table is not None],
                       rejected)
        report.rejects_path = target

    if progress:
        progress(stages.resolving(), 0, 0)
    builder.resolve()
    report.entities_created = builder.plan.entities_created
    report.entities_merged = builder.plan.entities_merged

    queries.run(gateway, "ingest_run_start", {"key": report.run_id, "now": now, "source": source or path.name,
                                              "files": [s.name for s in sorted(stream.sources, key=lambda s: s.index)]})
    report.nodes_written, report.relationships_written = stream.write(builder, stored_shipments(gateway))
    queries.run(gateway, "ingest_run_finish", {"key": report.run_id, "now": now, "rowsRead": report.rows_read,
                                               "rowsStored": report.rows_stored, "rowsRejected": report.rows_rejected})
    try:
        record_counts(gateway, report.run_id)  # the overview reads these instead of counting the store
    except QueryError as e:
        # The rows are stored and the run is complete: a count that outlasts the statement timeout (every
        # relationship is walked on ArcadeDB: about 10 million at a million manifest rows) must not fail the ingest.
        report.notes.append(COUNTS_NOT_REFRESHED.format(error=e))
    report.elapsed = time.monotonic() - started
    return report


def stored_shipments(gateway: Gateway) -> StoredShipments:
    """Stored shipments by bill of lading and by container key (seizures are linked to the shipments they name)."""

    def lookup(bols: list[str], containers: list[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for qid, name, values in (("ingest_shipments_by_bol", "bols", bols),
                                  ("ingest_shipments_by_container", "containers", containers)):
            if values:
                field = "bol" if name == "bols" else "container"
                for row in queries.run(gateway, qid, {name: values}, row_cap=_ALL, timeout=600).raise_for_status().data():
                    found.setdefault(row[field], []).append(row["key"])
        return found

    return lookup


def _report_files(stream: StreamedIngest, report: IngestReport) -> dict[str, dict[int, list[Problem]]]:
    """Each file's counts and problems in the report; the problems of each rejected row, by file (for the rejects)."""
    rejected: dict[str, dict[int, list[Problem]]] = {}
    report.problems += stream.problems
    report.conflicting |= stream.refused
    # Each refused row names its own problems; looked up by file and row (scanning every problem for each refused
    # row was quadratic: 2,621 refused rows of a 20k-row top-up took 3.5 s).
    by_place: dict[tuple[str, int | None], list[Problem]] = {}
    for problem in report.problems:
        by_place.setdefault((problem.file, problem.row), []).append(problem)
    for source in sorted(stream.sources, key=lambda s: s.index):
        by_row = dict(source.rejected)
        rows_read = source.rows_read
        if source.file_problems and source.table is not None:
            # A file-level problem (a missing column) rejects every row of the file.
            numbers = [number for number, _ in source.table.rows]
            rows_read = len(numbers)
            by_row = {number: by_row.get(number, []) + source.file_problems for number in numbers}
        refused = {int(ref.rsplit("#", 1)[1]) for ref in stream.refused if ref.rsplit("#", 1)[0] == source.name}
        for number in refused:
            if not by_row.get(number):
                mine = list(by_place.get((source.name, number), ()))
                by_row[number] = mine or [Problem(source.name, number, None, "its id is used by another row with "
                                                  "different data (see that row's problem)")]
        rejected[source.name] = by_row
        skipped = ftm.skipped(source.records or []) if source.records is not None else {}
        report.files.append(FileReport(source.name, source.kind, source.encoding, rows_read=rows_read,
                                       rows_stored=source.rows_valid - sum(skipped.values()),
                                       rows_rejected=len([n for n in by_row if by_row[n]]), skipped=skipped))
    return rejected
