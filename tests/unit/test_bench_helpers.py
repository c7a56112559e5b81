"""The logic of the read benchmarks' helpers: which store they open, how results of several store sizes are kept,
how the 30-entity case is grown, and how the server settings are compared and chosen."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from benchmarks import store
from benchmarks.bench_briefing import grow_case, network_members
from benchmarks.bench_load import LIGHT, MIX, typed_name
from benchmarks.bench_server_settings import heap_bytes, interleave, median_p95, prefer


def test_environment_for_an_embedded_home_names_home_database_and_settings(tmp_path: Path) -> None:
    env = store.environment(tmp_path, "reads100000", None, {},
                            {"WORKBENCH_HEAP": "4g", "WORKBENCH_SERVER_QUERIES": "8"})
    assert env == {"WORKBENCH_HOME": str(tmp_path.absolute()), "NEO4J_DATABASE": "reads100000",
                   "WORKBENCH_HEAP": "4g", "WORKBENCH_SERVER_QUERIES": "8"}


def test_environment_keeps_the_server_settings_the_caller_exported(tmp_path: Path) -> None:
    env = store.environment(tmp_path, None, None, {"WORKBENCH_HEAP": "8g", "WORKBENCH_QUERY_TIMEOUT": "60",
                                                   "WORKBENCH_HOME": "/elsewhere", "OTHER": "x"},
                            {"WORKBENCH_QUERY_TIMEOUT": "90"})
    assert env == {"WORKBENCH_HOME": str(tmp_path.absolute()), "WORKBENCH_HEAP": "8g",
                   "WORKBENCH_QUERY_TIMEOUT": "90"}


def test_environment_for_neo4j_takes_credentials_from_the_callers_environment() -> None:
    env = store.environment(None, None, "neo4j://db:7687", {"NEO4J_USER": "ana", "NEO4J_PASSWORD": "pw",
                                                           "WORKBENCH_HOME": "/tmp/h"})
    assert env == {"NEO4J_URI": "neo4j://db:7687", "NEO4J_USER": "ana", "NEO4J_PASSWORD": "pw",
                   "WORKBENCH_HOME": "/tmp/h"}


@pytest.mark.parametrize("home,uri", [(None, None), (Path("/tmp/x"), "bolt://h:7687")])
def test_environment_needs_exactly_one_store(home: Path | None, uri: str | None) -> None:
    with pytest.raises(ValueError, match="exactly one"):
        store.environment(home, None, uri, {})


def test_choose_database_prefers_the_named_then_the_only_other_one() -> None:
    assert store.choose_database(["workbench", "reads100000"], "other", "workbench") == "other"
    assert store.choose_database(["workbench", "reads100000"], None, "workbench") == "reads100000"
    assert store.choose_database(["reads100000"], None, "workbench") == "reads100000"
    assert store.choose_database(["workbench", "a", "b"], None, "workbench") == "workbench"
    assert store.choose_database(["workbench"], None, "workbench") == "workbench"


@pytest.mark.parametrize("n,label", [(999, "999"), (10_000, "10k"), (100_000, "100k"), (100_011, "100k"),
                                     (1_000_000, "1M"), (250_000, "250k"), (1_500_000, "1.5M")])
def test_size_label(n: int, label: str) -> None:
    assert store.size_label(n) == label


def test_merge_sizes_replaces_the_same_size_and_keeps_the_others_in_order() -> None:
    old = [{"manifests": 100000, "v": 1}, {"manifests": 10000, "v": 1}]
    merged = store.merge_sizes(old, {"manifests": 100000, "v": 2})
    assert merged == [{"manifests": 10000, "v": 1}, {"manifests": 100000, "v": 2}]
    assert store.merge_sizes([], {"manifests": 5}) == [{"manifests": 5}]


def test_grow_case_adds_the_busiest_partner_of_the_case_so_far_and_stays_connected() -> None:
    graph = {"a": [("x", 5), ("y", 1)], "b": [("y", 3)], "x": [("z", 10)], "y": [], "z": [("w", 1)], "w": []}
    calls: list[str] = []

    def partners(key: str) -> list[tuple[str, int]]:
        calls.append(key)
        return graph.get(key, [])

    # y has 1 + 3 = 4 links to {a, b}, x has 5: x first; then z (10, through x), then y, then w.
    assert grow_case(["a", "b", "a"], partners, 6) == ["a", "b", "x", "z", "y", "w"]
    assert sorted(calls) == sorted(set(calls))  # every member asked once
    assert grow_case(["a", "b"], partners, 3) == ["a", "b", "x"]
    assert grow_case(["w"], partners, 30) == ["w"]  # nothing linked: the case stays as it is
    assert grow_case(["a", "b", "c"], partners, 2) == ["a", "b"]


def test_grow_case_breaks_ties_by_key() -> None:
    assert grow_case(["a"], lambda k: [("m", 2), ("c", 2)] if k == "a" else [], 2) == ["a", "c"]


def test_network_members_of_the_largest_planted_network() -> None:
    truth = {"networks": [{"companies": ["A", "B"], "persons": ["P"]}, {"companies": ["C", "D", "E", "F"]},
                          {"companies": ["G", "H", "I"], "persons": ["Q"]}]}
    assert network_members(truth) == [("Company", "C"), ("Company", "D"), ("Company", "E"), ("Company", "F")]
    assert network_members({}) == []


def test_the_user_mix_has_every_interactive_step_and_light_keeps_only_the_clicks() -> None:
    names = dict(MIX)
    for step in ("search_name", "search_identifier", "expand", "node_details", "timeline", "shortest_path",
                 "detector"):
        assert names[step] > 0
    assert set(dict(LIGHT)) == {"search_name", "search_identifier", "expand", "node_details", "timeline"}


def test_typed_name_is_the_name_or_its_first_words() -> None:
    rng = random.Random(1)
    name = "Hubei Qelvora Biotech Co., Ltd."
    typed = {typed_name(name, rng) for _ in range(200)}
    assert name in typed and "Hubei" in typed
    assert all(name.startswith(t) for t in typed)
    assert typed_name("Acme", rng) == "Acme"


def test_interleave_alternates_the_options() -> None:
    assert interleave(["2g", "4g"], 2) == ["2g", "4g", "2g", "4g"]
    assert interleave(["a"], 0) == ["a"]


def test_median_p95_per_kind_and_of_the_worst_kind() -> None:
    runs = [{"by_kind": {"search_name": {"p95_ms": 100.0}, "expand": {"p95_ms": 300.0}, "detector": {"p95_ms": 9e3}}},
            {"by_kind": {"search_name": {"p95_ms": 200.0}, "expand": {"p95_ms": 150.0}}},
            {"by_kind": {"search_name": {"p95_ms": 120.0}, "expand": {"p95_ms": 400.0}}}]
    out = median_p95(runs)
    assert out["search_name"] == 120.0 and out["expand"] == 300.0
    assert out["all"] == 300.0  # worst per run: 300, 200, 400 -> median 300; the detector is not interactive
    assert "detector" not in out


def test_prefer_takes_the_cheapest_option_within_the_tolerance_of_the_best() -> None:
    assert prefer({"2g": 1000.0, "4g": 950.0}, heap_bytes) == "2g"  # 5 % apart: noise, the smaller heap
    assert prefer({"2g": 1000.0, "4g": 700.0}, heap_bytes) == "4g"
    assert prefer({"4": 800.0, "16": 790.0}, lambda q: -int(q)) == "16"
    with pytest.raises(ValueError):
        prefer({}, heap_bytes)


@pytest.mark.parametrize("text,value", [("2g", 2 * 2**30), ("512m", 512 * 2**20), ("1.5g", 3 * 2**29), ("1024", 1024)])
def test_heap_bytes(text: str, value: int) -> None:
    assert heap_bytes(text) == value


def test_sizes_with_puts_new_entries_in_place_of_the_recorded_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json  # noqa: PLC0415

    from benchmarks import machine  # noqa: PLC0415

    monkeypatch.setattr(machine, "RESULTS", tmp_path)
    (tmp_path / "x.json").write_text(json.dumps({"results": {"sizes": [{"manifests": 10, "v": 1},
                                                                        {"manifests": 100, "v": 1}]}}))
    assert store.sizes_with("x", [{"manifests": 100, "v": 2}, {"manifests": 5, "v": 2}]) == [
        {"manifests": 5, "v": 2}, {"manifests": 10, "v": 1}, {"manifests": 100, "v": 2}]
    assert store.sizes_with("missing", [{"manifests": 1}]) == [{"manifests": 1}]
