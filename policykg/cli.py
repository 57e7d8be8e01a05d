"""The ``policykg`` command line."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import click

from graph.errors import StoreError
from graph.stores import STORE_NAMES, Store, open_store
from ingest.errors import IngestError
from policykg import api

FORMATS = click.Choice(["table", "json", "csv"])


def _store_option(f: Any) -> Any:
    f = click.option("--data-dir", envvar="POLICYKG_DATA_DIR", default="policykg-data",
                     help="Embedded store's data directory.")(f)
    return click.option("--store", "store_name", envvar="POLICYKG_STORE", default="embedded",
                        help=f"Graph store: {' or '.join(STORE_NAMES)}.")(f)


def _open(store_name: str, data_dir: str) -> Store:
    try:
        return open_store(store_name, data_dir)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


def _emit(rows: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    if not rows:
        click.echo("(no rows)" if fmt == "table" else "")
        return
    columns = list(rows[0])
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                             for k, v in row.items()})
        click.echo(out.getvalue(), nl=False)
        return
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [min(60, max(len(c), *(len(r[i]) for r in cells))) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
    for r in cells:
        click.echo("  ".join(v[:w].ljust(w) for v, w in zip(r, widths)))


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    return " ".join(str(value).split())


class _Group(click.Group):
    """Any store error in any command is one line (time limits, lost servers, credentials)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=_Group)
@click.version_option(package_name="policykg")
def main() -> None:
    """policykg: a knowledge graph of Vietnamese policy directives."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--province", help="Province of these files (overrides what the text suggests).")
@click.option("--prune", is_flag=True, help="Also forget files the store knows under these folders that are gone.")
@_store_option
def ingest(paths: tuple[str, ...], province: str | None, prune: bool, store_name: str, data_dir: str) -> None:
    """Extract documents from files or folders and load them into the store (each file in one
    transaction; a file loaded again replaces what it produced before)."""
    with _open(store_name, data_dir) as store:
        with click.progressbar(length=len(api.input_files(list(paths))[0]),
                               label="ingesting", file=sys.stderr) as bar:
            report = api.ingest(store, list(paths), province, progress=lambda _p: bar.update(1), prune=prune)
    t = report.totals
    for path in report.pruned:
        click.echo(f"forgot {path}: no longer there")
    click.echo(f"loaded {report.loaded} of {report.files} files: the store holds {report.tasks} tasks and "
               f"{report.targets} targets from them")
    click.echo(f"store holds {t['Document']} documents, {t['Task']} tasks, {t['Target']} targets, "
               f"{t['Agency']} agencies, {t['edges']} edges")
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for error in report.errors:
        click.echo(f"skipped: {error}", err=True)
    if report.errors:
        sys.exit(1)


@main.command()
@click.argument("symbol")
@click.option("--year", help="Year of the directive (36-NQ/TW names resolutions of 2004, 2018, 2023).")
@click.option("--format", "fmt", type=FORMATS, default="table")
@_store_option
def cascade(symbol: str, year: str | None, fmt: str, store_name: str, data_dir: str) -> None:
    """Every document that implements SYMBOL, directly or transitively."""
    with _open(store_name, data_dir) as store:
        _emit(api.cascade(store, symbol, year), fmt)


@main.command()
@click.argument("task")
@click.option("--format", "fmt", type=FORMATS, default="table")
@_store_option
def trace(task: str, fmt: str, store_name: str, data_dir: str) -> None:
    """Chain from TASK (a task uid or words of its text) up to the root directive(s)."""
    with _open(store_name, data_dir) as store:
        chains = api.trace(store, task)
    if not chains:
        raise click.ClickException(f"no task matches '{task}'")
    if fmt != "table":
        _emit(chains, fmt)
        return
    for chain in chains:
        click.echo(f"== root {chain['root']} ({chain['steps']} steps)")
        for step in chain["chain"]:
            click.echo(f"  {step['from']} -[{step['relation']}]-> {step['to']}")
            click.echo(f"      \u201c{_cell(step['quote'])[:160]}\u201d")


@main.command()
@click.argument("agency")
@click.option("--province", help="Province of the agency (Sở Y tế of Lào Cai is not that of Lạng Sơn).")
@click.option("--role", type=click.Choice(["lead", "partner", "monitor"]))
@click.option("--format", "fmt", type=FORMATS, default="table")
@_store_option
def owns(agency: str, province: str | None, role: str | None, fmt: str, store_name: str, data_dir: str) -> None:
    """Tasks AGENCY leads, partners or monitors."""
    with _open(store_name, data_dir) as store:
        _emit(api.owns(store, agency, province, role), fmt)


@main.command()
@click.argument("query")
@click.option("--param", "params", multiple=True, help="k=v parameter (repeatable).")
@click.option("--timeout", type=click.FloatRange(min=0.001), default=api.CYPHER_TIMEOUT, show_default=True,
              envvar="POLICYKG_CYPHER_TIMEOUT", help="Seconds after which the server stops the query.")
@click.option("--format", "fmt", type=FORMATS, default="table")
@_store_option
def cypher(query: str, params: tuple[str, ...], timeout: float, fmt: str, store_name: str, data_dir: str) -> None:
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
    with _open(store_name, data_dir) as store:
        try:
            _emit(api.cypher(store, query, values, timeout), fmt)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None


@main.command()
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


@main.command()
@click.argument("symbol", required=False)
@click.option("--year", help="Year of the directive, when its symbol names several.")
@click.option("--tasks/--no-tasks", default=True,
              help="Show tasks, targets and their agencies (default) or documents only.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), default="policykg-graph.html",
              show_default=True, help="The page to write.")
@_store_option
def graph(symbol: str | None, year: str | None, tasks: bool, out: str, store_name: str, data_dir: str) -> None:
    """Write an interactive graph page: SYMBOL's cascade, or the whole graph."""
    from policykg.graph_page import NotStored, write

    with _open(store_name, data_dir) as store:
        try:
            shown = write(store, Path(out), symbol, year, tasks)
        except NotStored as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {out}: {shown.number_of_nodes()} nodes, {shown.number_of_edges()} edges")


@main.command()
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


@main.command()
@click.option("--gold", "gold_dir", default="../shared/gold", type=click.Path())
@click.option("--corpus", "corpus_dirs", multiple=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option("--check", is_flag=True, help="Exit with code 1 when a field is under its quality bar.")
def eval(gold_dir: str, corpus_dirs: tuple[str, ...], fmt: str, check: bool) -> None:  # noqa: A001
    """Score extraction against gold annotations (precision, recall, F1 per field)."""
    from ingest.evaluate import below_bars, evaluate

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


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@_store_option
def forget(files: tuple[str, ...], store_name: str, data_dir: str) -> None:
    """Remove everything FILES produced from the store (the files may be gone)."""
    unknown = []
    with _open(store_name, data_dir) as store:
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


@main.command()
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@_store_option
def reset(yes: bool, store_name: str, data_dir: str) -> None:
    """Empty the store."""
    if not yes:
        click.confirm(f"Delete everything in the {store_name} store?", abort=True)
    with _open(store_name, data_dir) as store:
        store.write("MATCH (n) DETACH DELETE n")
    click.echo("store emptied")


@main.command()
@_store_option
def demo(store_name: str, data_dir: str) -> None:
    """Load the bundled sample corpus into a fresh store and show a short tour."""
    corpus = api.sample_corpus()
    with _open(store_name, data_dir) as store:
        store.write("MATCH (n) DETACH DELETE n")
        report = api.ingest(store, [corpus])
        t = report.totals
        click.echo(f"Loaded {report.loaded} seed documents: {t['Document']} documents, {t['Task']} tasks, "
                   f"{t['Agency']} agencies, {t['edges']} edges.\n")
        click.echo("$ policykg cascade 36-NQ/TW")
        _emit([{k: r[k] for k in ("symbol", "doc_type", "province", "depth", "through", "tasks")}
               | {"symbol": r["symbol"] or r["uid"]} for r in api.cascade(store, "36-NQ/TW")], "table")
        task = "Đầu tư xây dựng và phát triển các Trung tâm bảo tồn"
        click.echo(f'\n$ policykg trace "{task}"')
        chain = api.trace(store, task)[0]
        for step in chain["chain"]:
            click.echo(f"  -[{step['relation']}]-> {step['to']}")
        click.echo('\n$ policykg owns "Sở Y tế" --province "Lào Cai" --role lead')
        _emit([{k: r[k] for k in ("role", "path", "task")} for r in
               api.owns(store, "Sở Y tế", "Lào Cai", "lead")], "table")
        from policykg.graph_page import write

        shown = write(store, Path("policykg-graph.html"), "36-NQ/TW")
        click.echo(f"\n$ policykg graph 36-NQ/TW\nwrote policykg-graph.html: {shown.number_of_nodes()} nodes, "
                   f"{shown.number_of_edges()} edges (open it in a browser)")
