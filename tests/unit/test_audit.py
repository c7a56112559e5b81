"""The hash-chained audit trail (workbench.audit)."""

from __future__ import annotations

import json
import multiprocessing
import shutil
import stat
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.trust.audit import ACTIONS, GENESIS, AuditLog, entry_hash
from workbench.errors import ConfigurationError, InputError


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def filled(home: Path, n: int = 6) -> AuditLog:
    """A trail of ``n`` searches by alternating users, one minute apart from 09:01 UTC."""
    log = AuditLog(home, clock=FakeClock())
    for i in range(1, n + 1):
        log.record("alice" if i % 2 else "bob", "search", {"q": f"query {i}"})
    return log


def lines(log: AuditLog) -> list[str]:
    return log.path.read_text().splitlines(keepends=True)


def write_lines(log: AuditLog, new: list[str]) -> None:
    log.path.write_text("".join(new))


def messages(log: AuditLog) -> list[str]:
    return [str(p) for p in log.verify().problems]


def rehashed(line: str, **changes: Any) -> str:
    """The line with fields changed and its hash recomputed, as a careful forger would do."""
    entry = json.loads(line)
    entry.update(changes)
    entry["hash"] = entry_hash(entry)
    return json.dumps(entry) + "\n"


# -- recording


def test_entries_form_a_chain(tmp_path: Path) -> None:
    log = filled(tmp_path, 3)
    stored = [json.loads(line) for line in lines(log)]
    assert [e["seq"] for e in stored] == [1, 2, 3]
    assert stored[0]["prev"] == GENESIS
    assert stored[1]["prev"] == stored[0]["hash"] and stored[2]["prev"] == stored[1]["hash"]
    assert all(entry_hash(e) == e["hash"] for e in stored)
    assert stored[0]["time"] == "2025-03-01T09:01:00.000000+00:00"
    assert set(stored[0]) == {"seq", "time", "user", "action", "details", "prev", "hash"}
    assert json.loads(log.head_path.read_text()) == {"seq": 3, "hash": stored[2]["hash"]}


def test_record_returns_what_was_stored(tmp_path: Path) -> None:
    log = AuditLog(tmp_path)
    entry = log.record("alice", "export", {"rows": 12, "format": "csv"})
    assert log.show() == [entry]
    assert entry.timestamp.tzinfo is not None


def test_log_is_private(tmp_path: Path) -> None:
    log = filled(tmp_path, 1)
    assert stat.S_IMODE(log.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.folder.stat().st_mode) == 0o700


def test_actions_are_a_closed_list(tmp_path: Path) -> None:
    assert {"login_success", "login_failure", "entity_merge", "cypher_console", "user_role"} <= set(ACTIONS)
    with pytest.raises(InputError, match="Unknown audit action 'drop_everything'"):
        AuditLog(tmp_path).record("alice", "drop_everything", {})


@pytest.mark.parametrize(
    "details, complaint",
    [({"n": float("nan")}, "finite"), ({1: "x"}, "keys must be strings"), ({"s": {1, 2}}, "plain JSON")],
)
def test_details_must_be_plain_json(tmp_path: Path, details: dict[Any, Any], complaint: str) -> None:
    log = AuditLog(tmp_path)
    with pytest.raises(InputError, match=complaint):
        log.record("alice", "search", details)
    assert log.verify().entries == 0


# -- verification


def test_intact_trail_verifies(tmp_path: Path) -> None:
    report = filled(tmp_path).verify()
    assert report.ok and report.entries == 6
    assert report.summary() == "audit trail intact: 6 entries"


def test_empty_trail_verifies(tmp_path: Path) -> None:
    assert AuditLog(tmp_path).verify().summary() == "audit trail intact: 0 entries"


def test_edited_entry_is_named(tmp_path: Path) -> None:
    log = filled(tmp_path)
    old = lines(log)
    old[2] = old[2].replace("query 3", "query 9")
    write_lines(log, old)
    assert messages(log) == ["entry 3 (line 3) was edited (hash mismatch)"]


def test_edited_entry_with_recomputed_hash_breaks_the_chain_after_it(tmp_path: Path) -> None:
    log = filled(tmp_path)
    old = lines(log)
    old[2] = rehashed(old[2], user="mallory")
    write_lines(log, old)
    assert messages(log) == [
        "chain broken at line 4 (entry 4): its prev does not match entry 3",
    ]


def test_removed_entry_is_named(tmp_path: Path) -> None:
    log = filled(tmp_path)
    old = lines(log)
    del old[2]
    write_lines(log, old)
    assert messages(log) == ["line 3: expected seq 3 but found 4: entry 3 was removed"]


def test_removed_run_of_entries_is_named(tmp_path: Path) -> None:
    log = filled(tmp_path)
    old = lines(log)
    del old[1:4]
    write_lines(log, old)
    assert messages(log) == ["line 2: expected seq 2 but found 5: entries 2-4 were removed"]


def test_removed_first_entry_is_named(tmp_path: Path) -> None:
    log = filled(tmp_path)
    write_lines(log, lines(log)[1:])
    assert messages(log) == ["line 1: expected seq 1 but found 2: entry 1 was removed"]


def test_swapped_entries_are_named(tmp_path: Path) -> None:
    log = filled(tmp_path)
    old = lines(log)
    old[2], old[3] = old[3], old[2]
    write_lines(log, old)
    assert messages(log) == [
        "line 3: expected seq 3 but found 4: "
        "entries were reordered or an entry was inserted (entry 4 belongs after line 4)"
    ]


def test_entry_moved_to_the_end_is_named(tmp_path: Path) -> None:
    log = filled(tmp_path)
    old = lines(log)
    old.append(old.pop(1))
    write_lines(log, old)
    assert messages(log) == [
        "line 6: expected seq 7 but found 2: "
        "entries were reordered or an entry was inserted (entry 2 belongs after line 1)"
    ]


def test_inserted_entry_is_named(tmp_path: Path) -> None:
    log = filled(tmp_path)
    old = lines(log)
    forged = rehashed(old[2], details={"q": "planted"})  # a well-formed entry claiming seq 3 after entry 2
    old.insert(2, forged)
    write_lines(log, old)
    assert messages(log) == ["line 3: seq 3 also appears at line 4: an entry was inserted or copied"]


def test_planted_entry_with_a_made_up_seq_is_named(tmp_path: Path) -> None:
    log = filled(tmp_path)
    old = lines(log)
    old.insert(2, rehashed(old[2], seq=999))
    write_lines(log, old)
    found = messages(log)
    assert found[0] == (
        "line 3: expected seq 3 but found 999: "
        "entries were reordered or an entry was inserted (entry 999 belongs after line 7)"
    )
    assert len(found) == 1


def test_garbled_line_in_the_middle_is_named(tmp_path: Path) -> None:
    log = filled(tmp_path)
    old = lines(log)
    old[1] = "this is not json\n"
    write_lines(log, old)
    found = messages(log)
    assert len(found) == 1 and found[0].startswith("line 2 is not a valid entry: not valid JSON")
    assert log.verify().entries == 5


def test_truncated_last_line_is_named(tmp_path: Path) -> None:
    log = filled(tmp_path)
    data = log.path.read_bytes()
    log.path.write_bytes(data[: len(data) - 20])
    found = messages(log)
    assert found[0] == (
        "line 6 is not a valid entry: incomplete: the last line was cut short (truncated or garbled tail)"
    )
    # head.json proves the cut entry had been acknowledged, so this is damage, not a crash mid-write
    assert found[1] == "the log ends at seq 5 but head.json records seq 6: 1 entry was removed from the end"
    assert len(found) == 2


def test_deleted_tail_is_caught_by_the_head(tmp_path: Path) -> None:
    log = filled(tmp_path)
    write_lines(log, lines(log)[:4])
    assert messages(log) == [
        "the log ends at seq 4 but head.json records seq 6: 2 entries were removed from the end"
    ]


def test_emptied_log_is_caught_by_the_head(tmp_path: Path) -> None:
    log = filled(tmp_path)
    log.path.write_bytes(b"")
    assert messages(log) == ["the log ends at seq 0 but head.json records seq 6: 6 entries were removed from the end"]


def test_deleted_head_is_reported(tmp_path: Path) -> None:
    log = filled(tmp_path)
    log.head_path.unlink()
    assert messages(log) == [
        "head.json is missing but the log goes on to seq 6: entries were added or head.json was removed"
    ]


def test_replaced_last_entry_is_caught_by_the_head(tmp_path: Path) -> None:
    log = filled(tmp_path)
    old = lines(log)
    old[-1] = rehashed(old[-1], action="logout")
    write_lines(log, old)
    assert messages(log) == ["the last entry (seq 6) does not match head.json: it was replaced"]


def test_crash_between_append_and_head_update_is_tolerated(tmp_path: Path) -> None:
    log = filled(tmp_path, 3)
    head = log.head_path.read_bytes()
    log.record("alice", "logout", {})
    log.head_path.write_bytes(head)  # as if the process died right after the fsync of the log
    assert log.verify().ok
    log.record("alice", "login_success", {})
    assert log.verify().summary() == "audit trail intact: 5 entries"


def test_recording_refuses_to_extend_a_damaged_trail(tmp_path: Path) -> None:
    log = filled(tmp_path)
    write_lines(log, lines(log)[:4])
    with pytest.raises(ConfigurationError, match="removed from the end"):
        log.record("alice", "search", {})
    assert len(lines(log)) == 4  # nothing written, the evidence is kept


def test_ensure_writable_warns_before_a_change_would_go_unrecorded(tmp_path: Path) -> None:
    AuditLog(tmp_path).ensure_writable()  # no trail yet: fine
    log = filled(tmp_path, 3)
    log.ensure_writable()
    log.path.unlink()
    with pytest.raises(ConfigurationError, match="3 entries were removed from the end"):
        log.ensure_writable()


def test_recording_refuses_after_an_incomplete_line(tmp_path: Path) -> None:
    log = filled(tmp_path, 2)
    with log.path.open("ab") as f:
        f.write(b'{"seq":3,"ti')
    with pytest.raises(ConfigurationError, match="last line .* is incomplete"):
        log.record("alice", "search", {})
    # head.json still ends at entry 2, so the cut line was never acknowledged: only it is reported
    assert messages(log) == [
        "line 3 is not a valid entry: incomplete: the last line was cut short (truncated or garbled tail)"
    ]


# -- reading


def test_show_filters(tmp_path: Path) -> None:
    log = filled(tmp_path)
    log.record("alice", "export", {"rows": 3})
    assert [e.seq for e in log.show(user="alice")] == [1, 3, 5, 7]
    assert [e.seq for e in log.show(action="export")] == [7]
    since = datetime(2025, 3, 1, 9, 2, tzinfo=timezone.utc)
    until = datetime(2025, 3, 1, 9, 4)  # naive means UTC
    assert [e.seq for e in log.show(since=since, until=until)] == [2, 3, 4]
    assert [e.seq for e in log.show(user="bob", since=since, until=until)] == [2, 4]
    with pytest.raises(InputError, match="Unknown audit action"):
        log.show(action="nope")


# -- concurrency


def _append_many(home: str, worker: int, start: Any) -> None:
    start.wait()
    log = AuditLog(Path(home))
    for i in range(50):
        log.record(f"worker{worker}", "query", {"i": i})


def test_concurrent_appends_from_processes_keep_the_chain(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    start = ctx.Event()
    workers = [ctx.Process(target=_append_many, args=(str(tmp_path), w, start)) for w in range(4)]
    for p in workers:
        p.start()
    start.set()
    for p in workers:
        p.join(120)
        assert p.exitcode == 0
    log = AuditLog(tmp_path)
    report = log.verify()
    assert report.ok, report.problems
    assert report.entries == 200
    entries = log.show()
    assert [e.seq for e in entries] == list(range(1, 201))
    for w in range(4):
        assert [e.details["i"] for e in entries if e.user == f"worker{w}"] == list(range(50))


# -- any details round-trip

huge_strings = st.builds(lambda c, n: c * n, st.characters(), st.integers(min_value=0, max_value=300_000))
any_text = st.text(alphabet=st.characters(exclude_categories=()))  # includes NUL, controls and lone surrogates
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | any_text
    | huge_strings,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example])
@given(details=st.dictionaries(any_text, json_values, max_size=5), user=any_text.filter(lambda s: 0 < len(s) <= 200))
def test_any_details_round_trip_and_verify(details: dict[str, Any], user: str) -> None:
    home = Path(tempfile.mkdtemp())
    try:
        log = AuditLog(home)
        log.record("first", "search", {"q": "x"})
        entry = log.record(user, "query", details)
        log.record("last", "logout", {})
        assert entry.details == details and entry.user == user
        assert log.show()[1] == entry
        assert len(lines(log)) == 3  # no raw newline escaped into the file
        report = log.verify()
        assert report.ok, report.problems
    finally:
        shutil.rmtree(home)
