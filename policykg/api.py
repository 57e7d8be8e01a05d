"""Python API mirroring the CLI; returns plain dicts for notebooks and scripts."""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from graph import guard
from graph.load import counts, held, load, source_key, sources
from graph.load import forget as forget_file
from graph.stores import Store, open_store
from ingest import agencies
from ingest.citations import symbol_key
from ingest.errors import IngestError
from ingest.extract import extract_file
from ingest.read import find_files
from queries.runner import run

__all__ = [
    "open_store", "ingest", "forget", "forget_missing", "extract_file", "find_files", "cascade", "trace", "owns",
    "cypher", "sample_corpus", "IngestReport", "CYPHER_TIMEOUT",
]

CYPHER_TIMEOUT = 5.0  # seconds: the default limit of a hand-written query
_ROLES = {"lead": "ASSIGNED_TO", "partner": "COORDINATES_WITH", "monitor": "MONITORED_BY"}


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


def input_files(paths: list[str | Path]) -> tuple[list[Path], list[str]]:
    """Document files under ``paths`` and one line per path that cannot be read as documents."""
    odd = {str(p): reason for p in paths if (reason := _not_regular(Path(p)))}
    files, errors = find_files([Path(p) for p in paths if str(p) not in odd])
    return files, list(odd.values()) + [str(e) for e in errors]


def ingest(store: Store, paths: list[str | Path], province: str | None = None,
           progress: Any = None, prune: bool = False) -> IngestReport:
    """Extract and load files or folders, each file in one transaction; a bad file is reported
    and the rest still load. With ``prune``, files the store knows under these folders that are
    no longer there are forgotten. Task and target counts are what the store holds for them."""
    files, errors = input_files(paths)
    report = IngestReport(files=len(files), errors=errors)
    for path in files:
        try:
            extraction = extract_file(path, province)
        except IngestError as exc:
            report.errors.append(str(exc))
        else:
            load(store, extraction, path.name, path)
            report.loaded += 1
            report.warnings += [f"{path}: {w}" for w in extraction["warnings"]]
        if progress is not None:
            progress(path)
    if prune:
        report.pruned = forget_missing(store, [Path(p) for p in paths if Path(p).is_dir()], files)
    stored = held(store, files)
    report.tasks, report.targets = stored["Task"], stored["Target"]
    report.totals = counts(store)
    return report


def forget(store: Store, path: str | Path) -> int | None:
    """Remove what a file produced (it may no longer exist); documents removed, or None when
    the store does not know it."""
    return forget_file(store, Path(path))


def forget_missing(store: Store, folders: list[Path], present: list[Path] | None = None) -> list[str]:
    """Forget the files the store knows under ``folders`` that are no longer there (not among
    ``present``, default: the document files found in them now). Returns their paths."""
    if present is None:
        present = input_files(list(folders))[0]
    keep = {source_key(p) for p in present}
    roots = [source_key(f).rstrip("/") + "/" for f in folders]
    gone = [s["path"] for s in sources(store) if s["path"].startswith(tuple(roots)) and s["path"] not in keep]
    for path in gone:
        forget_file(store, Path(path))
    return gone


def cascade(store: Store, symbol: str, year: str | int | None = None) -> list[dict[str, Any]]:
    return run(store, "cascade", symbol_key=symbol_key(symbol), year=str(year) if year else None)


def find_tasks(store: Store, words: str) -> list[dict[str, Any]]:
    return run(store, "find_task", words=" ".join(words.lower().split()))


def trace(store: Store, task: str) -> list[dict[str, Any]]:
    """Chains from a task (uid, or words of its text: the first match) up to root directives."""
    uid = task
    if "#" not in task:
        found = find_tasks(store, task)
        if not found:
            return []
        uid = found[0]["uid"]
    return run(store, "trace", task_uid=uid)


def owns(store: Store, agency: str, province: str | None = None, role: str | None = None) -> list[dict[str, Any]]:
    if role is not None and role not in _ROLES:
        raise ValueError(f"unknown role '{role}': choose lead, partner or monitor")
    return run(store, "owns", name=agencies.canonical(agency), province=province,
               role_type=_ROLES.get(role) if role else None)


def cypher(store: Store, query: str, params: dict[str, Any] | None = None,
           timeout: float = CYPHER_TIMEOUT) -> list[dict[str, Any]]:
    """Run any read-only Cypher, stopped by the server after ``timeout`` seconds; writes are
    refused by both stores, and LOAD CSV and procedures that reach files, settings or the
    network by graph/guard.py."""
    guard.check(query)
    return store.read(query, params or {}, timeout=timeout)
