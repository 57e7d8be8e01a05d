"""What the benchmarks share: the files they time (the shared corpus beside the checkout, else the
bundled seeds) and a best-of-N timer."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus_files() -> list[Path]:
    folders = [ROOT.parent / "shared" / "corpus" / "seeds", ROOT.parent / "shared" / "corpus" / "real"]
    return [p for f in folders if f.is_dir() for p in sorted(f.glob("*.txt"))] or sorted(
        (ROOT / "corpus" / "seeds").glob("*.txt"))


def best_of(runs: int, job: Callable[[], object]) -> float:
    """The shortest wall time of ``runs`` runs of ``job``, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)
