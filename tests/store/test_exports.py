"""Exports read back with real readers: networkx (GraphML), followthemoney (FtM), an XML parser (ANX), csv.

Scenario "Manzanillo ring" (tests/fixtures/briefing/manzanillo_ring.cypher), exported around the importer
Importadora del Bajío at depth 3 (the whole ring).
"""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import networkx as nx
import pytest
from typer.testing import CliRunner

from workbench.trust.audit import AuditLog
from workbench.cases.subgraph import Source, gather
from workbench.cli import app
from workbench.exports.formats import ANX_ICONS, export, export_network
from workbench.store.gateway import Gateway
from workbench.settings import Settings

FIXTURE = Path(__file__).parent.parent / "fixtures" / "briefing" / "manzanillo_ring.cypher"
SOURCE = Source.entity("company:importadora-del-bajio", depth=3)


@pytest.fixture
def ring(gateway: Gateway, store_settings: Settings) -> Settings:
    gateway.write(FIXTURE.read_text(encoding="utf-8"))
    return store_settings


def test_graphml_round_trip_keeps_nodes_edges_and_labels(ring: Settings, gateway: Gateway) -> None:
    b = gather(gateway, ring, SOURCE)
    graph = nx.read_graphml(io.BytesIO(export_network(b, "graphml")))
    assert set(graph.nodes) == {e.key for e in b.entities}
    assert graph.number_of_edges() == len(b.links)
    assert graph.nodes["company:hubei-everbright"]["label"] == "Hubei Everbright Chemical Co., Ltd."
    assert graph.nodes["company:pacific-bridge-logistics"]["labels"] == "Broker;Company"
    assert graph.nodes["shipment:mscu1234567"]["weightKg"] == "500.0"
    types = {(u, v, d["type"]) for u, v, d in graph.edges(data=True)}
    assert ("company:hubei-everbright", "shipment:mscu1234567", "SHIPPED") in types
    assert {(link.source, link.target, link.type) for link in b.links} == types


def test_ftm_entities_validate_against_their_schemata(ring: Settings, gateway: Gateway) -> None:
    from followthemoney import model

    b = gather(gateway, ring, SOURCE)
    lines = export_network(b, "ftm").decode("utf-8").splitlines()
    entities = [json.loads(line) for line in lines]
    schemata = [e["schema"] for e in entities]
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None
        assert schema.validate(data) is None, data
        for required in schema.required:
            assert data["properties"].get(required), (data["schema"], required)
        proxy = model.get_proxy(data)
        assert proxy.id == data["id"]
    by_name = {e["properties"]["name"][0]: e for e in entities if "name" in e["properties"]}
    bajio = by_name["Importadora del Bajío SA de CV"]
    assert bajio["schema"] == "Company" and "+523312345678" in bajio["properties"]["phone"]
    assert schemata.count("Sanction") == 1 and schemata.count("Directorship") == 3
    assert {"Shipment MSCU1234567", "Seizure SEMAR-2024-0417"} <= set(by_name)
    ids = {e["id"] for e in entities}
    sanction = next(e for e in entities if e["schema"] == "Sanction")
    assert sanction["properties"]["entity"][0] in ids


def test_anx_is_a_chart_with_every_entity_and_link(ring: Settings, gateway: Gateway) -> None:
    b = gather(gateway, ring, SOURCE)
    root = ET.fromstring(export_network(b, "anx"))
    assert root.tag == "Chart"
    entities = root.findall("./ChartItemCollection/ChartItem/End/Entity")
    links = root.findall("./ChartItemCollection/ChartItem/Link")
    assert len(entities) == len(b.entities) and len(links) == len(b.links)
    icons = {e.get("Identity"): e.find("./Icon/IconStyle").get("IconFile") for e in entities}
    assert icons["company:hubei-everbright"] == ANX_ICONS["Company"]
    assert icons["person:ramon-villasenor-ortiz"] == "Person"
    ids = {e.get("EntityId") for e in entities}
    assert all(link.get("End1Id") in ids and link.get("End2Id") in ids for link in links)


def test_csv_zip_has_nodes_and_edges_with_headers(ring: Settings, gateway: Gateway) -> None:
    data, name, mime = export(gateway, ring, SOURCE, "csv")
    assert name.endswith(".zip") and mime == "application/zip"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]
        nodes = list(csv.DictReader(io.StringIO(archive.read("nodes.csv").decode("utf-8"))))
        edges = list(csv.DictReader(io.StringIO(archive.read("edges.csv").decode("utf-8"))))
    b = gather(gateway, ring, SOURCE)
    assert {row["key"] for row in nodes} == {e.key for e in b.entities}
    assert len(edges) == len(b.links)
    assert list(edges[0])[:3] == ["source", "target", "type"]
    officer = [row for row in edges if row["type"] == "OFFICER_OF"]
    roles = {(row["source"], row["target"]): row["role"] for row in officer}
    assert roles[("person:xu-mingyang", "company:hubei-everbright")] == "legal representative"
    assert roles[("person:ramon-villasenor-ortiz", "company:importadora-del-bajio")] == "director"


def _cli_env(settings: Settings) -> dict[str, str]:
    return {"WORKBENCH_HOME": str(settings.home), "NEO4J_DATABASE": settings.database}


def test_cli_export_and_brief_write_files_and_audit(ring: Settings, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in _cli_env(ring).items():
        monkeypatch.setenv(name, value)
    runner = CliRunner()
    out = tmp_path / "net.graphml"
    result = runner.invoke(app, ["export", "--entity", "company:importadora-del-bajio", "--depth", "2",
                                 "--format", "graphml", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(out).number_of_nodes() > 5
    pdf = tmp_path / "brief.pdf"
    result = runner.invoke(app, ["brief", "--entity", "Importadora del Bajío SA de CV", "--format", "pdf",
                                 "--lang", "es", "--withhold", "people", "--marking", "RESERVADO", "-o", str(pdf)])
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes()[:5] == b"%PDF-"
    actions = [entry.action for entry in AuditLog(ring.home).show()]
    assert actions[-2:] == ["export", "briefing"]
    result = runner.invoke(app, ["brief", "--format", "pdf", "-o", str(pdf)])
    assert result.exit_code != 0
    assert os.path.exists(pdf)
