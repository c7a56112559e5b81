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
    labels = overview.counts_by_label(resources.gateway())
    relationships = overview.counts_by_relationship(resources.gateway())
except WorkbenchError as e:
    access.show_error(e)
    st.stop()
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
