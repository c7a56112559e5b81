"""The store statements generated from the model: every (type, from, to) expanded, linted and run for real, and a
relationship type added to a copy of the model is one edit of graph.yaml."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from workbench.ingest import writer
from workbench.model.graph import MODEL_PATH, GraphModel, load_model
from workbench.store.catalogue import CYPHER_DIR, Catalogue, load_catalogue
from workbench.store.gateway import Gateway
from workbench.store.lint import lint_queries, linter_available

NOW = "2024-01-01T00:00:00+00:00"
needs_linter = pytest.mark.skipif(not linter_available() and os.environ.get("CI") != "true",
                                  reason="Cypher linter not installed: run `npm ci --prefix tools/cypher-lint`")


def _run(gateway: Gateway, catalogue: Catalogue, qid: str, params: dict[str, Any]) -> list[Any]:
    query = catalogue[qid]
    with gateway.transaction() as tx:
        return tx.run(query.text, query.bind(params))


def _node(key: str, name: str) -> dict[str, Any]:
    return {"key": key, "name": name, "props": {}, "names": [name], "searchText": name.lower(),
            "sourceFiles": ["f.csv"], "sourceRows": ["f.csv#2"]}


def _rel(a: str, b: str, refs: list[str]) -> dict[str, Any]:
    return {"from": a, "to": b, "props": {}, "asNames": ["Spelling"], "sourceFiles": ["f.csv"], "sourceRows": refs}


def _write_every_link(gateway: Gateway, model: GraphModel, catalogue: Catalogue) -> dict[str, int]:
    """Create both ends of every (type, from, to) with the generated node statements, then write the relationship
    once by CREATE and once by MERGE; returns the stored count per statement id."""
    written: dict[str, int] = {}
    for link in model.links:
        a, b = model.labels[link.source], model.labels[link.target]
        tag = f"{link.type.lower()}-{a.snake}-{b.snake}"
        keys = (f"{a.snake}:{tag}:a", f"{b.snake}:{tag}:b")
        for label, key in ((a, keys[0]), (b, keys[1])):
            qid = f"ingest_new_{label.snake}" if f"ingest_new_{label.snake}" in catalogue else None
            if qid is None:  # a label ingest does not write (IngestRun, Inspection): its own statement makes it
                gateway.write(f"MERGE (n:{label.name} {{key: $key}})", {"key": key})
            else:
                _run(gateway, catalogue, qid, {"rows": [_node(key, "Example")], "now": NOW, "run": "run:t"})
        base = f"ingest_rel_{link.type.lower()}_{a.snake}_{b.snake}"
        new = [_rel(*keys, ["f.csv#2"])]
        end = model.grouped_end(link.source, link.target)  # a record's link to a shared node: grouped by that node
        _run(gateway, catalogue, f"{base}_new",
             {**({"rows": new} if end is None else {"groups": writer.by_end(new, end)}), "now": NOW, "run": "run:t"})
        _run(gateway, catalogue, base, {"rows": [_rel(*keys, ["f.csv#3"])], "now": NOW, "run": "run:t2"})
        rows = gateway.read(f"MATCH (:{a.name} {{key: $a}})-[r:{link.type}]->(:{b.name} {{key: $b}}) "
                            "RETURN r.sourceRows AS refs, r.ingestRuns AS runs, r.asNames AS names",
                            {"a": keys[0], "b": keys[1]}).raise_for_status().data()
        assert len(rows) == 1, f"{base}: {len(rows)} relationships stored"
        assert rows[0]["refs"] == ["f.csv#2", "f.csv#3"] and rows[0]["runs"] == ["run:t", "run:t2"], base
        assert (rows[0]["names"] == ["Spelling"]) == model.carries_names(link.type), base
        written[base] = len(rows)
    return written


def test_every_link_of_the_model_is_written_by_its_generated_statements(gateway: Gateway) -> None:
    model = load_model()
    written = _write_every_link(gateway, model, load_catalogue())
    # 34, and PAID and PAID_TO from Company and Person, INGESTED_BY of Payment, INSPECTED
    assert len(written) == len(model.links) == 40


def test_relationship_provenance_is_capped_by_the_model(gateway: Gateway) -> None:
    """A company's REGISTERED_IN is met on every row naming it: its sourceRows stop at the model's cap."""
    model, catalogue = load_model(), load_catalogue()
    cap = model.relationship_source_rows_cap
    for label, key in (("company", "company:cn:hub"), ("country", "country:CN")):
        _run(gateway, catalogue, f"ingest_new_{label}", {"rows": [_node(key, "Hub")], "now": NOW, "run": "run:t"})
    refs = [f"m.csv#{i}" for i in range(cap + 500)]
    _run(gateway, catalogue, "ingest_rel_registered_in_company_country_new",
         {"rows": [_rel("company:cn:hub", "country:CN", refs[:cap + 200])], "now": NOW, "run": "run:t"})
    _run(gateway, catalogue, "ingest_rel_registered_in_company_country",
         {"rows": [_rel("company:cn:hub", "country:CN", refs[cap:])], "now": NOW, "run": "run:t2"})
    stored = gateway.read("MATCH (:Company)-[r:REGISTERED_IN]->(:Country) RETURN r.sourceRows AS refs"
                          ).raise_for_status().data()
    assert stored[0]["refs"] == refs[:cap]


def test_node_provenance_fills_to_the_cap_and_stays_there(gateway: Gateway) -> None:
    """A firm named on more rows than its cap keeps the first ones, chunk after chunk: below the cap each new row is
    added once; at the cap the stored list is left as it is."""
    model, catalogue = load_model(), load_catalogue()
    cap = model.cap("Company")
    refs = [f"m.csv#{i}" for i in range(cap + 300)]
    chunks = [refs[:cap - 100], refs[cap - 150:cap + 50], refs[cap + 50:]]  # the second overlaps the first
    _run(gateway, catalogue, "ingest_new_company",
         {"rows": [{**_node("company:cn:busy", "Busy"), "sourceRows": chunks[0]}], "now": NOW, "run": "run:t"})
    for chunk in chunks[1:]:
        _run(gateway, catalogue, "ingest_node_company",
             {"rows": [{**_node("company:cn:busy", "Busy"), "sourceRows": chunk}], "now": NOW, "run": "run:t"})
    stored = gateway.read("MATCH (c:Company {key: 'company:cn:busy'}) RETURN c.sourceRows AS refs"
                          ).raise_for_status().data()
    assert stored[0]["refs"] == refs[:cap]


def _model_with_owns(tmp_path: Path) -> GraphModel:
    """A copy of the model with one relationship type more: the only edit a new type needs."""
    data = yaml.safe_load(MODEL_PATH.read_text(encoding="utf-8"))
    data["relationships"]["OWNS"] = {"from": ["Company", "Person"], "to": ["Company"],
                                     "description": "a shareholder of a company"}
    path = tmp_path / "graph.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return load_model(path)


def test_a_relationship_type_added_to_the_model_is_one_edit(tmp_path: Path, gateway: Gateway) -> None:
    model = _model_with_owns(tmp_path)
    catalogue = load_catalogue(CYPHER_DIR, model)
    new_ids = {q.id for q in catalogue} - {q.id for q in load_catalogue()}
    assert new_ids == {"ingest_rel_owns_company_company", "ingest_rel_owns_company_company_new",
                       "ingest_rel_owns_person_company", "ingest_rel_owns_person_company_new",
                       "entity_move_out_owns", "entity_move_in_owns",
                       "count_owns_out_company", "count_owns_out_person", "count_owns_in_company"}
    assert "OWNS" in model.moves("out") and "OWNS" in model.moves("in") and model.carries_names("OWNS")
    # written and stored like every other type
    _write_every_link(gateway, model, catalogue)
    # and a merge moves it: the shareholder of the merged-away company now owns the kept one
    _run(gateway, catalogue, "ingest_new_company", {"rows": [_node("company:kept", "Kept")], "now": NOW,
                                                    "run": "run:t"})
    with gateway.transaction() as tx:
        for qid in ("entity_move_in_owns", "entity_move_out_owns"):
            tx.run(catalogue[qid].text, catalogue[qid].bind(
                {"source": "company:owns-company-company:b", "target": "company:kept", "names": None}))
    owners = gateway.read("MATCH (o)-[:OWNS]->(:Company {key: 'company:kept'}) RETURN o.key AS key"
                          ).raise_for_status().data()
    assert [r["key"] for r in owners] == ["company:owns-company-company:a"]


@needs_linter
def test_statements_of_a_model_with_a_new_type_pass_the_linter(tmp_path: Path) -> None:
    model = _model_with_owns(tmp_path)
    queries = [q for q in load_catalogue(CYPHER_DIR, model) if q.extra.get("template")]
    items = [{"id": q.id, "path": str(q.path), "query": q.text, "parameters": q.example_params()} for q in queries]
    diagnostics = lint_queries(items, model.labels, model.relationships, model.property_keys)
    errors = [str(d) for d in diagnostics if d.is_error]
    assert not errors, "\n".join(errors)
    assert sum(1 for q in queries if q.id.startswith("ingest_rel_")) == 2 * len(model.links)


def test_a_small_byte_budget_splits_batches_and_stores_the_same_graph(
        gateway: Gateway, store_settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches are cut by size as well as by rows; cut much finer, the same bundle stores the same graph."""
    from workbench.analysis.overview import counts_by_label, counts_by_relationship
    from workbench.ingest import ingest_path, writer
    from workbench.store.connect import for_database, open_gateway
    from workbench.store import embedded

    bundle = Path(__file__).parent.parent / "fixtures" / "ingest" / "basic"
    ingest_path(gateway, bundle)
    expected = counts_by_label(gateway), counts_by_relationship(gateway)

    sent: list[int] = []
    records: list[int] = []

    def counting(original: Any, into: list[int]) -> Any:
        def count(*args: Any, **kwargs: Any) -> Any:
            for batch in original(*args, **kwargs):
                into.append(len(batch))
                yield batch
        return count

    monkeypatch.setattr(writer, "MAX_BATCH_BYTES", 2_000)
    monkeypatch.setattr(writer, "batches", counting(writer.batches, sent))
    monkeypatch.setattr(writer, "statement_batches", counting(writer.statement_batches, records))
    other = f"{store_settings.database}x"
    embedded.create_database(store_settings, other)
    try:
        with open_gateway(for_database(store_settings, other)) as small:
            ingest_path(small, bundle)
            assert (counts_by_label(small), counts_by_relationship(small)) == expected
    finally:
        embedded.drop_database(store_settings, other)
    assert len(sent) > 10 and max(sent) < 20, sent
    assert len(records) > 2 and max(records) < 5, records  # the fixture's 7 records, cut by the budget
