"""The embedded store after a large ingest and under kills. Run with `make bench-store`.

1. Builds a corpus of --files files (default 1,040): copies of the corpus files, each copy with
   its own document number, so every copy is its own document.
2. Ingests it into a fresh store; times `policykg cascade 36-NQ/TW` in a new process (start,
   load, query, stop) against the same command on an empty store.
3. Kills (SIGKILL, the policykg process only) --kills ingests (default 50) of the whole corpus
   in a random order at a random moment; after each kill counts servers left running and runs
   a following command; then counts documents that are not whole (graph/audit.py), ingests
   the corpus to the end and compares the store with the clean one.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, corpus_files, recorded
from policykg.graph.audit import expected_facts, partial_documents
from policykg.graph.embedded import server_processes
from policykg.graph.load import counts
from policykg.graph.stores import open_store

# The document's own number: after "Số:" / "Số hiệu", and in a legal site's title line ("Quyết định 1639/QĐ-TTg
# năm 2024 …", "THÔNG TƯ15/2017/TT-BCT"), so that every copy is a document of its own.
_NUMBER = re.compile(r"(Số(?: hiệu)?:?\s*|^(?i:Quyết định|Thông tư|Kế hoạch|Nghị quyết|Chỉ thị|Công văn|Thông báo)\s*)"
                     r"(\d+)", re.M)


def build_corpus(folder: Path, wanted: int) -> list[Path]:
    """``wanted`` files: round-robin copies of the corpus, the document number renumbered per copy."""
    sources = [p for p in corpus_files() if p.name != "README.md"]
    files = []
    for i in range(wanted):
        src = sources[i % len(sources)]
        text = src.read_text("utf-8")
        copy = i // len(sources)
        if copy:
            head, tail = text[:3000], text[3000:]
            text = _NUMBER.sub(lambda m, c=copy: f"{m.group(1)}{int(m.group(2)) + 10000 * c}", head) + tail
        path = folder / f"{copy:03d}-{src.name}"
        path.write_text(text, "utf-8")
        files.append(path)
    return files


def policykg(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "policykg", *args], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def timed(*args: str) -> tuple[float, int]:
    start = time.perf_counter()
    proc = policykg(*args)
    proc.communicate()
    return time.perf_counter() - start, proc.returncode


def orphans(socket: Path, wait: float = 15.0) -> int:
    deadline = time.monotonic() + wait
    while server_processes(socket) and time.monotonic() < deadline:
        time.sleep(0.1)
    return len(server_processes(socket))


def stored_mb(data: Path) -> str:
    parts = {p.name.split(".")[-2]: p.stat().st_size / 1e6 for p in (data / "appendonlydir").iterdir()
             if p.suffix in (".rdb", ".aof") and "manifest" not in p.name}
    return ", ".join(f"{k} {v:.1f} MB" for k, v in sorted(parts.items()))


def clean_ingest(files: list[Path], data: Path) -> dict[str, int]:
    seconds, code = timed("ingest", *map(str, files), "--data-dir", str(data))
    with open_store("embedded", data) as store:
        totals = counts(store)
    print(f"clean ingest of {len(files)} files: {seconds:.1f} s (exit {code}); store holds {totals['Document']} "
          f"documents, {totals['Task']} tasks, {totals['edges']} edges; on disk: {stored_mb(data)}")
    return totals


def restart_times(data: Path, empty: Path) -> None:
    full = min(timed("cascade", "36-NQ/TW", "--data-dir", str(data))[0] for _ in range(3))
    bare = min(timed("cascade", "36-NQ/TW", "--data-dir", str(empty))[0] for _ in range(3))
    print(f"`policykg cascade 36-NQ/TW` in a new process: {full:.2f} s after the large ingest, {bare:.2f} s on an "
          f"empty store (best of 3, start and stop included); large / empty = {full / bare:.2f}")


def kill_series(files: list[Path], data: Path, kills: int, rng: random.Random) -> tuple[int, int, float]:
    """Kills at random moments. The commands keep no server warm (POLICYKG_KEEP_WARM=0): a server a finished
    command leaves warm for the next one is no orphan, and would be counted as one here (that a killed
    command stops the warm server it used is checked by tests/test_store.py)."""
    os.environ["POLICYKG_KEEP_WARM"] = "0"
    left, failed, slowest = 0, 0, 0.0
    for _ in range(kills):
        proc = policykg("ingest", *map(str, rng.sample(files, len(files))), "--data-dir", str(data))
        time.sleep(rng.uniform(1.0, 10.0))
        proc.kill()
        proc.communicate()
        left += orphans(data / "falkordb.sock")
        seconds, code = timed("cascade", "36-NQ/TW", "--data-dir", str(data))
        failed += code != 0
        slowest = max(slowest, seconds)
    return left, failed, slowest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1040)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with recorded("store_resilience"), tempfile.TemporaryDirectory(prefix="policykg-bench-") as tmp:
        root = Path(tmp)
        (root / "corpus").mkdir()
        files = build_corpus(root / "corpus", args.files)
        clean = clean_ingest(files, root / "clean")
        restart_times(root / "clean", root / "empty")
        expected = expected_facts(files)
        left, failed, slowest = kill_series(files, root / "killed", args.kills, rng)
        with open_store("embedded", root / "killed") as store:
            partial = partial_documents(store, expected)
            loaded = counts(store)["Document"]
        print(f"{args.kills} kills at random moments (1-10 s) of ingests of {len(files)} files in random orders: "
              f"{len(partial)} partial documents of {loaded} stored, {left} servers left running, "
              f"{failed} failed following commands (slowest {slowest:.2f} s)")
        seconds, code = timed("ingest", *map(str, files), "--data-dir", str(root / "killed"))
        with open_store("embedded", root / "killed") as store:
            same = counts(store) == clean
        left = orphans(root / "killed" / "falkordb.sock")
        print(f"ingest to the end after the kills: {seconds:.1f} s (exit {code}); store identical in counts to the "
              f"clean one: {'yes' if same else 'NO'}; servers left running: {left}")
        for line in partial[:5]:
            print(f"  partial: {line}")


if __name__ == "__main__":
    main()
