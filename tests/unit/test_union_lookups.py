"""A statement that looks a key up label by label (so every lookup uses an index) names every label of the model.

A label left out of such a union silently drops its nodes from the view, path or briefing that uses it: a new
label (Payment, Inspection) must be added to every union, and this test says which statement forgot it.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from workbench.model.graph import load_model
from workbench.store.catalogue import load_catalogue

LOOKUP = re.compile(r"UNWIND (\$\w+|\[\$\w+\]) AS k MATCH \((\w+):(\w+) \{key: k\}\)")
#: The overview's record of the store is no entity a user can be given the key of.
NOT_ENTITIES = {"StoreCounts"}


def _unions() -> list[tuple[str, str, set[str]]]:
    found = []
    for query in load_catalogue():
        groups: dict[tuple[str, str], set[str]] = defaultdict(set)
        for source, var, label in LOOKUP.findall(query.text):
            groups[(source, var)].add(label)
        found += [(query.id, f"{source} {var}", labels) for (source, var), labels in groups.items() if len(labels) > 3]
    return found


UNIONS = _unions()


def test_the_union_lookups_are_found() -> None:
    ids = {qid for qid, _, _ in UNIONS}
    assert {"app_expand", "app_nodes", "app_node_details", "app_shortest_paths", "shortest_paths",
            "entity_neighbourhood", "briefing_nodes"} <= ids


@pytest.mark.parametrize("union", UNIONS, ids=lambda u: f"{u[0]}:{u[1]}")
def test_every_union_lookup_names_every_label(union: tuple[str, str, set[str]]) -> None:
    expected = {label.name for label in load_model().constrained} - NOT_ENTITIES
    qid, where, labels = union
    assert labels == expected, f"{qid} ({where}) misses {sorted(expected - labels)}"


def test_every_entity_label_has_a_colour_and_shape() -> None:
    from workbench.app.graphview import load_style  # noqa: PLC0415

    style = load_style()
    missing = set(load_model().labels) - NOT_ENTITIES - {"ResolutionDecision"} - set(style)
    assert not missing, f"labels drawn grey and round in the network view and briefings: {sorted(missing)}"
