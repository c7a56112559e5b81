"""Findings and risk: the ranked companies with their findings, each one a click from the network view."""

import pandas as pd
import streamlit as st

from workbench.app import access, nav, resources, state
from workbench.app.i18n import t
from workbench.errors import WorkbenchError

access.guard("view_risk")
st.title(t("findings.title"))
try:
    from workbench import risk  # built by another part of the workbench
except ImportError:
    risk = None
ranker = getattr(risk, "rank_companies", None) if risk is not None else None
if ranker is None:
    st.info(t("findings.unavailable"))
    st.stop()
limit = st.number_input(t("findings.limit"), min_value=5, max_value=500, value=50, step=5, key="findings_limit")
try:
    ranked = list(ranker(resources.gateway(), limit=int(limit)))
except WorkbenchError as e:
    st.error(t("findings.failed", error=str(e)))
    st.stop()
if not ranked:
    st.info(t("findings.none"))
    st.stop()
rows = [r if isinstance(r, dict) else dict(getattr(r, "__dict__", {})) for r in ranked]
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
keys = [str(r.get("key")) for r in rows if r.get("key")]
chosen = st.selectbox(t("findings.open"), keys, key="findings_pick")
if st.button(t("findings.open"), key="findings_open") and chosen:
    state.put(state.SELECTION, [chosen])
    state.put(state.SELECTED, chosen)
    state.put(state.GRAPH, None)
    state.put(state.HISTORY, [])
    nav.go("network")
