"""Search: one box across names, aliases, identifiers, phones, e-mails, addresses, B/L, containers and chemicals."""

from typing import Any

import streamlit as st

from workbench.analysis import explore
from workbench.app import access, i18n, nav, resources, state
from workbench.app.i18n import t
from workbench.app.markup import md
from workbench.errors import WorkbenchError

access.guard("search")
st.title(t("search.title"))
with st.form("search"):
    text = st.text_input(t("search.box"), value=state.get(state.SEARCH_TEXT), key="search_box",
                         placeholder=t("search.placeholder"))
    submitted = st.form_submit_button(t("search.submit"))
if submitted:
    state.put(state.SEARCH_TEXT, text)
    hits: list[dict[str, Any]] | None
    try:
        hits = explore.search(resources.gateway(), text, limit=50)
    except WorkbenchError as e:
        access.record("search", {"text": text, "status": "failed", "error": str(e)})
        st.warning(md(str(e)))
        hits = None
    else:
        access.record("search", {"text": text, "hits": len(hits)})
    state.put(state.SEARCH_RESULTS, hits)

hits = state.get(state.SEARCH_RESULTS)
if hits is not None:
    if not hits:
        st.info(t("search.none"))
    else:
        st.caption(t("search.count", count=len(hits)))
    risk = resources.findings_index() if hits else {}
    for i, hit in enumerate(hits):
        score = risk.get(hit["key"], {}).get("score")
        cols = st.columns([4, 2, 1, 1, 2])
        cols[0].markdown(f"**{md(hit['caption'])}**  \n{md(hit['key'])}")
        cols[1].write(i18n.label(hit['label']))
        cols[2].write(md(hit["country"] or "–"))
        cols[3].write("–" if score is None else f"{float(score):.0f}")
        if cols[4].button(t("search.open"), key=f"open_{i}"):
            previous = state.get(state.GRAPH)
            if previous is not None:  # the view being replaced stays one Undo away in the network view
                state.put(state.HISTORY, (state.get(state.HISTORY) + [{
                    "graph": previous, "hidden": list(state.get(state.HIDDEN)),
                    "pinned": list(state.get(state.PINNED))}])[-20:])
            state.put(state.SELECTION, [hit["key"]])
            state.put(state.GRAPH, explore.nodes_by_key(resources.gateway(), [hit["key"]]))
            state.put(state.HIDDEN, [])
            state.put(state.PINNED, [])
            state.put(state.SELECTED, hit["key"])
            nav.go("network")
