"""The subgraph of a case, an entity's neighbourhood or a saved query's result: what briefings and exports show.

:func:`gather` reads it through the catalogue's ``briefing_*`` queries. It holds the case's or subject's entities and
those connected to them through trade, identifiers, officers, seizures or notifications, never through a shared
country, port, ingest run or chemical: labels the model marks ``context`` (``load_model().context_labels``) are
never stepped on. A member that is itself context is kept, marked ``context``, and not expanded. Context appears
as attributes (a firm's country, a shipment's ports and declared chemical).

Briefings (:mod:`workbench.briefing`) and exports (:mod:`workbench.exports.formats`) both start here, so an export
holds exactly the nodes and links a briefing on the same source draws.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from neo4j.graph import Node, Path as GraphPath, Relationship

from workbench.cases.saved import CaseStore, slugify
from workbench.errors import InputError
from workbench.model.graph import load_model
from workbench.settings import Settings
from workbench.store import queries
from workbench.store.gateway import Gateway, Status

MAX_DEPTH = 3
#: Order in which a node's labels decide its kind (Company:Broker is shown as a Broker).
KIND_ORDER = ("Broker", "Company", "Person", "Shipment", "Seizure", "Notification", "WatchlistEntry", "Chemical",
              "Address", "Phone", "Email", "Container", "Port", "Country", "IngestRun")


@dataclass(frozen=True)
class Source:
    """What a briefing or export is built from: ``case``, ``entity`` (with ``depth``) or ``query``."""

    kind: str
    ref: str
    depth: int = 1
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def case(cls, name: str, depth: int = 1) -> "Source":
        return cls("case", name, depth)

    @classmethod
    def entity(cls, key_or_name: str, depth: int = 1) -> "Source":
        return cls("entity", key_or_name, depth)

    @classmethod
    def query(cls, query_id: str, params: dict[str, Any] | None = None, depth: int = 1) -> "Source":
        return cls("query", query_id, depth, dict(params or {}))

    def checked(self) -> "Source":
        if self.kind not in ("case", "entity", "query"):
            raise InputError(f"A briefing is built from a case, an entity or a saved query, not {self.kind!r}.")
        if not self.ref.strip():
            raise InputError(f"Name the {self.kind} the briefing is built from.")
        if not 0 <= self.depth <= MAX_DEPTH:
            raise InputError(f"--depth must be between 0 and {MAX_DEPTH}; {self.depth} was given.")
        return self


@dataclass
class Entity:
    key: str
    labels: list[str]
    name: str
    props: dict[str, Any] = field(default_factory=dict)
    core: bool = False
    #: A context node (country, port, chemical, ingest run): an attribute of others, drawn and linked to nothing.
    context: bool = False

    @property
    def kind(self) -> str:
        for label in KIND_ORDER:
            if label in self.labels:
                return label
        return self.labels[0] if self.labels else "Entity"

    @property
    def country(self) -> str:
        return str(self.props.get("country") or "")


@dataclass
class Link:
    source: str
    target: str
    type: str
    props: dict[str, Any] = field(default_factory=dict)


@dataclass
class Party:
    key: str
    name: str


@dataclass
class Stop:
    code: str
    name: str
    country: str
    latitude: float | None
    longitude: float | None


@dataclass
class Inspected:
    """An officer's inspection of a shipment as a briefing's summary and timeline tell it: when, where and what was
    found. Who inspected and the officer's notes stay in the workbench (the inspection_findings detector's evidence
    leaves the officer out too)."""
    date: str
    outcome: str
    port: str


@dataclass
class ShipmentRow:
    key: str
    bill: str
    date: str
    hs_code: str
    goods: str
    cas: str
    weight_kg: float | None
    vessel: str
    vague: bool
    shippers: list[Party]
    consignees: list[Party]
    brokers: list[Party]
    chemicals: list[str]
    route: list[Stop]
    destination: list[str]
    seizures: list[str]
    mode: str = "sea"  # sea, air, courier or post
    inspections: list[Inspected] = field(default_factory=list)


@dataclass
class SeizureRow:
    key: str
    seizure_id: str
    date: str
    agency: str
    location: str
    substance: str
    cas: str
    quantity_kg: float | None
    notes: str
    shipments: list[str]
    chemicals: list[str]
    ports: list[str]


@dataclass
class NotificationRow:
    key: str
    pen_id: str
    substance: str
    cas: str
    quantity_kg: float | None
    date: str
    point_of_entry: str
    status: str
    exporters: list[Party]
    importers: list[Party]


@dataclass
class ProvenanceRow:
    key: str
    name: str
    files: list[str]
    rows: list[str]
    runs: list[str]
    first: str
    last: str


@dataclass
class Subgraph:
    """The nodes, links and records of one source, before any briefing text is written."""

    source: Source
    name: str
    notes: str
    title_key: str
    source_key: str
    entities: list[Entity] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    shipments: list[ShipmentRow] = field(default_factory=list)
    seizures: list[SeizureRow] = field(default_factory=list)
    notifications: list[NotificationRow] = field(default_factory=list)
    provenance: list[ProvenanceRow] = field(default_factory=list)
    truncated: bool = False

    @property
    def slug(self) -> str:
        return slugify(self.name) or "briefing"

    def by_kind(self, *kinds: str) -> list[Entity]:
        return [e for e in self.entities if e.kind in kinds]


# --- reading it from the graph --------------------------------------------------------------------

def _display_name(labels: Iterable[str], props: dict[str, Any]) -> str:
    model = load_model()
    for label in KIND_ORDER:
        if label in labels and label in model.labels:
            value = props.get(model.labels[label].display)
            if value not in (None, ""):
                return str(value)
    return str(props.get("name") or props.get("key") or "")


def _rows(gateway: Gateway, query_id: str, params: dict[str, Any]) -> tuple[list[dict[str, Any]], bool]:
    result = queries.run(gateway, query_id, params)
    result.raise_for_status()
    return result.data(), result.status is Status.TRUNCATED


def resolve_entity(gateway: Gateway, key_or_name: str) -> str:
    """The key of the one node whose key or name is ``key_or_name``; a clear error when none or several."""
    from workbench.analysis.explore import lucene_query  # noqa: PLC0415 - the search's own query syntax
    from workbench.store.schema import fulltext_indexes  # noqa: PLC0415

    text = key_or_name.strip()
    by_key, _ = _rows(gateway, "briefing_nodes", {"keys": [text]})
    if by_key:
        return str(by_key[0]["key"])
    try:
        q = lucene_query(text)
    except InputError:
        q = ""
    rows, _ = _rows(gateway, "briefing_find_entity", {"text": text, "indexes": fulltext_indexes() if q else [], "q": q})
    if not rows:
        raise InputError(f"No entity has the key or name {key_or_name!r}; search for it with `workbench search`.")
    if len(rows) > 1:
        keys = ", ".join(r["key"] for r in rows[:5])
        raise InputError(f"{len(rows)} entities are called {key_or_name!r} ({keys}); give the key instead.")
    return str(rows[0]["key"])


def neighbourhood(gateway: Gateway, keys: list[str], depth: int, *,
                  hidden: set[str] | None = None) -> tuple[list[str], bool]:
    """The keys within ``depth`` hops of ``keys`` (themselves included), stepping only on subject nodes.

    Context nodes (the model's ``context`` labels: countries, ports, ingest runs, chemicals) are never entered,
    so two firms are neighbours through trade, identifiers, officers, seizures or notifications, never through
    a shared country or port. One query per hop; ``hidden`` nodes are neither returned nor expanded.
    Returns the keys and whether a hop stopped at the row cap.
    """
    hidden = hidden or set()
    context = load_model().context_labels
    found = [k for k in dict.fromkeys(keys) if k not in hidden]
    seen = set(found)
    frontier = list(found)
    truncated = False
    for _ in range(depth):
        if not frontier:
            break
        rows, cut = _rows(gateway, "briefing_neighbourhood", {"keys": frontier, "context": context})
        truncated = truncated or cut
        frontier = [r["key"] for r in rows if r["key"] and r["key"] not in seen and r["key"] not in hidden]
        frontier = list(dict.fromkeys(frontier))
        seen.update(frontier)
        found += frontier
    return found, truncated


def _keys_in(value: Any, found: list[str]) -> None:
    if isinstance(value, Node):
        if value.get("key"):
            found.append(value["key"])
    elif isinstance(value, Relationship):
        for node in value.nodes:
            if node is not None and node.get("key"):
                found.append(node["key"])
    elif isinstance(value, GraphPath):
        for node in value.nodes:
            if node.get("key"):
                found.append(node["key"])
    elif isinstance(value, (list, tuple)):
        for item in value:
            _keys_in(item, found)
    elif isinstance(value, dict):
        for item in value.values():
            _keys_in(item, found)


def _query_keys(gateway: Gateway, query_id: str, params: dict[str, Any]) -> list[str]:
    result = queries.run(gateway, query_id, params)
    result.raise_for_status()
    found: list[str] = []
    for row in result.rows():
        for column, value in row.items():
            if isinstance(value, str) and (column == "key" or column.endswith("Key")):
                found.append(value)
            else:
                _keys_in(value, found)
    return list(dict.fromkeys(found))


@dataclass
class _Start:
    core: list[str]
    hidden: set[str]
    name: str
    notes: str
    title_key: str
    source_key: str


def _start(gateway: Gateway, settings: Settings, source: Source) -> _Start:
    if source.kind == "case":
        case = CaseStore(settings.home).load(source.ref)
        hidden = set(case.hidden)
        core = [k for k in case.entity_keys if k not in hidden]
        if not core:
            raise InputError(f"The case {case.name!r} holds no entities yet; add some on the case board first.")
        return _Start(core, hidden, case.name, case.notes, "title_case", "source_case")
    if source.kind == "entity":
        key = resolve_entity(gateway, source.ref)
        return _Start([key], set(), key, "", "title_entity", "source_entity")
    query = queries.get(source.ref)
    if not query.read_only:
        raise InputError(f"{source.ref} is not a read query; briefings are built from saved queries and detectors.")
    core = _query_keys(gateway, source.ref, source.params)
    if not core:
        raise InputError(f"The query {source.ref} returned no entities to brief on; try other parameters.")
    return _Start(core, set(), query.title_in("en"), "", "title_query", "source_query")


def _party(values: list[dict[str, Any]] | None) -> list[Party]:
    return [Party(str(v.get("key") or ""), str(v.get("name") or v.get("key") or "")) for v in values or []]


def _stop(value: dict[str, Any]) -> Stop:
    def num(x: Any) -> float | None:
        try:
            return float(x) if x is not None else None
        except (TypeError, ValueError):
            return None
    return Stop(str(value.get("code") or ""), str(value.get("name") or value.get("code") or ""),
                str(value.get("country") or ""), num(value.get("latitude")), num(value.get("longitude")))


def _num(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v not in (None, "")]
    return [str(value)]


def gather(gateway: Gateway, settings: Settings, source: Source) -> Subgraph:
    """Read the subgraph of ``source`` from the store (see the module docstring for what it holds)."""
    source = source.checked()
    start = _start(gateway, settings, source)
    context = load_model().context_labels
    core_rows, _ = _rows(gateway, "briefing_nodes", {"keys": start.core})
    # A case member that is itself context (a country, a port) is shown as such, never expanded into its neighbours.
    core_context = [r["key"] for r in core_rows if set(r["labels"] or []) & set(context)]
    subject_core = [k for k in start.core if k not in core_context]
    keys, truncated = neighbourhood(gateway, subject_core, source.depth, hidden=start.hidden)
    seized, _ = _rows(gateway, "briefing_shipment_seizures", {"keys": keys})
    keys += [r["key"] for r in seized if r["key"] not in keys and r["key"] not in start.hidden]
    node_rows, cut = _rows(gateway, "briefing_nodes", {"keys": keys + core_context})
    truncated = truncated or cut
    core = set(start.core)
    entities = [Entity(r["key"], sorted(r["labels"] or []), _display_name(r["labels"] or [], r["props"] or {}),
                       dict(r["props"] or {}), r["key"] in core, bool(set(r["labels"] or []) & set(context)))
                for r in node_rows]
    names = {e.key: e.name for e in entities}
    link_rows, cut = _rows(gateway, "briefing_links", {"keys": keys})
    truncated = truncated or cut
    links = [Link(r["source"], r["target"], r["type"], dict(r["props"] or {})) for r in link_rows]

    ship_rows, _ = _rows(gateway, "briefing_shipments", {"keys": keys})
    shipments = []
    for r in ship_rows:
        transit = sorted(r.get("transited") or [], key=lambda p: (p.get("order") is None, p.get("order") or 0))
        route = [_stop(p) for p in (r.get("ladenAt") or []) + transit + (r.get("dischargedAt") or [])]
        shipments.append(ShipmentRow(
            r["key"], str(r.get("billOfLading") or r["key"]), str(r.get("date") or ""), str(r.get("hsCode") or ""),
            str(r.get("goods") or ""), str(r.get("casNumber") or ""), _num(r.get("weightKg")), str(r.get("vessel") or ""),
            bool(r.get("vague")), _party(r.get("shippers")), _party(r.get("consignees")), _party(r.get("brokers")),
            _list(r.get("chemicals")), route, _list(r.get("destination")), _list(r.get("seizures")),
            str(r.get("mode") or "sea"),
            sorted((Inspected(str(i.get("date") or ""), str(i.get("outcome") or ""), str(i.get("port") or ""))
                    for i in r.get("inspections") or [] if i), key=lambda i: (i.date, i.outcome))))
    seizure_rows, _ = _rows(gateway, "briefing_seizures", {"keys": keys})
    seizures = [SeizureRow(
        r["key"], str(r.get("seizureId") or r["key"]), str(r.get("date") or ""), str(r.get("agency") or ""),
        str(r.get("location") or ""), str(r.get("substance") or ""), str(r.get("casNumber") or ""),
        _num(r.get("quantityKg")), str(r.get("notes") or ""), _list(r.get("shipments")), _list(r.get("chemicals")),
        _list(r.get("ports"))) for r in seizure_rows]
    pen_rows, _ = _rows(gateway, "briefing_notifications", {"keys": keys})
    notifications = [NotificationRow(
        r["key"], str(r.get("penId") or r["key"]), str(r.get("substance") or ""), str(r.get("casNumber") or ""),
        _num(r.get("quantityKg")), str(r.get("date") or ""), str(r.get("pointOfEntry") or ""),
        str(r.get("status") or ""), _party(r.get("exporters")), _party(r.get("importers"))) for r in pen_rows]
    prov_rows, _ = _rows(gateway, "briefing_provenance", {"keys": keys})
    provenance = [ProvenanceRow(r["key"], names.get(r["key"], r["key"]), _list(r.get("sourceFiles")),
                                _list(r.get("sourceRows")), _list(r.get("ingestRuns")),
                                str(r.get("firstIngestedAt") or ""), str(r.get("lastIngestedAt") or ""))
                  for r in prov_rows if r.get("sourceFiles") or r.get("sourceRows")]

    return Subgraph(source, names.get(start.name, start.name), start.notes, start.title_key, start.source_key,
                    entities, links, shipments, seizures, notifications, provenance, truncated)


__all__ = ["Entity", "Inspected", "KIND_ORDER", "Link", "MAX_DEPTH", "NotificationRow", "Party", "ProvenanceRow", "SeizureRow",
           "ShipmentRow", "Source", "Stop", "Subgraph", "gather", "neighbourhood", "resolve_entity"]
