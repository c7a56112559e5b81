"""The app under attack and fault (issue 14): hostile names shown as text, downloads built on request, accounts,
audit failures without tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.test_app_pages import PASSWORD, app_env as shared_app_env, open_page, press, start  # noqa: F401
from workbench.settings import Settings
from workbench.store.gateway import Gateway


@pytest.fixture
def app_env(shared_app_env: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The app's story graph with a home of this test's own (audit trail, users, lockouts), beside the shared
    server: these tests damage trails and lock accounts, which must not reach other tests."""
    import dataclasses  # noqa: PLC0415

    import streamlit as st  # noqa: PLC0415

    from workbench.trust import auth  # noqa: PLC0415

    home = tmp_path / "home"
    home.mkdir()
    for item in ("credentials.json", "server.json", "server.lock", "arcadedb"):
        (home / item).symlink_to(shared_app_env.home / item)
    users = auth.UserStore(home)
    for role in auth.ROLES:
        users.add(role, role, PASSWORD)
    monkeypatch.setenv("WORKBENCH_HOME", str(home))
    st.cache_resource.clear()
    return dataclasses.replace(shared_app_env, home=home)

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


def _login(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    return at.button[0].click().run()


def test_one_time_password_must_be_changed_before_anything_else(app_env: Settings) -> None:  # noqa: F811
    """Issue 14 #12 and issue 11 #8: every page worked with the one-time admin password."""
    from workbench.trust import auth  # noqa: PLC0415
    from workbench.trust.audit import AuditLog  # noqa: PLC0415

    users = auth.UserStore(app_env.home)
    one_time = users.set_password("admin")  # a generated, one-time password
    assert one_time
    at = start(app_env, role=None)
    at.run()
    _login(at, "admin", one_time)
    assert not at.exception
    assert at.title[0].value == "Change password"
    for page in ("admin/ingest.py", "analysis/console.py", "explore/search.py", "home/overview.py"):
        with pytest.raises(ValueError, match=r"Known pages: \['[^']*account/password\.py'\]"):
            at.switch_page(f"pages/{page}")  # the change-password page is the only page there is
    at.text_input(key="password_current").input(one_time)
    at.text_input(key="password_new").input("aaaaaaaaaaaaaaaa")
    at.text_input(key="password_confirm").input("aaaaaaaaaaaaaaaa")
    at.button[0].click().run()
    assert any("too easy" in e.value for e in at.error)
    at.text_input(key="password_current").input(one_time)
    at.text_input(key="password_new").input("sturdy lantern orbit pickle")
    at.text_input(key="password_confirm").input("sturdy lantern orbit pickle")
    at.button[0].click().run()
    assert not at.exception and not at.error
    at.switch_page("pages/admin/ingest.py").run()  # every page of the role is there now
    assert not at.exception and at.title[0].value not in ("Change password", "Precursor Watch")
    assert not users.get("admin").must_change_password
    assert AuditLog(app_env.home).show(action="user_passwd")[-1].user == "admin"


def test_failed_logins_are_anonymous_and_brute_force_is_locked_out(app_env: Settings) -> None:  # noqa: F811
    """Issue 14 #11 and #13: 25 wrong passwords then the right one was accepted; failures recorded as the user."""
    from workbench.trust.audit import AuditLog  # noqa: PLC0415

    at = start(app_env, role=None)
    at.run()
    for i in range(6):
        _login(at, "analyst", f"wrong password {i}")
    _login(at, "analyst", PASSWORD)
    assert not at.exception
    assert any("Too many failed logins" in e.value for e in at.error)
    assert not at.session_state["auth_token"]
    failures = AuditLog(app_env.home).show(action="login_failure")
    assert len(failures) == 7 and {e.user for e in failures} == {"anonymous"}
    assert failures[0].details["attempted"] == "analyst" and failures[-1].details["reason"] == "locked"
    assert AuditLog(app_env.home).show(user="analyst") == []


def _damage_audit_tail(settings: Settings) -> None:
    from workbench.trust.audit import AuditLog  # noqa: PLC0415

    log = AuditLog(settings.home)
    log.record("someone", "search", {"text": "x"})
    with open(log.path, "ab") as handle:
        handle.write(b'{"seq": 2, "garbled')


def test_damaged_audit_tail_stops_login_without_traceback(app_env: Settings) -> None:  # noqa: F811
    """Issue 14 #10: a traceback with server paths, and people let in without a login_success entry."""
    _damage_audit_tail(app_env)
    at = start(app_env, role=None)
    at.run()
    _login(at, "analyst", PASSWORD)
    assert not at.exception
    assert not at.session_state["auth_token"]
    text = " ".join(e.value for e in at.error)
    assert "audit trail cannot be written" in text and str(app_env.home) not in text


def test_damaged_audit_tail_stops_search_before_it_runs(app_env: Settings, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    from workbench.analysis import explore  # noqa: PLC0415

    at = open_page(app_env, "explore/search.py")
    _damage_audit_tail(app_env)
    ran: list[str] = []
    real = explore.search
    monkeypatch.setattr(explore, "search", lambda *a, **k: ran.append("search") or real(*a, **k))
    at.text_input(key="search_box").input("Quimica").run()
    at.button[0].click().run()
    assert not at.exception
    assert ran == []
    assert any("audit trail cannot be written" in e.value for e in at.error)


def test_views_of_the_store_and_failed_searches_are_audited(app_env: Settings) -> None:  # noqa: F811
    """Issue 14 #13: network, timeline and routes views and failed searches were not audited."""
    from workbench.trust.audit import AuditLog  # noqa: PLC0415

    for page in ("explore/network.py", "explore/timeline.py", "explore/routes.py"):
        at = open_page(app_env, page, selection=["company:quimica-andina"])
        at.run()  # a rerun showing the same thing is not recorded twice
    views = [e.details["view"] for e in AuditLog(app_env.home).show(action="view", user="investigator")]
    assert views.count("network") == 1 and views.count("timeline") == 1 and views.count("routes") == 1
    at = open_page(app_env, "explore/search.py")
    at.text_input(key="search_box").input("x" * 5000)
    at.button[0].click().run()
    assert not at.exception
    failed = AuditLog(app_env.home).show(action="search")[-1]
    assert failed.details["status"] == "failed" and failed.user == "investigator"
