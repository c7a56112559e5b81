"""The review queue: company pairs the conservative resolver kept apart that an investigator should look at.

A candidate pair has a close name (rapidfuzz, as resolution uses), or shares an identifier or an officer's
name. It is ranked by how much points at one firm (name similarity, shared identifiers, same officers, the
same legal form) and carries the reasons in words. Accepting a pair is an ordinary merge decision
(:func:`workbench.commands.ingest.merge_entities`); rejecting it records a ``distinct`` ResolutionDecision
through the same statement, so it leaves the queue and is kept on every later ingest, as merges and splits are.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from workbench import normalize as nz
from workbench.errors import InputError
from workbench.ingest.decisions import entity, merge_entities
from workbench.ingest.resolve import HUB_SIZE, legal_form_of, name_similarity
from workbench.store import queries
from workbench.store.gateway import Gateway

#: Least name similarity (0-100) for a pair with nothing else in common to enter the queue.
MIN_SIMILARITY = 85
#: Least name similarity for a pair that shares an identifier or an officer's name.
MIN_SIMILARITY_WITH_EVIDENCE = 60
#: A name word carried by more companies than this is too common to propose pairs by itself.
MAX_BLOCK = 60
DISTINCT = "distinct"


@dataclass(frozen=True)
class Candidate:
    """Two companies that may be one firm, with the evidence for and against, in words."""

    a: str
    b: str
    a_name: str
    b_name: str
    country: str | None
    score: float
    similarity: float
    shared_identifiers: tuple[str, ...] = ()
    shared_officers: tuple[str, ...] = ()
    forms: tuple[str | None, str | None] = (None, None)
    reasons: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "aName": self.a_name, "bName": self.b_name, "country": self.country,
                "score": self.score, "similarity": self.similarity,
                "sharedIdentifiers": list(self.shared_identifiers), "sharedOfficers": list(self.shared_officers),
                "legalForms": list(self.forms), "reasons": list(self.reasons)}


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _form(row: Mapping[str, Any]) -> str | None:
    forms = {f for f in (legal_form_of(n) for n in (row.get("names") or [row.get("name") or ""])) if f}
    return sorted(forms)[0] if len(forms) == 1 else None


def candidate_pairs(companies: Iterable[Mapping[str, Any]], decided: Iterable[tuple[str, str]] = (),
                    limit: int | None = None) -> list[Candidate]:
    """Rank the pairs of ``companies`` (rows of review_companies) that may be one firm, best first.

    Pairs in ``decided`` (already rejected) are left out; so are pairs in different countries.
    """
    rows = {r["key"]: r for r in companies}
    done = {_pair(a, b) for a, b in decided}
    blocks: dict[tuple[str, str], list[str]] = {}
    for key, row in rows.items():
        words = {w for nk in (row.get("nameKeys") or []) for w in nk.split() if len(w) > 2}
        for word in words:
            blocks.setdefault((row.get("country") or "", f"w:{word}"), []).append(key)
        for ident in row.get("identifiers") or []:
            blocks.setdefault((row.get("country") or "", f"i:{ident}"), []).append(key)
        for nks in row.get("officerNameKeys") or []:
            for nk in nks or []:
                blocks.setdefault((row.get("country") or "", f"o:{nk}"), []).append(key)
    # Identifiers and officer names many firms give (a business centre, a company secretary) are hubs: named in the
    # reasons, never counted as evidence.
    held = Counter(i for row in rows.values() for i in set(row.get("identifiers") or []))
    officer_firms = Counter(nk for row in rows.values()
                            for nk in {nk for nks in row.get("officerNameKeys") or [] for nk in nks or []})
    pairs: set[tuple[str, str]] = set()
    for (_, kind), members in blocks.items():
        if len(members) < 2 or (kind.startswith("w:") and len(members) > MAX_BLOCK):
            continue
        members = sorted(set(members))[: MAX_BLOCK * 4]
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                pairs.add((a, b))
    out: list[Candidate] = []
    for a, b in sorted(pairs - done):
        ra, rb = rows[a], rows[b]
        similarity = max((name_similarity(x, y) for x in ra.get("nameKeys") or [] for y in rb.get("nameKeys") or []),
                         default=0.0)
        shared_ids = sorted(set(ra.get("identifiers") or []) & set(rb.get("identifiers") or []))
        officers_a = {nk for nks in ra.get("officerNameKeys") or [] for nk in nks or []}
        officers_b = {nk for nks in rb.get("officerNameKeys") or [] for nk in nks or []}
        shared_officers = sorted(officers_a & officers_b)
        hubs = [i for i in shared_ids if held[i] > HUB_SIZE] + [o for o in shared_officers if officer_firms[o] > HUB_SIZE]
        shared_ids = [i for i in shared_ids if held[i] <= HUB_SIZE]
        shared_officers = [o for o in shared_officers if officer_firms[o] <= HUB_SIZE]
        evidence = bool(shared_ids or shared_officers)
        if similarity < (MIN_SIMILARITY_WITH_EVIDENCE if evidence else MIN_SIMILARITY):
            continue
        fa, fb = _form(ra), _form(rb)
        reasons = [f"names {similarity:.0f}/100 alike"]
        if shared_ids:
            reasons.append("shared " + ", ".join(i.replace(":", " ", 1) for i in shared_ids[:3]))
        if shared_officers:
            reasons.append("officers of the same name: " + ", ".join(shared_officers[:3]))
        if hubs:
            reasons.append("also shared with many other firms (not counted): "
                           + ", ".join(h.replace(":", " ", 1) for h in hubs[:2]))
        if fa and fb and fa != fb:
            reasons.append(f"different legal forms ({fa} / {fb})" if not nz.legal_forms_compatible(fa, fb)
                           else f"legal forms {fa} / {fb} may be one firm")
        strong = [i for i in shared_ids if not i.startswith("address:")]
        score = (similarity / 100.0) * 0.5 + (0.3 if strong else 0.15 if shared_ids else 0.0) \
            + (0.15 if shared_officers else 0.0) + (0.05 if nz.legal_forms_compatible(fa, fb) else -0.1)
        out.append(Candidate(a, b, ra.get("name") or a, rb.get("name") or b, ra.get("country"),
                             round(max(score, 0.0), 3), round(similarity, 1), tuple(shared_ids),
                             tuple(shared_officers), (fa, fb), tuple(reasons)))
    out.sort(key=lambda c: (-c.score, c.a, c.b))
    return out[:limit] if limit else out


def rejected_pairs(gateway: Gateway) -> list[tuple[str, str]]:
    """The pairs investigators said are two firms (``distinct`` decisions)."""
    rows = queries.run(gateway, "ingest_decisions", row_cap=10**9, timeout=600).raise_for_status().data()
    return [(r["target"], s) for r in rows if r["kind"] == DISTINCT for s in (r["sources"] or [])]


def load_candidates(gateway: Gateway, limit: int | None = 100) -> list[Candidate]:
    """The review queue of the store's companies, best first."""
    rows = queries.run(gateway, "review_companies", row_cap=10**9, timeout=600).raise_for_status().data()
    return candidate_pairs(rows, rejected_pairs(gateway), limit)


def accept(gateway: Gateway, a: str, b: str, *, reason: str = "", user: str = "cli") -> None:
    """Merge ``b`` into ``a``: the ordinary merge decision, applied again on every ingest."""
    merge_entities(gateway, a, [b], reason=reason or "accepted from the review queue", user=user)


def reject(gateway: Gateway, a: str, b: str, *, reason: str = "", user: str = "cli") -> str:
    """Record that ``a`` and ``b`` are two firms; the pair leaves the queue and ingest never merges them."""
    if a == b:
        raise InputError("A pair needs two different entities.")
    first, second = entity(gateway, a), entity(gateway, b)
    if first["label"] != second["label"]:
        raise InputError(f"{a} is a {first['label']} and {b} a {second['label']}; there is nothing to decide.")
    x, y = _pair(a, b)
    key = "decision:distinct:" + hashlib.sha256(f"{x}|{y}".encode()).hexdigest()[:16]
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    queries.run(gateway, "entity_record_decision", {
        "key": key, "kind": DISTINCT, "label": first["label"], "target": x, "sources": [y], "names": [],
        "reason": reason or "rejected from the review queue", "user": user, "now": now}).raise_for_status()
    return key
