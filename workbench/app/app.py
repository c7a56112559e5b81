"""Precursor Watch in the browser: this shell only builds the navigation; pages live in pages/."""

import streamlit as st

from workbench.app import nav, state

st.set_page_config(page_title="Precursor Watch", layout="wide")
state.init()
pages = nav.navigation()
nav.sidebar()
st.navigation(pages).run()
