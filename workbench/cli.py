"""The `workbench` command: a thin shell that routes to command modules.

Each module in :mod:`workbench.commands` exposes ``register(app)``. Errors the workbench raises on
purpose are printed as one line (what is wrong, what to do) with a non-zero exit, no stack trace.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import typer

from workbench.errors import WorkbenchError

app = typer.Typer(
    name="workbench",
    help="Precursor Watch: a graph investigation workbench for precursor-chemical trafficking.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _register_commands() -> None:
    import workbench.commands as package  # noqa: PLC0415

    for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if module.name.startswith("_"):
            continue
        loaded = importlib.import_module(f"workbench.commands.{module.name}")
        register = getattr(loaded, "register", None)
        if register is not None:
            register(app)


_register_commands()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `workbench` command and `python -m workbench`."""
    try:
        code = app(args=argv, standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except WorkbenchError as e:
        typer.echo(f"error: {e}", err=True)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as e:  # click usage errors
        import click  # noqa: PLC0415

        if isinstance(e, click.exceptions.ClickException):
            e.show()
            sys.exit(e.exit_code)
        if isinstance(e, click.exceptions.Abort):
            sys.exit(1)
        raise
