"""The keeper of a warm embedded server: a small process that owns the FalkorDB server of one data
directory between policykg commands, so a sequence of commands pays one server start.

A command that opens the store with ``keep_warm`` seconds starts the server through a keeper
(``python -m graph.keeper``) instead of as its own child; when it ends normally it writes
``released <time>`` into the data directory's lock file and unlocks it, and the next command takes
the lock and adopts the running server. The keeper only acts while it holds that lock (so never
during a command):

- the lock's last holder ended without releasing (it was killed): the server is stopped at once, as
  a server started by a killed command always was;
- the store has been idle for ``keep_warm`` seconds, or its folder is gone: the server is stopped;
- the server stopped (a query over its limits, out of memory): the keeper ends.

The server dies with its keeper (parent-death signal), and the keeper imports only the standard
library, so it starts in a few milliseconds.
"""

from __future__ import annotations

import ctypes
import fcntl
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

POLL_SECONDS = 0.2
RELEASED = "released"
_PR_SET_PDEATHSIG = 1


def released_at(lock_text: str) -> float | None:
    """When the lock file's last holder released the store, or None when it did not (killed)."""
    words = lock_text.split()
    if len(words) == 2 and words[0] == RELEASED:
        try:
            return float(words[1])
        except ValueError:
            return None
    return None


def _server_setup(memory_mb: int):
    def setup() -> None:
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            pass
        limit = memory_mb << 20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return setup


def _stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.terminate()  # a clean shutdown: every acknowledged write is already on disk
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _should_stop(lock_text: str, idle: float, now: float) -> bool:
    since = released_at(lock_text)
    return since is None or now - since >= idle


def keep(data_dir: Path, idle: float, memory_mb: int, argv: list[str]) -> None:
    """Run the server ``argv`` until the store is left idle, its user was killed or it stops."""
    log = open(data_dir / "falkordb.log", "ab")
    server = subprocess.Popen(argv, stdout=log, stderr=log, stdin=subprocess.DEVNULL,
                              preexec_fn=_server_setup(memory_mb))
    (data_dir / "keeper.pid").write_text(f"{os.getpid()} {server.pid}")
    # Stopped by a command that holds the lock (a killed command's keeper): stop the server and go.
    def on_term(*_: object) -> None:
        _stop(server)
        os._exit(0)

    signal.signal(signal.SIGTERM, on_term)
    lock = open(data_dir / "policykg.lock", "a+")
    try:
        while server.poll() is None:
            time.sleep(POLL_SECONDS)
            if not data_dir.is_dir():
                break
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # a command is using the store
            try:
                lock.seek(0)
                if _should_stop(lock.read(), idle, time.time()):
                    break
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
    finally:
        fcntl.flock(lock, fcntl.LOCK_EX)  # no command adopts a server being stopped
        _stop(server)
        try:
            (data_dir / "keeper.pid").unlink(missing_ok=True)
        except OSError:
            pass
        fcntl.flock(lock, fcntl.LOCK_UN)


if __name__ == "__main__":
    spec = json.loads(sys.argv[1])
    keep(Path(spec["data_dir"]), float(spec["idle"]), int(spec["memory_mb"]), list(spec["argv"]))
