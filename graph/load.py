"""Batched, idempotent loading: many files per transaction, thousands of rows per ``UNWIND``.

``prepare`` turns one file's extraction into rows (graph/model.py) and its search-index rows; it
runs wherever the extraction ran (a worker process). ``load_files`` writes a batch of prepared
files as one transaction on both stores (FalkorDB: one MULTI/EXEC; Neo4j: one transaction), so
each file is visible all at once or not at all; a file is never split across transactions.

Every statement finds its nodes through a label and its unique key (``(:Task {uid})``,
``(:Source {path})`` …: indexed on both stores, graph/stores.py), and the clean-up only visits what
the batch's files touched: their documents' old parts and assignments, the documents they cite,
the agencies and stubs those pointed to. Nothing scans the graph, so the cost of a batch does not
grow with the store.

The Source node of a file, ``(:Source {path, name, sha256, extractor, province, ingested_at})``,
knows which documents the file produced (``PRODUCED``): loading a file again replaces everything
it produced, whatever its number became (a document it no longer produces is removed, or kept as
a stub while other documents cite it), and ``forget`` removes a file's contribution. Nodes left
with no edges (stubs, agencies) are removed.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from policykg.graph import search_index
from policykg.graph.model import REL_TYPES, ROLE_TYPES, rows
from policykg.graph.stores import Store

Statement = tuple[str, dict[str, Any]]

_DOCS = """
UNWIND $rows AS doc
MERGE (d:Document {uid: doc.uid})
SET d.key = doc.key, d.scope = doc.scope, d.year = doc.year, d.symbol = doc.symbol,
    d.doc_type = doc.doc_type, d.title = doc.title, d.issuer = doc.issuer,
    d.province = doc.province, d.issued_date = doc.issued_date, d.signer = doc.signer,
    d.source = doc.source, d.stub = false, d.led_tasks = doc.led_tasks
"""
_CITED = """
UNWIND $rows AS row
MERGE (d:Document {uid: row.uid})
ON CREATE SET d.stub = true, d.key = row.key, d.scope = row.scope, d.year = row.year,
    d.symbol = row.symbol, d.doc_type = row.doc_type, d.issuer = row.issuer,
    d.issued_date = row.issued_date, d.province = row.province
"""
_RESOLVE = """
UNWIND $rows AS row
MATCH (d:Document) WHERE d.key = row.key AND d.scope = row.scope AND d.year IS NOT NULL
RETURN row.key AS key, row.scope AS scope, collect(d.uid) AS candidates
"""
# Relationship types and labels cannot be parameters: one constant statement per type (and label).
_EDGE = {
    t: f"""
UNWIND $rows AS row
MATCH (a:Document {{uid: row.from}}), (b:Document {{uid: row.to}})
MERGE (a)-[r:{t}]->(b)
SET r.relation = row.relation, r.source = row.source, r.quote = row.quote
"""
    for t in sorted(set(REL_TYPES.values()))
}
# A part's fields, as its row gives them (graph/model.py).
_PART_FIELDS = {
    "Task": ("path", "text", "province", "deadline", "due", "timeframe", "recurring", "product", "funding",
             "also_at", "source", "span", "leads", "lead_uids"),
    "Target": ("path", "text", "value", "year", "source", "span"),
}
_PART_LABELS = tuple(_PART_FIELDS)


def _part_statements(label: str) -> tuple[str, str]:
    """The statements writing tasks or targets with their PART_OF edge: MERGE for parts the store may
    hold, CREATE for those it does not hold yet (none of their document's parts has their uid, and a
    part's uid starts with its document's). A MERGE looks the node or edge up first; on a first ingest
    every row is new and the look-ups were most of the loading time."""
    fields = ", ".join(f"t.{name} = row.{name}" for name in _PART_FIELDS[label])
    head = "UNWIND $rows AS row\nMATCH (d:Document {uid: row.doc})\n"
    merge = (f"{head}MERGE (t:{label} {{uid: row.uid}})\nSET {fields}\n"
             "MERGE (t)-[p:PART_OF]->(d)\nSET p.source = row.source, p.quote = row.quote\n")
    create = (f"{head}CREATE (t:{label} {{uid: row.uid}})-[p:PART_OF]->(d)\n"
              f"SET {fields}, p.source = row.source, p.quote = row.quote\n")
    return merge, create


_TASKS, _NEW_TASKS = _part_statements("Task")
_TARGETS, _NEW_TARGETS = _part_statements("Target")
_AGENCIES = """
UNWIND $rows AS row
MERGE (a:Agency {uid: row.uid})
SET a.name = row.name, a.kind = row.kind, a.province = row.province, a.listed = row.listed
"""


def _assign_statements(verb: str) -> dict[tuple[str, str], str]:
    """One statement per (label, relationship type): MERGE for rows that may exist, CREATE for rows a
    batch proves new."""
    return {(label, t): f"""
UNWIND $rows AS row
MATCH (t:{label} {{uid: row.task}}), (a:Agency {{uid: row.agency}})
{verb} (t)-[r:{t}]->(a)
SET r.source = row.source, r.quote = row.quote
""" for label in _PART_LABELS for t in ROLE_TYPES.values()}


_ASSIGN = _assign_statements("MERGE")
_NEW_ASSIGN = _assign_statements("CREATE")
# What the store holds for some documents (read before a batch is written; the clean-up deletes exactly
# what the batch's files no longer give, by key, so its cost is what they touched).
_OLD_PARTS = """
UNWIND $docs AS doc
MATCH (:Document {uid: doc})<-[:PART_OF]-(x)
RETURN doc, labels(x)[0] AS label, x.uid AS uid
"""
_OLD_ASSIGN = """
UNWIND $docs AS doc
MATCH (:Document {uid: doc})<-[:PART_OF]-(x)-[r:ASSIGNED_TO|COORDINATES_WITH|MONITORED_BY]->(a:Agency)
RETURN doc, labels(x)[0] AS label, x.uid AS task, type(r) AS type, a.uid AS agency
"""
# Which of some documents the store holds: a first ingest's documents are all new, and asking once
# spares the three reads below (on Neo4j each read is a transaction of its own).
_HELD_DOCS = "UNWIND $docs AS doc MATCH (d:Document {uid: doc}) RETURN d.uid AS uid"
# A file's citations start at its documents; its links at the documents those cite.
_OLD_EDGES = """
UNWIND $docs AS doc
MATCH (a:Document {uid: doc})-[r:IMPLEMENTS|BASED_ON|CITES]->(b:Document)
RETURN doc, a.uid AS from, type(r) AS type, b.uid AS to, r.source AS source
UNION
UNWIND $docs AS doc
MATCH (:Document {uid: doc})-[:IMPLEMENTS|BASED_ON|CITES]->(a:Document)-[r:IMPLEMENTS|BASED_ON|CITES]->(b:Document)
RETURN doc, a.uid AS from, type(r) AS type, b.uid AS to, r.source AS source
"""
_DELETE_PARTS = {label: f"UNWIND $uids AS uid MATCH (x:{label} {{uid: uid}}) DETACH DELETE x" for label in _PART_LABELS}
_DELETE_ASSIGN = {
    (label, t): f"UNWIND $rows AS row MATCH (x:{label} {{uid: row.task}})-[r:{t}]->(a:Agency {{uid: row.agency}}) "
                "DELETE r"
    for label in _PART_LABELS for t in ROLE_TYPES.values()
}
_DELETE_EDGE = {
    t: f"UNWIND $rows AS row MATCH (a:Document {{uid: row.from}})-[r:{t}]->(b:Document {{uid: row.to}}) DELETE r"
    for t in sorted(set(REL_TYPES.values()))
}
_ORPHAN_AGENCIES = "UNWIND $uids AS uid MATCH (n:Agency {uid: uid}) WHERE NOT (n)--() DELETE n"
_ORPHAN_STUBS = "UNWIND $uids AS uid MATCH (n:Document {uid: uid}) WHERE n.stub = true AND NOT (n)--() DELETE n"

# What a file produced: its Source node, PRODUCED edges to its documents.
_SOURCE_DOCS = """
UNWIND $paths AS path
MATCH (s:Source {path: path})-[:PRODUCED]->(d:Document)
OPTIONAL MATCH (d)<-[:PRODUCED]-(o:Source)
WHERE o.path <> path
RETURN path, d.uid AS uid, count(o) AS others
"""
_SOURCES = """
UNWIND $rows AS row
MERGE (s:Source {path: row.path})
SET s.name = row.name, s.sha256 = row.sha256, s.extractor = row.extractor, s.province = row.province,
    s.ingested_at = row.at
WITH s, row
OPTIONAL MATCH (s)-[p:PRODUCED]->(d:Document)
WHERE d.uid <> row.doc
DELETE p
"""
_PRODUCE = """
UNWIND $rows AS row
MATCH (s:Source {path: row.path}), (d:Document {uid: row.doc})
MERGE (s)-[:PRODUCED]->(d)
"""
_DROP_SOURCE = "MATCH (s:Source {path: $path}) DETACH DELETE s"
_SAME_NAME = "MATCH (s:Source {name: $name}) WHERE s.path <> $path RETURN count(s) AS n"
# Removing documents a file no longer produces ({doc, source} rows): their parts, their citations
# from that file, then the document itself, or only its own fields while other documents cite it.
_RETRACT = (
    "UNWIND $rows AS row MATCH (x)-[:PART_OF]->(:Document {uid: row.doc}) DETACH DELETE x",
    """UNWIND $rows AS row
MATCH (:Document {uid: row.doc})-[r:IMPLEMENTS|BASED_ON|CITES]->(:Document)
WHERE r.source = row.source DELETE r""",
    """UNWIND $rows AS row
MATCH (d:Document {uid: row.doc})<-[:IMPLEMENTS|BASED_ON|CITES]-(:Document)
WITH DISTINCT d
SET d.stub = true, d.title = null, d.signer = null, d.source = null, d.led_tasks = null""",
    "UNWIND $rows AS row MATCH (d:Document {uid: row.doc}) WHERE d.stub = false DETACH DELETE d",
)
# Tasks and targets the store holds for the documents of some files (summaries).
_HELD = """
UNWIND $paths AS path
MATCH (s:Source {path: path})-[:PRODUCED]->(:Document)<-[:PART_OF]-(x)
RETURN labels(x)[0] AS label, count(DISTINCT x) AS n
"""
# Set before an ingest's first batch, removed once its last steps (succession, word weights) are done:
# an ingest that was stopped in between is finished by the next one even when no file changed.
_PENDING = "MERGE (p:Pending {uid: 'ingest'})"
_DONE = "MATCH (p:Pending {uid: 'ingest'}) DELETE p"
_IS_PENDING = "MATCH (p:Pending {uid: 'ingest'}) RETURN p.uid AS uid"
_STORED = "MATCH (s:Source) RETURN s.path AS path, s.sha256 AS sha256, s.extractor AS extractor, s.province AS province"


def source_key(path: Path) -> str:
    """A file's identity in the store: its absolute path."""
    return os.path.abspath(path)


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def extractor_version() -> str:
    """A digest of the code and data that turn a file into rows: a file whose content and extractor
    are unchanged since its last ingest gives the same rows and is skipped."""
    root = Path(__file__).resolve().parent.parent
    parts = [*sorted((root / "ingest").rglob("*.py")), *sorted((root / "ingest" / "data").glob("*.*")),
             root / "graph" / "model.py", root / "graph" / "search_index.py", root / "graph" / "load.py"]
    digest = hashlib.sha256()
    for part in parts:
        if part.is_file():
            digest.update(part.name.encode() + b"\0" + part.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class Prepared:
    """One file ready to load: its rows, its search-index units and what the Source node records."""

    source: str
    rows: dict[str, Any]
    units: list[dict[str, Any]]  # search-index rows of its document and tasks
    path: str | None = None
    sha256: str | None = None
    province: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def doc_uid(self) -> str:
        return str(self.rows["document"]["uid"])

    def size(self) -> int:
        r = self.rows
        return 1 + len(r["tasks"]) + len(r["targets"]) + len(r["assignments"]) + len(r["cited"])


def prepare(extraction: dict[str, Any], source: str, path: Path | None = None, text: str = "",
            province: str | None = None) -> Prepared:
    """Rows and search-index units of one extraction (``text``: the file's text, whose defined
    abbreviations the index writes out)."""
    r = rows(extraction, source)
    doc = r["document"]
    units = [{"label": "Document", "uid": doc["uid"], "text": " ".join(
        doc.get(k) or "" for k in ("symbol", "doc_type", "title", "issuer", "province"))}]
    units += list({t["uid"]: {"label": "Task", "uid": t["uid"], "text": t["text"]} for t in r["tasks"]}.values())
    return Prepared(source, r, search_index.index_rows(units, search_index.defined_abbreviations(text)),
                    source_key(path) if path is not None else None, file_digest(path) if path is not None else None,
                    province, list(extraction.get("warnings", [])))


def stored_sources(store: Store) -> dict[str, dict[str, Any]]:
    """Every file the store knows, by path: its sha256, extractor version and province override."""
    return {r["path"]: r for r in store.read(_STORED)}


def unchanged(known: dict[str, Any] | None, sha256: str, province: str | None) -> bool:
    """Would loading this file again give what the store holds?"""
    return known is not None and known["sha256"] == sha256 and known.get("extractor") == extractor_version() \
        and (known.get("province") or None) == (province or None)


def mark_pending(store: Store) -> None:
    store.write(_PENDING)


def pending(store: Store) -> bool:
    return bool(store.read(_IS_PENDING))


def mark_done(store: Store) -> None:
    store.write(_DONE)


def load(store: Store, extraction: dict[str, Any], source: str, path: Path | None = None) -> dict[str, int]:
    """Store one file's extraction in one transaction; returns counts of what it sent."""
    text = ""
    if path is not None:
        from policykg.ingest.read import read_text

        text = read_text(path)
    item = prepare(extraction, source, path, text)
    load_files(store, [item])
    r = item.rows
    return {"documents": 1 + len(r["cited"]), "tasks": len(r["tasks"]), "targets": len(r["targets"]),
            "agencies": len(r["agencies"]),
            "edges": len(r["citations"]) + len(r["links"]) + len(r["assignments"]) + len(r["tasks"])
            + len(r["targets"])}


@dataclass
class Old:
    """What the store holds for some documents before a batch: parts, assignments, citation edges."""

    # by document uid: {(label, uid)}, {(label, task, type, agency)}, {(from, type, to, source)}
    parts: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    assignments: dict[str, set[tuple[str, str, str, str]]] = field(default_factory=dict)
    edges: dict[str, set[tuple[str, str, str, str]]] = field(default_factory=dict)

    @classmethod
    def read(cls, store: Store, docs: list[str]) -> Old:
        old = cls()
        if docs:
            docs = [r["uid"] for r in store.read(_HELD_DOCS, {"docs": docs})]
        if not docs:
            return old
        for r in store.read(_OLD_PARTS, {"docs": docs}):
            old.parts.setdefault(r["doc"], set()).add((r["label"], r["uid"]))
        for r in store.read(_OLD_ASSIGN, {"docs": docs}):
            old.assignments.setdefault(r["doc"], set()).add((r["label"], r["task"], r["type"], r["agency"]))
        for r in store.read(_OLD_EDGES, {"docs": docs}):
            old.edges.setdefault(r["doc"], set()).add((r["from"], r["type"], r["to"], r["source"]))
        return old

    def part_uids(self) -> set[str]:
        """Uids of the tasks and targets the store holds for these documents."""
        return {uid for parts in self.parts.values() for _, uid in parts}

    def assigned(self) -> set[tuple[str, str, str]]:
        """(task, type, agency) of the assignments the store holds for these documents."""
        return {a[1:] for assignments in self.assignments.values() for a in assignments}

    def touched(self, docs: list[str]) -> tuple[set[str], set[str]]:
        """Agencies and documents these documents' parts and edges point to: what may be left alone."""
        agencies = {a[3] for d in docs for a in self.assignments.get(d, ())}
        documents = {u for d in docs for e in self.edges.get(d, ()) for u in (e[0], e[2]) if u != d}
        return agencies, documents


class Cleanup:
    """Deletions by key, gathered over a batch's files."""

    def __init__(self) -> None:
        self.parts: set[tuple[str, str]] = set()
        self.assignments: set[tuple[str, str, str, str]] = set()
        self.edges: set[tuple[str, str, str]] = set()

    def stale_edges(self, old: Old, docs: list[str], source: str, keep: set[tuple[str, str, str]]) -> None:
        """Citations and links ``source`` gave from these documents and gives no more."""
        self.edges |= {e[:3] for d in docs for e in old.edges.get(d, ()) if e[3] == source and e[:3] not in keep}

    def statements(self) -> list[Statement]:
        out: list[Statement] = []
        for label, query in _DELETE_PARTS.items():
            out.append((query, {"uids": sorted(u for lb, u in self.parts if lb == label)}))
        gone = {u for _, u in self.parts}
        for (label, rel_type), query in _DELETE_ASSIGN.items():
            rows_ = [{"task": t, "agency": a} for lb, t, ty, a in sorted(self.assignments)
                     if lb == label and ty == rel_type and t not in gone]
            out.append((query, {"rows": rows_}))
        for rel_type, query in _DELETE_EDGE.items():
            out.append((query, {"rows": [{"from": f, "to": t} for f, ty, t in sorted(self.edges) if ty == rel_type]}))
        return out


def load_files(store: Store, items: list[Prepared]) -> None:
    """Store a batch of files in one transaction. Files producing the same document or coming from
    the same path must be in different batches (``Batcher`` keeps them apart)."""
    if not items:
        return
    produced = _produced(store, [i.path for i in items if i.path])
    _resolve_unknown_years(store, items)
    docs_of = {id(i): sorted({i.doc_uid, *(uid for uid, _ in produced.get(i.path or "", []))}) for i in items}
    old = Old.read(store, sorted({d for ds in docs_of.values() for d in ds}))
    retract = [{"doc": uid, "source": i.source} for i in items if i.path
               for uid, others in produced.get(i.path, []) if uid != i.doc_uid and others == 0]
    cleanup = Cleanup()
    for i in items:
        r = i.rows
        cleanup.stale_edges(old, docs_of[id(i)], i.source,
                            {(e["from"], e["type"], e["to"]) for e in r["citations"] + r["links"]})
        keep = {t["uid"] for t in r["tasks"] + r["targets"]}
        cleanup.parts |= {p for p in old.parts.get(i.doc_uid, ()) if p[1] not in keep}
        assigned = {(a["task"], a["type"], a["agency"]) for a in r["assignments"]}
        cleanup.assignments |= {a for a in old.assignments.get(i.doc_uid, ()) if a[1:] not in assigned}
    agencies, documents = old.touched(sorted({d for ds in docs_of.values() for d in ds}))
    statements = cleanup.statements() + [(q, {"rows": retract}) for q in _RETRACT]
    statements += _rows_statements(items, old) + _source_statements(items)
    new = {r["uid"] for r in every(items, "tasks") + every(items, "targets")} - old.part_uids()
    statements += search_index.link_statements([u for i in items for u in i.units], new=new)
    statements += _orphans(agencies, documents | {r["doc"] for r in retract})
    store.write_many([s for s in statements if _has_rows(s)])


def _orphans(agencies: set[str], documents: set[str]) -> list[Statement]:
    return [(_ORPHAN_AGENCIES, {"uids": sorted(agencies)}), (_ORPHAN_STUBS, {"uids": sorted(documents)})]


def _has_rows(statement: Statement) -> bool:
    params = statement[1]
    return not any(k in params and not params[k] for k in ("rows", "uids", "words"))


def _produced(store: Store, paths: list[str]) -> dict[str, list[tuple[str, int]]]:
    out: dict[str, list[tuple[str, int]]] = {}
    if paths:
        for row in store.read(_SOURCE_DOCS, {"paths": paths}):
            out.setdefault(row["path"], []).append((row["uid"], row["others"]))
    return out


def _last(rows_: list[dict[str, Any]], *key: str) -> list[dict[str, Any]]:
    """One row per key, the last one given: what loading the files one after the other leaves (a MERGE
    meeting its own row twice in one statement keeps the first on FalkorDB, the last on Neo4j)."""
    return list({tuple(r[k] for k in key): r for r in rows_}.values())


def every(items: list[Prepared], kind: str) -> list[dict[str, Any]]:
    return [row for i in items for row in i.rows[kind]]


def _rows_statements(items: list[Prepared], old: Old) -> list[Statement]:
    """The batch's nodes and edges: merged where the store may hold them, created where ``old`` (what it
    holds for these documents) shows it does not."""
    held = old.part_uids()
    statements: list[Statement] = [
        (_DOCS, {"rows": [i.rows["document"] for i in items]}),
        (_CITED, {"rows": list({c["uid"]: c for c in reversed(every(items, "cited"))}.values())})]
    edges = _last(every(items, "citations") + every(items, "links"), "from", "type", "to")
    statements += [(q, {"rows": [e for e in edges if e["type"] == t]}) for t, q in _EDGE.items()]
    for merge, create, kind in ((_TASKS, _NEW_TASKS, "tasks"), (_TARGETS, _NEW_TARGETS, "targets")):
        parts = _last(every(items, kind), "uid")
        statements += [(merge, {"rows": [r for r in parts if r["uid"] in held]}),
                       (create, {"rows": [r for r in parts if r["uid"] not in held]})]
    statements.append((_AGENCIES, {"rows": _last(every(items, "agencies"), "uid")}))
    targets = {g["uid"] for g in every(items, "targets")}
    assigned = old.assigned()
    assignments = _last(every(items, "assignments"), "task", "type", "agency")
    for (label, rel_type), query in _ASSIGN.items():
        batch = [a for a in assignments if a["type"] == rel_type and (a["task"] in targets) == (label == "Target")]
        statements += [(query, {"rows": [a for a in batch if (a["task"], rel_type, a["agency"]) in assigned]}),
                       (_NEW_ASSIGN[label, rel_type],
                        {"rows": [a for a in batch if (a["task"], rel_type, a["agency"]) not in assigned]})]
    return statements


def _source_statements(items: list[Prepared]) -> list[Statement]:
    at = datetime.now(UTC).isoformat(timespec="seconds")
    rows_ = [{"path": i.path, "name": i.source, "sha256": i.sha256, "extractor": extractor_version(),
              "province": i.province, "at": at, "doc": i.doc_uid} for i in items if i.path]
    return [(_SOURCES, {"rows": rows_}), (_PRODUCE, {"rows": rows_})]


def _resolve_unknown_years(store: Store, items: list[Prepared]) -> None:
    """A citation without a year joins the one stored (or earlier in the batch) document it can be,
    else stays a stub."""
    unknown = [{"key": c["key"], "scope": c["scope"]} for i in items for c in i.rows["cited"] if c["year"] is None]
    if not unknown:
        return
    stored = {(r["key"], r["scope"]): set(r["candidates"]) for r in store.read(_RESOLVE, {"rows": unknown})}
    seen: dict[tuple[str, str], set[str]] = {}
    for item in items:
        r = item.rows
        rename = {}
        for c in r["cited"]:
            if c["year"] is None:
                cands = stored.get((c["key"], c["scope"]), set()) | seen.get((c["key"], c["scope"]), set())
                if len(cands) == 1:
                    rename[c["uid"]] = next(iter(cands))
        for doc in [r["document"], *r["cited"]]:
            if doc.get("year") is not None and doc.get("key"):
                seen.setdefault((doc["key"], doc["scope"]), set()).add(doc["uid"])
        if rename:
            r["cited"] = [c for c in r["cited"] if c["uid"] not in rename]
            for edge in r["citations"] + r["links"]:
                edge["from"] = rename.get(edge["from"], edge["from"])
                edge["to"] = rename.get(edge["to"], edge["to"])


def forget(store: Store, path: Path) -> int | None:
    """Remove everything a file produced, in one transaction; the number of documents removed,
    or None when the store does not know the file."""
    key = source_key(path)
    found = store.read("MATCH (s:Source {path: $path}) RETURN s.name AS name", {"path": key})
    if not found:
        return None
    name = found[0]["name"]
    produced = _produced(store, [key]).get(key, [])
    docs = [uid for uid, _ in produced]
    old = Old.read(store, docs)
    retract = [{"doc": uid, "source": name} for uid, others in produced if others == 0]
    cleanup = Cleanup()
    if store.read(_SAME_NAME, {"name": name, "path": key})[0]["n"] == 0:
        cleanup.stale_edges(old, docs, name, set())
    agencies, documents = old.touched(docs)
    statements = cleanup.statements() + [(q, {"rows": retract}) for q in _RETRACT]
    statements += [(_DROP_SOURCE, {"path": key}), *_orphans(agencies, documents | {r["doc"] for r in retract})]
    store.write_many([s for s in statements if _has_rows(s)])
    return len(retract)


def sources(store: Store) -> list[dict[str, Any]]:
    """Every file the store knows: path, sha256, ingested_at."""
    return store.read("MATCH (s:Source) RETURN s.path AS path, s.sha256 AS sha256, s.ingested_at AS ingested_at "
                      "ORDER BY path")


def held(store: Store, paths: list[Path]) -> dict[str, int]:
    """Tasks and targets the store holds for the documents these files produced."""
    out = {"Task": 0, "Target": 0}
    for row in store.read(_HELD, {"paths": sorted({source_key(p) for p in paths})}):
        out[row["label"]] += row["n"]
    return out


_EDGE_TYPES = "IMPLEMENTS|BASED_ON|CITES|PART_OF|ASSIGNED_TO|COORDINATES_WITH|MONITORED_BY|SUCCEEDED_BY"


def counts(store: Store) -> dict[str, int]:
    """Node and edge counts of the whole store (for summaries and idempotency checks); files
    (Source nodes) are counted apart and their PRODUCED edges not among the edges, nor the search
    index (Term nodes, HAS_TERM edges) nor users' status reports."""
    out = dict.fromkeys(("Document", "Task", "Target", "Agency", "Source"), 0)
    for label in out:
        out[label] = store.read(f"MATCH (n:{label}) RETURN count(n) AS n")[0]["n"]
    out["edges"] = store.read(f"MATCH ()-[r:{_EDGE_TYPES}]->() RETURN count(r) AS n")[0]["n"]
    return out
