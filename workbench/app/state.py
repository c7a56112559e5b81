"""Every session-state key the app uses, declared once with its default."""

from __future__ import annotations

from typing import Any

import streamlit as st

LANG = "lang"                  # "en" | "es"
TOKEN = "auth_token"           # opaque session token from auth.SessionManager
USER = "auth_user"             # auth.User of the current session (refreshed on every run)
NOTICE = "notice"              # one message shown after a rerun (e.g. session expired)
SEARCH_TEXT = "search_text"
SEARCH_RESULTS = "search_results"
SELECTION = "selection"        # entity keys the network view starts from (ordered list)
GRAPH = "graph"                # workbench.explore.Graph currently drawn
HISTORY = "graph_history"      # earlier graphs, for undo
PINNED = "pinned"              # keys pinned in place
HIDDEN = "hidden"              # keys hidden from the drawing
SELECTED = "selected_node"     # key of the node whose details are shown
PICKED = "picked_nodes"        # the last two clicked keys (shortest paths)
QUERY_ID = "saved_query_id"
QUERY_RESULT = "saved_query_result"
CONSOLE_RESULT = "console_result"
INGEST_REPORT = "ingest_report"
POSITIONS = "node_positions"   # {key: {"x": .., "y": ..}} of the drawing, kept across expansions and in cases
RESOLVED = "resolved_inputs"   # {(text, labels): explore.Resolution} of typed entity inputs (no re-query per rerun)
TRADE_VIEW = "trade_view"      # draw firm-to-firm trade links instead of the shipments they summarise
COOKIE_CHECKED = "cookie_checked"  # the browser's session cookie was read once in this browser session
COOKIE_WRITTEN = "cookie_written"  # (token, lang, time) last written to the browser cookie
VIEWS_AUDITED = "views_audited"  # view -> what was last recorded for it (a rerun showing the same is not recorded again)
TARGETS = "targets_queue"      # workbench.analysis.targets.Queue on show (port, window, ranked consignments)
TARGETS_SAVED = "targets_saved"  # (outcome, document) of the inspection just recorded, shown once

DEFAULTS: dict[str, Any] = {
    LANG: "es",
    TOKEN: None,
    USER: None,
    NOTICE: None,
    SEARCH_TEXT: "",
    SEARCH_RESULTS: None,
    SELECTION: [],
    GRAPH: None,
    HISTORY: [],
    PINNED: [],
    HIDDEN: [],
    SELECTED: None,
    PICKED: [],
    QUERY_ID: None,
    QUERY_RESULT: None,
    CONSOLE_RESULT: None,
    INGEST_REPORT: None,
    POSITIONS: {},
    RESOLVED: {},
    TRADE_VIEW: False,
    VIEWS_AUDITED: {},
    TARGETS: None,
    TARGETS_SAVED: None,
    COOKIE_CHECKED: False,
    COOKIE_WRITTEN: None,
}


def init() -> None:
    """Give every key its default once per browser session."""
    for key, value in DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = type(value)(value) if isinstance(value, (list, dict)) else value


def get(key: str) -> Any:
    if key not in DEFAULTS:
        raise KeyError(f"Undeclared session-state key {key!r}; declare it in workbench/app/state.py.")
    if key not in st.session_state:
        init()
    return st.session_state[key]


def put(key: str, value: Any) -> None:
    if key not in DEFAULTS:
        raise KeyError(f"Undeclared session-state key {key!r}; declare it in workbench/app/state.py.")
    st.session_state[key] = value
