"""Batched, idempotent loading of one file: ``UNWIND $rows … MERGE``, one transaction.

A file's document, rows, edges, clean-up and its ``(:Source {path, sha256, ingested_at})``
node are written as one transaction on both stores: visible all at once or not at all.
The Source node knows which documents the file produced (``PRODUCED``), so re-loading a
file replaces everything it produced, whatever its number became (a document it no longer
produces is removed, or kept as a stub while other documents cite it), and ``forget``
removes a file's contribution. Nodes left with no edges (stubs, agencies) are removed.
"""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from policykg.graph.model import REL_TYPES, ROLE_TYPES, rows
from policykg.graph.stores import Store

_DOC = """
MERGE (d:Document {uid: $doc.uid})
SET d.key = $doc.key, d.scope = $doc.scope, d.year = $doc.year, d.symbol = $doc.symbol,
    d.doc_type = $doc.doc_type, d.title = $doc.title, d.issuer = $doc.issuer,
    d.province = $doc.province, d.issued_date = $doc.issued_date, d.signer = $doc.signer,
    d.source = $doc.source, d.stub = false
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
RETURN row.uid AS wanted, collect(d.uid) AS candidates
"""
# Relationship types cannot be parameters: one constant statement per type.
_EDGE = {
    t: f"""
UNWIND $rows AS row
MATCH (a {{uid: row.from}}), (b:Document {{uid: row.to}})
MERGE (a)-[r:{t}]->(b)
SET r.relation = row.relation, r.source = row.source, r.quote = row.quote
"""
    for t in set(REL_TYPES.values())
}
_TASKS = """
UNWIND $rows AS row
MATCH (d:Document {uid: row.doc})
MERGE (t:Task {uid: row.uid})
SET t.path = row.path, t.text = row.text, t.deadline = row.deadline, t.timeframe = row.timeframe,
    t.product = row.product, t.funding = row.funding, t.also_at = row.also_at,
    t.source = row.source, t.span = row.span
MERGE (t)-[p:PART_OF]->(d)
SET p.source = row.source, p.quote = row.quote
"""
_TARGETS = """
UNWIND $rows AS row
MATCH (d:Document {uid: row.doc})
MERGE (t:Target {uid: row.uid})
SET t.path = row.path, t.text = row.text, t.value = row.value, t.year = row.year,
    t.source = row.source, t.span = row.span
MERGE (t)-[p:PART_OF]->(d)
SET p.source = row.source, p.quote = row.quote
"""
_AGENCIES = """
UNWIND $rows AS row
MERGE (a:Agency {uid: row.uid})
SET a.name = row.name, a.kind = row.kind, a.province = row.province, a.listed = row.listed
"""
_ASSIGN = {
    t: f"""
UNWIND $rows AS row
MATCH (t {{uid: row.task}}), (a:Agency {{uid: row.agency}})
MERGE (t)-[r:{t}]->(a)
SET r.source = row.source, r.quote = row.quote
"""
    for t in ROLE_TYPES.values()
}
_STALE_PARTS = """
MATCH (x)-[:PART_OF]->(d:Document {uid: $doc})
WHERE NOT x.uid IN $keep
DETACH DELETE x
"""
_STALE_ASSIGN = """
MATCH (x)-[:PART_OF]->(:Document {uid: $doc})
MATCH (x)-[r]->(a:Agency)
WHERE NOT (x.uid + '>' + type(r) + '>' + a.uid) IN $keep
DELETE r
"""
_STALE_CITES = """
MATCH (a:Document)-[r]->(b:Document)
WHERE r.source = $source AND NOT (a.uid + '>' + type(r) + '>' + b.uid) IN $keep
DELETE r
"""
_ORPHANS = """
MATCH (n)
WHERE (n:Agency OR (n:Document AND n.stub = true)) AND NOT (n)--()
DELETE n
"""


# What a file produced: its Source node, PRODUCED edges to its documents.
_SOURCE_DOCS = """
MATCH (s:Source {path: $path})-[:PRODUCED]->(d:Document)
OPTIONAL MATCH (d)<-[:PRODUCED]-(o:Source)
WHERE o.path <> $path
RETURN d.uid AS uid, count(o) AS others
"""
_SOURCE = """
MERGE (s:Source {path: $path})
SET s.name = $name, s.sha256 = $sha256, s.ingested_at = $at
"""
_UNPRODUCE = "MATCH (s:Source {path: $path})-[p:PRODUCED]->(d:Document) WHERE d.uid <> $doc DELETE p"
_PRODUCE = "MATCH (s:Source {path: $path}), (d:Document {uid: $doc}) MERGE (s)-[:PRODUCED]->(d)"
_DROP_SOURCE = "MATCH (s:Source {path: $path}) DETACH DELETE s"
_SAME_NAME = "MATCH (s:Source {name: $name}) WHERE s.path <> $path RETURN count(s) AS n"
# Removing a document a file no longer produces: its parts, its citations from that file,
# then the document itself, or only its own fields while other documents still cite it.
_RETRACT = (
    "MATCH (x)-[:PART_OF]->(:Document {uid: $doc}) DETACH DELETE x",
    "MATCH (:Document {uid: $doc})-[r]->(:Document) WHERE r.source = $source DELETE r",
    """MATCH (d:Document {uid: $doc})<-[r]-(:Document)
WITH DISTINCT d
SET d.stub = true, d.title = null, d.signer = null, d.source = null""",
    "MATCH (d:Document {uid: $doc}) WHERE d.stub = false DETACH DELETE d",
)
# Tasks and targets the store holds for the documents of some files (summaries).
_HELD = """
MATCH (s:Source)-[:PRODUCED]->(:Document)<-[:PART_OF]-(x)
WHERE s.path IN $paths
RETURN labels(x)[0] AS label, count(DISTINCT x) AS n
"""


def source_key(path: Path) -> str:
    """A file's identity in the store: its absolute path."""
    return os.path.abspath(path)


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load(store: Store, extraction: dict[str, Any], source: str, path: Path | None = None) -> dict[str, int]:
    """Store one file's extraction in one transaction; returns counts of what it sent."""
    r = rows(extraction, source)
    _resolve_unknown_years(store, r)
    doc_uid = r["document"]["uid"]
    before, after = _source_statements(store, path, source, doc_uid) if path is not None else ([], [])
    statements: list[tuple[str, dict[str, Any]]] = [*before, (_DOC, {"doc": r["document"]})]
    if r["cited"]:
        statements.append((_CITED, {"rows": r["cited"]}))
    edges = r["citations"] + r["links"]
    for rel_type, query in _EDGE.items():
        batch = [e for e in edges if e["type"] == rel_type]
        if batch:
            statements.append((query, {"rows": batch}))
    if r["tasks"]:
        statements.append((_TASKS, {"rows": r["tasks"]}))
    if r["targets"]:
        statements.append((_TARGETS, {"rows": r["targets"]}))
    if r["agencies"]:
        statements.append((_AGENCIES, {"rows": r["agencies"]}))
    for rel_type, query in _ASSIGN.items():
        batch = [a for a in r["assignments"] if a["type"] == rel_type]
        if batch:
            statements.append((query, {"rows": batch}))
    keep_parts = [t["uid"] for t in r["tasks"]] + [g["uid"] for g in r["targets"]]
    keep_assign = [f"{a['task']}>{a['type']}>{a['agency']}" for a in r["assignments"]]
    keep_cites = [f"{e['from']}>{e['type']}>{e['to']}" for e in edges]
    statements += [
        (_STALE_PARTS, {"doc": doc_uid, "keep": keep_parts}),
        (_STALE_ASSIGN, {"doc": doc_uid, "keep": keep_assign}),
        (_STALE_CITES, {"source": source, "keep": keep_cites}),
    ]
    statements += [*after, (_ORPHANS, {})]
    store.write_many(statements)
    return {"documents": 1 + len(r["cited"]), "tasks": len(r["tasks"]), "targets": len(r["targets"]),
            "agencies": len(r["agencies"]), "edges": len(edges) + len(r["assignments"]) + len(keep_parts)}


def _source_statements(store: Store, path: Path, source: str, doc_uid: str) -> tuple[list, list]:
    """Before the rows: retract the documents this file produced and no longer does (and no
    other file produces). After: its Source node and PRODUCED edge."""
    key = source_key(path)
    before = [(q, {"doc": row["uid"], "source": source})
              for row in store.read(_SOURCE_DOCS, {"path": key})
              if row["uid"] != doc_uid and row["others"] == 0 for q in _RETRACT]
    after = [
        (_SOURCE, {"path": key, "name": source, "sha256": file_digest(path),
                   "at": datetime.now(UTC).isoformat(timespec="seconds")}),
        (_UNPRODUCE, {"path": key, "doc": doc_uid}),
        (_PRODUCE, {"path": key, "doc": doc_uid}),
    ]
    return before, after


def _resolve_unknown_years(store: Store, r: dict[str, Any]) -> None:
    """A citation without a year joins the one stored document it can be, else stays a stub."""
    unknown = [c for c in r["cited"] if c["year"] is None]
    if not unknown:
        return
    found = {row["wanted"]: row["candidates"] for row in store.read(_RESOLVE, {"rows": unknown})}
    rename = {old: cands[0] for old, cands in found.items() if len(set(cands)) == 1}
    if not rename:
        return
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
    produced = store.read(_SOURCE_DOCS, {"path": key})
    statements = [(q, {"doc": row["uid"], "source": name}) for row in produced if row["others"] == 0
                  for q in _RETRACT]
    if store.read(_SAME_NAME, {"name": name, "path": key})[0]["n"] == 0:
        statements.append((_STALE_CITES, {"source": name, "keep": []}))
    statements += [(_DROP_SOURCE, {"path": key}), (_ORPHANS, {})]
    store.write_many(statements)
    return sum(1 for row in produced if row["others"] == 0)


def sources(store: Store) -> list[dict[str, Any]]:
    """Every file the store knows: path, sha256, ingested_at."""
    return store.read("MATCH (s:Source) RETURN s.path AS path, s.sha256 AS sha256, s.ingested_at AS ingested_at "
                      "ORDER BY path")


def held(store: Store, paths: list[Path]) -> dict[str, int]:
    """Tasks and targets the store holds for the documents these files produced."""
    out = {"Task": 0, "Target": 0}
    for row in store.read(_HELD, {"paths": [source_key(p) for p in paths]}):
        out[row["label"]] = row["n"]
    return out


def counts(store: Store) -> dict[str, int]:
    """Node and edge counts of the whole store (for summaries and idempotency checks); files
    (Source nodes) are counted apart and their PRODUCED edges not among the edges."""
    out = dict.fromkeys(("Document", "Task", "Target", "Agency", "Source"), 0)
    for row in store.read("MATCH (n) RETURN labels(n)[0] AS label, count(n) AS n"):
        if row["label"] in out:  # not the search index (Term) nor users' StatusReport nodes
            out[row["label"]] = row["n"]
    out["edges"] = store.read("MATCH ()-[r]->() WHERE NOT type(r) IN ['PRODUCED', 'HAS_TERM', 'REPORTS_ON'] "
                              "RETURN count(r) AS n")[0]["n"]
    return out
