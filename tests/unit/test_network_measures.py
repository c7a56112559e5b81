"""Network measures give the same answers whichever library computes them, and large graphs go to igraph."""

from __future__ import annotations

import networkx as nx
import pytest

from workbench.analysis import network
from workbench.analysis.network import TradeGraph, measure_trade


def _two_rings_and_a_bridge(size: int) -> TradeGraph:
    """Two tight trading rings of ``size`` firms each; one broker alone connects them; a second broker stays in one."""
    graph = nx.Graph()
    trade = TradeGraph(graph)
    for ring in ("east", "west"):
        members = [f"company:{ring}-{i}" for i in range(size)]
        for i, a in enumerate(members):
            for b in members[i + 1:i + 4]:
                graph.add_edge(a, b, weight=5)
    graph.add_edge("company:east-0", "company:bridge", weight=1)
    graph.add_edge("company:bridge", "company:west-0", weight=1)
    graph.add_edge("company:east-1", "company:local", weight=1)
    graph.add_edge("company:local", "company:east-2", weight=1)
    trade.brokers.update({"company:bridge", "company:local"})
    return trade


@pytest.mark.parametrize("library", ["networkx", "igraph"])
def test_both_libraries_find_the_bridging_broker_and_the_two_rings(monkeypatch: pytest.MonkeyPatch,
                                                                  library: str) -> None:
    monkeypatch.setattr(network, "IGRAPH_FROM_NODES", 0 if library == "igraph" else 10**9)
    trade = _two_rings_and_a_bridge(40)
    measures = measure_trade(trade)
    assert measures.method == library
    assert measures.broker_betweenness["company:bridge"] == 1.0
    assert measures.broker_betweenness["company:local"] < 0.2
    east = measures.community_of("company:east-10")
    west = measures.community_of("company:west-10")
    assert east is not None and west is not None and east.id != west.id
    assert all(m.startswith(("company:east", "company:local", "company:bridge")) for m in east.members)


def test_the_same_graph_gives_the_same_communities_on_every_run() -> None:
    trade = _two_rings_and_a_bridge(400)  # 802 firms: above the threshold, so igraph
    first, second = measure_trade(trade), measure_trade(trade)
    assert first.method == "igraph"
    assert [c.members for c in first.communities] == [c.members for c in second.communities]
    assert first.broker_betweenness == second.broker_betweenness


def test_small_graphs_keep_exact_networkx_betweenness() -> None:
    trade = _two_rings_and_a_bridge(20)
    measures = measure_trade(trade)
    exact = nx.betweenness_centrality(trade.graph, normalized=True)
    top = max(exact[b] for b in trade.brokers)
    assert measures.method == "networkx"
    assert measures.broker_betweenness == {b: exact[b] / top for b in trade.brokers}
