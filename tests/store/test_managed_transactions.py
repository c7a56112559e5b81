"""The managed-transaction path (the one Neo4j uses: execute_read/execute_write with retries), run for real.

Neo4j itself cannot run on the build machines, so the managed path is forced on against the embedded server:
the same rows, row caps, statuses, write semantics and read-only refusal as the explicit path.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterator

import pytest

from workbench.errors import ReadOnlyViolation, WorkbenchError
from workbench.settings import Settings
from workbench.store.connect import connection_for, current_uri
from workbench.store.gateway import Gateway, Status


@pytest.fixture
def managed(store_settings: Settings) -> Iterator[Gateway]:
    connection = replace(connection_for(store_settings), managed_transactions=True)
    gateway = Gateway(connection, locate=lambda: current_uri(store_settings))
    yield gateway
    gateway.close()


def test_the_embedded_store_uses_explicit_transactions_and_neo4j_managed_ones(store_settings: Settings) -> None:
    connection = connection_for(store_settings)
    assert not connection.managed
    assert replace(connection, backend="neo4j").managed
    assert not replace(connection, backend="neo4j", managed_transactions=False).managed


def test_managed_reads_and_writes_return_what_the_explicit_path_returns(managed: Gateway) -> None:
    assert managed.connection.managed
    managed.write("UNWIND range(1, $n) AS i CREATE (:Company {key: 'company:m' + toString(i), rank: i})", {"n": 12})
    result = managed.read("MATCH (c:Company) RETURN c.rank AS rank ORDER BY rank")
    assert result.status is Status.COMPLETE
    assert [row["rank"] for row in result.data()] == list(range(1, 13))
    capped = managed.read("MATCH (c:Company) RETURN c.rank AS rank ORDER BY rank", row_cap=5)
    assert capped.status is Status.TRUNCATED and [r["rank"] for r in capped.data()] == [1, 2, 3, 4, 5]


def test_a_failed_managed_query_is_an_error_status_and_writes_nothing(managed: Gateway) -> None:
    broken = managed.read("MATCH (c:Company RETURN c")
    assert broken.status is Status.ERROR and broken.error is not None
    with pytest.raises(WorkbenchError):
        managed.write("CREATE (:Company {key: 'company:half'}) WITH 1 AS x RETURN 1 / 0 AS boom")
    assert managed.read("MATCH (c:Company {key: 'company:half'}) RETURN c").data() == []


def test_the_managed_read_path_refuses_writes(managed: Gateway) -> None:
    result = managed.read("CREATE (:Company {key: 'company:intruder'})")
    assert result.status is Status.ERROR and isinstance(result.error, ReadOnlyViolation)
    assert managed.read("MATCH (c:Company {key: 'company:intruder'}) RETURN c").data() == []
