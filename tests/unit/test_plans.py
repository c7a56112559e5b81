"""Reading the plans the stores return for PROFILE (workbench/store/plans.py)."""

from __future__ import annotations

from workbench.store.plans import Profile, Step, arcadedb_steps, neo4j_steps

# As ArcadeDB 26.10 returns it over Bolt in summary.profile["args"]["string-representation"].
ARCADEDB_SCAN = """OpenCypher Query Profile
========================

Execution Time: 38.774 ms
Rows Returned: 0

Execution Plan (Traditional):
+ MATCH NODE (n) [filter: n.key = 'company:x'] (20,439\u03bcs, 2,267 rows)
+ FILTER WHERE n.key = 'company:x' ()
+ PROJECT RETURN n ()
+ FINAL PROJECTION [n] ()
"""
ARCADEDB_SEEK = """OpenCypher Query Profile
========================

Execution Time: 0.341 ms
Rows Returned: 0

Execution Plan (Cost-Based Optimizer):
+ NodeIndexSeek(n:Company) [index=Company[key], key=company:x, filter: n.key = company:x, cost=5.00, rows=0]

Steps After the Optimized Match:
+ PROJECT RETURN n ()
+ FINAL PROJECTION [n] ()
"""


def test_arcadedb_steps_keep_their_rows_where_printed() -> None:
    steps = arcadedb_steps(ARCADEDB_SCAN)
    assert steps[0] == Step("MATCH NODE (n) [filter: n.key = 'company:x']", 2267)
    assert [s.rows for s in steps[1:]] == [None, None, None]
    assert Profile(0, ARCADEDB_SCAN, steps).index_seeks == 0


def test_an_arcadedb_index_seek_is_recognised() -> None:
    steps = arcadedb_steps(ARCADEDB_SEEK)
    assert steps[0].text.startswith("NodeIndexSeek(n:Company)")
    assert Profile(0, ARCADEDB_SEEK, steps).index_seeks == 1


def test_counters_say_records_read_and_full_scans() -> None:
    profile = Profile(1, "", (), {"readRecord": 2267, "iterateType": 17, "scanType": 0, "scanBucket": 0,
                                  "iterateBucket": 0})
    assert profile.records_read == 2267 and profile.full_scans == 17
    assert Profile(1, "", ()).records_read is None and Profile(1, "", ()).full_scans == 0


def test_a_neo4j_profile_tree_is_read_leaves_first_with_its_db_hits() -> None:
    tree = {"operatorType": "ProduceResults@neo4j", "rows": 1, "dbHits": 0, "args": {"Details": "n"},
            "children": [{"operatorType": "NodeUniqueIndexSeek@neo4j", "rows": 1, "dbHits": 2,
                          "args": {"Details": "UNIQUE n:Company(key) WHERE key = $key"}, "children": []}]}
    steps, hits = neo4j_steps(tree)
    assert [s.text.split()[0] for s in steps] == ["NodeUniqueIndexSeek@neo4j", "ProduceResults@neo4j"]
    assert hits == 2 and steps[0].rows == 1
    assert Profile(1, "", steps).index_seeks == 1


def test_what_later_chunks_add_to_a_stored_node_is_gathered_as_their_merges_would_write_it() -> None:
    """Three chunks name one stored firm: gathered, it is what three MERGEs one after the other would leave on top
    of the stored node: the first name, later properties over earlier ones, names, search text and files added in
    order, and source rows in order up to the label's cap."""
    from workbench.ingest.plan import NodeRow  # noqa: PLC0415
    from workbench.ingest.writer import Later  # noqa: PLC0415

    later = Later()
    rows = [NodeRow("company:a", None, {"phone": "1", "city": "Lyon"}, ["A SA"], ["a sa"], ["m.csv"],
                    ["m.csv#2", "m.csv#3"], cap=4),
            NodeRow("company:a", "A SA", {"phone": "2"}, ["A SA", "A S.A."], ["a sa", "a s a"], ["m.csv", "c.csv"],
                    ["m.csv#3", "c.csv#9"], cap=4),
            NodeRow("company:a", "Other", {"city": None}, ["A"], ["a"], ["p.csv"], ["p.csv#4", "p.csv#5"], cap=4)]
    for row in rows:
        later.add("Company", row)
    assert later.size == 1
    held = later.rows["Company"]["company:a"]
    assert held.name == "A SA"
    assert held.props == {"phone": "2", "city": None}  # a null removes the property, as `n += row.props` does
    assert held.names == ["A SA", "A S.A.", "A"]
    assert held.search == ["a sa", "a s a", "a"]
    assert held.files == ["m.csv", "c.csv", "p.csv"]
    assert held.refs == ["m.csv#2", "m.csv#3", "c.csv#9", "p.csv#4"]  # the cap, in order
    assert rows[0].refs == ["m.csv#2", "m.csv#3"] and rows[0].names == ["A SA"]  # the chunks' own rows untouched
