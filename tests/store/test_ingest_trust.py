"""Ingest on a real store never blends or loses a row silently (issue 14 #3, #4, #15)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.ingest import ingest_path
from workbench.store.gateway import Gateway

HEADER = ("record_id,bill_of_lading,declaration_date,shipper_name,shipper_country,consignee_name,consignee_country,"
          "weight_kg,container_ids\n")


def _bundle(folder: Path, rows: str, name: str = "manifests.csv") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(HEADER + rows, encoding="utf-8")
    return folder


def _shipments(gateway: Gateway) -> list[dict]:
    return gateway.read("MATCH (s:Shipment) OPTIONAL MATCH (c:Company)-[:SHIPPED]->(s) "
                        "RETURN s.key AS key, s.weightKg AS weight, collect(c.name) AS shippers ORDER BY key").data()


def test_unbalanced_quote_rejects_the_file_and_stores_nothing(gateway: Gateway, tmp_path: Path) -> None:
    rows = ('Q1,BL-1,2024-01-01,Alpha Co,CN,Beta SA,MX,10,"QCU1000001\n'
            "Q2,BL-2,2024-01-02,Alpha Co,CN,Beta SA,MX,11,QCU1000002\n"
            "Q3,BL-3,2024-01-03,Alpha Co,CN,Beta SA,MX,12,QCU1000003\n"
            "Q4,BL-4,2024-01-04,Alpha Co,CN,Beta SA,MX,13,QCU1000004\n")
    with pytest.raises(InputError) as error:
        ingest_path(gateway, _bundle(tmp_path / "b", rows))
    assert "row 2" in str(error.value) and "container_ids" in str(error.value)
    assert _shipments(gateway) == []
    report = ingest_path(gateway, tmp_path / "b", skip_invalid=True, rejects_path=tmp_path / "rejects.csv")
    assert report.rows_stored == 0 and _shipments(gateway) == []


def test_duplicate_ids_with_different_data_are_refused_naming_both_rows(gateway: Gateway, tmp_path: Path) -> None:
    rows = ("D1,BL-9,2024-01-01,Alpha Co,CN,Beta SA,MX,10,C1\n"
            "D1,BL-9,2024-01-01,Gamma Co,CN,Beta SA,MX,99,C1\n")
    with pytest.raises(InputError) as error:
        ingest_path(gateway, _bundle(tmp_path / "b", rows))
    assert "row 3" in str(error.value) and "manifests.csv row 2" in str(error.value)
    assert _shipments(gateway) == []
    report = ingest_path(gateway, tmp_path / "b", skip_invalid=True, rejects_path=tmp_path / "rejects.csv")
    assert (report.rows_stored, report.rows_rejected) == (0, 2)


def test_an_id_reused_by_a_later_run_with_different_data_is_refused(gateway: Gateway, tmp_path: Path) -> None:
    ingest_path(gateway, _bundle(tmp_path / "one", "D1,BL-9,2024-01-01,Alpha Co,CN,Beta SA,MX,10,C1\n"))
    again = ingest_path(gateway, tmp_path / "one")  # the same bundle again: fine, nothing changes
    assert again.rows_stored == 1
    changed = _bundle(tmp_path / "two", "D1,BL-9,2024-01-01,Gamma Co,CN,Beta SA,MX,99,C1\n"
                                        "D2,BL-10,2024-01-01,Alpha Co,CN,Beta SA,MX,5,C2\n")
    with pytest.raises(InputError) as error:
        ingest_path(gateway, changed)
    assert "earlier ingest" in str(error.value) and "shipper_name" in str(error.value)
    assert _shipments(gateway) == [{"key": "shipment:BL-9:D1", "weight": 10.0, "shippers": ["Alpha Co"]}]
    report = ingest_path(gateway, changed, skip_invalid=True, rejects_path=tmp_path / "rejects.csv")
    assert (report.rows_stored, report.rows_rejected) == (1, 1)
    with (tmp_path / "rejects.csv").open(encoding="utf-8") as handle:
        (rejected,) = list(csv.DictReader(handle))
    assert (rejected["_file"], rejected["_row"]) == ("manifests.csv", "2")  # the refused row, with its own reason
    assert "earlier ingest" in rejected["_reasons"] and "shipper_name" in rejected["_reasons"]
    assert [s["shippers"] for s in _shipments(gateway)] == [["Alpha Co"], ["Alpha Co"]]


def test_a_second_ingest_into_the_same_store_is_refused_while_one_runs(gateway: Gateway, tmp_path: Path) -> None:
    from workbench.ingest.runner import IngestRunning, ingest_lock  # noqa: PLC0415

    bundle = _bundle(tmp_path / "b", "D1,BL-9,2024-01-01,Alpha Co,CN,Beta SA,MX,10,C1\n")
    with ingest_lock(gateway.connection.home, gateway.database):  # another ingest holds the lock
        with pytest.raises(IngestRunning) as error:
            ingest_path(gateway, bundle)
        assert "Another ingest is running" in str(error.value) and f"pid " in str(error.value)
        assert _shipments(gateway) == []
    assert ingest_path(gateway, bundle).rows_stored == 1  # released when the other one ends


def test_cli_reports_a_running_ingest_in_one_line(gateway: Gateway, store_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import os  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    from workbench.ingest.runner import ingest_lock  # noqa: PLC0415

    bundle = _bundle(tmp_path / "b", "D1,BL-9,2024-01-01,Alpha Co,CN,Beta SA,MX,10,C1\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "WORKBENCH_"))}
    env.update(WORKBENCH_HOME=str(store_settings.home), NEO4J_DATABASE=store_settings.database)
    with ingest_lock(store_settings.home, store_settings.database):
        result = subprocess.run([sys.executable, "-m", "workbench", "ingest", str(bundle)], env=env,
                                capture_output=True, text=True, timeout=300)
    assert result.returncode == 6 and "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if line.strip()][-1].startswith("error: Another ingest")
