"""The package's import graph has no cycle, counting imports inside functions too (they hide cycles, they do not
remove them). Built from the source with ast, so it needs no import of the workbench."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[2] / "workbench"

#: Cycles allowed to stay; none is (the briefing cycle model <-> findings <-> withhold was removed).
KNOWN: set[frozenset[str]] = set()


def _module_of(path: Path, package: Path) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph(package: Path = PACKAGE) -> nx.DiGraph:
    """Module -> module edges for every ``import`` and ``from ... import`` of the package, at any depth."""
    modules = {_module_of(p, package): p for p in package.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = name.split(".") if is_package else name.split(".")[:-1]
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                # `from pkg import mod` imports the module pkg.mod when there is one
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph.add_edge(name, target)
    return graph


def cycles(graph: nx.DiGraph) -> set[frozenset[str]]:
    """Each group of modules that import each other, directly or through others.

    A package's ``__init__`` re-exporting its own submodules is not a cycle of design, so edges from a package to
    the modules inside it are left out."""
    pruned = nx.DiGraph((a, b) for a, b in graph.edges if not b.startswith(a + "."))
    return {frozenset(c) for c in nx.strongly_connected_components(pruned) if len(c) > 1}


def test_the_import_graph_finds_a_planted_cycle(tmp_path: Path) -> None:
    pkg = tmp_path / "workbench"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("def f():\n    from workbench.sub import b\n")
    (pkg / "sub" / "b.py").write_text("from ..a import f\n")
    assert cycles(import_graph(pkg)) == {frozenset({"workbench.a", "workbench.sub.b"})}


def test_workbench_has_no_import_cycle() -> None:
    found = cycles(import_graph())
    unexpected = found - KNOWN
    assert not unexpected, "import cycles:\n" + "\n".join(" <-> ".join(sorted(c)) for c in unexpected)
    assert not (KNOWN - found), f"known cycles now gone, delete them from KNOWN: {KNOWN - found}"
