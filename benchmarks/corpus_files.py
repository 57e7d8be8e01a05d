"""The files the benchmarks time: the shared corpus beside the checkout, else the bundled seeds."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus_files() -> list[Path]:
    folders = [ROOT.parent / "shared" / "corpus" / "seeds", ROOT.parent / "shared" / "corpus" / "real"]
    return [p for f in folders if f.is_dir() for p in sorted(f.glob("*.txt"))] or sorted(
        (ROOT / "corpus" / "seeds").glob("*.txt"))
