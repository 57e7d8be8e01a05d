"""Export the stored graph to networkx (for notebooks, analysis and the graph page)."""

from __future__ import annotations

import networkx as nx

from graph.stores import Store

# One row per node with every property a reader may want; a property a node lacks is null.
# Files (Source nodes, PRODUCED edges) are the store's bookkeeping, not part of the policy graph.
_NODES = """
MATCH (n)
WHERE n:Document OR n:Task OR n:Target OR n:Agency
RETURN n.uid AS uid, labels(n)[0] AS label, coalesce(n.symbol, n.name, n.path) AS name,
       n.key AS key, n.year AS year, n.symbol AS symbol, n.doc_type AS doc_type, n.title AS title,
       n.issuer AS issuer, n.province AS province, n.issued_date AS issued_date, n.stub AS stub,
       n.path AS path, n.text AS text, n.deadline AS deadline, n.timeframe AS timeframe,
       n.value AS value, n.kind AS kind, n.listed AS listed, n.source AS source
"""
# Not the search index (Term nodes, HAS_TERM edges) nor users' status reports (REPORTS_ON).
_EDGES = """
MATCH (a)-[r]->(b)
WHERE NOT type(r) IN ['PRODUCED', 'HAS_TERM', 'REPORTS_ON']
RETURN a.uid AS source, b.uid AS target, type(r) AS type, r.quote AS quote
"""


def to_networkx(store: Store) -> nx.MultiDiGraph:
    """Every node (keyed by uid; label, name and its properties) and every edge (type and quote)."""
    graph = nx.MultiDiGraph()
    for row in store.read(_NODES):
        uid = row.pop("uid")
        graph.add_node(uid, **row)
    for row in store.read(_EDGES):
        graph.add_edge(row["source"], row["target"], type=row["type"], quote=row["quote"])
    return graph
