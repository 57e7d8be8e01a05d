"""What the benchmarks share: the files they time (the shared corpus beside the checkout, else the
bundled seeds) and a best-of-N timer."""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "benchmarks" / "output"  # the last run's output, quoted in the README by tools/update_readme.py


class _Tee(io.StringIO):
    def write(self, text: str) -> int:
        sys.__stdout__.write(text)
        sys.__stdout__.flush()
        return super().write(text)


@contextmanager
def recorded(name: str) -> Iterator[None]:
    """Print as usual, and when the run ends without error keep a copy in ``benchmarks/output/NAME.txt``."""
    tee = _Tee()
    with redirect_stdout(tee):
        yield
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / f"{name}.txt").write_text(tee.getvalue(), "utf-8")


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
