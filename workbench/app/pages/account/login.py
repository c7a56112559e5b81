"""Login: username and password, checked against the user store (throttled per account and per client); every
attempt is audited, failures as ``anonymous`` with the name that was tried."""

import streamlit as st

from workbench.app import access
from workbench.app.i18n import t
from workbench.errors import AccessDenied
from workbench.trust.auth import LoginLocked

st.title(t("login.title"))
st.caption(t("login.intro"))
with st.form("login"):
    username = st.text_input(t("login.username"), key="login_username")
    password = st.text_input(t("login.password"), type="password", key="login_password")
    submitted = st.form_submit_button(t("login.submit"))
if submitted:
    try:
        access.login(username, password)
    except LoginLocked as e:
        st.error(t("login.locked", seconds=e.seconds))
    except AccessDenied:
        st.error(t("login.failed"))
    else:
        st.rerun()
