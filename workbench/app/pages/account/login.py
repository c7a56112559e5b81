"""Login: username and password, checked against the user store; every attempt is audited."""

import streamlit as st

from workbench.app import access
from workbench.app.i18n import t
from workbench.errors import AccessDenied

st.title(t("login.title"))
st.caption(t("login.intro"))
with st.form("login"):
    username = st.text_input(t("login.username"), key="login_username")
    password = st.text_input(t("login.password"), type="password", key="login_password")
    submitted = st.form_submit_button(t("login.submit"))
if submitted:
    try:
        access.login(username, password)
    except AccessDenied:
        st.error(t("login.failed"))
    else:
        st.rerun()
