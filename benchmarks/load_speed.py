"""Loading cost: extracting and storing the corpus in a fresh embedded store (and in Neo4j when
NEO4J_URI is set), as a ratio to extraction alone. Run with `make bench`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from common import best_of, corpus_files
from policykg.graph.stores import open_store
from policykg.ingest.extract import extract_file

from policykg import api

files = corpus_files()


def load(name: str, data_dir: Path) -> None:
    store = open_store(name, data_dir)
    try:
        store.write("MATCH (n) DETACH DELETE n")
        api.ingest(store, files)
    finally:
        store.close()


extract = best_of(3, lambda: [extract_file(p) for p in files])
stores = ["embedded"] + (["neo4j"] if os.environ.get("NEO4J_URI") else [])
with tempfile.TemporaryDirectory() as tmp:
    for name in stores:
        seconds = best_of(3, lambda name=name: load(name, Path(tmp) / name))
        scope = "server start and stop included" if name == "embedded" else "connection included"
        print(f"{name}: {len(files)} files extracted and loaded in {seconds:.2f} s ({scope}); "
              f"extraction alone {extract:.2f} s; load / extract = {seconds / extract:.1f}")
