"""Open the gateway for the configured store: the embedded default or an external Neo4j."""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import replace
from typing import Iterator

from workbench.store import embedded
from workbench.errors import ConfigurationError
from workbench.store.gateway import Connection, Gateway
from workbench.store.schema import apply_schema
from workbench.settings import Settings


def connection_for(settings: Settings) -> Connection:
    """Where to connect, starting the embedded server when it is the store and is not running."""
    if settings.embedded:
        info = embedded.ensure_running(settings)
        creds = embedded.load_credentials(embedded.Home(settings.home))
        if settings.database != info.database:
            embedded.create_database(settings, settings.database)
        return Connection(
            uri=info.uri, user=embedded.ADMIN_USER, password=creds.admin_password, database=settings.database,
            backend="arcadedb", reader_user=embedded.READER_USER, reader_password=creds.reader_password,
            query_timeout=settings.query_timeout, row_cap=settings.row_cap, home=settings.home,
            user_queries=settings.user_queries, console_queries=settings.console_queries,
        )
    if not settings.neo4j_password:
        raise ConfigurationError(
            f"NEO4J_URI is set to {settings.neo4j_uri} but NEO4J_PASSWORD is not; set it (and NEO4J_USER if not neo4j)."
        )
    return Connection(
        uri=settings.neo4j_uri or "", user=settings.neo4j_user, password=settings.neo4j_password,
        database=settings.database, backend="neo4j", reader_user=settings.neo4j_reader_user,
        reader_password=settings.neo4j_reader_password, query_timeout=settings.query_timeout,
        row_cap=settings.row_cap, home=settings.home, user_queries=settings.user_queries,
        console_queries=settings.console_queries, retry_seconds=float(settings.neo4j_retry_seconds),
    )


def current_uri(settings: Settings) -> str | None:
    """Where the store answers now, without starting anything (None: the embedded server is not running)."""
    if not settings.embedded:
        return settings.neo4j_uri
    info = embedded.status(settings).info
    return info.uri if info else None


def describe_store(settings: Settings) -> str:
    if settings.embedded:
        return f"embedded ArcadeDB {embedded.ARCADEDB_VERSION} (home {settings.home}, database {settings.database})"
    return f"Neo4j at {settings.neo4j_uri} (database {settings.database})"


def open_gateway(settings: Settings | None = None, *, schema: bool = True) -> Gateway:
    """A verified gateway with the graph model applied; the caller closes it (or caches it per process)."""
    settings = settings or Settings.from_env()
    gateway = Gateway(connection_for(settings), locate=lambda: current_uri(settings))
    try:
        gateway.verify()
        if schema:
            apply_schema(gateway, settings)
    except BaseException:
        gateway.close()
        raise
    return gateway


def for_database(settings: Settings, database: str) -> Settings:
    """The same settings pointed at another database (tests isolate each test in its own)."""
    return replace(settings, neo4j_database=database)


@contextlib.contextmanager
def scratch_database(settings: Settings, prefix: str) -> Iterator[Gateway]:
    """A gateway on a new database of the embedded server ``settings`` names (model applied), dropped afterwards: for
    tests and benchmarks that need a database beside the one they use (e.g. an empty one to compare with)."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    embedded.create_database(settings, name)
    gateway = open_gateway(for_database(settings, name))
    try:
        yield gateway
    finally:
        gateway.close()
        embedded.drop_database(settings, name)
