"""The briefing's statements and two detectors stay index-bound: every key lookup names its label and every
pattern comprehension starts from a node the statement has already bound (issue 15: a comprehension written from
an unbound node walked the whole store, 21 s of a 26 s briefing)."""

from __future__ import annotations

import re

import pytest

from workbench.model.graph import load_model
from workbench.store.catalogue import load_catalogue

BRIEFING = [q for q in load_catalogue() if q.id.startswith("briefing_")]
CHECKED = BRIEFING + [load_catalogue()[qid] for qid in ("goods_mismatch_seizure", "company_shopping")]
LOOKUP = re.compile(r"UNWIND \$keys AS k MATCH \((\w+):(\w+) \{key: k\}\)")


def test_union_lookups_cover_every_label_of_the_model() -> None:
    # Every label a briefing could be given a key of: StoreCounts is the overview's record of the store, no entity.
    expected = {label.name for label in load_model().constrained} - {"StoreCounts"}
    unions = [q for q in BRIEFING if len(LOOKUP.findall(q.text)) > 1]
    assert {q.id for q in unions} >= {"briefing_nodes", "briefing_links", "briefing_neighbourhood",
                                      "briefing_provenance"}
    for query in unions:
        assert {label for _, label in LOOKUP.findall(query.text)} == expected, query.id


@pytest.mark.parametrize("query", CHECKED, ids=lambda q: q.id)
def test_no_unlabelled_key_lookup(query) -> None:  # type: ignore[no-untyped-def]
    assert not re.search(r"MATCH \(\w+\)\s*WHERE \w+\.key", query.text), query.id


def _outside_comprehensions(text: str) -> str:
    out, depth, i = [], 0, 0
    while i < len(text):
        if text.startswith("[(", i) and depth == 0:
            depth = 1
            i += 1
            continue
        if depth:
            depth += {"[": 1, "]": -1}.get(text[i], 0)
        else:
            out.append(text[i])
        i += 1
    return "".join(out)


@pytest.mark.parametrize("query", CHECKED, ids=lambda q: q.id)
def test_pattern_comprehensions_start_from_a_bound_node(query) -> None:  # type: ignore[no-untyped-def]
    for match in re.finditer(r"\[\((\w+)(?::\w+)?\)", query.text):
        name = match.group(1)
        # Bound means named outside any other comprehension (a comprehension's variables are its own).
        before = _outside_comprehensions(query.text[: match.start()])
        assert re.search(rf"\({name}[:\s{{)]", before), f"{query.id}: [({name})... starts from an unbound node"
