"""Change password: the user's own, required before anything else while it is a one-time password."""

import streamlit as st

from workbench.app import access, state
from workbench.app.i18n import t
from workbench.errors import AccessDenied, InputError
from workbench.trust.auth import LoginLocked

user = state.get(state.USER)
if user is None:
    st.stop()
st.title(t("account.title"))
if user.must_change_password:
    st.warning(t("login.must_change"))
st.caption(t("account.intro"))
with st.form("change_password", clear_on_submit=True):
    current = st.text_input(t("account.current"), type="password", key="password_current")
    new = st.text_input(t("account.new"), type="password", key="password_new")
    confirm = st.text_input(t("account.confirm"), type="password", key="password_confirm")
    submitted = st.form_submit_button(t("account.submit"))
if submitted:
    if new != confirm:
        st.error(t("account.mismatch"))
    else:
        try:
            access.change_password(current, new)
        except InputError as e:
            st.error(str(e))
        except LoginLocked as e:
            st.error(t("login.locked", seconds=e.seconds))
        except AccessDenied:
            st.error(t("account.wrong_current"))
        else:
            state.put(state.NOTICE, "account.changed")
            st.rerun()
