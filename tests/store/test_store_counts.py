"""The overview's counts are recorded by ingest, merges and splits, and read from one node instead of counting the
store on every visit (issue 15: the overview scanned a million relationships per visit)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbench.analysis import explore, overview
from workbench.cli import app
from workbench.ingest import ingest_path
from workbench.settings import Settings
from workbench.store import queries
from workbench.store.gateway import Gateway
from workbench.store.plans import profile

BASIC = Path(__file__).parent.parent / "fixtures" / "ingest" / "basic"


def test_an_ingest_run_records_what_the_store_holds(gateway: Gateway) -> None:
    report = ingest_path(gateway, BASIC)
    recorded = overview.recorded_counts(gateway)
    assert recorded is not None
    assert recorded.counted_by == report.run_id
    assert recorded.labels == overview.counts_by_label(gateway)
    assert recorded.relationships == overview.counts_by_relationship(gateway)
    assert recorded.labels["Shipment"] > 0 and "StoreCounts" not in recorded.labels


def test_counts_from_the_model_agree_with_walking_the_whole_store(demo_store: tuple[Gateway, Settings]) -> None:
    """Labels counted one by one and relationship types counted from their smaller end (brokers, which are also
    firms, shared hubs, several record kinds) give what walking every node and relationship gives."""
    gateway, _ = demo_store
    walked_labels = {row["label"]: row["count"] for row in gateway.read(
        "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count").data() if row["label"] != "StoreCounts"}
    walked_types = {row["type"]: row["count"] for row in gateway.read(
        "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count").data()}
    assert walked_labels.get("Broker") and walked_types.get("ARRANGED") and walked_types.get("INGESTED_BY")
    assert overview.counts_by_label(gateway) == walked_labels
    assert overview.counts_by_relationship(gateway) == walked_types


def test_the_overview_reads_the_record_without_counting(gateway: Gateway, store_settings: Settings) -> None:
    ingest_path(gateway, BASIC)
    before = overview.store_counts(gateway)
    gateway.write("CREATE (:Company {key: 'company:xx:written-outside-ingest', name: 'Outside'})")
    # What the page shows is the record (so it stays as counted), until someone counts again.
    assert overview.store_counts(gateway).labels == before.labels
    assert overview.counts_by_label(gateway)["Company"] == before.labels["Company"] + 1
    recounted = overview.record_counts(gateway, "recount")
    assert overview.store_counts(gateway) == recounted
    assert recounted.labels["Company"] == before.labels["Company"] + 1
    # Reading the record is one index lookup: no whole label walked, a handful of records read.
    cost = profile(gateway, queries.get("store_counts").text, settings=store_settings)
    assert cost.rows == 1 and cost.full_scans == 0 and (cost.records_read or 0) <= 5, cost


def test_a_store_without_a_record_is_counted_once_and_recorded(gateway: Gateway) -> None:
    gateway.write("CREATE (:Company {key: 'company:xx:a', name: 'A'})-[:HAS_PHONE]->(:Phone {key: 'phone:+1'})")
    assert overview.recorded_counts(gateway) is None
    counts = overview.store_counts(gateway)
    assert counts.labels == {"Company": 1, "Phone": 1} and counts.relationships == {"HAS_PHONE": 1}
    assert overview.recorded_counts(gateway) == counts
    assert not overview.is_empty(gateway)


def test_an_empty_store_is_empty_and_records_nothing(gateway: Gateway) -> None:
    assert overview.is_empty(gateway)
    assert overview.recorded_counts(gateway) is None
    gateway.write("CREATE (:Company {key: 'company:xx:later', name: 'Later'})")
    assert not overview.is_empty(gateway), "data written after a look at the empty store is seen"


def test_a_merge_from_the_cli_records_the_counts_again(own_home: Settings, gateway: Gateway,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_HOME", str(own_home.home))
    monkeypatch.setenv("NEO4J_DATABASE", own_home.database)
    ingest_path(gateway, BASIC)
    before = overview.store_counts(gateway)
    keys = [row["key"] for row in queries.run(gateway, "entities_company").data()]
    result = CliRunner().invoke(app, ["entities", "merge", keys[0], keys[1], "--reason", "same firm"])
    assert result.exit_code == 0, result.output
    after = overview.store_counts(gateway)
    assert after.counted_by == f"merge into {keys[0]}"
    assert after.labels["Company"] == before.labels["Company"] - 1
    assert after.labels == overview.counts_by_label(gateway)


def test_the_date_inputs_start_from_the_recorded_range(gateway: Gateway) -> None:
    ingest_path(gateway, BASIC)
    recorded = overview.recorded_counts(gateway)
    assert recorded is not None and recorded.dates is not None
    low, high = explore.date_range(gateway) or (None, None)
    assert (str(low), str(high)) == recorded.dates
    gateway.write("CREATE (:Shipment {key: 'shipment:late', billOfLading: 'LATE', declarationDate: '2031-01-01'})")
    assert str((explore.date_range(gateway) or (None, None))[1]) == recorded.dates[1]
    overview.record_counts(gateway, "recount")
    assert str((explore.date_range(gateway) or (None, None))[1]) == "2031-01-01"
