"""Ingest scenarios on a real embedded store: every file type, resolution, bad input, idempotency."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbench.store import queries
from workbench.cli import app
from workbench.errors import InputError
from workbench.ingest import ingest_path
from workbench.ingest.readers import decode
from workbench.analysis.overview import counts_by_label, counts_by_relationship

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
BASIC = FIXTURES / "basic"


def companies(gateway) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    return {r["key"]: r for r in queries.run(gateway, "entities_company", row_cap=10**6).raise_for_status().data()}


def holding(gateway, spelling: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [k for k, r in companies(gateway).items() if spelling in r["names"]]


def snapshot(gateway) -> tuple[dict, dict]:  # type: ignore[no-untyped-def]
    return counts_by_label(gateway), counts_by_relationship(gateway)


def test_name_variants_of_one_firm_merge_into_one_entity(gateway) -> None:
    ingest_path(gateway, BASIC)
    keys = {k for s in ("JIANGSU HUAXIN FINE CHEMICAL CO., LTD.", "Jiangsu Huaxin Fine Chem Co Ltd",
                        "JIANGSU HUAXIN FINE CHEMICAL CO.,LIMITED") for k in holding(gateway, s)}
    assert keys == {"company:cn:jiangsu-huaxin-fine-chemical"}
    entity = companies(gateway)["company:cn:jiangsu-huaxin-fine-chemical"]
    assert entity["resolution"], "a merged entity says why"
    # Fuzzy spelling merged only because it shares registration number, phone and address.
    assert "Jiangsu Hua Xin Fine Chemical Co., Ltd." in entity["names"]


def test_same_name_in_another_city_stays_a_different_firm(gateway) -> None:
    ingest_path(gateway, BASIC)
    hebei = holding(gateway, "Hebei Sunrise Trading Co., Ltd.")
    assert len(hebei) == 2, "Baoding and Shijiazhuang firms of the same name must not merge"


def test_look_alike_in_another_city_from_a_second_bundle_is_not_merged(gateway, tmp_path: Path) -> None:
    ingest_path(gateway, BASIC)
    before = companies(gateway)
    ingest_path(gateway, FIXTURES / "second", rejects_path=tmp_path / "r.csv")
    after = companies(gateway)
    main = after["company:cn:jiangsu-huaxin-fine-chemical"]
    assert "Jiangsu Huaxin Fine Chemical Co.,Ltd" in main["names"], "the second bundle merges into the same entity"
    runs = gateway.read("MATCH (c:Company {key: 'company:mx:quimica-delta'}) RETURN c.ingestRuns AS runs").data()
    assert len(runs[0]["runs"]) == 2, "the entity records both runs"
    suzhou = [k for k in after if k not in before]
    assert len(suzhou) == 1 and "suzhou" in suzhou[0]


def test_every_file_type_lands_with_provenance(gateway) -> None:
    report = ingest_path(gateway, BASIC)
    labels, rels = snapshot(gateway)
    for label in ("Shipment", "Seizure", "Company", "Person", "Address", "Phone", "Email", "Chemical", "Port",
                  "Country", "Notification", "WatchlistEntry", "Container", "Broker", "IngestRun"):
        assert labels.get(label), label
    for rtype in ("SHIPPED", "CONSIGNED_TO", "NOTIFY_PARTY", "ARRANGED", "DECLARED_AS", "LADEN_AT", "TRANSITED",
                  "DISCHARGED_AT", "SEIZED_FROM", "FOUND", "OFFICER_OF", "LISTED_ON", "EXPORTER", "IMPORTER",
                  "COVERS", "HAS_PHONE", "HAS_EMAIL", "HAS_ADDRESS", "IN_CONTAINER", "INGESTED_BY"):
        assert rels.get(rtype), rtype
    assert report.rows_read == report.rows_stored == 16 and report.rows_rejected == 0
    rows = gateway.read("MATCH (s:Shipment {billOfLading: 'BL-1001'})<-[r:SHIPPED]-(c) "
                        "RETURN s.sourceRows AS rows, s.ingestRuns AS runs, r.sourceRows AS rrows, "
                        "s.vagueDescription AS vague, s.firstIngestedAt AS first").data()
    assert rows[0]["rows"] == ["manifests.csv#2"] and rows[0]["rrows"] == ["manifests.csv#2"]
    assert rows[0]["runs"] == [report.run_id] and rows[0]["first"]
    vague = gateway.read("MATCH (s:Shipment {billOfLading: 'BL-1002'}) RETURN s.vagueDescription AS v").data()
    assert vague[0]["v"] is True
    broker = gateway.read("MATCH (b:Broker)-[:ARRANGED]->(s:Shipment) RETURN DISTINCT b.isBroker AS flag").data()
    assert broker == [{"flag": True}]
    ftm = gateway.read("MATCH (p:Person)-[:OFFICER_OF]->(c:Company)-[:LISTED_ON]->(w:WatchlistEntry) "
                       "RETURN p.name AS p, w.authority AS a").data()
    assert ftm == [{"p": "Carlos Ruiz", "a": "OFAC"}]


def test_hostile_strings_are_stored_verbatim(gateway) -> None:
    ingest_path(gateway, BASIC)
    assert holding(gateway, "MATCH (n) DETACH DELETE n")
    rows = gateway.read("MATCH (s:Shipment {billOfLading: 'BL-1003'}) RETURN s.inspectorNote AS note").data()
    assert rows[0]["note"] == '=HYPERLINK("http://x")'
    html = gateway.read("MATCH (a:Address) WHERE a.full STARTS WITH '<script>' RETURN a.full AS f").data()
    assert html and html[0]["f"].startswith("<script>alert(1)</script>")


def test_reingesting_the_same_bundle_changes_nothing(gateway) -> None:
    ingest_path(gateway, BASIC)
    first = snapshot(gateway)
    provenance = gateway.read("MATCH (c:Company) RETURN c.key AS k, c.sourceRows AS rows, c.ingestRuns AS runs "
                              "ORDER BY k").data()
    ingest_path(gateway, BASIC)
    assert snapshot(gateway) == first
    again = gateway.read("MATCH (c:Company) RETURN c.key AS k, c.sourceRows AS rows, c.ingestRuns AS runs "
                         "ORDER BY k").data()
    assert again == provenance


def test_bad_rows_reject_the_whole_run_and_list_every_problem(gateway) -> None:
    with pytest.raises(InputError) as caught:
        ingest_path(gateway, FIXTURES / "bad")
    problems = {(p["file"], p["row"], p["column"]) for p in caught.value.problems}
    assert ("manifests.csv", 2, "declaration_date") in problems
    assert ("manifests.csv", 3, "cas_number") in problems
    assert ("manifests.csv", 3, "weight_kg") in problems
    assert ("seizures.csv", None, "seizure_id") in problems
    assert "check digit" in str(caught.value)
    labels, rels = snapshot(gateway)
    assert sum(labels.values()) == 0 and sum(rels.values()) == 0


def test_skip_invalid_stores_valid_rows_and_writes_every_reject(gateway, tmp_path: Path) -> None:
    rejects = tmp_path / "rejects.csv"
    report = ingest_path(gateway, FIXTURES / "bad", skip_invalid=True, rejects_path=rejects)
    assert report.rows_stored == 1 and report.rows_rejected == 3
    with rejects.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {(r["_file"], r["_row"]) for r in rows} == {("manifests.csv", "2"), ("manifests.csv", "3"),
                                                        ("seizures.csv", "2")}
    assert all(r["_reasons"] for r in rows)
    assert counts_by_label(gateway)["Shipment"] == 1


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_encodings_keep_accents(gateway, tmp_path: Path, encoding: str) -> None:
    text = ("seizure_id,date,agency,location,substance\n"
            "E1,2024-01-05,FGR,Lázaro Cárdenas,fenetil piperidona\n")
    (tmp_path / "seizures.csv").write_bytes(text.encode(encoding))
    assert decode((tmp_path / "seizures.csv").read_bytes())[0] == text
    ingest_path(gateway, tmp_path)
    rows = gateway.read("MATCH (s:Seizure {seizureId: 'E1'}) RETURN s.location AS loc").data()
    assert rows == [{"loc": "Lázaro Cárdenas"}]


def test_xlsx_with_the_same_columns(gateway, tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["pen_id", "exporter_name", "exporter_country", "importer_name", "importer_country", "cas_number",
                  "quantity_kg", "dispatch_date", "status"])
    sheet.append(["PEN-X1", "Acme Chem Co., Ltd.", "CN", "Importadora Sol SA de CV", "MX", "39742-60-4", 12.5,
                  "05/02/2024", "approved"])
    sheet.append(["PEN-X2", "=1+1", "CN", "Importadora Sol SA de CV", "MX", "", "3,5", "2024-02-06", "pending"])
    book.save(tmp_path / "pen_notifications.xlsx")
    report = ingest_path(gateway, tmp_path)
    assert report.rows_stored == 2
    rows = gateway.read("MATCH (n:Notification)-[:EXPORTER]->(c:Company) RETURN n.penId AS id, n.dispatchDate AS d, "
                        "n.quantityKg AS q, c.name AS c ORDER BY id").data()
    assert rows == [{"id": "PEN-X1", "d": "2024-02-05", "q": 12.5, "c": "Acme Chem Co., Ltd."},
                    {"id": "PEN-X2", "d": "2024-02-06", "q": 3.5, "c": "=1+1"}]


def test_manual_merge_and_split_survive_reingest(gateway) -> None:
    from workbench.commands.ingest import merge_entities, split_entity

    ingest_path(gateway, BASIC)
    hebei = sorted(holding(gateway, "Hebei Sunrise Trading Co., Ltd."))
    merge_entities(gateway, hebei[0], [hebei[1]], reason="same owner per registry")
    split = split_entity(gateway, "company:mx:quimica-delta", ["QUIMICA DELTA SA DE CV"], reason="other firm")
    state = snapshot(gateway)
    ingest_path(gateway, BASIC)
    assert snapshot(gateway) == state
    assert holding(gateway, "Hebei Sunrise Trading Co., Ltd.") == [hebei[0]]
    assert holding(gateway, "QUIMICA DELTA SA DE CV") == [split]
    shipped = gateway.read("MATCH (s:Shipment {billOfLading: 'BL-1002'})-[:CONSIGNED_TO]->(c) RETURN c.key AS k").data()
    assert shipped == [{"k": split}]


def test_cli_ingest_and_entities_json(store_settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = {"WORKBENCH_HOME": str(store_settings.home), "NEO4J_DATABASE": store_settings.database}
    runner = CliRunner()
    bundle = tmp_path / "bundle"
    shutil.copytree(BASIC, bundle)
    result = runner.invoke(app, ["ingest", str(bundle)], env=env)
    assert result.exit_code == 0, result.output
    assert "16 rows read, 16 stored, 0 rejected" in result.output
    result = runner.invoke(app, ["entities", "--label", "Company", "--format", "json"], env=env)
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)
    assert set(items[0]) == {"key", "name", "names", "country", "sources"}
    bad = runner.invoke(app, ["ingest", str(FIXTURES / "bad")], env=env)
    assert bad.exit_code != 0
