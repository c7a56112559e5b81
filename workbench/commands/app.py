"""`workbench up` (demo data, first admin, then the app) and `workbench app` (just the app)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from types import FrameType

import typer

from workbench.trust import auth
from workbench.analysis import overview
from workbench.commands.ingest import ingest_with_progress, print_summary
from workbench.settings import Settings
from workbench.store.connect import open_gateway

PACKAGE = Path(__file__).resolve().parent.parent
APP = PACKAGE / "app" / "app.py"
#: The fictional demo bundle, shipped inside the package so an installed workbench finds it too.
DEMO = PACKAGE / "demo" / "bundle"


def _prepare(seed: bool) -> Settings:
    settings = Settings.from_env()
    gateway = open_gateway(settings)
    try:
        if seed and overview.is_empty(gateway):
            typer.echo(f"The store is empty: loading the fictional demo data from {DEMO} ...")
            print_summary(ingest_with_progress(gateway, DEMO, source="demo"))
    finally:
        gateway.close()
    password = auth.UserStore(settings.home).ensure_first_admin()
    if password:
        from workbench.commands.trust import cli_actor  # noqa: PLC0415
        from workbench.trust.audit import AuditLog  # noqa: PLC0415

        AuditLog(settings.home).record(cli_actor(), "user_add", {"username": auth.FIRST_ADMIN, "role": "admin",
                                                                 "generated": True, "first_admin": True})
        typer.echo(f"First administrator created: user 'admin', one-time password: {password}")
        typer.echo("Write it down now: it is shown only once. Change it with `workbench users passwd admin`.")
    return settings


#: How long a child may take to stop after SIGTERM before it is killed.
STOP_GRACE_S = 15.0


def run_child(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> int:
    """Run ``command`` until it ends; SIGTERM or SIGINT to this process stops it (and its children) first.

    The child runs in its own process group, so a signal to us reaches it only through us and nothing is
    left running when we return (an orphaned Streamlit kept the port and the store's files open).
    """
    received: list[int] = []
    started: list[subprocess.Popen[bytes]] = []

    def stop(signum: int, _frame: FrameType | None) -> None:
        received.append(signum)
        for child_ in started:
            try:
                os.killpg(child_.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    # The handlers come first: a signal while the child is starting (it may already run before Popen returns)
    # would otherwise end this process with the default action and leave the child running.
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        child = subprocess.Popen(command, cwd=cwd, env=env, start_new_session=True)
        started.append(child)
        if received:
            os.killpg(child.pid, signal.SIGTERM)  # asked to stop while the child was starting
        while True:
            try:
                code = child.wait(timeout=STOP_GRACE_S if received else None)
                break
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for child_ in started:
            if child_.poll() is None:
                os.killpg(child_.pid, signal.SIGKILL)
                child_.wait()
    return 128 + received[0] if received else code


def _serve(settings: Settings) -> None:
    url = f"http://{settings.host}:{settings.app_port}/"
    typer.echo(f"Precursor Watch: {url}")
    # Every setting of the checkout's .streamlit/config.toml is given here too, so an installed workbench run
    # from any folder behaves the same: air-gapped, no telemetry, no file watcher.
    command = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.address", settings.host,
               "--server.port", str(settings.app_port), "--server.headless", "true",
               "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
               "--client.toolbarMode", "minimal", "--global.developmentMode", "false"]
    raise typer.Exit(run_child(command, cwd=PACKAGE.parent, env=dict(os.environ)))


def up() -> None:
    """Start everything: the store, the demo data when the store is empty, the first admin, then the app."""
    _serve(_prepare(seed=True))


def app() -> None:
    """Start the app on the configured store (no demo data)."""
    _serve(_prepare(seed=False))


def register(cli: typer.Typer) -> None:
    cli.command("up")(up)
    cli.command("app")(app)
