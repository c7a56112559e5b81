"""What the app's AppTest pages share: users of every role and the app's settings pointing at this test's database."""

from __future__ import annotations

from typing import Iterator

import pytest
import streamlit as st

from workbench.settings import Settings
from workbench.trust import auth

#: The password of every role's user (named after its role) in the app tests.
APP_PASSWORD = "correct-horse-battery"


@pytest.fixture
def app_settings(store_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """Users of every role in this test's home, and the app's resources pointed at this test's database."""
    users = auth.UserStore(store_settings.home)
    for role in auth.ROLES:
        if users.get(role) is None:
            users.add(role, role, APP_PASSWORD)
    monkeypatch.setenv("WORKBENCH_HOME", str(store_settings.home))
    monkeypatch.setenv("NEO4J_DATABASE", store_settings.database)
    st.cache_resource.clear()  # the app's resources are per process: point them at this test's database
    yield store_settings
    st.cache_resource.clear()
