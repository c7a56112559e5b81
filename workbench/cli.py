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
    except Exception as e:  # noqa: BLE001 - usage errors from typer's own click or from click
        code = usage_error(e)
        if code is None:
            raise
        sys.exit(code)


def _click_classes(name: str) -> tuple[type, ...]:
    """``name`` from click and from typer's vendored copy of it (typer 0.2x raises its own)."""
    found: list[type] = []
    for module in ("click.exceptions", "typer._click.exceptions", "typer.exceptions"):
        try:
            cls = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if isinstance(cls, type):
            found.append(cls)
    return tuple(found)


def usage_error(e: BaseException) -> int | None:
    """Print a usage error as one line (help when no arguments were given); its exit code, or None if not one."""
    if isinstance(e, _click_classes("NoArgsIsHelpError")):
        typer.echo(e.format_message())  # type: ignore[attr-defined]
        return 2
    if isinstance(e, _click_classes("ClickException")):
        message = " ".join(str(e.format_message()).split())  # type: ignore[attr-defined]
        ctx = getattr(e, "ctx", None)
        hint = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
        typer.echo(f"error: {message}{hint}", err=True)
        return int(getattr(e, "exit_code", 2))
    if isinstance(e, _click_classes("Abort")):
        typer.echo("aborted", err=True)
        return 1
    return None
