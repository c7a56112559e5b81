"""How ingest writes the model is data too: fields checked when the model loads, statements expanded from
templates with names from the model only, and the writer's closed maps derived from it (pure unit tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from workbench.errors import CatalogueError, ModelError
from workbench.ingest import build, decisions, writer
from workbench.model.graph import MODEL_PATH, load_model, parse_model
from workbench.store.catalogue import CYPHER_DIR, load_catalogue
from workbench.store.templates import expand, expand_all


def _data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(MODEL_PATH.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["labels"]["Port"].__setitem__("ingest", "sometimes"), "label Port.ingest: must be `record`"),
        (lambda d: d["labels"]["Phone"].__setitem__("resolved", True), "label Phone.resolved: a resolved label"),
        (lambda d: d["labels"]["Person"].__setitem__("sourceRowsCap", 0), "label Person.sourceRowsCap"),
        (lambda d: d["provenance"].__setitem__("relationshipSourceRowsCap", "many"),
         "provenance.relationshipSourceRowsCap"),
        (lambda d: d["labels"]["Broker"].__setitem__("ingest", "shared"), "label Broker.ingest: an extra label"),
    ],
)
def test_malformed_ingest_fields_are_refused(mutate: Callable[[dict[str, Any]], None], expected: str) -> None:
    data = _data()
    mutate(data)
    with pytest.raises(ModelError, match="graph.yaml") as info:
        parse_model(data, Path("graph.yaml"))
    assert expected in str(info.value)


def test_the_writer_and_the_merge_take_their_lists_from_the_model() -> None:
    model = load_model()
    assert build.RECORD_LABELS == ("Shipment", "Seizure", "Notification", "Payment")
    assert set(writer.SHARED_ORDER) == {"Company", "Person", "Address", "Phone", "Email", "Container", "Chemical",
                                        "Port", "Country", "WatchlistEntry"}
    assert build.REF_CAP["Company"] == build.REF_CAP["Address"] == 1000 and build.REF_CAP["Port"] == 200
    # the thirteen moves the CLI listed by hand before, now derived from the resolved labels, and the payments' two
    assert sorted(decisions.MOVES) == sorted([
        "entity_move_out_shipped", "entity_move_out_arranged", "entity_move_out_has_address",
        "entity_move_out_has_phone", "entity_move_out_has_email", "entity_move_out_registered_in",
        "entity_move_out_listed_on", "entity_move_out_officer_of", "entity_move_in_consigned_to",
        "entity_move_in_notify_party", "entity_move_in_officer_of", "entity_move_in_exporter",
        "entity_move_in_importer", "entity_move_out_paid", "entity_move_in_paid_to"])
    catalogue = load_catalogue()
    for qid in [*writer.NODE_QUERY.values(), *writer.NEW_NODE_QUERY.values(), *writer.STORED_QUERY.values(),
                *decisions.MOVES, *decisions.SPLIT_QUERY.values()]:
        assert qid in catalogue
    for link in model.links:
        assert writer.rel_query(link.type, link.source, link.target) in catalogue
        assert writer.rel_query(link.type, link.source, link.target, new=True) in catalogue


def test_about_ten_templates_make_the_store_statements() -> None:
    templates = sorted(p.name for p in CYPHER_DIR.rglob("*.cypher.j2"))
    assert len(templates) == 10, templates
    # the overview's counts come from the templates only (one per label, one per relationship type and end)
    assert not [p.name for p in CYPHER_DIR.rglob("count_*.cypher")]
    ingest_files = sorted(p.stem for p in (CYPHER_DIR / "ingest").glob("*.cypher"))
    assert not [f for f in ingest_files if f.startswith(("ingest_node_", "ingest_new_", "ingest_rel_",
                                                         "ingest_stored_", "entity_move_", "entity_split_"))]
    expanded = expand_all(CYPHER_DIR, load_model())
    assert len({e.id for e in expanded}) == len(expanded) > 100


def test_templates_take_labels_and_types_only_from_the_model() -> None:
    model = load_model()
    names = set(model.labels) | set(model.relationships)
    catalogue = load_catalogue()
    import re

    for query in (q for q in catalogue if q.extra.get("template")):
        used = set(re.findall(r"[:\[]\s*([A-Z][A-Za-z_]*)\b", query.text))
        assert used <= names, (query.id, used - names)


def test_a_broken_template_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "x.cypher.j2"
    bad.write_text("// ---\n// id: x\n// ---\nRETURN 1\n")
    with pytest.raises(CatalogueError, match=r"x.cypher.j2: a template starts with"):
        expand(bad, load_model())
    bad.write_text("{# each: label #}\n// ---\n// id: x_{{ label.nope }}\n// ---\nRETURN 1\n")
    with pytest.raises(CatalogueError, match=r"x.cypher.j2: expanding for"):
        expand(bad, load_model())


def test_batches_stay_under_the_byte_budget_and_the_row_limit() -> None:
    rows = [{"key": f"k{i:03d}", "sourceRows": [f"file.csv#{j}" for j in range(100)]} for i in range(50)]
    one = writer.size_of(rows[0])
    out = list(writer.batches(rows, max_rows=20, max_bytes=one * 7 + 1))
    assert [len(b) for b in out] == [7] * 7 + [1]
    assert [r for b in out for r in b] == rows
    assert [len(b) for b in writer.batches(rows, max_rows=20)] == [20, 20, 10]
    # a single row heavier than the budget still goes, alone
    assert [len(b) for b in writer.batches(rows[:3], max_rows=20, max_bytes=10)] == [1, 1, 1]


def test_record_batches_budget_each_statement_not_the_transaction() -> None:
    """A record batch sends its nodes and each relationship type in statements of their own: the byte budget holds
    for each of them, so many light records go together although their sum is past the budget."""
    plan = build.Plan()
    for i in range(30):
        key = f"shipment:s{i:03d}"
        plan.node("Shipment", key, f"m.csv#{i}", "m.csv", name=key)
        plan.rel("SHIPPED", "Company", "company:cn:a", "Shipment", key, f"m.csv#{i}", "m.csv", as_name="A CO")
        plan.rel("CONSIGNED_TO", "Shipment", key, "Company", "company:mx:b", f"m.csv#{i}", "m.csv", as_name="B SA")
    rows = writer.prepare(plan, shared=False).records["Shipment"]
    heaviest = max(max(r.weights.values()) for r in rows)
    budget = heaviest * 10 + 1
    out = list(writer.statement_batches(rows, max_rows=100, max_bytes=budget))
    assert [len(b) for b in out] == [10, 10, 10]
    assert sum(sum(r.weights.values()) for r in out[0]) > budget  # the transaction as a whole is past it
    for batch in out:
        for part in ("node", "INGESTED_BY", ("SHIPPED", "Company", "Shipment")):
            assert sum(r.weights.get(part, 0) for r in batch) <= budget
    assert [r.key for b in out for r in b] == [r.key for r in rows]
    assert [len(b) for b in writer.statement_batches(rows, max_rows=7)] == [7, 7, 7, 7, 2]
    assert [len(b) for b in writer.statement_batches(rows[:2], max_rows=7, max_bytes=1)] == [1, 1]


def test_statement_rows_pack_as_a_list_and_print_as_their_count() -> None:
    """The driver formats each RUN's parameters for its debug log whether or not anybody logs: the writer's rows
    print as a count, and reach the server byte for byte as the plain list would."""
    import io

    from neo4j._codec.packstream.v1 import Packer

    rows = [{"key": "k", "sourceRows": ["m.csv#2", "m.csv#3"], "props": {"x": None, "y": 1.5}}] * 3

    def packed(value: Any) -> bytes:
        buffer = io.BytesIO()
        Packer(buffer).pack(value)
        return buffer.getvalue()

    assert packed({"rows": writer.Rows(rows)}) == packed({"rows": rows})
    assert repr({"rows": writer.Rows(rows)}) == "{'rows': <3 rows>}"


def test_the_plan_keeps_no_more_relationship_provenance_than_the_cap() -> None:
    plan = build.Plan()
    for i in range(build.REL_REF_CAP + 300):
        plan.rel("REGISTERED_IN", "Company", "company:cn:hub", "Country", "country:CN", f"m.csv#{i}", "m.csv")
    row = plan.rels[("REGISTERED_IN", "Company", "Country")][("company:cn:hub", "country:CN")]
    assert row.refs == [f"m.csv#{i}" for i in range(build.REL_REF_CAP)]
    assert writer.size_of(row.as_param()) < writer.MAX_BATCH_BYTES // 100


def test_the_floor_benchmark_expands_the_same_model() -> None:
    from benchmarks.bench_ingest import floor_statements

    model = load_model()
    statements = floor_statements()
    wanted = {f"node_{label.snake}" for label in model.labels.values() if not label.extends}
    wanted |= {f"rel_{link.type.lower()}_{model.labels[link.source].snake}_{model.labels[link.target].snake}"
               for link in model.links}
    assert wanted | {"mark_broker"} == set(statements)
    assert "CREATE (a)-[r:REGISTERED_IN]->(b)" in statements["rel_registered_in_company_country"]
