"""Databases beside a test's own on the session's embedded server (tests/conftest.py starts it)."""

from __future__ import annotations

import contextlib
import uuid
from typing import Iterator

from workbench.settings import Settings
from workbench.store import embedded
from workbench.store.connect import for_database, open_gateway
from workbench.store.gateway import Gateway


@contextlib.contextmanager
def database_gateway(server_settings: Settings, prefix: str) -> Iterator[Gateway]:
    """A gateway on a new database of the session's server (schema applied), dropped afterwards: for fixtures that
    need a database beside the test's own, or one per module."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    embedded.create_database(server_settings, name)
    gw = open_gateway(for_database(server_settings, name))
    try:
        yield gw
    finally:
        gw.close()
        embedded.drop_database(server_settings, name)
