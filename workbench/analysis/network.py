"""Network measures on the trade graph: betweenness of brokers and communities around seizures.

The company graph links a shipper to its consignee, and both to the broker that arranged the shipment. On the
embedded default it is built from the trade flows (:mod:`workbench.analysis.flows`) and measured in the client; on
Neo4j with Graph Data Science installed, betweenness comes from GDS. Communities are Louvain communities, seeded so
results repeat.

Small graphs (up to ``EXACT_BETWEENNESS_NODES`` companies, where betweenness is exact: a single investigation, a
small store) are measured with networkx exactly as before. Larger trade graphs (a year of a country's
chemical-sector imports holds tens of thousands of firms) go to igraph, whose C core does the same computations (Brandes betweenness from
sampled pivots, multilevel Louvain) one to two orders of magnitude faster and in far less memory: see
benchmarks/bench_network_measures.py and benchmarks/results/network_measures.json for the measurements behind the
threshold.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from typing import Iterable

import igraph as ig
import networkx as nx

from workbench.analysis.flows import Flow, trade_flows
from workbench.store import queries
from workbench.store.gateway import Gateway

#: Exact betweenness up to this many nodes; above it, sampled with this many pivots.
EXACT_BETWEENNESS_NODES = 600
SAMPLE_PIVOTS = 200
SEED = 7
#: From this many companies on (where betweenness is sampled anyway), igraph measures instead of networkx: 46-64x
#: faster with the same modularity and the same leading brokers (benchmarks/results/network_measures.json).
IGRAPH_FROM_NODES = EXACT_BETWEENNESS_NODES + 1


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
    method: str  # "networkx", "igraph" or "gds"
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
    return trade_graph_of(trade_flows(gateway))


def trade_graph_of(flows: Iterable[Flow]) -> TradeGraph:
    """The trade graph of flows already read: the same rows also carry a firm's findings to its trade partners, so
    the risk ranking reads the store's shipments once for both."""
    graph = nx.Graph()
    brokers: set[str] = set()
    linked: dict[str, int] = {}
    shipments: dict[str, int] = {}
    clients: dict[str, dict[str, int]] = {}
    broker_seized: dict[str, int] = {}
    broker_shipments: dict[str, int] = {}
    for flow in flows:  # a flow's notify parties play no part in the company graph
        shipper, consignee, broker = flow.shipper, flow.consignee, flow.broker
        count, seized = int(flow.shipments or 0), int(flow.seized or 0)
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
            for party in {shipper, consignee} | ({broker} if broker else set()):
                linked[party] = linked.get(party, 0) + seized
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


def _igraph(trade: TradeGraph) -> tuple[ig.Graph, list[str]]:
    """The trade graph as an igraph Graph (vertex i is company ``names[i]``, edge attribute ``weight``)."""
    names = sorted(trade.graph.nodes)
    index = {name: i for i, name in enumerate(names)}
    edges = [(index[a], index[b]) for a, b in trade.graph.edges]
    weights = [float(data.get("weight", 1)) for _, _, data in trade.graph.edges(data=True)]
    graph = ig.Graph(n=len(names), edges=edges, directed=False)
    graph.es["weight"] = weights
    return graph, names


def _ig_betweenness(trade: TradeGraph, graph: ig.Graph, names: list[str]) -> dict[str, float]:
    """Brandes betweenness of the brokers from ``SAMPLE_PIVOTS`` seeded pivots (the estimator networkx uses)."""
    if not trade.brokers or graph.vcount() == 0:
        return {}
    index = {name: i for i, name in enumerate(names)}
    brokers = sorted(trade.brokers & set(index))
    pivots = random.Random(SEED).sample(range(graph.vcount()), min(SAMPLE_PIVOTS, graph.vcount()))
    scores = graph.betweenness(vertices=[index[b] for b in brokers], directed=False, sources=pivots)
    return {broker: float(score) for broker, score in zip(brokers, scores)}


def _ig_communities(trade: TradeGraph, graph: ig.Graph, names: list[str]) -> list[set[str]]:
    """Multilevel Louvain communities, with igraph's random source seeded so the result repeats."""
    ig.set_random_number_generator(random.Random(SEED))
    try:
        clustering = graph.community_multilevel(weights="weight")
    finally:
        ig.set_random_number_generator(random)
    return [{names[i] for i in members} for members in clustering]


def _normalise(scores: dict[str, float]) -> dict[str, float]:
    top = max(scores.values(), default=0.0)
    return {key: (value / top if top > 0 else 0.0) for key, value in scores.items()}


def _ordered(trade: TradeGraph, found: list[set[str]]) -> list[Community]:
    result = []
    for i, members in enumerate(sorted(found, key=lambda c: (-len(c), min(c)))):
        ordered = tuple(sorted(members))
        result.append(Community(i, ordered, tuple(k for k in ordered if k in trade.seizure_linked)))
    return result


def communities(trade: TradeGraph) -> list[Community]:
    """Louvain communities of the trade graph, each with its seizure-linked members."""
    if trade.graph.number_of_nodes() == 0:
        return []
    if trade.graph.number_of_nodes() >= IGRAPH_FROM_NODES:
        graph, names = _igraph(trade)
        return _ordered(trade, _ig_communities(trade, graph, names))
    return _ordered(trade, list(nx.community.louvain_communities(trade.graph, weight="weight", seed=SEED)))


def library_for(trade: TradeGraph) -> str:
    """Which library measures this trade graph: "networkx" for small graphs, "igraph" for large ones."""
    return "igraph" if trade.graph.number_of_nodes() >= IGRAPH_FROM_NODES else "networkx"


def measure(gateway: Gateway) -> NetworkMeasures:
    """Broker betweenness (GDS when present, else networkx) and seizure communities."""
    return measure_trade(trade_graph(gateway), gateway)


def measure_trade(trade: TradeGraph, gateway: Gateway | None = None) -> NetworkMeasures:
    """The measures of a trade graph already read (betweenness from GDS when ``gateway`` is a Neo4j with it)."""
    method = library_for(trade)
    if gateway is not None and gds_available(gateway):
        raw, method = _gds_betweenness(gateway), "gds"
    elif method == "igraph":
        graph, names = _igraph(trade)
        raw = _ig_betweenness(trade, graph, names)
    else:
        raw = _nx_betweenness(trade)
    return NetworkMeasures(_normalise(raw), communities(trade), trade.seizure_linked, method, trade.shipments,
                           trade.broker_clients, trade.broker_seized, trade.broker_shipments)
