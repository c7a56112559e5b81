"""`workbench db start|stop|status` and `workbench up`."""

from __future__ import annotations

import typer

from workbench.store import embedded
from workbench.errors import ConfigurationError
from workbench.settings import Settings


def _embedded_only(settings: Settings, action: str) -> None:
    if not settings.embedded:
        raise ConfigurationError(
            f"`workbench db {action}` manages the embedded default, but NEO4J_URI is set to {settings.neo4j_uri}; "
            "manage that server with its own tools, or unset NEO4J_URI."
        )


def register(app: typer.Typer) -> None:
    db = typer.Typer(help="Manage the embedded graph store (ArcadeDB over Bolt) of this WORKBENCH_HOME.",
                     no_args_is_help=True)
    app.add_typer(db, name="db")

    @db.command("start")
    def start() -> None:
        """Start the embedded server of this home in the background."""
        settings = Settings.from_env()
        _embedded_only(settings, "start")
        info = embedded.start(settings, fail_if_running=True)
        typer.echo(f"embedded server started: {info.uri} (pid {info.pid}, home {settings.home})")

    @db.command("stop")
    def stop() -> None:
        """Stop the embedded server of this home cleanly."""
        settings = Settings.from_env()
        _embedded_only(settings, "stop")
        if embedded.stop(settings):
            typer.echo(f"embedded server stopped (home {settings.home})")
        else:
            typer.echo(f"embedded server was not running (home {settings.home})")

    @db.command("status")
    def status() -> None:
        """Say which store is in use and whether it answers; exit 1 when the embedded server is down."""
        settings = Settings.from_env()
        if not settings.embedded:
            from workbench.store.connect import open_gateway  # noqa: PLC0415

            with open_gateway(settings, schema=False):
                typer.echo(f"Neo4j at {settings.neo4j_uri} answers (database {settings.database})")
            return
        current = embedded.status(settings)
        typer.echo(current.describe())
        if not current.running:
            raise typer.Exit(1)
