"""Shared test fixtures: one real embedded Bolt server per test session, one database per test.

The server is the same ArcadeDB the workbench runs by default, started through the same code
(`workbench.embedded.start`) in a temporary WORKBENCH_HOME. Each test that asks for `gateway`
gets a new, empty database with the graph model applied (prepared while the test before it ran), so tests never
see each other's data.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Iterator

import pytest
from hypothesis import settings as hypothesis_settings

from workbench.store import embedded
from workbench.store.gateway import Gateway
from workbench.settings import Settings
from workbench.store.connect import for_database, open_gateway

REPO = Path(__file__).resolve().parent.parent
_counter = itertools.count(1)

# Property tests judge results, never speed: Hypothesis' default 200 ms deadline per example failed
# test_escaped_markdown_renders_as_plain_paragraphs on a busy 2-core machine (a first call slowed by the load).
hypothesis_settings.register_profile("workbench", deadline=None)
hypothesis_settings.load_profile("workbench")


@pytest.fixture(scope="session")
def server_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings of the session's embedded server (started once, stopped at the end)."""
    home = tmp_path_factory.mktemp("workbench-home")
    settings = Settings.from_env({"WORKBENCH_HOME": str(home), "WORKBENCH_HEAP": "1g"})
    embedded.start(settings)
    yield settings
    embedded.stop(settings)


class DatabasePool:
    """New databases with the graph model applied, each prepared on a background thread while the test before it
    runs: on ArcadeDB the model's 78 DDL statements take 0.5-1.5 s on a fresh database, about a tenth of the suite
    when every test waited for them. Each database is still new and used by one test only; ``take`` waits for the
    one under way (or, if preparing it failed, prepares one in the foreground so the error is the test's own)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="test-database")
        self._next: Future[str] | None = self._worker.submit(self._prepare)

    def _prepare(self) -> str:
        name = f"t{next(_counter)}_{uuid.uuid4().hex[:8]}"
        embedded.create_database(self._settings, name)
        open_gateway(for_database(self._settings, name)).close()  # applies the model
        return name

    def take(self) -> str:
        ahead, self._next = self._next, None
        try:
            name = ahead.result() if ahead is not None else self._prepare()
        except Exception:  # noqa: BLE001 - e.g. a test stopped the server meanwhile: prepare it here, or fail here
            name = self._prepare()
        self._next = self._worker.submit(self._prepare)
        return name

    def close(self) -> None:
        ahead, self._next = self._next, None
        self._worker.shutdown(wait=True)
        if ahead is not None and ahead.exception() is None:
            embedded.drop_database(self._settings, ahead.result())


@pytest.fixture(scope="session")
def database_pool(server_settings: Settings) -> Iterator[DatabasePool]:
    pool = DatabasePool(server_settings)
    yield pool
    pool.close()


@pytest.fixture
def store_settings(server_settings: Settings, database_pool: DatabasePool) -> Iterator[Settings]:
    """Settings pointing at a new database of this test's own, with the graph model applied, dropped afterwards."""
    name = database_pool.take()
    yield for_database(server_settings, name)
    try:
        embedded.drop_database(server_settings, name)
    except Exception:  # noqa: BLE001 - a test that stopped the server cleans up nothing more
        pass


@pytest.fixture
def own_home(store_settings: Settings) -> Settings:
    """This test's database on the session's server, with a home of its own: its own users, audit trail and cases,
    so what a test does to accounts (a first admin's one-time password, a lockout) stays with it."""
    home = store_settings.home / f"home-{store_settings.database}"
    home.mkdir()
    for item in ("credentials.json", "server.json", "server.lock", "arcadedb"):
        (home / item).symlink_to(store_settings.home / item)
    return dataclasses.replace(store_settings, home=home)


@pytest.fixture
def gateway(store_settings: Settings) -> Iterator[Gateway]:
    """A gateway on this test's empty database, with the graph model applied."""
    gw = open_gateway(store_settings)
    yield gw
    gw.close()


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """A home of the test's own (for tests that start, stop or kill their own server)."""
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("WORKBENCH_HEAP", "512m")
    for name in ("NEO4J_URI", "NEO4J_PASSWORD", "NEO4J_USER", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings.from_env()
    yield settings
    if embedded.status(settings).running:
        embedded.stop(settings)


REPO_DEMO = Path(os.environ.get("WORKBENCH_TEST_DEMO", REPO / "workbench" / "demo" / "bundle"))


def _home_beside(settings: Settings, home: Path) -> Settings:
    """``settings`` with a home of its own (users, audit trail, cases) that shares the session's server."""
    home.mkdir(parents=True, exist_ok=True)
    for item in ("credentials.json", "server.json", "server.lock", "arcadedb"):
        (home / item).symlink_to(settings.home / item)
    return dataclasses.replace(settings, home=home)


@pytest.fixture(scope="session")
def demo_store(server_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Gateway, Settings]]:
    """The demo bundle (workbench/demo/bundle) ingested once per session, into a database of its own, for the tests
    that only read it (risk ranking, inspection queue, briefings): ingesting it is the costliest setup of the suite.
    A test that writes into it must remove what it wrote (see test_targets); the settings' home is the session's own
    (cases and audit trail apart from the server's home)."""
    if not (REPO_DEMO / "ground_truth.json").exists():
        if in_ci():
            pytest.fail("workbench/demo/bundle is missing; generate it with "
                        "`python -m workbench.demo.generator --out workbench/demo/bundle`")
        pytest.skip("workbench/demo/bundle has not been generated yet (python -m workbench.demo.generator)")
    from workbench.ingest import ingest_path  # noqa: PLC0415

    embedded.create_database(server_settings, "demo_shared")
    settings = _home_beside(for_database(server_settings, "demo_shared"), tmp_path_factory.mktemp("demo-home"))
    gateway = open_gateway(settings)
    ingest_path(gateway, REPO_DEMO)
    yield gateway, settings
    gateway.close()
    embedded.drop_database(server_settings, "demo_shared")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")
