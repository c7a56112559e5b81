"""What the store holds, in numbers (home page, `workbench up`, persistence checks)."""

from __future__ import annotations

from workbench.store import queries
from workbench.store.gateway import Gateway


def counts_by_label(gateway: Gateway) -> dict[str, int]:
    result = queries.run(gateway, "count_by_label").raise_for_status()
    return {row["label"]: int(row["count"]) for row in result.data()}


def counts_by_relationship(gateway: Gateway) -> dict[str, int]:
    result = queries.run(gateway, "count_relationships").raise_for_status()
    return {row["type"]: int(row["count"]) for row in result.data()}


def is_empty(gateway: Gateway) -> bool:
    return not counts_by_label(gateway)
