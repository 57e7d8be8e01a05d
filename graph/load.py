"""Batched, idempotent loading of one extraction: ``UNWIND $rows … MERGE``.

New rows are written first and stale ones removed after, so a failure part-way
never loses what was stored; on Neo4j the whole document is one transaction.
Re-loading a changed file replaces its tasks, targets and citation edges and
removes nodes left with no edges (stubs, agencies).
"""

from __future__ import annotations

from typing import Any

from graph.model import REL_TYPES, ROLE_TYPES, rows
from graph.stores import Store

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


def load(store: Store, extraction: dict[str, Any], source: str) -> dict[str, int]:
    """Store one extraction; returns counts of what it holds."""
    r = rows(extraction, source)
    _resolve_unknown_years(store, r)
    doc_uid = r["document"]["uid"]
    statements: list[tuple[str, dict[str, Any]]] = [(_DOC, {"doc": r["document"]})]
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
        (_ORPHANS, {}),
    ]
    store.write_many(statements)
    return {"documents": 1 + len(r["cited"]), "tasks": len(r["tasks"]), "targets": len(r["targets"]),
            "agencies": len(r["agencies"]), "edges": len(edges) + len(r["assignments"]) + len(keep_parts)}


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


def counts(store: Store) -> dict[str, int]:
    """Node and edge counts of the whole store (for summaries and idempotency checks)."""
    out = dict.fromkeys(("Document", "Task", "Target", "Agency"), 0)
    for row in store.read("MATCH (n) RETURN labels(n)[0] AS label, count(n) AS n"):
        if row["label"] in out:  # not the search index (Term) nor users' StatusReport nodes
            out[row["label"]] = row["n"]
    out["edges"] = store.read("MATCH ()-[r]->() WHERE NOT type(r) IN ['HAS_TERM', 'REPORTS_ON'] "
                              "RETURN count(r) AS n")[0]["n"]
    return out
