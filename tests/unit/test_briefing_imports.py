"""The briefing's types live apart from the code that gathers them, and exports take the subgraph of a case from
workbench.cases.subgraph, not from the briefing (the package-wide cycle check is test_import_graph.py)."""

from __future__ import annotations

import networkx as nx
from test_import_graph import import_graph


def test_briefing_types_import_no_gathering_code() -> None:
    graph = import_graph()
    targets = {m for m in graph.successors("workbench.briefing.types") if m.startswith("workbench.")}
    assert targets <= {"workbench.cases.subgraph", "workbench.cases"}, targets


def test_exports_do_not_depend_on_the_briefing() -> None:
    reached = nx.descendants(import_graph(), "workbench.exports.formats")
    assert "workbench.cases.subgraph" in reached
    assert not [m for m in reached if m.startswith("workbench.briefing")]
