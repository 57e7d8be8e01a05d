"""Export the stored graph to networkx (for notebooks and analysis)."""

from __future__ import annotations

import networkx as nx

from graph.stores import Store

_NODES = "MATCH (n) RETURN n.uid AS uid, labels(n)[0] AS label, coalesce(n.symbol, n.name, n.path) AS name"
_EDGES = "MATCH (a)-[r]->(b) RETURN a.uid AS source, b.uid AS target, type(r) AS type, r.quote AS quote"


def to_networkx(store: Store) -> nx.MultiDiGraph:
    """Every node (by uid, with label and name) and every edge (with type and quote)."""
    graph = nx.MultiDiGraph()
    for row in store.read(_NODES):
        graph.add_node(row["uid"], label=row["label"], name=row["name"])
    for row in store.read(_EDGES):
        graph.add_edge(row["source"], row["target"], type=row["type"], quote=row["quote"])
    return graph
