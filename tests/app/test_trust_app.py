"""The app under attack and fault (issue 14): hostile names shown as text, downloads built on request, accounts,
audit failures without tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.test_app_pages import PASSWORD, app_env, open_page, press, start  # noqa: F401 - fixture
from workbench.settings import Settings
from workbench.store.gateway import Gateway

EVIL = "![x](http://evil.example/x.png) <img src=http://evil.example/y.png> [c](javascript:alert(1)) Evil Trading"


def _rendered(at: AppTest) -> str:
    """Every Markdown text of the page (markdown, captions, subheaders, errors...) rendered to HTML."""
    from markdown_it import MarkdownIt  # noqa: PLC0415

    renderer = MarkdownIt("commonmark", {"html": True})
    texts = [e.value for kind in ("markdown", "caption", "subheader", "title", "error", "warning", "info",
                                  "success") for e in getattr(at, kind)]
    return "\n".join(renderer.render(str(text)) for text in texts)


def test_search_shows_markdown_in_names_as_text(app_env: Settings, gateway: Gateway) -> None:  # noqa: F811
    gateway.write("CREATE (:Company {key: 'company:evil', name: $name, names: [$name], country: 'MX', "
                  "searchText: 'evil trading'})", {"name": EVIL})
    at = open_page(app_env, "explore/search.py")
    at.text_input(key="search_box").input("evil trading")
    at.button[0].click().run()
    assert not at.exception
    html = _rendered(at)
    assert "evil.example" in html
    assert "<img" not in html and "<a " not in html


def test_saved_query_result_with_nul_draws_and_builds_downloads_only_on_request(
        app_env: Settings, gateway: Gateway, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    from workbench.app import downloads  # noqa: PLC0415

    built: list[str] = []
    real_csv, real_excel = downloads.to_csv, downloads.to_excel
    monkeypatch.setattr(downloads, "to_csv", lambda frame: built.append("csv") or real_csv(frame))
    monkeypatch.setattr(downloads, "to_excel", lambda frame: built.append("xlsx") or real_excel(frame))
    result = gateway.read("RETURN $name AS name, $formula AS formula",
                          {"name": "Nul\x00Trading", "formula": "\uff1dcmd|' /C calc'!A0"})
    at = open_page(app_env, "analysis/saved_queries.py", saved_query_id="entity_neighbourhood",
                   saved_query_result={"id": "entity_neighbourhood", "params": {}, "result": result})
    assert not at.exception
    assert built == []  # nothing is built while the page draws
    frame = downloads.table(result.rows(), result.columns)
    assert b"\xef\xbf\xbd" in real_csv(frame) or "\x00" in real_csv(frame).decode()
    real_excel(frame)  # the NUL no longer makes openpyxl fail
