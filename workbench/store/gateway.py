"""The one gateway to the graph store, over the official ``neo4j`` driver and Bolt.

It owns the drivers (created once per process), passes the database name on every call,
puts a timeout and a row cap on every query, and returns rows with a status: complete,
truncated, timed_out or error. Saved queries and typed queries go through :meth:`Gateway.read`,
the read-only path. Driver errors are wrapped in the workbench's own exceptions.

Read-only enforcement: Neo4j refuses writes in a READ session; ArcadeDB does not, so on the
embedded default the read path authenticates as a reader-only user whose group may only read.
Bolt 4.4 (ArcadeDB's newest) has no per-session authentication, so that means a second driver
for the reader credentials: one driver per credential, each created once per process.

Transactions: on Neo4j (one server, a cluster or Aura) every query runs in a managed transaction
(``execute_read``/``execute_write``), as the driver recommends: transient failures and a cluster's leader
changes are retried for up to ``NEO4J_RETRY_SECONDS``, and reads are routed to the cluster's readers. On the
embedded ArcadeDB each query runs in an explicit transaction, never retried (a single server has no leader
to move, and its read path depends on committing to surface refused writes).
"""

from __future__ import annotations

import contextvars
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

import neo4j
from neo4j import GraphDatabase
from neo4j import exceptions as nx

from workbench.errors import QueryError, ReadOnlyViolation, StoreUnavailable, WorkbenchError

# Error codes (not message text) that mean the server stopped the query for taking too long.
_TIMEOUT_CODES = {
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
    "Neo.TransientError.Transaction.LockClientStopped",
}
_READ_ONLY_CODES = {
    "Neo.ClientError.Security.Forbidden",
    "Neo.ClientError.Statement.AccessMode",
    "Neo.ClientError.Transaction.ForbiddenDueToTransactionType",
}


#: Who the current thread's queries run for (an app user, ``cli:<OS user>``); per-user limits count by it.
_ACTOR: contextvars.ContextVar[str | None] = contextvars.ContextVar("workbench_actor", default=None)


def act_as(actor: str | None) -> None:
    """Say whom this thread's (this Streamlit run's, this CLI command's) queries are for."""
    _ACTOR.set(actor)


def acting_as() -> str | None:
    return _ACTOR.get()


@contextmanager
def acting(actor: str) -> Iterator[None]:
    """Count the queries of this block against ``actor``'s limit (typed console queries, CLI commands)."""
    token = _ACTOR.set(actor)
    try:
        yield
    finally:
        _ACTOR.reset(token)


class Status(str, Enum):
    COMPLETE = "complete"
    TRUNCATED = "truncated"
    TIMED_OUT = "timed_out"
    ERROR = "error"


@dataclass
class QueryResult:
    """Rows of one query with how the query ended."""

    status: Status
    columns: list[str] = field(default_factory=list)
    records: list[neo4j.Record] = field(default_factory=list)
    error: WorkbenchError | None = None
    elapsed: float = 0.0
    row_cap: int | None = None

    @property
    def ok(self) -> bool:
        return self.status in (Status.COMPLETE, Status.TRUNCATED)

    def rows(self) -> list[dict[str, Any]]:
        """Records as dicts of the raw driver values (Node, Relationship, Path kept as objects)."""
        return [dict(zip(record.keys(), record.values())) for record in self.records]

    def data(self) -> list[dict[str, Any]]:
        """Records as plain Python data (graph objects become property maps)."""
        return [record.data() for record in self.records]

    def raise_for_status(self) -> "QueryResult":
        """Raise the wrapped error when the query failed or timed out."""
        if self.error is not None:
            raise self.error
        return self

    def message(self) -> str:
        if self.status is Status.TRUNCATED:
            return f"Showing the first {self.row_cap} rows; the query returned more. Narrow it with parameters."
        if self.status is Status.TIMED_OUT:
            return str(self.error)
        if self.status is Status.ERROR:
            return str(self.error)
        return f"{len(self.records)} rows"


@dataclass(frozen=True)
class Connection:
    """Where and as whom to connect; built by :mod:`workbench.store` from settings."""

    uri: str
    user: str
    password: str
    database: str
    backend: str  # "arcadedb" (embedded default) or "neo4j"
    reader_user: str | None = None
    reader_password: str | None = None
    query_timeout: float = 30.0
    row_cap: int = 5000
    user_queries: int = 2  # queries one actor may have running at once through this gateway
    console_queries: int = 1  # typed console queries this gateway runs at once for everyone
    home: Path | None = None  # the workbench home (locks such as one ingest at a time live there)
    managed_transactions: bool | None = None  # None: managed on Neo4j, explicit on the embedded ArcadeDB
    retry_seconds: float = 15.0  # how long a managed transaction retries transient failures

    @property
    def managed(self) -> bool:
        """True when queries run in the driver's managed transactions (retried, routed)."""
        return self.backend == "neo4j" if self.managed_transactions is None else self.managed_transactions

    @property
    def where(self) -> str:
        return f"{self.uri} (database {self.database})"


def wrap_driver_error(e: Exception, connection: Connection, *, read_only: bool = False) -> WorkbenchError:
    """Translate a driver exception into a workbench error that says what to do."""
    if isinstance(e, WorkbenchError):
        return e
    if isinstance(e, nx.AuthError):
        return StoreUnavailable(
            f"The graph store at {connection.uri} refused the credentials for user {connection.user!r}; "
            "check NEO4J_USER and NEO4J_PASSWORD (embedded default: credentials.json in WORKBENCH_HOME)."
        )
    if isinstance(e, (nx.ServiceUnavailable, nx.SessionExpired)) or isinstance(e, OSError):
        return StoreUnavailable(
            f"Cannot reach the graph store at {connection.uri}; check NEO4J_URI and that the server is running "
            "(embedded default: `workbench db status`)."
        )
    if isinstance(e, nx.ConfigurationError):
        return StoreUnavailable(f"NEO4J_URI {connection.uri!r} is not a valid Bolt URI ({e}); use bolt:// or neo4j://.")
    code = getattr(e, "code", None) or ""
    if code == "Neo.ClientError.Database.DatabaseNotFound":
        return StoreUnavailable(
            f"The database {connection.database!r} does not exist at {connection.uri}; set NEO4J_DATABASE to an existing one."
        )
    if code in _READ_ONLY_CODES or (read_only and isinstance(e, nx.Forbidden)):
        return ReadOnlyViolation(
            "This query tries to change the graph, and this path is read-only: saved and typed queries may only read. "
            f"({getattr(e, 'message', None) or e})"
        )
    if code in _TIMEOUT_CODES:
        return QueryError(f"The query was stopped by the server after the timeout of {connection.query_timeout:.0f} s.")
    if isinstance(e, nx.Neo4jError):
        return QueryError(f"The graph store rejected the query: {e.message or code}")
    if isinstance(e, nx.DriverError):
        return StoreUnavailable(f"The driver failed talking to {connection.uri}: {e}")
    return QueryError(f"The query failed: {e}")


class Gateway:
    """All access to the graph store. Create one per process (see :func:`workbench.store.open_gateway`)."""

    def __init__(self, connection: Connection, locate: Callable[[], str | None] | None = None) -> None:
        """``locate`` says where the store answers now (the embedded server may come back on another port);
        when a query finds the store gone, the gateway follows it there once and retries."""
        self.connection = connection
        self.database = connection.database
        self.backend = connection.backend
        self._locate = locate
        self._driver, self._reader = self._drivers(connection)
        self._pool = ThreadPoolExecutor(max_workers=32, thread_name_prefix="gateway")
        self._closed = False
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self.console_slots = threading.BoundedSemaphore(max(1, connection.console_queries))

    @staticmethod
    def _drivers(connection: Connection) -> tuple[neo4j.Driver, neo4j.Driver]:
        options: dict[str, Any] = {"max_connection_pool_size": 50, "connection_acquisition_timeout": 15,
                                   "connection_timeout": 5, "connection_write_timeout": 30,
                                   "max_transaction_retry_time": connection.retry_seconds if connection.managed else 0}
        try:
            driver = GraphDatabase.driver(
                connection.uri, auth=(connection.user, connection.password),
                notifications_min_severity="OFF" if connection.backend == "neo4j" else None, **options)
            reader = driver
            if connection.reader_user:
                reader = GraphDatabase.driver(
                    connection.uri, auth=(connection.reader_user, connection.reader_password or ""), **options)
        except Exception as e:  # noqa: BLE001 - invalid URI schemes and the like
            raise wrap_driver_error(e, connection) from e
        return driver, reader

    def _follow(self) -> bool:
        """Reconnect when the store now answers somewhere else (a restarted embedded server on a new port)."""
        if self._locate is None:
            return False
        uri = self._locate()
        if not uri or uri == self.connection.uri:
            return False
        with self._lock:
            if self._closed:
                return False
            old = (self._driver, self._reader)
            self.connection = replace(self.connection, uri=uri)
            self._driver, self._reader = self._drivers(self.connection)
        for driver in {id(d): d for d in old}.values():
            driver.close()
        return True

    # --- lifecycle -------------------------------------------------------------------------
    def verify(self) -> None:
        """Fail early with a clear message when the store is unreachable or refuses us."""
        for driver in {id(self._driver): self._driver, id(self._reader): self._reader}.values():
            try:
                with driver.session(database=self.database) as session:
                    session.run("RETURN 1 AS ok").consume()
            except Exception as e:  # noqa: BLE001
                raise wrap_driver_error(e, self.connection) from e

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._driver.close()
        if self._reader is not self._driver:
            self._reader.close()

    def __enter__(self) -> "Gateway":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- queries ---------------------------------------------------------------------------
    def read(self, text: str, params: Mapping[str, Any] | None = None, *, timeout: float | None = None,
             row_cap: int | None = None) -> QueryResult:
        """Run a query on the read-only path; never raises for query failures (see ``status``)."""
        return self._run(text, params or {}, read_only=True, timeout=timeout, row_cap=row_cap)

    def write(self, text: str, params: Mapping[str, Any] | None = None, *, timeout: float | None = None) -> QueryResult:
        """Run one write query in its own transaction; raises on failure."""
        return self._run(text, params or {}, read_only=False, timeout=timeout, row_cap=None).raise_for_status()

    def profile(self, text: str, params: Mapping[str, Any] | None = None, *,
                timeout: float | None = None) -> tuple[int, dict[str, Any]]:
        """Run a read query under ``PROFILE`` on the read-only path: the number of rows it returned and the store's
        profile of the run (the driver's ``summary.profile``: Neo4j gives a tree of operators with rows and db hits;
        ArcadeDB one node whose ``args["string-representation"]`` is its plan text). Raises on failure."""
        seconds = self.connection.query_timeout if timeout is None else timeout
        try:
            with self._reader.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
                tx = session.begin_transaction(timeout=seconds)
                try:
                    cursor = tx.run("PROFILE " + text, dict(params or {}))
                    rows = sum(1 for _ in cursor)
                    summary = cursor.consume()
                    tx.commit()
                finally:
                    if not tx.closed():
                        tx.close()
        except Exception as e:  # noqa: BLE001
            raise wrap_driver_error(e, self.connection, read_only=True) from e
        return rows, dict(summary.profile or {})

    def _run(self, text: str, params: Mapping[str, Any], *, read_only: bool, timeout: float | None,
             row_cap: int | None, retry: bool = True) -> QueryResult:
        limit = self.connection.row_cap if row_cap is None else row_cap
        seconds = self.connection.query_timeout if timeout is None else timeout
        started = time.monotonic()
        slot = self._slot(acting_as()) if read_only else None
        # A user's earlier queries (a page rerun while its last run's queries still finish) are waited for, up to the
        # timeout: they end by then, since the server stops every statement at its deadline.
        if slot is not None and not slot.acquire(timeout=seconds):
            return QueryResult(Status.ERROR, error=QueryError(
                f"You already have {self.connection.user_queries} queries running; wait for one to finish (each "
                f"ends within {self.connection.query_timeout:.0f} s) and run this one again."), row_cap=limit)
        running = threading.Event()
        try:
            future: Future[QueryResult] = self._pool.submit(self._execute, text, dict(params), read_only, limit,
                                                            seconds, running)
        except BaseException:
            if slot is not None:
                slot.release()
            raise
        if slot is not None:  # held until the query really ends, not when we stop waiting for it
            future.add_done_callback(lambda _: slot.release())
        try:
            # Time spent queued behind other users' queries does not count against this query's timeout.
            while not running.wait(timeout=1.0):
                if future.done():
                    break
            result = future.result(timeout=seconds + 1.0)
        except FutureTimeout:
            # The server may ignore the transaction timeout (ArcadeDB does); the worker finishes on its own
            # and its rows are discarded.
            result = QueryResult(Status.TIMED_OUT, error=QueryError(
                f"The query did not finish within {seconds:.0f} s and was abandoned; narrow it or raise "
                "WORKBENCH_QUERY_TIMEOUT."))
        if isinstance(result.error, StoreUnavailable) and retry and self._follow():
            return self._run(text, params, read_only=read_only, timeout=timeout, row_cap=row_cap, retry=False)
        result.elapsed = time.monotonic() - started
        result.row_cap = limit
        return result

    def _slot(self, actor: str | None) -> threading.BoundedSemaphore | None:
        """The per-actor semaphore of running read queries (None when nobody is named)."""
        if not actor:
            return None
        with self._lock:
            slot = self._slots.get(actor)
            if slot is None:
                slot = self._slots[actor] = threading.BoundedSemaphore(max(1, self.connection.user_queries))
            return slot

    def _execute(self, text: str, params: dict[str, Any], read_only: bool, limit: int | None,
                 seconds: float, running: threading.Event | None = None) -> QueryResult:
        if running is not None:
            running.set()
        driver = self._reader if read_only else self._driver
        mode = neo4j.READ_ACCESS if read_only else neo4j.WRITE_ACCESS
        fetch = 1000 if limit is None else max(1, min(limit + 1, 1000))
        deadline = time.monotonic() + seconds
        try:
            with driver.session(database=self.database, default_access_mode=mode, fetch_size=fetch) as session:
                if self.connection.managed:
                    return _managed(session, text, params, read_only, limit, seconds, deadline)
                tx = session.begin_transaction(timeout=seconds)
                try:
                    cursor = tx.run(text, params)
                    columns = list(cursor.keys())
                    records: list[neo4j.Record] = []
                    status = Status.COMPLETE
                    for record in cursor:
                        if limit is not None and len(records) >= limit:
                            status = Status.TRUNCATED
                            break
                        records.append(record)
                        if time.monotonic() > deadline:
                            tx.rollback()
                            return QueryResult(Status.TIMED_OUT, columns, records, QueryError(
                                f"The query did not finish within {seconds:.0f} s; the rows so far are shown. "
                                "Narrow it or raise WORKBENCH_QUERY_TIMEOUT."))
                    # Committed on the read path too: ArcadeDB checks some permissions only at commit, and a
                    # refused write must surface as an error rather than vanish in a rollback.
                    tx.commit()
                    return QueryResult(status, columns, records)
                finally:
                    if not tx.closed():
                        tx.close()
        except Exception as e:  # noqa: BLE001 - wrapped into a status
            error = wrap_driver_error(e, self.connection, read_only=read_only)
            code = getattr(e, "code", "") or ""
            status = Status.TIMED_OUT if code in _TIMEOUT_CODES else Status.ERROR
            if isinstance(error, StoreUnavailable) and self._answers(driver):
                # The store dropped this one connection but still answers: the query itself broke the worker
                # (ArcadeDB closes the connection when a query runs the JVM out of memory).
                error = QueryError(
                    "The graph store dropped this query while running it, most likely because it needed more memory "
                    "than the server has (WORKBENCH_HEAP); narrow it (LIMIT, smaller ranges, fewer joins). "
                    "Other queries are not affected.")
            return QueryResult(status, error=error)

    def _answers(self, driver: neo4j.Driver) -> bool:
        """True when the store answers a trivial query right now."""
        try:
            with driver.session(database=self.database) as session:
                session.run("RETURN 1 AS ok").consume()
            return True
        except Exception:  # noqa: BLE001 - any failure means no
            return False

    @contextmanager
    def transaction(self) -> Iterator["Transaction"]:
        """One explicit write transaction: committed when the block ends, rolled back on any error."""
        try:
            with self._driver.session(database=self.database) as session:
                tx = session.begin_transaction(timeout=max(self.connection.query_timeout, 600))
                wrapper = Transaction(tx, self.connection)
                try:
                    yield wrapper
                    tx.commit()
                except BaseException:
                    if not tx.closed():
                        tx.rollback()
                    raise
        except WorkbenchError:
            raise
        except Exception as e:  # noqa: BLE001
            raise wrap_driver_error(e, self.connection) from e


class _PastDeadline(Exception):
    """Raised inside a managed transaction function to roll back a query past its deadline, keeping its rows."""

    def __init__(self, result: QueryResult) -> None:
        super().__init__("past the deadline")
        self.result = result


def _managed(session: neo4j.Session, text: str, params: dict[str, Any], read_only: bool, limit: int | None,
             seconds: float, deadline: float) -> QueryResult:
    """One query in a managed transaction: retried by the driver on transient errors, with the same row cap,
    deadline and statuses as the explicit path."""

    @neo4j.unit_of_work(timeout=seconds)
    def work(tx: neo4j.ManagedTransaction) -> QueryResult:
        cursor = tx.run(text, params)
        columns = list(cursor.keys())
        records: list[neo4j.Record] = []
        for record in cursor:
            if limit is not None and len(records) >= limit:
                return QueryResult(Status.TRUNCATED, columns, records)
            records.append(record)
            if time.monotonic() > deadline:
                raise _PastDeadline(QueryResult(Status.TIMED_OUT, columns, records, QueryError(
                    f"The query did not finish within {seconds:.0f} s; the rows so far are shown. "
                    "Narrow it or raise WORKBENCH_QUERY_TIMEOUT.")))
        return QueryResult(Status.COMPLETE, columns, records)

    try:
        return session.execute_read(work) if read_only else session.execute_write(work)
    except _PastDeadline as stopped:
        return stopped.result


class Transaction:
    """A write transaction handed out by :meth:`Gateway.transaction`."""

    def __init__(self, tx: neo4j.Transaction, connection: Connection) -> None:
        self._tx = tx
        self._connection = connection

    def run(self, text: str, params: Mapping[str, Any] | None = None) -> list[neo4j.Record]:
        try:
            return list(self._tx.run(text, dict(params or {})))
        except Exception as e:  # noqa: BLE001
            raise wrap_driver_error(e, self._connection) from e
