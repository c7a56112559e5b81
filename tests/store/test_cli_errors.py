"""Every foundation fault gives one clear line and a non-zero exit, never a stack trace."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.store import embedded
from workbench.settings import Settings


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "WORKBENCH_"))}
    full.update(env)
    return subprocess.run([sys.executable, "-m", "workbench", *args], env=full, capture_output=True, text=True,
                          timeout=180)


def assert_one_clear_line(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert result.returncode != 0, result
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for text in expected:
        assert text in lines[0]


def test_unreachable_neo4j_uri() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run_cli("db", "status", env={"NEO4J_URI": f"bolt://127.0.0.1:{port}", "NEO4J_PASSWORD": "x"})
    assert_one_clear_line(result, "Cannot reach the graph store", "NEO4J_URI")


def test_malformed_neo4j_uri() -> None:
    result = run_cli("db", "status", env={"NEO4J_URI": "http://nowhere:7474", "NEO4J_PASSWORD": "x"})
    assert_one_clear_line(result, "NEO4J_URI")


def test_wrong_password(server_settings: Settings) -> None:
    info = embedded.status(server_settings).info
    result = run_cli("db", "status", env={"NEO4J_URI": info.uri, "NEO4J_USER": "root", "NEO4J_PASSWORD": "wrong",
                                          "NEO4J_DATABASE": info.database})
    assert_one_clear_line(result, "refused the credentials", "NEO4J_PASSWORD")


def test_missing_password_for_external_store() -> None:
    result = run_cli("db", "status", env={"NEO4J_URI": "bolt://127.0.0.1:7687"})
    assert_one_clear_line(result, "NEO4J_PASSWORD")


def test_home_not_writable(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_cli("db", "start", env={"WORKBENCH_HOME": str(blocker / "home")})
    assert_one_clear_line(result, "not writable", "WORKBENCH_HOME")


def test_port_taken(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        result = run_cli("db", "start", env={"WORKBENCH_HOME": str(tmp_path / "home"),
                                             "WORKBENCH_BOLT_PORT": str(port)})
    assert_one_clear_line(result, f"Port {port}", "WORKBENCH_BOLT_PORT")


def test_second_start_on_same_home(isolated_home: Settings) -> None:
    env = {"WORKBENCH_HOME": str(isolated_home.home), "WORKBENCH_HEAP": "512m"}
    first = run_cli("db", "start", env=env)
    assert first.returncode == 0, first.stderr
    assert "started" in first.stdout
    second = run_cli("db", "start", env=env)
    assert_one_clear_line(second, "already running", "workbench db stop")
    status = run_cli("db", "status", env=env)
    assert status.returncode == 0 and "running" in status.stdout
    stop = run_cli("db", "stop", env=env)
    assert stop.returncode == 0 and "stopped" in stop.stdout
    after = run_cli("db", "status", env=env)
    assert after.returncode == 1 and "not running" in after.stdout


def test_bad_setting_value() -> None:
    result = run_cli("db", "status", env={"WORKBENCH_QUERY_TIMEOUT": "soon"})
    assert_one_clear_line(result, "WORKBENCH_QUERY_TIMEOUT")


@pytest.mark.parametrize("argv", [["--help"], ["db", "--help"]])
def test_help_works(argv: list[str]) -> None:
    result = run_cli(*argv, env={})
    assert result.returncode == 0 and "Usage" in result.stdout
