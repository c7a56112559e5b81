"""Findings kept per store version (workbench/analysis/snapshot.py): a briefing reuses the findings of the last
complete detector run while the data and the detectors are as they were, and runs them again once anything wrote
data (an ingest, a merge or split, a recorded inspection)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from workbench.analysis import risk, snapshot, targets
from workbench.analysis.detect import run_detectors
from workbench.analysis.overview import record_counts
from workbench.ingest import ingest_path
from workbench.store.gateway import Gateway
from workbench.trust.audit import AuditLog

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "workbench" / "demo" / "bundle"


def _dicts(detection: Any) -> list[dict[str, Any]]:
    return [f.to_dict() for f in detection.findings]


def _must_not_run(*_args: Any, **_kwargs: Any) -> Any:
    raise AssertionError("the detectors ran although kept findings were current")


def test_findings_are_kept_for_the_store_version_and_run_again_after_a_write(
        gateway: Gateway, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest_path(gateway, DEMO)
    home = tmp_path / "home"
    fresh = run_detectors(gateway)
    assert fresh.findings and not fresh.failed
    first = snapshot.detection(gateway, home)
    assert _dicts(first) == _dicts(fresh)  # the first run is a real run
    assert len(list((home / "cache").glob("findings-*.json"))) == 1

    with monkeypatch.context() as patch:
        patch.setattr(snapshot, "run_detectors", _must_not_run)
        kept = snapshot.detection(gateway, home)
    assert _dicts(kept) == _dicts(fresh)  # read back whole: entities, evidence, scores, explanations
    assert [r.rule for r in kept.runs] == [r.rule for r in fresh.runs]

    version = snapshot.store_version(gateway)
    shipment = gateway.read("MATCH (s:Shipment) RETURN s.key AS key ORDER BY s.key LIMIT 1").data()[0]["key"]
    targets.record_inspection(gateway, AuditLog(home), "officer.ramirez", shipment, "seizure", "found drums")
    assert snapshot.store_version(gateway) == (version or 0) + 1
    with monkeypatch.context() as patch:
        patch.setattr(snapshot, "run_detectors", _must_not_run)
        with pytest.raises(AssertionError, match="the detectors ran"):
            snapshot.detection(gateway, home)  # the inspection changed the data: the kept findings are stale
    again = snapshot.detection(gateway, home)
    assert any(f.rule == "inspection_findings" for f in again.findings)  # the new inspection is found

    record_counts(gateway, "a merge")  # merges, splits and ingests recount, which raises the version too
    with monkeypatch.context() as patch:
        patch.setattr(snapshot, "run_detectors", _must_not_run)
        with pytest.raises(AssertionError, match="the detectors ran"):
            snapshot.detection(gateway, home)


def test_a_run_with_a_failed_detector_is_not_kept(gateway: Gateway, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    record_counts(gateway, "an empty store, counted")  # gives the store a version
    assert snapshot.store_version(gateway) == 1
    home = tmp_path / "home"
    real = snapshot.run_detectors

    def one_fails(gw: Gateway) -> Any:
        detection = real(gw)
        detection.runs[0].status = "timeout"
        return detection

    monkeypatch.setattr(snapshot, "run_detectors", one_fails)
    snapshot.detection(gateway, home)
    assert not list((home / "cache").glob("findings-*.json"))
    monkeypatch.setattr(snapshot, "run_detectors", real)
    snapshot.detection(gateway, home)
    assert len(list((home / "cache").glob("findings-*.json"))) == 1  # the same run, complete, is kept


def test_the_risk_rankings_trade_flows_are_kept_for_the_store_version(gateway: Gateway, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The risk page and the inspection queue rank every firm; at a million manifests reading the trade flows walks
    every shipment, so they are kept per store version like the findings, and read again after any write."""
    ingest_path(gateway, DEMO)
    home = tmp_path / "home"
    fresh = [r.to_dict() for r in risk.rank(gateway)]
    first = [r.to_dict() for r in risk.rank(gateway, home=home)]
    assert first == fresh and len(list((home / "cache").glob("flows-*.json"))) == 1
    assert snapshot.trade_flows(gateway, home) == risk.trade_flows(gateway)  # read back whole, tuples and all

    def must_not_read(_gateway: Gateway) -> Any:
        raise AssertionError("the trade flows were read although kept ones were current")

    with monkeypatch.context() as patch:
        patch.setattr(snapshot, "read_trade_flows", must_not_read)
        assert [r.to_dict() for r in risk.rank(gateway, home=home)] == fresh
        record_counts(gateway, "a merge")  # any write of data raises the store's version
        with pytest.raises(AssertionError, match="the trade flows were read"):
            risk.rank(gateway, home=home)
