"""The plan of one ingest: nodes by label and key, relationships by type and endpoints, with provenance.

Built in memory by :mod:`workbench.ingest.build` and the record kinds (:mod:`workbench.ingest.kinds`), written by
:mod:`workbench.ingest.writer`. Also the small value helpers every kind uses to fill a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from workbench import normalize as nz
from workbench.model.graph import load_model

_MODEL = load_model()
#: Labels written as source records, in the order they are written (from the model's `ingest: record`).
RECORD_LABELS = _MODEL.record_labels
# A node or relationship keeps at most this many ``sourceRows``: the model's caps, the same the statements
# generated from it apply. The plan stops collecting there, which stores the same first rows as collecting them all.
REF_CAP = {name: _MODEL.cap(name) for name in _MODEL.labels}
REF_CAP_OTHER = _MODEL.source_rows_cap
REL_REF_CAP = _MODEL.relationship_source_rows_cap

# Names, addresses and search strings repeat across thousands of rows; fold each distinct one once.
fold = lru_cache(maxsize=1 << 17)(nz.fold)
address_key = lru_cache(maxsize=1 << 17)(nz.address_key)


@lru_cache(maxsize=1 << 16)
def is_vague(description: str) -> bool:
    from workbench.chemicals import is_vague_description  # noqa: PLC0415

    return bool(is_vague_description(description))


@dataclass(slots=True)
class NodeRow:
    key: str
    name: str | None = None
    props: dict[str, Any] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    search: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    cap: int = REF_CAP_OTHER
    seen: set[str] = field(default_factory=set, repr=False, compare=False)

    def touch(self, ref: str, file: str) -> None:
        if len(self.refs) < self.cap and ref not in self.seen:
            self.seen.add(ref)
            self.refs.append(ref)
        if file not in self.files:
            self.files.append(file)

    def as_param(self) -> dict[str, Any]:
        text = " ".join(dict.fromkeys(t for t in " ".join(fold(s) for s in self.search if s).split()))
        return {"key": self.key, "name": self.name, "props": self.props, "names": self.names,
                "searchText": text, "sourceFiles": self.files, "sourceRows": self.refs}


@dataclass(slots=True)
class RelRow:
    start: str
    end: str
    props: dict[str, Any] = field(default_factory=dict)
    as_names: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set, repr=False, compare=False)

    def as_param(self) -> dict[str, Any]:
        return {"from": self.start, "to": self.end, "props": self.props, "asNames": self.as_names,
                "sourceFiles": self.files, "sourceRows": self.refs}


RelType = tuple[str, str, str]  # (TYPE, from label, to label)


@dataclass
class Plan:
    """What one ingest writes: nodes by label and key, relationships by (type, from, to) and endpoints."""

    nodes: dict[str, dict[str, NodeRow]] = field(default_factory=dict)
    rels: dict[RelType, dict[tuple[str, str], RelRow]] = field(default_factory=dict)
    brokers: set[str] = field(default_factory=set)
    record_order: dict[str, list[str]] = field(default_factory=dict)
    entities_created: int = 0
    entities_merged: int = 0
    #: Where relationships between two shared nodes go instead (a streamed ingest's run-wide plan), if set.
    shared: "Plan | None" = field(default=None, repr=False)

    def node(self, label: str, key: str, ref: str, file: str, name: str | None = None) -> NodeRow:
        table = self.nodes.setdefault(label, {})
        row = table.get(key)
        if row is None:
            row = table[key] = NodeRow(key, name, cap=REF_CAP.get(label, REF_CAP_OTHER))
            if label in RECORD_LABELS:
                self.record_order.setdefault(label, []).append(key)
        row.touch(ref, file)
        return row

    def rel(self, rtype: str, a_label: str, a: str, b_label: str, b: str, ref: str, file: str,
            props: dict[str, Any] | None = None, as_name: str | None = None) -> RelRow:
        if self.shared is not None and a_label not in RECORD_LABELS and b_label not in RECORD_LABELS:
            return self.shared.rel(rtype, a_label, a, b_label, b, ref, file, props, as_name)
        table = self.rels.setdefault((rtype, a_label, b_label), {})
        row = table.get((a, b))
        if row is None:
            row = table[(a, b)] = RelRow(a, b)
        if props:
            row.props.update(props)
        if as_name and as_name not in row.as_names:
            row.as_names.append(as_name)
        if len(row.refs) < REL_REF_CAP and ref not in row.seen:
            row.seen.add(ref)
            row.refs.append(ref)
        if file not in row.files:
            row.files.append(file)
        return row

    def counts(self) -> tuple[int, int]:
        return sum(len(t) for t in self.nodes.values()), sum(len(t) for t in self.rels.values())


def compact(text: str) -> str:
    """Letters and digits only, upper case: container numbers, registration numbers, port codes."""
    return re.sub(r"[^A-Za-z0-9]", "", text).upper()


def identifier_terms(*values: str | None) -> list[str]:
    """What a high-volume record (a shipment) puts in its search text for its identifiers: each one whole, separators
    removed ("MAN-0000001" gives "MAN0000001", which a search for "MAN-0000001" finds as the joined word), and its
    serial, the last part with a digit ("0000001"), which people quote alone.

    Not the parts every record shares ("MAN", a year): a full-text term naming most of a million shipments made
    ArcadeDB's index compaction quadratic in the store (it clears the set of a term's records once per later term,
    and that set keeps the size of the largest: one compaction of the shipments' full-text index took 858 s of a
    1M-row ingest, on the server's busiest thread; docs/operations.md), and finds nothing a search box should
    list. For the same reason a shipment's search text leaves out its CAS number, which the chemical's own node and
    the exact CAS lookup find, and its vessel, whose words were in thousands of shipments each (the search box
    finds a vessel's shipments by the exact index on ``vessel``)."""
    out: list[str] = []
    for value in values:
        if not value:
            continue
        whole = compact(value)
        parts = [part for part in re.split(r"[^A-Za-z0-9]+", value) if part]
        serials = [part for part in parts if any(ch.isdigit() for ch in part)]
        for term in (whole, serials[-1].upper() if len(parts) > 1 and serials else None):
            if term and term not in out:
                out.append(term)
    return out


def props(**kwargs: Any) -> dict[str, Any]:
    """The keyword arguments that hold a value (None, empty text and empty lists are left out)."""
    return {k: v for k, v in kwargs.items() if v not in (None, "", [])}


