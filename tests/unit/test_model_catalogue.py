"""The graph model and the query catalogue are data checked when they load (pure unit tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from workbench.store.catalogue import CATEGORIES, load_catalogue, parse_query
from workbench.errors import CatalogueError, ModelError
from workbench.model.graph import MODEL_PATH, load_model, parse_model
from workbench.store.schema import arcadedb_fulltext_sql, cypher_ddl, neo4j_fulltext_ddl
from workbench.settings import DOCUMENTED, Settings

REPO = Path(__file__).resolve().parents[2]


def test_packaged_model_loads() -> None:
    model = load_model()
    assert {"Company", "Person", "Shipment", "Seizure", "Chemical", "Port", "Notification"} <= set(model.labels)
    assert model.relationship("SHIPPED").sources == ("Company",)
    assert model.labels["Broker"].extends == "Company"


def _model_data() -> dict:
    return yaml.safe_load(MODEL_PATH.read_text())


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["labels"].__setitem__("bad_label", d["labels"]["Person"]), "label bad_label"),
        (lambda d: d["labels"]["Person"].pop("key"), "label Person: needs a non-empty `key`"),
        (lambda d: d["relationships"].__setitem__("shippedBy", {"from": ["Company"], "to": ["Shipment"]}),
         "relationship shippedBy"),
        (lambda d: d["relationships"]["SHIPPED"].__setitem__("to", ["Vessel"]), "unknown label 'Vessel'"),
        (lambda d: d["labels"]["Person"].__setitem__("indexes", ["height"]), "undeclared properties: height"),
        (lambda d: d["labels"]["Person"].__setitem__("properties", ["Name"]), "not camelCase"),
    ],
)
def test_malformed_model_is_refused_naming_the_entry(mutate, expected: str) -> None:
    data = _model_data()
    mutate(data)
    with pytest.raises(ModelError) as info:
        parse_model(data, Path("graph.yaml"))
    assert "graph.yaml" in str(info.value) and expected in str(info.value)


def test_model_file_that_is_not_yaml(tmp_path: Path) -> None:
    bad = tmp_path / "graph.yaml"
    bad.write_text("labels: [unclosed")
    with pytest.raises(ModelError, match="not valid YAML"):
        load_model(bad)


def test_ddl_comes_from_the_model_only() -> None:
    model = load_model()
    ddl = cypher_ddl(model)
    assert "CREATE CONSTRAINT company_key IF NOT EXISTS FOR (n:Company) REQUIRE n.key IS UNIQUE" in ddl
    assert not any("Broker" in statement for statement in ddl if "CONSTRAINT" in statement)
    assert "CREATE FULLTEXT INDEX `Company[searchText]` IF NOT EXISTS FOR (n:Company) ON EACH [n.searchText]" in (
        neo4j_fulltext_ddl(model))
    assert "CREATE INDEX IF NOT EXISTS ON Company (searchText) FULL_TEXT" in arcadedb_fulltext_sql(model)


GOOD = """// ---
// id: {qid}
// kind: {kind}
// title: {{en: A title, es: Un título}}
// description: {{en: What it finds., es: Lo que encuentra.}}
// category: broker-hub
// severity: high
// parameters:
//   - {{name: minShipments, type: integer, default: 3, example: 5}}
// row: {{en: one broker, es: un intermediario}}
// explanation: {{en: "{{{{ entities[0].name }}}} is a hub.", es: "{{{{ entities[0].name }}}} es un concentrador."}}
// ---
MATCH (b:Broker) RETURN b.key AS key, $minShipments AS m
"""


def write_query(folder: Path, text: str, name: str = "good_query") -> Path:
    path = folder / f"{name}.cypher"
    path.write_text(text)
    return path


def test_good_header_parses_and_binds(tmp_path: Path) -> None:
    query = parse_query(write_query(tmp_path, GOOD.format(qid="good_query", kind="detector")))
    assert query.title_in("es") == "Un título"
    assert query.bind({}) == {"minShipments": 3}
    assert query.bind({"minShipments": "7"}) == {"minShipments": 7}
    with pytest.raises(CatalogueError, match="expects integer"):
        query.bind({"minShipments": "many"})
    with pytest.raises(CatalogueError, match="has no parameter maxShipments"):
        query.bind({"maxShipments": 1})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MATCH (n) RETURN n", "must start with"),
        (GOOD.format(qid="other_name", kind="detector"), "must match the file name"),
        (GOOD.format(qid="good_query", kind="detector").replace("broker-hub", "gossip"), "category 'gossip'"),
        (GOOD.format(qid="good_query", kind="detector").replace("severity: high", "severity: dire"), "severity"),
        (GOOD.format(qid="good_query", kind="saved").replace(", es: Un título", ""), "`es`"),
        (GOOD.format(qid="good_query", kind="saved").replace("// row: {en: one broker, es: un intermediario}\n", ""), "`row`"),
        (GOOD.format(qid="good_query", kind="saved").replace("$minShipments AS m", "$limit AS m"),
         "undeclared parameters: limit"),
        (GOOD.format(qid="good_query", kind="saved").replace("type: integer", "type: money"), "type 'money'"),
        (GOOD.format(qid="good_query", kind="saved").replace("example: 5", "example: five"), "expects integer"),
        (GOOD.format(qid="good_query", kind="saved").replace("// kind: saved", "// kind: saved\n// mode: write"),
         "read-only"),
        (GOOD.format(qid="good_query", kind="saved").replace("// ---\nMATCH", "MATCH"), "close the header"),
    ],
)
def test_malformed_header_is_refused_with_file_and_field(tmp_path: Path, text: str, expected: str) -> None:
    path = write_query(tmp_path, text)
    with pytest.raises(CatalogueError) as info:
        parse_query(path)
    assert str(path) in str(info.value)
    assert expected in str(info.value)


def test_duplicate_ids_refused(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write_query(tmp_path / "a", GOOD.format(qid="good_query", kind="saved"))
    write_query(tmp_path / "b", GOOD.format(qid="good_query", kind="saved"))
    with pytest.raises(CatalogueError, match="also used by"):
        load_catalogue(tmp_path)


def test_project_catalogue_loads() -> None:
    catalogue = load_catalogue()
    assert "count_label_company" in catalogue and "count_shipped_out_company" in catalogue
    for query in catalogue.detectors:
        assert query.category in CATEGORIES


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text()
    for name in DOCUMENTED:
        assert f"`{name}`" in readme, f"README.md does not document {name}"
    defaults = Settings.from_env({})
    assert defaults.host == "127.0.0.1" and defaults.embedded


def test_context_labels_are_data_in_the_model(tmp_path: Path) -> None:
    model = load_model()
    assert model.context_labels == ["Chemical", "Country", "IngestRun", "Port", "ResolutionDecision"]
    assert "Company" in model.subject_labels and "Country" not in model.subject_labels
    bad = tmp_path / "graph.yaml"
    bad.write_text(model.path.read_text(encoding="utf-8").replace("    context: true\n", "    context: maybe\n", 1))
    with pytest.raises(ModelError, match=r"context.*true or false"):
        load_model(bad)


def test_saved_queries_and_detectors_need_a_spanish_description(tmp_path: Path) -> None:
    source = (MODEL_PATH.parent.parent / "cypher" / "saved" / "trading_partners.cypher").read_text(encoding="utf-8")
    start, end = source.index("//   es: >-"), source.index("// parameters:")
    bad = tmp_path / "trading_partners.cypher"
    bad.write_text(source[:start] + source[end:], encoding="utf-8")
    with pytest.raises(CatalogueError, match="needs `es`"):
        parse_query(bad)


def test_saved_queries_and_detectors_say_what_a_row_is_in_spanish(tmp_path: Path) -> None:
    source = (MODEL_PATH.parent.parent / "cypher" / "saved" / "trading_partners.cypher").read_text(encoding="utf-8")
    query = parse_query(MODEL_PATH.parent.parent / "cypher" / "saved" / "trading_partners.cypher")
    assert query.row_in("es").startswith("un socio comercial") and query.row.startswith("one partner")
    line = next(line for line in source.splitlines() if line.startswith("// row:"))
    bad = tmp_path / "trading_partners.cypher"
    bad.write_text(source.replace(line, f"// row: {query.row}"), encoding="utf-8")
    with pytest.raises(CatalogueError, match="row needs `es`"):
        parse_query(bad)
