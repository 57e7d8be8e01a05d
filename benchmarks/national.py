"""National scale: a synthetic national corpus (benchmarks/national_corpus.py) at 1/8, 1/4, 1/2 and 1,
extracted and loaded on both stores, and every query module timed on it. Run with `make bench-national`.

For each scale: extraction alone (worker processes, all cores); loading the extracted rows alone into
a fresh embedded store and a fresh Neo4j 5.26 (batches, then the ingest's last steps); `policykg ingest`
of the folder into a fresh embedded store as a command (extract and load together, start and stop
included) with the peak memory of its processes (policykg, its workers, the embedded server); the
same command again on the unchanged corpus. At the smallest scale: a sample of documents of every
layout is checked against the tasks the generator wrote (text, lead, partners), and the batched loader
is compared with a deliberately naive one (one transaction per row) on both stores. At the largest
scale: every query module over 100 random parameters in-process on both stores (p50, p95, max), and
as `policykg` commands (wall time, 10 runs each). Prints the table and the ratios; ``--readme`` also
writes them into README.md.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import ROOT
from national_corpus import DIRECTIVES, LAYOUTS, Document, province_names, write

sys.path.insert(0, str(ROOT))

from policykg.graph.load import Prepared, load_files  # noqa: E402
from policykg.graph.stores import Store, open_store  # noqa: E402

from policykg import api, pipeline  # noqa: E402

SCALES = {"1/8": 1 / 8, "1/4": 1 / 4, "1/2": 1 / 2, "1": 1.0}
# Loads, ingests and query rounds are each run this many times and the fastest counts: the machine's cores
# are shared and its speed drifts by up to 2x over minutes (a pure-Python loop takes 250 to 530 ms).
ROUNDS = 2
QUERY_ROUNDS = 3  # rounds of in-process query timings (a minute or so each): the lower median counts
POLICYKG = [sys.executable, "-m", "policykg"]
PAGE = Path(tempfile.gettempdir()) / "policykg-national-page.html"  # the `graph` command's output, overwritten
RESULTS = ROOT / "benchmarks" / "output" / "national.txt"  # the last run's table, which README.md shows


# Measuring ------------------------------------------------------------------------------------------------

def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    todo, total = [pid], 0
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += children.get(p, [])
    return total


def command(args: list[str], env: dict[str, str] | None = None, memory: bool = True) -> tuple[float, int, str]:
    """Wall time, peak memory of the process tree (bytes; without ``memory``, 0: reading /proc would
    slow a short command) and output of a policykg command."""
    start = time.perf_counter()
    warm = {"POLICYKG_KEEP_WARM": os.environ.get("POLICYKG_KEEP_WARM", "30")}  # as users run them
    proc = subprocess.Popen(POLICYKG + args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, **warm, **(env or {})})
    peak = 0
    while memory and proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.05)
    out = proc.communicate()[0]
    if proc.returncode != 0 and not (proc.returncode == 1 and out.startswith("Error: ")):  # a refused name: timed
        raise RuntimeError(f"policykg {' '.join(args)} failed:\n{out[-2000:]}")
    return time.perf_counter() - start, peak, out


def timed(job: Callable[[], Any]) -> float:
    start = time.perf_counter()
    job()
    return time.perf_counter() - start


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}" if seconds >= 0.01 else f"{seconds * 1000:.1f}"


# Loading -------------------------------------------------------------------------------------------------

def extract(files: list[Path]) -> tuple[float, list[Prepared]]:
    start = time.perf_counter()
    items = [r for r in pipeline._results(files, None, pipeline.workers()) if isinstance(r, Prepared)]
    return time.perf_counter() - start, items


def load_batched(store: Store, items: list[Prepared]) -> None:
    batcher = pipeline.Batcher(store)
    for item in items:
        batcher.add(item)
    batcher.flush()
    api.finish_ingest(store)


def load_per_row(store: Store, items: list[Prepared]) -> None:
    """The naive loader: every row of every statement sent alone, in a transaction of its own."""
    for item in items:
        captured: list[tuple[str, dict[str, Any]]] = []
        real = store.write_many
        store.write_many = captured.extend  # type: ignore[method-assign]
        try:
            load_files(store, [item])
        finally:
            store.write_many = real  # type: ignore[method-assign]
        for query, params in captured:
            key = "rows" if "rows" in params else "uids" if "uids" in params else None
            for row in (params[key] if key else [None]):
                store.write(query, {**params, key: [row]} if key else params)
    api.finish_ingest(store)


def fresh(name: str, data: Path) -> Store:
    """An empty store; Neo4j's is emptied in slices (one transaction holding a national graph's deletions
    passes its transaction memory limit)."""
    store = open_store(name, data)
    for statement in ("MATCH ()-[r]->() WITH r LIMIT 20000 DELETE r RETURN count(*) AS n",  # a word has 10⁴ edges
                      "MATCH (n) WITH n LIMIT 20000 DELETE n RETURN count(*) AS n"):
        while store.write(statement)[0]["n"]:
            pass
    return store


def load_into(name: str, data: Path, items: list[Prepared], loader: Callable[[Store, list[Prepared]], None]) -> float:
    store = fresh(name, data)
    try:
        return timed(lambda: loader(store, items))
    finally:
        store.close()


# Checks ---------------------------------------------------------------------------------------------------

def recovery(docs: list[Document], per_layout: int = 3) -> tuple[int, int, int]:
    """Documents sampled, tasks generated in them, tasks extracted with the generated text, lead and partners."""
    from policykg.ingest.extract import extract_text

    rng = random.Random(11)
    sample = [d for layout in LAYOUTS for d in rng.sample([d for d in docs if d.layout == layout],
                                                              min(per_layout, sum(d.layout == layout for d in docs)))]
    generated = recovered = 0
    for doc in sample:
        got = {e["text"].lower(): e for e in extract_text(doc.text, doc.name)["tasks"]}
        for task in doc.tasks:
            generated += 1
            hit = next((e for text, e in got.items() if task.text.lower() in text), None)
            recovered += bool(hit and hit["lead"] == task.lead and hit["coordinators"] == task.partners)
    return len(sample), generated, recovered


# Questions ------------------------------------------------------------------------------------------------

Question = tuple[Callable[[Store], Any], list[str]]


def _tasks(docs: list[Document]) -> list[tuple[str, str | None, list[str]]]:
    return [(t.text, d.province, t.lead) for d in docs for t in d.tasks if d.province]


def draw(module: str, docs: list[Document], rng: random.Random) -> Question:
    """One random question of a query module, as a user would ask it: an API call and the command."""
    provinces = province_names()
    p = rng.choice(provinces)
    text, tp, leads = rng.choice(_tasks(docs))
    symbol = rng.choice([d.symbol for d in DIRECTIVES] + [d.government for d in DIRECTIVES])
    words = text.split()
    start = rng.randrange(0, len(words) - 3)
    phrase = " ".join(words[start:start + 3])
    day = f"20{rng.randint(25, 28)}-{rng.randint(1, 12):02d}-15"
    table: dict[str, Question] = {
        "agencies": (lambda s: api.agencies(s, p), ["agencies", "--province", p]),
        "cascade": (lambda s: api.cascade(s, symbol), ["cascade", symbol]),
        "coverage": (lambda s: api.coverage(s, symbol), ["coverage", symbol]),
        "current_owner": (lambda s: api.current_owner(s, agency=leads[0], province=tp),
                          ["current-owner", "--agency", leads[0], "--province", str(tp)]),
        "deadlines": (lambda s: api.deadlines(s, day, province=p), ["deadlines", "--as-of", day, "--province", p]),
        "documents": (lambda s: api.documents(s, p), ["documents", "--province", p]),
        "matrix": (lambda s: api.matrix(s, p), ["matrix", "--province", p]),
        "network": (lambda s: api.network(s, p), ["network", "--province", p]),
        "owns": (lambda s: api.owns(s, leads[0], tp), ["owns", leads[0], "--province", str(tp)]),
        "provinces": (lambda s: api.provinces(s), ["provinces"]),
        "search": (lambda s: api.search(s, phrase), ["search", phrase]),
        "stats": (lambda s: api.stats(s), ["stats"]),
        "subgraph": (lambda s: api.subgraph(s, agency=leads[0], province=tp),
                     ["graph", "--agency", leads[0], "--province", str(tp), "-o", str(PAGE)]),
        "trace": (lambda s: api.trace(s, text, tp), ["trace", text, "--province", str(tp)]),
        "unassigned": (lambda s: api.unassigned(s, p), ["unassigned", "--province", p]),
    }
    return table[module]


def latencies(store: Store, docs: list[Document], runs: int = 100) -> dict[str, list[float]]:
    """Each module's times over ``runs`` random questions, in QUERY_ROUNDS rounds a minute or so apart: the
    round with the lowest median counts (this machine's cores are shared, and its speed drifts by up to
    2× over minutes, the same for every module)."""
    from policykg.queries.runner import names

    rounds: list[dict[str, list[float]]] = []
    for _ in range(QUERY_ROUNDS):
        out: dict[str, list[float]] = {}
        for module in names():
            rng = random.Random(module)
            questions = [draw(module, docs, rng) for _ in range(runs)]
            _ask(questions[0][0], store)  # caches warm (names, the lexicon)
            out[module] = [timed(lambda q=q: _ask(q[0], store)) for q in questions]
        rounds.append(out)
    return {module: min((r[module] for r in rounds), key=statistics.median) for module in rounds[0]}


UNANSWERED: dict[str, int] = {}  # questions a module refused (a name it did not find): timed all the same


def _ask(question: Callable[[Store], Any], store: Store) -> None:
    from policykg.names import InputError

    try:
        question(store)
    except InputError as exc:
        UNANSWERED[str(exc).split(":")[0][:60]] = UNANSWERED.get(str(exc).split(":")[0][:60], 0) + 1


def command_latencies(data: Path, docs: list[Document], runs: int = 10) -> dict[str, list[float]]:
    from policykg.queries.runner import names

    out: dict[str, list[float]] = {}
    for module in names():
        rng = random.Random(module)
        asked = [draw(module, docs, rng)[1] for _ in range(runs)]
        out[module] = [command(args + ["--data-dir", str(data)] + (["--format", "json"] if args[0] != "graph" else []),
                               memory=False)[0] for args in asked]
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


# The run --------------------------------------------------------------------------------------------------

def run_scale(label: str, root: Path, neo4j: bool) -> dict[str, Any]:
    slug = label.replace("/", "_")
    folder = root / f"corpus-{slug}"
    docs = write(folder, SCALES[label])
    files = sorted(folder.iterdir())
    row: dict[str, Any] = {"scale": label, "docs": docs, "files": len(files), "tasks": sum(len(d.tasks) for d in docs),
                           "mb": sum(f.stat().st_size for f in files) / 1e6}
    row["extract"], items = extract(files)
    row["load_embedded"] = min(load_into("embedded", root / f"load-{slug}-{run}", items, load_batched)
                               for run in range(ROUNDS))
    row["load_neo4j"] = min(load_into("neo4j", root, items, load_batched) for run in range(ROUNDS)) if neo4j else None
    del items
    row["data"] = root / f"ingest-{slug}"
    ingests = [command(["ingest", str(folder), "--data-dir", str(row["data"] if run == 0 else root / f"again-{slug}")])
               for run in range(ROUNDS)]
    row["ingest"], row["peak"], out = min(i[0] for i in ingests), max(i[1] for i in ingests), ingests[0][2]
    row["stored_tasks"] = int(re.search(r"store holds \d+ documents, (\d+) tasks", out).group(1))  # type: ignore[union-attr]
    row["reingest"] = command(["ingest", str(folder), "--data-dir", str(row["data"])])[0]
    print(f"  {label}: {row['files']} files, {row['tasks']} tasks, extract {row['extract']:.1f} s, load embedded "
          f"{row['load_embedded']:.1f} s, Neo4j {_seconds(row['load_neo4j'])}, ingest {row['ingest']:.1f} s, "
          f"re-ingest {row['reingest']:.1f} s, peak {row['peak'] / 2**20:,.0f} MB", file=sys.stderr)
    return row


def per_row_ratio(root: Path, files: list[Path], neo4j: bool) -> dict[str, tuple[float, float]]:
    """Batched and per-row load times of the same files, per store. The batched load takes a second or
    two: the best of three runs, so that it is not timed while Neo4j's JVM is still warming up (or
    collecting the garbage of the loads before); the per-row load (a minute) is timed once."""
    _, items = extract(files)
    out = {}
    for name in ["embedded"] + (["neo4j"] if neo4j else []):
        batched = min(load_into(name, root / f"batched-{name}-{run}", items, load_batched) for run in range(3))
        naive = load_into(name, root / f"per-row-{name}", items, load_per_row)
        out[name] = (batched, naive)
    return out


def start_neo4j() -> Any:
    """A Neo4j 5.26 server of the tests' launcher (unless NEO4J_URI names one); returns its process."""
    if os.environ.get("NEO4J_URI"):
        return None
    from tests.conftest import NEO4J_PASSWORD, _start_neo4j

    proc, uri = _start_neo4j(heap="3g")
    os.environ.update({"NEO4J_URI": uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": NEO4J_PASSWORD})
    return proc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default=",".join(SCALES), help="comma-separated, from " + ", ".join(SCALES))
    parser.add_argument("--no-neo4j", action="store_true", help="embedded store only")
    parser.add_argument("--readme", action="store_true",
                        help="also write the table into README.md (tools/update_readme.py reads RESULTS)")
    args = parser.parse_args()
    neo4j = not args.no_neo4j
    server = start_neo4j() if neo4j else None
    try:
        with tempfile.TemporaryDirectory(prefix="policykg-national-") as tmp:
            root = Path(tmp)
            rows = [run_scale(label, root, neo4j) for label in args.scales.split(",")]
            small, large = rows[0], rows[-1]
            sample = recovery(large["docs"])
            queries = query_table(large, root, neo4j)  # before the per-row loads empty Neo4j
            naive = per_row_ratio(root, sorted((root / f"corpus-{small['scale'].replace('/', '_')}").iterdir())[:40],
                                  neo4j)
            text = report(rows, sample, naive, queries)
    finally:
        if server is not None and server.stdin is not None:
            server.stdin.close()
            server.wait(timeout=120)
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(f"Scales run: {args.scales}{'' if neo4j else ' (embedded store only)'}.\n\n{text}\n", "utf-8")
    if args.readme:
        subprocess.run([sys.executable, str(ROOT / "tools" / "update_readme.py"), "--no-demo"], check=True)


def query_table(large: dict[str, Any], root: Path, neo4j: bool) -> dict[str, dict[str, list[float]]]:
    out: dict[str, dict[str, list[float]]] = {}
    # The benchmark holds the generated corpus (about 250,000 objects), which a user's process does not:
    # frozen, so that the collector's full passes during the timings do not walk it.
    gc.freeze()
    with open_store("embedded", large["data"]) as store:
        out["embedded"] = latencies(store, large["docs"])
    out["command"] = command_latencies(large["data"], large["docs"])
    if neo4j:
        with open_store("neo4j") as store:  # loaded by run_scale at this scale
            out["neo4j"] = latencies(store, large["docs"])
    return out


def _seconds(v: float | None) -> str:
    return "–" if v is None else f"{v:,.1f} s"


def load_lines(rows: list[dict[str, Any]]) -> list[str]:
    lines = [f"National corpus: {len(province_names())} provinces × {len(DIRECTIVES)} directives, "
             f"{pipeline.workers()} cores (shared with other work); `policykg ingest` is the command on a fresh "
             f"embedded store, start and stop included. Loads and ingests: the faster of {ROUNDS} runs (peak memory: "
             "the larger).", "",
             "| scale | files | MB | tasks | extract | load, embedded | load, Neo4j | Neo4j ÷ embedded | "
             "`policykg ingest` | µs per task | re-ingest, unchanged | peak memory |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        ratio = f"{r['load_neo4j'] / r['load_embedded']:.1f}" if r["load_neo4j"] else "–"
        per_task = r["ingest"] / r["stored_tasks"] * 1e6
        lines.append(f"| {r['scale']} | {r['files']:,} | {r['mb']:.1f} | {r['stored_tasks']:,} | "
                     f"{_seconds(r['extract'])} | {_seconds(r['load_embedded'])} | {_seconds(r['load_neo4j'])} | "
                     f"{ratio} | {_seconds(r['ingest'])} | {per_task:,.0f} | {_seconds(r['reingest'])} | "
                     f"{r['peak'] / 2**20:,.0f} MB |")
    return lines


def ratio_lines(rows: list[dict[str, Any]], sample: tuple[int, int, int],
                naive: dict[str, tuple[float, float]]) -> list[str]:
    small, large = rows[0], rows[-1]

    def per_task(key: str) -> float:
        return (large[key] / large["stored_tasks"]) / (small[key] / small["stored_tasks"])

    lines = [f"- time per task, {large['scale']} ÷ {small['scale']}: {per_task('ingest'):.2f} (`policykg ingest`), "
             f"{per_task('load_embedded'):.2f} (load alone, embedded)"]
    if large["load_neo4j"]:
        neo = large["load_neo4j"] / large["load_embedded"]
        lines.append(f"- Neo4j load ÷ embedded load at {large['scale']}: {neo:.2f}")
    lines.append(f"- batched (best of 3) ÷ per-row loader (speed-up on the first 40 files of {small['scale']}): "
                 + ", ".join(f"{name} {n / b:.0f}× ({b:.1f} s against {n:.1f} s)" for name, (b, n) in naive.items()))
    lines.append(f"- re-ingest of the unchanged corpus ÷ first ingest at {large['scale']}: "
                 f"{large['reingest'] / large['ingest']:.3f} ({large['reingest']:.1f} s)")
    docs, generated, recovered = sample
    lines.append(f"- extraction recovers {recovered:,} of {generated:,} generated tasks ({recovered / generated:.1%}) "
                 f"with their text, lead and partners, on {docs} sampled documents of every layout")
    return lines


def query_lines(large: dict[str, Any], queries: dict[str, dict[str, list[float]]]) -> list[str]:
    lines = [f"Query modules at {large['scale']} ({large['stored_tasks']:,} tasks), milliseconds: in-process over "
             f"100 random parameters (of {QUERY_ROUNDS} rounds, the one with the lower median), and as `policykg` "
             "commands (10 runs, wall time).", "",
             "| module | p50 | p95 | max | Neo4j p95 | command p50 | command max |", "|---|---|---|---|---|---|---|"]
    for module, values in queries["embedded"].items():
        neo = ms(p95(queries["neo4j"][module])) if "neo4j" in queries else "–"
        cmd = queries["command"][module]
        lines.append(f"| {module} | {ms(statistics.median(values))} | {ms(p95(values))} | {ms(max(values))} | {neo} | "
                     f"{ms(statistics.median(cmd))} | {ms(max(cmd))} |")
    return lines


def report(rows: list[dict[str, Any]], sample: tuple[int, int, int], naive: dict[str, tuple[float, float]],
           queries: dict[str, dict[str, list[float]]]) -> str:
    refused = [f"- questions refused (timed all the same): {sum(UNANSWERED.values())}, e.g. "
               + "; ".join(list(UNANSWERED)[:3])] if UNANSWERED else []
    return "\n".join([*load_lines(rows), "", *ratio_lines(rows, sample, naive), *refused, "",
                      *query_lines(rows[-1], queries)])


if __name__ == "__main__":
    main()
