"""Python API mirroring the CLI; returns plain dicts for notebooks and scripts."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from graph.load import counts, load
from graph.stores import Store, open_store
from ingest import agencies
from ingest.citations import symbol_key
from ingest.errors import IngestError
from ingest.extract import extract_file
from ingest.read import find_files
from queries.runner import run

__all__ = [
    "open_store", "ingest", "extract_file", "find_files", "cascade", "trace", "owns", "cypher",
    "sample_corpus", "IngestReport",
]

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


def sample_corpus() -> Path:
    """The five seed documents shipped with policykg."""
    packaged = resources.files("policykg").joinpath("sample_corpus")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "corpus" / "seeds"


def ingest(store: Store, paths: list[str | Path], province: str | None = None,
           progress: Any = None) -> IngestReport:
    """Extract and load files or folders; a bad file is reported and the rest still load."""
    files, errors = find_files([Path(p) for p in paths])
    report = IngestReport(files=len(files), errors=[str(e) for e in errors])
    for path in files:
        try:
            extraction = extract_file(path, province)
        except IngestError as exc:
            report.errors.append(str(exc))
        else:
            result = load(store, extraction, path.name)
            report.loaded += 1
            report.tasks += result["tasks"]
            report.targets += result["targets"]
            report.warnings += [f"{path}: {w}" for w in extraction["warnings"]]
        if progress is not None:
            progress(path)
    report.totals = counts(store)
    return report


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


def cypher(store: Store, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run any read-only Cypher; writes are refused by both stores."""
    return store.read(query, params or {})
