"""A focused graph page on a large store costs what it costs on a small one. Run with `make bench-graph`.

1. Builds a store of --provinces provinces (default 30) of synthetic plans: each province gets its own
   copy of the corpus files (seeds and real), every document renumbered per copy
   (``store_resilience.build_corpus``) and loaded with ``--province`` set to that province. The store
   is kept in --keep DIR when given, and reused by the next run.
2. Times writing focused pages (``policykg.graph_page.write``: plan, query, layout, HTML) on that
   store and on a store of one copy: a province's page and one province's part of the 36-NQ/TW
   cascade (best of 5, store open), the ratio between the two stores, and the ratio to the 2-second
   budget. Then the whole cascade of 36-NQ/TW on the large store: written if it fits under
   --max-nodes, else the time taken to say how to narrow it.

The output is kept in benchmarks/output/graph_page.txt, which the README quotes.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from common import best_of, corpus_files, recorded
from policykg.graph.load import counts
from policykg.graph.succession import provinces_2025
from store_resilience import build_corpus

from policykg import api
from policykg.focus import MAX_NODES, Focus, TooBig
from policykg.graph_page import write

BUDGET = 2.0  # seconds for a focused page (the bar)


def build(data: Path, corpus: Path, provinces: list[str]) -> dict[str, int]:
    """A store holding one renumbered copy of the corpus per province (reused when already built)."""
    with api.open_store("embedded", data) as store:
        held = counts(store)
        if held["Document"] and len({r["province"] for r in api.provinces(store)} & set(provinces)) == len(provinces):
            return held
        store.write("MATCH (n) DETACH DELETE n")
        corpus.mkdir(parents=True, exist_ok=True)
        files = build_corpus(corpus, len(corpus_files()) * len(provinces))
        start = time.perf_counter()
        for copy, province in enumerate(provinces):
            api.ingest(store, [f for f in files if f.name.startswith(f"{copy:03d}-")], province)
        held = counts(store)
        print(f"built: {len(files)} files in {len(provinces)} provinces loaded in {time.perf_counter() - start:.0f} s; "
              f"{held['Document']} documents, {held['Task']} tasks, {held['Agency']} agencies, {held['edges']} edges")
        return held


def page_time(data: Path, focus: Focus, out: Path) -> tuple[float, int]:
    """Best of 5 wall times of writing the page of ``focus`` (store open, after one run to warm up), and
    its node count."""
    with api.open_store("embedded", data) as store:
        shown = write(store, out, focus)
        return best_of(5, lambda: write(store, out, focus)), shown.number_of_nodes()


def whole_cascade(data: Path, out: Path, max_nodes: int) -> str:
    with api.open_store("embedded", data) as store:
        start = time.perf_counter()
        try:
            shown = write(store, out, Focus("36-NQ/TW"), max_nodes)
        except TooBig as refused:
            said = str(refused).splitlines()[0].split(": ")[0]  # "this focus holds at least N nodes (…), over …"
            return f"refused in {time.perf_counter() - start:.2f} s with how to narrow it ({said})"
        return f"written in {time.perf_counter() - start:.2f} s: {shown.number_of_nodes()} nodes"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provinces", type=int, default=30)
    parser.add_argument("--keep", type=Path, help="Keep the large store here (and reuse it next time).")
    parser.add_argument("--max-nodes", type=int, default=MAX_NODES)
    args = parser.parse_args()
    provinces = [p["name"] for p in provinces_2025()][: args.provinces]
    with recorded("graph_page"), tempfile.TemporaryDirectory(prefix="policykg-bench-graph-") as tmp:
        root = Path(tmp)
        large = args.keep or root / "large"
        held = build(large, root / "corpus-large", provinces)
        build(root / "small", root / "corpus-small", provinces[:1])
        print(f"large store: {len(provinces)} provinces, {held['Document']} documents, {held['Task']} tasks; "
              f"small store: 1 province ({provinces[0]})")
        for name, focus in (("a province's page", Focus(province=provinces[0])),
                            ("36-NQ/TW in one province", Focus("36-NQ/TW", province=provinces[0]))):
            big, nodes = page_time(large, focus, root / "large.html")
            small, same = page_time(root / "small", focus, root / "small.html")
            print(f"{name} (graph {focus.words()}): {nodes} nodes; large store {big:.2f} s, small store "
                  f"{small:.2f} s (best of 5); large / small = {big / small:.2f}; large / {BUDGET:g} s budget = "
                  f"{big / BUDGET:.2f}" + ("" if nodes == same else f" (small store page: {same} nodes)"))
        print(f"the whole 36-NQ/TW cascade on the large store (--max-nodes {args.max_nodes}): "
              + whole_cascade(large, root / "whole.html", args.max_nodes))


if __name__ == "__main__":
    main()
