"""Users, roles and sessions (workbench.auth)."""

from __future__ import annotations

import json
import multiprocessing
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from workbench.trust.auth import (
    PERMISSIONS,
    ROLES,
    SessionManager,
    User,
    UserStore,
    can,
    require,
)
from workbench.errors import AccessDenied, ConfigurationError, InputError

PASSWORD = "correct horse battery staple"

#: The permission table as the brief states it, written out independently of the code.
ALLOWED: dict[str, set[str]] = {
    "viewer": {"view_cases", "view_briefings"},
    "analyst": {"view_cases", "view_briefings", "export_briefing", "search", "network", "run_saved_query",
                "run_detectors", "view_risk", "view_targets", "record_inspection"},
    "investigator": {"view_cases", "view_briefings", "export_briefing", "search", "network", "run_saved_query",
                     "run_detectors", "view_risk", "view_targets", "record_inspection", "edit_cases", "cypher_console", "export_data"},
    "admin": set(PERMISSIONS),
}


def fast_hasher() -> PasswordHasher:
    """Cheap argon2id parameters so the suite stays quick; the algorithm is the same."""
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


class CountingHasher(PasswordHasher):
    """Counts verify calls, to show unknown users cost the same hashing work as known ones."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.verifies = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:  # noqa: A002 - argon2's name
        self.verifies += 1
        return super().verify(hash, password)


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def store(tmp_path: Path) -> UserStore:
    return UserStore(tmp_path, hasher=fast_hasher())


# -- roles and permissions


def test_roles_are_the_closed_ordered_list() -> None:
    assert ROLES == ("viewer", "analyst", "investigator", "admin")
    assert set(PERMISSIONS) == set(ALLOWED["admin"]) == {
        "view_cases", "view_briefings", "export_briefing", "search", "network", "run_saved_query", "run_detectors",
        "view_risk", "view_targets", "record_inspection", "edit_cases", "cypher_console", "export_data", "ingest",
        "merge_entities", "manage_users", "view_audit",
    }
    assert set(PERMISSIONS.values()) <= set(ROLES)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(PERMISSIONS))
def test_every_role_action_boundary(role: str, action: str) -> None:
    expected = action in ALLOWED[role]
    assert can(role, action) is expected
    user = User(username="someone", role=role)
    if expected:
        require(user, action)
    else:
        with pytest.raises(AccessDenied, match=f"Role '{role}' may not"):
            require(user, action)


def test_denial_message_tells_what_to_do() -> None:
    with pytest.raises(AccessDenied) as caught:
        require(User("ana", "analyst"), "ingest")
    assert str(caught.value) == "Role 'analyst' may not ingest; ask an admin."


def test_unknown_role_or_action_is_an_error_not_a_silent_no() -> None:
    with pytest.raises(InputError, match="Unknown role 'root'"):
        can("root", "search")
    with pytest.raises(InputError, match="Unknown action 'drop_database'"):
        can("admin", "drop_database")


# -- users


def test_password_is_stored_as_argon2id_hash_only(store: UserStore) -> None:
    store.add("alice", "analyst", PASSWORD)
    text = store.path.read_text()
    assert PASSWORD not in text
    record = json.loads(text)["users"]["alice"]
    assert record["hash"].startswith("$argon2id$")
    assert store.authenticate("alice", PASSWORD) == User("alice", "analyst", False, record["created"])


def test_users_file_is_private(store: UserStore) -> None:
    store.add("alice", "analyst", PASSWORD)
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    store.set_role("alice", "viewer")  # a rewrite keeps the mode
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


def test_wrong_password_and_unknown_user_get_the_same_refusal(store: UserStore) -> None:
    store.add("alice", "analyst", PASSWORD)
    with pytest.raises(AccessDenied) as wrong:
        store.authenticate("alice", PASSWORD + "!")
    with pytest.raises(AccessDenied) as unknown:
        store.authenticate("mallory", PASSWORD)
    assert str(wrong.value) == str(unknown.value) == "Unknown user or wrong password."


def test_unknown_user_costs_a_hash_verification(tmp_path: Path) -> None:
    hasher = CountingHasher()
    store = UserStore(tmp_path, hasher=hasher)
    store.add("alice", "analyst", PASSWORD)
    for _ in range(2):
        with pytest.raises(AccessDenied):
            store.authenticate("nobody", PASSWORD)
    assert hasher.verifies == 2


def test_generated_password_is_strong_returned_and_must_be_changed(store: UserStore) -> None:
    password = store.add("bob", "viewer")
    assert len(password) >= 20
    user = store.authenticate("bob", password)
    assert user.must_change_password
    store.set_password("bob", PASSWORD)
    assert not store.authenticate("bob", PASSWORD).must_change_password
    with pytest.raises(AccessDenied):
        store.authenticate("bob", password)


def test_reset_password_is_generated_once_and_flagged(store: UserStore) -> None:
    store.add("bob", "viewer", PASSWORD)
    new = store.set_password("bob")
    assert new and new != PASSWORD
    assert store.authenticate("bob", new).must_change_password


@pytest.mark.parametrize("name", ["a", "Alice", "al ice", "al/ice", "x" * 65, "", "élise", "al\nice"])
def test_bad_usernames_are_refused_with_the_rule(store: UserStore, name: str) -> None:
    with pytest.raises(InputError, match="lowercase letters, digits"):
        store.add(name, "viewer", PASSWORD)


@pytest.mark.parametrize("name", ["al", "j.doe", "case_officer-7", "x" * 64])
def test_good_usernames_are_accepted(store: UserStore, name: str) -> None:
    store.add(name, "viewer", PASSWORD)
    assert [u.username for u in store.list()] == [name]


def test_password_policy(store: UserStore) -> None:
    with pytest.raises(InputError, match="at least 12 characters"):
        store.add("alice", "viewer", "short-pass1")
    with pytest.raises(InputError, match="not be the username"):
        store.add("alice.smith1", "viewer", "alice.smith1")
    store.add("alice", "viewer", "sturdy lantern orbit pickle")
    with pytest.raises(InputError, match="at least 12"):
        store.set_password("alice", "tooshort")


@pytest.mark.parametrize("weak, why", [(" " * 12, "only spaces"), ("a" * 12, "too easy"), ("x" * 12, "too easy"),
                                      ("password1234", "too easy"), ("qwertyuiop123", "too easy"),
                                      ("123456789012", "too easy"), ("abcabcabcabc", "too easy"),
                                      ("Password123!", "too easy"), ("precursorwatch", "too easy")])
def test_weak_passwords_are_refused(store: UserStore, weak: str, why: str) -> None:
    """Issue 14 #11: 12 spaces or aaaaaaaaaaaa were accepted."""
    with pytest.raises(InputError, match=why):
        store.add("alice", "viewer", weak)
    assert store.get("alice") is None


def test_list_has_no_hashes(store: UserStore) -> None:
    store.add("bob", "admin", PASSWORD)
    store.add("alice", "analyst", PASSWORD)
    users = store.list()
    assert [(u.username, u.role) for u in users] == [("alice", "analyst"), ("bob", "admin")]
    assert "argon2" not in repr(users)


def test_changes_to_unknown_or_duplicate_users_are_refused(store: UserStore) -> None:
    store.add("alice", "analyst", PASSWORD)
    with pytest.raises(InputError, match="already exists"):
        store.add("alice", "viewer", PASSWORD)
    with pytest.raises(InputError, match="No user named 'ghost'"):
        store.remove("ghost")
    with pytest.raises(InputError, match="No user named 'ghost'"):
        store.set_role("ghost", "viewer")
    with pytest.raises(InputError, match="Unknown role 'boss'"):
        store.set_role("alice", "boss")


def test_last_admin_cannot_be_removed_or_demoted(store: UserStore) -> None:
    store.add("root1", "admin", PASSWORD)
    with pytest.raises(InputError, match="last admin"):
        store.remove("root1")
    with pytest.raises(InputError, match="last admin"):
        store.set_role("root1", "analyst")
    store.add("root2", "admin", PASSWORD)
    assert store.set_role("root1", "analyst") == "admin"
    store.remove("root1")


def test_first_admin_is_created_once(store: UserStore) -> None:
    password = store.ensure_first_admin()
    assert password is not None
    user = store.authenticate("admin", password)
    assert (user.role, user.must_change_password) == ("admin", True)
    assert store.ensure_first_admin() is None
    assert [u.username for u in store.list()] == ["admin"]


def test_no_first_admin_when_users_exist(store: UserStore) -> None:
    store.add("alice", "viewer", PASSWORD)
    assert store.ensure_first_admin() is None
    assert [u.username for u in store.list()] == ["alice"]


def test_hash_is_upgraded_when_argon2_parameters_change(tmp_path: Path) -> None:
    UserStore(tmp_path, hasher=fast_hasher()).add("alice", "analyst", PASSWORD)
    stronger = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    store = UserStore(tmp_path, hasher=stronger)
    store.authenticate("alice", PASSWORD)
    new_hash = json.loads(store.path.read_text())["users"]["alice"]["hash"]
    assert "m=16,t=2,p=1" in new_hash
    assert not stronger.check_needs_rehash(new_hash)
    assert store.authenticate("alice", PASSWORD).username == "alice"


def test_damaged_users_file_is_a_configuration_error(store: UserStore) -> None:
    store.path.write_text("{not json")
    with pytest.raises(ConfigurationError, match="users.json is not valid JSON"):
        store.list()


def _add_users(home: str, worker: int) -> None:
    store = UserStore(Path(home), hasher=fast_hasher())
    for i in range(5):
        store.add(f"w{worker}-u{i}", "viewer", PASSWORD)


def test_concurrent_processes_do_not_lose_users(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    workers = [ctx.Process(target=_add_users, args=(str(tmp_path), w)) for w in range(4)]
    for p in workers:
        p.start()
    for p in workers:
        p.join(60)
        assert p.exitcode == 0
    assert len(UserStore(tmp_path).list()) == 20


# -- sessions


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sessions(tmp_path: Path, store: UserStore, clock: FakeClock) -> SessionManager:
    store.add("alice", "analyst", PASSWORD)
    return SessionManager(tmp_path, minutes=30, clock=clock, users=store)


def test_session_returns_current_user_until_idle_timeout(
    sessions: SessionManager, store: UserStore, clock: FakeClock
) -> None:
    token = sessions.start(store.authenticate("alice", PASSWORD))
    clock.advance(minutes=29)
    assert sessions.touch(token) == store.get("alice")
    clock.advance(minutes=29)  # still alive: the touch above reset the idle timer
    assert sessions.touch(token) is not None
    clock.advance(minutes=30)
    assert sessions.touch(token) is None
    clock.advance(seconds=-60)  # once expired, it stays gone
    assert sessions.touch(token) is None


def test_session_end_and_unknown_token(sessions: SessionManager, store: UserStore) -> None:
    token = sessions.start(store.authenticate("alice", PASSWORD))
    assert sessions.touch("not-a-token") is None
    sessions.end(token)
    assert sessions.touch(token) is None


def test_session_token_is_stored_hashed_in_a_private_file(sessions: SessionManager, store: UserStore) -> None:
    token = sessions.start(store.authenticate("alice", PASSWORD))
    assert len(token) >= 40
    assert token not in sessions.path.read_text()
    assert stat.S_IMODE(sessions.path.stat().st_mode) == 0o600


def test_session_follows_role_changes_and_ends_on_password_change_or_removal(
    sessions: SessionManager, store: UserStore
) -> None:
    store.add("root1", "admin", PASSWORD)
    token = sessions.start(store.authenticate("alice", PASSWORD))
    store.set_role("alice", "investigator")
    touched = sessions.touch(token)
    assert touched is not None and touched.role == "investigator"
    store.set_password("alice", PASSWORD + " v2")
    assert sessions.touch(token) is None
    token = sessions.start(store.authenticate("alice", PASSWORD + " v2"))
    store.remove("alice")
    assert sessions.touch(token) is None


def test_end_all_logs_a_user_out_everywhere(sessions: SessionManager, store: UserStore) -> None:
    user = store.authenticate("alice", PASSWORD)
    tokens = [sessions.start(user) for _ in range(3)]
    assert sessions.end_all("alice") == 3
    assert all(sessions.touch(t) is None for t in tokens)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2025, 1, 1, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


def throttled_store(tmp_path: Path, clock: Clock) -> UserStore:
    from workbench.trust.auth import LoginThrottle  # noqa: PLC0415

    return UserStore(tmp_path, hasher=fast_hasher(), throttle=LoginThrottle(tmp_path, clock))


def test_brute_force_locks_the_account_with_backoff_even_for_the_right_password(tmp_path: Path) -> None:
    """Issue 14 #11: 25 wrong passwords then the right one used to be accepted."""
    from workbench.trust.auth import LoginLocked  # noqa: PLC0415

    clock = Clock()
    store = throttled_store(tmp_path, clock)
    store.add("alice", "analyst", PASSWORD)
    for _ in range(5):
        with pytest.raises(AccessDenied, match="wrong password"):
            store.authenticate("alice", "wrong guess", client="10.0.0.1")
    with pytest.raises(AccessDenied, match="wrong password"):
        store.authenticate("alice", "wrong guess 6", client="10.0.0.1")  # the 6th failure starts a 30 s lockout
    with pytest.raises(LoginLocked) as locked:
        store.authenticate("alice", PASSWORD, client="10.0.0.2")  # right password, other client: still locked
    assert locked.value.seconds == 30
    clock.now += timedelta(seconds=31)
    with pytest.raises(AccessDenied):
        store.authenticate("alice", "wrong again", client="10.0.0.1")  # 7th failure: 60 s
    clock.now += timedelta(seconds=31)
    with pytest.raises(LoginLocked) as locked:
        store.authenticate("alice", PASSWORD)
    assert locked.value.seconds == 29
    clock.now += timedelta(seconds=30)
    assert store.authenticate("alice", PASSWORD).username == "alice"
    assert store.throttle.locked_for("alice") == 0


def test_unknown_names_lock_the_same_way_and_a_client_is_limited_across_names(tmp_path: Path) -> None:
    from workbench.trust.auth import LoginLocked  # noqa: PLC0415

    clock = Clock()
    store = throttled_store(tmp_path, clock)
    store.add("alice", "analyst", PASSWORD)
    for i in range(6):
        with pytest.raises(AccessDenied):
            store.authenticate("nobody", f"guess {i}")
    with pytest.raises(LoginLocked):
        store.authenticate("nobody", "guess")
    for i in range(20):  # one client spraying names: 20 failures are free, each name only 1
        with pytest.raises(AccessDenied):
            store.authenticate(f"user{i}", "guess", client="evil")
    with pytest.raises(AccessDenied):
        store.authenticate("user99", "guess", client="evil")
    with pytest.raises(LoginLocked):
        store.authenticate("alice", PASSWORD, client="evil")
    assert store.authenticate("alice", PASSWORD, client="good").username == "alice"


def test_first_admin_must_change_and_change_password(tmp_path: Path) -> None:
    store = UserStore(tmp_path, hasher=fast_hasher())
    one_time = store.ensure_first_admin()
    assert one_time and store.first_admin_pending()
    with pytest.raises(AccessDenied):
        store.change_password("admin", "not it", "sturdy lantern orbit pickle")
    with pytest.raises(InputError, match="differ"):
        store.change_password("admin", one_time, one_time)
    with pytest.raises(InputError, match="too easy"):
        store.change_password("admin", one_time, "aaaaaaaaaaaaaaaa")
    user = store.change_password("admin", one_time, "sturdy lantern orbit pickle")
    assert not user.must_change_password and not store.first_admin_pending()
    assert store.authenticate("admin", "sturdy lantern orbit pickle").username == "admin"


def test_session_cookie_is_signed_and_expires(tmp_path: Path) -> None:
    """Issue 11 #8: a reload keeps the session through a signed, expiring cookie."""
    from workbench.trust.auth import SessionCookie  # noqa: PLC0415

    cookie = SessionCookie(tmp_path, minutes=60)
    value = cookie.dumps("token-abc", "en")
    assert cookie.loads(value) == ("token-abc", "en")
    assert stat.S_IMODE((tmp_path / "cookie.key").stat().st_mode) == 0o600
    assert SessionCookie(tmp_path, minutes=60).loads(value) == ("token-abc", "en")  # same key from the home
    payload, _, signature = value.rpartition(".")
    assert cookie.loads(value[:-2] + ("AA" if value[-2:] != "AA" else "BB")) is None  # forged signature
    assert cookie.loads("not a cookie") is None and cookie.loads(None) is None and cookie.loads("x" * 5000) is None
    assert SessionCookie(tmp_path / "other-home", minutes=60).loads(value) is None  # another home's key
    expired = SessionCookie(tmp_path, minutes=60)
    expired.max_age = -1
    assert expired.loads(value) is None
