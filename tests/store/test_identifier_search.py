"""Identifier-like searches (B/L, container, CAS, phone, e-mail, seizure id) are answered by exact index lookups
before, and instead of, the full-text search (issue 15: cheap pages)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from workbench.analysis import explore
from workbench.ingest import ingest_path
from workbench.settings import Settings
from workbench.store import queries
from workbench.store.gateway import Gateway
from workbench.store.plans import profile

BASIC = Path(__file__).parent.parent / "fixtures" / "ingest" / "basic"


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The catalogue statements the search runs (the real ones, on the real store), in order."""
    ran: list[str] = []
    real = queries.run

    def spy(gateway: Gateway, query_id: str, *args: Any, **kwargs: Any) -> Any:
        ran.append(query_id)
        return real(gateway, query_id, *args, **kwargs)

    monkeypatch.setattr(queries, "run", spy)
    return ran


@pytest.mark.parametrize("typed, key", [
    ("BL-1001", "shipment:BL-1001:M1"),
    ("bl-1001", None),  # typed in lower case: still the same B/L
    ("MSCU1112223", "container:MSCU1112223"),
    ("sales@huaxin-chem.example", "email:sales@huaxin-chem.example"),
    ("+86 25 8888 1234", "phone:+862588881234"),
    ("S1", "seizure:S1"),
])
def test_an_identifier_is_found_exactly_without_the_full_text_search(gateway: Gateway, statements: list[str],
                                                                      typed: str, key: str | None) -> None:
    ingest_path(gateway, BASIC)
    statements.clear()
    hits = explore.search(gateway, typed)
    assert statements == ["app_find_identifier"], statements
    assert hits and all(h["exact"] for h in hits)
    if key is not None:
        assert key in [h["key"] for h in hits], [h["key"] for h in hits]
    else:
        assert {h["props"].get("billOfLading") for h in hits} == {"BL-1001"}


def test_a_cas_number_finds_the_chemical(gateway: Gateway, statements: list[str]) -> None:
    ingest_path(gateway, BASIC)
    statements.clear()
    hits = explore.search(gateway, "23056-29-3")
    assert statements == ["app_find_identifier"]
    assert [h["label"] for h in hits] == ["Chemical"] and hits[0]["props"]["casNumber"] == "23056-29-3"


def test_a_name_or_an_unknown_number_goes_to_the_full_text_search(gateway: Gateway, statements: list[str]) -> None:
    ingest_path(gateway, BASIC)
    statements.clear()
    assert explore.search(gateway, "Quimica Delta")
    assert statements == ["app_search"]
    statements.clear()
    explore.search(gateway, "BL-9999")
    assert statements == ["app_find_identifier", "app_search"]


def test_the_label_filter_applies_to_exact_hits(gateway: Gateway) -> None:
    ingest_path(gateway, BASIC)
    assert [h["label"] for h in explore.search(gateway, "BL-1001", labels=["Shipment"])] == ["Shipment"]
    assert all(not h.get("exact") for h in explore.search(gateway, "BL-1001", labels=["Company"]))


def test_the_exact_lookup_seeks_indexes(gateway: Gateway, store_settings: Settings) -> None:
    ingest_path(gateway, BASIC)
    query = queries.get("app_find_identifier")
    cost = profile(gateway, query.text, query.bind({"bols": ["BL-1001"], "containers": ["container:MSCU1112223"]}),
                   settings=store_settings)
    assert cost.rows == 2 and cost.full_scans == 0, cost


def test_misspellings_are_looked_for_in_names_not_in_records(gateway: Gateway) -> None:
    """Fuzzy terms on the shipments' index (the largest) were most of a search's time and found no name."""
    ingest_path(gateway, BASIC)
    assert any(h["label"] == "Shipment" for h in explore.search(gateway, "ever given"))
    assert not any(h["label"] == "Shipment" for h in explore.search(gateway, "evar givan"))
    assert explore.search(gateway, "quimica delte")[0]["key"] == "company:mx:quimica-delta"
