"""Exploration leaves context nodes (countries, ports, chemicals, runs) out unless asked (issue 11, item 1),
the timeline keeps a firm's seizures (item 3), typed names resolve to entities (item 7), trade links collapse
shipments per firm pair, and every app and saved statement looks keys up with a label (issue 15)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.app.test_app_pages import seed_scenario
from workbench.analysis import explore
from workbench.model.graph import load_model
from workbench.store import queries
from workbench.store.catalogue import CYPHER_DIR, load_catalogue
from workbench.store.gateway import Gateway

#: A hub country shared by the story's firms and by a bystander firm with no trade with them.
HUB = """
CREATE (mx:Country {key: 'country:MX', code: 'MX', name: 'Mexico'})
CREATE (by:Company {key: 'company:bystander', name: 'Bystander Foods', country: 'MX', incorporationDate: '2019-01-01', searchText: 'bystander foods'})
WITH mx, by
MATCH (qa:Company {key: 'company:quimica-andina'}), (hd:Company {key: 'company:huadong-chem'})
CREATE (qa)-[:REGISTERED_IN]->(mx), (hd)-[:REGISTERED_IN]->(mx), (by)-[:REGISTERED_IN]->(mx)
"""


@pytest.fixture
def story(gateway: Gateway) -> Gateway:
    seed_scenario(gateway)
    gateway.write(HUB)
    return gateway


def test_expand_leaves_context_out_and_shows_it_as_attributes(story: Gateway) -> None:
    graph = explore.expand(story, ["company:quimica-andina"], depth=2)
    assert "country:MX" not in graph.nodes and "company:bystander" not in graph.nodes
    assert not any(n["label"] in load_model().context_labels for n in graph.nodes.values())
    assert "shipment:bl-002" in graph.nodes
    assert set(graph.nodes["shipment:bl-002"]["context"]["Port"]) == {"Shanghai", "Busan", "Manzanillo"}
    assert graph.nodes["shipment:bl-002"]["context"]["Chemical"] == ["Methylamine"]
    start = explore.nodes_by_key(story, ["company:quimica-andina"])
    assert start.nodes["company:quimica-andina"]["context"]["Country"] == ["Mexico"]


def test_expand_brings_context_in_when_asked(story: Gateway) -> None:
    graph = explore.expand(story, ["company:quimica-andina"], depth=2, include_context=True)
    assert "country:MX" in graph.nodes and "company:bystander" in graph.nodes


def test_shortest_path_between_firms_avoids_countries(story: Gateway) -> None:
    story.write("MATCH (by:Company {key: 'company:bystander'}), (hd:Company {key: 'company:huadong-chem'}) "
                "CREATE (by)-[:SHIPPED]->(s:Shipment {key: 'shipment:by-1', billOfLading: 'BY1'}), "
                "(s)-[:CONSIGNED_TO]->(m:Company {key: 'company:middle', name: 'Middle'}), "
                "(m)-[:SHIPPED]->(t:Shipment {key: 'shipment:by-2', billOfLading: 'BY2'}), (t)-[:CONSIGNED_TO]->(hd)")
    paths = explore.shortest_paths(story, "company:bystander", "company:huadong-chem", max_hops=6)
    assert "country:MX" not in paths.nodes
    assert {"company:middle", "shipment:by-1", "shipment:by-2"} <= set(paths.nodes)
    direct = explore.shortest_paths(story, "company:bystander", "company:huadong-chem", max_hops=6,
                                    include_context=True)
    assert set(direct.nodes) == {"company:bystander", "country:MX", "company:huadong-chem"}


def test_saved_queries_leave_context_out(story: Gateway) -> None:
    rows = queries.run(story, "entity_neighbourhood", {"key": "company:quimica-andina", "depth": 2}).records
    assert rows and not {"country:MX", "company:bystander"} & {r["neighbour"] for r in rows}
    rows = queries.run(story, "entity_neighbourhood", {"key": "company:quimica-andina", "depth": 2,
                                                       "contextLabels": []}).records
    assert "company:bystander" in {r["neighbour"] for r in rows}
    rows = queries.run(story, "shortest_paths", {"fromKey": "company:quimica-andina",
                                                 "toKey": "company:bystander"}).records
    assert rows == []
    rows = queries.run(story, "shortest_paths", {"fromKey": "company:quimica-andina", "toKey": "company:bystander",
                                                 "includeContext": True}).records
    assert rows and rows[0]["keys"] == ["company:quimica-andina", "country:MX", "company:bystander"]
    # the listing runs only when a first shortest path is within maxHops; a longer one gives nothing, at once
    assert queries.run(story, "shortest_paths", {"fromKey": "company:quimica-andina", "toKey": "company:bystander",
                                                 "includeContext": True, "maxHops": 1}).records == []
    within = queries.run(story, "shortest_paths", {"fromKey": "company:quimica-andina", "toKey": "company:bystander",
                                                   "includeContext": True, "maxHops": 2}).records
    assert [r["keys"] for r in within] == [r["keys"] for r in rows]


def test_saved_shortest_paths_stop_at_the_limit_among_many_equal_paths(gateway: Gateway) -> None:
    """Two firms trading through a middle firm over 30 shipments each way: 900 shortest paths of four hops. The
    listing stops at ``limit`` (at 100k manifests a pair with four million such paths listed them all first and
    timed out); every path it gives is a shortest one, each once, in both modes."""
    gateway.write("CREATE (:Company {key: 'company:pa', name: 'PA'}), (:Company {key: 'company:pm', name: 'PM'}), "
                  "(:Company {key: 'company:pb', name: 'PB'})")
    gateway.write("MATCH (a:Company {key: 'company:pa'}), (m:Company {key: 'company:pm'}), "
                  "(b:Company {key: 'company:pb'}) UNWIND range(1, 30) AS i "
                  "CREATE (a)-[:SHIPPED]->(:Shipment {key: 'shipment:pa-' + toString(i)})-[:CONSIGNED_TO]->(m), "
                  "(m)-[:SHIPPED]->(:Shipment {key: 'shipment:pb-' + toString(i)})-[:CONSIGNED_TO]->(b)")
    for context in (False, True):
        rows = queries.run(gateway, "shortest_paths", {"fromKey": "company:pa", "toKey": "company:pb", "maxHops": 4,
                                                       "limit": 7, "includeContext": context}).raise_for_status().data()
        assert len(rows) == 7 and {row["hops"] for row in rows} == {4}
        assert len({tuple(row["keys"]) for row in rows}) == 7
        assert all(row["keys"][0] == "company:pa" and row["keys"][2] == "company:pm" for row in rows)


def test_saved_neighbourhood_context_default_is_the_model() -> None:
    query = load_catalogue()["entity_neighbourhood"]
    default = next(p.default for p in query.parameters if p.name == "contextLabels")
    assert sorted(default) == load_model().context_labels


def test_path_statements_follow_exactly_the_subject_relationships() -> None:
    model = load_model()
    context = set(model.context_labels)
    subject = {name for name, rel in model.relationships.items()
               if not (set(rel.sources) & context or set(rel.targets) & context)}
    for qid in ("app_shortest_paths", "shortest_paths"):
        text = load_catalogue()[qid].text
        restricted = re.findall(r"[sS]hortestPaths?\(\(a\)-\[:([A-Z_|]+)\*", text)
        assert restricted, qid
        for types in restricted:  # the saved query's first search and its listing alike
            assert set(types.split("|")) == subject, qid


def test_timeline_keeps_only_the_firms_own_events_and_its_seizures(story: Gateway) -> None:
    events = explore.timeline(story, ["company:quimica-andina"]).events
    keys = {e["key"] for e in events}
    assert "seizure:z-1" in keys and "shipment:bl-002" in keys and "notification:pen-1" in keys
    assert "company:bystander" not in keys  # no incorporation of a firm reached through the country


def test_timeline_cap_keeps_seizures_and_says_so(story: Gateway) -> None:
    story.write("MATCH (qa:Company {key: 'company:quimica-andina'}) UNWIND range(1, 30) AS i "
                "CREATE (s:Shipment {key: 'shipment:many-' + toString(i), billOfLading: 'M' + toString(i), "
                "declarationDate: '2024-01-' + right('0' + toString(i), 2)})-[:CONSIGNED_TO]->(qa)")
    line = explore.timeline(story, ["company:quimica-andina"], cap=10)
    assert line.capped and len(line.events) == 10
    assert "seizure:z-1" in {e["key"] for e in line.events}
    narrowed = explore.timeline(story, ["company:quimica-andina"], kinds=["seizure"], cap=10)
    assert not narrowed.capped and [e["key"] for e in narrowed.events] == ["seizure:z-1"]
    dated = explore.timeline(story, ["company:quimica-andina"], date_from="2023-01-01", date_to="2023-12-31", cap=10)
    assert not dated.capped and all(e["date"].startswith("2023") for e in dated.events)


@pytest.mark.parametrize(("typed", "labels", "key"), [
    ("Quimica Andna", None, "company:quimica-andina"),
    ("HDMU0002", None, "shipment:bl-002"),
    ("SZ-2023-17", ["Seizure"], "seizure:z-1"),
    ("methylamine", ["Chemical"], "chemical:75-59-2"),
    ("75-59-2", ["Chemical"], "chemical:75-59-2"),
    ("company:huadong-chem", None, "company:huadong-chem"),
])
def test_typed_text_resolves_to_an_entity(story: Gateway, typed: str, labels: list[str] | None, key: str) -> None:
    resolution = explore.resolve(story, typed, labels=labels)
    assert resolution.key == key, [c["key"] for c in resolution.candidates]


def test_unknown_text_resolves_to_nothing_with_no_guess(story: Gateway) -> None:
    resolution = explore.resolve(story, "zzzz qqqq")
    assert resolution.key is None and resolution.candidates == []


def test_trade_links_collapse_shipments_per_pair(story: Gateway) -> None:
    links = explore.trade_links(story, ["company:quimica-andina"])
    edge = links.edges[("company:huadong-chem", "company:quimica-andina", explore.TRADE)]
    assert edge["shipments"] == 2 and edge["seized"] == 1
    assert (edge["first"], edge["last"]) == ("2023-05-02", "2023-09-20")
    assert edge["chemicals"] == ["Methylamine"]
    shipments = explore.link_shipments(story, "company:huadong-chem", "company:quimica-andina")
    assert set(shipments.nodes) == {"shipment:bl-001", "shipment:bl-002"}


def test_date_range_covers_the_data(story: Gateway) -> None:
    low, high = explore.date_range(story) or (None, None)
    assert str(low) == "2019-01-01" and str(high) == "2023-10-01"


_UNLABELLED_KEY = re.compile(r"\(\s*\w*\s*\{\s*key\s*:")
_KEY_SCAN = re.compile(r"MATCH\s*\(\s*\w+\s*\)\s*WHERE\s+\w+\.key\s+IN", re.I)


@pytest.mark.parametrize("folder", ["app", "saved"])
def test_every_key_lookup_carries_a_label(folder: str) -> None:
    offenders = []
    for path in sorted((CYPHER_DIR / folder).glob("*.cypher")):
        body = load_catalogue()[path.stem].text
        if _UNLABELLED_KEY.search(body) or _KEY_SCAN.search(body):
            offenders.append(path.name)
    assert not offenders, f"key lookups without a label (they scan the store): {offenders}"


def test_misspelt_name_finds_the_firm_not_its_lookalike(gateway: Gateway) -> None:
    """On the demo data, "velmarr" is one letter from Velmar and two from Delmar, a legitimate look-alike."""
    from workbench.ingest import ingest_path

    ingest_path(gateway, Path(__file__).resolve().parents[2] / "workbench" / "demo" / "bundle", source="demo", skip_invalid=True)
    hits = explore.search(gateway, "distribuidora cosmetica velmarr")
    assert hits[0]["key"] == "company:mx:distribuidora-cosmetica-velmar", [h["key"] for h in hits]
    assert explore.resolve(gateway, "distribuidora cosmetica delmr").key == "company:mx:distribuidora-cosmetica-delmar"
    assert explore.search(gateway, "Comercializadora Tarvek")[0]["key"] == "company:mx:comercializadora-industrial-tarvek"
