"""Cases: a named selection of entities with notes, saved by investigators; briefings are built from them.

A case keeps the view it was saved from, so it reopens exactly as it was: its nodes (``entity_keys``, the ones
shown; hidden ones in ``hidden``), the relationships drawn between them (trade links included, with their
summary), node positions, pins and notes.

Cases are workbench data, not evidence, so they live in the home (``HOME/cases/<slug>.json``), written
atomically; the graph store stays the record of what the sources said.
"""

from __future__ import annotations

import builtins
import datetime as dt
import json
import os
import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from workbench.errors import InputError

_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return _SLUG.sub("-", folded).strip("-")[:80]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass
class Case:
    name: str
    entity_keys: list[str] = field(default_factory=list)
    notes: str = ""
    created_by: str = ""
    created_at: str = field(default_factory=_now)
    updated_at: str = field(default_factory=_now)
    pinned: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    #: {"source", "target", "type", ...summary} of every relationship drawn between the case's nodes.
    relationships: list[dict[str, Any]] = field(default_factory=list)
    #: {key: {"x", "y"}} where each node stood in the drawing.
    positions: dict[str, dict[str, float]] = field(default_factory=dict)
    #: Whether the view showed trade links instead of the shipments they summarise.
    trade_view: bool = False

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def all_keys(self) -> list[str]:
        """Every node of the saved view: the ones shown, then the hidden ones."""
        return list(dict.fromkeys([*self.entity_keys, *self.hidden]))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Case":
        """A case from its JSON; fields an older or newer version wrote and this one does not know are ignored."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


class CaseStore:
    """Cases kept as JSON files in one folder."""

    def __init__(self, home: Path) -> None:
        self.folder = Path(home) / "cases"

    def _path(self, name: str) -> Path:
        slug = slugify(name)
        if not slug:
            raise InputError(f"The case name {name!r} has no letters or digits; give it a name such as 'Operación Puerto'.")
        return self.folder / f"{slug}.json"

    def save(self, case: Case) -> Case:
        if not case.name.strip():
            raise InputError("A case needs a name.")
        self.folder.mkdir(parents=True, exist_ok=True)
        case.updated_at = _now()
        path = self._path(case.name)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(asdict(case), f, ensure_ascii=False, indent=2)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        return case

    def load(self, name: str) -> Case:
        path = self._path(name)
        if not path.exists():
            known = ", ".join(c.name for c in self.list()) or "none yet"
            raise InputError(f"There is no case {name!r}; saved cases: {known}.")
        data = json.loads(path.read_text(encoding="utf-8"))
        return Case.from_dict(data)

    def list(self) -> list[Case]:
        if not self.folder.exists():
            return []
        cases = []
        for path in sorted(self.folder.glob("*.json")):
            try:
                cases.append(Case.from_dict(json.loads(path.read_text(encoding="utf-8"))))
            except (ValueError, TypeError):
                continue
        return sorted(cases, key=lambda c: c.updated_at, reverse=True)

    @property
    def trash(self) -> Path:
        return self.folder / "deleted"

    def delete(self, name: str) -> None:
        """Move the case to the trash (``cases/deleted/``) so it can be restored."""
        path = self._path(name)
        if path.exists():
            self.trash.mkdir(parents=True, exist_ok=True)
            os.replace(path, self.trash / path.name)

    def deleted(self) -> "builtins.list[Case]":
        """Cases in the trash, most recently changed first."""
        if not self.trash.exists():
            return []
        found = []
        for path in sorted(self.trash.glob("*.json")):
            try:
                found.append(Case.from_dict(json.loads(path.read_text(encoding="utf-8"))))
            except (ValueError, TypeError):
                continue
        return sorted(found, key=lambda c: c.updated_at, reverse=True)

    def restore(self, name: str) -> Case:
        """Bring a deleted case back (refused when a case of that name exists again)."""
        target = self._path(name)
        source = self.trash / target.name
        if not source.exists():
            raise InputError(f"There is no deleted case {name!r} to restore.")
        if target.exists():
            raise InputError(f"A case named {name!r} exists again; rename it before restoring the deleted one.")
        os.replace(source, target)
        return self.load(name)


def case_from_view(name: str, graph: Any, *, notes: str = "", created_by: str = "", hidden: list[str] | None = None,
                   pinned: list[str] | None = None, positions: dict[str, dict[str, float]] | None = None,
                   trade_view: bool = False, extra_keys: list[str] | None = None) -> Case:
    """A case holding the network view as it is: nodes, relationships between them, positions, pins, hidden set."""
    hidden_set = set(hidden or [])
    keys = list(dict.fromkeys([*(extra_keys or []), *graph.nodes]))
    shown = [k for k in keys if k not in hidden_set]
    kept = set(keys)
    relationships = [dict(edge) for edge in graph.edges.values() if edge["source"] in kept and edge["target"] in kept]
    where = {k: {"x": float(v["x"]), "y": float(v["y"])} for k, v in (positions or {}).items()
             if k in kept and isinstance(v, dict) and "x" in v and "y" in v}
    return Case(name=name, entity_keys=shown, notes=notes, created_by=created_by,
                pinned=[k for k in (pinned or []) if k in kept], hidden=[k for k in keys if k in hidden_set],
                relationships=relationships, positions=where, trade_view=trade_view)


def case_graph(gateway: Any, case: Case) -> tuple[Any, list[str]]:
    """The saved view of a case as a graph (nodes from the store, relationships as saved) and the keys now missing."""
    from workbench.analysis import explore  # noqa: PLC0415 - the store layer only when a case is opened

    graph = explore.nodes_by_key(gateway, case.all_keys)
    for rel in case.relationships:
        if rel.get("source") in graph.nodes and rel.get("target") in graph.nodes:
            props = {k: v for k, v in rel.items() if k not in ("source", "target", "type")}
            graph.add_edge(rel["source"], rel["target"], rel["type"], **props)
    missing = [k for k in case.all_keys if k not in graph.nodes]
    return graph, missing
