"""Parallel, incremental ingest: extraction in a process pool, loading in cross-file batches.

- Files whose content, extractor version (graph/load.py ``extractor_version``) and ``--province``
  are unchanged since their last ingest are skipped (their ``(:Source {sha256})`` says so);
  ``force`` redoes them.
- The others are extracted in a pool of worker processes (one per core; in this process for a
  few files), each worker returning the file's rows and search-index rows ready to send.
- Results are taken in the order of the files and loaded in batches (graph/load.py
  ``load_files``: one transaction per batch, thousands of rows per statement). A batch is sent
  when it holds its store's ``batch_rows`` rows (graph/stores.py) or ``BATCH_FILES`` files, when it
  has waited ``BATCH_SECONDS``, the first file at once (an ingest stopped early has still stored
  something), and before a second file producing the same document (or the same file again) joins
  it: a file is never split across transactions, and two files never compete inside one.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykg.graph.load import Prepared, load_files, mark_pending, prepare, source_key, stored_sources, unchanged
from policykg.graph.stores import Store

BATCH_ROWS = os.environ.get("POLICYKG_BATCH_ROWS")  # overrides the store's own size (Store.batch_rows)
BATCH_FILES = 200
BATCH_SECONDS = 1.0
POOL_MIN_FILES = 8  # fewer files are extracted in this process (a pool costs a start)
IN_FLIGHT_PER_WORKER = 8  # files handed to the pool ahead of the loader: bounds the memory held

Progress = Callable[[Path, int], None]


@dataclass
class Outcome:
    loaded: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    tasks: int = 0


def workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def prepare_file(job: tuple[str, str | None]) -> Prepared | str:
    """Extract one file and turn it into rows (in a worker); an IngestError becomes its message."""
    from policykg.ingest.errors import IngestError
    from policykg.ingest.extract import extract_file
    from policykg.ingest.read import read_text

    path, province = Path(job[0]), job[1]
    try:
        extraction = extract_file(path, province)
        return prepare(extraction, path.name, path, read_text(path), province)
    except IngestError as exc:
        return str(exc)


class Batcher:
    """Prepared files waiting to be loaded together."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.items: list[Prepared] = []
        self.rows = 0
        self.since = 0.0
        self._keys: set[str] = set()
        self.flushed = False
        self.limit = int(BATCH_ROWS) if BATCH_ROWS else store.batch_rows

    def add(self, item: Prepared) -> None:
        keys = {item.doc_uid, item.path or ""}
        if self._keys & keys:
            self.flush()
        if not self.items:
            self.since = time.monotonic()
        self.items.append(item)
        self.rows += item.size()
        self._keys |= keys
        if (not self.flushed or self.rows >= self.limit or len(self.items) >= BATCH_FILES
                or time.monotonic() - self.since >= BATCH_SECONDS):
            self.flush()

    def flush(self) -> None:
        if self.items:
            if not self.flushed:
                mark_pending(self.store)  # until the ingest's last steps are done (api.ingest)
                self.flushed = True
            load_files(self.store, self.items)
        self.items, self.rows, self._keys = [], 0, set()


def _to_extract(store: Store, files: list[Path], province: str | None, force: bool,
                outcome: Outcome, progress: Progress | None) -> list[Path]:
    """Files to extract (each once, in order); the unchanged ones are counted and skipped."""
    from policykg.graph.load import file_digest

    known = {} if force else stored_sources(store)
    todo: dict[str, Path] = {}
    for path in files:
        key = source_key(path)
        if key in todo:  # the same file named twice
            if progress is not None:
                progress(path, 0)
            continue
        if not force and key in known and unchanged(known[key], file_digest(path), province):
            outcome.unchanged.append(path)
            if progress is not None:
                progress(path, 0)
            continue
        todo[key] = path
    return list(todo.values())


def _results(paths: list[Path], province: str | None, processes: int) -> Iterator[Prepared | str]:
    """Prepared files (or error lines) in the order of ``paths``."""
    jobs = [(str(p), province) for p in paths]
    if processes <= 1 or len(jobs) < POOL_MIN_FILES:
        yield from map(prepare_file, jobs)
        return
    with Workers(min(processes, len(jobs))) as pool:
        yield from pool.map(jobs)


class Workers:
    """Worker processes (``python -c 'serve()'``) fed jobs round-robin over their stdin and read in
    order from their stdout. Plain subprocesses rather than multiprocessing: they inherit no open
    file of this process (the store's lock, its sockets), import no ``__main__`` of a user's script,
    and end with this process (parent-death signal, and end of input)."""

    def __init__(self, n: int) -> None:
        import queue
        import subprocess
        import sys
        import threading

        from policykg.graph.embedded import die_with_parent

        command = [sys.executable, "-c", "from policykg.pipeline import serve; serve()"]
        self.procs = [subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       preexec_fn=die_with_parent(os.getpid())) for _ in range(n)]
        # One reader thread per worker takes its results off the pipe as soon as they are written: a
        # result is larger than a pipe's buffer, and a worker blocked on writing it would sit idle while
        # this process loads a batch. At most the in-flight window of results waits here.
        self.results: list[queue.SimpleQueue[object]] = [queue.SimpleQueue() for _ in range(n)]
        for proc, results in zip(self.procs, self.results):
            threading.Thread(target=_drain, args=(proc.stdout, results), daemon=True).start()

    def map(self, jobs: list[tuple[str, str | None]]) -> Iterator[Prepared | str]:
        n, window = len(self.procs), len(self.procs) * IN_FLIGHT_PER_WORKER
        for i, job in enumerate(jobs[:window]):
            self._send(i % n, job)
        for i in range(len(jobs)):
            result = self.results[i % n].get()
            if result is _STOPPED:
                proc = self.procs[i % n]
                raise RuntimeError(f"an extraction worker stopped (exit {proc.wait()}) on {jobs[i][0]}")
            if i + window < len(jobs):
                self._send((i + window) % n, jobs[i + window])
            yield result

    def _send(self, k: int, job: tuple[str, str | None]) -> None:
        import pickle

        stdin = self.procs[k].stdin
        assert stdin is not None
        try:
            pickle.dump(job, stdin)
            stdin.flush()
        except BrokenPipeError:
            pass  # the worker has ended: its reader reports it when its result is due

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        for proc in self.procs:
            if proc.stdin:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass  # an ended worker: nothing left to tell it
        for proc in self.procs:
            try:
                proc.wait(timeout=5 if exc[0] is None else 0.5)
            except Exception:  # noqa: BLE001 - a worker still busy on an abandoned file
                proc.kill()
                proc.wait()


_STOPPED = object()  # a worker's output ended


def _drain(stream: Any, results: Any) -> None:
    """Move a worker's pickled results from its pipe into ``results`` until the pipe ends."""
    import pickle

    while True:
        try:
            results.put(pickle.load(stream))
        except (EOFError, OSError, ValueError, pickle.UnpicklingError):
            results.put(_STOPPED)
            return


def serve() -> None:
    """A worker: read (path, province) jobs from stdin, write each file's result to stdout."""
    import pickle
    import sys

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            job = pickle.load(stdin)
        except EOFError:
            return
        pickle.dump(prepare_file(job), stdout, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.flush()


def run(store: Store, files: list[Path], province: str | None = None, force: bool = False,
        progress: Progress | None = None, processes: int | None = None) -> Outcome:
    """Extract and load ``files``; returns what was loaded, skipped and refused."""
    outcome = Outcome()
    todo = _to_extract(store, files, province, force, outcome, progress)
    batcher = Batcher(store)
    for path, result in zip(todo, _results(todo, province, processes or workers())):
        if isinstance(result, str):
            outcome.errors.append(result)
            tasks = 0
        else:
            batcher.add(result)
            outcome.loaded.append(path)
            outcome.warnings += [f"{path}: {w}" for w in result.warnings]
            tasks = len(result.rows["tasks"])
            outcome.tasks += tasks
        if progress is not None:
            progress(path, tasks)
    batcher.flush()
    return outcome


def rate_label(started: float, files: int, tasks: int) -> str:
    """'120 files/s, 9,400 tasks/s' for a progress bar."""
    elapsed = max(time.monotonic() - started, 1e-6)
    return f"{files / elapsed:,.0f} files/s, {tasks / elapsed:,.0f} tasks/s"

