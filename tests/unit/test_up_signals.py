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
        if parent.poll() is None:
            parent.kill()
        if child_pid and alive(child_pid):
            os.kill(child_pid, signal.SIGKILL)
