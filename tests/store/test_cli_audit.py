"""Every CLI command that reads or changes data is audited; nothing runs when the trail cannot be written or the
one-time admin password is pending (issue 14 #12, #13)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbench.cli import app
from workbench.settings import Settings
from workbench.store.gateway import Gateway
from workbench.trust.audit import AuditLog
from workbench.trust.auth import UserStore

SCENARIO = Path(__file__).parent.parent / "fixtures" / "scenarios" / "successor_front_phoenix.cypher"
BUNDLE = Path(__file__).parent.parent / "fixtures" / "ingest" / "basic"


@pytest.fixture
def cli(own_home: Settings, gateway: Gateway, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    home = own_home.home  # a trail of this test's own
    monkeypatch.setenv("WORKBENCH_HOME", str(home))
    monkeypatch.setenv("NEO4J_DATABASE", own_home.database)
    import workbench.commands.trust as trust  # noqa: PLC0415

    monkeypatch.setattr(trust.getpass, "getuser", lambda: "carol")
    for statement in re.split(r";\s*$", SCENARIO.read_text(encoding="utf-8"), flags=re.M):
        if statement.strip():
            gateway.write(statement)
    runner = CliRunner()
    invoke = lambda *args: runner.invoke(app, list(args))  # noqa: E731
    invoke.home = home  # type: ignore[attr-defined]
    return invoke


def test_every_data_command_writes_an_audit_entry(cli) -> None:  # type: ignore[no-untyped-def]
    home = cli.home
    for args in (("ingest", str(BUNDLE)), ("query", "entity_neighbourhood", "-p", "key=company:new-dawn"),
                 ("detect", "--rule", "successor_front"), ("risk", "--top", "3"), ("entities", "--format", "json"),
                 ("entities", "list")):
        result = cli(*args)
        assert result.exit_code == 0, (args, result.output)
    companies = [line.split("\t")[0] for line in cli("entities", "list").output.splitlines()]
    merged = cli("entities", "merge", companies[0], companies[1], "--reason", "same firm")
    assert merged.exit_code == 0, merged.output
    entries = AuditLog(home).show()
    assert {e.user for e in entries} == {"cli:carol"}
    actions = [e.action for e in entries]
    assert actions[:6] == ["ingest", "query", "detect", "risk", "entities", "entities"]
    assert "entity_merge" in actions
    assert entries[0].details["rows_stored"] > 0 and entries[1].details["rows"] == 2
    assert AuditLog(home).verify().ok


def test_nothing_runs_when_the_trail_is_damaged(cli) -> None:  # type: ignore[no-untyped-def]
    log = AuditLog(cli.home)
    log.record("someone", "search", {})
    with open(log.path, "ab") as handle:
        handle.write(b"garbled")
    result = cli("ingest", str(BUNDLE))
    assert result.exit_code != 0 and "audit.jsonl" in str(result.exception)
    assert cli("entities", "--format", "json").exit_code != 0


def test_data_commands_wait_for_the_one_time_admin_password(cli) -> None:  # type: ignore[no-untyped-def]
    users = UserStore(cli.home)
    one_time = users.ensure_first_admin()
    result = cli("query", "entity_neighbourhood", "-p", "key=company:new-dawn")
    assert result.exit_code != 0 and "one-time admin password" in str(result.exception)
    users.change_password("admin", one_time, "sturdy lantern orbit pickle")
    assert cli("query", "entity_neighbourhood", "-p", "key=company:new-dawn").exit_code == 0


def test_a_deleted_trail_in_a_used_home_is_reported(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("entities", "list").exit_code == 0
    UserStore(cli.home).add("alice", "analyst", "sturdy lantern orbit pickle")
    log = AuditLog(cli.home)
    log.path.unlink()
    log.head_path.unlink()
    report = log.verify()
    assert not report.ok and "missing" in report.problems[0].message
    fresh = AuditLog(cli.home.parent / "a-new-home")
    assert fresh.verify().ok
