"""The briefing's types: what a briefing says, in one language, ready for any renderer.

Renderers (PDF, PowerPoint, Markdown) and pictures read only a :class:`Briefing`, never the database, so whatever
:mod:`workbench.briefing.withhold` removes from it cannot reach a file. The records it holds (entities, links,
shipments, ...) are the subgraph's own (:mod:`workbench.cases.subgraph`); :mod:`workbench.briefing.model` gathers
and writes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.cases.subgraph import (Entity, Link, NotificationRow, Party, ProvenanceRow, SeizureRow, ShipmentRow,
                                      Source, Stop)

DEFAULT_MARKING = "RESTRICTED"


@dataclass
class Finding:
    category: str
    severity: str
    title: str
    explanation: str
    evidence: list[str] = field(default_factory=list)


@dataclass
class Event:
    date: str
    kind: str
    text: str


@dataclass
class Briefing:
    """Everything a briefing shows, in one language, ready for any renderer."""

    lang: str
    title: str
    source_line: str
    author: str
    marking: str
    created: str
    entities: list[Entity] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    shipments: list[ShipmentRow] = field(default_factory=list)
    seizures: list[SeizureRow] = field(default_factory=list)
    notifications: list[NotificationRow] = field(default_factory=list)
    provenance: list[ProvenanceRow] = field(default_factory=list)
    notes: str = ""
    findings: list[Finding] = field(default_factory=list)
    timeline: list[Event] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    withheld: list[str] = field(default_factory=list)
    truncated: bool = False
    slug: str = "briefing"

    @property
    def sharing(self) -> bool:
        return bool(self.withheld)

    def entity(self, key: str) -> Entity | None:
        return self._index().get(key)

    def _index(self) -> dict[str, Entity]:
        return {e.key: e for e in self.entities}

    def by_kind(self, *kinds: str) -> list[Entity]:
        return [e for e in self.entities if e.kind in kinds]


__all__ = ["Briefing", "DEFAULT_MARKING", "Entity", "Event", "Finding", "Link", "NotificationRow", "Party",
           "ProvenanceRow", "SeizureRow", "ShipmentRow", "Source", "Stop"]
