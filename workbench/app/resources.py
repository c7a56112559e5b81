"""Process-wide resources, created once per app process with ``st.cache_resource``."""

from __future__ import annotations

import streamlit as st

from workbench.trust.audit import AuditLog
from workbench.trust.auth import SessionManager, UserStore
from workbench.store.gateway import Gateway
from workbench.settings import Settings
from workbench.store.connect import open_gateway


@st.cache_resource(show_spinner=False)
def settings() -> Settings:
    return Settings.from_env()


@st.cache_resource(show_spinner=False)
def gateway() -> Gateway:
    """The one gateway (and so the one driver) of this app process."""
    return open_gateway(settings())


@st.cache_resource(show_spinner=False)
def users() -> UserStore:
    return UserStore(settings().home)


@st.cache_resource(show_spinner=False)
def sessions() -> SessionManager:
    return SessionManager(settings().home, settings().session_minutes, users=users())


@st.cache_resource(show_spinner=False)
def audit() -> AuditLog:
    return AuditLog(settings().home)


@st.cache_data(ttl=600, show_spinner=False)
def risk_ranking(database: str) -> list[dict]:
    """Every company with findings, scored (detectors + network measures); cached ten minutes per database."""
    from workbench.analysis import risk  # noqa: PLC0415 - runs the whole detector suite: only when a page asks

    return [company.to_dict() for company in risk.rank(gateway(), home=settings().home)]


def findings_index() -> dict[str, dict]:
    """Company key -> its risk entry (score and findings), from the cached ranking."""
    return {entry["key"]: entry for entry in risk_ranking(settings().database)}
