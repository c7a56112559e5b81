"""Run catalogue queries by id: the way every page and command reaches Cypher."""

from __future__ import annotations

from typing import Any, Mapping

from workbench.store.catalogue import Query, load_catalogue
from workbench.store.gateway import Gateway, QueryResult, Transaction


def get(query_id: str) -> Query:
    return load_catalogue()[query_id]


def run(gateway: Gateway, query_id: str, params: Mapping[str, Any] | None = None, *,
        timeout: float | None = None, row_cap: int | None = None) -> QueryResult:
    """Run a saved query, detector or internal read on the read-only path (writes: internal only)."""
    query = get(query_id)
    bound = query.bind(params)
    if query.read_only:
        return gateway.read(query.text, bound, timeout=timeout, row_cap=row_cap)
    return gateway.write(query.text, bound, timeout=timeout)


def run_in(tx: Transaction, query_id: str, params: Mapping[str, Any] | None = None) -> list[Any]:
    """Run an internal query inside an open write transaction (ingest, merges)."""
    query = get(query_id)
    return tx.run(query.text, query.bind(params))
