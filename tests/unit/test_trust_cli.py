"""`workbench users ...` and `workbench audit ...` (workbench.commands.trust)."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Callable

import pytest
import typer
from typer.testing import CliRunner, Result

from workbench.trust.audit import AuditLog
from workbench.trust.auth import SessionManager, UserStore
from workbench.commands import trust
from workbench.errors import AccessDenied, ConfigurationError, InputError

PASSWORD = "correct horse battery staple"

Run = Callable[..., Result]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path))
    monkeypatch.setattr(trust.getpass, "getuser", lambda: "carol")
    return tmp_path


@pytest.fixture
def run(home: Path) -> Run:
    app = typer.Typer()
    trust.register(app)
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input)

    return invoke


def audit_actions(home: Path) -> list[tuple[str, str, dict]]:
    return [(e.user, e.action, e.details) for e in AuditLog(home).show()]


def test_add_with_generated_password_prints_it_once(run: Run, home: Path) -> None:
    result = run("users", "add", "alice", "--role", "analyst")
    assert result.exit_code == 0, result.output
    password = result.output.strip().splitlines()[-1]
    assert result.output.count(password) == 1
    user = UserStore(home).authenticate("alice", password)
    assert (user.role, user.must_change_password) == ("analyst", True)
    assert password not in (home / "users.json").read_text()
    assert stat.S_IMODE((home / "users.json").stat().st_mode) == 0o600


def test_add_with_password_from_stdin_prints_no_password(run: Run, home: Path) -> None:
    result = run("users", "add", "bob", "--role", "admin", "--password-stdin", input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    assert UserStore(home).authenticate("bob", PASSWORD).role == "admin"


def test_empty_stdin_password_is_refused(run: Run, home: Path) -> None:
    result = run("users", "add", "bob", "--role", "admin", "--password-stdin", input="")
    assert isinstance(result.exception, InputError)
    assert UserStore(home).list() == []


def test_every_user_change_is_audited_as_the_os_user(run: Run, home: Path) -> None:
    assert run("users", "add", "alice", "--role", "analyst").exit_code == 0
    assert run("users", "add", "bob", "--role", "admin", "--password-stdin", input=PASSWORD + "\n").exit_code == 0
    assert run("users", "role", "alice", "investigator").exit_code == 0
    assert run("users", "passwd", "alice", "--password-stdin", input=PASSWORD + "\n").exit_code == 0
    assert run("users", "remove", "alice").exit_code == 0
    assert audit_actions(home) == [
        ("cli:carol", "user_add", {"username": "alice", "role": "analyst", "generated": True}),
        ("cli:carol", "user_add", {"username": "bob", "role": "admin", "generated": False}),
        ("cli:carol", "user_role", {"username": "alice", "from": "analyst", "to": "investigator"}),
        ("cli:carol", "user_passwd", {"username": "alice", "generated": False}),
        ("cli:carol", "user_remove", {"username": "alice"}),
    ]
    assert PASSWORD not in (home / "audit" / "audit.jsonl").read_text()


def test_failed_change_is_not_audited(run: Run, home: Path) -> None:
    result = run("users", "add", "Alice", "--role", "analyst")
    assert isinstance(result.exception, InputError)
    assert "lowercase letters" in str(result.exception)
    result = run("users", "add", "alice", "--role", "boss")
    assert isinstance(result.exception, InputError)
    assert audit_actions(home) == []


def test_no_user_change_when_the_audit_trail_is_damaged(run: Run, home: Path) -> None:
    run("users", "add", "alice", "--role", "analyst", "--password-stdin", input=PASSWORD + "\n")
    (home / "audit" / "audit.jsonl").write_text("")  # someone wiped the trail
    result = run("users", "role", "alice", "admin")
    assert isinstance(result.exception, ConfigurationError)
    assert "audit verify" in str(result.exception)
    assert UserStore(home).get("alice").role == "analyst"


def test_passwd_generates_a_new_password_and_ends_sessions(run: Run, home: Path) -> None:
    run("users", "add", "alice", "--role", "analyst", "--password-stdin", input=PASSWORD + "\n")
    store = UserStore(home)
    sessions = SessionManager(home, 60)
    token = sessions.start(store.authenticate("alice", PASSWORD))
    result = run("users", "passwd", "alice")
    assert result.exit_code == 0, result.output
    new = result.output.strip().splitlines()[-1]
    assert store.authenticate("alice", new).must_change_password
    with pytest.raises(AccessDenied):
        store.authenticate("alice", PASSWORD)
    assert sessions.touch(token) is None


def test_list_formats(run: Run, home: Path) -> None:
    assert "No users yet" in run("users", "list").output
    run("users", "add", "bob", "--role", "admin", "--password-stdin", input=PASSWORD + "\n")
    run("users", "add", "alice", "--role", "viewer", "--password-stdin", input=PASSWORD + "\n")
    table = run("users", "list").output.splitlines()
    assert table[0].split()[:2] == ["username", "role"]
    assert [row.split()[:2] for row in table[2:]] == [["alice", "viewer"], ["bob", "admin"]]
    rows = json.loads(run("users", "list", "--format", "json").output)
    assert [(r["username"], r["role"], r["mustChangePassword"]) for r in rows] == [
        ("alice", "viewer", False),
        ("bob", "admin", False),
    ]
    assert "argon2" not in json.dumps(rows)
    assert run("users", "list", "--format", "xml").exit_code == 2


def test_audit_verify_intact_and_damaged(run: Run, home: Path) -> None:
    result = run("audit", "verify")
    assert (result.exit_code, result.output.strip()) == (0, "audit trail intact: 0 entries")
    for name in ("alice", "bob", "dora"):
        run("users", "add", name, "--role", "viewer", "--password-stdin", input=PASSWORD + "\n")
    result = run("audit", "verify")
    assert (result.exit_code, result.output.strip()) == (0, "audit trail intact: 3 entries")

    log = home / "audit" / "audit.jsonl"
    lines = log.read_text().splitlines(keepends=True)
    log.write_text(lines[0] + lines[1].replace("bob", "eve") + lines[2])
    result = run("audit", "verify")
    assert result.exit_code == 1
    assert "entry 2 (line 2) was edited (hash mismatch)" in result.output


def test_audit_show_filters_and_formats(run: Run, home: Path) -> None:
    log = AuditLog(home)
    log.record("alice", "search", {"q": "acetone"})
    log.record("bob", "export", {"rows": 5})
    log.record("alice", "logout", {})
    rows = json.loads(run("audit", "show", "--user", "alice", "--format", "json").output)
    assert [(r["seq"], r["action"]) for r in rows] == [(1, "search"), (3, "logout")]
    rows = json.loads(run("audit", "show", "--action", "export", "--format", "json").output)
    assert [r["details"] for r in rows] == [{"rows": 5}]
    table = run("audit", "show").output.splitlines()
    assert table[0].split() == ["seq", "time", "user", "action", "details"]
    assert len(table) == 5 and "acetone" in table[2]


def test_audit_show_dates(run: Run, home: Path) -> None:
    AuditLog(home).record("alice", "search", {})
    today = AuditLog(home).show()[0].time[:10]
    assert len(json.loads(run("audit", "show", "--since", today, "--until", today, "--format", "json").output)) == 1
    assert json.loads(run("audit", "show", "--until", "2000-01-01", "--format", "json").output) == []
    assert json.loads(run("audit", "show", "--since", "2999-01-01T00:00", "--format", "json").output) == []
    result = run("audit", "show", "--since", "last tuesday")
    assert isinstance(result.exception, InputError) and "--since" in str(result.exception)
    result = run("audit", "show", "--action", "nope")
    assert isinstance(result.exception, InputError)
