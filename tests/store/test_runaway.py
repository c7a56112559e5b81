"""Queries end when they time out (issue 14 #1): the embedded server stops a runaway query at its deadline, so four
of them do not block everyone else; one user cannot take every slot; a memory runaway gets a clear message."""

from __future__ import annotations

import threading
from typing import Iterator

import pytest

from workbench.analysis.console import run_console
from workbench.settings import Settings
from workbench.store import embedded
from workbench.store.connect import open_gateway
from workbench.store.gateway import Gateway, QueryResult, Status, act_as
from workbench.trust.audit import AuditLog
from workbench.trust.auth import User

RUNAWAY = "MATCH (a),(b),(c) WHERE a.key + b.key + c.key = 'x' RETURN count(*) AS n"


@pytest.fixture(scope="module")
def short_timeout_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """A server of this module's own whose statements stop after 3 s (300 nodes: the runaway needs minutes)."""
    settings = Settings.from_env({"WORKBENCH_HOME": str(tmp_path_factory.mktemp("runaway-home")),
                                  "WORKBENCH_HEAP": "512m", "WORKBENCH_QUERY_TIMEOUT": "3",
                                  "WORKBENCH_USER_QUERIES": "1", "WORKBENCH_CONSOLE_QUERIES": "4"})
    embedded.start(settings)
    with open_gateway(settings) as gateway:
        gateway.write("UNWIND range(1, 300) AS i CREATE (:Company {key: 'company:' + toString(i), "
                      "name: 'Firm ' + toString(i), searchText: 'firm ' + toString(i)})")
    yield settings
    embedded.stop(settings)


@pytest.fixture
def gw(short_timeout_home: Settings) -> Iterator[Gateway]:
    with open_gateway(short_timeout_home) as gateway:
        yield gateway


def test_four_runaway_queries_are_stopped_by_the_server_and_others_still_answer(
        gw: Gateway, short_timeout_home: Settings) -> None:
    audit = AuditLog(short_timeout_home.home)
    results: dict[str, QueryResult] = {}

    def runaway(name: str) -> None:
        results[name] = run_console(gw, RUNAWAY, User(name, "investigator"), audit)

    threads = [threading.Thread(target=runaway, args=(f"user{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for name, result in results.items():
        assert result.status is Status.TIMED_OUT, (name, result.error)
        assert "stopped by the server" in str(result.error), result.error  # not merely abandoned by the client
    act_as("someone-else")
    after = gw.read("MATCH (c:Company {key: $key}) RETURN c.name AS name", {"key": "company:7"})
    assert after.status is Status.COMPLETE and after.data() == [{"name": "Firm 7"}]
    statuses = [e.details["status"] for e in audit.show(action="cypher_console")]
    assert statuses.count("timed_out") >= 4


def test_one_user_cannot_take_every_slot(gw: Gateway) -> None:
    slot = gw._slot("mallory")  # mallory has her one query (WORKBENCH_USER_QUERIES=1) running
    assert slot is not None and slot.acquire(blocking=False)
    try:
        act_as("mallory")
        refused = gw.read("RETURN 1 AS one", timeout=1)  # waits a second for her running query, then refuses
        assert refused.status is Status.ERROR and "already have 1 queries running" in str(refused.error)
        act_as("alice")
        assert gw.read("RETURN 1 AS one").data() == [{"one": 1}]
    finally:
        slot.release()
    act_as("mallory")
    assert gw.read("RETURN 1 AS one").status is Status.COMPLETE


def test_a_memory_runaway_is_refused_with_a_clear_message(gw: Gateway, short_timeout_home: Settings) -> None:
    act_as("mallory")
    result = run_console(gw, "RETURN size(reduce(s = 'x', i IN range(1, 40) | s + s)) AS n",
                         User("mallory", "investigator"), AuditLog(short_timeout_home.home))
    assert result.status in (Status.ERROR, Status.TIMED_OUT)
    assert "Cannot reach the graph store" not in str(result.error) and "memory" in str(result.error)
    act_as("alice")
    assert gw.read("RETURN 1 AS one").data() == [{"one": 1}]  # the server is still there


def test_typed_queries_beyond_the_console_slots_are_refused_clearly(gw: Gateway, short_timeout_home: Settings) -> None:
    for _ in range(4):  # every console slot is taken by someone's typed query
        assert gw.console_slots.acquire(blocking=False)
    try:
        result = run_console(gw, "RETURN 1 AS one", User("alice", "investigator"), AuditLog(short_timeout_home.home),
                             timeout=1)
    finally:
        for _ in range(4):
            gw.console_slots.release()
    assert result.status is Status.ERROR and "console is busy" in str(result.error)
    assert AuditLog(short_timeout_home.home).show(action="cypher_console")[-1].details["status"] == "busy"
    assert run_console(gw, "RETURN 1 AS one", User("alice", "investigator"),
                       AuditLog(short_timeout_home.home)).data() == [{"one": 1}]
