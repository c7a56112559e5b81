"""Who is logged in, what their role allows, and the audit trail of what they do in the app."""

from __future__ import annotations

from typing import Any

import streamlit as st

from workbench.trust import auth
from workbench.app import resources, state
from workbench.app.i18n import t
from workbench.errors import AccessDenied, WorkbenchError


def current_user() -> auth.User | None:
    """The user of this browser session, or None (never logged in, logged out, expired or revoked)."""
    token = state.get(state.TOKEN)
    if not token:
        return None
    user = resources.sessions().touch(token)
    if user is None:
        state.put(state.TOKEN, None)
        state.put(state.NOTICE, "login.expired")
    state.put(state.USER, user)
    return user


def login(username: str, password: str) -> auth.User:
    """Check the password, open a session and record the attempt either way."""
    username = (username or "").strip()
    try:
        user = resources.users().authenticate(username, password)
    except AccessDenied:
        record("login_failure", {"username": username[:200]}, user=username[:200] or "-")
        raise
    state.put(state.TOKEN, resources.sessions().start(user))
    state.put(state.USER, user)
    record("login_success", {}, user=user.username)
    return user


def logout() -> None:
    user = state.get(state.USER)
    token = state.get(state.TOKEN)
    if token:
        resources.sessions().end(token)
    if user is not None:
        record("logout", {})
    state.put(state.TOKEN, None)
    state.put(state.USER, None)


def allowed(action: str) -> bool:
    user = state.get(state.USER)
    return user is not None and auth.can(user.role, action)


def guard(action: str) -> auth.User:
    """Stop the page unless the current user's role allows ``action``."""
    user = state.get(state.USER)
    if user is None or not auth.can(user.role, action):
        st.error(t("access.denied", action=t(f"action.{action}")))
        st.stop()
    return user


def record(action: str, details: dict[str, Any], user: str | None = None) -> None:
    """Append one entry to the audit log (searches, queries with parameters, exports, logins)."""
    name = user or getattr(state.get(state.USER), "username", None) or "-"
    resources.audit().record(name, action, _plain(details))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def show_error(error: WorkbenchError) -> None:
    """An error as text: its message may quote data (names, cells), which must not render as Markdown."""
    from workbench.app.markup import md_block  # noqa: PLC0415

    st.error(md_block(str(error)))
