"""`workbench up` (demo data, first admin, then the app) and `workbench app` (just the app)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import typer

from workbench.trust import auth
from workbench.analysis import overview
from workbench.commands.ingest import ingest_with_progress, print_summary
from workbench.settings import Settings
from workbench.store.connect import open_gateway

REPO = Path(__file__).resolve().parent.parent.parent
APP = Path(__file__).resolve().parent.parent / "app" / "app.py"
DEMO = REPO / "seed_data" / "demo"


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


def _serve(settings: Settings) -> None:
    url = f"http://{settings.host}:{settings.app_port}/"
    typer.echo(f"Precursor Watch: {url}")
    command = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.address", settings.host,
               "--server.port", str(settings.app_port), "--server.headless", "true",
               "--browser.gatherUsageStats", "false"]
    raise typer.Exit(subprocess.call(command, cwd=REPO, env=dict(os.environ)))


def up() -> None:
    """Start everything: the store, the demo data when the store is empty, the first admin, then the app."""
    _serve(_prepare(seed=True))


def app() -> None:
    """Start the app on the configured store (no demo data)."""
    _serve(_prepare(seed=False))


def register(cli: typer.Typer) -> None:
    cli.command("up")(up)
    cli.command("app")(app)
