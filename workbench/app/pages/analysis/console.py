"""Cypher console: typed queries on the read-only path (timeout, row cap, status); investigators only."""

import streamlit as st

from workbench.app import access, downloads, resources, state
from workbench.app.i18n import t
from workbench.analysis.console import run_console
from workbench.errors import WorkbenchError

user = access.guard("cypher_console")
st.title(t("console.title"))
st.caption(t("console.intro"))
with st.form("console"):
    text = st.text_area(t("console.query"), height=160, key="console_query",
                        value="MATCH (c:Company) RETURN c.key AS key, c.name AS name LIMIT 25")
    run = st.form_submit_button(t("console.run"))
if run:
    try:
        result = run_console(resources.gateway(), text, user, resources.audit())
    except WorkbenchError as e:
        access.show_error(e)
    else:
        state.put(state.CONSOLE_RESULT, result)
result = state.get(state.CONSOLE_RESULT)
if result is not None:
    downloads.show_result(result, "console", t)
