"""Rewrite the README's generated blocks and pictures: the command table (from the query headers), the
demo's output, the graph page's size limit, the export to neo4j-admin, the last `make bench-graph`
output (kept in benchmarks/output/graph_page.txt), the last `make bench-national` tables
(benchmarks/output/national.txt) and docs/graph.png (the page of 36-NQ/TW after
seeds + real, in headless Chromium).

Run from the checkout: ``.venv/bin/python tools/update_readme.py`` (commands run in a temporary folder;
``--no-demo`` skips everything that runs the program, leaving those blocks as they are).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policykg.commands import table_of_commands  # noqa: E402

POLICYKG = str(ROOT / ".venv" / "bin" / "policykg")
ENV = {"COLUMNS": "100", "PATH": "/usr/bin:/bin"}
REAL = next((p for p in (ROOT.parent / "shared" / "corpus" / "real", Path("/work/shared/corpus/real"))
             if p.is_dir()), None)
BENCH_GRAPH = ROOT / "benchmarks" / "output" / "graph_page.txt"
BENCH_NATIONAL = ROOT / "benchmarks" / "output" / "national.txt"
BENCH_STORE = ROOT / "benchmarks" / "output" / "store_resilience.txt"
BULK_LOAD = [  # the console session around the export's output: a first load on a team server
    "$ policykg ingest corpus/ --data-dir national            # locally, into the embedded store",
    "$ policykg export --format csv -o policykg-csv/ --data-dir national",
    "$ neo4j stop                                               # on the server; then the printed command",
    "$ neo4j-admin database import full neo4j …                 # as printed above, with the files on the server",
    "$ neo4j start",
    "$ policykg reindex --store neo4j                           # the constraints and the search index",
]


def run(*words: str, cwd: str, ok: bool = True) -> str:
    """What `policykg WORDS` prints (stdout, then stderr), the folder shown as `.`."""
    done = subprocess.run([POLICYKG, *words], cwd=cwd, capture_output=True, text=True, env=ENV)
    if ok and done.returncode != 0:
        raise SystemExit(f"policykg {' '.join(words)} failed: {done.stderr.strip()}")
    return (done.stdout + done.stderr).replace(cwd + "/", "").replace(cwd, ".").rstrip()


def demo_output() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        return run("demo", cwd=tmp)


def corpus_blocks(tmp: str) -> dict[str, str]:
    """Blocks printed on a store of seeds + the shared real corpus."""
    if REAL is None:
        raise SystemExit("the shared real corpus (../shared/corpus/real) is missing: the figures need it")
    data = ["--data-dir", "data"]
    run("ingest", str(ROOT / "corpus" / "seeds"), str(REAL), *data, cwd=tmp)
    limit = run("graph", "36-NQ/TW", "--max-nodes", "100", *data, cwd=tmp, ok=False)
    pages = [run("graph", *words, "-o", name, *data, cwd=tmp) for name, words in (
        ("cascade.html", ["36-NQ/TW"]), ("agency.html", ["--agency", "Sở Y tế", "--province", "Lào Cai"]),
        ("province.html", ["--province", "Lạng Sơn"]))]
    export = run("export", "--format", "csv", "-o", "policykg-csv/", *data, cwd=tmp)
    screenshot(Path(tmp) / "cascade.html")
    return {
        "graph-limit": f"```text\n$ policykg graph 36-NQ/TW --max-nodes 100\n{limit}\n```",
        "graph-pages": "```text\n" + "\n".join(f"$ policykg graph {w}\n{p}" for w, p in zip(
            ('36-NQ/TW -o cascade.html', '--agency "Sở Y tế" --province "Lào Cai" -o agency.html',
             '--province "Lạng Sơn" -o province.html'), pages)) + "\n```",
        "export-csv": "\n".join(["```console", *BULK_LOAD[:2], export, *BULK_LOAD[2:], "```"]),
    }


def screenshot(page: Path) -> None:
    """docs/graph.png: the page at its opening view in a 1600 x 1000 window (Debian's chromium)."""
    from tests.browser import Browser

    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        raise SystemExit("chromium is missing (make browser installs it): docs/graph.png needs it")
    browser = Browser(binary)
    try:
        browser.open(page.as_uri(), settle=1.5)
        browser.screenshot(ROOT / "docs" / "graph.png")
    finally:
        browser.close()


SHARED = next((p for p in (ROOT.parent / "shared", Path("/work/shared")) if (p / "gold").is_dir()), None)
EVAL_ROWS = [  # README row -> the scorer's fields
    ("document symbol / doc_type / issuer", ["document.symbol", "document.doc_type", "document.issuer"]),
    ("document province / issued_date / signer", ["document.province", "document.issued_date", "document.signer"]),
    ("references symbol / symbol+relation", ["references.symbol", "references.symbol+relation"]),
    ("links", ["links"]),
    ("tasks", ["tasks"]),
    ("lead / coordinators / monitor", ["assign.lead", "assign.coordinators", "assign.monitor"]),
    ("deadline / timeframe", ["task.deadline", "task.timeframe"]),
    ("product / funding", ["task.product", "task.funding"]),
    ("specific agencies", ["agencies.specific"]),
]


def eval_table() -> str:
    """Extraction F1 on the shared corpora and on the synthetic class documents, from `evaluate`."""
    from policykg.ingest.evaluate import evaluate

    assert SHARED is not None, "../shared is needed for the eval table"
    columns = [("seeds", SHARED / "gold", SHARED / "corpus" / "seeds"),
               ("real (beginnings)", SHARED / "gold", SHARED / "corpus" / "real"),
               ("real-full", SHARED / "gold", SHARED / "corpus" / "real-full"),
               ("synthetic classes", ROOT / "tests" / "data" / "classes", ROOT / "tests" / "data" / "classes")]
    scores = {name: next(iter(evaluate(gold, [corpus]).values())) for name, gold, corpus in columns}

    def cell(name: str, fields: list[str]) -> str:
        got = [scores[name].get(f) for f in fields]
        if all(g is None or g["tp"] + g["fp"] + g["fn"] == 0 for g in got):
            return "–"
        return " / ".join("–" if g is None else f"{g['f1']:.2f}" for g in got)

    lines = ["| field (F1) | " + " | ".join(name for name, _, _ in columns) + " |",
             "|---|" + "---|" * len(columns)]
    lines += [f"| {label} | " + " | ".join(cell(name, fields) for name, _, _ in columns) + " |"
              for label, fields in EVAL_ROWS]
    tasks = [scores[name].get("tasks") for name, _, _ in columns]
    lines.append("| gold tasks | " + " | ".join(str(t["tp"] + t["fn"]) if t else "–" for t in tasks) + " |")
    return "\n".join(lines)


def test_figures() -> str:
    """How many tests each file of the suite holds (pytest's collection, not typed by hand)."""
    out = subprocess.run([str(ROOT / ".venv" / "bin" / "pytest"), "--collect-only", "-q"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    per_file: dict[str, int] = {}
    for line in out.splitlines():
        if "::" in line:
            name = line.split("::", 1)[0]
            per_file[name] = per_file.get(name, 0) + 1
    rows = ["| test file | tests |", "|---|---|", *(f"| `{n}` | {c} |" for n, c in sorted(per_file.items()))]
    return "\n".join([*rows, f"| all | {sum(per_file.values())} |"])


def replace(text: str, name: str, body: str) -> str:
    pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
    if not pattern.search(text):
        raise SystemExit(f"README.md has no {name} block")
    return pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), text)


def main() -> None:
    readme = ROOT / "README.md"
    text = replace(readme.read_text("utf-8"), "commands", table_of_commands())
    if BENCH_NATIONAL.exists():  # markdown tables, as printed
        text = replace(text, "national", BENCH_NATIONAL.read_text("utf-8").rstrip())
    if "--no-demo" not in sys.argv:
        text = replace(text, "demo", f"```text\n{demo_output()}\n```")
        with tempfile.TemporaryDirectory() as tmp:
            for name, body in corpus_blocks(tmp).items():
                text = replace(text, name, body)
    if SHARED is not None:
        text = replace(text, "eval", eval_table())
        text = replace(text, "figures", test_figures())
    if BENCH_STORE.exists():
        text = replace(text, "bench-store", f"```text\n{BENCH_STORE.read_text('utf-8').rstrip()}\n```")
    if BENCH_GRAPH.exists():
        text = replace(text, "bench-graph", f"```text\n{BENCH_GRAPH.read_text('utf-8').rstrip()}\n```")
    readme.write_text(text, "utf-8")


if __name__ == "__main__":
    main()
