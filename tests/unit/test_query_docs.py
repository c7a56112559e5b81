"""docs/queries.md is generated from the query headers; it must not drift from them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from workbench.store.catalogue import load_catalogue

REPO = Path(__file__).resolve().parents[2]


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_query_docs", REPO / "scripts" / "gen_query_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_query_docs_match_the_headers() -> None:
    expected = _generator().render()
    committed = (REPO / "docs" / "queries.md").read_text(encoding="utf-8")
    assert committed == expected, "docs/queries.md has drifted from workbench/cypher/ headers: run `python scripts/gen_query_docs.py`"


def test_docs_name_every_saved_query_and_detector_with_its_parameters() -> None:
    text = _generator().render()
    for query in load_catalogue().of_kind("saved", "detector"):
        assert f"### `{query.id}`" in text
        for param in query.parameters:
            assert f"`{param.name}`" in text
