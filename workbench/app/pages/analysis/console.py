"""Cypher console: typed queries on the read-only path (timeout, row cap, status); investigators only."""

import streamlit as st

from workbench.app import access, export, resources, state
from workbench.app.i18n import t

access.guard("cypher_console")
st.title(t("console.title"))
st.caption(t("console.intro"))
with st.form("console"):
    text = st.text_area(t("console.query"), height=160, key="console_query",
                        value="MATCH (c:Company) RETURN c.key AS key, c.name AS name LIMIT 25")
    run = st.form_submit_button(t("console.run"))
if run:
    result = resources.gateway().read(text, {})
    access.record("cypher_console", {"query": text[:4000], "status": result.status.value,
                                     "rows": len(result.records)})
    state.put(state.CONSOLE_RESULT, result)
result = state.get(state.CONSOLE_RESULT)
if result is not None:
    if not result.ok:
        st.error(t("console.failed", status=result.status.value, error=str(result.error)))
    else:
        if result.status.value == "truncated":
            st.warning(t("saved.truncated", cap=result.row_cap))
        st.caption(t("console.status", status=result.status.value, rows=len(result.records),
                     seconds=f"{result.elapsed:.2f}"))
        st.dataframe(export.table(result.rows(), result.columns), hide_index=True, width="stretch")
