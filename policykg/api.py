"""Python API mirroring the CLI: the same functions, returning plain dicts for notebooks and scripts.

Names are matched as people type them (``policykg.names``); a name that matches nothing raises
``names.NotFound`` (with "did you mean"), one that matches several ``names.Ambiguous``.
"""

from __future__ import annotations

import datetime as dt
import re
import stat
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policykg import names
from policykg.graph.stores import Store, open_store
from policykg.queries.runner import catalogue, run

# Modules only some functions use (loading, the search index, status reports, succession facts, the
# Cypher guard, file discovery) are imported in those functions: a command imports this module and
# should pay for its own question only.

if TYPE_CHECKING:
    import networkx as nx

    from policykg.ingest.errors import IngestError

__all__ = [
    "open_store", "ingest", "forget", "forget_missing", "extract_file", "find_files", "sample_corpus",
    "IngestReport", "CYPHER_TIMEOUT",
    "cascade", "trace", "owns", "matrix", "unassigned", "deadlines", "network", "network_graph", "coverage",
    "current_owner", "search", "stats", "agencies", "documents", "provinces", "set_status", "import_status",
    "load_succession", "queries", "cypher", "natural_key", "subgraph",
]

CYPHER_TIMEOUT = 5.0  # seconds: the default limit of a hand-written query
_ROLES = {"lead": "ASSIGNED_TO", "partner": "COORDINATES_WITH", "monitor": "MONITORED_BY"}
BUCKETS = ("not done, overdue", "not done, in time", "done late", "done on time", "recurring", "no deadline")


@dataclass
class IngestReport:
    files: int = 0
    loaded: int = 0
    tasks: int = 0
    targets: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    pruned: list[str] = field(default_factory=list)
    unchanged: int = 0


def extract_file(path: Path, province: str | None = None) -> dict[str, Any]:
    """One file's extraction (ingest/extract.py), imported when first needed."""
    from policykg.ingest.extract import extract_file as extract

    return extract(path, province)


def finish_ingest(store: Store) -> None:
    """An ingest's last steps, after its files are loaded: succession facts applied, word weights
    recomputed, users' status reports re-linked; then the store is no longer marked pending."""
    from policykg.graph import search_index, status, succession
    from policykg.graph.load import mark_done

    succession.apply(store)
    search_index.finish(store)
    status.relink(store)
    mark_done(store)


def sample_corpus() -> Path:
    """The five seed documents shipped with policykg."""
    packaged = resources.files("policykg").joinpath("sample_corpus")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "corpus" / "seeds"


def _not_regular(path: Path) -> str | None:
    """Why a path that exists is neither a folder nor a regular file (FIFO, device, socket)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    kind = ("a FIFO" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "not a regular file")
    return f"{path}: {kind}, not a document file"


def find_files(paths: list[Path]) -> tuple[list[Path], list[IngestError]]:
    """Document files under ``paths`` (ingest/read.py) and the errors of those that cannot be read."""
    from policykg.ingest.read import find_files as find

    return find(paths)


def input_files(paths: list[str | Path]) -> tuple[list[Path], list[str]]:
    """Document files under ``paths`` and one line per path that cannot be read as documents."""
    odd = {str(p): reason for p in paths if (reason := _not_regular(Path(p)))}
    files, errors = find_files([Path(p) for p in paths if str(p) not in odd])
    return files, list(odd.values()) + [str(e) for e in errors]


def ingest(store: Store, paths: list[str | Path], province: str | None = None,
           progress: Any = None, prune: bool = False, force: bool = False,
           processes: int | None = None) -> IngestReport:
    """Extract, load and index files or folders (policykg/pipeline.py: extraction in a process pool,
    loading in batches of whole files, one transaction each); a bad file is reported and the rest
    still load; a file unchanged since its last ingest is skipped unless ``force``. With ``prune``,
    files the store knows under these folders that are no longer there are forgotten. Then the
    succession facts are applied, word weights recomputed and users' status reports re-linked.
    ``progress(path, tasks)`` is called once per file. Task and target counts are what the store
    holds for these files."""
    from policykg import pipeline
    from policykg.graph.load import counts, held, pending

    files, errors = input_files(paths)
    report = IngestReport(files=len(files), errors=errors)
    was_pending = pending(store)
    outcome = pipeline.run(store, files, province, force, progress, processes)
    report.loaded, report.unchanged = len(outcome.loaded), len(outcome.unchanged)
    report.errors += outcome.errors
    report.warnings += outcome.warnings
    if prune:
        report.pruned = forget_missing(store, [Path(p) for p in paths if Path(p).is_dir()], files)
    if outcome.loaded or report.pruned or was_pending:
        finish_ingest(store)
    stored = held(store, files)
    report.tasks, report.targets = stored["Task"], stored["Target"]
    report.totals = counts(store)
    return report


def forget(store: Store, path: str | Path) -> int | None:
    """Remove what a file produced (it may no longer exist); documents removed, or None when
    the store does not know it."""
    from policykg.graph.load import forget as forget_file

    return forget_file(store, Path(path))


def forget_missing(store: Store, folders: list[Path], present: list[Path] | None = None) -> list[str]:
    """Forget the files the store knows under ``folders`` that are no longer there (not among
    ``present``, default: the document files found in them now). Returns their paths."""
    from policykg.graph.load import forget as forget_file
    from policykg.graph.load import source_key, sources

    if present is None:
        present = input_files(list(folders))[0]
    keep = {source_key(p) for p in present}
    roots = [source_key(f).rstrip("/") + "/" for f in folders]
    gone = [s["path"] for s in sources(store) if s["path"].startswith(tuple(roots)) and s["path"] not in keep]
    for path in gone:
        forget_file(store, Path(path))
    return gone


def natural_key(path: str | None) -> tuple[Any, ...]:
    """Sort key of an outline path: numbers and Roman numerals by value ('IV.2' < 'IV.10' < 'IX.1')."""
    parts: list[Any] = []
    for piece in re.findall(r"\d+|[A-Za-z]+|[^\dA-Za-z]+", path or ""):
        if piece.isdigit():
            parts.append((1, int(piece), ""))
        elif re.fullmatch(r"[IVXLC]+", piece):
            parts.append((1, _roman(piece), ""))
        else:
            parts.append((2, 0, piece))
    return tuple(parts)


def _roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(text, text[1:] + " "):
        total += -values[a] if b != " " and values[b] > values[a] else values[a]
    return total


def _by_path(rows: list[dict[str, Any]], *before: str) -> list[dict[str, Any]]:
    """Rows sorted by ``before`` columns, then path naturally (stable: the query's order breaks ties)."""
    return sorted(rows, key=lambda r: (*(str(r[c] or "") for c in before), natural_key(r["path"])))


def _provinces(store: Store, province: str | None) -> list[str] | None:
    return names.province(store, province)


# The questions ---------------------------------------------------------------------------------------

def cascade(store: Store, symbol: str, year: str | int | None = None, province: str | None = None,
            only_implements: bool = False) -> list[dict[str, Any]]:
    """Documents implementing SYMBOL directly or transitively, each with its chain."""
    roots = names.document(store, symbol, year, _provinces(store, province))
    return run(store, "cascade", root_uids=roots, only_implements=only_implements)


def trace(store: Store, task: str, province: str | None = None, only_implements: bool = False) -> list[dict[str, Any]]:
    """Chains from a task (uid or words of its text) or a document uid up to its root directives."""
    names.require_data(store)
    is_document = "#" not in task and (task.startswith("file:") or "|" in task)
    uid = task if is_document else names.task(store, task, _provinces(store, province))
    chains = run(store, "trace", uid=uid, only_implements=only_implements)
    if not chains:
        raise names.NotFound(f"no task or document has uid '{uid}'")
    return chains


def owns(store: Store, agency: str, province: str | None = None, role: str | None = None) -> list[dict[str, Any]]:
    """An agency's tasks by role, with task uid, deadline, product and status."""
    if role is not None and role not in _ROLES:
        raise ValueError(f"unknown role '{role}': choose lead, partner or monitor")
    names.require_data(store)
    uids = names.agency(store, agency, _provinces(store, province))
    rows = run(store, "owns", agency_uids=uids, role_type=_ROLES.get(role) if role else None)
    return _by_path(rows, "document")


def matrix(store: Store, province: str | None = None) -> list[dict[str, Any]]:
    names.require_data(store)
    return run(store, "matrix", provinces=_provinces(store, province))


def unassigned(store: Store, province: str | None = None) -> list[dict[str, Any]]:
    names.require_data(store)
    return _by_path(run(store, "unassigned", provinces=_provinces(store, province)), "document_uid")


def deadlines(store: Store, as_of: str | dt.date | None = None, until: str | dt.date | None = None,
              province: str | None = None, agency: str | None = None,
              bucket: str | None = None) -> list[dict[str, Any]]:
    """Tasks by deadline bucket as of a date (default today)."""
    from policykg.graph import status

    names.require_data(store)
    if bucket is not None and bucket not in BUCKETS:
        raise ValueError(f"unknown bucket '{bucket}': choose {', '.join(BUCKETS)}")
    provinces = _provinces(store, province)
    agency_uids = names.agency(store, agency, provinces) if agency else None
    rows = run(store, "deadlines", as_of=status.date_value(str(as_of) if as_of else None),
               until=status.date_value(str(until)) if until else None, provinces=provinces, agency_uids=agency_uids)
    return [r for r in rows if bucket is None or r["bucket"] == bucket]


def network(store: Store, province: str | None = None, specific_only: bool = False) -> list[dict[str, Any]]:
    names.require_data(store)
    return run(store, "network", provinces=_provinces(store, province), specific_only=specific_only)


def network_graph(store: Store, province: str | None = None, specific_only: bool = False) -> nx.Graph:
    """The agency network as a weighted networkx graph (nodes: agency uids with name and province)."""
    import networkx as nx

    graph = nx.Graph()
    for row in network(store, province, specific_only):
        graph.add_node(row["a_uid"], name=row["a"], province=row["a_province"])
        graph.add_node(row["b_uid"], name=row["b"], province=row["b_province"])
        graph.add_edge(row["a_uid"], row["b_uid"], weight=row["weight"], lead_partner=row["lead_partner"],
                       partner_partner=row["partner_partner"])
    return graph


def coverage(store: Store, symbol: str, year: str | int | None = None,
             only_implements: bool = False) -> list[dict[str, Any]]:
    """The 34 provinces (from 1 July 2025): which have a document implementing SYMBOL."""
    from policykg.graph import succession

    roots = names.document(store, symbol, year)
    provinces = [{"order": i, **p} for i, p in enumerate(succession.provinces_2025())]
    return run(store, "coverage", root_uids=roots, provinces=provinces, only_implements=only_implements)


def current_owner(store: Store, task: str | None = None, agency: str | None = None,
                  province: str | None = None) -> list[dict[str, Any]]:
    """Who holds a task's (its leads') or an agency's work today, with the legal basis of each step."""
    names.require_data(store)
    provinces = _provinces(store, province)
    if (task is None) == (agency is None):
        raise ValueError("give a task or an agency")
    if agency is not None:
        rows = run(store, "current_owner", agency_uids=names.agency(store, agency, provinces))
    else:
        uid = names.task(store, task or "", provinces)
        rows = run(store, "current_owner", task_uid=uid)
        if not rows:
            raise names.NotFound(f"task '{uid}' has no lead to follow (see `policykg unassigned`)")
    return decide_splits(rows)


def decide_splits(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Where a body's work was split, keep the successors whose scope the task's text names; else the
    default successor; else every candidate. Adds ``decided_by`` to each row kept."""
    groups: dict[tuple[str, int, str], list[dict[str, Any]]] = {}
    for row in rows:
        for i, step in enumerate(row["steps"]):
            prefix = "|".join(s["to"] for s in row["steps"][:i])
            groups.setdefault((row["agency_uid"], i, prefix), []).append(step)
    kept = []
    for row in rows:
        how = "only successor" if row["changes"] else "unchanged"
        for i, step in enumerate(row["steps"]):
            prefix = "|".join(s["to"] for s in row["steps"][:i])
            siblings = {s["to"]: s for s in groups[(row["agency_uid"], i, prefix)]}.values()
            verdict = _split_verdict(step, list(siblings))
            if verdict is None:
                break
            how = verdict if verdict != "only successor" or how == "unchanged" else how
        else:
            kept.append(row | {"decided_by": how})
    return kept


def _split_verdict(step: dict[str, Any], siblings: list[dict[str, Any]]) -> str | None:
    """How a step is chosen among its siblings, or None when another sibling wins."""
    if len(siblings) == 1:
        return "only successor"
    if any(s["matched"] for s in siblings):
        return "scope named by the task" if step["matched"] else None
    if any(s["default"] for s in siblings):
        return "default successor" if step["default"] else None
    return "candidate (the task's text does not decide)"


def search(store: Store, text: str, kind: str | None = None, province: str | None = None,
           limit: int = 20) -> list[dict[str, Any]]:
    """Tasks, documents and agencies matching words, best first."""
    from policykg.graph import search_index

    names.require_data(store)
    params = search_index.search_params(store, text)
    if not params["words"]:
        raise names.NotFound("give some words to search for")
    label = {"task": "Task", "document": "Document", "agency": "Agency", None: None}[kind]
    return run(store, "search", **params, label=label, provinces=_provinces(store, province), limit=limit)


def stats(store: Store) -> list[dict[str, Any]]:
    return run(store, "stats")


def agencies(store: Store, province: str | None = None) -> list[dict[str, Any]]:
    names.require_data(store)
    return run(store, "agencies", provinces=_provinces(store, province))


def documents(store: Store, province: str | None = None, doc_type: str | None = None,
              cited: bool = False) -> list[dict[str, Any]]:
    names.require_data(store)
    return run(store, "documents", provinces=_provinces(store, province), type=doc_type, stored_only=not cited)


def subgraph(store: Store, symbol: str | None = None, year: str | int | None = None, agency: str | None = None,
             province: str | None = None, task: str | None = None, tasks: bool = True,
             max_nodes: int | None = None) -> nx.MultiDiGraph:
    """The part of the graph a page shows (``policykg.focus``): nodes keyed by uid with ``label`` and their
    fields, edges with ``type`` and their fields; ``focus.TooBig`` over ``max_nodes``."""
    from policykg.focus import Focus, select

    return select(store, Focus(symbol, None if year is None else str(year), agency, province, task, tasks), max_nodes)


def provinces(store: Store) -> list[dict[str, Any]]:
    from policykg.graph import succession

    names.require_data(store)
    now = [{"name": old, "now": new} for old, new in succession.province_of_2025().items()]
    return run(store, "provinces", now=now)


# What users keep ---------------------------------------------------------------------------------------

def set_status(store: Store, task: str, state: str, on: str | None = None, note: str | None = None,
               province: str | None = None) -> dict[str, Any]:
    """Record a task's status (done, in-progress, not-started) on a StatusReport node."""
    from policykg.graph import status

    uid = names.task(store, task, _provinces(store, province))
    return status.record(store, uid, state, on, note)


def import_status(store: Store, path: str | Path) -> tuple[int, list[str]]:
    """Record the statuses of a department's spreadsheet (CSV); returns (recorded, problems)."""
    from policykg.graph import status

    rows, problems = status.read_csv(Path(path))
    recorded = 0
    for row in rows:
        try:
            uid = row.get("task") or names.task(store, row.get("text", ""))
            status.record(store, uid, row["status"], row["on"], row.get("note") or None)
            recorded += 1
        except (names.InputError, status.StatusError) as exc:
            problems.append(f"{path}:{row['line']}: {str(exc).splitlines()[0]}")
    return recorded, problems


def load_succession(store: Store, paths: list[str | Path]) -> int:
    """Apply the shipped succession facts and a user's own files (same format)."""
    from policykg.graph import succession

    return succession.apply(store, [Path(p) for p in paths])


def queries() -> list[dict[str, Any]]:
    """The query catalogue: each module's question, command, parameters and columns."""
    return [{"module": m.name, "question": m.question, "command": m.command, "columns": m.columns,
             "parameters": [{"name": p.name, "type": p.type, "default": p.default, "help": p.help}
                            for p in m.parameters], "example": m.example} for m in catalogue()]


def cypher(store: Store, query: str, params: dict[str, Any] | None = None,
           timeout: float = CYPHER_TIMEOUT) -> list[dict[str, Any]]:
    """Run any read-only Cypher, stopped by the server after ``timeout`` seconds; writes are
    refused by both stores, and LOAD CSV and procedures that reach files, settings or the
    network by graph/guard.py."""
    from policykg.graph import guard

    guard.check(query)
    return store.read(query, params or {}, timeout=timeout)
