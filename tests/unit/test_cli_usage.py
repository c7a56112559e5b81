"""CLI usage errors (unknown options, missing arguments, bad choices) are one line, never a traceback (issue 14 #14)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "WORKBENCH_"))}
    return subprocess.run([sys.executable, "-m", "workbench", *args], env=env, capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("args, expected", [
    (("query", "--bogus"), "No such option: --bogus"),
    (("query",), "Missing argument"),
    (("no-such-command",), "No such command"),
    (("audit", "show", "--format", "xml"), "--format"),
    (("risk", "--top", "0"), "--top"),
    (("console", "--format", "pdf", "RETURN 1"), "--format"),
])
def test_usage_error_is_one_line(args: tuple[str, ...], expected: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and expected in lines[0]
    assert "--help" in lines[0]
