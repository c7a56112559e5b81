"""Users, roles and app sessions, kept as small JSON files in the workbench home.

Roles form a closed, ordered list; what each role may do is the data table
:data:`PERMISSIONS` (action -> minimum role). Passwords are stored only as argon2id
hashes. Every file is written atomically (temp file, fsync, rename) with mode 0600,
under an ``fcntl.flock`` on a sidecar lock file so concurrent processes (CLI and
app) never lose each other's changes.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import secrets
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from workbench.errors import AccessDenied, ConfigurationError, InputError

#: Roles from least to most trusted; each role may do everything the ones before it may.
ROLES: tuple[str, ...] = ("viewer", "analyst", "investigator", "admin")

#: Action -> the least trusted role allowed to perform it.
PERMISSIONS: dict[str, str] = {
    "view_cases": "viewer",
    "view_briefings": "viewer",
    "export_briefing": "analyst",
    "search": "analyst",
    "network": "analyst",
    "run_saved_query": "analyst",
    "run_detectors": "analyst",
    "view_risk": "analyst",
    "view_targets": "analyst",
    "record_inspection": "analyst",
    "edit_cases": "investigator",
    "cypher_console": "investigator",
    "export_data": "investigator",
    "ingest": "admin",
    "merge_entities": "admin",
    "manage_users": "admin",
    "view_audit": "admin",
}

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024
FIRST_ADMIN = "admin"
USERNAME_PATTERN = re.compile(r"[a-z0-9._-]{2,64}")
FILE_MODE = 0o600

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time, timezone-aware in UTC (the default clock)."""
    return datetime.now(timezone.utc)


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise InputError(f"Unknown role {role!r}; choose one of: {', '.join(ROLES)}.")
    return role


def can(role: str, action: str) -> bool:
    """Whether ``role`` may perform ``action``; unknown roles or actions are an error, not a silent no."""
    _check_role(role)
    if action not in PERMISSIONS:
        raise InputError(f"Unknown action {action!r}; known actions: {', '.join(PERMISSIONS)}.")
    return ROLES.index(role) >= ROLES.index(PERMISSIONS[action])


@dataclass(frozen=True)
class User:
    """A user as the rest of the workbench sees it: never carries the password hash."""

    username: str
    role: str
    must_change_password: bool = False
    created: str = ""


def require(user: User, action: str) -> None:
    """Raise :class:`AccessDenied` unless ``user``'s role allows ``action``."""
    if not can(user.role, action):
        raise AccessDenied(f"Role {user.role!r} may not {action.replace('_', ' ')}; ask an admin.")


def check_username(username: str) -> str:
    """Return ``username`` if it is valid, else raise :class:`InputError` saying what is allowed."""
    if not isinstance(username, str) or not USERNAME_PATTERN.fullmatch(username):
        raise InputError(
            f"Username {username!r} is not valid: use 2-64 characters, "
            "only lowercase letters, digits, '.', '_' or '-'."
        )
    return username


#: zxcvbn's score (0-4) a password needs: 3 is "safely unguessable" (about 10^8 guesses or more).
MIN_PASSWORD_SCORE = 3
#: Words of this product that make a password easier to guess here.
PRODUCT_WORDS = ("precursor", "watch", "workbench", "admin", "password")


def check_password(password: str, username: str | None = None) -> str:
    """Return ``password`` if it meets the policy, else raise :class:`InputError` saying why.

    The policy: at least 12 characters, not only spaces, not the username, and not easy to guess: zxcvbn (Dropbox's
    estimator, with its lists of common passwords, words, names, keyboard walks, repeats and sequences) must rate it
    at least 3 of 4.
    """
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(
            f"Password too short: use at least {MIN_PASSWORD_LENGTH} characters (a passphrase works well)."
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InputError(f"Password too long: use at most {MAX_PASSWORD_LENGTH} characters.")
    if not password.strip():
        raise InputError("Password must not be only spaces; use a passphrase of several words.")
    if username is not None and password.strip().lower() == username.lower():
        raise InputError("Password must not be the username; choose something else.")
    from zxcvbn import zxcvbn  # noqa: PLC0415 - loads its dictionaries once, on first use

    rating = zxcvbn(password[:100], user_inputs=[u for u in (username, *PRODUCT_WORDS) if u])
    if rating["score"] < MIN_PASSWORD_SCORE:
        feedback = rating.get("feedback") or {}
        why = feedback.get("warning") or "it is a common password or follows a common pattern"
        raise InputError(f"Password too easy to guess ({why.rstrip('.').lower()}); "
                         "use a passphrase of three or four unrelated words.")
    return password


def generate_password() -> str:
    """A random password well above the policy minimum (24 URL-safe characters, 144 bits)."""
    return secrets.token_urlsafe(18)


# ---------------------------------------------------------------------------
# Locked, atomically written JSON files


@contextmanager
def _flock(lock_path: Path, exclusive: bool) -> Iterator[None]:
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so readers see either the old or the new file, never a mix."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        os.unlink(tmp)
        raise
    os.close(fd)
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


class _JsonFile:
    """One JSON object in a file, read under a shared lock and updated under an exclusive one."""

    def __init__(self, path: Path, empty: Callable[[], dict[str, Any]]) -> None:
        self.path = path
        self._lock = path.with_name(path.name + ".lock")
        self._empty = empty

    def _ensure_folder(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as e:
            raise ConfigurationError(
                f"Cannot create the workbench home {self.path.parent}: {e}; check WORKBENCH_HOME."
            ) from e

    def _load(self) -> dict[str, Any]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return self._empty()
        try:
            data = json.loads(raw)
        except ValueError as e:
            raise ConfigurationError(f"{self.path} is not valid JSON ({e}); restore it from a backup.") from e
        if not isinstance(data, dict):
            raise ConfigurationError(f"{self.path} does not hold a JSON object; restore it from a backup.")
        return data

    def read(self) -> dict[str, Any]:
        self._ensure_folder()
        with _flock(self._lock, exclusive=False):
            return self._load()

    @contextmanager
    def update(self) -> Iterator[dict[str, Any]]:
        """Yield the current data for in-place changes; write it back if the block ends without error."""
        self._ensure_folder()
        with _flock(self._lock, exclusive=True):
            data = self._load()
            before = json.dumps(data, sort_keys=True)
            yield data
            if json.dumps(data, sort_keys=True) != before or not self.path.exists():
                write_atomically(self.path, (json.dumps(data, indent=2, sort_keys=True) + "\n").encode())


# ---------------------------------------------------------------------------
# Login throttling


class LoginLocked(AccessDenied):
    """Too many failed logins for this account or from this client; nothing is checked until ``seconds`` pass."""

    def __init__(self, seconds: int) -> None:
        super().__init__(f"Too many failed logins: try again in {seconds} s.")
        self.seconds = seconds


@dataclass(frozen=True)
class ThrottlePolicy:
    """Failures allowed before a lockout, and the lockout that then doubles with every further failure."""

    account_failures: int = 5
    client_failures: int = 20
    first_lock_seconds: int = 30
    max_lock_seconds: int = 900
    forget_after: timedelta = timedelta(hours=24)


class LoginThrottle:
    """Failed logins per attempted account name and per client, in ``home/login_throttle.json``.

    After ``account_failures`` failures for one name (whether or not it exists, so a lockout says nothing about
    which names do), or ``client_failures`` from one client, every attempt is refused without checking the
    password until the lockout ends; each further failure doubles the lockout, up to ``max_lock_seconds``.
    A success clears the account's and the client's count.
    """

    def __init__(self, home: Path, clock: Clock = utc_now, policy: ThrottlePolicy | None = None) -> None:
        self.path = Path(home) / "login_throttle.json"
        self._file = _JsonFile(self.path, lambda: {"version": 1, "subjects": {}})
        self._clock = clock
        self.policy = policy or ThrottlePolicy()

    def _now(self) -> datetime:
        now = self._clock()
        return now.replace(tzinfo=timezone.utc) if now.tzinfo is None else now.astimezone(timezone.utc)

    @staticmethod
    def _subjects(username: str, client: str | None) -> list[tuple[str, str]]:
        name = (username if isinstance(username, str) else "")[:200].strip().lower()
        subjects = [("account", f"account:{name}")]
        if client:
            subjects.append(("client", f"client:{client[:200]}"))
        return subjects

    def _table(self, data: dict[str, Any]) -> dict[str, dict[str, Any]]:
        table = data.setdefault("subjects", {})
        if not isinstance(table, dict):
            raise ConfigurationError(f"{self.path} has no 'subjects' object; delete the file to reset lockouts.")
        return table

    def locked_for(self, username: str, client: str | None = None) -> int:
        """Seconds until this account name and client may try again (0: now)."""
        now = self._now()
        table = self._table(self._file.read())
        waits = [0]
        for _, key in self._subjects(username, client):
            until = table.get(key, {}).get("until")
            if until:
                waits.append(int((datetime.fromisoformat(until) - now).total_seconds() + 0.999))
        return max(waits)

    def check(self, username: str, client: str | None = None) -> None:
        """Raise :class:`LoginLocked` while the account name or the client is locked out."""
        seconds = self.locked_for(username, client)
        if seconds > 0:
            raise LoginLocked(seconds)

    def failed(self, username: str, client: str | None = None) -> int:
        """Count one failure; return the lockout it starts in seconds (0: none yet)."""
        now = self._now()
        longest = 0
        with self._file.update() as data:
            table = self._table(data)
            for key in [k for k, v in table.items()
                        if now - datetime.fromisoformat(v.get("last", now.isoformat())) > self.policy.forget_after]:
                del table[key]
            for kind, key in self._subjects(username, client):
                entry = table.setdefault(key, {"failures": 0})
                entry["failures"] = int(entry.get("failures", 0)) + 1
                entry["last"] = now.isoformat()
                free = self.policy.account_failures if kind == "account" else self.policy.client_failures
                over = entry["failures"] - free
                if over > 0:
                    seconds = min(self.policy.max_lock_seconds, self.policy.first_lock_seconds * 2 ** (over - 1))
                    entry["until"] = (now + timedelta(seconds=seconds)).isoformat()
                    longest = max(longest, seconds)
        return longest

    def succeeded(self, username: str, client: str | None = None) -> None:
        with self._file.update() as data:
            table = self._table(data)
            for _, key in self._subjects(username, client):
                table.pop(key, None)


# ---------------------------------------------------------------------------
# Users


class UserStore:
    """Users and argon2id password hashes in ``home/users.json``."""

    def __init__(self, home: Path, hasher: PasswordHasher | None = None, throttle: LoginThrottle | None = None) -> None:
        self.home = Path(home)
        self.path = self.home / "users.json"
        self._file = _JsonFile(self.path, lambda: {"version": 1, "users": {}})
        self._hasher = hasher or PasswordHasher()
        self._dummy_hash: str | None = None
        self.throttle = throttle or LoginThrottle(self.home)

    def _users(self, data: dict[str, Any]) -> dict[str, dict[str, Any]]:
        users = data.setdefault("users", {})
        if not isinstance(users, dict):
            raise ConfigurationError(f"{self.path} has no 'users' object; restore it from a backup.")
        return users

    def _user(self, username: str, record: dict[str, Any]) -> User:
        role = record.get("role")
        if role not in ROLES:
            raise ConfigurationError(
                f"User {username!r} in {self.path} has unknown role {role!r}; fix it with `workbench users role`."
            )
        return User(
            username=username,
            role=role,
            must_change_password=bool(record.get("mustChangePassword", False)),
            created=str(record.get("created", "")),
        )

    def _existing(self, users: dict[str, dict[str, Any]], username: str) -> dict[str, Any]:
        record = users.get(username)
        if record is None:
            raise InputError(f"No user named {username!r}; see `workbench users list`.")
        return record

    @staticmethod
    def _admins(users: dict[str, dict[str, Any]]) -> list[str]:
        return [name for name, record in users.items() if record.get("role") == "admin"]

    def _credentials(self, password: str, must_change: bool) -> dict[str, Any]:
        return {
            "hash": self._hasher.hash(password),
            "mustChangePassword": must_change,
            "passwordStamp": secrets.token_hex(8),
            "passwordChanged": utc_now().isoformat(timespec="seconds"),
        }

    def add(self, username: str, role: str, password: str | None = None) -> str:
        """Create a user and return the password; a generated one is flagged to be changed at first login."""
        check_username(username)
        _check_role(role)
        generated = password is None
        password = generate_password() if password is None else check_password(password, username)
        credentials = self._credentials(password, must_change=generated)  # hash before locking: it is slow
        with self._file.update() as data:
            users = self._users(data)
            if username in users:
                raise InputError(
                    f"User {username!r} already exists; use `workbench users passwd` or `users role` to change it."
                )
            users[username] = {"role": role, "created": utc_now().isoformat(timespec="seconds"), **credentials}
        return password

    def remove(self, username: str) -> None:
        """Delete a user; the last admin cannot be removed."""
        with self._file.update() as data:
            users = self._users(data)
            record = self._existing(users, username)
            if record.get("role") == "admin" and self._admins(users) == [username]:
                raise InputError(f"{username!r} is the last admin; make another user admin before removing it.")
            del users[username]

    def set_password(self, username: str, password: str | None = None) -> str | None:
        """Set a chosen password (clears the must-change flag), or with ``None`` generate, flag and return one."""
        generated = password is None
        new = generate_password() if password is None else check_password(password, username)
        credentials = self._credentials(new, must_change=generated)
        with self._file.update() as data:
            self._existing(self._users(data), username).update(credentials)
        return new if generated else None

    def set_role(self, username: str, role: str) -> str:
        """Change a user's role and return the previous one; the last admin cannot be demoted."""
        _check_role(role)
        with self._file.update() as data:
            users = self._users(data)
            record = self._existing(users, username)
            previous = str(record.get("role"))
            if previous == "admin" and role != "admin" and self._admins(users) == [username]:
                raise InputError(f"{username!r} is the last admin; make another user admin before changing its role.")
            record["role"] = role
        return previous

    def list(self) -> list[User]:
        """All users sorted by name, without password hashes."""
        users = self._users(self._file.read())
        return [self._user(name, users[name]) for name in sorted(users)]

    def get(self, username: str) -> User | None:
        """One user, or None if unknown."""
        record = self._users(self._file.read()).get(username)
        return None if record is None else self._user(username, record)

    def password_stamp(self, username: str) -> str | None:
        """A random value that changes with every password change; sessions are bound to it."""
        record = self._users(self._file.read()).get(username)
        return None if record is None else str(record.get("passwordStamp", ""))

    def authenticate(self, username: str, password: str, client: str | None = None) -> User:
        """Return the user if the password is right; otherwise raise one generic :class:`AccessDenied`.

        Throttled per account name and per ``client`` (see :class:`LoginThrottle`): a locked-out attempt raises
        :class:`LoginLocked` without the password being checked.
        """
        self.throttle.check(username, client)
        try:
            user = self._authenticate(username, password)
        except AccessDenied:
            self.throttle.failed(username, client)
            raise
        self.throttle.succeeded(username, client)
        return user

    def _authenticate(self, username: str, password: str) -> User:
        record = self._users(self._file.read()).get(username) if isinstance(username, str) else None
        if record is None:
            # Same hashing work as for a real user, so response time does not reveal which names exist.
            if self._dummy_hash is None:
                self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(16))
            self._verify(self._dummy_hash, password)
            raise AccessDenied("Unknown user or wrong password.")
        stored = str(record.get("hash", ""))
        if not self._verify(stored, password):
            raise AccessDenied("Unknown user or wrong password.")
        user = self._user(username, record)
        if self._hasher.check_needs_rehash(stored):
            self._rehash(username, stored, password)
        return user

    def _verify(self, stored: str, password: str) -> bool:
        try:
            return self._hasher.verify(stored, password if isinstance(password, str) else "")
        except (VerificationError, InvalidHashError):
            return False

    def _rehash(self, username: str, old_hash: str, password: str) -> None:
        new_hash = self._hasher.hash(password)
        with self._file.update() as data:
            record = self._users(data).get(username)
            if record is not None and record.get("hash") == old_hash:  # unchanged since we verified it
                record["hash"] = new_hash

    def ensure_first_admin(self) -> str | None:
        """If there are no users at all, create ``admin`` with a one-time password and return it (print it once)."""
        if self._users(self._file.read()):
            return None
        password = generate_password()
        credentials = self._credentials(password, must_change=True)
        with self._file.update() as data:
            users = self._users(data)
            if users:  # another process got there first
                return None
            users[FIRST_ADMIN] = {"role": "admin", "created": utc_now().isoformat(timespec="seconds"),
                                  "firstAdmin": True, **credentials}
        return password

    def first_admin_pending(self) -> bool:
        """True while the first admin's one-time password (printed by `workbench up`) has not been changed."""
        record = self._users(self._file.read()).get(FIRST_ADMIN)
        return bool(record and record.get("firstAdmin") and record.get("mustChangePassword"))

    def change_password(self, username: str, current: str, new: str) -> User:
        """A user changes their own password: the current one must be right, the new one meet the policy and differ.

        Clears the must-change flag; every session bound to the old password ends (start a new one).
        """
        user = self.authenticate(username, current)
        if new == current:
            raise InputError("The new password must differ from the current one.")
        check_password(new, username)
        credentials = self._credentials(new, must_change=False)
        with self._file.update() as data:
            self._existing(self._users(data), username).update(credentials)
        return User(user.username, user.role, False, user.created)


# ---------------------------------------------------------------------------
# Sessions


def _token_key(token: str) -> str:
    # Tokens carry 256 random bits, so a plain SHA-256 is enough to keep them useless if the file leaks.
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class SessionManager:
    """Opaque login tokens for the web app, stored hashed in ``home/sessions.json`` with an idle timeout."""

    def __init__(
        self,
        home: Path,
        minutes: int,
        clock: Clock = utc_now,
        users: UserStore | None = None,
    ) -> None:
        if minutes < 1:
            raise ConfigurationError(
                f"Session timeout must be at least 1 minute, not {minutes}; fix WORKBENCH_SESSION_MINUTES."
            )
        self.home = Path(home)
        self.path = self.home / "sessions.json"
        self.idle = timedelta(minutes=minutes)
        self._clock = clock
        self._users = users or UserStore(self.home)
        self._file = _JsonFile(self.path, lambda: {"version": 1, "sessions": {}})

    def _now(self) -> datetime:
        now = self._clock()
        return now.replace(tzinfo=timezone.utc) if now.tzinfo is None else now.astimezone(timezone.utc)

    def _sessions(self, data: dict[str, Any]) -> dict[str, dict[str, Any]]:
        sessions = data.setdefault("sessions", {})
        if not isinstance(sessions, dict):
            raise ConfigurationError(f"{self.path} has no 'sessions' object; delete the file to log everyone out.")
        return sessions

    def _expired(self, record: dict[str, Any], now: datetime) -> bool:
        try:
            last_seen = datetime.fromisoformat(str(record["lastSeen"]))
        except (KeyError, ValueError):
            return True
        return now - last_seen >= self.idle

    def start(self, user: User) -> str:
        """Open a session for an authenticated user and return its token (give it to the browser only)."""
        stamp = self._users.password_stamp(user.username)
        if stamp is None:
            raise InputError(f"No user named {user.username!r}; see `workbench users list`.")
        token = secrets.token_urlsafe(32)
        now = self._now()
        with self._file.update() as data:
            sessions = self._sessions(data)
            for key in [k for k, record in sessions.items() if self._expired(record, now)]:
                del sessions[key]
            sessions[_token_key(token)] = {
                "user": user.username,
                "stamp": stamp,
                "created": now.isoformat(),
                "lastSeen": now.isoformat(),
            }
        return token

    def touch(self, token: str) -> User | None:
        """The session's current user, extending its idle timeout; None if unknown, expired or revoked."""
        if not isinstance(token, str) or not token:
            return None
        key = _token_key(token)
        now = self._now()
        with self._file.update() as data:
            sessions = self._sessions(data)
            record = sessions.get(key)
            if record is None:
                return None
            username = str(record.get("user", ""))
            user = self._users.get(username)
            revoked = user is None or self._users.password_stamp(username) != record.get("stamp")
            if revoked or self._expired(record, now):
                del sessions[key]
                return None
            record["lastSeen"] = now.isoformat()
            return user

    def end(self, token: str) -> None:
        """Log out: forget the session (unknown tokens are ignored)."""
        if not isinstance(token, str):
            return
        with self._file.update() as data:
            self._sessions(data).pop(_token_key(token), None)

    def end_all(self, username: str) -> int:
        """Log a user out everywhere and return how many sessions ended."""
        with self._file.update() as data:
            sessions = self._sessions(data)
            keys = [k for k, record in sessions.items() if record.get("user") == username]
            for key in keys:
                del sessions[key]
        return len(keys)


# ---------------------------------------------------------------------------
# Browser cookie: a reload keeps the session and the language


class SessionCookie:
    """The app's login token and language in a signed, expiring browser cookie (itsdangerous).

    The signing key is 32 random bytes in ``home/cookie.key`` (mode 0600), made on first use. The cookie only
    carries the opaque session token, which the server still checks (idle timeout, password changes, logout).
    """

    NAME = "pw_session"

    def __init__(self, home: Path, minutes: int) -> None:
        self.path = Path(home) / "cookie.key"
        self.max_age = minutes * 60

    def _serializer(self) -> Any:
        from itsdangerous import URLSafeTimedSerializer  # noqa: PLC0415

        return URLSafeTimedSerializer(self._key(), salt="precursor-watch-session")

    def _key(self) -> bytes:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            pass
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = secrets.token_bytes(32)
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        except FileExistsError:  # another process made it first
            return self.path.read_bytes()
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        return key

    def dumps(self, token: str, lang: str) -> str:
        return str(self._serializer().dumps({"t": token, "l": lang}))

    def loads(self, value: str | None) -> tuple[str, str] | None:
        """(token, language) from a cookie value, or None when it is missing, forged, garbled or expired."""
        from itsdangerous import BadData  # noqa: PLC0415

        if not value or not isinstance(value, str) or len(value) > 4096:
            return None
        try:
            data = self._serializer().loads(value, max_age=self.max_age)
        except BadData:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("t"), str) or not isinstance(data.get("l"), str):
            return None
        return data["t"], data["l"]
