"""Network measures on the trade graph: betweenness of brokers and communities around seizures.

The company graph links a shipper to its consignee, and both to the broker that arranged the shipment. On the
embedded default it is built from ``network_trade_edges`` and measured with networkx (betweenness is sampled
on large graphs so its cost stays near-linear); on Neo4j with Graph Data Science installed, betweenness comes
from GDS. Communities are Louvain communities (networkx, seeded, so results repeat).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import networkx as nx

from workbench.store import queries
from workbench.store.gateway import Gateway

#: Exact betweenness up to this many nodes; above it, sampled with this many pivots.
EXACT_BETWEENNESS_NODES = 600
SAMPLE_PIVOTS = 200
SEED = 7


@dataclass
class TradeGraph:
    graph: nx.Graph
    brokers: set[str] = field(default_factory=set)
    seizure_linked: dict[str, int] = field(default_factory=dict)  # company key -> seized shipments it was on
    shipments: dict[str, int] = field(default_factory=dict)  # company key -> shipments it shipped or received
    # broker key -> client key -> the client's shipments the broker arranged
    broker_clients: dict[str, dict[str, int]] = field(default_factory=dict)
    broker_seized: dict[str, int] = field(default_factory=dict)  # broker key -> seized shipments it arranged
    broker_shipments: dict[str, int] = field(default_factory=dict)  # broker key -> shipments it arranged


@dataclass(frozen=True)
class Community:
    id: int
    members: tuple[str, ...]
    seizure_linked: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass
class NetworkMeasures:
    broker_betweenness: dict[str, float]  # normalised 0..1 against the most central broker
    communities: list[Community]
    seizure_linked: dict[str, int]
    method: str  # "networkx" or "gds"
    shipments: dict[str, int] = field(default_factory=dict)
    broker_clients: dict[str, dict[str, int]] = field(default_factory=dict)
    broker_seized: dict[str, int] = field(default_factory=dict)
    broker_shipments: dict[str, int] = field(default_factory=dict)

    def share_through(self, broker: str, client: str) -> float:
        """The part (0..1) of ``client``'s shipments that ``broker`` arranged."""
        total = self.shipments.get(client, 0)
        return min(1.0, self.broker_clients.get(broker, {}).get(client, 0) / total) if total else 0.0

    def seized_rate(self, broker: str) -> float:
        """The part (0..1) of the shipments ``broker`` arranged that were seized."""
        seized = self.broker_seized.get(broker, 0)
        total = max(self.broker_shipments.get(broker, 0), seized)
        return seized / total if total else 0.0

    def community_of(self, key: str) -> Community | None:
        for community in self.communities:
            if key in community.members:
                return community
        return None


def trade_graph(gateway: Gateway) -> TradeGraph:
    """The undirected company graph weighted by shipments, with brokers and seizure counts."""
    result = queries.run(gateway, "network_trade_edges", row_cap=10_000_000, timeout=600).raise_for_status()
    graph = nx.Graph()
    brokers: set[str] = set()
    linked: dict[str, int] = {}
    shipments: dict[str, int] = {}
    clients: dict[str, dict[str, int]] = {}
    broker_seized: dict[str, int] = {}
    broker_shipments: dict[str, int] = {}
    for row in result.data():
        shipper, consignee, broker = row["shipper"], row["consignee"], row["broker"]
        count, seized = int(row["shipments"] or 0), int(row["seized"] or 0)
        pairs = [(shipper, consignee)]
        for key in {shipper, consignee}:
            shipments[key] = shipments.get(key, 0) + count
        if broker:
            brokers.add(broker)
            pairs += [(shipper, broker), (broker, consignee)]
            served = clients.setdefault(broker, {})
            for key in {shipper, consignee} - {broker}:
                served[key] = served.get(key, 0) + count
            broker_seized[broker] = broker_seized.get(broker, 0) + seized
            broker_shipments[broker] = broker_shipments.get(broker, 0) + count
        for a, b in pairs:
            if a == b:
                continue
            weight = graph.get_edge_data(a, b, {}).get("weight", 0) + count
            graph.add_edge(a, b, weight=weight)
        if seized:
            for key in {shipper, consignee, broker} - {None}:
                linked[key] = linked.get(key, 0) + seized
    return TradeGraph(graph, brokers, linked, shipments, clients, broker_seized, broker_shipments)


def gds_available(gateway: Gateway) -> bool:
    """True on Neo4j with the Graph Data Science plugin (never on the embedded ArcadeDB)."""
    if gateway.backend != "neo4j":
        return False
    result = queries.run(gateway, "network_gds_available")
    return result.ok and bool(result.data() and result.data()[0]["available"])


def _gds_betweenness(gateway: Gateway) -> dict[str, float]:
    name = f"workbench-trade-{uuid.uuid4().hex[:8]}"
    queries.run(gateway, "network_gds_project", {"graphName": name}, timeout=600).raise_for_status()
    try:
        result = queries.run(gateway, "network_gds_betweenness", {"graphName": name}, timeout=600,
                             row_cap=10_000_000).raise_for_status()
        return {row["key"]: float(row["score"]) for row in result.data()}
    finally:
        queries.run(gateway, "network_gds_drop", {"graphName": name})


def _nx_betweenness(trade: TradeGraph) -> dict[str, float]:
    graph = trade.graph
    if graph.number_of_nodes() == 0 or not trade.brokers:
        return {}
    k = None if graph.number_of_nodes() <= EXACT_BETWEENNESS_NODES else SAMPLE_PIVOTS
    scores = nx.betweenness_centrality(graph, k=k, seed=SEED, normalized=True)
    return {key: scores.get(key, 0.0) for key in trade.brokers}


def _normalise(scores: dict[str, float]) -> dict[str, float]:
    top = max(scores.values(), default=0.0)
    return {key: (value / top if top > 0 else 0.0) for key, value in scores.items()}


def communities(trade: TradeGraph) -> list[Community]:
    """Louvain communities of the trade graph, each with its seizure-linked members."""
    if trade.graph.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(trade.graph, weight="weight", seed=SEED)
    result = []
    for i, members in enumerate(sorted(found, key=lambda c: (-len(c), min(c)))):
        ordered = tuple(sorted(members))
        result.append(Community(i, ordered, tuple(k for k in ordered if k in trade.seizure_linked)))
    return result


def measure(gateway: Gateway) -> NetworkMeasures:
    """Broker betweenness (GDS when present, else networkx) and seizure communities."""
    trade = trade_graph(gateway)
    if gds_available(gateway):
        raw, method = _gds_betweenness(gateway), "gds"
    else:
        raw, method = _nx_betweenness(trade), "networkx"
    return NetworkMeasures(_normalise(raw), communities(trade), trade.seizure_linked, method, trade.shipments,
                           trade.broker_clients, trade.broker_seized, trade.broker_shipments)
