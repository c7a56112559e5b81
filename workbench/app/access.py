"""Who is logged in, what their role allows, and the audit trail of what they do in the app."""

from __future__ import annotations

from typing import Any

import streamlit as st

from workbench.trust import auth
from workbench.app import resources, state
from workbench.app.i18n import t
from workbench.errors import AccessDenied, WorkbenchError


def current_user() -> auth.User | None:
    """The user of this browser session, or None (never logged in, logged out, expired or revoked).

    A fresh browser session (a reload) takes the token and the language back from the signed cookie.
    """
    token = state.get(state.TOKEN)
    if not token and not state.get(state.COOKIE_CHECKED):
        state.put(state.COOKIE_CHECKED, True)
        restored = _cookie().loads(_browser_cookie())
        if restored is not None:
            token, lang = restored
            state.put(state.TOKEN, token)
            if lang in ("en", "es"):
                state.put(state.LANG, lang)
    if not token:
        return None
    user = resources.sessions().touch(token)
    if user is None:
        state.put(state.TOKEN, None)
        state.put(state.NOTICE, "login.expired")
    state.put(state.USER, user)
    return user


#: The audit name of whoever has not logged in (failed logins are recorded under it, with the name they tried).
ANONYMOUS = "anonymous"


def client_id() -> str:
    """The browser's address as Streamlit sees it: the per-client key of login throttling."""
    try:
        address = st.context.ip_address
    except Exception:  # noqa: BLE001 - outside a browser session (tests, scripts)
        address = None
    return str(address or "local")


def login(username: str, password: str) -> auth.User:
    """Check the password, open a session and record the attempt either way.

    The audit trail is checked first and the success recorded before the session opens: nobody gets in
    without a ``login_success`` entry. Failures are recorded as ``anonymous`` with the name that was tried,
    never as the user whose name it is.
    """
    username = (username or "").strip()
    ensure_audit()
    client = client_id()
    try:
        user = resources.users().authenticate(username, password, client=client)
    except AccessDenied as e:
        reason = "locked" if isinstance(e, auth.LoginLocked) else "wrong user or password"
        record("login_failure", {"attempted": username[:200], "client": client, "reason": reason}, user=ANONYMOUS)
        raise
    record("login_success", {"client": client}, user=user.username)
    start_session(user)
    return user


def start_session(user: auth.User) -> None:
    """Open a session for ``user`` in this browser session (after a login or a password change)."""
    state.put(state.TOKEN, resources.sessions().start(user))
    state.put(state.USER, user)


def change_password(current: str, new: str) -> auth.User:
    """The logged-in user changes their own password; their other sessions end and this one goes on."""
    user = state.get(state.USER)
    if user is None:
        raise AccessDenied("Log in first.")
    ensure_audit()
    old_token = state.get(state.TOKEN)
    changed = resources.users().change_password(user.username, current, new)
    record("user_passwd", {"username": user.username, "generated": False, "by": "self"})
    resources.sessions().end_all(user.username)
    if old_token:
        resources.sessions().end(old_token)
    start_session(changed)
    return changed


def ensure_audit() -> None:
    """Stop the page with a plain message (no traceback, no server paths) when the audit trail cannot be written."""
    try:
        resources.audit().ensure_writable()
    except WorkbenchError:
        st.error(t("audit_trail.unavailable"))
        st.stop()


def _cookie() -> auth.SessionCookie:
    return auth.SessionCookie(resources.settings().home, resources.settings().session_minutes)


def _browser_cookie() -> str | None:
    try:
        value = st.context.cookies.get(auth.SessionCookie.NAME)
    except Exception:  # noqa: BLE001 - no browser (tests, scripts)
        return None
    return str(value) if value else None


def sync_cookie() -> None:
    """Write (or clear) the browser's session cookie when the token or the language changed, or it is half-way
    to expiring. Called once per run from the sidebar, so it survives the rerun that follows a login."""
    import time  # noqa: PLC0415

    import streamlit.components.v1 as components  # noqa: PLC0415

    token, lang = state.get(state.TOKEN), state.get(state.LANG)
    written = state.get(state.COOKIE_WRITTEN)
    cookie = _cookie()
    now = time.time()
    if token:
        if written and written[0] == token and written[1] == lang and now - written[2] < cookie.max_age / 2:
            return
        value, age = cookie.dumps(token, lang), cookie.max_age
        state.put(state.COOKIE_WRITTEN, (token, lang, now))
    else:
        if written is None or written == ("", "", 0.0):
            return
        value, age = "", 0
        state.put(state.COOKIE_WRITTEN, ("", "", 0.0))
    # The value is URL-safe base64 and dots; the name is fixed: nothing here needs escaping.
    components.html(f"<script>window.parent.document.cookie = '{auth.SessionCookie.NAME}={value}; path=/; "
                    f"max-age={age}; SameSite=Strict';</script>", height=0)


def logout() -> None:
    user = state.get(state.USER)
    token = state.get(state.TOKEN)
    if token:
        resources.sessions().end(token)
    if user is not None:
        record("logout", {})
    state.put(state.TOKEN, None)
    state.put(state.USER, None)
    state.put(state.COOKIE_WRITTEN, ("pending-clear", "", 0.0))  # the sidebar clears the cookie on the next run


def allowed(action: str) -> bool:
    user = state.get(state.USER)
    return user is not None and auth.can(user.role, action)


def guard(action: str) -> auth.User:
    """Stop the page unless the current user's role allows ``action``, their one-time password has been changed
    and the audit trail can record what they do."""
    user = state.get(state.USER)
    if user is None or not auth.can(user.role, action):
        st.error(t("access.denied", action=t(f"action.{action}")))
        st.stop()
    if user.must_change_password:
        st.warning(t("login.must_change"))
        st.stop()
    ensure_audit()
    return user


def record(action: str, details: dict[str, Any], user: str | None = None) -> None:
    """Append one entry to the audit log (searches, queries with parameters, exports, logins, views).

    When the entry cannot be written the page stops with a plain message: nothing goes unrecorded.
    """
    name = user or getattr(state.get(state.USER), "username", None) or ANONYMOUS
    try:
        resources.audit().record(name, action, _plain(details))
    except WorkbenchError:
        st.error(t("audit_trail.unavailable"))
        st.stop()


def record_view(view: str, details: dict[str, Any]) -> None:
    """Record that the user saw a view of the store (network, timeline, routes, findings, overview).

    Streamlit reruns a page on every click; the same view showing the same thing is recorded once.
    """
    plain = _plain({"view": view, **details})
    seen = state.get(state.VIEWS_AUDITED)
    if seen.get(view) == plain:
        return
    record("view", plain)
    seen[view] = plain


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
