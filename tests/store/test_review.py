"""The review queue on a real store: list, reject and accept from the CLI; decisions survive re-ingest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbench.cli import app
from workbench.ingest import ingest_path
from workbench.ingest.review import load_candidates
from workbench.settings import Settings
from workbench.store import queries
from workbench.store.gateway import Gateway

BUNDLE = Path(__file__).parent.parent / "fixtures" / "review"


def keys_of(gateway: Gateway, spelling: str) -> list[str]:
    rows = queries.run(gateway, "entities_company", row_cap=10**6).raise_for_status().data()
    return [r["key"] for r in rows if spelling in r["names"]]


def test_review_list_reject_accept_and_reingest(gateway: Gateway, store_settings: Settings,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    ingest_path(gateway, BUNDLE)
    monkeypatch.setenv("WORKBENCH_HOME", str(store_settings.home))
    monkeypatch.setenv("NEO4J_DATABASE", store_settings.database)
    runner = CliRunner()
    listed = runner.invoke(app, ["review", "list", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    pairs = json.loads(listed.output)
    names = {frozenset((p["aName"], p["bName"])) for p in pairs}
    norval = frozenset(("Química Norval, S.A. de C.V.", "Química Norval, S. de R.L. de C.V."))
    tenaro = frozenset(("Plásticos Tenaro, S.A. de C.V.", "Plasticos Tenaro Industrial, S.A. de C.V."))
    assert names == {norval, tenaro}
    sibling = next(p for p in pairs if frozenset((p["aName"], p["bName"])) == norval)
    same = next(p for p in pairs if frozenset((p["aName"], p["bName"])) == tenaro)

    assert runner.invoke(app, ["review", "reject", sibling["a"], sibling["b"], "--reason", "two legal persons"]
                         ).exit_code == 0
    accepted = runner.invoke(app, ["review", "accept", same["a"], same["b"], "--reason", "same phone and officer"])
    assert accepted.exit_code == 0, accepted.output
    assert load_candidates(gateway) == []
    assert keys_of(gateway, "Plasticos Tenaro Industrial, S.A. de C.V.") == [same["a"]]

    ingest_path(gateway, BUNDLE)  # decisions are applied again on every ingest
    assert load_candidates(gateway) == []
    assert keys_of(gateway, "Plasticos Tenaro Industrial, S.A. de C.V.") == [same["a"]]
    assert keys_of(gateway, "Química Norval, S.A. de C.V.") != keys_of(gateway, "Química Norval, S. de R.L. de C.V.")


def test_rejecting_an_unknown_entity_says_what_to_do(gateway: Gateway, store_settings: Settings,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_HOME", str(store_settings.home))
    monkeypatch.setenv("NEO4J_DATABASE", store_settings.database)
    result = CliRunner().invoke(app, ["review", "reject", "company:mx:nope", "company:mx:nada"])
    assert result.exit_code != 0
    assert "workbench entities list" in str(result.exception)
