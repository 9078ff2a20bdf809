"""A real PostgreSQL server for the tests, started once per test session from the binaries.

``initdb`` refuses to run as root, so as root (CI) the server runs as the ``postgres`` user
(``runuser``), in a temporary directory owned by it, listening on a Unix socket in that
directory only (no TCP port to collide with another engineer's run). It stops when the test
process ends. Without the binaries the PostgreSQL tests fail in CI (``CI`` set) and are
skipped elsewhere.
"""

import atexit
import os
import shutil
import subprocess
import tempfile
import threading
import uuid
from pathlib import Path

import pytest

_PORT = 5432
_server = {}
_starting = threading.Lock()


def _bin(name):
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(candidates[-1]) if candidates else None


def _as_postgres(cmd):
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def _start():
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        message = "PostgreSQL binaries (initdb, pg_ctl) not found"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI must run the PostgreSQL tests")
        pytest.skip(message)
    root = Path(tempfile.mkdtemp(prefix="bk-pg-"))
    data, log = root / "data", root / "log"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    root.chmod(0o700)
    run = {"capture_output": True, "text": True, "timeout": 120}
    subprocess.run(
        _as_postgres(
            [initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]
        ),
        check=True,
        **run,
    )
    options = (
        f"-k {root} -p {_PORT} -c listen_addresses='' -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
    )
    subprocess.run(
        _as_postgres(
            [pg_ctl, "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o", options, "start"]
        ),
        check=True,
        **run,
    )

    def stop():
        subprocess.run(
            _as_postgres([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"]),
            check=False,
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(root, ignore_errors=True)

    atexit.register(stop)
    return f"host={root} port={_PORT} user=postgres dbname=postgres"


def dsn():
    """The connection string of the session's server, starting it on first use."""
    with _starting:
        if "dsn" not in _server:
            _server["dsn"] = _start()
        return _server["dsn"]


def fresh_schema():
    """A new, unused PostgreSQL schema name: each store of a test gets its own tables."""
    return f"t_{uuid.uuid4().hex[:16]}"
