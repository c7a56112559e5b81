"""An investigator's manual merge and split of resolved entities, applied now and recorded for every later ingest.

A merge moves every relationship of the merged-away entity to the kept one and folds its names and provenance
into it; a split gives some source spellings an entity of their own and moves the relationships written under
those spellings. Which relationship types move is read from the graph model (every type that leaves or reaches a
`resolved` label), so a type added to the model is moved without a change here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from workbench.errors import InputError
from workbench.ingest.resolve import company_key_of, person_key_of
from workbench.model.graph import load_model
from workbench.store import queries
from workbench.store.gateway import Gateway

_MODEL = load_model()
#: Labels whose entities can be merged and split (the model's `resolved` labels), with their listing query.
ENTITY_LABELS = {label: f"entities_{_MODEL.label(label).snake}" for label in _MODEL.resolved_labels}
SPLIT_QUERY = {label: f"entity_split_{_MODEL.label(label).snake}" for label in _MODEL.resolved_labels}
#: The statements that move relationships from one entity to another, one per type and direction.
MOVES = ([f"entity_move_out_{rtype.lower()}" for rtype in _MODEL.moves("out")]
         + [f"entity_move_in_{rtype.lower()}" for rtype in _MODEL.moves("in")])
_KEYERS = {"Company": company_key_of, "Person": person_key_of}


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def entity(gateway: Gateway, key: str) -> dict[str, Any]:
    """The stored entity ``key`` with its resolved ``label``; an unknown key or another kind of node is refused."""
    rows = queries.run(gateway, "entity_get", {"key": key}).raise_for_status().data()
    if not rows:
        raise InputError(f"There is no entity {key!r}; `workbench entities list` shows the keys.")
    labels = [label for label in rows[0]["labels"] if label in ENTITY_LABELS]
    if not labels:
        raise InputError(f"{key!r} is not a company or a person; only those can be merged or split.")
    return {**rows[0], "label": labels[0]}


def move_relationships(gateway: Gateway, source: str, target: str, names: list[str] | None) -> None:
    """Move the relationships of ``source`` (only those written under ``names``, if given) to ``target``."""
    with gateway.transaction() as tx:
        for qid in MOVES:
            queries.run_in(tx, qid, {"source": source, "target": target, "names": names})


def merge_entities(gateway: Gateway, target: str, sources: list[str], *, reason: str = "", user: str = "cli") -> None:
    """Merge ``sources`` into ``target`` now, and record the decision so every later ingest applies it."""
    kept = entity(gateway, target)
    for source in sources:
        if source == target:
            raise InputError("An entity cannot be merged into itself.")
        other = entity(gateway, source)
        if other["label"] != kept["label"]:
            raise InputError(f"{source} is a {other['label']} and {target} a {kept['label']}; they cannot merge.")
    now = _now()
    digest = hashlib.sha256(f"merge|{target}|{'|'.join(sources)}|{now}".encode()).hexdigest()[:16]
    queries.run(gateway, "entity_record_decision", {
        "key": f"decision:{digest}", "kind": "merge", "label": kept["label"], "target": target, "sources": sources,
        "names": [], "reason": reason or "merged by an investigator", "user": user, "now": now})
    for source in sources:
        was_broker = entity(gateway, source)["isBroker"]
        move_relationships(gateway, source, target, None)
        queries.run(gateway, "entity_merge_nodes", {"source": source, "target": target,
                                                    "reason": f"merged by {user} with {source}: {reason}".strip(": ")})
        if was_broker:
            queries.run(gateway, "ingest_mark_broker", {"keys": [target]})


def split_entity(gateway: Gateway, source: str, names: list[str], *, reason: str = "", user: str = "cli") -> str:
    """Move the given source spellings of an entity to a new entity; returns the new key."""
    found = entity(gateway, source)
    spellings: list[str] = list(found.get("names") or [])
    unknown = [n for n in names if n not in spellings]
    if unknown:
        raise InputError(f"{source} has no spelling {', '.join(map(repr, unknown))}; its spellings are: "
                         f"{', '.join(map(repr, spellings))}.")
    if set(names) >= set(spellings):
        raise InputError("A split must leave at least one spelling with the original entity.")
    keyer = _KEYERS.get(found["label"], person_key_of)
    target = f"{source}:split-" + hashlib.sha256("|".join(sorted(names)).encode()).hexdigest()[:8]
    now = _now()
    queries.run(gateway, "entity_record_decision", {
        "key": f"decision:split:{target}", "kind": "split", "label": found["label"], "target": target,
        "sources": [source], "names": names, "reason": reason or "split by an investigator", "user": user,
        "now": now})
    queries.run(gateway, SPLIT_QUERY[found["label"]], {
        "source": source, "target": target, "names": names, "nameKeys": sorted({keyer(n) for n in names}),
        "reason": f"split by {user}: {reason}".strip(": "), "now": now})
    move_relationships(gateway, source, target, names)
    return target
