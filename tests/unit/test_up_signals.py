"""`workbench up` ends its child (Streamlit) when it gets SIGTERM or SIGINT (issue 11, item 11)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
#: The parent runs a child through workbench.commands.app.run_child, as `workbench up` runs Streamlit.
PARENT = """
import sys
from workbench.commands.app import run_child
child = [sys.executable, "-c", "import os, signal; print(os.getpid(), flush=True); signal.pause()"]
sys.exit(run_child(child))
"""


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\\nState:\\tZ" not in status and "State:\tZ" not in status


def _reap(parent: subprocess.Popen[str], child_pid: int) -> None:
    """Leave nothing running, whatever the test found."""
    if parent.poll() is None:
        parent.kill()
    if child_pid and alive(child_pid):
        os.kill(child_pid, signal.SIGKILL)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_signal_to_up_ends_its_child(signum: int) -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENT], cwd=REPO, stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    child_pid = 0
    try:
        assert parent.stdout is not None
        child_pid = int(parent.stdout.readline())  # the child is running once it has printed its pid
        assert alive(child_pid)
        parent.send_signal(signum)
        code = parent.wait(timeout=60)
        assert code == 128 + signum
        assert not alive(child_pid), "the child outlived `workbench up`"
    finally:
        _reap(parent, child_pid)


#: The parent is signalled while it is starting its child (inside Popen), the moment the child may already run.
STARTING = """
import os, signal, subprocess, sys
from workbench.commands.app import run_child
real = subprocess.Popen

def popen(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGTERM)
    child = real(*args, **kwargs)
    print(child.pid, flush=True)
    return child

subprocess.Popen = popen
sys.exit(run_child([sys.executable, "-c", "import signal; signal.pause()"]))
"""


def test_a_signal_while_the_child_starts_still_ends_the_child() -> None:
    parent = subprocess.Popen([sys.executable, "-c", STARTING], cwd=REPO, stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    child_pid = 0
    try:
        code = parent.wait(timeout=60)
        assert parent.stdout is not None
        printed = parent.stdout.read().split()
        assert printed, "the parent died of the signal before starting its child"
        child_pid = int(printed[0])
        assert code == 128 + signal.SIGTERM
        assert not alive(child_pid), "the child outlived `workbench up`"
    finally:
        _reap(parent, child_pid)
