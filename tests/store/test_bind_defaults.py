"""The embedded server and the app listen on 127.0.0.1 unless WORKBENCH_HOST says otherwise, explicitly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import psutil
import pytest

from workbench.store import embedded
from workbench.settings import Settings


def listening_addresses(pid: int) -> dict[int, str]:
    """Port -> address of every listening socket of ``pid`` (Java's IPv4-mapped form folded to plain IPv4)."""
    return {c.laddr.port: c.laddr.ip.removeprefix("::ffff:")
            for c in psutil.Process(pid).net_connections(kind="inet") if c.status == psutil.CONN_LISTEN}


def test_settings_default_to_loopback_and_exposing_is_one_explicit_setting() -> None:
    assert Settings.from_env({}).host == "127.0.0.1"
    assert Settings.from_env({"WORKBENCH_HOST": ""}).host == "127.0.0.1"
    assert Settings.from_env({"WORKBENCH_HOST": "0.0.0.0"}).host == "0.0.0.0"


def test_embedded_server_listens_on_loopback_only_by_default(server_settings: Settings) -> None:
    info = embedded.status(server_settings).info
    assert info is not None and info.host == "127.0.0.1"
    listening = listening_addresses(info.pid)
    assert {info.bolt_port, info.http_port} <= set(listening)
    assert set(listening.values()) == {"127.0.0.1"}, listening


def test_embedded_server_binds_where_workbench_host_says(isolated_home: Settings, monkeypatch) -> None:
    # 127.0.0.2 is another loopback address on Linux: it proves the setting reaches the sockets
    # without exposing a test server to the network.
    monkeypatch.setenv("WORKBENCH_HOST", "127.0.0.2")
    settings = Settings.from_env()
    info = embedded.start(settings)
    try:
        assert info.host == "127.0.0.2"
        listening = listening_addresses(info.pid)
        assert {info.bolt_port, info.http_port} <= set(listening)
        assert set(listening.values()) == {"127.0.0.2"}, listening
    finally:
        embedded.stop(settings)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _app_listening(proc: subprocess.Popen, port: int, deadline: float) -> set[str]:
    """Addresses the app launched by ``proc`` (streamlit runs as its child) listens on at ``port``."""
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"`workbench app` exited with {proc.returncode}")
        family = [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
        found = set()
        for member in family:
            try:
                found |= {ip for p, ip in listening_addresses(member.pid).items() if p == port}
            except psutil.NoSuchProcess:
                continue
        if found:
            return found
        time.sleep(0.3)
    raise AssertionError(f"the app did not listen on port {port} in time")


@pytest.mark.parametrize("host", [None, "127.0.0.2"], ids=["default", "explicit-WORKBENCH_HOST"])
def test_app_launcher_binds_loopback_by_default_and_workbench_host_when_set(
    own_home: Settings, tmp_path, host: str | None
) -> None:
    store_settings = own_home  # `workbench app` creates the first admin: in a home of this test's own
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "WORKBENCH_"))}
    env.update(WORKBENCH_HOME=str(store_settings.home), NEO4J_DATABASE=store_settings.database,
               WORKBENCH_APP_PORT=str(port))
    if host:
        env["WORKBENCH_HOST"] = host
    proc = subprocess.Popen([sys.executable, "-m", "workbench", "app"], env=env, cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        assert _app_listening(proc, port, time.monotonic() + 90) == {host or "127.0.0.1"}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the launcher and the streamlit it started, nothing else
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
