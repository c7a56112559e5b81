"""Review queue: company pairs the resolver kept apart, ranked with reasons; an administrator accepts or rejects."""

import pandas as pd
import streamlit as st

from workbench.analysis.overview import record_counts
from workbench.app import access, resources
from workbench.app.i18n import t
from workbench.errors import WorkbenchError
from workbench.ingest import review

user = access.guard("view_risk")
st.title(t("review.title"))
st.caption(t("review.intro"))
limit = st.number_input(t("review.limit"), min_value=5, max_value=500, value=50, step=5, key="review_limit")
st.button(t("review.refresh"), key="review_refresh")
try:
    pairs = review.load_candidates(resources.gateway(), int(limit))
except WorkbenchError as e:
    st.error(t("review.failed", error=str(e)))
    st.stop()
if not pairs:
    st.info(t("review.none"))
    st.stop()
st.dataframe(pd.DataFrame([{
    t("review.col_score"): c.score, t("review.col_a"): c.a_name, t("review.col_b"): c.b_name,
    t("review.col_country"): c.country, t("review.col_reasons"): "; ".join(c.reasons), "a": c.a, "b": c.b,
} for c in pairs]), hide_index=True, width="stretch")
by_id = {f"{c.a}|{c.b}": c for c in pairs}
chosen = st.selectbox(t("review.pick"), list(by_id), key="review_pick",
                      format_func=lambda k: f"{by_id[k].a_name} | {by_id[k].b_name} ({by_id[k].score:.2f})")
pair = by_id[chosen]
for reason in pair.reasons:
    st.markdown(f"- {reason}")
if not access.allowed("merge_entities"):
    st.info(t("review.decide_denied"))
    st.stop()
why = st.text_input(t("review.reason"), key="review_reason")
accept_col, reject_col = st.columns(2)
try:
    if accept_col.button(t("review.accept"), key="review_accept"):
        review.accept(resources.gateway(), pair.a, pair.b, reason=why, user=user.username)
        record_counts(resources.gateway(), f"merge into {pair.a}")
        access.record("entity_merge", {"target": pair.a, "sources": [pair.b], "from": "review queue"})
        resources.risk_ranking.clear()
        st.success(t("review.accepted", a=pair.a_name, b=pair.b_name))
    if reject_col.button(t("review.reject"), key="review_reject"):
        review.reject(resources.gateway(), pair.a, pair.b, reason=why, user=user.username)
        record_counts(resources.gateway(), f"decision to keep {pair.a} and {pair.b} apart")
        access.record("entity_split", {"keptApart": [pair.a, pair.b], "from": "review queue"})
        st.success(t("review.rejected", a=pair.a_name, b=pair.b_name))
except WorkbenchError as e:
    st.error(str(e))
