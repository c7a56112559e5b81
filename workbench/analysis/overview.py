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

from workbench.errors import WorkbenchError
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
    """Live count of nodes by label (walks every node)."""
    result = queries.run(gateway, "count_by_label").raise_for_status()
    return {row["label"]: int(row["count"]) for row in result.data() if row["label"] != COUNTS_LABEL}


def counts_by_relationship(gateway: Gateway) -> dict[str, int]:
    """Live count of relationships by type (walks every relationship)."""
    result = queries.run(gateway, "count_relationships").raise_for_status()
    return {row["type"]: int(row["count"]) for row in result.data()}


def record_counts(gateway: Gateway, counted_by: str) -> StoreCounts:
    """Count the store now and record the counts for the overview (after an ingest run, a merge, a split)."""
    counts = StoreCounts(counts_by_label(gateway), counts_by_relationship(gateway),
                         dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), counted_by, _date_range(gateway))
    queries.run(gateway, "store_counts_record", {
        "labels": list(counts.labels), "labelCounts": [str(n) for n in counts.labels.values()],
        "types": list(counts.relationships), "typeCounts": [str(n) for n in counts.relationships.values()],
        "dateLow": counts.dates[0] if counts.dates else None, "dateHigh": counts.dates[1] if counts.dates else None,
        "countedAt": counts.counted_at, "countedBy": counted_by})
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
    try:
        return record_counts(gateway, "overview")
    except WorkbenchError:
        # A store this gateway may not write to still gets its counts, just not recorded.
        return StoreCounts(counts_by_label(gateway), counts_by_relationship(gateway), dates=_date_range(gateway))


def is_empty(gateway: Gateway) -> bool:
    return store_counts(gateway).empty
