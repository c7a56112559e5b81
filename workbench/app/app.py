"""Precursor Watch in the browser: this shell only builds the navigation; pages live in pages/."""

import streamlit as st

from workbench.app import nav, state

st.set_page_config(page_title="Precursor Watch", layout="wide")
state.init()
pages = nav.navigation()
nav.sidebar()
# every page in view: "View 3 more" hid Cases and the account pages once the inspection queue joined the menu
st.navigation(pages, expanded=True).run()
