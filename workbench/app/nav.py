"""The page registry: which page lives where, in which section, and which action it needs."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from workbench.app import access, i18n, state
from workbench.app.i18n import t


@dataclass(frozen=True)
class PageSpec:
    id: str
    path: str          # relative to app.py
    section: str
    action: str        # auth.PERMISSIONS action needed to see the page


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "pages/home/overview.py", "home", "view_cases"),
    PageSpec("search", "pages/explore/search.py", "explore", "search"),
    PageSpec("network", "pages/explore/network.py", "explore", "network"),
    PageSpec("timeline", "pages/explore/timeline.py", "explore", "network"),
    PageSpec("routes", "pages/explore/routes.py", "explore", "network"),
    PageSpec("saved_queries", "pages/analysis/saved_queries.py", "analysis", "run_saved_query"),
    PageSpec("findings", "pages/analysis/findings.py", "analysis", "view_risk"),
    PageSpec("review", "pages/analysis/review.py", "analysis", "view_risk"),
    PageSpec("console", "pages/analysis/console.py", "analysis", "cypher_console"),
    PageSpec("chemicals", "pages/analysis/chemicals.py", "analysis", "search"),
    PageSpec("targets", "pages/inspection/targets.py", "inspection", "view_targets"),
    PageSpec("cases", "pages/cases/cases.py", "cases", "view_cases"),
    PageSpec("ingest", "pages/admin/ingest.py", "admin", "ingest"),
)
LOGIN = PageSpec("login", "pages/account/login.py", "account", "")
PASSWORD = PageSpec("password", "pages/account/password.py", "account", "view_cases")
BY_ID = {p.id: p for p in (*PAGES, PASSWORD)}


def navigation() -> dict[str, list[st.Page]] | list[st.Page]:
    """The pages this session may see: only the login page until someone logs in."""
    user = access.current_user()
    if user is None:
        return [st.Page(LOGIN.path, title=t("nav.login"), url_path="login")]
    password = st.Page(PASSWORD.path, title=t("nav.password"), url_path=PASSWORD.id)
    if user.must_change_password:  # a one-time password: changing it is the only thing to do
        return [password]
    sections: dict[str, list[st.Page]] = {}
    for spec in PAGES:
        if access.allowed(spec.action):
            sections.setdefault(t(f"nav.section.{spec.section}"), []).append(
                st.Page(spec.path, title=t(f"nav.{spec.id}"), url_path=spec.id))
    sections.setdefault(t("nav.section.account"), []).append(password)
    return sections


def sidebar() -> None:
    """Language switch, who is logged in, logout: on every page."""
    with st.sidebar:
        codes = list(i18n.LANGUAGES)
        chosen = st.selectbox("Idioma / Language", codes, index=codes.index(i18n.lang()),
                              format_func=lambda c: i18n.LANGUAGES[c], key="lang_switch")
        if chosen != state.get(state.LANG):
            state.put(state.LANG, chosen)
            st.rerun()
        user = state.get(state.USER)
        if user is not None:
            st.caption(t("sidebar.user", user=user.username, role=t(f"role.{user.role}")))
            if user.must_change_password:
                st.warning(t("login.must_change"))
            if st.button(t("sidebar.logout"), key="logout"):
                access.logout()
                st.rerun()
        access.sync_cookie()
        notice = state.get(state.NOTICE)
        if notice:
            st.info(t(notice))
            state.put(state.NOTICE, None)


def go(page_id: str) -> None:
    """Switch to another page of the app."""
    st.switch_page(BY_ID[page_id].path)
