"""`workbench users ...` and `workbench audit ...`: manage users and check the audit trail.

Every user change made here is recorded in the audit trail as ``cli:<OS user>``.
Errors are raised as :class:`~workbench.errors.WorkbenchError` subclasses for the
main CLI to print.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from datetime import date, datetime, time, timedelta, timezone
from contextlib import contextmanager
from enum import Enum
from typing import Annotated, Any, Iterator, Optional

import typer

from workbench.trust.audit import AuditLog, Entry
from workbench.trust.auth import SessionManager, UserStore
from workbench.errors import AccessDenied, InputError, WorkbenchError
from workbench.settings import Settings
from workbench.store.gateway import act_as


class Format(str, Enum):
    table = "table"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", help="Output as an aligned table or as JSON.")]
SINCE_HELP = "From this date (YYYY-MM-DD) or ISO date-time; UTC unless a zone is given."
UNTIL_HELP = "Up to and including this date, or up to this ISO date-time."
PasswordStdin = Annotated[
    bool,
    typer.Option("--password-stdin", help="Read the password from the first line of stdin instead of generating one."),
]


def cli_actor() -> str:
    """The audit name for whoever runs the CLI: ``cli:`` plus the OS user."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError):
        name = f"uid{os.getuid()}"
    return f"cli:{name}"


def _audit(settings: Settings) -> AuditLog:
    """The audit trail, checked up front so a user change never happens without being recorded."""
    audit = AuditLog(settings.home)
    audit.ensure_writable()
    return audit


def refuse_while_first_admin_pending(settings: Settings) -> None:
    """Data commands wait until the one-time admin password printed by `workbench up` has been changed."""
    if UserStore(settings.home).first_admin_pending():
        raise AccessDenied(
            "The one-time admin password from `workbench up` has not been changed yet; log in to the app as admin "
            "and change it, or run `workbench users passwd admin --password-stdin`, before anything else."
        )


@contextmanager
def audited(action: str, details: dict[str, Any] | None = None,
            settings: Settings | None = None) -> Iterator[dict[str, Any]]:
    """Run a CLI command that reads or changes data under an audit entry recorded as ``cli:<OS user>``.

    Refuses before doing anything when the trail cannot be written or the one-time admin password is pending.
    The block may add to the yielded details (rows, status); a failure is recorded with its error and re-raised.
    """
    settings = settings or Settings.from_env()
    refuse_while_first_admin_pending(settings)
    audit = _audit(settings)
    act_as(cli_actor())
    entry: dict[str, Any] = dict(details or {})
    try:
        yield entry
    except WorkbenchError as e:
        entry.update(status="failed", error=str(e)[:2000])
        audit.record(cli_actor(), action, _json_safe(entry))
        raise
    entry.setdefault("status", "complete")
    audit.record(cli_actor(), action, _json_safe(entry))


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if value is None or isinstance(value, (str, int, bool)):
        return value
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else str(value)
    return str(value)


def _read_password() -> str:
    line = sys.stdin.readline()
    password = line.removesuffix("\n").removesuffix("\r")
    if not password:
        raise InputError(
            "No password on stdin; pipe one line, e.g. `printf '%s\\n' \"$PW\" | workbench users add ...`."
        )
    return password


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in [headers, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _parse_moment(text: str, option: str, end_of_day: bool) -> datetime:
    """An ISO date or date-time; a bare date for --until means the whole of that day (UTC)."""
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            start = datetime.combine(day, time.min, tzinfo=timezone.utc)
            return start + timedelta(days=1, microseconds=-1) if end_of_day else start
        moment = datetime.fromisoformat(text)
    except ValueError as e:
        raise InputError(
            f"{option} {text!r} is not a date; use YYYY-MM-DD or an ISO date-time such as 2025-01-31T14:00Z."
        ) from e
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def _short(details: dict[str, Any], width: int = 80) -> str:
    # Lone surrogates cannot be printed; show them escaped rather than fail.
    text = json.dumps(details, ensure_ascii=False, sort_keys=True).encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= width else text[: width - 1] + "…"


def register(app: typer.Typer) -> None:
    """Add the `users` and `audit` command groups to the main CLI."""
    users_app = typer.Typer(help="Add, remove and change workbench users (passwords are stored as argon2id hashes).")
    audit_app = typer.Typer(help="Check and read the hash-chained audit trail.")
    app.add_typer(users_app, name="users")
    app.add_typer(audit_app, name="audit")

    @users_app.command("add")
    def users_add(
        username: Annotated[str, typer.Argument(help="Lowercase letters, digits, '.', '_' or '-', 2-64 characters.")],
        role: Annotated[str, typer.Option("--role", help="viewer, analyst, investigator or admin.")],
        password_stdin: PasswordStdin = False,
    ) -> None:
        """Add a user; without --password-stdin a password is generated and shown once."""
        settings = Settings.from_env()
        audit = _audit(settings)
        chosen = _read_password() if password_stdin else None
        password = UserStore(settings.home).add(username, role, chosen)
        audit.record(cli_actor(), "user_add", {"username": username, "role": role, "generated": chosen is None})
        if chosen is None:
            typer.echo(f"Added {username!r} as {role}. One-time password (shown only now; change at first login):")
            typer.echo(password)
        else:
            typer.echo(f"Added {username!r} as {role}.")

    @users_app.command("remove")
    def users_remove(username: Annotated[str, typer.Argument(help="The user to remove.")]) -> None:
        """Remove a user and end their sessions."""
        settings = Settings.from_env()
        audit = _audit(settings)
        UserStore(settings.home).remove(username)
        SessionManager(settings.home, settings.session_minutes).end_all(username)
        audit.record(cli_actor(), "user_remove", {"username": username})
        typer.echo(f"Removed {username!r}.")

    @users_app.command("passwd")
    def users_passwd(
        username: Annotated[str, typer.Argument(help="The user whose password to set.")],
        password_stdin: PasswordStdin = False,
    ) -> None:
        """Set a user's password; without --password-stdin a new one is generated and shown once."""
        settings = Settings.from_env()
        audit = _audit(settings)
        chosen = _read_password() if password_stdin else None
        generated = UserStore(settings.home).set_password(username, chosen)
        SessionManager(settings.home, settings.session_minutes).end_all(username)
        audit.record(cli_actor(), "user_passwd", {"username": username, "generated": chosen is None})
        if generated is not None:
            typer.echo(f"New one-time password for {username!r} (shown only now; change at first login):")
            typer.echo(generated)
        else:
            typer.echo(f"Password of {username!r} changed.")

    @users_app.command("role")
    def users_role(
        username: Annotated[str, typer.Argument(help="The user to change.")],
        role: Annotated[str, typer.Argument(help="viewer, analyst, investigator or admin.")],
    ) -> None:
        """Change a user's role."""
        settings = Settings.from_env()
        audit = _audit(settings)
        previous = UserStore(settings.home).set_role(username, role)
        audit.record(cli_actor(), "user_role", {"username": username, "from": previous, "to": role})
        typer.echo(f"{username!r} is now {role} (was {previous}).")

    @users_app.command("list")
    def users_list(output: FormatOption = Format.table) -> None:
        """List users and their roles."""
        users = UserStore(Settings.from_env().home).list()
        if output is Format.json:
            rows = [
                {
                    "username": u.username,
                    "role": u.role,
                    "mustChangePassword": u.must_change_password,
                    "created": u.created,
                }
                for u in users
            ]
            typer.echo(json.dumps(rows, indent=2))
        elif not users:
            typer.echo("No users yet; add one with `workbench users add NAME --role admin`.")
        else:
            rows_t = [[u.username, u.role, "yes" if u.must_change_password else "", u.created] for u in users]
            typer.echo(_table(["username", "role", "must change password", "created"], rows_t))

    @audit_app.command("verify")
    def audit_verify() -> None:
        """Check that no entry was edited, removed, inserted or reordered; exit 1 and say where if one was."""
        report = AuditLog(Settings.from_env().home).verify()
        typer.echo(report.summary())
        for problem in report.problems:
            typer.echo(f"  {problem}")
        if not report.ok:
            raise typer.Exit(1)

    @audit_app.command("show")
    def audit_show(
        user: Annotated[Optional[str], typer.Option("--user", help="Only entries by this user.")] = None,
        action: Annotated[Optional[str], typer.Option("--action", help="Only entries with this action.")] = None,
        since: Annotated[Optional[str], typer.Option("--since", help=SINCE_HELP)] = None,
        until: Annotated[Optional[str], typer.Option("--until", help=UNTIL_HELP)] = None,
        output: FormatOption = Format.table,
    ) -> None:
        """List audit entries, oldest first."""
        entries: list[Entry] = AuditLog(Settings.from_env().home).show(
            user=user,
            action=action,
            since=_parse_moment(since, "--since", end_of_day=False) if since else None,
            until=_parse_moment(until, "--until", end_of_day=True) if until else None,
        )
        if output is Format.json:
            typer.echo(json.dumps([e.to_dict() for e in entries], indent=2))
        elif not entries:
            typer.echo("No matching audit entries.")
        else:
            rows = [[str(e.seq), e.time, e.user, e.action, _short(e.details)] for e in entries]
            typer.echo(_table(["seq", "time", "user", "action", "details"], rows))
