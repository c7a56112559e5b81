"""Findings and risk: the ranked companies with their findings, each one a click from the network view."""

import pandas as pd
import streamlit as st

from workbench.app import access, i18n, nav, resources, state
from workbench.app.i18n import t
from workbench.app.markup import md_block
from workbench.errors import WorkbenchError

access.guard("view_risk")
st.title(t("findings.title"))
limit = st.number_input(t("findings.limit"), min_value=5, max_value=500, value=50, step=5, key="findings_limit")
if st.button(t("findings.refresh"), key="findings_refresh"):
    resources.risk_ranking.clear()
try:
    with st.spinner(t("findings.running")):
        ranked = resources.risk_ranking(resources.settings().database)[: int(limit)]
except WorkbenchError as e:
    st.error(t("findings.failed", error=str(e)))
    st.stop()
access.record_view("findings", {"companies": len(ranked)})
if not ranked:
    st.info(t("findings.none"))
    st.stop()
access.record("detect", {"companies": len(ranked)})
table = pd.DataFrame([{
    t("findings.col_score"): round(entry["score"], 1),
    t("findings.col_name"): entry["name"],
    t("findings.col_country"): entry["country"],
    t("findings.col_findings"): len(entry["findings"]),
    t("findings.col_why"): "; ".join(sorted({i18n.rule_name(f["rule"]) for f in entry["findings"]})),
    "key": entry["key"],
} for entry in ranked])
st.dataframe(table, hide_index=True, width="stretch")
by_key = {entry["key"]: entry for entry in ranked}
chosen = st.selectbox(t("findings.pick"), list(by_key), key="findings_pick",
                      format_func=lambda k: f"{by_key[k]['name']} ({by_key[k]['score']:.1f})")
if chosen:
    for finding in by_key[chosen]["findings"]:
        with st.expander(f"{i18n.severity(finding['severity']).upper()} · {i18n.rule_name(finding['rule'])} · "
                         f"{finding.get('contribution', 0):.2f}"):
            st.write(md_block(i18n.finding_explanation(finding)))
            evidence = i18n.evidence_rows(finding.get("evidence") or {})
            if evidence:
                st.dataframe(pd.DataFrame(evidence), hide_index=True, width="stretch")
    if st.button(t("findings.open"), key="findings_open"):
        state.put(state.SELECTION, [chosen])
        state.put(state.SELECTED, chosen)
        state.put(state.GRAPH, None)
        state.put(state.HISTORY, [])
        nav.go("network")
