"""Extraction speed on every corpus file (the issue's bar: all 19 files under 2 s).

Prints wall time per run and the ratio to the 2-second budget; run with `make bench`.
"""

from __future__ import annotations

import time

from common import corpus_files
from policykg.ingest.extract import extract_file

files = corpus_files()
runs = []
for _ in range(5):
    start = time.perf_counter()
    for path in files:
        extract_file(path)
    runs.append(time.perf_counter() - start)
best = min(runs)
print(f"{len(files)} files: best {best:.3f} s, median {sorted(runs)[2]:.3f} s over 5 runs; "
      f"ratio to the 2 s budget = {best / 2.0:.2f}")
