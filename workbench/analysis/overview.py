"""What the store holds, in numbers (home page, `workbench up`, persistence checks).

Counting every node and relationship walks the whole store (a million manifest rows: about a million nodes and ten
million relationships), so the overview reads counts recorded on one ``StoreCounts`` node instead: written at the
end of each ingest run (:func:`record_counts`, called by workbench/ingest/runner.py), after each merge or split, and
whenever someone asks for a recount. A store that has none yet is counted once and the counts recorded. The record
also holds the range of the data's dates, which the date inputs of the pages start from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Mapping

from workbench.errors import WorkbenchError
from workbench.model.graph import load_model
from workbench.store import queries
from workbench.store.gateway import Gateway

#: The label of the counts node itself, left out of the counts it holds.
COUNTS_LABEL = "StoreCounts"


@dataclass(frozen=True)
class StoreCounts:
    """Nodes by label and relationships by type, with when and by what they were counted."""

    labels: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    counted_at: str | None = None
    counted_by: str | None = None
    #: The earliest and latest date of the data (shipments, seizures, notifications, incorporations), as text.
    dates: tuple[str, str] | None = None

    @property
    def empty(self) -> bool:
        return not any(self.labels.values())


def counts_by_label(gateway: Gateway) -> dict[str, int]:
    """Live count of nodes by label, for every label of the model that has any (one count per label: both stores
    keep a label's count, so this reads no nodes)."""
    out = {}
    for label in load_model().labels.values():
        if label.name != COUNTS_LABEL:
            n = _count(gateway, f"count_label_{label.snake}")
            if n:
                out[label.name] = n
    return dict(sorted(out.items()))


def counts_by_relationship(gateway: Gateway, labels: Mapping[str, int] | None = None) -> dict[str, int]:
    """Live count of relationships by type, for every type of the model that has any.

    A type is counted from the end with fewer nodes (``labels``: the counts by label, counted when not given):
    ArcadeDB walks a relationship type through its nodes' adjacency lists, so SHIPPED counted from the firms that
    shipped costs a small part of counting it from a million shipments, or from no label at all (every
    relationship of the store). The model's ends are disjoint labels, so their counts add up."""
    model = load_model()
    sizes = counts_by_label(gateway) if labels is None else labels
    out = {}
    for rel in model.relationships.values():
        direction, names = min((("out", rel.sources), ("in", rel.targets)),
                               key=lambda end: sum(sizes.get(n, 0) for n in end[1]))
        n = sum(_count(gateway, f"count_{rel.name.lower()}_{direction}_{model.label(name).snake}") for name in names
                if sizes.get(name))
        if n:
            out[rel.name] = n
    return dict(sorted(out.items()))


def _count(gateway: Gateway, query_id: str) -> int:
    rows = queries.run(gateway, query_id).raise_for_status().data()
    return int(rows[0]["count"]) if rows else 0


def record_counts(gateway: Gateway, counted_by: str) -> StoreCounts:
    """Count the store now and record the counts for the overview (after an ingest run, a merge, a split)."""
    return _record(gateway, _count_now(gateway, counted_by, counts_by_label(gateway)))


def _count_now(gateway: Gateway, counted_by: str, labels: dict[str, int]) -> StoreCounts:
    return StoreCounts(labels, counts_by_relationship(gateway, labels),
                       dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), counted_by, _date_range(gateway))


def _record(gateway: Gateway, counts: StoreCounts) -> StoreCounts:
    queries.run(gateway, "store_counts_record", {
        "labels": list(counts.labels), "labelCounts": [str(n) for n in counts.labels.values()],
        "types": list(counts.relationships), "typeCounts": [str(n) for n in counts.relationships.values()],
        "dateLow": counts.dates[0] if counts.dates else None, "dateHigh": counts.dates[1] if counts.dates else None,
        "countedAt": counts.counted_at, "countedBy": counts.counted_by})
    return counts


def _date_range(gateway: Gateway) -> tuple[str, str] | None:
    """The earliest and latest date of the data, counted live (walks four labels)."""
    rows = queries.run(gateway, "app_date_range").raise_for_status().data()
    if not rows or rows[0]["low"] is None or rows[0]["high"] is None:
        return None
    return str(rows[0]["low"]), str(rows[0]["high"])


def recorded_counts(gateway: Gateway) -> StoreCounts | None:
    """The counts last recorded, or None when the store has none."""
    rows = queries.run(gateway, "store_counts").raise_for_status().data()
    if not rows:
        return None
    row = rows[0]
    labels = dict(zip(row["labels"] or [], (int(n) for n in row["labelCounts"] or [])))
    types = dict(zip(row["types"] or [], (int(n) for n in row["typeCounts"] or [])))
    dates = (str(row["dateLow"]), str(row["dateHigh"])) if row["dateLow"] and row["dateHigh"] else None
    return StoreCounts(labels, types, row["countedAt"], row["countedBy"], dates)


def store_counts(gateway: Gateway) -> StoreCounts:
    """What the store holds as last recorded; counted (and recorded) now when nothing was recorded yet."""
    recorded = recorded_counts(gateway)
    if recorded is not None:
        return recorded
    labels = counts_by_label(gateway)
    if not labels:
        # Nothing to record (counting an empty store costs nothing), and a recorded "empty" would hide data
        # written later by anything but ingest (the console, a test's story graph) until someone counts again.
        return StoreCounts()
    counts = _count_now(gateway, "overview", labels)
    try:
        return _record(gateway, counts)
    except WorkbenchError:
        # A store this gateway may not write to still gets its counts, just not recorded.
        return StoreCounts(counts.labels, counts.relationships, dates=counts.dates)


def is_empty(gateway: Gateway) -> bool:
    return store_counts(gateway).empty
