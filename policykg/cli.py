"""The ``policykg`` command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from policykg import api, commands
from policykg.focus import MAX_NODES, Focus
from policykg.graph.errors import StoreError
from policykg.graph.export import FORMATS
from policykg.ingest.errors import IngestError
from policykg.options import clear_errors, focus_options, format_options, open_for, store_options
from policykg.table import emit


class _Group(click.Group):
    """Any store error in any command is one line (time limits, lost servers, credentials)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(package_name="policykg")
def main() -> None:
    """policykg: a knowledge graph of Vietnamese policy directives.

    Every command takes -h. Commands that use a store take --store embedded|neo4j (POLICYKG_STORE,
    default embedded) and --data-dir (POLICYKG_DATA_DIR, default ./policykg-data); Neo4j reads
    NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE. `policykg queries` lists the questions.
    """


for _command in commands.ALL:
    main.add_command(_command)


@main.command(epilog="\b\nExample:\n  policykg ingest ../shared/corpus/seeds ../shared/corpus/real")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--province", help="Province of these files (overrides what the text suggests).")
@click.option("--prune", is_flag=True, help="Also forget files the store knows under these folders that are gone.")
@click.option("--force", is_flag=True, help="Extract and load every file, also those unchanged since their last "
              "ingest.")
@click.option("--jobs", type=click.IntRange(min=1), help="Extraction processes (default: one per core).")
@store_options
def ingest(paths: tuple[str, ...], province: str | None, prune: bool, force: bool, jobs: int | None,
           store_name: str, data_dir: str) -> None:
    """Extract documents from files or folders, load and index them (extraction in parallel; each file in one
    transaction; a file loaded again replaces what it produced before; files unchanged since their last
    ingest are skipped; the store is created when missing)."""
    import time

    from policykg.pipeline import rate_label

    done = {"files": 0, "tasks": 0}
    started = time.monotonic()

    def rates(_: Any) -> str:
        return rate_label(started, done["files"], done["tasks"])

    with open_for(store_name, data_dir, create=True) as store:
        with click.progressbar(length=len(api.input_files(list(paths))[0]), label="ingesting", file=sys.stderr,
                               item_show_func=rates) as bar:
            def progress(_path: Path, tasks: int) -> None:
                done["files"] += 1
                done["tasks"] += tasks
                bar.update(1, _path)

            report = api.ingest(store, list(paths), province, progress=progress, prune=prune, force=force,
                                processes=jobs)
    _summary(report)


def _summary(report: api.IngestReport) -> None:
    t = report.totals
    for path in report.pruned:
        click.echo(f"forgot {path}: no longer there")
    unchanged = f" ({report.unchanged} unchanged since their last ingest, skipped)" if report.unchanged else ""
    click.echo(f"loaded {report.loaded} of {report.files} files{unchanged}: the store holds {report.tasks} tasks "
               f"and {report.targets} targets from them")
    click.echo(f"store holds {t['Document']} documents, {t['Task']} tasks, {t['Target']} targets, "
               f"{t['Agency']} agencies, {t['edges']} edges")
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for error in report.errors:
        click.echo(f"skipped: {error}", err=True)
    if report.errors:
        sys.exit(1)


@main.command(epilog="\b\nExample:\n  policykg cypher 'MATCH (d:Document {province: $p}) RETURN d.uid AS uid' "
                     "--param 'p=Lào Cai'")
@click.argument("query")
@click.option("--param", "params", multiple=True, help="k=v parameter (repeatable).")
@click.option("--timeout", type=click.FloatRange(min=0.001), default=api.CYPHER_TIMEOUT, show_default=True,
              envvar="POLICYKG_CYPHER_TIMEOUT", help="Seconds after which the server stops the query.")
@format_options
@store_options
def cypher(query: str, params: tuple[str, ...], timeout: float, fmt: str, wide: bool, store_name: str,
           data_dir: str) -> None:
    """Run a read-only Cypher QUERY (writes, LOAD CSV and procedures reaching files or the network are refused)."""
    values: dict[str, Any] = {}
    for p in params:
        key, sep, value = p.partition("=")
        if not sep:
            raise click.BadParameter(f"'{p}' is not k=v", param_hint="--param")
        try:
            values[key] = json.loads(value)
        except json.JSONDecodeError:
            values[key] = value
    with open_for(store_name, data_dir) as store:
        try:
            emit(api.cypher(store, query, values, timeout), fmt, wide=wide)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None


@main.command(epilog="\b\nExample:\n  policykg extract ../shared/corpus/seeds -o extracted/")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), help="Write one file per input here.")
def extract(paths: tuple[str, ...], fmt: str, out_dir: str | None) -> None:
    """Extract documents without a store, in the gold format (plus spans)."""
    files, errors = api.find_files([Path(p) for p in paths])
    for path in files:
        try:
            result = api.extract_file(path)
        except IngestError as exc:
            errors.append(exc)
            continue
        text = json.dumps(result, ensure_ascii=False, indent=None if fmt == "jsonl" else 2)
        if out_dir:
            Path(out_dir).mkdir(parents=True, exist_ok=True)
            (Path(out_dir) / f"{path.stem}.json").write_text(text + "\n", "utf-8")
        else:
            click.echo(text)
    for error in errors:
        click.echo(f"skipped: {error}", err=True)
    if errors:
        sys.exit(1)


@main.command(epilog="\b\nExamples:\n  policykg graph 36-NQ/TW -o cascade.html\n"
                     "  policykg graph --agency \"Sở Y tế\" --province \"Lào Cai\"\n"
                     "  policykg graph --province \"Lạng Sơn\"\n"
                     "  policykg graph --task \"Đầu tư xây dựng và phát triển các Trung tâm bảo tồn\"")
@click.argument("symbol", required=False)
@focus_options
@click.option("--max-nodes", type=click.IntRange(min=1), default=MAX_NODES, show_default=True,
              help="Refuse a focus holding more nodes, saying how to narrow it.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), default="policykg-graph.html",
              show_default=True, help="The page to write.")
@store_options
@clear_errors
def graph(symbol: str | None, year: str | None, agency: str | None, province: str | None, task: str | None,
          tasks: bool, max_nodes: int, out: str, store_name: str, data_dir: str) -> None:
    """Write an interactive page (one HTML file, works offline) of one focus: SYMBOL's cascade (a symbol or
    a document uid), an agency's tasks, a province, a task's trace, or the whole graph."""
    from policykg.graph_page import write

    with open_for(store_name, data_dir) as store:
        shown = write(store, Path(out), Focus(symbol, year, agency, province, task, tasks), max_nodes)
    click.echo(f"wrote {out}: {shown.number_of_nodes()} nodes, {shown.number_of_edges()} edges")


@main.command("export", epilog="\b\nExamples:\n  policykg export --format graphml -o policykg.graphml\n"
                               "  policykg export --format csv -o policykg-csv/\n"
                               "  policykg export --format json -o cascade.json --focus 36-NQ/TW")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="graphml (Gephi, yEd), json (node-link), csv (neo4j-admin import folder), cypher (MERGE script).")
@click.option("-o", "--output", "out", type=click.Path(), required=True, help="The file (a folder for csv).")
@click.option("--focus", "symbol", help="A directive's cascade (SYMBOL) instead of the whole store.")
@focus_options
@store_options
@clear_errors
def export(fmt: str, out: str, symbol: str | None, year: str | None, agency: str | None, province: str | None,
           task: str | None, tasks: bool, store_name: str, data_dir: str) -> None:
    """Export the whole store (all but its search index, which import rebuilds) or one focus (the nodes and
    edges `policykg graph` would show, with the same options) for other tools."""
    from policykg.focus import select
    from policykg.graph.export import neo4j_admin_command, to_networkx, write

    focus = Focus(symbol, year, agency, province, task, tasks)
    with open_for(store_name, data_dir) as store:
        whole = focus == Focus()
        shown = to_networkx(store, everything=True) if whole else select(store, focus, max_nodes=None)
    files = write(shown, fmt, Path(out))
    click.echo(f"exported {shown.number_of_nodes()} nodes, {shown.number_of_edges()} edges to {out} ({fmt})")
    if fmt == "csv":
        click.echo(f"load it into a new Neo4j database (server stopped), then `policykg reindex --store neo4j`:\n"
                   f"{neo4j_admin_command(files)}")


@main.command("import", epilog="\b\nExample:\n  policykg import policykg-csv/ --data-dir team-copy")
@click.argument("path", type=click.Path(exists=True))
@store_options
@clear_errors
def import_(path: str, store_name: str, data_dir: str) -> None:
    """Load a JSON or CSV export (of `policykg export`) into an empty store, search index rebuilt."""
    from policykg.graph.importer import load

    with open_for(store_name, data_dir, create=True) as store:
        made = load(store, Path(path))
    click.echo(f"imported {made['nodes']} nodes and {made['edges']} edges from {path}")


@main.command(epilog="\b\nExample:\n  policykg reindex --store neo4j")
@store_options
def reindex(store_name: str, data_dir: str) -> None:
    """Rebuild the search index from the text each node carries (after `neo4j-admin database import` of a
    CSV export, which holds no index)."""
    from policykg.graph.search_index import reindex as rebuild

    with open_for(store_name, data_dir) as store:
        rebuild(store)
        terms = store.read("MATCH (w:Term) RETURN count(w) AS n")[0]["n"]
    click.echo(f"search index rebuilt: {terms} words")


@main.command(epilog="\b\nExample:\n  policykg review ../shared/corpus/seeds/laocai-kh-55-kh-tu-36-nq-tw.txt")
@click.argument("path", type=click.Path())
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), default=None,
              help="The page to write (default: <file name>.review.html here).")
def review(path: str, out: str | None) -> None:
    """Write an HTML page showing a file's text with what was extracted highlighted."""
    from policykg.review import write

    source = Path(path)
    target = Path(out) if out else Path(f"{source.stem}.review.html")
    try:
        write(source, target)
    except IngestError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {target}")


@main.command(epilog="\b\nExample:\n  policykg eval --check")
@click.option("--gold", "gold_dir", default="../shared/gold", type=click.Path())
@click.option("--corpus", "corpus_dirs", multiple=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option("--check", is_flag=True, help="Exit with code 1 when a field is under its quality bar.")
def eval(gold_dir: str, corpus_dirs: tuple[str, ...], fmt: str, check: bool) -> None:  # noqa: A001
    """Score extraction against gold annotations (precision, recall, F1 per field)."""
    from policykg.ingest.evaluate import below_bars, evaluate

    dirs = [Path(d) for d in corpus_dirs] or [
        p for p in (Path("../shared/corpus/seeds"), Path("../shared/corpus/real"), Path("../shared/corpus/real-full"))
        if p.is_dir()
    ]
    if not Path(gold_dir).is_dir() or not dirs:
        raise click.ClickException(f"{gold_dir}: no gold folder or corpus folders to score")
    result = evaluate(Path(gold_dir), dirs)
    if fmt == "json":
        click.echo(json.dumps(result, indent=2))
    else:
        for corpus, table in result.items():
            click.echo(f"== {corpus}")
            click.echo(f"{'field':30s} {'P':>5s} {'R':>5s} {'F1':>5s}   tp   fp   fn")
            for name, v in table.items():
                click.echo(f"{name:30s} {v['precision']:5.2f} {v['recall']:5.2f} {v['f1']:5.2f} "
                           f"{v['tp']:4d} {v['fp']:4d} {v['fn']:4d}")
    if check:
        missing = below_bars(result)
        for line in missing:
            click.echo(f"under its bar: {line}", err=True)
        if missing:
            sys.exit(1)
        click.echo("every field meets its bar", err=True)


@main.command(epilog="\b\nExample:\n  policykg forget ../shared/corpus/real/real-28-haugiang-cv-994-ubnd-kgvx.txt")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@store_options
def forget(files: tuple[str, ...], store_name: str, data_dir: str) -> None:
    """Remove everything FILES produced from the store (the files may be gone)."""
    unknown = []
    with open_for(store_name, data_dir) as store:
        for file in files:
            removed = api.forget(store, file)
            if removed is None:
                unknown.append(file)
            else:
                click.echo(f"forgot {file}: {removed} documents removed")
    for file in unknown:
        click.echo(f"{file}: not in the store", err=True)
    if unknown:
        sys.exit(1)


@main.command(epilog="\b\nExample:\n  policykg reset --yes")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@store_options
def reset(yes: bool, store_name: str, data_dir: str) -> None:
    """Empty the store (extracted facts, the search index and users' status reports)."""
    if not yes:
        click.confirm(f"Delete everything in the {store_name} store?", abort=True)
    with open_for(store_name, data_dir) as store:
        store.write("MATCH (n) DETACH DELETE n")
    click.echo("store emptied")


@main.command(epilog="\b\nExample:\n  policykg demo")
@click.option("--data-dir", envvar="POLICYKG_DEMO_DIR", default="policykg-demo", show_default=True, show_envvar=True,
              help="The demo's own embedded store (never the store your commands use).")
def demo(data_dir: str) -> None:
    """Load the bundled sample corpus into a store of its own and show a short tour."""
    from policykg.graph_page import write

    with open_for("embedded", data_dir, create=True) as store:
        store.write("MATCH (n) DETACH DELETE n")
        report = api.ingest(store, [api.sample_corpus()])
        t = report.totals
        click.echo(f"Loaded {report.loaded} seed documents into {data_dir}: {t['Document']} documents, "
                   f"{t['Task']} tasks, {t['Agency']} agencies, {t['edges']} edges.\n")
        for line, rows, columns in _tour(store):
            click.echo(f"$ policykg {line}")
            emit(rows, "table", columns)
            click.echo()
        shown = write(store, Path("policykg-graph.html"), Focus("36-NQ/TW"))
        click.echo(f"$ policykg graph 36-NQ/TW\nwrote policykg-graph.html: {shown.number_of_nodes()} nodes, "
                   f"{shown.number_of_edges()} edges (open it in a browser)")
        click.echo(f"\nTry the same commands with --data-dir {data_dir}; `policykg queries` lists every question.")


def _tour(store: Any) -> list[tuple[str, list[dict[str, Any]], list[str]]]:
    task = "Đầu tư xây dựng và phát triển các Trung tâm bảo tồn"
    chain = api.trace(store, task)[0]["chain"]
    return [
        ("cascade 36-NQ/TW", api.cascade(store, "36-NQ/TW"), ["document", "link", "depth", "tasks", "chain"]),
        (f'trace "{task}"', chain, ["relation", "to", "line"]),
        ('owns "So Y te" --province "lao cai" --role lead   # first 3 rows',
         api.owns(store, "So Y te", "lao cai", "lead")[:3], ["path", "task", "uid"]),
        ('current-owner --agency "Sở Kế hoạch và Đầu tư" --province "Lạng Sơn"',
         api.current_owner(store, agency="Sở Kế hoạch và Đầu tư", province="Lạng Sơn"),
         ["agency", "owner", "decided_by"]),
    ]
