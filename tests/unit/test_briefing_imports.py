"""The briefing package has no import cycle (imports inside functions count: they only hid the cycle
model ↔ findings ↔ withhold), its types live apart from the code that gathers them, and exports take the subgraph
of a case from workbench.cases.subgraph, not from the briefing."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("workbench/briefing", "workbench/cases", "workbench/exports", "workbench/render")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every workbench module ``path`` imports, at module level or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("workbench"):
            found.add(node.module)
            for alias in node.names:  # `from workbench.briefing import withhold` imports a module
                candidate = f"{node.module}.{alias.name}"
                if (ROOT / Path(*candidate.split("."))).with_suffix(".py").exists():
                    found.add(candidate)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("workbench"))
    return found


def import_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            name = module_name(path)
            for target in imports(path):
                if target != name and not name.startswith(target + "."):  # a package's own __init__ is no cycle
                    graph.add_edge(name, target)
    return graph


def test_no_import_cycle_in_briefing_cases_and_exports() -> None:
    graph = import_graph()
    cycles = [c for c in nx.simple_cycles(graph) if any(m.startswith(PACKAGES[0].replace("/", ".")) for m in c)]
    assert not cycles, cycles


def test_briefing_types_import_no_gathering_code() -> None:
    targets = imports(ROOT / "workbench/briefing/types.py")
    assert targets <= {"workbench.cases.subgraph"}, targets


def test_exports_do_not_depend_on_the_briefing() -> None:
    graph = import_graph()
    reached = nx.descendants(graph, "workbench.exports.formats")
    assert "workbench.cases.subgraph" in reached
    assert not [m for m in reached if m.startswith("workbench.briefing")]
