"""What a read statement costs the store: its PROFILE plan and, on the embedded ArcadeDB, the records it read.

Neo4j's PROFILE gives every operator its rows and db hits. ArcadeDB's (over Bolt, ``summary.profile``) gives one
plan text: the top-level steps with their time and, for some, their rows ("MATCH NODE (n) [filter: ...] (20,439μs,
2,267 rows)"), an index seek as "NodeIndexSeek(n:Company) [index=Company[key] ...]", but nothing of what runs inside
a ``CALL { }`` subquery, a pattern comprehension or ``EXISTS { }``, where most of our statements do their work. So on
ArcadeDB the measure of a statement's cost is the database's own counters read around the run
(:func:`workbench.store.embedded.database_stats`): records read and full scans of a type, subqueries included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from workbench.settings import Settings
from workbench.store import embedded
from workbench.store.gateway import Gateway

#: ArcadeDB counters a read statement moves: records read, and whole types or buckets walked.
COUNTERS = ("readRecord", "iterateType", "scanType", "scanBucket", "iterateBucket")
_STEP = re.compile(r"^\s*\+ (?P<text>.*?)(?: \((?P<cost>[\d,.]+)μs(?:, (?P<rows>[\d,]+) rows)?\))?\s*$")
_SEEK = re.compile(r"IndexSeek|index[=:]", re.I)


@dataclass(frozen=True)
class Step:
    """One step of a plan, with the rows it produced when the store reports them."""

    text: str
    rows: int | None = None


@dataclass(frozen=True)
class Profile:
    """One profiled run of a read statement."""

    rows: int
    plan: str
    steps: tuple[Step, ...] = ()
    #: Store counters moved by the run (ArcadeDB: see :data:`COUNTERS`; Neo4j: ``dbHits``); empty when unknown.
    cost: dict[str, int] = field(default_factory=dict)

    @property
    def records_read(self) -> int | None:
        if "readRecord" in self.cost:
            return self.cost["readRecord"]
        return self.cost.get("dbHits")

    @property
    def full_scans(self) -> int:
        """Types or buckets walked from end to end (ArcadeDB); 0 when the store does not say."""
        return sum(self.cost.get(name, 0) for name in ("iterateType", "scanType", "scanBucket", "iterateBucket"))

    @property
    def index_seeks(self) -> int:
        return sum(1 for step in self.steps if _SEEK.search(step.text))


def arcadedb_steps(plan: str) -> tuple[Step, ...]:
    """The steps of an ArcadeDB plan text, with rows where it prints them."""
    steps = []
    for line in plan.splitlines():
        match = _STEP.match(line)
        if match:
            rows = match.group("rows")
            steps.append(Step(match.group("text").strip(), int(rows.replace(",", "")) if rows else None))
    return tuple(steps)


def neo4j_steps(tree: Mapping[str, Any]) -> tuple[tuple[Step, ...], int]:
    """The operators of a Neo4j profile tree, first to last, and the sum of their db hits."""
    steps: list[Step] = []
    hits = 0

    def walk(node: Mapping[str, Any]) -> None:
        nonlocal hits
        for child in node.get("children") or []:
            walk(child)
        details = (node.get("args") or {}).get("Details", "")
        steps.append(Step(f"{node.get('operatorType', '?')} {details}".strip(), int(node.get("rows") or 0)))
        hits += int(node.get("dbHits") or 0)

    walk(tree)
    return tuple(steps), hits


def profile(gateway: Gateway, text: str, params: Mapping[str, Any] | None = None, *,
            settings: Settings | None = None, timeout: float | None = None) -> Profile:
    """Run ``text`` once under PROFILE and say what it cost. On the embedded store, pass its ``settings`` to read
    the database's counters around the run (only meaningful when nothing else uses that database meanwhile)."""
    counting = settings is not None and gateway.backend == "arcadedb"
    before = embedded.database_stats(settings, gateway.database) if counting and settings else {}
    rows, tree = gateway.profile(text, params, timeout=timeout)
    after = embedded.database_stats(settings, gateway.database) if counting and settings else {}
    plan = str((tree.get("args") or {}).get("string-representation", ""))
    if gateway.backend == "arcadedb":
        cost = {name: after.get(name, 0) - before.get(name, 0) for name in COUNTERS} if counting else {}
        return Profile(rows, plan, arcadedb_steps(plan), cost)
    steps, hits = neo4j_steps(tree)
    return Profile(rows, plan or "\n".join(step.text for step in steps), steps, {"dbHits": hits})
