"""FollowTheMoney ingest on a real store: OpenSanctions-shaped data and the workbench's own export round trip."""

from __future__ import annotations

from pathlib import Path

from workbench.briefing.model import Source, collect
from workbench.exports.formats import export_network
from workbench.ingest import ingest_path
from workbench.settings import Settings
from workbench.store.gateway import Gateway

FIXTURES = Path(__file__).parent.parent / "fixtures"
OPENSANCTIONS = FIXTURES / "ftm" / "opensanctions.ftm.json"
RING = FIXTURES / "briefing" / "manzanillo_ring.cypher"


def test_opensanctions_entities_land_with_partial_dates_and_skipped_schemata_reported(gateway: Gateway) -> None:
    report = ingest_path(gateway, OPENSANCTIONS)
    assert report.rows_rejected == 0
    assert report.files[0].skipped == {"CryptoWallet": 1, "Family": 1, "Identification": 1, "Occupancy": 1,
                                       "UnknownLink": 1}
    assert report.rows_stored == 7 and report.rows_read == 12
    people = {r["name"]: r for r in gateway.read(
        "MATCH (p:Person) RETURN p.name AS name, p.names AS names, p.birthDate AS birth, p.country AS country").data()}
    assert people["王伟"]["birth"] == "1965" and "Wang Wei" in people["王伟"]["names"]
    assert people["Aung Min"]["birth"] == "1971-03" and people["Aung Min"]["country"] == "CI"
    companies = {r["name"]: r for r in gateway.read(
        "MATCH (c:Company) RETURN c.name AS name, c.country AS country, c.incorporationDate AS inc").data()}
    assert companies["ООО Ромашка"]["inc"] == "2011-04" and companies["ООО Ромашка"]["country"] == "RU"
    assert companies["Kenya Ports Authority"]["country"] == "KE"
    assert companies["Guinea Ecuatorial Cargo"]["country"] == "GQ"
    links = gateway.read("MATCH (:Person {name: '王伟'})-[r:OFFICER_OF]->(c:Company) RETURN c.name AS name").data()
    assert [r["name"] for r in links] == ["ООО Ромашка"]
    listed = gateway.read("MATCH (c:Company)-[:LISTED_ON]->(w:WatchlistEntry) RETURN c.name AS name").data()
    assert {r["name"] for r in listed} == {"ООО Ромашка"}


def _entities(gateway: Gateway) -> set[tuple[str, str]]:
    rows = gateway.read("MATCH (n) WHERE n:Company OR n:Person "
                        "RETURN CASE WHEN n:Person THEN 'Person' ELSE 'Company' END AS label, n.name AS name").data()
    return {(r["label"], r["name"]) for r in rows}


def test_the_workbench_ftm_export_imports_back_into_an_empty_store(gateway: Gateway, store_settings: Settings,
                                                                   tmp_path: Path) -> None:
    gateway.write(RING.read_text(encoding="utf-8"))
    briefing = collect(gateway, store_settings, Source.entity("company:importadora-del-bajio", depth=3))
    exported = tmp_path / "ring.ftm.json"
    exported.write_bytes(export_network(briefing, "ftm"))
    expected = {("Person" if e.kind == "Person" else "Company", e.name) for e in briefing.entities
                if e.kind in ("Company", "Broker", "Person")}
    officers = {(link.source, link.target) for link in briefing.links if link.type == "OFFICER_OF"}
    listed = {link.source for link in briefing.links if link.type == "LISTED_ON"}
    names = {e.key: e.name for e in briefing.entities}
    gateway.write("MATCH (n) DETACH DELETE n")

    report = ingest_path(gateway, exported)
    assert report.rows_rejected == 0
    assert report.files[0].skipped.get("Event", 0) >= 1  # shipments and seizures travel as FtM events
    assert _entities(gateway) == expected
    again = gateway.read("MATCH (p:Person)-[:OFFICER_OF]->(c:Company) RETURN p.name AS p, c.name AS c").data()
    assert {(r["p"], r["c"]) for r in again} == {(names[a], names[b]) for a, b in officers}
    relisted = gateway.read("MATCH (n)-[:LISTED_ON]->(:WatchlistEntry) RETURN n.name AS name").data()
    assert {r["name"] for r in relisted} == {names[k] for k in listed}
