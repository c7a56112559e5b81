"""The inspection queue (workbench/analysis/targets.py) on a real store: the planted consignment first at its demo
port with its reasons, recorded outcomes audited and used as evidence in the next ranking, bystanders sharing only
the port left where they are, and bad ports or dates refused with one clear line."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import pytest

from workbench.analysis import targets
from workbench.errors import InputError
from workbench.settings import Settings
from workbench.store import queries
from workbench.store.gateway import Gateway
from workbench.trust.audit import AuditLog

REPO = Path(__file__).resolve().parent.parent.parent
WEEK = REPO / "tests" / "fixtures" / "targets" / "manzanillo_week.cypher"
DEMO = Path(os.environ.get("WORKBENCH_TEST_DEMO", REPO / "workbench" / "demo" / "bundle"))
NOW = datetime(2024, 7, 12, 9, 30, tzinfo=timezone.utc)


def write_week(gateway: Gateway) -> None:
    for statement in re.split(r";\s*$", WEEK.read_text(encoding="utf-8"), flags=re.M):
        if statement.strip() and not all(line.strip().startswith("//") for line in statement.strip().splitlines()):
            gateway.write(statement)


def queue_of(gateway: Gateway, port: str = "MXZLO") -> dict[str, targets.Target]:
    queue = targets.build_queue(gateway, port, "2024-07-01", "2024-07-31")
    return {t.key: t for t in queue.targets}


def codes(target: targets.Target) -> set[str]:
    return {r.code for r in target.reasons}


@pytest.fixture
def week(gateway: Gateway) -> Gateway:
    write_week(gateway)
    return gateway


def test_every_mode_arriving_in_the_window_is_ranked_with_readable_reasons(week: Gateway) -> None:
    queue = targets.build_queue(week, "MXZLO", "2024-07-01", "2024-07-31")
    keys = [t.key for t in queue.targets]
    assert set(keys) == {"shipment:RISKY1", "shipment:REPEAT2", "shipment:PLAIN1", "shipment:AIR1"}  # not June's
    assert keys[0] == "shipment:RISKY1" and [t.rank for t in queue.targets] == [1, 2, 3, 4]
    by_key = {t.key: t for t in queue.targets}
    assert by_key["shipment:AIR1"].mode == "courier" and by_key["shipment:PLAIN1"].mode == "sea"
    risky = by_key["shipment:RISKY1"]
    assert {"controlled_chemical", "declaration_mismatch", "notification_missing", "watched_transit"} <= codes(risky)
    lines = [r.text("en") for r in risky.reasons]
    assert "No pre-export notification for N-phenethyl-4-piperidone naming the consignee as importer" in lines
    assert "HS code 3304.99 does not fit N-phenethyl-4-piperidone (HS 2933.37)" in lines
    assert any(line.startswith("Routed through Los Angeles (US)") for line in lines)
    assert any("UN Table I since 2017-10-18" in line for line in lines)
    assert any(line.startswith("Sin notificación previa") for line in (r.text("es") for r in risky.reasons))
    assert by_key["shipment:REPEAT2"].score == 30.0 and codes(by_key["shipment:REPEAT2"]) == {"vague_declaration"}
    assert queue.port["name"] == "Manzanillo" and queue.port["arrivals"] == 4


def test_an_objected_notification_is_named(week: Gateway) -> None:
    week.write("MATCH (c:Company {key: 'company:mx:quimica-sombra'}), (x:Chemical {key: 'chemical:npp'}) "
               "CREATE (n:Notification {key: 'notification:PEN-1', penId: 'PEN-2024-000001', status: 'objected', "
               "dispatchDate: '2024-06-20'})-[:IMPORTER]->(c), (n)-[:COVERS]->(x)")
    risky = queue_of(week)["shipment:RISKY1"]
    assert "notification_objected" in codes(risky) and "notification_missing" not in codes(risky)
    assert "The pre-export notification for N-phenethyl-4-piperidone was objected (PEN-2024-000001)" in [
        r.text("en") for r in risky.reasons]
    week.write("MATCH (c:Company {key: 'company:mx:quimica-sombra'}), (x:Chemical {key: 'chemical:npp'}) "
               "CREATE (n:Notification {key: 'notification:PEN-2', penId: 'PEN-2024-000002', status: 'approved', "
               "dispatchDate: '2024-06-25'})-[:IMPORTER]->(c), (n)-[:COVERS]->(x)")
    assert not {"notification_objected", "notification_missing"} & codes(queue_of(week)["shipment:RISKY1"])


def test_a_recorded_seizure_is_audited_and_raises_the_firms_next_consignment(week: Gateway, tmp_path: Path) -> None:
    before = queue_of(week)
    audit = AuditLog(tmp_path / "home")
    item = targets.record_inspection(week, audit, "officer.ramirez", "REPEAT1", "seizure",
                                     "drums of white powder; field test positive for 4-AP", day="2024-06-05", now=NOW)
    assert item.shipment == "shipment:REPEAT1" and item.port == "MXZLO" and item.officer == "officer.ramirez"
    stored = week.read("MATCH (i:Inspection)-[:INSPECTED]->(s:Shipment {key: 'shipment:REPEAT1'}) "
                       "RETURN i.outcome AS outcome, i.officer AS officer, i.recordedAt AS at, i.notes AS notes").data()
    assert stored == [{"outcome": "seizure", "officer": "officer.ramirez", "at": "2024-07-12T09:30:00+00:00",
                       "notes": "drums of white powder; field test positive for 4-AP"}]
    (entry,) = [e for e in audit.show() if e.action == "inspection"]
    assert entry.user == "officer.ramirez"
    assert entry.details["shipment"] == "shipment:REPEAT1" and entry.details["outcome"] == "seizure"
    assert audit.verify().ok

    after = queue_of(week)
    repeat = after["shipment:REPEAT2"]
    assert repeat.score > before["shipment:REPEAT2"].score + 30
    parties = [r for r in repeat.reasons if r.code == "party_risk"]
    assert {r.values["key"] for r in parties} == {"company:mx:distribuidora-delta", "company:cn:jade-river"}
    assert any("Inspection found something" in r.text("en") for r in parties)
    assert any("found something: seizure on REPEAT1" in line for r in parties for line in targets.finding_lines(r))
    # the seizure at Manzanillo is no reason to inspect anyone else who arrives there
    for key in ("shipment:PLAIN1", "shipment:AIR1"):
        assert after[key].score == before[key].score == 0.0 and after[key].reasons == []
    shown = targets.inspections_of(week, "company:mx:distribuidora-delta")
    assert [(i["billOfLading"], i["outcome"]) for i in shown] == [("REPEAT1", "seizure")]
    assert [i["outcome"] for i in targets.inspections_of(week, "shipment:REPEAT1")] == ["seizure"]


def test_nothing_found_on_an_identical_consignment_lowers_the_score_a_little(week: Gateway, tmp_path: Path) -> None:
    before = queue_of(week)["shipment:REPEAT2"].score
    targets.record_inspection(week, AuditLog(tmp_path / "home"), "officer.ramirez", "shipment:REPEAT1",
                              "nothing_found", "matches the declaration", day="2024-06-05", now=NOW)
    repeat = queue_of(week)["shipment:REPEAT2"]
    assert repeat.score == pytest.approx(before * 0.85, abs=0.1) and 0 < repeat.score < before
    cleared = [r for r in repeat.reasons if r.code == "cleared_alike"]
    assert cleared and "REPEAT1" in cleared[0].text("en") and "2024-06-05" in cleared[0].text("en")


def test_an_inspected_consignment_shows_its_outcome(week: Gateway, tmp_path: Path) -> None:
    targets.record_inspection(week, AuditLog(tmp_path / "home"), "officer.ramirez", "shipment:PLAIN1",
                              "nothing_found", "", day="2024-07-10", now=NOW)
    plain = queue_of(week)["shipment:PLAIN1"]
    assert plain.score == 0.0 and plain.inspections[0]["outcome"] == "nothing_found"
    assert [r.text("en") for r in plain.reasons] == ["Already inspected on 2024-07-10: nothing found"]
    assert plain.flat()["inspected"] == "nothing_found 2024-07-10"


@pytest.mark.parametrize("ref, outcome, day, message", [
    ("shipment:NOPE", "seizure", None, "No consignment with key or transport document 'shipment:NOPE'"),
    ("shipment:RISKY1", "found_drugs", None, "Outcome 'found_drugs' is not one of nothing_found, discrepancy, seizure"),
    ("shipment:RISKY1", "seizure", "2024-13-01", "--date '2024-13-01' is not a date"),
    ("shipment:RISKY1", "seizure", "2024-08-01", "in the future"),
])
def test_a_bad_inspection_is_refused_and_nothing_is_written(week: Gateway, tmp_path: Path, ref: str, outcome: str,
                                                            day: str | None, message: str) -> None:
    audit = AuditLog(tmp_path / "home")
    with pytest.raises(InputError, match=re.escape(message)):
        targets.record_inspection(week, audit, "officer.ramirez", ref, outcome, "x", day=day, now=NOW)
    assert week.read("MATCH (i:Inspection) RETURN count(i) AS n").data() == [{"n": 0}]
    assert [e for e in audit.show() if e.action == "inspection"] == []


def test_nothing_is_recorded_when_the_audit_trail_is_damaged(week: Gateway, tmp_path: Path) -> None:
    audit = AuditLog(tmp_path / "home")
    audit.record("someone", "search", {})
    with open(audit.path, "ab") as handle:
        handle.write(b"garbled")
    with pytest.raises(Exception, match="audit"):
        targets.record_inspection(week, audit, "officer.ramirez", "shipment:RISKY1", "seizure", "", now=NOW)
    assert week.read("MATCH (i:Inspection) RETURN count(i) AS n").data() == [{"n": 0}]


@pytest.mark.parametrize("port, first, last, message", [
    ("XXNOPE", "2024-07-01", "2024-07-31", "No port or airport with code 'XXNOPE' in the store"),
    ("MXZLO", "2024-07-32", "2024-07-31", "--from '2024-07-32' is not a date"),
    ("MXZLO", "1 July", "2024-07-31", "--from '1 July' is not a date"),
    ("MXZLO", "2024-07-31", "2024-07-01", "--from 2024-07-31 is after --to 2024-07-01"),
    ("MXZLO", "2020-01-01", "2024-07-01", "longer than 366 days"),
])
def test_bad_port_or_dates_are_refused(week: Gateway, port: str, first: str, last: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        targets.build_queue(week, port, first, last, party_risk={})


def test_a_port_alias_finds_the_port(week: Gateway) -> None:
    queue = targets.build_queue(week, "Manzanillo", "2024-07-01", "2024-07-31", party_risk={})
    assert queue.port["code"] == "MXZLO" and len(queue.targets) == 4


# --- the CLI -------------------------------------------------------------------------------------------------------

def run_cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "WORKBENCH_"))}
    env.update({"WORKBENCH_HOME": str(settings.home), "NEO4J_DATABASE": settings.database,
                "PYTHONPATH": str(REPO)})
    return subprocess.run([sys.executable, "-m", "workbench", *args], env=env, capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("args, expected", [
    (("--port", "XXNOPE", "--from", "2024-07-01", "--to", "2024-07-31"), "No port or airport with code 'XXNOPE'"),
    (("--port", "MXZLO", "--from", "2024-07-01", "--to", "31/07/2024"), "--to '31/07/2024' is not a date"),
    (("--port", "MXZLO", "--from", "2024-07-31", "--to", "2024-07-01"), "is after --to"),
])
def test_cli_bad_port_or_dates_is_one_clear_line(own_home: Settings, week: Gateway, args: tuple[str, ...],
                                                 expected: str) -> None:
    result = run_cli(own_home, "targets", *args)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and expected in lines[0], result.stderr


def test_cli_ranks_records_and_ranks_again(own_home: Settings, week: Gateway) -> None:
    first = run_cli(own_home, "targets", "--port", "MXZLO", "--from", "2024-07-01", "--to", "2024-07-31",
                    "--format", "json")
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    assert data["port"]["code"] == "MXZLO" and data["targets"][0]["key"] == "shipment:RISKY1"
    assert data["targets"][0]["reasons"][0]["text"]
    table = run_cli(own_home, "targets", "--port", "MXZLO", "--from", "2024-07-01", "--to", "2024-07-31")
    assert table.returncode == 0 and table.stdout.startswith("Manzanillo (MXZLO, seaport) 2024-07-01..2024-07-31: 4")
    csv_out = run_cli(own_home, "targets", "--port", "MXZLO", "--from", "2024-07-01", "--to", "2024-07-31",
                      "--format", "csv", "--lang", "es")
    assert csv_out.returncode == 0 and csv_out.stdout.splitlines()[0].startswith("rank,score,billOfLading")
    assert "Sin notificación previa" in csv_out.stdout
    recorded = run_cli(own_home, "inspect", "REPEAT1", "--outcome", "discrepancy", "--notes", "weight 20% over",
                       "--date", "2024-06-05")
    assert recorded.returncode == 0, recorded.stderr
    assert recorded.stdout.startswith("recorded discrepancy on shipment:REPEAT1 (2024-06-05)")
    bad = run_cli(own_home, "inspect", "REPEAT1", "--outcome", "maybe")
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and "is not one of" in bad.stderr
    again = json.loads(run_cli(own_home, "targets", "--port", "MXZLO", "--from", "2024-07-01", "--to", "2024-07-31",
                               "--format", "json").stdout)
    scores = {t["key"]: t["score"] for t in again["targets"]}
    assert scores["shipment:REPEAT2"] > {t["key"]: t["score"] for t in data["targets"]}["shipment:REPEAT2"]
    entries = AuditLog(own_home.home).show()
    assert [e.action for e in entries].count("targets") == 4
    (inspection,) = [e for e in entries if e.action == "inspection"]
    assert inspection.user.startswith("cli:") and inspection.details["outcome"] == "discrepancy"


# --- the demo scenario ---------------------------------------------------------------------------------------------

PLANTED_BOL = "ZNML2051104306"  # Tarvek's NPP from a new supplier, after Mexico objected to a PEN


@pytest.fixture
def demo(demo_store: tuple[Gateway, Settings]) -> Iterator[Gateway]:
    """The demo bundle, ingested once for the session (tests/conftest.py) and shared with other modules' readers:
    the inspections a test records here are removed afterwards, so it is the demo again for the next test."""
    gateway = demo_store[0]
    count = "MATCH (i:Inspection) RETURN count(i) AS n"
    assert gateway.read(count).raise_for_status().data()[0]["n"] == 0, "the shared demo store holds inspections"
    yield gateway
    gateway.write("MATCH (i:Inspection) DETACH DELETE i")
    # a write outside the workbench's own paths: raise the store's version as they do, so findings kept for
    # briefings on the shared store (workbench/analysis/snapshot.py) are not reused with the inspection in them
    queries.run(gateway, "store_changed", {"changedAt": "test", "changedBy": "inspections removed by a test"})
    assert gateway.read(count).raise_for_status().data()[0]["n"] == 0


def test_the_planted_consignment_is_first_at_its_demo_port_with_its_reasons(demo: Gateway) -> None:
    truth = json.loads((DEMO / "ground_truth.json").read_text(encoding="utf-8"))
    planted = {m for p in truth["plants"] for m in p.get("evidence", {}).get("manifests", [])}
    with (DEMO / "manifests.csv").open(encoding="utf-8", newline="") as handle:
        record_of = {row["bill_of_lading"]: row["record_id"] for row in csv.DictReader(handle)}
    assert record_of[PLANTED_BOL] in planted  # record ids move when plants are added; the bill of lading stays
    queue = targets.build_queue(demo, "MXZLO", "2024-07-01", "2024-07-31")
    assert len(queue.targets) > 20
    first = queue.targets[0]
    assert first.billOfLading == PLANTED_BOL, [(t.billOfLading, t.score) for t in queue.targets[:5]]
    assert first.consignees[0]["name"].startswith("Comercializadora Industrial Tarvek")
    assert {"party_risk", "controlled_chemical", "notification_missing"} <= codes(first)
    lines = [r.text("en") for r in first.reasons]
    assert lines[0].startswith("Consignee Comercializadora Industrial Tarvek") and "Company shopping" in lines[0]
    assert "No pre-export notification for N-phenethyl-4-piperidone naming the consignee as importer" in lines
    # every planted consignment of the window ranks ahead of every ordinary one
    flags = [record_of.get(str(t.billOfLading)) in planted for t in queue.targets]
    assert sum(flags) >= 2 and flags == sorted(flags, reverse=True), [(t.billOfLading, t.score) for t in queue.targets[:6]]


def test_on_the_demo_a_recorded_seizure_is_audited_and_raises_the_firms_elsewhere(demo: Gateway,
                                                                                 tmp_path: Path) -> None:
    """It adds an inspection to the shared demo database; the `demo` fixture removes it afterwards."""
    manzanillo = {t.key: t.score for t in targets.build_queue(demo, "MXZLO", "2024-07-01", "2024-07-31").targets}
    lazaro = {t.billOfLading: t.score for t in targets.build_queue(demo, "MXLZC", "2024-09-01", "2024-09-30").targets}
    audit = AuditLog(tmp_path / "home")
    item = targets.record_inspection(demo, audit, "officer.ramirez", PLANTED_BOL, "seizure",
                                     "NPP in drums declared as such; no PEN presented", day="2024-07-12", now=NOW)
    (entry,) = [e for e in audit.show() if e.action == "inspection"]
    assert entry.details["billOfLading"] == PLANTED_BOL and entry.details["outcome"] == "seizure"
    assert entry.details["inspection"] == item.key and audit.verify().ok
    # Tarvek's next consignment, at another port two months later, ranks higher for it
    after = {t.billOfLading: t for t in targets.build_queue(demo, "MXLZC", "2024-09-01", "2024-09-30").targets}
    tarvek = after["VXLN4705540067"]
    assert tarvek.score > lazaro["VXLN4705540067"]
    assert any("Inspection found something" in r.text("en") for r in tarvek.reasons if r.code == "party_risk")
    # nobody else at Manzanillo moves up for sharing the port with a seizure
    now_there = {t.key: t.score for t in targets.build_queue(demo, "MXZLO", "2024-07-01", "2024-07-31").targets}
    moved = {k for k in manzanillo if now_there[k] > manzanillo[k]}
    assert moved == {item.shipment}, moved
