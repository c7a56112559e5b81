"""Every .cypher file under workbench/cypher/ (all kinds, everyone's): linted by Neo4j's linter and run for real.

Lint: workbench/store/lint.py with each header's example parameters and the model's labels, relationship types and
property keys; an error fails. Run: every read query runs on the embedded server with its example parameters
and must end complete or truncated; write (internal) queries run on this test's own empty database.

A header may say `requires: gds` (Neo4j Graph Data Science) or `requires: neo4j`: such files are still linted
(only "gds.* is not present" is forgiven for gds) but cannot run on the embedded ArcadeDB.
"""

from __future__ import annotations

import os
import re

import pytest

from workbench.store.catalogue import load_catalogue
from workbench.store.gateway import Gateway
from workbench.store.lint import lint_queries, linter_available
from workbench.model.graph import load_model

needs_linter = pytest.mark.skipif(
    not linter_available() and os.environ.get("CI") != "true",
    reason="Cypher linter not installed: run `npm ci --prefix tools/cypher-lint`",
)


_GDS_MISSING = re.compile(r"^(Procedure|Function) gds\.[\w.]+ is not present in the database")


def _runs_here(query) -> bool:  # type: ignore[no-untyped-def]
    return query.extra.get("requires") in (None, "arcadedb")


@needs_linter
def test_every_cypher_file_passes_the_neo4j_linter() -> None:
    model = load_model()
    queries = list(load_catalogue())
    items = [{"id": q.id, "path": str(q.path), "query": q.text, "parameters": q.example_params()} for q in queries]
    diagnostics = lint_queries(items, model.labels, model.relationships, model.property_keys)
    needs_gds = {q.id for q in queries if q.extra.get("requires") == "gds"}
    errors = [str(d) for d in diagnostics if d.is_error
              and not (d.query_id in needs_gds and _GDS_MISSING.match(d.message))]
    assert not errors, "Cypher files the linter rejects:\n" + "\n".join(errors)


def test_every_read_query_runs_with_its_example_parameters(gateway: Gateway) -> None:
    failures = []
    reads = [q for q in load_catalogue() if q.read_only and _runs_here(q)]
    assert any(q.kind == "detector" for q in reads) and any(q.kind == "saved" for q in reads)
    for query in reads:
        result = gateway.read(query.text, query.bind(query.example_params()), timeout=60)
        if result.status.value not in ("complete", "truncated"):
            failures.append(f"{query.path}: {result.status.value}: {result.error}")
    assert not failures, "read queries that fail on the embedded server:\n" + "\n".join(failures)


def test_every_write_query_runs_on_an_empty_database(gateway: Gateway) -> None:
    failures = []
    for query in [q for q in load_catalogue() if not q.read_only and _runs_here(q)]:
        try:
            gateway.write(query.text, query.bind(query.example_params()), timeout=60)
        except Exception as e:  # noqa: BLE001 - every failure is listed, not just the first
            failures.append(f"{query.path}: {e}")
    assert not failures, "write queries that fail on the embedded server:\n" + "\n".join(failures)
