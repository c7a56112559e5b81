"""The investigators' typed Cypher console: one read-only statement, with a timeout, a row cap and an audit entry.

Read-only is enforced by the store, not by matching the text: the console runs through
:meth:`Gateway.read`, which on the embedded ArcadeDB authenticates as a reader-only user and on
Neo4j opens a READ session. Either refuses a write, a writing procedure or a schema change, and
nothing changes (``tests/store/test_console.py`` proves it statement by statement). The console itself
only refuses what it cannot hand to the store as one statement: empty text and several
``;``-separated statements.
"""

from __future__ import annotations

import math
import re
from typing import Any, Mapping

from workbench.trust.audit import AuditLog
from workbench.trust.auth import User, require
from workbench.errors import InputError, QueryError, ReadOnlyViolation
from workbench.store.gateway import Gateway, QueryResult, Status, acting

#: Longest statement the console accepts (characters); a typed query is never this long.
MAX_TEXT_LENGTH = 100_000


def _statements(text: str) -> list[str]:
    """Split ``text`` at the ``;`` that end statements, skipping those inside strings, names and comments."""
    statements: list[str] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c in ("'", '"', "`"):
            i += 1
            while i < n and text[i] != c:
                i += 2 if text[i] == "\\" and c != "`" else 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end == -1 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end == -1 else end + 1
        elif c == ";":
            statements.append(text[start:i])
            start = i + 1
        i += 1
    statements.append(text[start:])
    return [s for s in statements if _has_code(s)]


_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.IGNORECASE)
_NOT_CODE = re.compile(r"'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.DOTALL)


def _code_only(text: str) -> str:
    """``text`` without its string literals, quoted names and comments (what the statement does, not says)."""
    return _NOT_CODE.sub(" ", text)


def _has_code(text: str) -> bool:
    """True when ``text`` holds something other than whitespace and comments."""
    i = 0
    n = len(text)
    while i < n:
        if text[i].isspace():
            i += 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end == -1 else end + 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end == -1 else end + 2
        else:
            return True
    return False


def _plain(value: Any) -> Any:
    """A parameter value as the audit trail can hold it (plain JSON; anything else as its repr)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return repr(value)


def check_statement(text: str) -> str:
    """The one statement in ``text`` (a trailing ``;`` is dropped), or :class:`InputError` saying why not."""
    if not isinstance(text, str) or not text.strip():
        raise InputError("The console is empty; type one Cypher statement, for example MATCH (c:Company) RETURN c LIMIT 10.")
    if len(text) > MAX_TEXT_LENGTH:
        raise InputError(f"The statement is {len(text)} characters long; the console accepts at most {MAX_TEXT_LENGTH}.")
    if "\x00" in text:
        raise InputError("The statement contains a NUL character; remove it and run it again.")
    statements = _statements(text)
    if not statements:
        raise InputError("The console holds only comments; type one Cypher statement to run.")
    if len(statements) > 1:
        raise InputError(
            f"The console runs one statement at a time, and this text holds {len(statements)} separated by ';'; "
            "run them one by one."
        )
    return statements[0].strip()


def run_console(gateway: Gateway, text: str, user: User, audit_log: AuditLog, row_cap: int | None = None,
                timeout: float | None = None, params: Mapping[str, Any] | None = None) -> QueryResult:
    """Run one typed statement on the read-only path and record it in the audit trail.

    Returns the result with its status (complete, truncated, timed_out or error: a refused write is
    an error whose ``error`` is a :class:`~workbench.errors.ReadOnlyViolation`). Raises
    :class:`~workbench.errors.AccessDenied` for a role below investigator and :class:`InputError` for
    empty or multi-statement text; both are recorded too, so the trail shows every attempt.
    """
    audit_log.ensure_writable()  # a query that cannot be recorded is not run
    shown = text if isinstance(text, str) else repr(text)
    details: dict[str, Any] = {"text": shown[:MAX_TEXT_LENGTH]}
    if len(shown) > MAX_TEXT_LENGTH:
        details["text_length"] = len(shown)
    if params:
        details["parameters"] = {str(k): _plain(v) for k, v in params.items()}
    try:
        require(user, "cypher_console")
        statement = check_statement(text)
    except Exception as e:
        audit_log.record(getattr(user, "username", str(user)) or "unknown", "cypher_console",
                         {**details, "status": "refused", "reason": str(e)})
        raise
    # Typed queries share a few slots, so however many people type runaway queries, the others' work gets CPU.
    wait = gateway.connection.query_timeout if timeout is None else timeout
    if not gateway.console_slots.acquire(timeout=wait):
        result = QueryResult(Status.ERROR, error=QueryError(
            f"The console is busy with other users' typed queries (at most {gateway.connection.console_queries} at "
            f"once; each ends within {gateway.connection.query_timeout:.0f} s); run this one again in a moment."))
        audit_log.record(user.username, "cypher_console", {**details, "status": "busy", "error": str(result.error)})
        return result
    try:
        with acting(user.username):  # and each user has only a few of them running
            result = gateway.read(statement, dict(params or {}), timeout=timeout, row_cap=row_cap)
    finally:
        gateway.console_slots.release()
    if isinstance(result.error, ReadOnlyViolation) and _LOAD_CSV.search(_code_only(statement)):
        result.error = ReadOnlyViolation(
            "LOAD CSV reads files on the server, and the console refuses it even when the statement only reads; "
            "an admin can bring the file in with `workbench ingest`.")
    details.update(status=result.status.value, rows=len(result.records), elapsed=round(result.elapsed, 3))
    if result.error is not None:
        details["error"] = str(result.error)
    audit_log.record(user.username, "cypher_console", details)
    return result
