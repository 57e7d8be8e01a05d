"""Options and error handling shared by the commands: the store, the output format, clear errors."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from policykg.graph.errors import StoreError
from policykg.graph.status import StatusError
from policykg.graph.stores import STORE_NAMES, Store, keep_warm_seconds, open_store
from policykg.names import InputError

FORMATS = click.Choice(["table", "json", "csv"])
STORE_HELP = ("Graph store. neo4j reads NEO4J_URI (default bolt://localhost:7687), NEO4J_USER (neo4j), "
              "NEO4J_PASSWORD and NEO4J_DATABASE from the environment.")


def store_options(f: Any) -> Any:
    f = click.option("--data-dir", envvar="POLICYKG_DATA_DIR", default="policykg-data", show_default=True,
                     show_envvar=True, help="The embedded store's data directory.")(f)
    return click.option("--store", "store_name", envvar="POLICYKG_STORE", default="embedded",
                        type=click.Choice(STORE_NAMES), show_default=True, show_envvar=True, help=STORE_HELP)(f)


def format_options(f: Any) -> Any:
    f = click.option("--wide", is_flag=True, help="Tables: every value whole on one line (no wrapping or …).")(f)
    return click.option("--format", "fmt", type=FORMATS, default="table", show_default=True,
                        help="table (fits the terminal), json or csv (every column, one value per cell).")(f)


def open_for(store_name: str, data_dir: str, create: bool = False) -> Store:
    """Open a store; an embedded store that does not exist yet is an error unless ``create``
    (a query run in the wrong folder must not answer from a new, empty store). The embedded server
    stays up ``POLICYKG_KEEP_WARM`` seconds (30) after the command for the next one."""
    if store_name == "embedded" and not create and not Path(data_dir).exists():
        from policykg.graph.embedded import check_data_dir

        try:
            check_data_dir(Path(data_dir).resolve())
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None
        raise click.ClickException(
            f"no store at {Path(data_dir).resolve()}: load documents first (`policykg ingest FOLDER`), "
            "or point --data-dir / POLICYKG_DATA_DIR at the store")
    try:
        return open_store(store_name, data_dir, keep_warm=keep_warm_seconds())
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


def clear_errors(f: Callable[..., Any]) -> Callable[..., Any]:
    """Names that match nothing or several, bad values and store errors: one message, exit code 1."""
    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except (InputError, StatusError, StoreError, ValueError) as exc:
            message = exc.args[0] if isinstance(exc, LookupError) and exc.args else str(exc)
            raise click.ClickException(message) from None
    return wrapper


def focus_options(f: Any) -> Any:
    """The options choosing a part of the graph (policykg.focus): --year, --agency, --province, --task, --no-tasks."""
    f = click.option("--tasks/--no-tasks", default=True,
                     help="Tasks, targets and their agencies (default), or documents only.")(f)
    f = click.option("--task", help="A task (uid or words of its text): its agencies and its chains to the "
                                    "directives it serves.")(f)
    f = click.option("--province", help="Alone: a province's documents, tasks and agencies; with SYMBOL or "
                                        "--agency: only that province's part.")(f)
    f = click.option("--agency", help="An agency: its tasks by role, the agencies sharing them, who holds its "
                                      "work today.")(f)
    return click.option("--year", help="Year of the document SYMBOL names, when it names several.")(f)
