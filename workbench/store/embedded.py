"""The embedded default store: an ArcadeDB server speaking Bolt, one per workbench home.

The server runs in its own detached process (``python -m workbench.embedded serve HOME``)
because ArcadeDB lives in a JVM inside that Python process. The process holds an
exclusive ``flock`` on ``HOME/server.lock`` for its whole life, so "is it running?" is
answered by the lock, never by a stale pid file. Ports, pid and the database name are
recorded in ``HOME/server.json``; credentials in ``HOME/credentials.json`` (mode 0600).

This module is also the one place that knows ArcadeDB's differences from Neo4j:
full-text index DDL goes through ArcadeDB SQL over its loopback HTTP API, databases are
created through its server command, and read-only work uses a reader-only user because
ArcadeDB does not enforce the Bolt read access mode.
"""

from __future__ import annotations

import base64
import errno
import fcntl
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.errors import ConfigurationError, EmbeddedServerError
from workbench.settings import Settings

#: The exact wheel this module was written against (also pinned in requirements.txt).
ARCADEDB_VERSION = "26.10.2.post1"
ADMIN_USER = "root"
READER_USER = "reader"
READER_GROUP = "reader"
START_TIMEOUT = 120.0
STOP_TIMEOUT = 60.0


@dataclass(frozen=True)
class Credentials:
    admin_password: str
    reader_password: str


@dataclass(frozen=True)
class ServerInfo:
    """What a running embedded server recorded about itself."""

    pid: int
    host: str
    bolt_port: int
    http_port: int
    database: str
    started_at: float

    @property
    def uri(self) -> str:
        return f"bolt://{self.host}:{self.bolt_port}"


@dataclass(frozen=True)
class ServerStatus:
    home: Path
    running: bool
    info: ServerInfo | None

    def describe(self) -> str:
        if self.running and self.info:
            return (
                f"embedded ArcadeDB {ARCADEDB_VERSION} running: {self.info.uri} "
                f"(pid {self.info.pid}, database {self.info.database}, home {self.home})"
            )
        return f"embedded server not running (home {self.home})"


class Home:
    """Paths inside one workbench home."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.server_root = self.root / "arcadedb"
        self.credentials = self.root / "credentials.json"
        self.state = self.root / "server.json"
        self.ports = self.root / "ports.json"  # the last ports used; kept across clean stops so they can be reused
        self.lock = self.root / "server.lock"
        self.start_lock = self.root / "start.lock"
        self.log = self.root / "logs" / "server.log"

    def prepare(self) -> None:
        """Create the folders, failing with one clear line when the home is unusable."""
        try:
            for folder in (self.root, self.server_root, self.log.parent, self.server_root / "config"):
                folder.mkdir(parents=True, exist_ok=True)
            probe = self.root / f".write-test-{os.getpid()}"
            probe.write_text("ok")
            probe.unlink()
        except OSError as e:
            raise ConfigurationError(
                f"The workbench home {self.root} is not writable ({e.strerror}); "
                "set WORKBENCH_HOME to a folder you can write to, or fix its permissions."
            ) from e


def _write_private(path: Path, payload: dict[str, Any]) -> None:
    """Write JSON atomically with mode 0600 from the first byte."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(payload, f, indent=2)
        f.flush()
        os.fsync(f.fileno())
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def load_credentials(home: Home) -> Credentials:
    """Read the home's credentials, generating them on first use."""
    if home.credentials.exists():
        data = json.loads(home.credentials.read_text())
        return Credentials(data["adminPassword"], data["readerPassword"])
    creds = Credentials(secrets.token_urlsafe(24), secrets.token_urlsafe(24))
    _write_private(
        home.credentials,
        {"adminUser": ADMIN_USER, "adminPassword": creds.admin_password,
         "readerUser": READER_USER, "readerPassword": creds.reader_password},
    )
    return creds


def _lock_held(path: Path) -> bool:
    """True when another process holds the exclusive lock on ``path``."""
    if not path.exists():
        return False
    with open(path, "a+") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            if e.errno in (errno.EAGAIN, errno.EACCES):
                return True
            raise
        fcntl.flock(f, fcntl.LOCK_UN)
        return False


def _read_info(home: Home) -> ServerInfo | None:
    try:
        data = json.loads(home.state.read_text())
        return ServerInfo(**data)
    except (OSError, ValueError, TypeError):
        return None


def status(settings: Settings) -> ServerStatus:
    home = Home(settings.home)
    running = _lock_held(home.lock)
    return ServerStatus(home.root, running, _read_info(home) if running else None)


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
        return True


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def _choose_ports(settings: Settings, home: Home) -> tuple[int, int]:
    """The Bolt and HTTP ports: the fixed setting, else the ones recorded last time if free, else new ones."""
    host = settings.host
    if settings.bolt_port:
        if not _port_free(host, settings.bolt_port):
            raise EmbeddedServerError(
                f"Port {settings.bolt_port} on {host} is already in use; set WORKBENCH_BOLT_PORT to a free port "
                "or unset it so the workbench picks one."
            )
        return settings.bolt_port, _free_port(host)
    previous = _read_info(home) or _read_ports(home)
    if previous and _port_free(host, previous[0] if isinstance(previous, tuple) else previous.bolt_port) and \
            _port_free(host, previous[1] if isinstance(previous, tuple) else previous.http_port):
        return (previous if isinstance(previous, tuple) else (previous.bolt_port, previous.http_port))
    bolt = _free_port(host)
    http = _free_port(host)
    while http == bolt:
        http = _free_port(host)
    return bolt, http


def _read_ports(home: Home) -> tuple[int, int] | None:
    """The (bolt, http) ports the home's server used last, whether or not it is running."""
    try:
        data = json.loads(home.ports.read_text())
        return int(data["boltPort"]), int(data["httpPort"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _log_tail(home: Home, lines: int = 5) -> str:
    try:
        text = home.log.read_text(errors="replace").strip().splitlines()
    except OSError:
        return ""
    meaningful = [line for line in text if "ERROR" in line or "SEVERE" in line or "Exception" in line]
    return " | ".join((meaningful or text)[-lines:])


def start(settings: Settings, *, fail_if_running: bool = True, timeout: float = START_TIMEOUT) -> ServerInfo:
    """Start the home's server in the background and wait until Bolt answers."""
    home = Home(settings.home)
    home.prepare()
    with open(home.start_lock, "a+") as start_lock:
        fcntl.flock(start_lock, fcntl.LOCK_EX)
        current = status(settings)
        if current.running and current.info:
            if fail_if_running:
                raise EmbeddedServerError(
                    f"The embedded server for {home.root} is already running at {current.info.uri} "
                    f"(pid {current.info.pid}); use `workbench db stop` first or `workbench db status`."
                )
            return current.info
        load_credentials(home)
        bolt_port, http_port = _choose_ports(settings, home)
        home.state.unlink(missing_ok=True)
        log = open(home.log, "ab")
        env = dict(os.environ)
        command = [sys.executable, "-m", "workbench.store.embedded", "serve", str(home.root),
                   "--host", settings.host, "--bolt-port", str(bolt_port), "--http-port", str(http_port),
                   "--database", settings.database, "--heap", settings.heap,
                   "--query-timeout", str(int(settings.query_timeout)), "--max-queries", str(settings.server_queries)]
        proc = subprocess.Popen(command, cwd=home.server_root, stdout=log, stderr=log,
                                stdin=subprocess.DEVNULL, start_new_session=True, env=env)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            code = proc.poll()
            if code is not None:
                raise EmbeddedServerError(
                    f"The embedded server for {home.root} stopped while starting (exit {code}): "
                    f"{_log_tail(home) or 'no log'}; see {home.log}."
                )
            info = _read_info(home)
            if info and info.pid == proc.pid and _bolt_answers(info):
                return info
            time.sleep(0.2)
        proc.kill()
        raise EmbeddedServerError(
            f"The embedded server for {home.root} did not answer within {timeout:.0f} s; see {home.log}."
        )


def _bolt_answers(info: ServerInfo) -> bool:
    try:
        with socket.create_connection((info.host, info.bolt_port), timeout=1):
            return True
    except OSError:
        return False


def ensure_running(settings: Settings) -> ServerInfo:
    """The running server's info, starting it when it is not running."""
    current = status(settings)
    if current.running and current.info:
        return current.info
    return start(settings, fail_if_running=False)


def _pid_alive(pid: int) -> bool:
    try:
        # Reap it when it is our own child (started by this process), so a zombie is not "alive".
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop(settings: Settings, timeout: float = STOP_TIMEOUT) -> bool:
    """Stop the home's server cleanly (SIGTERM, then wait). False when it was not running."""
    home = Home(settings.home)
    current = status(settings)
    if not current.running or not current.info:
        return False
    pid = current.info.pid
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _lock_held(home.lock) and not _pid_alive(pid):
            return True
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
    raise EmbeddedServerError(
        f"The embedded server (pid {pid}) did not stop within {timeout:.0f} s and was killed; "
        f"committed data is kept by its journal. See {home.log}."
    )


# --- ArcadeDB administration over its loopback HTTP API ---------------------------------------

def _http(info: ServerInfo, creds: Credentials, path: str, payload: dict[str, Any]) -> dict[str, Any]:
    token = base64.b64encode(f"{ADMIN_USER}:{creds.admin_password}".encode()).decode()
    request = urllib.request.Request(
        f"http://{info.host}:{info.http_port}{path}",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Basic {token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as e:
        body = e.read().decode(errors="replace")
        try:
            detail = json.loads(body).get("detail") or body
        except ValueError:
            detail = body
        raise EmbeddedServerError(f"The embedded server refused `{payload.get('command')}`: {detail}") from e
    except OSError as e:
        raise EmbeddedServerError(
            f"The embedded server's admin API at {info.host}:{info.http_port} did not answer ({e}); "
            "run `workbench db status`."
        ) from e


def admin_sql(settings: Settings, database: str, commands: list[str]) -> None:
    """Run ArcadeDB SQL DDL (used only for what Cypher cannot express there: full-text indexes)."""
    info = ensure_running(settings)
    creds = load_credentials(Home(settings.home))
    for command in commands:
        _http(info, creds, f"/api/v1/command/{database}", {"language": "sql", "command": command})


def database_stats(settings: Settings, database: str) -> dict[str, int]:
    """ArcadeDB's running counters of one database (``SELECT FROM schema:stats``): records read, full scans of a
    type (``iterateType``), queries... Read before and after a statement, their difference is what the statement
    cost the store, subqueries and pattern comprehensions included (its PROFILE shows rows only for top-level
    steps). The counters are the database's, so only a database nobody else is using gives a statement's own."""
    info = ensure_running(settings)
    creds = load_credentials(Home(settings.home))
    rows = _http(info, creds, f"/api/v1/query/{database}", {"language": "sql", "command": "select from schema:stats"})
    result = rows.get("result") or [{}]
    return {k: int(v) for k, v in result[0].items() if isinstance(v, int) and not isinstance(v, bool)}


def list_databases(settings: Settings) -> list[str]:
    info = ensure_running(settings)
    creds = load_credentials(Home(settings.home))
    token = base64.b64encode(f"{ADMIN_USER}:{creds.admin_password}".encode()).decode()
    request = urllib.request.Request(f"http://{info.host}:{info.http_port}/api/v1/databases",
                                     headers={"Authorization": f"Basic {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return list(json.loads(response.read()).get("result", []))


def create_database(settings: Settings, name: str) -> None:
    """Create a database on the embedded server (tests use one per test for isolation)."""
    if name not in list_databases(settings):
        info = ensure_running(settings)
        _http(info, load_credentials(Home(settings.home)), "/api/v1/server", {"command": f"create database {name}"})


def drop_database(settings: Settings, name: str) -> None:
    if name in list_databases(settings):
        info = ensure_running(settings)
        _http(info, load_credentials(Home(settings.home)), "/api/v1/server", {"command": f"drop database {name}"})


# --- the server process ---------------------------------------------------------------------

_GROUPS = {
    "databases": {"*": {"groups": {
        "admin": {"resultSetLimit": -1, "readTimeout": -1,
                  "access": ["updateSecurity", "updateSchema", "updateDatabaseSettings"],
                  "types": {"*": {"access": ["createRecord", "readRecord", "updateRecord", "deleteRecord"]}}},
        READER_GROUP: {"resultSetLimit": -1, "readTimeout": -1, "access": [],
                       "types": {"*": {"access": ["readRecord"]}}},
        "*": {"resultSetLimit": -1, "readTimeout": -1, "access": [], "types": {"*": {"access": []}}},
    }}},
    "version": 2,
}


def _ensure_groups(home: Home) -> None:
    """Declare the reader group before the server reads its security files."""
    path = home.server_root / "config" / "server-groups.json"
    current: dict[str, Any] = {}
    if path.exists():
        try:
            current = json.loads(path.read_text())
        except ValueError:
            current = {}
    groups = current.get("databases", {}).get("*", {}).get("groups", {})
    if READER_GROUP not in groups:
        path.write_text(json.dumps(_GROUPS, indent=2))


def _limits(query_timeout: int, max_queries: int) -> None:
    """Make the server stop every statement at the query timeout and cap the queries it runs at once.

    Set on ArcadeDB's JVM-wide ``GlobalConfiguration`` (the server's context configuration does not reach
    statement execution): ``arcadedb.command.timeout`` is checked inside scans, expansions and filters, so a
    runaway query ends at its deadline and frees its slot; ``arcadedb.queryMaxConcurrent`` is the admission gate
    (default twice the cores, 4 here), and ``arcadedb.queryQueueTimeout`` how long a query waits for a slot.
    """
    import jpype  # noqa: PLC0415

    config = jpype.JClass("com.arcadedb.GlobalConfiguration")
    config.COMMAND_TIMEOUT.setValue(jpype.JLong(query_timeout * 1000))
    config.QUERY_MAX_CONCURRENT.setValue(jpype.JInt(max_queries))
    config.QUERY_QUEUE_TIMEOUT.setValue(jpype.JLong(query_timeout * 1000))


def serve(root: Path, host: str, bolt_port: int, http_port: int, database: str, heap: str,
          query_timeout: int = 30, max_queries: int = 16) -> None:
    """Run the server in this process until SIGTERM/SIGINT (the body of the background process)."""
    home = Home(root)
    lock = open(home.lock, "a+")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        print(f"another embedded server already holds {home.lock}", file=sys.stderr)
        os._exit(3)
    creds = load_credentials(home)
    _ensure_groups(home)

    import jpype  # noqa: PLC0415 - only the server process loads the JVM
    import arcadedb_embedded as arcadedb  # noqa: PLC0415

    server = arcadedb.ArcadeDBServer(
        str(home.server_root),
        root_password=creds.admin_password,
        config={
            "host": host,
            "http_port": http_port,
            "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "bolt_port": bolt_port,
            "bolt_host": host,
        },
        jvm_kwargs={"heap_size": heap},
    )
    _limits(query_timeout, max_queries)
    try:
        server.start()
        server.create_database(database)
        security = server._java_server.getSecurity()
        JSONObject = jpype.JClass("com.arcadedb.serializer.json.JSONObject")
        if not security.existsUser(READER_USER):
            user = {"name": READER_USER, "password": str(security.encodePassword(creds.reader_password)),
                    "databases": {"*": [READER_GROUP]}}
            security.createUser(JSONObject(json.dumps(user)))
    except Exception as e:  # noqa: BLE001 - reported to the starting process through the log
        print(f"ERROR starting embedded server: {e}", file=sys.stderr, flush=True)
        try:
            server.stop()
        finally:
            os._exit(2)

    stopping = {"flag": False}

    def _on_signal(signum: int, frame: Any) -> None:
        stopping["flag"] = True

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    info = ServerInfo(pid=os.getpid(), host=host, bolt_port=bolt_port, http_port=http_port,
                      database=database, started_at=time.time())
    _write_private(home.state, info.__dict__)
    _write_private(home.ports, {"boltPort": bolt_port, "httpPort": http_port})
    print(f"embedded server ready on bolt://{host}:{bolt_port}", flush=True)
    while not stopping["flag"]:
        time.sleep(0.2)
    try:
        server.stop()
    finally:
        home.state.unlink(missing_ok=True)
        sys.stdout.flush()
        sys.stderr.flush()
        # The JVM inside this process can crash in interpreter shutdown; the server is already down.
        os._exit(0)


def _main(argv: list[str]) -> None:
    import argparse  # noqa: PLC0415

    parser = argparse.ArgumentParser(prog="python -m workbench.embedded")
    sub = parser.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve")
    s.add_argument("home", type=Path)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--bolt-port", type=int, required=True)
    s.add_argument("--http-port", type=int, required=True)
    s.add_argument("--database", default="workbench")
    s.add_argument("--heap", default="2g")
    s.add_argument("--query-timeout", type=int, default=30)
    s.add_argument("--max-queries", type=int, default=16)
    args = parser.parse_args(argv)
    serve(args.home, args.host, args.bolt_port, args.http_port, args.database, args.heap, args.query_timeout,
          args.max_queries)


if __name__ == "__main__":
    _main(sys.argv[1:])
