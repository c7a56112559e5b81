"""The graph model as data: loaded from ``workbench/model/graph.yaml`` and validated on load.

Labels and relationship types are a closed list. Where Python must name a label or type in
Cypher (schema DDL, exports), it takes it from here, never from user input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any


from workbench.errors import ModelError
from workbench.datafiles import read_yaml

MODEL_PATH = Path(__file__).parent / "graph.yaml"
_LABEL = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_REL = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")
_PROP = re.compile(r"^[a-z][A-Za-z0-9]*$")


@dataclass(frozen=True)
class Label:
    name: str
    description: str
    key: str
    display: str
    searchable: bool
    properties: tuple[str, ...]
    indexes: tuple[str, ...]
    extends: str | None = None
    #: A context label describes other nodes (a country, a port, an ingest run, a chemical) and is a hub by
    #: nature: exploration, paths, timelines, cases and briefings leave it out unless the user brings it in.
    context: bool = False
    #: How ingest writes the label: "record", "shared", or None (statements of its own, or an extra label).
    ingest: str | None = None
    #: Entity resolution applies: names kept, merge and split by hand, `asNames` on its relationships.
    resolved: bool = False
    #: At most this many `sourceRows` kept on one node (None: the model's default).
    source_rows_cap: int | None = None

    @property
    def snake(self) -> str:
        """The label in snake_case, as it appears in statement ids (``WatchlistEntry`` -> ``watchlist_entry``)."""
        return re.sub(r"(?<!^)(?=[A-Z])", "_", self.name).lower()

    @property
    def named(self) -> bool:
        """Nodes of this label unite the spellings they were written under in `names`."""
        return "names" in self.properties


@dataclass(frozen=True)
class RelationshipType:
    name: str
    description: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]


@dataclass(frozen=True)
class Link:
    """One (type, from, to) triple of the model: what one relationship statement writes."""

    type: str
    source: str
    target: str


@dataclass(frozen=True)
class GraphModel:
    labels: dict[str, Label]
    relationships: dict[str, RelationshipType]
    fulltext_property: str
    path: Path
    source_rows_cap: int = 200
    relationship_source_rows_cap: int = 1000

    # --- how ingest writes the model (every store statement of ingest is generated from these) ------------------
    @property
    def record_labels(self) -> tuple[str, ...]:
        """Labels written as source records, in the order ingest writes them."""
        return tuple(label.name for label in self.labels.values() if label.ingest == "record")

    @property
    def shared_labels(self) -> tuple[str, ...]:
        """Labels written as shared nodes before the records, in model order."""
        return tuple(label.name for label in self.labels.values() if label.ingest == "shared")

    def grouped_end(self, source: str, target: str) -> str | None:
        """Which end ("from" or "to") a new record's relationships of this link are grouped by when ingest creates
        them: the end that is not a record (a firm, a port, a country, the ingest run), which many records of a
        batch share. The statement looks each of those up once per batch instead of once per relationship: a busy
        firm's node carries a thousand ``sourceRows`` and every lookup read it whole, which made SHIPPED the
        costliest statement of an ingest (benchmarks/results/ingest.json). None when both ends or neither are
        records."""
        source_record = self.label(source).ingest == "record"
        target_record = self.label(target).ingest == "record"
        if source_record == target_record:
            return None
        return "to" if source_record else "from"

    @property
    def resolved_labels(self) -> tuple[str, ...]:
        return tuple(label.name for label in self.labels.values() if label.resolved)

    def cap(self, label: str) -> int:
        """At most this many `sourceRows` on one node of ``label``."""
        own = self.label(label).source_rows_cap
        return own if own is not None else self.source_rows_cap

    @property
    def links(self) -> list[Link]:
        """Every (type, from, to) of the model, in model order."""
        return [Link(rel.name, a, b) for rel in self.relationships.values() for a in rel.sources for b in rel.targets]

    def carries_names(self, rtype: str) -> bool:
        """A relationship touching a resolved label keeps the spellings it was written under (`asNames`)."""
        rel = self.relationship(rtype)
        return any(self.labels[end].resolved for end in (*rel.sources, *rel.targets))

    def moves(self, direction: str) -> list[str]:
        """Relationship types a merge or split moves: "out" of or "in" to a resolved entity."""
        return [rel.name for rel in self.relationships.values()
                if any(self.labels[e].resolved for e in (rel.sources if direction == "out" else rel.targets))]

    def split_copies(self, label: str) -> list[Link]:
        """Relationships a split-off part keeps as well: those from a resolved entity to a context label
        (a country of registration describes every part)."""
        return [link for link in self.links if link.source == label and self.labels[link.target].context]

    @property
    def searchable(self) -> list[Label]:
        return [label for label in self.labels.values() if label.searchable]

    @property
    def context_labels(self) -> list[str]:
        """Labels marked `context` in the model: attributes of the nodes they describe, never a path between them."""
        return sorted(label.name for label in self.labels.values() if label.context)

    @property
    def subject_labels(self) -> list[str]:
        """Every label that is not context: the firms, people, records and identifiers an investigation is about."""
        return sorted(label.name for label in self.labels.values() if not label.context)

    @property
    def constrained(self) -> list[Label]:
        """Labels that get their own uniqueness constraint (sub-labels share their parent's)."""
        return [label for label in self.labels.values() if not label.extends]

    def label(self, name: str) -> Label:
        try:
            return self.labels[name]
        except KeyError:
            raise ModelError(f"Unknown label {name!r}; known labels: {', '.join(sorted(self.labels))}.") from None

    def relationship(self, name: str) -> RelationshipType:
        try:
            return self.relationships[name]
        except KeyError:
            raise ModelError(
                f"Unknown relationship type {name!r}; known types: {', '.join(sorted(self.relationships))}."
            ) from None

    def fulltext_index_name(self, label: str) -> str:
        """The full-text index name for a label, the same on ArcadeDB and on Neo4j."""
        return f"{self.label(label).name}[{self.fulltext_property}]"

    @property
    def property_keys(self) -> list[str]:
        keys = {self.fulltext_property}
        for label in self.labels.values():
            keys.update(label.properties)
            keys.update((label.key, label.display))
        return sorted(keys)


def _fail(path: Path, where: str, problem: str) -> ModelError:
    return ModelError(f"{path}: {where}: {problem}")


def _str_list(path: Path, where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, where, "must be a list of names")
    return tuple(value)


def _flag(path: Path, where: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _fail(path, where, "must be true or false")
    return value


def _cap(path: Path, where: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _fail(path, where, "must be a whole number of rows, at least 1")
    return value


def parse_model(data: Any, path: Path) -> GraphModel:
    """Validate a parsed model document; every problem names the file and the entry."""
    if not isinstance(data, dict) or not isinstance(data.get("labels"), dict) or not isinstance(
        data.get("relationships"), dict
    ):
        raise _fail(path, "top level", "needs the mappings `labels` and `relationships`")
    fulltext = (data.get("fulltext") or {}).get("property")
    if not isinstance(fulltext, str) or not _PROP.match(fulltext):
        raise _fail(path, "fulltext.property", "must be a camelCase property name")
    provenance = data.get("provenance") or {}
    if not isinstance(provenance, dict):
        raise _fail(path, "provenance", "must be a mapping")
    default_cap = _cap(path, "provenance.sourceRowsCap", provenance.get("sourceRowsCap", 200))
    rel_cap = _cap(path, "provenance.relationshipSourceRowsCap", provenance.get("relationshipSourceRowsCap", 1000))
    labels: dict[str, Label] = {}
    for name, spec in data["labels"].items():
        where = f"label {name}"
        if not isinstance(name, str) or not _LABEL.match(name):
            raise _fail(path, where, "label names are PascalCase letters and digits")
        if not isinstance(spec, dict):
            raise _fail(path, where, "must be a mapping")
        for field in ("description", "key", "display"):
            if not isinstance(spec.get(field), str) or not spec.get(field):
                raise _fail(path, where, f"needs a non-empty `{field}`")
        props = _str_list(path, f"{where}.properties", spec.get("properties", []))
        indexes = _str_list(path, f"{where}.indexes", spec.get("indexes", []))
        for prop in (spec["key"], spec["display"], *props, *indexes):
            if not _PROP.match(prop):
                raise _fail(path, where, f"property {prop!r} is not camelCase")
        unknown = set(indexes) - set(props) - {spec["key"]}
        if unknown:
            raise _fail(path, where, f"indexes name undeclared properties: {', '.join(sorted(unknown))}")
        ingest = spec.get("ingest")
        if ingest not in (None, "record", "shared"):
            raise _fail(path, f"{where}.ingest", "must be `record` or `shared` (or left out)")
        if ingest and spec.get("extends"):
            raise _fail(path, f"{where}.ingest", "an extra label (`extends`) is written with its parent")
        resolved = _flag(path, f"{where}.resolved", spec.get("resolved", False))
        if resolved and (ingest != "shared" or "names" not in props):
            raise _fail(path, f"{where}.resolved", "a resolved label is `ingest: shared` and keeps `names`")
        cap = spec.get("sourceRowsCap")
        labels[name] = Label(
            name=name, description=spec["description"], key=spec["key"], display=spec["display"],
            searchable=bool(spec.get("searchable", False)), properties=props, indexes=indexes,
            extends=spec.get("extends"), context=_flag(path, f"{where}.context", spec.get("context", False)),
            ingest=ingest, resolved=resolved,
            source_rows_cap=None if cap is None else _cap(path, f"{where}.sourceRowsCap", cap),
        )
    for label in labels.values():
        if label.extends and label.extends not in labels:
            raise _fail(path, f"label {label.name}", f"extends unknown label {label.extends!r}")
    relationships: dict[str, RelationshipType] = {}
    for name, spec in data["relationships"].items():
        where = f"relationship {name}"
        if not isinstance(name, str) or not _REL.match(name):
            raise _fail(path, where, "relationship types are UPPER_SNAKE")
        if not isinstance(spec, dict):
            raise _fail(path, where, "must be a mapping")
        sources = _str_list(path, f"{where}.from", spec.get("from"))
        targets = _str_list(path, f"{where}.to", spec.get("to"))
        for end in (*sources, *targets):
            if end not in labels:
                raise _fail(path, where, f"names unknown label {end!r}")
        relationships[name] = RelationshipType(name, str(spec.get("description", "")), sources, targets)
    return GraphModel(labels, relationships, fulltext, path, default_cap, rel_cap)


def load_model(path: Path | None = None) -> GraphModel:
    """Load and validate a model file (default: the packaged one, cached)."""
    if path is None:
        return _default_model()
    return _load(Path(path))


def _load(path: Path) -> GraphModel:
    return parse_model(read_yaml(path, "the graph model"), path)


@lru_cache(maxsize=1)
def _default_model() -> GraphModel:
    return _load(MODEL_PATH)
