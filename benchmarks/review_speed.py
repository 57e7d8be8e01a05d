"""Review page cost: building the spaCy pipeline and rendering every corpus file's page,
as a ratio to extracting the same files (the page re-extracts, then runs the pipeline).

Run with `make bench`.
"""

from __future__ import annotations

from common import best_of, corpus_files
from policykg.ingest import nlp
from policykg.ingest.extract import extract_file

from policykg.review import render

files = corpus_files()

pipeline = best_of(5, nlp.pipeline)
extract = best_of(3, lambda: [extract_file(p) for p in files])
review = best_of(3, lambda: [render(p) for p in files])
print(f"pipeline build: {pipeline:.3f} s; {len(files)} files: extract {extract:.3f} s, "
      f"review pages {review:.3f} s; review / extract = {review / extract:.1f}")
