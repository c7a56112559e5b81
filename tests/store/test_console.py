"""The investigators' Cypher console is read-only because the store says so, not because the text looks harmless.

Every refused statement below is also run on the admin write path in the same test and must change
the store there: that proves the statement is valid and really writes, so the refusal on the
console is the store's read-only enforcement and not a syntax error.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterator

import pytest

from workbench.analysis import overview
from workbench.trust.audit import AuditLog
from workbench.trust.auth import User
from workbench.analysis.console import run_console
from workbench.errors import AccessDenied, ConfigurationError, InputError, ReadOnlyViolation
from workbench.store.gateway import Gateway, Status
from workbench.settings import Settings
from workbench.store.connect import open_gateway

INVESTIGATOR = User("ines", "investigator")

# Test-only statements: a small network of a supplier, a broker and a consignee.
BROKER_SCENARIO = """
CREATE (a:Company {key: 'company:cn:alpha', name: 'Alpha Fine Chemical Co., Ltd.', searchText: 'alpha fine chemical'})
CREATE (b:Company:Broker {key: 'company:hk:bridge', name: 'Bridge Trading Ltd', searchText: 'bridge trading'})
CREATE (c:Company {key: 'company:mx:gamma', name: 'Gamma Química S.A. de C.V.', searchText: 'gamma quimica'})
CREATE (s:Shipment {key: 'shipment:bl-1', billOfLading: 'BL-1', declarationDate: '2024-03-01'})
CREATE (a)-[:SHIPPED]->(s)-[:CONSIGNED_TO]->(c)
"""
EXPENSIVE = "UNWIND range(1, 4000) AS a UNWIND range(1, 4000) AS b WITH a, b WHERE (a * b) % 7 = 0 RETURN count(*) AS n"


def snapshot(gateway: Gateway) -> dict[str, Any]:
    """Everything a refused statement could have changed: counts, every property, indexes, constraints."""
    nodes = gateway.read("MATCH (n) RETURN n.key AS key, labels(n) AS labels, properties(n) AS props").data()
    rels = gateway.read("MATCH (a)-[r]->(b) RETURN a.key AS a, type(r) AS t, properties(r) AS p, b.key AS b").data()
    return {
        "labels": overview.counts_by_label(gateway),
        "relationships": overview.counts_by_relationship(gateway),
        "nodes": sorted((n["key"] or "", sorted(n["labels"]), sorted(n["props"].items())) for n in nodes),
        "edges": sorted((r["a"] or "", r["t"], sorted(r["p"].items()), r["b"] or "") for r in rels),
        "indexes": sorted(row["name"] for row in gateway.read("SHOW INDEXES YIELD name RETURN name").data()),
        "constraints": sorted(row["name"] for row in gateway.read("SHOW CONSTRAINTS YIELD name RETURN name").data()),
    }


@pytest.fixture
def audit(tmp_path: Path) -> AuditLog:
    return AuditLog(tmp_path / "home")


@pytest.fixture
def seeded(gateway: Gateway) -> Gateway:
    gateway.write(BROKER_SCENARIO)
    return gateway


def last_console_entry(audit: AuditLog) -> dict[str, Any]:
    entries = audit.show(action="cypher_console")
    assert entries, "the console recorded nothing"
    return {"user": entries[-1].user, **entries[-1].details}


# (id, statement, whether the admin write path visibly changes the store with it)
WRITES = [
    ("create", "CREATE (:Company {key: 'company:xx:intruder', name: 'Intruder'})", True),
    ("set", "MATCH (c:Company {key: 'company:cn:alpha'}) SET c.name = 'tampered'", True),
    ("remove", "MATCH (c:Company {key: 'company:cn:alpha'}) REMOVE c.name", True),
    ("delete", "MATCH (s:Shipment) DETACH DELETE s", True),
    ("delete-relationship", "MATCH ()-[r:SHIPPED]->() DELETE r", True),
    ("merge-create", "MERGE (c:Company {key: 'company:xx:merged'})", True),
    ("merge-on-match-set", "MERGE (c:Company {key: 'company:cn:alpha'}) ON MATCH SET c.name = 'tampered'", True),
    ("create-index", "CREATE INDEX intruder_idx IF NOT EXISTS FOR (n:Company) ON (n.website)", True),
    ("create-constraint", "CREATE CONSTRAINT intruder_unique IF NOT EXISTS FOR (n:Vessel) REQUIRE n.imo IS UNIQUE", True),
    ("drop-constraint", "DROP CONSTRAINT company_key", True),
    ("drop-index", "DROP INDEX company_name", True),
    ("call-in-transactions",
     "UNWIND range(1, 3) AS i CALL { WITH i CREATE (:Company {key: 'company:xx:batch-' + toString(i)}) } "
     "IN TRANSACTIONS OF 1 ROWS", True),
    # ArcadeDB's own writing procedures, callable from Cypher (SHOW PROCEDURES lists none of them).
    ("proc-merge-node", "CALL merge.node(['Company'], {key: 'company:xx:proc'}, {name: 'P'}) YIELD node RETURN node.key AS k",
     True),
    ("proc-apoc-merge-node",
     "CALL apoc.merge.node(['Company'], {key: 'company:xx:apoc'}, {name: 'P'}) YIELD node RETURN node.key AS k", True),
    ("proc-merge-relationship",
     "MATCH (a:Company {key: 'company:cn:alpha'}), (c:Company {key: 'company:mx:gamma'}) "
     "CALL merge.relationship(a, 'SHIPPED', {}, {}, c) YIELD rel RETURN type(rel) AS t", True),
    ("proc-refactor-merge-nodes",
     "MATCH (a:Company {key: 'company:cn:alpha'}), (c:Company {key: 'company:mx:gamma'}) "
     "CALL refactor.mergeNodes([a, c]) YIELD node RETURN node.key AS k", True),
    ("proc-do-when",
     "CALL do.when(true, 'CREATE (:Company {key: \"company:xx:when\"}) RETURN 1 AS x', 'RETURN 0 AS x', {}) "
     "YIELD value RETURN value", True),
    ("proc-migrate-temporals", "CALL db.migrateLegacyTemporals()", False),
]


@pytest.mark.parametrize("statement, really_writes", [(s, w) for _, s, w in WRITES], ids=[i for i, _, _ in WRITES])
def test_console_refuses_writes_and_the_store_is_unchanged(
    seeded: Gateway, audit: AuditLog, statement: str, really_writes: bool
) -> None:
    before = snapshot(seeded)

    result = run_console(seeded, statement, INVESTIGATOR, audit)

    assert result.status is Status.ERROR
    assert isinstance(result.error, ReadOnlyViolation), result.error
    assert snapshot(seeded) == before
    entry = last_console_entry(audit)
    assert entry["user"] == "ines" and entry["text"] == statement and entry["status"] == "error"
    if really_writes:
        seeded.write(statement)
        assert snapshot(seeded) != before, "the statement should change the store on the admin write path"


def test_console_refuses_load_csv_even_when_it_only_reads(seeded: Gateway, audit: AuditLog, tmp_path: Path) -> None:
    csv = tmp_path / "companies.csv"
    csv.write_text("key,name\ncompany:xx:csv-1,Loaded One\ncompany:xx:csv-2,Loaded Two\n")
    load = f"LOAD CSV WITH HEADERS FROM 'file://{csv}' AS row CREATE (:Company {{key: row.key, name: row.name}})"
    peek = f"LOAD CSV WITH HEADERS FROM 'file://{csv}' AS row RETURN row.name AS name"
    before = snapshot(seeded)

    for statement in (load, peek):
        result = run_console(seeded, statement, INVESTIGATOR, audit)
        assert result.status is Status.ERROR and isinstance(result.error, ReadOnlyViolation), result.error
        assert "LOAD CSV" in str(result.error) and "change the graph" not in str(result.error)
    not_load = run_console(seeded, "CREATE (:Company {key: 'LOAD CSV'})", INVESTIGATOR, audit)
    assert "LOAD CSV reads" not in str(not_load.error)
    assert snapshot(seeded) == before
    # The same file loads on the admin path, so the refusal is about who asks, not a bad statement.
    seeded.write(load)
    assert overview.counts_by_label(seeded)["Company"] == before["labels"]["Company"] + 2


def test_plain_read_completes_and_is_audited(seeded: Gateway, audit: AuditLog) -> None:
    statement = "MATCH (c:Company)-[:SHIPPED]->(s:Shipment) RETURN c.name AS supplier, s.billOfLading AS bl"

    result = run_console(seeded, statement, INVESTIGATOR, audit)

    assert result.status is Status.COMPLETE
    assert result.data() == [{"supplier": "Alpha Fine Chemical Co., Ltd.", "bl": "BL-1"}]
    entry = last_console_entry(audit)
    assert entry["status"] == "complete" and entry["rows"] == 1 and entry["text"] == statement
    assert audit.verify().ok


def test_parameters_and_a_semicolon_inside_a_string_are_one_statement(seeded: Gateway, audit: AuditLog) -> None:
    result = run_console(
        seeded, "MATCH (c:Company {key: $key}) RETURN c.name AS name, 'a;b' AS s;  // trailing ; is fine",
        INVESTIGATOR, audit, params={"key": "company:mx:gamma"},
    )
    assert result.status is Status.COMPLETE
    assert result.data() == [{"name": "Gamma Química S.A. de C.V.", "s": "a;b"}]
    assert last_console_entry(audit)["parameters"] == {"key": "company:mx:gamma"}


def test_row_cap_gives_truncated(seeded: Gateway, audit: AuditLog) -> None:
    result = run_console(seeded, "UNWIND range(1, 50) AS i RETURN i", INVESTIGATOR, audit, row_cap=10)
    assert result.status is Status.TRUNCATED
    assert [r["i"] for r in result.data()] == list(range(1, 11))
    assert last_console_entry(audit)["status"] == "truncated"


def test_timeout_gives_timed_out(gateway: Gateway, audit: AuditLog) -> None:
    result = run_console(gateway, EXPENSIVE, INVESTIGATOR, audit, timeout=1)
    assert result.status is Status.TIMED_OUT
    assert last_console_entry(audit)["status"] == "timed_out"


@pytest.mark.parametrize("text", ["", "   \n\t", "// just a comment\n/* and another */"])
def test_empty_text_is_refused_clearly(gateway: Gateway, audit: AuditLog, text: str) -> None:
    with pytest.raises(InputError, match="type one Cypher statement"):
        run_console(gateway, text, INVESTIGATOR, audit)
    assert last_console_entry(audit)["status"] == "refused"


def test_several_statements_are_refused_and_none_runs(seeded: Gateway, audit: AuditLog) -> None:
    before = snapshot(seeded)
    with pytest.raises(InputError, match="one statement at a time"):
        run_console(seeded, "MATCH (n) RETURN count(n);\nMATCH (c:Company) SET c.name = 'tampered'", INVESTIGATOR,
                    audit)
    assert snapshot(seeded) == before
    entry = last_console_entry(audit)
    assert entry["status"] == "refused" and "tampered" in entry["text"]


@pytest.mark.parametrize("role", ["viewer", "analyst"])
def test_roles_below_investigator_are_denied_and_audited(seeded: Gateway, audit: AuditLog, role: str) -> None:
    with pytest.raises(AccessDenied):
        run_console(seeded, "MATCH (n) RETURN n LIMIT 1", User("val", role), audit)
    entry = last_console_entry(audit)
    assert entry["user"] == "val" and entry["status"] == "refused"


def test_a_damaged_trail_stops_the_console_before_it_runs(seeded: Gateway, audit: AuditLog) -> None:
    run_console(seeded, "RETURN 1 AS one", INVESTIGATOR, audit)
    run_console(seeded, "RETURN 2 AS two", INVESTIGATOR, audit)
    lines = audit.path.read_bytes().splitlines(keepends=True)
    audit.path.write_bytes(b"".join(lines[:-1]))  # someone removes the last entry
    with pytest.raises(ConfigurationError, match="damaged"):
        run_console(seeded, "RETURN 1 AS one", INVESTIGATOR, audit)


# --- Neo4j 5 (runs only against a server you point it at) --------------------------------------------------

NEO4J_WRITES = [
    ("create", "CREATE (:Company {key: 'company:xx:console-test-intruder'})"),
    ("set", "MATCH (c:Company {key: 'company:xx:console-test'}) SET c.name = 'tampered'"),
    ("delete", "MATCH (c:Company {key: 'company:xx:console-test'}) DETACH DELETE c"),
    ("merge", "MERGE (c:Company {key: 'company:xx:console-test-merged'})"),
    ("create-index", "CREATE INDEX console_test_idx IF NOT EXISTS FOR (n:Company) ON (n.website)"),
    ("create-constraint", "CREATE CONSTRAINT console_test_unique IF NOT EXISTS FOR (n:Vessel) REQUIRE n.imo IS UNIQUE"),
    ("drop-constraint", "DROP CONSTRAINT company_key"),
    ("proc-create-label", "CALL db.createLabel('ConsoleTestLabel')"),
    ("proc-create-property", "CALL db.createProperty('consoleTestProperty')"),
    ("load-csv", "LOAD CSV FROM 'https://example.invalid/x.csv' AS row CREATE (:Company {key: row[0]})"),
    ("call-in-transactions", "CALL { CREATE (:Company {key: 'company:xx:console-test-batch'}) } IN TRANSACTIONS"),
]
NEO4J_SKIP = (
    "Neo4j console checks need a Neo4j 5 server: set NEO4J_TEST_URI and NEO4J_TEST_PASSWORD "
    "(optionally NEO4J_TEST_USER, NEO4J_TEST_DATABASE); none runs on this machine (no Docker, not on PyPI/Debian/npm)"
)


@pytest.fixture
def neo4j_gateway(tmp_path: Path) -> Iterator[Gateway]:
    if not (os.environ.get("NEO4J_TEST_URI") and os.environ.get("NEO4J_TEST_PASSWORD")):
        pytest.skip(NEO4J_SKIP)
    settings = Settings.from_env({
        "WORKBENCH_HOME": str(tmp_path / "home"),
        "NEO4J_URI": os.environ["NEO4J_TEST_URI"],
        "NEO4J_PASSWORD": os.environ["NEO4J_TEST_PASSWORD"],
        "NEO4J_USER": os.environ.get("NEO4J_TEST_USER", "neo4j"),
        "NEO4J_DATABASE": os.environ.get("NEO4J_TEST_DATABASE", "neo4j"),
    })
    gw = open_gateway(replace(settings, query_timeout=20.0))
    gw.write("MERGE (c:Company {key: 'company:xx:console-test'}) SET c.name = 'Console Test'")
    yield gw
    gw.write("MATCH (c) WHERE c.key STARTS WITH 'company:xx:console-test' DETACH DELETE c")
    gw.close()


@pytest.mark.parametrize("statement", [s for _, s in NEO4J_WRITES], ids=[i for i, _ in NEO4J_WRITES])
def test_console_refuses_writes_on_neo4j(neo4j_gateway: Gateway, audit: AuditLog, statement: str) -> None:
    before = snapshot(neo4j_gateway)
    result = run_console(neo4j_gateway, statement, INVESTIGATOR, audit)
    assert result.status is Status.ERROR
    if "IN TRANSACTIONS" not in statement:  # Neo4j refuses that one in any explicit transaction, read or not
        assert isinstance(result.error, ReadOnlyViolation), result.error
    assert snapshot(neo4j_gateway) == before


# --- `workbench console` from the shell ---------------------------------------------------------------


@pytest.fixture
def shell(seeded: Gateway, store_settings: Settings, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner  # noqa: PLC0415

    from workbench.cli import app  # noqa: PLC0415

    monkeypatch.setenv("WORKBENCH_HOME", str(store_settings.home))
    monkeypatch.setenv("NEO4J_DATABASE", store_settings.database)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["console", *args])


def test_shell_console_reads_in_every_format_and_is_audited(shell, store_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    import csv  # noqa: PLC0415
    import io  # noqa: PLC0415
    import json  # noqa: PLC0415

    query = "MATCH (c:Company) WHERE c.key STARTS WITH $prefix RETURN c.key AS key, c.name AS name ORDER BY key"
    as_json = shell(query, "-p", "prefix=company:", "--format", "json")
    assert as_json.exit_code == 0, as_json.output
    assert [r["key"] for r in json.loads(as_json.output)] == ["company:cn:alpha", "company:hk:bridge", "company:mx:gamma"]
    as_csv = shell(query, "-p", "prefix=company:mx", "--format", "csv")
    assert list(csv.DictReader(io.StringIO(as_csv.output))) == [{"key": "company:mx:gamma",
                                                                  "name": "Gamma Química S.A. de C.V."}]
    assert "company:hk:bridge" in shell(query, "-p", "prefix=company:").output
    last = AuditLog(store_settings.home).show(action="cypher_console")[-1]
    assert last.user.startswith("cli:") and last.details["status"] == "complete" and last.details["rows"] == 3


def test_shell_console_refuses_writes_like_the_page(shell, seeded: Gateway, store_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(seeded)
    result = shell("CREATE (:Company {key: 'company:evil'})")
    assert result.exit_code != 0 and isinstance(result.exception, ReadOnlyViolation)
    assert snapshot(seeded) == before
    several = shell("MATCH (n) RETURN n; MATCH (m) RETURN m")
    assert isinstance(several.exception, InputError)
    statuses = [e.details["status"] for e in AuditLog(store_settings.home).show(action="cypher_console")[-2:]]
    assert statuses == ["error", "refused"]
