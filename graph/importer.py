"""`policykg import`: load a JSON (node-link) or CSV (neo4j-admin headers) export into an empty store.

Nodes are created label by label and edges type by type in batches (``UNWIND $rows``); labels and types
come from the export but only plain names are written into Cypher, everything else travels as
parameters. Then the search index is rebuilt from the folded text each node carries (so search answers
as on the exported store). The store must be empty; when a batch fails, what was written is removed
again, so the store is left as it was (empty).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx
from policykg.graph import search_index
from policykg.graph.errors import StoreError
from policykg.graph.export import ARRAY_DELIMITER, ExportError, _name, key_of
from policykg.graph.stores import Store

BATCH = 1000
_TYPED = re.compile(r"^(?P<name>[^:]*):(?P<type>[A-Za-z]+(?:\[\])?|ID|START_ID|END_ID)(?:\((?P<space>\w+)\))?$")


class ImportError_(StoreError):  # noqa: N801 - not the builtin ImportError
    """An export that cannot be imported (one line saying why)."""


def read_json(path: Path) -> nx.MultiDiGraph:
    try:
        data = json.loads(path.read_text("utf-8"))
        graph = nx.MultiDiGraph()
        for node in data["nodes"]:
            graph.add_node(node["id"], label=node["label"], **node["properties"])
        for link in data["links"]:
            graph.add_edge(link["source"], link["target"], type=link["type"], **link["properties"])
        return graph
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ImportError_(f"{path}: not a policykg JSON export ({type(exc).__name__}: {exc})") from None


def parse_csv(text: str) -> list[list[str | None]]:
    """Rows of CSV text; an empty unquoted field is None (null), a quoted one a string, "" included."""
    rows: list[list[str | None]] = []
    row: list[str | None] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == '"':
            end, parts = i + 1, []
            while True:
                close = text.index('"', end)
                parts.append(text[end:close])
                if text.startswith('""', close):
                    parts.append('"')
                    end = close + 2
                else:
                    break
            row.append("".join(parts))
            i = close + 1 + text.startswith("\r\n", close + 1)
        else:
            stop = min((j for j in (text.find(",", i), text.find("\n", i)) if j >= 0), default=n)
            field = text[i:stop].rstrip("\r")
            row.append(field if field else None)
            i = stop
        if i >= n or text[i] == "\n":
            rows.append(row)
            row = []
        i += 1
    return rows


def _convert(value: str | None, kind: str) -> Any:
    """A CSV field as the type its header names (an empty field is no value; "" an empty array or string)."""
    if value is None:
        return None
    if kind.endswith("[]"):
        return [_convert(v, kind[:-2]) for v in value.split(ARRAY_DELIMITER)] if value else []
    if kind == "boolean":
        return value == "true"
    if kind in ("long", "int", "short", "byte"):
        return int(value)
    if kind in ("double", "float"):
        return float(value)
    return value


def _columns(header: list[str]) -> list[tuple[str, str]]:
    """(field or role, type) per column: ':LABEL', ':ID', ':START_ID', ':END_ID', ':TYPE' or a typed field."""
    out = []
    for column in header:
        m = _TYPED.match(column)
        if column in (":LABEL", ":TYPE"):
            out.append((column, "string"))
        elif m and m["type"] in ("ID", "START_ID", "END_ID"):
            out.append((f":{m['type']}", m["name"] or ""))
        elif m:
            out.append((m["name"], m["type"]))
        else:
            out.append((column, "string"))
    return out


def _read_table(path: Path) -> tuple[list[tuple[str, str]], list[list[str | None]]]:
    try:
        rows = parse_csv(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ImportError_(f"{path}: not a CSV file ({exc})") from None
    if not rows:
        raise ImportError_(f"{path}: empty file")
    return _columns([c or "" for c in rows[0]]), rows[1:]


def read_csv(folder: Path) -> nx.MultiDiGraph:
    """The graph of a folder of nodes-*.csv and edges-*.csv files (as ``policykg export --format csv`` writes)."""
    graph = nx.MultiDiGraph()
    node_files, edge_files = sorted(folder.glob("nodes-*.csv")), sorted(folder.glob("edges-*.csv"))
    if not node_files:
        raise ImportError_(f"{folder}: no nodes-*.csv files (a folder written by `policykg export --format csv`)")
    for path in node_files:
        columns, rows = _read_table(path)
        for row in rows:
            values = dict(zip(columns, row))
            label = values.pop((":LABEL", "string"))
            key = next(v for (name, _), v in values.items() if name == ":ID")
            props = {name: _convert(v, kind) for (name, kind), v in values.items() if name != ":ID"}
            id_field = next(kind for name, kind in columns if name == ":ID")
            graph.add_node(key, label=label, **{id_field: key}, **{k: v for k, v in props.items() if v is not None})
    for path in edge_files:
        columns, rows = _read_table(path)
        for row in rows:
            cells = {name: (v, kind) for (name, kind), v in zip(columns, row)}
            props = {n: _convert(v, k) for n, (v, k) in cells.items() if not n.startswith(":")}
            graph.add_edge(cells[":START_ID"][0], cells[":END_ID"][0], type=cells[":TYPE"][0],
                           **{k: v for k, v in props.items() if v is not None})
    return graph


def read(path: Path) -> nx.MultiDiGraph:
    if path.is_dir():
        return read_csv(path)
    if path.suffix.lower() == ".json":
        return read_json(path)
    raise ImportError_(f"{path}: import reads a JSON export (.json) or a CSV export folder; replay a Cypher "
                       "export with cypher-shell -f, open GraphML in Gephi or yEd")


def _statements(graph: nx.MultiDiGraph) -> list[tuple[str, list[dict[str, Any]]]]:
    """(statement, rows) batches: nodes label by label, then edges by (start label, type, end label)."""
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n, d in graph.nodes(data=True):
        if "label" not in d:
            raise ImportError_(f"an edge names '{n}', a node the export does not hold")
        nodes[d["label"]].append({k: v for k, v in d.items() if k != "label"})
    edges: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for a, b, d in graph.edges(data=True):
        edges[(graph.nodes[a]["label"], d["type"], graph.nodes[b]["label"])].append(
            {"s": a, "e": b, "p": {k: v for k, v in d.items() if k != "type"}})
    out = []
    for label, rows in sorted(nodes.items()):
        query = f"UNWIND $rows AS row CREATE (n:{_name(label)}) SET n = row"
        out += [(query, rows[i:i + BATCH]) for i in range(0, len(rows), BATCH)]
    for (start, rel, end), rows in sorted(edges.items()):
        query = (f"UNWIND $rows AS row MATCH (a:{_name(start)} {{{key_of(start)}: row.s}}) "
                 f"MATCH (b:{_name(end)} {{{key_of(end)}: row.e}}) CREATE (a)-[r:{_name(rel)}]->(b) SET r = row.p")
        out += [(query, rows[i:i + BATCH]) for i in range(0, len(rows), BATCH)]
    return out


def load(store: Store, path: Path) -> dict[str, int]:
    """Import an export into an empty store; returns the nodes and edges created."""
    held = store.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    if held:
        raise ImportError_(f"the store is not empty ({held} nodes): import loads into an empty store "
                           "(`policykg reset` empties one)")
    try:
        graph = read(path)
        for query, rows in _statements(graph):
            store.write(query, {"rows": rows})
        search_index.reindex(store)
    except (StoreError, ExportError) as exc:
        store.write("MATCH (n) DETACH DELETE n")
        raise ImportError_(f"{path}: {exc} (nothing was kept: the store is empty again)") from None
    return {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
