"""Write a plan to the store in large ``UNWIND`` batches, one transaction per batch.

Order: shared nodes (companies, ports, chemicals...) first, then records (shipments, then seizures,
then notifications) each together with their relationships in the same transaction, then the
relationships between shared nodes. A batch is atomic: a killed ingest leaves only whole batches,
and every statement either MERGEs on keys or CREATEs keys it found absent in the same transaction,
so running it again completes it without duplicates.

Batches take a fast path: keys not yet stored are CREATEd (records together with their
relationships, safe because a record and its relationships always commit together; shared nodes
after a key check in the same transaction); stored ones go through MERGE. A new record's relationships to a
node that is not a record (a firm, a port, the ingest run) are sent grouped by that node, which the statement
then looks up once per batch (:meth:`~workbench.model.graph.GraphModel.grouped_end`).

The statements are generated from the graph model by the templates in ``workbench/cypher/templates/`` and
registered in the catalogue; the writer picks them by id from closed maps built from the model and runs them
through the catalogue (``rows`` is a ``list<map>`` parameter). A batch holds at most ``batch_size`` rows, and no
statement of it carries more than about ``MAX_BATCH_BYTES`` of rows, so no message passes the Bolt limit however
much provenance a row carries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, TypeVar

from workbench.store import queries
from workbench.store.gateway import Gateway, Transaction
from workbench.ingest.build import RECORD_LABELS, NodeRow, Plan
from workbench.ingest import progress as stages
from workbench.ingest.progress import Progress
from workbench.model.graph import load_model

T = TypeVar("T")

_MODEL = load_model()
#: Shared nodes in the order they are written (the model's `ingest: shared` labels, in model order).
SHARED_ORDER = _MODEL.shared_labels
#: What the rows of one write statement may weigh, by estimate: a Bolt message past 16 MiB is refused by the server
#: (ArcadeDB, issue 15), and the estimate counts characters, not UTF-8 bytes (at most three bytes each in the text
#: ingested here), hence the margin. The budget is per statement (per message), not per transaction: a record
#: batch sends its nodes and each relationship type in statements of their own. Budgeting the whole transaction, as
#: before, cut record batches at about 1,600 shipments instead of ``batch_size``, and the 100k-row ingest paid for
#: 149 commits and ten times as many statements instead of 75 and a fifth of them (benchmarks/results/ingest.json).
MAX_BATCH_BYTES = 4 * 1024 * 1024
#: Rows per write transaction by default (``--batch-size``): 10,000 shipments with their relationships commit in
#: one transaction of about a dozen statements. The 100k-row ingest took 184 s at 10,000 against 248 s at 5,000
#: on the same machine (commits 26 s against 38 s); the write floor uses the same size.
BATCH_ROWS = 10_000


def _snake(name: str) -> str:
    return _MODEL.label(name).snake


NODE_QUERY = {label: f"ingest_node_{_snake(label)}" for label in (*SHARED_ORDER, *RECORD_LABELS)}
NEW_NODE_QUERY = {label: f"ingest_new_{_snake(label)}" for label in (*SHARED_ORDER, *RECORD_LABELS)}
STORED_QUERY = {label: f"ingest_stored_{_snake(label)}" for label in (*SHARED_ORDER, *RECORD_LABELS)}


def rel_query(rtype: str, a: str, b: str, new: bool = False) -> str:
    return f"ingest_rel_{rtype.lower()}_{_snake(a)}_{_snake(b)}" + ("_new" if new else "")


class Rows(list):  # type: ignore[type-arg]
    """A batch of statement rows whose ``repr`` is its length: the driver formats every RUN message's parameters for
    its debug log before it knows whether anybody logs (``neo4j/_sync/io/_bolt/_bolt5.py``), and a batch of 10,000
    shipments took that text's time on the writer thread for every statement. Packed exactly as a list."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def _run(tx: Transaction, qid: str, params: dict[str, Any]) -> list[Any]:
    """Run one statement of a write; its batches are emptied once the driver has sent them.

    The driver keeps a statement's parameters on its ``Result`` (``_metadata["parameters"]``), which sits in
    reference cycles with its session and transaction, so only the cyclic collector frees it. During an ingest
    that collector does not look at what was alive at the last :func:`gc.freeze` (workbench/ingest/stream.py), and
    a result in flight on the writer thread then is kept until the run ends, with its batch: at a million rows the
    client grew by 3 MiB a second, past 2 GiB in six minutes. The RUN message is packed and sent before
    ``tx.run`` returns, and a retried transaction calls this again with fresh batches, so nothing needs them after.
    The batches are this call's own copies (bound here, after :meth:`Query.bind`, which copies lists of strings)."""
    query = queries.get(qid)
    bound = query.bind(params)
    quiet = {name: Rows(value) if isinstance(value, list) else value for name, value in bound.items()}
    result = tx.run(query.text, quiet)
    for value in quiet.values():
        if isinstance(value, Rows):
            value.clear()
    return result


def size_of(value: Any) -> int:
    """A cheap estimate of what ``value`` weighs in a Bolt message (characters of text plus a little per item)."""
    if isinstance(value, str):
        return len(value) + 2
    if isinstance(value, dict):
        return 2 + sum(len(k) + 2 + size_of(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return 2 + sum(size_of(v) for v in value)
    return 9


def batches(items: Iterable[T], max_rows: int, max_bytes: int | None = None,
            weigh: Callable[[T], int] = size_of) -> Iterator[list[T]]:
    """Consecutive batches of at most ``max_rows`` items and about ``max_bytes`` (default ``MAX_BATCH_BYTES``; an
    item heavier than that still goes, alone)."""
    if max_bytes is None:
        max_bytes = MAX_BATCH_BYTES
    batch: list[T] = []
    weight = 0
    for item in items:
        w = weigh(item)
        if batch and (len(batch) >= max_rows or weight + w > max_bytes):
            yield batch
            batch, weight = [], 0
        batch.append(item)
        weight += w
    if batch:
        yield batch


def statement_batches(items: Iterable["RecordRow"], max_rows: int,
                      max_bytes: int | None = None) -> Iterator[list["RecordRow"]]:
    """Consecutive batches of at most ``max_rows`` records in which no statement (the records' node statement, each
    relationship type's) carries more than about ``max_bytes`` (default ``MAX_BATCH_BYTES``; a record heavier than
    that still goes, alone)."""
    if max_bytes is None:
        max_bytes = MAX_BATCH_BYTES
    batch: list[RecordRow] = []
    weight: dict[Any, int] = {}
    for item in items:
        if batch and (len(batch) >= max_rows
                      or any(weight.get(part, 0) + w > max_bytes for part, w in item.weights.items())):
            yield batch
            batch, weight = [], {}
        batch.append(item)
        for part, w in item.weights.items():
            weight[part] = weight.get(part, 0) + w
    if batch:
        yield batch


def _anchor(a: str, b: str) -> str | None:
    """The record label a relationship is written with (the later one when both ends are records)."""
    ends = [label for label in (a, b) if label in RECORD_LABELS]
    if not ends:
        return None
    return max(ends, key=RECORD_LABELS.index)


def write_plan(gateway: Gateway, plan: Plan, *, run: str, now: str, batch_size: int = 5000,
               progress: Progress | None = None) -> dict[str, int]:
    """Write every node and relationship of the plan; returns counts of rows sent per stage."""
    params = {"now": now, "run": run}
    node_total, rel_total = plan.counts()
    done = 0

    def tick(stage: str, n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(stage, done, node_total + rel_total)

    write_shared_nodes(gateway, plan, params, batch_size, tick)
    mark_brokers(gateway, plan.brokers, batch_size)
    write_records(gateway, plan, params, batch_size, tick)
    write_shared_rels(gateway, plan, params, batch_size, tick)
    return {"nodes": node_total, "relationships": rel_total}


Tick = Callable[[str, int], None]
#: Keys of shared nodes whose stored provenance is complete (their sourceRows at the cap), with the files, names and
#: properties stored: a later chunk that brings nothing more does not write them again.
Complete = dict[str, tuple[frozenset[str], frozenset[str], int]]


def _signature(row: Any) -> tuple[frozenset[str], frozenset[str], int]:
    return frozenset(row.files), frozenset(row.names), hash(repr(sorted(row.props.items())))


def _unchanged(row: Any, complete: Complete) -> bool:
    known = complete.get(row.key)
    if known is None:
        return False
    files, names, props = _signature(row)
    return files <= known[0] and names <= known[1] and (props == known[2] or not row.props)


class RunKeys:
    """What a streamed run knows of the stored keys of the labels the store held none of when it began.

    For such a label a key is stored exactly when an earlier transaction of this run wrote it (one ingest runs at a
    time per store, :func:`~workbench.ingest.runner.ingest_lock`), so the run splits its batches into new and stored
    keys from what it wrote instead of asking the store. The store's key lookups slow down as a large load goes in:
    in a million-row run into an empty store at eb0a3b3, with the writer's statements timed, the key checks took
    83 s of the run's 935 s, the container check going from 30 µs a key in the first third to 68 µs in the second.

    Keys are kept as their hashes: a hash shared by a new key sends that key down the MERGE path, which is right for
    any key; a written key is never taken for new. The uniqueness constraint on every label's key stays the last
    word: a node of such a label written by anybody else during the run fails the run's transaction, never
    doubles a node."""

    def __init__(self, fresh: Iterable[str]) -> None:
        self.fresh = frozenset(fresh)
        self._written: set[int] = set()

    def stored(self, label: str, keys: Iterable[str]) -> set[str] | None:
        """The stored keys among ``keys``, or None when the store must be asked (a label it held nodes of)."""
        if label not in self.fresh:
            return None
        written = self._written
        return {key for key in keys if hash(key) in written}

    def wrote(self, label: str, keys: Iterable[str]) -> None:
        """Note keys of ``label`` that a committed transaction wrote."""
        if label in self.fresh:
            self._written.update(map(hash, keys))


def _stored(tx: Transaction, label: str, keys: list[str], known: RunKeys | None) -> set[str]:
    """The keys among ``keys`` already stored: from what the run knows, else from the store."""
    stored = known.stored(label, keys) if known is not None else None
    if stored is None:
        stored = {rec["key"] for rec in _run(tx, STORED_QUERY[label], {"keys": keys})}
    return stored


#: Stored shared nodes whose gathered provenance waits in a streamed run before it is written (see :class:`Later`).
LATER_ROWS = 50_000


class Later:
    """What later chunks of a streamed run add to shared nodes already stored: gathered and written once.

    A firm, a port or a container named in many chunks was MERGEd again by each of them, to add its new source rows
    and files: 36 s of statements in the million-row run at 46718fe (containers 16 s, firms 10 s, addresses 8 s),
    plus their pages in every commit. A chunk now writes only the shared nodes that are new; for a stored one it
    adds its row here, and :meth:`write` MERGEs each gathered node once, at the end of the run (before the links
    between shared nodes) or when :data:`LATER_ROWS` wait. A gathered row is what the chunks' rows would have
    written one after the other: the first name, later properties over earlier ones, names, search text and files
    added in order, source rows in order up to the label's cap.

    Records link to shared nodes by key, and those are stored already, so nothing waits on this. A run that fails
    before writing them is unfinished anyway: ingesting the bundle again writes them."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, NodeRow]] = {}
        self.size = 0

    def add(self, label: str, row: NodeRow) -> None:
        table = self.rows.setdefault(label, {})
        held = table.get(row.key)
        if held is None:
            table[row.key] = NodeRow(row.key, row.name, dict(row.props), list(row.names), list(row.search),
                                     list(row.files), list(row.refs), row.cap, set(row.refs))
            self.size += 1
            return
        if held.name is None:
            held.name = row.name
        held.props.update(row.props)
        for mine, theirs in ((held.names, row.names), (held.search, row.search), (held.files, row.files)):
            mine.extend(value for value in theirs if value not in mine)
        for ref in row.refs:
            if len(held.refs) >= held.cap:
                break
            if ref not in held.seen:
                held.seen.add(ref)
                held.refs.append(ref)

    def write(self, gateway: Gateway, params: dict[str, Any], batch_size: int,
              complete: Complete | None = None) -> None:
        """MERGE every gathered node, label by label, and forget them."""
        for label in SHARED_ORDER:
            rows = shared_rows(self.rows.pop(label, {}).values())
            for batch in batches(rows, batch_size, weigh=_weight):
                with gateway.transaction() as tx:
                    _run(tx, NODE_QUERY[label], {**params, "rows": [row.param for row in batch]})
                _note_complete([row.row for row in batch], complete)
        self.rows.clear()
        self.size = 0


#: Below this many rows of a label, a streamed chunk MERGEs its shared nodes at once, all labels in one transaction:
#: a key check and a CREATE cost two statements each, which matters when every chunk names the same few firms.
FEW_SHARED = 500


def write_shared_nodes(gateway: Gateway, plan: Plan, params: dict[str, Any], batch_size: int, tick: Tick,
                       complete: Complete | None = None, prepared: "Prepared | None" = None,
                       known: RunKeys | None = None, later: Later | None = None) -> None:
    """Shared nodes (companies, ports, chemicals...): keys not yet stored are CREATEd (checked in the same
    transaction), the rest MERGEd. With ``complete`` (a streamed ingest), nodes an earlier chunk stored in full are
    left alone, nodes this chunk fills to their cap are added to it, and labels with few rows in the chunk are
    MERGEd together in one transaction. ``prepared`` holds the rows' parameters already built (see :func:`prepare`);
    ``known``, what the run knows of stored keys (see :class:`RunKeys`); with ``later``, rows of nodes already
    stored are gathered there instead of written (see :class:`Later`)."""
    prepared = prepared or prepare(plan, records=False)
    few: list[tuple[str, list[SharedRow]]] = []
    for label in SHARED_ORDER:
        rows = prepared.shared.get(label, [])
        if complete is not None:
            rows = [row for row in rows if not _unchanged(row.row, complete)]
            if 0 < len(rows) < FEW_SHARED:
                few.append((label, rows))
                continue
        for batch in batches(rows, batch_size, weigh=_weight):
            params_rows = [row.param for row in batch]
            keys = [r["key"] for r in params_rows]
            with gateway.transaction() as tx:
                stored = _stored(tx, label, keys, known)
                new = [r for r in params_rows if r["key"] not in stored]
                old = [r for r in params_rows if r["key"] in stored]
                if new:
                    _run(tx, NEW_NODE_QUERY[label], {**params, "rows": new})
                if old and later is None:
                    _run(tx, NODE_QUERY[label], {**params, "rows": old})
            if known is not None:
                known.wrote(label, keys)
            if later is not None:
                for row in batch:
                    if row.param["key"] in stored:
                        later.add(label, row.row)
            _note_complete([row.row for row in batch], complete)
            tick(stages.nodes(label), len(batch))
    if few and later is not None and known is not None:  # nodes the run stored already wait in ``later``
        kept = []
        for label, rows in few:
            stored = known.stored(label, (row.param["key"] for row in rows)) or set()
            waiting = [row for row in rows if row.param["key"] in stored]
            for row in waiting:
                later.add(label, row.row)
            _note_complete([row.row for row in waiting], complete)
            tick(stages.nodes(label), len(waiting))
            fresh = [row for row in rows if row.param["key"] not in stored]
            if fresh:
                kept.append((label, fresh))
        few = kept
    if few:
        with gateway.transaction() as tx:
            for label, rows in few:
                _run(tx, NODE_QUERY[label], {**params, "rows": [row.param for row in rows]})
        for label, rows in few:
            if known is not None:
                known.wrote(label, (row.param["key"] for row in rows))
            _note_complete([row.row for row in rows], complete)
            tick(stages.nodes(label), len(rows))


def _note_complete(rows: list[Any], complete: Complete | None) -> None:
    """Remember the nodes whose stored provenance is now at its cap (see :data:`Complete`)."""
    if complete is None:
        return
    for row in rows:
        if len(row.refs) >= row.cap or row.key in complete:
            old_sig = complete.get(row.key)
            files, names, props = _signature(row)
            if old_sig is not None:
                files, names = files | old_sig[0], names | old_sig[1]
                props = props if row.props else old_sig[2]
            complete[row.key] = (files, names, props)


def mark_brokers(gateway: Gateway, brokers: set[str], batch_size: int) -> None:
    for broker_keys in batches(sorted(brokers), batch_size):
        with gateway.transaction() as tx:
            _run(tx, "ingest_mark_broker", {"keys": broker_keys})


def write_records(gateway: Gateway, plan: Plan, params: dict[str, Any], batch_size: int, tick: Tick,
                  prepared: "Prepared | None" = None, known: RunKeys | None = None) -> None:
    """Records (shipments, seizures, notifications, payments) with their relationships, a batch per transaction.
    ``prepared`` holds the records' parameters already built (see :func:`prepare`); ``known``, what the run knows
    of stored keys (see :class:`RunKeys`)."""
    run = params["run"]
    prepared = prepared or prepare(plan, shared=False)
    for label in RECORD_LABELS:
        for batch in statement_batches(prepared.records.get(label, []), batch_size):
            key_batch = [record.key for record in batch]
            with gateway.transaction() as tx:
                stored = _stored(tx, label, key_batch, known)
                n_rels = 0
                for part, fast in (([r for r in batch if r.key not in stored], True),
                                   ([r for r in batch if r.key in stored], False)):
                    if not part:
                        continue
                    _run(tx, NEW_NODE_QUERY[label] if fast else NODE_QUERY[label],
                         {**params, "rows": [record.param for record in part]})
                    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
                    for record in part:
                        for rtype_key, rel in record.rels:
                            grouped.setdefault(rtype_key, []).append(rel)
                    if fast:
                        grouped[("INGESTED_BY", label, "IngestRun")] = [
                            {"from": r.key, "to": run, "props": {}, "sourceFiles": r.param["sourceFiles"],
                             "sourceRows": r.param["sourceRows"]} for r in part]
                    for (rtype, a, b), rows_ in grouped.items():
                        n_rels += len(rows_)
                        end = _MODEL.grouped_end(a, b) if fast else None
                        if end is None:
                            _run(tx, rel_query(rtype, a, b, new=fast), {**params, "rows": rows_})
                        else:
                            _run(tx, rel_query(rtype, a, b, new=True), {**params, "groups": by_end(rows_, end)})
            if known is not None:
                known.wrote(label, key_batch)
            tick(stages.records(label), len(key_batch) + n_rels)


def by_end(rows: list[dict[str, Any]], end: str) -> list[dict[str, Any]]:
    """Relationship rows grouped by one end's key (``end``: "from" or "to"), for the statements that look that end up
    once per group (:meth:`~workbench.model.graph.GraphModel.grouped_end`); groups in order of first appearance."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row[end], []).append(row)
    return [{"key": key, "rows": Rows(members)} for key, members in groups.items()]


@dataclass(slots=True)
class SharedRow:
    """A shared node's row with its statement parameters and their estimated weight."""
    row: NodeRow
    param: dict[str, Any]
    weight: int


@dataclass(slots=True)
class RecordRow:
    """A record with its parameters and those of its relationships, and their estimated weight in each statement
    that carries them (``"node"``, ``"INGESTED_BY"`` and each relationship type)."""
    key: str
    param: dict[str, Any]
    rels: list[tuple[tuple[str, str, str], dict[str, Any]]]
    weights: dict[Any, int]


@dataclass
class Prepared:
    """The statement parameters of a plan's nodes and records, built once: a streamed ingest builds them on its
    producer thread while the writer thread waits for the store, so the writer only sends."""
    shared: dict[str, list[SharedRow]] = field(default_factory=dict)
    records: dict[str, list[RecordRow]] = field(default_factory=dict)


def shared_rows(rows: Iterable[NodeRow]) -> list[SharedRow]:
    """Shared nodes' rows with their statement parameters and weights, ready to be cut into batches."""
    return [SharedRow(row, param, size_of(param)) for row in rows for param in (row.as_param(),)]


def _weight(row: SharedRow) -> int:
    return row.weight


def prepare(plan: Plan, shared: bool = True, records: bool = True) -> Prepared:
    """Build the parameters (and their weights, for cutting batches) of the plan's shared nodes and records."""
    out = Prepared()
    if shared:
        for label in SHARED_ORDER:
            out.shared[label] = shared_rows(plan.nodes.get(label, {}).values())
    if records:
        anchored: dict[str, dict[str, list[tuple[tuple[str, str, str], dict[str, Any]]]]] = {}
        for rtype_key, table in plan.rels.items():
            rtype, a, b = rtype_key
            anchor = _anchor(a, b)
            if anchor is None:
                continue
            index = anchored.setdefault(anchor, {})
            for row in table.values():
                record_key = row.start if (a == anchor) else row.end
                index.setdefault(record_key, []).append((rtype_key, row.as_param()))
        for label in RECORD_LABELS:
            nodes = plan.nodes.get(label, {})
            rels_of = anchored.get(label, {})
            rows = out.records[label] = []
            for key in plan.record_order.get(label, []):
                param, rels = nodes[key].as_param(), rels_of.get(key, [])
                weights: dict[Any, int] = {
                    "node": size_of(param),
                    "INGESTED_BY": len(key) + size_of(param["sourceFiles"]) + size_of(param["sourceRows"]) + 40}
                for rtype_key, rel in rels:
                    weights[rtype_key] = weights.get(rtype_key, 0) + size_of(rel)
                rows.append(RecordRow(key, param, rels, weights))
    return out


def write_shared_rels(gateway: Gateway, plan: Plan, params: dict[str, Any], batch_size: int, tick: Tick) -> None:
    """Relationships between shared nodes (a firm's country, address, phone; a port's country...), MERGEd."""
    for (rtype, a, b), table in plan.rels.items():
        if _anchor(a, b) is not None:
            continue
        for rel_batch in batches((r.as_param() for r in table.values()), batch_size):
            with gateway.transaction() as tx:
                _run(tx, rel_query(rtype, a, b), {**params, "rows": rel_batch})
            tick(stages.relationships(rtype), len(rel_batch))
