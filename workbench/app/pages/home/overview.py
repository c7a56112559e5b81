"""Overview: which store the workbench is using and what it holds, by label and relationship type."""

import pandas as pd
import streamlit as st

from workbench.analysis import overview
from workbench.app import access, resources
from workbench.app.i18n import t
from workbench.errors import WorkbenchError
from workbench.store.connect import describe_store

access.guard("view_cases")
st.title(t("overview.title"))
st.caption(t("overview.fictional"))
st.markdown(f"**{t('overview.store')}:** {describe_store(resources.settings())}")
try:
    # Ingest, merges and splits record the counts; an administrator can count again after other writes.
    if access.allowed("ingest") and st.button(t("overview.recount"), key="overview_recount"):
        counts = overview.record_counts(resources.gateway(), "recount from the overview")
    else:
        counts = overview.store_counts(resources.gateway())
except WorkbenchError as e:
    access.show_error(e)
    st.stop()
labels, relationships = counts.labels, counts.relationships
if counts.counted_at:
    st.caption(t("overview.counted", at=counts.counted_at.replace("T", " ")[:19], by=counts.counted_by or ""))
access.record_view("overview", {"nodes": sum(labels.values())})
if not labels:
    st.info(t("overview.empty"))
    st.stop()
left, right = st.columns(2)
left.subheader(t("overview.nodes", count=sum(labels.values())))
left.dataframe(pd.DataFrame([{t("overview.label"): k, t("overview.count"): v} for k, v in labels.items()]),
               hide_index=True, width="stretch")
right.subheader(t("overview.relationships", count=sum(relationships.values())))
right.dataframe(pd.DataFrame([{t("overview.type"): k, t("overview.count"): v} for k, v in relationships.items()]),
                hide_index=True, width="stretch")
