"""Append-only, hash-chained audit trail in ``home/audit/audit.jsonl``.

Each line is one entry whose ``hash`` is the SHA-256 of its canonical JSON without
``hash``, and whose ``prev`` is the previous entry's hash, so an edited, removed,
inserted or reordered line shows up in :meth:`AuditLog.verify`. ``head.json`` keeps
the last seq and hash so that cutting entries off the end shows up too.

The chain proves the log was not changed *by accident or naively*; whoever can
rewrite every line and ``head.json`` can forge a consistent trail, so keep copies
off the machine if that matters.

Appends go through one ``os.write`` on an ``O_APPEND`` descriptor followed by
``fsync``, under an exclusive ``flock`` on the log itself, so several processes can
record at once and an entry that was acknowledged survives a crash. When the trail
is already damaged, :meth:`AuditLog.record` refuses rather than paper over it.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import math
import os
from bisect import bisect_left, bisect_right
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

from workbench.trust.auth import utc_now, write_atomically
from workbench.errors import ConfigurationError, InputError, WorkbenchError

#: Every action the trail records; anything else is refused.
ACTIONS: tuple[str, ...] = (
    "login_success",
    "login_failure",
    "logout",
    "search",
    "query",
    "detect",
    "export",
    "briefing",
    "ingest",
    "entity_merge",
    "entity_split",
    "user_add",
    "user_remove",
    "user_passwd",
    "user_role",
    "case_save",
    "case_delete",
    "cypher_console",
    "risk",
    "entities",
    "view",
    "targets",
    "inspection",
)

#: ``prev`` of the first entry.
GENESIS = "0" * 64
FIELDS: tuple[str, ...] = ("seq", "time", "user", "action", "details", "prev", "hash")
MAX_USER_LENGTH = 200
_CHUNK = 64 * 1024


def canonical_json(value: Any) -> bytes:
    """The one byte form entries are hashed and stored in: sorted keys, no spaces, pure ASCII."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False).encode("ascii")


def entry_hash(fields: dict[str, Any]) -> str:
    """SHA-256 over the canonical JSON of an entry without its ``hash`` field."""
    return hashlib.sha256(canonical_json({k: v for k, v in fields.items() if k != "hash"})).hexdigest()


@dataclass(frozen=True)
class Entry:
    """One audit trail line."""

    seq: int
    time: str
    user: str
    action: str
    details: dict[str, Any]
    prev: str
    hash: str

    @property
    def timestamp(self) -> datetime:
        return _as_utc(datetime.fromisoformat(self.time))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the trail, and where."""

    message: str
    line: int | None = None
    seq: int | None = None

    def __str__(self) -> str:
        return self.message


@dataclass
class VerifyReport:
    """Result of :meth:`AuditLog.verify`: how many entries were read and what is wrong, if anything."""

    entries: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            return f"audit trail intact: {self.entries} entries"
        return f"audit trail damaged: {len(self.problems)} problem(s) in {self.entries} readable entries"


def _as_utc(moment: datetime) -> datetime:
    """Naive datetimes are taken to be UTC."""
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def _check_details(value: Any, where: str = "details") -> None:
    if value is None or isinstance(value, (bool, int, str)):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InputError(f"Audit {where} is {value!r}; use a finite number or a string.")
        return
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            _check_details(item, f"{where}[{i}]")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise InputError(f"Audit {where} has key {key!r}; keys must be strings.")
            _check_details(item, f"{where}[{key!r}]")
        return
    raise InputError(
        f"Audit {where} is a {type(value).__name__}; use plain JSON values (str, number, bool, None, list, dict)."
    )


def parse_entry(line: bytes) -> Entry:
    """Parse one log line; raise ``ValueError`` saying what is wrong with it."""
    try:
        data = json.loads(line)
    except (ValueError, UnicodeDecodeError) as e:
        raise ValueError(f"not valid JSON ({e})") from e
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    if set(data) != set(FIELDS):
        missing, extra = set(FIELDS) - set(data), set(data) - set(FIELDS)
        raise ValueError(f"fields missing {sorted(missing)} / unexpected {sorted(extra)}")
    if not isinstance(data["seq"], int) or isinstance(data["seq"], bool):
        raise ValueError("seq is not a whole number")
    for name in ("time", "user", "action", "prev", "hash"):
        if not isinstance(data[name], str):
            raise ValueError(f"{name} is not a string")
    if not isinstance(data["details"], dict):
        raise ValueError("details is not an object")
    return Entry(**data)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one} was" if count == 1 else f"{count} {many} were"


def _head_problem(last: Entry | None, head: dict[str, Any] | None) -> str | None:
    """What is wrong between the log's last entry and ``head.json``, or None.

    The head may lag the log by one entry: that is a crash between the append and the head update.
    """
    head_seq, head_hash = (0, GENESIS) if head is None else (head["seq"], head["hash"])
    last_seq = last.seq if last else 0
    if last_seq < head_seq:
        return (
            f"the log ends at seq {last_seq} but head.json records seq {head_seq}: "
            f"{_plural(head_seq - last_seq, 'entry', 'entries')} removed from the end"
        )
    if last is None:
        return None
    if last_seq == head_seq and last.hash != head_hash:
        return f"the last entry (seq {last_seq}) does not match head.json: it was replaced"
    if last_seq == head_seq + 1 and last.prev != head_hash:
        return f"entry {head_seq} does not match head.json: the end of the log was rewritten"
    if last_seq > head_seq + 1:
        recorded = "head.json is missing" if head is None else f"head.json records seq {head_seq}"
        return f"{recorded} but the log goes on to seq {last_seq}: entries were added or head.json was removed"
    return None


def _in_order(seqs: list[int]) -> set[int]:
    """Indexes of a longest strictly increasing subsequence of ``seqs``.

    Those entries are taken to be in place, so a moved or planted entry is blamed
    on its own line instead of on everything after it.
    """
    tails: list[int] = []
    tail_index: list[int] = []
    back = [-1] * len(seqs)
    for i, seq in enumerate(seqs):
        k = bisect_left(tails, seq)
        if k == len(tails):
            tails.append(seq)
            tail_index.append(i)
        else:
            tails[k], tail_index[k] = seq, i
        back[i] = tail_index[k - 1] if k else -1
    keep: set[int] = set()
    i = tail_index[-1] if tail_index else -1
    while i != -1:
        keep.add(i)
        i = back[i]
    return keep


def _entries(count: int, first: int) -> str:
    if count == 1:
        return f"entry {first} was removed"
    return f"entries {first}-{first + count - 1} were removed"


def _check_chain(parsed: list[tuple[int, Entry | None]]) -> tuple[Entry | None, list[Problem]]:
    """Problems with the readable entries (edits, order, gaps, links) and the last entry in place."""
    problems: list[Problem] = []
    valid = [(number, entry) for number, entry in parsed if entry is not None]
    garbled = [number for number, entry in parsed if entry is None]
    keep = _in_order([entry.seq for _, entry in valid])
    ordered = [valid[i] for i in sorted(keep)]
    ordered_seqs = [entry.seq for _, entry in ordered]
    all_seqs = sorted({entry.seq for _, entry in valid})
    lines_of: dict[int, list[int]] = {}
    hashes: dict[int, set[str]] = {}
    for number, entry in valid:
        lines_of.setdefault(entry.seq, []).append(number)
        hashes.setdefault(entry.seq, set()).add(entry.hash)

    for number, entry in valid:
        if entry_hash(entry.to_dict()) != entry.hash:
            problems.append(Problem(f"entry {entry.seq} (line {number}) was edited (hash mismatch)", number, entry.seq))
        if entry.seq == 1:
            linked = entry.prev == GENESIS
        elif entry.seq - 1 in hashes:
            linked = entry.prev in hashes[entry.seq - 1]
        else:
            continue  # its predecessor is missing, which is reported as a removal
        if not linked:
            problems.append(
                Problem(
                    f"chain broken at line {number} (entry {entry.seq}): its prev does not match entry {entry.seq - 1}",
                    number,
                    entry.seq,
                )
            )

    previous_kept: Entry | None = None
    for i, (number, entry) in enumerate(valid):
        if i in keep:
            previous_kept = entry
            continue
        expected = previous_kept.seq + 1 if previous_kept else 1
        others = [line for line in lines_of[entry.seq] if line != number]
        if others:
            message = (
                f"line {number}: seq {entry.seq} also appears at line {others[0]}: an entry was inserted or copied"
            )
        else:
            k = bisect_left(ordered_seqs, entry.seq)
            where = f"after line {ordered[k - 1][0]}" if k else "at the start"
            message = (
                f"line {number}: expected seq {expected} but found {entry.seq}: "
                f"entries were reordered or an entry was inserted (entry {entry.seq} belongs {where})"
            )
        problems.append(Problem(message, number, entry.seq))

    prev_seq, prev_line = 0, 0
    for number, entry in ordered:
        gap = entry.seq - prev_seq - 1
        if gap > 0:
            present = bisect_left(all_seqs, entry.seq) - bisect_right(all_seqs, prev_seq)
            missing = gap - present
            unreadable = bisect_left(garbled, number) - bisect_right(garbled, prev_line)
            if missing > unreadable:  # a damaged line in the gap may be the entry that seems missing
                what = (
                    _entries(missing, prev_seq + 1)
                    if present == 0
                    else f"{_plural(missing, 'entry', 'entries')} between seq {prev_seq} and {entry.seq} removed"
                )
                message = f"line {number}: expected seq {prev_seq + 1} but found {entry.seq}: {what}"
                problems.append(Problem(message, number, entry.seq))
        prev_seq, prev_line = entry.seq, number
    return (ordered[-1][1] if ordered else None), problems


class AuditLog:
    """The audit trail of one workbench home."""

    def __init__(self, home: Path, clock: Callable[[], datetime] = utc_now) -> None:
        self.folder = Path(home) / "audit"
        self.path = self.folder / "audit.jsonl"
        self.head_path = self.folder / "head.json"
        self._clock = clock

    # -- writing

    def record(self, user: str, action: str, details: dict[str, Any] | None = None) -> Entry:
        """Append one entry, durably, and return it as stored."""
        if action not in ACTIONS:
            raise InputError(f"Unknown audit action {action!r}; known actions: {', '.join(ACTIONS)}.")
        if not isinstance(user, str) or not user or len(user) > MAX_USER_LENGTH:
            raise InputError(f"Audit user must be a name of 1-{MAX_USER_LENGTH} characters, not {user!r}.")
        details = {} if details is None else details
        if not isinstance(details, dict):
            raise InputError(f"Audit details must be a dict, not {type(details).__name__}.")
        _check_details(details)
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as e:
            raise ConfigurationError(f"Cannot create {self.folder}: {e}; check WORKBENCH_HOME.") from e
        created = not self.path.exists()
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            last = self._intact_tail(fd)
            fields: dict[str, Any] = {
                "seq": last.seq + 1 if last else 1,
                "time": _as_utc(self._clock()).isoformat(timespec="microseconds"),
                "user": user,
                "action": action,
                "details": details,
                "prev": last.hash if last else GENESIS,
            }
            fields["hash"] = entry_hash(fields)
            line = canonical_json(fields) + b"\n"
            written = os.write(fd, line)
            if written != len(line):
                raise WorkbenchError(
                    f"Only {written} of {len(line)} bytes reached {self.path} (disk full?); free space, then remove "
                    "the incomplete last line, which was never acknowledged."
                )
            os.fsync(fd)
            if created:
                self._fsync_folder()
            entry = parse_entry(line)
            write_atomically(self.head_path, canonical_json({"seq": entry.seq, "hash": entry.hash}) + b"\n")
            return entry
        finally:
            os.close(fd)

    def ensure_writable(self) -> None:
        """Raise now if :meth:`record` would refuse; call it before a change that must not go unrecorded."""
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            self._refuse_if(_head_problem(None, self._read_head()))
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)
            self._intact_tail(fd)
        finally:
            os.close(fd)

    def _intact_tail(self, fd: int) -> Entry | None:
        """The last entry, provided the end of the trail is readable and agrees with ``head.json``."""
        last = self._last_entry(fd)
        self._refuse_if(_head_problem(last, self._read_head()))
        return last

    def _refuse_if(self, problem: str | None) -> None:
        if problem:
            raise ConfigurationError(
                f"The audit trail in {self.folder} is damaged ({problem}); nothing more is recorded until an admin "
                "runs `workbench audit verify` and moves the folder aside as evidence to start a new trail."
            )

    def _fsync_folder(self) -> None:
        dir_fd = os.open(self.folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def _last_entry(self, fd: int) -> Entry | None:
        """The entry on the last line, read backwards from the end so appends stay cheap on long logs."""
        size = os.fstat(fd).st_size
        if size == 0:
            return None
        chunks: list[bytes] = []
        pos = size
        while pos > 0:
            step = min(_CHUNK, pos)
            pos -= step
            chunk = os.pread(fd, step, pos)
            cut = chunk.rfind(b"\n", 0, len(chunk) - 1 if not chunks else len(chunk))
            if cut != -1:
                chunks.append(chunk[cut + 1 :])
                break
            chunks.append(chunk)
        line = b"".join(reversed(chunks))
        if not line.endswith(b"\n"):
            raise ConfigurationError(
                f"The last line of {self.path} is incomplete; run `workbench audit verify`, and if only that line is "
                "reported, remove it (it was never acknowledged)."
            )
        try:
            return parse_entry(line)
        except ValueError as e:
            raise ConfigurationError(
                f"The last line of {self.path} is garbled ({e}); run `workbench audit verify`."
            ) from e

    def _read_head(self) -> dict[str, Any] | None:
        try:
            data = json.loads(self.head_path.read_bytes())
        except FileNotFoundError:
            return None
        except ValueError as e:
            raise ConfigurationError(f"{self.head_path} is garbled ({e}); run `workbench audit verify`.") from e
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("seq"), int)
            or isinstance(data.get("seq"), bool)
            or not isinstance(data.get("hash"), str)
        ):
            raise ConfigurationError(f"{self.head_path} does not hold a seq and a hash; run `workbench audit verify`.")
        return data

    # -- reading

    @contextmanager
    def _lines(self) -> Iterator[Iterator[tuple[int, bytes]]]:
        """(line number, raw line) pairs, read under a shared lock so no append is half seen."""
        try:
            handle = open(self.path, "rb")
        except FileNotFoundError:
            yield iter(())
            return
        with handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_SH)
            yield enumerate(handle, start=1)

    def verify(self) -> VerifyReport:
        """Check every line and the chain between them; say where and what is wrong."""
        problems: list[Problem] = []
        parsed: list[tuple[int, Entry | None]] = []
        head: dict[str, Any] | None = None
        head_error: str | None = None
        with self._lines() as lines:
            for number, raw in lines:
                try:
                    if not raw.endswith(b"\n"):
                        raise ValueError("incomplete: the last line was cut short (truncated or garbled tail)")
                    parsed.append((number, parse_entry(raw)))
                except ValueError as e:
                    parsed.append((number, None))
                    problems.append(Problem(f"line {number} is not a valid entry: {e}", line=number))
            try:
                head = self._read_head()  # still under the log's lock, so it matches the lines just read
            except ConfigurationError as e:
                head_error = str(e)

        last, chain_problems = _check_chain(parsed)
        problems.extend(chain_problems)
        if not parsed and head is None and head_error is None and not self.path.exists():
            evidence = self._home_in_use()
            if evidence:
                problems.append(Problem(
                    f"the audit trail is missing but this home holds {evidence}: the trail was deleted "
                    "(with head.json), so nothing done so far can be checked"))
        problems.sort(key=lambda p: p.line if p.line is not None else float("inf"))
        head_issue = head_error or _head_problem(last, head)
        if head_issue:
            problems.append(Problem(head_issue, seq=last.seq if last else None))
        return VerifyReport(entries=sum(1 for _, entry in parsed if entry is not None), problems=problems)

    def _home_in_use(self) -> str | None:
        """What in the home shows it has been used (users, sessions, an embedded store), or None for a new home."""
        home = self.folder.parent
        found = [what for what, path in (("users", home / "users.json"), ("app sessions", home / "sessions.json"),
                                         ("a graph store", home / "arcadedb" / "databases"))
                 if path.exists()]
        return " and ".join(found) or None

    def show(
        self,
        user: str | None = None,
        action: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[Entry]:
        """Readable entries matching every given filter (``since`` and ``until`` inclusive; naive means UTC)."""
        if action is not None and action not in ACTIONS:
            raise InputError(f"Unknown audit action {action!r}; known actions: {', '.join(ACTIONS)}.")
        since = _as_utc(since) if since else None
        until = _as_utc(until) if until else None
        entries: list[Entry] = []
        with self._lines() as lines:
            for _, raw in lines:
                try:
                    entry = parse_entry(raw)
                    moment = entry.timestamp
                except ValueError:
                    continue  # `verify` reports damaged lines; listing shows what can be read
                if user is not None and entry.user != user:
                    continue
                if action is not None and entry.action != action:
                    continue
                if (since and moment < since) or (until and moment > until):
                    continue
                entries.append(entry)
        return entries
