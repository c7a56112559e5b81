"""What the app's pages ask of the graph: search, neighbourhoods, details, paths, timelines and routes.

Every function takes the gateway and runs catalogue queries from ``workbench/cypher/app/`` on the read-only
path; results come back as plain dicts, ready for tables and the network view.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from neo4j.graph import Node
from rapidfuzz import fuzz

from workbench import normalize
from workbench.store import queries
from workbench.errors import InputError
from workbench.store.gateway import Gateway
from workbench.model.graph import load_model
from workbench.normalize import fold
from workbench.store.schema import fulltext_indexes
from workbench.analysis.identifiers import identifier_lookup
from workbench.analysis.overview import recorded_counts

#: Lucene's special characters, escaped with a backslash in user text.
_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
#: Words Lucene reads as operators.
_LUCENE_WORDS = {"and", "or", "not", "to"}
#: Property holding the date of a dated node, per label.
DATE_PROPERTY = {"Shipment": "declarationDate", "Seizure": "date", "Notification": "dispatchDate",
                 "Company": "incorporationDate"}
#: Hidden from detail panels: internal search text and provenance (shown separately).
PROVENANCE_KEYS = ("sourceFiles", "sourceRows", "ingestRuns", "firstIngestedAt", "lastIngestedAt")
_HIDDEN_KEYS = {"searchText", *PROVENANCE_KEYS}
MAX_DEPTH = 3
#: Shipments in one page of a details panel (a busy forwarder has tens of thousands: they come in pages), and
#: the largest page asked for.
DETAIL_PAGE = 50
DETAIL_SHIPMENTS = 500
DEFAULT_CAP = 300
#: Labels displayed by one of these properties carry names, searched with misspellings too.
NAMED_DISPLAY = ("name", "full")
#: The score of an exact identifier hit: above any full-text score.
EXACT_SCORE = 100.0


def escape_lucene(term: str) -> str:
    return _LUCENE_SPECIAL.sub(r"\\\1", term)


#: Longer text is no name or identifier; the full-text engine would refuse it anyway.
MAX_SEARCH_TEXT = 200


#: Shortest word searched as a prefix too.
MIN_PREFIX = 3


def lucene_query(text: str, fuzzy: bool = True) -> str:
    """A Lucene query for the user's text: folded, escaped, each word exact, as a prefix or (``fuzzy``) misspelt.

    Every word must match in one of its forms (AND); exact matches rank first. Words shorter than
    :data:`MIN_PREFIX` letters match only exactly: the initials of a legal form ("S. de R.L.", "S.A. de C.V.") as
    prefixes made the index enumerate every term starting with s, r or l, and a firm's name took 100-350 ms on the
    shipments' index of a 100k store for no hit (2 ms exact).
    """
    words = [w for w in fold(text).split() if w not in _LUCENE_WORDS]
    if not words:
        raise InputError("Type a name, identifier, phone, e-mail, address, bill of lading, container, chemical or CAS number.")
    clauses = []
    for word in words:
        term = escape_lucene(word)
        forms = [f"{term}^3", f"{term}*"] if len(word) >= MIN_PREFIX else [term]
        if fuzzy and word.isalpha() and len(word) >= 4:
            forms.append(f"{term}~1" if len(word) < 7 else f"{term}~2")
        clauses.append("(" + " OR ".join(forms) + ")")
    query = " AND ".join(clauses)
    if len(words) > 1 and any(ch.isdigit() for ch in "".join(words)):
        joined = escape_lucene("".join(words))  # phones, identifiers typed with spaces or dashes
        query = f"({query}) OR {joined}^2 OR {joined}*"
    return query


def primary_label(labels: Iterable[str]) -> str:
    """The label that names a node's kind: the model's declared labels, extension labels (Broker) last."""
    model = load_model()
    labels = sorted(labels)
    base = [l for l in labels if l in model.labels and not getattr(model.labels[l], "extends", None)]
    return (base or labels or ["?"])[0]


def caption(props: dict[str, Any], label: str) -> str:
    model = load_model()
    spec = model.labels.get(label)
    display = getattr(spec, "display", "name") if spec else "name"
    return str(props.get(display) or props.get("name") or props.get("key") or "?")


def context_labels() -> list[str]:
    """Labels the model marks as context (Country, Port, Chemical, IngestRun, ...): left out of views unless asked."""
    return list(load_model().context_labels)


def _context_param(include_context: bool) -> list[str]:
    """The ``$contextLabels`` a statement filters on: none when the user brings context in."""
    return [] if include_context else context_labels()


#: Context shown as attributes of the nodes they describe; provenance runs are shown elsewhere.
_ATTRIBUTE_SKIP = {"IngestRun", "ResolutionDecision"}


def context_attributes(rows: Iterable[dict[str, Any]] | None) -> dict[str, list[str]]:
    """{Label: [names]} of the context nodes linked to a node (its country, its ports, its chemical)."""
    out: dict[str, list[str]] = {}
    for row in rows or []:
        label = str(row.get("label") or "")
        if not label or label in _ATTRIBUTE_SKIP:
            continue
        name = str(row.get("name") or row.get("key") or "")
        if name and name not in out.setdefault(label, []):
            out[label].append(name)
    return out


def node_dict(node: Node | dict[str, Any], labels: Iterable[str] | None = None,
              context: Iterable[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A node as the pages see it: key, label(s), caption, country, context attributes and properties."""
    props = dict(node)
    labels = sorted(labels if labels is not None else getattr(node, "labels", []))
    label = primary_label(labels)
    return {
        "key": props.get("key"),
        "label": label,
        "labels": labels,
        "caption": caption(props, label),
        "country": props.get("country") or props.get("finalDestinationCountry"),
        "date": props.get(DATE_PROPERTY.get(label, ""), None),
        "context": context_attributes(context),
        "props": props,
    }


def search(gateway: Gateway, text: str, labels: list[str] | None = None, limit: int = 25) -> list[dict[str, Any]]:
    """Entities matching the text, best first: identifiers (B/L, air waybill, container, CAS, phone, e-mail, seizure
    or PEN id) by exact index lookups first; names, addresses and anything not found exactly across the full-text
    indexes."""
    if len(text) > MAX_SEARCH_TEXT:
        raise InputError(f"Search text is limited to {MAX_SEARCH_TEXT} characters; type a name or an identifier.")
    exact = find_identifier(gateway, text, labels, limit)
    if exact:
        return exact
    q = lucene_query(text)
    model = load_model()
    wanted = [(label, index) for label, index in zip(model.searchable, fulltext_indexes(model))
              if not labels or label.name in labels]
    if not wanted:
        return []
    # Misspellings are looked for in names (firms, people, addresses, chemicals, ports, listings); records and
    # identifiers (shipments, containers, phones...) match exactly or as a prefix: fuzzy terms on the largest
    # index, the shipments', cost most of a search's time and found nothing a name search needs.
    named = [index for label, index in wanted if label.display in NAMED_DISPLAY]
    plain = [index for label, index in wanted if label.display not in NAMED_DISPLAY]
    vessels = _vessel_names(text) if not labels or "Shipment" in labels else []
    result = queries.run(gateway, "app_search", {"indexes": named, "q": q, "plainIndexes": plain,
                                                 "plainQ": lucene_query(text, fuzzy=False), "vessels": vessels,
                                                 "limit": limit * 2}
                         ).raise_for_status()
    hits: dict[str, dict[str, Any]] = {}
    for record in result.records:
        item = node_dict(record["node"], record["labels"])
        item["score"] = float(record["score"])
        if item["key"] not in hits or hits[item["key"]]["score"] < item["score"]:
            hits[item["key"]] = item
    ranked = sorted(hits.values(), key=lambda h: (-h["score"], h["caption"]))
    if not any(ch.isdigit() for ch in text):
        ranked = _rank_by_spelling(text, ranked)
    return ranked[:limit]


def _vessel_names(text: str) -> list[str]:
    """The spellings a vessel's name is looked up under: as typed and in upper case (how manifests write them),
    spaces collapsed. A vessel is in its shipments' ``vessel`` property, exactly indexed, not in their full-text
    search text (see :func:`workbench.ingest.plan.identifier_terms`)."""
    typed = " ".join(text.split())
    return list(dict.fromkeys(v for v in (typed, typed.upper()) if v))


def find_identifier(gateway: Gateway, text: str, labels: list[str] | None = None,
                    limit: int = 25) -> list[dict[str, Any]]:
    """The nodes an identifier-like ``text`` names exactly (one index seek per candidate value); [] otherwise."""
    lookup = identifier_lookup(text)
    if lookup is None:
        return []
    result = queries.run(gateway, "app_find_identifier", {**lookup.params(), "limit": limit * 2}).raise_for_status()
    hits = []
    for record in result.records:
        item = node_dict(record["node"], record["labels"])
        if labels and not set(record["labels"]) & set(labels):
            continue
        item["score"] = EXACT_SCORE
        item["exact"] = True
        hits.append(item)
    return sorted(hits, key=lambda h: (h["label"], h["caption"]))[:limit]


def _name_words(hit: dict[str, Any]) -> set[str]:
    props = hit.get("props") or {}
    texts = [hit.get("caption") or ""]
    for field_name in ("names", "aliases", "synonyms", "shortName"):
        value = props.get(field_name)
        texts += [str(v) for v in value] if isinstance(value, list) else ([str(value)] if value else [])
    return {word for text in texts for word in fold(text).split()}


def _rank_by_spelling(text: str, hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Full-text scores, weighed by how closely the typed words spell the entity's own names.

    A misspelt name ("velmarr") is one edit from the firm meant and two from its look-alike ("delmar"); the
    full-text engine scores both fuzzy matches alike, so a near-identical bystander could come first.
    """
    words = [w for w in fold(text).split() if w not in _LUCENE_WORDS]
    if not words:
        return hits
    for hit in hits:
        names = _name_words(hit)
        similarity = (sum(max((fuzz.ratio(w, n) for n in names), default=0.0) for w in words) / len(words) / 100
                      if names else 0.5)
        hit["spelling"] = round(similarity, 3)
    return sorted(hits, key=lambda h: (-h["score"] * h["spelling"] ** 4, h["caption"]))


@dataclass
class Graph:
    """Nodes and edges of a network view, with whether the neighbourhood was cut at the cap."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)
    capped: bool = False
    message: str = ""

    def add_node(self, item: dict[str, Any]) -> None:
        self.nodes.setdefault(item["key"], item)

    def add_edge(self, source: str, target: str, rel_type: str, **props: Any) -> None:
        edge = self.edges.setdefault((source, target, rel_type), {"source": source, "target": target, "type": rel_type})
        edge.update(props)

    def merge(self, other: "Graph") -> "Graph":
        for key, node in other.nodes.items():
            self.nodes.setdefault(key, node)
        self.edges.update(other.edges)
        self.capped = self.capped or other.capped
        self.message = other.message or self.message
        return self


def nodes_by_key(gateway: Gateway, keys: list[str]) -> Graph:
    """The nodes with these keys, each with its context attributes (in the order of ``keys``)."""
    graph = Graph()
    if keys:
        result = queries.run(gateway, "app_nodes", {"keys": list(dict.fromkeys(keys)),
                                                    "contextLabels": context_labels()}).raise_for_status()
        found = {}
        for record in result.records:
            item = node_dict(record["n"], record["labels"], record["context"])
            found[item["key"]] = item
        for key in keys:
            if key in found:
                graph.add_node(found[key])
    return graph


def expand(gateway: Gateway, keys: list[str], rel_types: list[str] | None = None, depth: int = 1,
           date_from: str | None = None, date_to: str | None = None, labels: list[str] | None = None,
           cap: int = DEFAULT_CAP, include_context: bool = False) -> Graph:
    """The neighbourhood of ``keys`` up to ``depth`` hops, at most ``cap`` nodes (then ``capped`` is set).

    Context nodes (countries, ports, chemicals, ingest runs) are left out and shown as attributes of the
    neighbours they describe, unless ``include_context``.
    """
    if not 1 <= depth <= MAX_DEPTH:
        raise InputError(f"Depth must be between 1 and {MAX_DEPTH}, not {depth}.")
    model = load_model()
    for rel in rel_types or []:
        if rel not in model.relationships:
            raise InputError(f"Unknown relationship type {rel!r}; choose from {', '.join(model.relationships)}.")
    graph = nodes_by_key(gateway, keys)
    frontier = [k for k in keys if k in graph.nodes]
    for _ in range(depth):
        if not frontier:
            break
        room = cap - len(graph.nodes)
        result = queries.run(gateway, "app_expand", {
            "keys": frontier, "relTypes": rel_types or None, "labels": labels or None,
            "contextLabels": _context_param(include_context),
            "dateFrom": date_from, "dateTo": date_to, "limit": max(room, 0) * 4 + 1,
        }).raise_for_status()
        next_frontier: list[str] = []
        for record in result.records:
            item = node_dict(record["n"], record["labels"], record["context"])
            if item["key"] not in graph.nodes:
                if len(graph.nodes) >= cap:
                    graph.capped = True
                    continue
                graph.add_node(item)
                next_frontier.append(item["key"])
            graph.add_edge(record["source"], record["target"], record["type"])
        if len(result.records) >= max(room, 0) * 4 + 1:
            graph.capped = True
        frontier = next_frontier
        if graph.capped:
            break
    if graph.capped:
        graph.message = (f"The neighbourhood has more than {cap} nodes; showing the first {len(graph.nodes)}. "
                         "Filter by relationship type, label or dates, or lower the depth.")
    return graph


def _provenance(props: dict[str, Any]) -> dict[str, Any]:
    return {k: props.get(k) for k in PROVENANCE_KEYS if props.get(k) is not None}


def node_details(gateway: Gateway, key: str, findings: list[dict[str, Any]] | None = None, *, page: int = 0,
                 page_size: int = DETAIL_PAGE) -> dict[str, Any]:
    """One entity for the details panel: properties, all source spellings, provenance, findings, seizures, and one
    page of its shipments, newest first (``page`` counts from 0; ``shipment_count`` says how many there are).

    ``findings`` come from the risk ranking the caller holds (running every detector per click would be slow).
    """
    page, page_size = max(0, int(page)), max(1, min(int(page_size), DETAIL_SHIPMENTS))
    result = queries.run(gateway, "app_node_details", {"key": key, "contextLabels": context_labels(),
                                                       "skip": page * page_size, "limit": page_size}
                         ).raise_for_status()
    if not result.records:
        raise InputError(f"No entity with key {key!r}; it may have been merged or removed.")
    record = result.records[0]
    item = node_dict(record["n"], record["labels"], record["context"])
    props = item["props"]
    names = props.get("names") or []
    if isinstance(names, str):
        names = [names]
    item["names"] = sorted({str(n) for n in names} | ({item["caption"]} if item["caption"] else set()))
    item["properties"] = {k: v for k, v in sorted(props.items()) if k not in _HIDDEN_KEYS}
    item["provenance"] = _provenance(props)
    item["shipments"] = [node_dict(s, ["Shipment"]) for s in record["shipments"]]
    item["shipment_count"] = int(record["shipmentCount"])
    item["page"], item["page_size"] = page, page_size
    item["pages"] = max(1, -(-item["shipment_count"] // page_size))
    seizures = {node_dict(z, ["Seizure"])["key"]: node_dict(z, ["Seizure"]) for z in record["seizures"]}
    item["seizures"] = sorted(seizures.values(), key=lambda z: str(z["date"] or ""))
    item["findings"] = findings
    return item


def shortest_paths(gateway: Gateway, a: str, b: str, max_hops: int = 4, include_context: bool = False) -> Graph:
    """A shortest path between two entities (at most ``max_hops`` long, six at most) as a graph.

    One path, not all of that length: between two busy firms each shipment to a common partner is another path,
    and listing them took seconds at scale. The path never passes through a context node (country, port,
    chemical, run) unless ``include_context``.
    """
    if a == b:
        raise InputError("Pick two different entities to find the paths between them.")
    if not 1 <= max_hops <= 6:
        raise InputError(f"Path length must be between 1 and 6 hops, not {max_hops}.")
    result = queries.run(gateway, "app_shortest_paths", {"a": a, "b": b, "maxHops": max_hops,
                                                         "includeContext": include_context}).raise_for_status()
    graph = Graph()
    keys = list(dict.fromkeys(str(dict(node).get("key")) for record in result.records for node in record["nodes"]))
    described = nodes_by_key(gateway, keys)  # with their context attributes
    for record in result.records:
        for node in record["nodes"]:
            key = dict(node).get("key")
            graph.add_node(described.nodes.get(str(key)) or node_dict(node))
        for rel in record["rels"]:
            graph.add_edge(rel["source"], rel["target"], rel["type"])
    if not graph.nodes:
        graph.message = f"No path of at most {max_hops} hops links these two entities."
    return graph


_EVENT_KIND = {"Shipment": "shipment", "Seizure": "seizure", "Notification": "notification", "Company": "incorporation"}
EVENT_KINDS = tuple(_EVENT_KIND.values())
#: Timeline rows at most before the page says so and offers to narrow.
TIMELINE_CAP = 2000


@dataclass
class Timeline:
    """The dated events of some entities; ``capped`` when there were more than the cap."""

    events: list[dict[str, Any]] = field(default_factory=list)
    capped: bool = False
    cap: int = TIMELINE_CAP


def timeline(gateway: Gateway, keys: list[str], kinds: Iterable[str] | None = None, date_from: str | None = None,
             date_to: str | None = None, cap: int = TIMELINE_CAP) -> Timeline:
    """The entities' own events (shipments, seizures, notifications, incorporations), oldest first.

    When there are more than ``cap``, seizures, notifications and incorporations are kept before shipments
    and the newest before the oldest, and ``capped`` says so.
    """
    if not keys:
        return Timeline(cap=cap)
    wanted = list(kinds) if kinds is not None else list(EVENT_KINDS)
    unknown = [k for k in wanted if k not in EVENT_KINDS]
    if unknown:
        raise InputError(f"Unknown event kind {unknown[0]!r}; choose from {', '.join(EVENT_KINDS)}.")
    labels = [label for label, kind in _EVENT_KIND.items() if kind in wanted]
    if not labels:
        return Timeline(cap=cap)
    result = queries.run(gateway, "app_timeline", {"keys": list(keys), "kinds": labels, "dateFrom": date_from,
                                                   "dateTo": date_to, "limit": cap + 1}).raise_for_status()
    records = list(result.records)
    capped = len(records) > cap
    events: dict[str, dict[str, Any]] = {}
    for record in records[:cap]:
        item = node_dict(record["e"], record["labels"])
        kind = _EVENT_KIND.get(item["label"])
        if kind is None or not record["date"]:
            continue
        event = events.setdefault(item["key"], {
            "date": str(record["date"])[:10], "kind": kind, "key": item["key"],
            "caption": item["caption"], "label": item["label"], "origins": [],
        })
        if record["origin"] not in event["origins"]:
            event["origins"].append(record["origin"])
    return Timeline(sorted(events.values(), key=lambda e: (e["date"], e["key"])), capped, cap)


def timeline_events(gateway: Gateway, keys: list[str]) -> list[dict[str, Any]]:
    """Dated events of the entities, oldest first (see :func:`timeline` for the cap)."""
    return timeline(gateway, keys).events


#: The view's own relationship type for a trade link (shipments collapsed per shipper and consignee).
TRADE = "TRADE"


def trade_links(gateway: Gateway, keys: list[str], limit: int = 500) -> Graph:
    """Firm-to-firm links, one per shipper and consignee, summarising their shipments (i2's link summaries).

    Each ``TRADE`` edge carries ``shipments``, ``first``, ``last``, ``seized`` and ``chemicals``.
    """
    graph = Graph()
    if not keys:
        return graph
    result = queries.run(gateway, "app_trade_links", {"keys": list(keys), "limit": limit}).raise_for_status()
    for record in result.records:
        shipper = node_dict(record["shipper"], record["shipperLabels"])
        consignee = node_dict(record["consignee"], record["consigneeLabels"])
        graph.add_node(shipper)
        graph.add_node(consignee)
        graph.add_edge(shipper["key"], consignee["key"], TRADE, shipments=int(record["shipments"]),
                       first=record["first"], last=record["last"], seized=int(record["seized"]),
                       chemicals=sorted({str(c) for c in record["chemicals"] or []}))
    graph.capped = len(result.records) >= limit
    return graph


def link_shipments(gateway: Gateway, shipper: str, consignee: str, limit: int = 300) -> Graph:
    """The shipments behind one trade link, with their shipper and consignee edges."""
    result = queries.run(gateway, "app_trade_link_shipments",
                         {"shipper": shipper, "consignee": consignee, "limit": limit}).raise_for_status()
    graph = Graph()
    for record in result.records:
        item = node_dict(record["s"], record["labels"])
        graph.add_node(item)
        graph.add_edge(shipper, item["key"], "SHIPPED")
        graph.add_edge(item["key"], consignee, "CONSIGNED_TO")
    graph.capped = len(result.records) >= limit
    return graph


@dataclass
class Resolution:
    """What a person typed, the entity it was taken to mean, and the other candidates (best first)."""

    text: str
    key: str | None
    candidates: list[dict[str, Any]] = field(default_factory=list)
    exact: bool = False

    @property
    def chosen(self) -> dict[str, Any] | None:
        return next((c for c in self.candidates if c["key"] == self.key), None)


#: Properties an identifier typed as is should equal exactly (B/L, seizure id, CAS, PEN id, ...).
_IDENTIFIERS = ("billOfLading", "seizureId", "casNumber", "shortName", "penId", "number", "address", "code",
                "registrationNumber", "recordId")


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", fold(str(text)))


def _matches_exactly(text: str, hit: dict[str, Any]) -> bool:
    typed = _squash(text)
    props = hit.get("props") or {}
    values = [hit.get("caption"), hit.get("key"), *(props.get(p) for p in _IDENTIFIERS)]
    names = props.get("names") or []
    values += names if isinstance(names, list) else [names]
    synonyms = props.get("synonyms") or []
    values += synonyms if isinstance(synonyms, list) else [synonyms]
    return bool(typed) and any(v is not None and _squash(str(v)) == typed for v in values)


def resolve(gateway: Gateway, text: str, labels: list[str] | None = None, limit: int = 8) -> Resolution:
    """What the user typed (a key, a name in any spelling, a B/L, a seizure id, a chemical name or CAS) as an entity.

    The best match is chosen and the others are kept as suggestions; ``exact`` says the text equals a key, a name
    or an identifier of the chosen entity. Nothing found gives ``key=None`` (the page says so; nothing is dropped).
    """
    typed = text.strip()
    if not typed:
        raise InputError("Type a name, bill of lading, seizure id, chemical name or CAS number.")
    if ":" in typed and " " not in typed:
        found = nodes_by_key(gateway, [typed])
        node = found.nodes.get(typed)
        if node is not None and (not labels or set(node["labels"]) & set(labels)):
            return Resolution(typed, typed, [node], exact=True)
    hits = search(gateway, typed, labels=labels, limit=limit)
    if not hits:
        return Resolution(typed, None, [])
    exact = [h for h in hits if _matches_exactly(typed, h)]
    best = exact[0] if exact else hits[0]
    ordered = [best] + [h for h in hits if h["key"] != best["key"]]
    return Resolution(typed, best["key"], ordered, exact=bool(exact))


def split_entities(text: str) -> list[str]:
    """Entities typed in one box: separated by new lines or semicolons (names may hold commas)."""
    parts = re.split(r"[;\n]+", text)
    if len(parts) == 1 and all(":" in p and " " not in p.strip() for p in text.split(",") if p.strip()):
        parts = text.split(",")  # a list of keys, as the box used to take
    return [p.strip() for p in parts if p.strip()]


def date_range(gateway: Gateway) -> tuple[dt.date, dt.date] | None:
    """The earliest and latest dates in the data (shipments, seizures, notifications, incorporations), as recorded
    with the store's counts (workbench/analysis/overview.py), else read now."""
    recorded = recorded_counts(gateway)
    if recorded is not None and recorded.dates is not None:
        low, high = recorded.dates
    else:
        result = queries.run(gateway, "app_date_range", {}).raise_for_status()
        if not result.records:
            return None
        low, high = result.records[0]["low"], result.records[0]["high"]
    try:
        return dt.date.fromisoformat(str(low)[:10]), dt.date.fromisoformat(str(high)[:10])
    except ValueError:
        return None


def _port(node: Node | None) -> dict[str, Any] | None:
    if node is None:
        return None
    props = dict(node)
    lat, lon = props.get("latitude"), props.get("longitude")
    if lat is None or lon is None:
        known = normalize.ports().get(str(props.get("code") or ""))
        if known is not None:
            lat, lon = known.lat, known.lon
    return {"code": props.get("code"), "name": props.get("name") or props.get("code"), "lat": lat, "lon": lon}


def routes(gateway: Gateway, keys: list[str]) -> list[dict[str, Any]]:
    """For each shipment among or linked to ``keys``: its ports in order (lading, transits, discharge)."""
    if not keys:
        return []
    result = queries.run(gateway, "app_routes", {"keys": list(keys)}).raise_for_status()
    out = []
    for record in result.records:
        ports = [_port(record["lading"]), *(_port(t) for t in record["transits"]), _port(record["discharge"])]
        out.append({"shipment": record["shipment"], "billOfLading": record["billOfLading"], "date": record["date"],
                    "ports": [p for p in ports if p is not None]})
    return out


def graph_from_records(records: list[Any]) -> Graph:
    """The nodes, relationships and paths found anywhere in query results (saved queries drawn as a graph)."""
    from neo4j.graph import Path as GraphPath, Relationship  # noqa: PLC0415

    graph = Graph()
    ids: dict[str, str] = {}
    rels: list[Relationship] = []

    def visit(value: Any) -> None:
        if isinstance(value, Node):
            item = node_dict(value)
            if item["key"]:
                ids[value.element_id] = item["key"]
                graph.add_node(item)
        elif isinstance(value, Relationship):
            rels.append(value)
            for end in (value.start_node, value.end_node):
                if end is not None and dict(end):
                    visit(end)
        elif isinstance(value, GraphPath):
            for node in value.nodes:
                visit(node)
            rels.extend(value.relationships)
        elif isinstance(value, (list, tuple)):
            for item in value:
                visit(item)
        elif isinstance(value, dict):
            for item in value.values():
                visit(item)

    for record in records:
        for value in record.values():
            visit(value)
    for rel in rels:
        source = ids.get(getattr(rel.start_node, "element_id", ""))
        target = ids.get(getattr(rel.end_node, "element_id", ""))
        if source and target:
            graph.add_edge(source, target, rel.type)
    return graph
