"""`workbench queries`, `query`, `detect` and `risk` through the CLI, on a real embedded database."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbench.cli import app
from workbench.store.gateway import Gateway
from workbench.settings import Settings

SCENARIOS = Path(__file__).parent.parent / "fixtures" / "scenarios"


@pytest.fixture
def cli(store_settings: Settings, gateway: Gateway, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("WORKBENCH_HOME", str(store_settings.home))
    monkeypatch.setenv("NEO4J_DATABASE", store_settings.database)
    text = (SCENARIOS / "successor_front_phoenix.cypher").read_text(encoding="utf-8")
    for statement in re.split(r";\s*$", text, flags=re.M):
        if statement.strip():
            gateway.write(statement)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args))


def test_queries_lists_saved_queries_and_detectors(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("queries", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.output)}
    assert rows["successor_front"]["category"] == "successor-front"
    assert rows["entity_neighbourhood"]["kind"] == "saved"
    assert "key:string" in rows["entity_neighbourhood"]["parameters"]
    assert not any(r["kind"] == "internal" for r in rows.values())


def test_query_runs_with_params_in_every_format(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("query", "entity_neighbourhood", "--param", "key=company:new-dawn", "--param", "depth=1",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {r["neighbour"] for r in rows} == {"person:li-ming", "address:wuhan-7"}
    assert rows[0]["path"]["nodes"][0]["key"] == "company:new-dawn"
    as_csv = list(csv.DictReader(io.StringIO(cli("query", "entity_neighbourhood", "-p", "key=company:new-dawn",
                                                 "--format", "csv").output)))
    assert {r["neighbour"] for r in as_csv} == {"person:li-ming", "address:wuhan-7"}
    table = cli("query", "shortest_paths", "-p", "fromKey=company:new-dawn", "-p", "toKey=company:old-dragon")
    assert table.exit_code == 0 and "NEW DAWN BIOTECH CO LTD - " in table.output


def test_query_refuses_bad_parameters_in_one_line(cli) -> None:  # type: ignore[no-untyped-def]
    from workbench.cli import main  # noqa: PLC0415

    with pytest.raises(SystemExit) as exit_info:
        main(["query", "entity_neighbourhood", "--param", "depth=two", "--param", "key=x"])
    assert exit_info.value.code != 0
    result = cli("query", "entity_neighbourhood", "--param", "colour=red")
    assert result.exit_code != 0 and "has no parameter colour" in str(result.exception)


def test_detect_json_is_a_list_of_findings(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("detect", "--rule", "successor_front", "--rule", "sanctions_proximity", "--format", "json")
    assert result.exit_code == 0, result.output
    findings = json.loads(result.output)
    assert {f["rule"] for f in findings} == {"successor_front", "sanctions_proximity"}
    for f in findings:
        assert set(f) >= {"rule", "category", "severity", "entities", "explanation", "evidence"}
        assert all(set(e) == {"label", "key", "name"} for e in f["entities"])
    table = cli("detect", "--rule", "successor_front")
    assert "NEW DAWN BIOTECH CO LTD was incorporated on 2023-06-01" in table.output


def test_risk_json_sorted_by_score_with_findings(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("risk", "--format", "json")
    assert result.exit_code == 0, result.output
    ranked = json.loads(result.output)
    assert ranked[0]["key"] == "company:new-dawn"
    assert [r["score"] for r in ranked] == sorted((r["score"] for r in ranked), reverse=True)
    assert all(set(r) == {"key", "name", "country", "score", "findings"} for r in ranked)
    assert ranked[0]["findings"][0]["rule"] == "successor_front"
    top = cli("risk", "--top", "1", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(top.output)))
    assert len(rows) == 1 and rows[0]["key"] == "company:new-dawn"
