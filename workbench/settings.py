"""Every environment variable the workbench reads is read here, and only here.

Everything else receives a :class:`Settings` (or parts of it) as an argument.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from workbench.errors import ConfigurationError

#: Documented settings: name -> one-line description (the README table is checked against this).
DOCUMENTED: dict[str, str] = {
    "NEO4J_URI": "Bolt URI of an external Neo4j 5 server, cluster or Aura instance; unset = embedded default",
    "NEO4J_USER": "user for NEO4J_URI (default neo4j)",
    "NEO4J_PASSWORD": "password for NEO4J_URI",
    "NEO4J_DATABASE": "database name (default neo4j; embedded default: workbench)",
    "NEO4J_READER_USER": "optional reader-only user for the read-only path on an external Neo4j",
    "NEO4J_READER_PASSWORD": "password of NEO4J_READER_USER",
    "WORKBENCH_HOME": "folder holding everything the embedded default keeps (default: per-user data folder)",
    "WORKBENCH_HOST": "interface the embedded server and the app bind to (default 127.0.0.1; anything else exposes them)",
    "WORKBENCH_BOLT_PORT": "fixed Bolt port for the embedded server (default 0 = a free port, recorded in the home)",
    "WORKBENCH_APP_PORT": "port of the Streamlit app (default 8501)",
    "WORKBENCH_QUERY_TIMEOUT": "seconds before a query is stopped with status timed_out; the embedded server stops it "
                               "itself at that deadline (default 30)",
    "WORKBENCH_USER_QUERIES": "queries one user may have running at once through one app or CLI process (default 2)",
    "WORKBENCH_CONSOLE_QUERIES": "typed console queries one app or CLI process runs at once for all users, so typed "
                                 "queries cannot starve everyone else's (default: half the CPU cores, at least 1)",
    "WORKBENCH_SERVER_QUERIES": "queries the embedded server runs at once for all users; more wait in its queue "
                                "(default 16)",
    "WORKBENCH_ROW_CAP": "rows returned at most by one query before status truncated (default 5000)",
    "WORKBENCH_HEAP": "Java heap of the embedded server (default 2g)",
    "WORKBENCH_SESSION_MINUTES": "minutes of inactivity before an app login expires (default 60)",
}


BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def default_home() -> Path:
    """The per-user data folder (XDG on Linux, the usual places elsewhere)."""
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "precursor-watch"


def _int(env: Mapping[str, str], name: str, default: int, minimum: int = 0) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as e:
        raise ConfigurationError(f"{name}={raw!r} is not a whole number; set it to a number such as {default}.") from e
    if value < minimum:
        raise ConfigurationError(f"{name}={value} is below {minimum}; set it to a number such as {default}.")
    return value


@dataclass(frozen=True)
class Settings:
    """Resolved settings for one process."""

    home: Path
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = None
    neo4j_database: str = "neo4j"
    neo4j_reader_user: str | None = None
    neo4j_reader_password: str | None = None
    neo4j_retry_seconds: int = 15
    host: str = "127.0.0.1"
    bolt_port: int = 0
    app_port: int = 8501
    query_timeout: float = 30.0
    user_queries: int = 2
    console_queries: int = 1
    server_queries: int = 16
    row_cap: int = 5000
    heap: str = "2g"
    session_minutes: int = 60
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def embedded(self) -> bool:
        """True when the workbench runs its own ArcadeDB Bolt server."""
        return not self.neo4j_uri

    @property
    def database(self) -> str:
        return self.neo4j_database

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if env is None else env
        uri = env.get("NEO4J_URI") or None
        if uri and uri.split("://", 1)[0] not in BOLT_SCHEMES:
            raise ConfigurationError(
                f"NEO4J_URI {uri!r} is not a Bolt URI; use one of {', '.join(s + '://' for s in BOLT_SCHEMES)}."
            )
        home = Path(env["WORKBENCH_HOME"]).expanduser() if env.get("WORKBENCH_HOME") else default_home()
        default_db = "neo4j" if uri else "workbench"
        return cls(
            home=home.absolute(),
            neo4j_uri=uri,
            neo4j_user=env.get("NEO4J_USER") or "neo4j",
            neo4j_password=env.get("NEO4J_PASSWORD") or None,
            neo4j_database=env.get("NEO4J_DATABASE") or default_db,
            neo4j_reader_user=env.get("NEO4J_READER_USER") or None,
            neo4j_reader_password=env.get("NEO4J_READER_PASSWORD") or None,
            neo4j_retry_seconds=_int(env, "NEO4J_RETRY_SECONDS", 15, 0),
            host=env.get("WORKBENCH_HOST") or "127.0.0.1",
            bolt_port=_int(env, "WORKBENCH_BOLT_PORT", 0),
            app_port=_int(env, "WORKBENCH_APP_PORT", 8501, 1),
            query_timeout=float(_int(env, "WORKBENCH_QUERY_TIMEOUT", 30, 1)),
            user_queries=_int(env, "WORKBENCH_USER_QUERIES", 2, 1),
            console_queries=_int(env, "WORKBENCH_CONSOLE_QUERIES", max(1, (os.cpu_count() or 2) // 2), 1),
            server_queries=_int(env, "WORKBENCH_SERVER_QUERIES", 16, 1),
            row_cap=_int(env, "WORKBENCH_ROW_CAP", 5000, 1),
            heap=env.get("WORKBENCH_HEAP") or "2g",
            session_minutes=_int(env, "WORKBENCH_SESSION_MINUTES", 60, 1),
        )
