"""The foundation against a real embedded server: read-only refusal, persistence, isolation, binding."""

from __future__ import annotations

import os
import signal
import time

import psutil
import pytest

from workbench.store import embedded
from workbench.analysis import overview
from workbench.errors import ReadOnlyViolation
from workbench.store.gateway import Gateway, Status
from workbench.store.schema import fulltext_indexes
from workbench.settings import Settings
from workbench.store.connect import open_gateway

# Test-only statements: the graph a test writes before it checks what survives.
SMALL_GRAPH = """
CREATE (a:Company {key: 'company:cn:alpha', name: 'Alpha Fine Chemical Co., Ltd.', searchText: 'alpha fine chemical'})
CREATE (b:Company {key: 'company:mx:beta', name: 'Beta Química S.A. de C.V.', searchText: 'beta quimica'})
CREATE (s:Shipment {key: 'shipment:bl-1', billOfLading: 'BL-1'})
CREATE (p:Person {key: 'person:mx:juan-perez', name: 'Juan Pérez', searchText: 'juan perez'})
CREATE (a)-[:SHIPPED]->(s)-[:CONSIGNED_TO]->(b)
CREATE (p)-[:OFFICER_OF {role: 'director'}]->(b)
"""
COUNT_ALL = "MATCH (n) RETURN count(n) AS n"


def _counts(gateway: Gateway) -> tuple[dict[str, int], dict[str, int]]:
    return overview.counts_by_label(gateway), overview.counts_by_relationship(gateway)


def test_model_applied_with_fulltext_indexes(gateway: Gateway) -> None:
    names = {row["name"] for row in gateway.read("SHOW INDEXES YIELD name RETURN name").data()}
    assert set(fulltext_indexes()) <= names
    assert "Company[key]" in names or "company_key" in names


def test_fulltext_search_finds_folded_names(gateway: Gateway) -> None:
    gateway.write(SMALL_GRAPH)
    result = gateway.read(
        "UNWIND $indexes AS idx CALL db.index.fulltext.queryNodes(idx, $q) YIELD node, score RETURN node.key AS key",
        {"indexes": fulltext_indexes(), "q": "quimica"},
    )
    assert result.status is Status.COMPLETE
    assert [row["key"] for row in result.data()] == ["company:mx:beta"]


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE (:Company {key: 'company:xx:intruder'})",
        "MATCH (c:Company) SET c.name = 'tampered'",
        "MATCH (c:Company) DETACH DELETE c",
        "MATCH (a:Company {key: 'company:cn:alpha'}), (b:Company {key: 'company:mx:beta'}) CREATE (a)-[:SHIPPED]->(b)",
        "CREATE INDEX intruder_idx IF NOT EXISTS FOR (n:Company) ON (n.website)",
        "MATCH (c:Company {key: 'company:cn:alpha'}) REMOVE c.name",
    ],
)
def test_read_only_path_refuses_writes_and_changes_nothing(gateway: Gateway, statement: str) -> None:
    gateway.write(SMALL_GRAPH)
    before = _counts(gateway)
    names_before = gateway.read("MATCH (c:Company) RETURN c.key AS k, c.name AS n ORDER BY k").data()
    indexes_before = gateway.read("SHOW INDEXES YIELD name RETURN name ORDER BY name").data()

    result = gateway.read(statement)

    assert result.status is Status.ERROR
    assert isinstance(result.error, ReadOnlyViolation)
    with pytest.raises(ReadOnlyViolation):
        result.raise_for_status()
    assert _counts(gateway) == before
    assert gateway.read("MATCH (c:Company) RETURN c.key AS k, c.name AS n ORDER BY k").data() == names_before
    assert gateway.read("SHOW INDEXES YIELD name RETURN name ORDER BY name").data() == indexes_before


def test_row_cap_truncates_with_status(gateway: Gateway) -> None:
    gateway.write("UNWIND range(1, 25) AS i CREATE (:Container {key: 'container:' + toString(i)})")
    capped = gateway.read("MATCH (c:Container) RETURN c.key AS key", row_cap=10)
    assert capped.status is Status.TRUNCATED
    assert len(capped.records) == 10
    full = gateway.read("MATCH (c:Container) RETURN c.key AS key", row_cap=100)
    assert full.status is Status.COMPLETE and len(full.records) == 25


def test_timeout_gives_timed_out_status(gateway: Gateway) -> None:
    result = gateway.read(
        "UNWIND range(1, 4000) AS a UNWIND range(1, 4000) AS b WITH a, b WHERE (a * b) % 7 = 0 RETURN count(*) AS n",
        timeout=1,
    )
    assert result.status is Status.TIMED_OUT
    assert "WORKBENCH_QUERY_TIMEOUT" in str(result.error)


def test_syntax_error_is_an_error_status_not_an_exception(gateway: Gateway) -> None:
    result = gateway.read("MATCH (c:Company RETURN c")
    assert result.status is Status.ERROR
    assert "rejected the query" in str(result.error)


def test_graph_objects_come_back_as_driver_types(gateway: Gateway) -> None:
    gateway.write(SMALL_GRAPH)
    record = gateway.read("MATCH p = (:Company)-[:SHIPPED]->(:Shipment) RETURN p").records[0]
    path = record["p"]
    assert type(path).__name__ == "Path"
    assert {"Company"} <= set(path.start_node.labels)
    assert path.relationships[0].type == "SHIPPED"


def test_credentials_private_and_server_on_loopback_only(server_settings: Settings) -> None:
    home = embedded.Home(server_settings.home)
    assert (home.credentials.stat().st_mode & 0o777) == 0o600
    info = embedded.status(server_settings).info
    assert info is not None
    listening = [c for c in psutil.Process(info.pid).net_connections(kind="inet") if c.status == psutil.CONN_LISTEN]
    assert {c.laddr.port for c in listening} >= {info.bolt_port, info.http_port}
    # Java reports an IPv4 socket as the IPv4-mapped IPv6 address; either way it is loopback only.
    assert {c.laddr.ip.removeprefix("::ffff:") for c in listening} == {"127.0.0.1"}


def _seed(settings: Settings) -> tuple[dict[str, int], dict[str, int]]:
    with open_gateway(settings) as gw:
        gw.write(SMALL_GRAPH)
        return _counts(gw)


def test_persistence_across_clean_restart(isolated_home: Settings) -> None:
    embedded.start(isolated_home)
    before = _seed(isolated_home)
    assert embedded.stop(isolated_home)
    assert not embedded.status(isolated_home).running
    embedded.start(isolated_home)
    with open_gateway(isolated_home) as gw:
        assert _counts(gw) == before


def test_committed_data_survives_sigkill(isolated_home: Settings) -> None:
    info = embedded.start(isolated_home)
    before = _seed(isolated_home)
    os.kill(info.pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while embedded.status(isolated_home).running and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not embedded.status(isolated_home).running
    embedded.start(isolated_home)
    with open_gateway(isolated_home) as gw:
        assert _counts(gw) == before


def test_two_homes_side_by_side(tmp_path) -> None:
    first = Settings.from_env({"WORKBENCH_HOME": str(tmp_path / "one"), "WORKBENCH_HEAP": "512m"})
    second = Settings.from_env({"WORKBENCH_HOME": str(tmp_path / "two"), "WORKBENCH_HEAP": "512m"})
    try:
        a = embedded.start(first)
        b = embedded.start(second)
        assert a.bolt_port != b.bolt_port and a.pid != b.pid
        with open_gateway(first) as gw:
            gw.write("CREATE (:Company {key: 'company:cn:only-in-one'})")
        with open_gateway(second) as gw:
            assert gw.read(COUNT_ALL).data() == [{"n": 0}]
        with open_gateway(first) as gw:
            assert gw.read(COUNT_ALL).data() == [{"n": 1}]
        assert embedded.status(first).info.bolt_port == a.bolt_port  # recorded in its own home
    finally:
        embedded.stop(first)
        embedded.stop(second)
