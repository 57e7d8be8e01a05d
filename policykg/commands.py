"""The question commands: one per query module, their help generated from the module's header."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from policykg import api
from policykg.options import clear_errors, format_options, open_for, store_options
from policykg.queries.runner import catalogue, module
from policykg.table import emit

PROVINCE = click.option("--province", help="Province, as people type it ('lao cai', 'tỉnh Lào Cai').")
YEAR = click.option("--year", help="Year of the document, when its symbol names several.")
ONLY_IMPLEMENTS = click.option("--only-implements", is_flag=True,
                               help="Follow IMPLEMENTS only, not 'căn cứ' (BASED_ON) steps.")


def help_of(name: str) -> dict[str, str]:
    """A command's help and epilog from its query module's header."""
    m = module(name)
    short = m.question if len(m.question) <= 75 else m.question[:72].rsplit(" ", 1)[0] + " …?"
    return {"help": f"{m.question}\n\nColumns: {m.columns}", "epilog": f"\b\nExample:\n  {m.example}",
            "short_help": short[0].upper() + short[1:]}


def question(name: str, module_name: str | None = None) -> Callable[[Any], click.Command]:
    """A command named ``name`` answering query module ``module_name`` (default: the same name)."""
    def decorate(f: Any) -> click.Command:
        f = format_options(store_options(clear_errors(f)))
        return click.command(name, cls=click.Command, **help_of(module_name or name.replace("-", "_")))(f)
    return decorate


@question("cascade")
@click.argument("symbol")
@PROVINCE
@YEAR
@ONLY_IMPLEMENTS
def cascade(symbol: str, province: str | None, year: str | None, only_implements: bool, fmt: str, wide: bool,
            store_name: str, data_dir: str) -> None:
    with open_for(store_name, data_dir) as store:
        rows = api.cascade(store, symbol, year, province, only_implements)
    emit(rows, fmt, ["document", "link", "depth", "province", "stored", "tasks", "chain", "uid"], wide)


@question("trace")
@click.argument("task")
@PROVINCE
@ONLY_IMPLEMENTS
def trace(task: str, province: str | None, only_implements: bool, fmt: str, wide: bool, store_name: str,
          data_dir: str) -> None:
    with open_for(store_name, data_dir) as store:
        chains = api.trace(store, task, province, only_implements)
    if fmt == "json":
        emit(chains, fmt)
        return
    steps = [{"chain": n, "step": i, "root": c["root"], **s} for n, c in enumerate(chains, 1)
             for i, s in enumerate(c["chain"], 1)]
    if fmt == "csv":
        emit(steps, fmt)
        return
    for n, chain in enumerate(chains, 1):
        count = len(chain["chain"])
        click.echo(f"== chain {n} of {len(chains)}: to {chain['root']} ({count} step{'s' if count != 1 else ''})"
                   + (f"; status: {chain['status']}" if chain["status"] else ""))
        emit([s for s in steps if s["chain"] == n], "table", ["relation", "to", "source", "line", "quote", "to_uid"],
             wide)


@question("owns")
@click.argument("agency")
@PROVINCE
@click.option("--role", type=click.Choice(["lead", "partner", "monitor"]))
def owns(agency: str, province: str | None, role: str | None, fmt: str, wide: bool, store_name: str,
         data_dir: str) -> None:
    with open_for(store_name, data_dir) as store:
        rows = api.owns(store, agency, province, role)
    emit(rows, fmt, ["role", "document", "path", "task", "deadline", "timeframe", "status", "uid"], wide)


@question("matrix")
@PROVINCE
def matrix(province: str | None, fmt: str, wide: bool, store_name: str, data_dir: str) -> None:
    with open_for(store_name, data_dir) as store:
        rows = api.matrix(store, province)
    emit(rows, fmt, ["province", "agency", "document", "lead", "partner", "monitor", "total"], wide)


@question("unassigned")
@PROVINCE
def unassigned(province: str | None, fmt: str, wide: bool, store_name: str, data_dir: str) -> None:
    with open_for(store_name, data_dir) as store:
        rows = api.unassigned(store, province)
    emit(rows, fmt, ["document", "path", "reason", "leads", "task", "uid"], wide)


@question("deadlines")
@click.option("--as-of", help="Date the buckets are judged on (default: today).")
@click.option("--until", help="Only tasks not done and in time that are due by this date.")
@PROVINCE
@click.option("--agency", help="Only tasks this agency leads.")
@click.option("--bucket", type=click.Choice(api.BUCKETS))
def deadlines(as_of: str | None, until: str | None, province: str | None, agency: str | None, bucket: str | None,
              fmt: str, wide: bool, store_name: str, data_dir: str) -> None:
    with open_for(store_name, data_dir) as store:
        rows = api.deadlines(store, as_of or dt.date.today().isoformat(), until, province, agency, bucket)
    emit(rows, fmt, ["bucket", "due", "timeframe", "path", "leads", "status", "task", "uid"], wide)


@question("network")
@PROVINCE
@click.option("--specific-only", is_flag=True, help="Leave out collective groups ('Các sở, ban, ngành').")
def network(province: str | None, specific_only: bool, fmt: str, wide: bool, store_name: str, data_dir: str) -> None:
    with open_for(store_name, data_dir) as store:
        rows = api.network(store, province, specific_only)
    emit(rows, fmt, ["a", "a_province", "b", "b_province", "weight", "lead_partner", "partner_partner"], wide)


@question("coverage")
@click.argument("symbol")
@YEAR
@ONLY_IMPLEMENTS
def coverage(symbol: str, year: str | None, only_implements: bool, fmt: str, wide: bool, store_name: str,
             data_dir: str) -> None:
    with open_for(store_name, data_dir) as store:
        emit(api.coverage(store, symbol, year, only_implements), fmt, wide=wide)


@question("current-owner")
@click.argument("task", required=False)
@click.option("--agency", help="An agency instead of a task.")
@PROVINCE
def current_owner(task: str | None, agency: str | None, province: str | None, fmt: str, wide: bool,
                  store_name: str, data_dir: str) -> None:
    with open_for(store_name, data_dir) as store:
        rows = api.current_owner(store, task, agency, province)
    if fmt == "json":
        emit(rows, fmt)
        return
    shown = [{"agency": r["agency"], "province": r["province"], "owner": r["owner"],
              "owner_province": r["owner_province"], "decided_by": r["decided_by"],
              "since": [s["effective"] for s in r["steps"]], "basis": [s["basis"] for s in r["steps"]],
              "scope": [s["scope"] for s in r["steps"]], "source": [s["source"] for s in r["steps"]],
              "agency_uid": r["agency_uid"], "owner_uid": r["owner_uid"]} for r in rows]
    emit(shown, fmt, ["agency", "province", "owner", "decided_by", "since", "basis", "scope"], wide)


@question("search")
@click.argument("words", nargs=-1, required=True)
@click.option("--kind", type=click.Choice(["task", "document", "agency"]))
@PROVINCE
@click.option("--limit", type=int, default=20, show_default=True)
def search(words: tuple[str, ...], kind: str | None, province: str | None, limit: int, fmt: str, wide: bool,
           store_name: str, data_dir: str) -> None:
    with open_for(store_name, data_dir) as store:
        rows = api.search(store, " ".join(words), kind, province, limit)
    emit(rows, fmt, ["kind", "name", "province", "score", "text", "uid"], wide)


@question("stats")
def stats(fmt: str, wide: bool, store_name: str, data_dir: str) -> None:
    with open_for(store_name, data_dir) as store:
        emit(api.stats(store), fmt, wide=wide)


@question("agencies")
@PROVINCE
def agencies(province: str | None, fmt: str, wide: bool, store_name: str, data_dir: str) -> None:
    with open_for(store_name, data_dir) as store:
        rows = api.agencies(store, province)
    emit(rows, fmt, ["name", "province", "kind", "lead", "partner", "monitor", "succeeded_by", "uid"], wide)


@question("documents")
@PROVINCE
@click.option("--type", "doc_type", help="Document type as stored ('Kế hoạch', 'Quyết định' …).")
@click.option("--cited", is_flag=True, help="Also documents known only from a citation.")
def documents(province: str | None, doc_type: str | None, cited: bool, fmt: str, wide: bool, store_name: str,
              data_dir: str) -> None:
    with open_for(store_name, data_dir) as store:
        rows = api.documents(store, province, doc_type, cited)
    emit(rows, fmt, ["document", "type", "province", "date", "stored", "tasks", "title", "uid"], wide)


@question("provinces")
def provinces(fmt: str, wide: bool, store_name: str, data_dir: str) -> None:
    with open_for(store_name, data_dir) as store:
        emit(api.provinces(store), fmt, wide=wide)


@click.command("queries")
@format_options
def queries(fmt: str, wide: bool) -> None:
    """List the query modules: each one's question, command and columns (from queries/*.cypher)."""
    rows = api.queries()
    if fmt == "table":
        rows = [{"module": r["module"], "command": f"policykg {r['command']}", "question": r["question"]}
                for r in rows]
    elif fmt == "csv":
        rows = [r | {"parameters": [f"${p['name']} ({p['type']})" for p in r["parameters"]]} for r in rows]
    emit(rows, fmt, wide=wide)


@click.command("status", epilog="\b\nExamples:\n  policykg status 'xây dựng kế hoạch triển khai' done --on 2026-04-10 "
                                "--province 'Lào Cai'\n  policykg status --import tien-do.csv")
@click.argument("task", required=False)
@click.argument("state", required=False, type=click.Choice(["done", "in-progress", "not-started"]))
@click.option("--on", "on", help="Date of the status (default: today).")
@click.option("--note", help="A note kept with the report.")
@PROVINCE
@click.option("--import", "csv_path", type=click.Path(exists=True, dir_okay=False),
              help="Record every row of a spreadsheet (CSV) instead: columns task uid or task text, status "
                   "(done / đã hoàn thành …), date, note.")
@store_options
@clear_errors
def status(task: str | None, state: str | None, on: str | None, note: str | None, province: str | None,
           csv_path: str | None, store_name: str, data_dir: str) -> None:
    """Record a task's status (kept apart from extracted facts: a re-ingest never loses it)."""
    with open_for(store_name, data_dir) as store:
        if csv_path:
            recorded, problems = api.import_status(store, csv_path)
            for line in problems:
                click.echo(f"skipped: {line}", err=True)
            click.echo(f"recorded {recorded} statuses from {csv_path}")
            if problems:
                raise SystemExit(1)
            return
        if not task or not state:
            raise click.UsageError("give TASK and STATE (done, in-progress, not-started), or --import FILE")
        row = api.set_status(store, task, state, on, note, province)
    click.echo(f"{row['task']}: {row['status']} on {row['on']}")


@click.command("succession", epilog="\b\nExample:\n  policykg succession my-province-2025.yaml")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_options
@clear_errors
def succession(files: tuple[Path, ...], store_name: str, data_dir: str) -> None:
    """Apply the shipped agency succession facts and FILES of your own (same format as
    graph/data/succession-2025.yaml); POLICYKG_SUCCESSION lists files applied at every ingest."""
    with open_for(store_name, data_dir) as store:
        n = api.load_succession(store, list(files))
    click.echo(f"{n} succession edges from the shipped facts" + (f" and {len(files)} file(s)" if files else ""))


ALL = [cascade, trace, owns, matrix, unassigned, deadlines, network, coverage, current_owner, search, stats,
       agencies, documents, provinces, queries, status, succession]


def table_of_commands() -> str:
    """The README's command table (Markdown), from the query headers."""
    def esc(text: str) -> str:
        return text.replace("|", "\\|")

    lines = ["| command | question | example |", "|---|---|---|"]
    lines += [f"| `policykg {esc(m.command)}` | {esc(m.question)} | `{esc(m.example)}` |" for m in catalogue()]
    return "\n".join(lines)
