"""The graph as networkx, and exported to the tools people already use.

``to_networkx(store)`` reads the policy graph (documents, tasks, targets, agencies and the edges between
them); with ``everything=True`` also the files (Source, PRODUCED) and users' status reports
(StatusReport, REPORTS_ON): the whole store but its search index, which ``policykg import`` rebuilds.
Nodes are keyed by uid (a Source by its path), with ``label`` and every stored field; edges carry
``type`` and every stored field.

Formats (``write``):

- ``graphml``: one file for Gephi, yEd, Cytoscape or networkx. Every node has ``type`` (its label),
  ``label`` (symbol, name or path: the label Gephi shows) and its fields; every edge ``type`` and
  ``label`` (its type) and its fields. Each attribute has one declared type (boolean, long or string;
  lists are JSON text); the search index's fields are left out.
- ``json``: node-link JSON (as networkx's ``node_link_graph(data, edges="links")`` and d3 read it):
  nodes ``{id, label, properties}``, links ``{source, target, key, type, properties}``.
- ``csv``: a folder of CSV files with ``neo4j-admin database import`` headers, one per label
  (``nodes-Document.csv``: ``uid:ID(Document)``, ``:LABEL``, typed fields such as ``stub:boolean``,
  ``also_at:string[]``; null is an empty field, every value is quoted, an empty string too) and one per
  relationship type and end labels (``edges-Task-ASSIGNED_TO-Agency.csv``:
  ``:START_ID(Task)``, ``:END_ID(Agency)``, ``:TYPE``, fields). Arrays are joined by ``;``.
- ``cypher``: a script of batched ``UNWIND [...] AS row MERGE ...`` statements, one per line, that
  can be replayed (``cypher-shell -f``) any number of times; Neo4j's constraints come first.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policykg.graph.errors import StoreError
from policykg.graph.stores import _NEO4J_CONSTRAINTS, Store

if TYPE_CHECKING:
    import networkx as nx

FORMATS = ("graphml", "json", "csv", "cypher")
POLICY_LABELS = ("Document", "Task", "Target", "Agency")
INDEX_FIELDS = ("folded", "words")  # the search index's, on tasks, documents and agencies
ARRAY_DELIMITER = ";"
BATCH = 500  # rows per statement of the Cypher script
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_NODES = """
MATCH (n)
WHERE NOT n:Term AND ($everything OR n:Document OR n:Task OR n:Target OR n:Agency)
RETURN labels(n)[0] AS label, properties(n) AS properties
"""
_EDGES = """
MATCH (a)-[r]->(b)
WHERE type(r) <> 'HAS_TERM' AND ($everything OR NOT type(r) IN ['PRODUCED', 'REPORTS_ON'])
RETURN coalesce(a.uid, a.path) AS source, coalesce(b.uid, b.path) AS target, type(r) AS type,
       properties(r) AS properties
"""


class ExportError(StoreError):
    """An export that cannot be written as asked (one line saying why)."""


def key_of(label: str) -> str:
    """The field that identifies a node of ``label``: its uid, a file's path."""
    return "path" if label == "Source" else "uid"


def to_networkx(store: Store, everything: bool = False) -> nx.MultiDiGraph:
    """The stored graph (see the module docstring)."""
    import networkx as nx  # imported by exports, not by every command

    graph = nx.MultiDiGraph()
    for row in store.read(_NODES, {"everything": everything}):
        fields = dict(row["properties"])
        graph.add_node(fields[key_of(row["label"])], label=row["label"], **fields)
    for row in store.read(_EDGES, {"everything": everything}):
        graph.add_edge(row["source"], row["target"], type=row["type"], **dict(row["properties"]))
    return graph


def display(data: dict[str, Any]) -> str:
    return str(data.get("symbol") or data.get("name") or data.get("path") or data.get("uid") or "")


def fields(data: dict[str, Any], skip: tuple[str, ...] = ("label", "type")) -> dict[str, Any]:
    """A node's or edge's stored fields (not the label or type networkx keeps beside them)."""
    return {k: v for k, v in data.items() if k not in skip and v is not None}


# GraphML ---------------------------------------------------------------------------------------------

def _one_type(values: list[Any]) -> type:
    kinds = {type(v) for v in values}
    return kinds.pop() if len(kinds) == 1 and kinds <= {bool, int, float, str} else str


def _typed(items: Iterator[dict[str, Any]]) -> list[dict[str, Any]]:
    """Attribute maps where each name has one type (lists as JSON text; mixed types as text)."""
    rows = [{k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in item.items()}
            for item in items]
    values: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        for k, v in row.items():
            values[k].append(v)
    kinds = {k: _one_type(v) for k, v in values.items()}
    return [{k: v if kinds[k] is not str else str(v) for k, v in row.items()} for row in rows]


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> None:
    import networkx as nx

    out = nx.MultiDiGraph()
    uids = list(graph.nodes)
    node_rows = _typed({"type": d["label"], "label": display(d), **fields(d, ("label", "type") + INDEX_FIELDS)}
                       for _, d in graph.nodes(data=True))
    for uid, row in zip(uids, node_rows):
        out.add_node(uid, **row)
    edges = list(graph.edges(keys=True, data=True))
    edge_rows = _typed({"type": d["type"], "label": d["type"], **fields(d)} for *_, d in edges)
    for (a, b, k, _), row in zip(edges, edge_rows):
        out.add_edge(a, b, key=k, **row)
    nx.write_graphml(out, path, encoding="utf-8")


# Node-link JSON ---------------------------------------------------------------------------------------

def node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Nodes {id, label, properties}, links {source, target, key, type, properties}: fields kept apart so
    that an edge's own ``source`` (its file) never meets the link's."""
    return {
        "directed": True, "multigraph": True,
        "graph": {"source": "policykg", **{k: v for k, v in graph.graph.items() if isinstance(v, str)}},
        "nodes": [{"id": n, "label": d["label"], "properties": fields(d)} for n, d in graph.nodes(data=True)],
        "links": [{"source": a, "target": b, "key": k, "type": d["type"], "properties": fields(d)}
                  for a, b, k, d in graph.edges(keys=True, data=True)],
    }


def write_json(graph: nx.MultiDiGraph, path: Path) -> None:
    path.write_text(json.dumps(node_link(graph), ensure_ascii=False, indent=1), "utf-8")


# CSV for neo4j-admin database import ------------------------------------------------------------------

_CSV_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def _column_type(values: list[Any]) -> str:
    """The neo4j-admin type of a column: boolean, long, double, string, or an array of one of them."""
    if values and all(isinstance(v, list) for v in values):
        items = [i for v in values for i in v]
        return _CSV_TYPES[_one_type(items)] + "[]" if items else "string[]"
    return _CSV_TYPES[_one_type(values)] if values else "string"


def _cell(value: Any) -> str:
    """A CSV field: null is an empty field, any value (an empty string too) is quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list):
        if any(ARRAY_DELIMITER in str(v) for v in value):
            raise ExportError(f"a list value holds '{ARRAY_DELIMITER}', the CSV array delimiter: {value!r}")
        text = ARRAY_DELIMITER.join("true" if v is True else "false" if v is False else str(v) for v in value)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return '"' + text.replace('"', '""') + '"'


def _header(rows: list[dict[str, Any]], first: list[str]) -> list[tuple[str, str]]:
    """(field, header) pairs: the fixed columns, then each field with its type (strings untyped)."""
    names = sorted({k for r in rows for k in r})
    out = []
    for name in names:
        kind = _column_type([r[name] for r in rows if name in r])
        out.append((name, name if kind == "string" else f"{name}:{kind}"))
    return [(f, f) for f in first] + out


def _write_table(path: Path, header: list[tuple[str, str]], rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(",".join(_cell(h) for _, h in header) + "\n")
        for row in rows:
            f.write(",".join(_cell(row.get(name)) for name, _ in header) + "\n")


def write_csv(graph: nx.MultiDiGraph, folder: Path) -> list[Path]:
    """One CSV file per label and per (start label, type, end label); returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for _, d in graph.nodes(data=True):
        by_label[d["label"]].append(fields(d))
    for label, rows in sorted(by_label.items()):
        key = key_of(label)
        header = [(key, f"{key}:ID({label})"), (":LABEL", ":LABEL")]
        header += [h for h in _header(rows, []) if h[0] != key]
        _write_table(folder / f"nodes-{label}.csv", header, [{**r, ":LABEL": label} for r in rows])
        written.append(folder / f"nodes-{label}.csv")
    by_type: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for a, b, d in graph.edges(data=True):
        start, end = graph.nodes[a]["label"], graph.nodes[b]["label"]
        by_type[(start, d["type"], end)].append({":START_ID": a, ":END_ID": b, ":TYPE": d["type"], **fields(d)})
    for (start, rel, end), rows in sorted(by_type.items()):
        header = [(":START_ID", f":START_ID({start})"), (":END_ID", f":END_ID({end})"), (":TYPE", ":TYPE")]
        header += _header([{k: v for k, v in r.items() if not k.startswith(":")} for r in rows], [])
        name = folder / f"edges-{start}-{rel}-{end}.csv"
        _write_table(name, header, rows)
        written.append(name)
    return written


def neo4j_admin_command(files: list[Path], database: str = "neo4j") -> str:
    """The command that loads a CSV export into a new Neo4j database (run with the server stopped), one
    option per line; the database name comes first (Neo4j 5.19 and later read it there)."""
    options = ["--overwrite-destination", "--multiline-fields=true", f"--array-delimiter='{ARRAY_DELIMITER}'"]
    options += [f"--nodes={f}" for f in files if f.name.startswith("nodes-")]
    options += [f"--relationships={f}" for f in files if f.name.startswith("edges-")]
    return " \\\n    ".join([f"neo4j-admin database import full {database}", *options])


# Replayable Cypher -----------------------------------------------------------------------------------

def literal(value: Any) -> str:
    """A Cypher literal: strings as JSON strings (Cypher reads the same escapes), maps with quoted keys."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"`{str(k).replace('`', '``')}`: {literal(v)}" for k, v in value.items()) + "}"
    return json.dumps(str(value), ensure_ascii=False)


def _name(text: str) -> str:
    """A label or relationship type written into Cypher: only plain names (never user text)."""
    if not _NAME.match(text):
        raise ExportError(f"'{text}' is not a plain label or relationship type")
    return text


def _batches(rows: list[Any]) -> Iterator[list[Any]]:
    for i in range(0, len(rows), BATCH):
        yield rows[i:i + BATCH]


def cypher_script(graph: nx.MultiDiGraph) -> Iterator[str]:
    """The statements of the script, one per line."""
    yield "// policykg export: replay with `cypher-shell -f FILE` (or any Cypher client, statement by statement)."
    yield "// Every statement MERGEs: running the script again changes nothing."
    yield from (f"{s};" for s in _NEO4J_CONSTRAINTS)
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for uid, d in graph.nodes(data=True):
        by_label[d["label"]].append({"k": uid, "p": fields(d)})
    for label, rows in sorted(by_label.items()):
        for batch in _batches(rows):
            yield (f"UNWIND {literal(batch)} AS row MERGE (n:{_name(label)} {{{key_of(label)}: row.k}}) "
                   "SET n += row.p;")
    by_type: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for a, b, d in graph.edges(data=True):
        by_type[(graph.nodes[a]["label"], d["type"], graph.nodes[b]["label"])].append(
            {"s": a, "e": b, "p": fields(d)})
    for (start, rel, end), rows in sorted(by_type.items()):
        for batch in _batches(rows):
            yield (f"UNWIND {literal(batch)} AS row MATCH (a:{_name(start)} {{{key_of(start)}: row.s}}) "
                   f"MATCH (b:{_name(end)} {{{key_of(end)}: row.e}}) MERGE (a)-[r:{_name(rel)}]->(b) SET r += row.p;")


def write_cypher(graph: nx.MultiDiGraph, path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for line in cypher_script(graph):
            f.write(line + "\n")


def write(graph: nx.MultiDiGraph, fmt: str, path: Path) -> list[Path]:
    """Write ``graph`` in ``fmt`` to ``path`` (a folder for csv); returns the files written."""
    if fmt == "csv":
        return write_csv(graph, path)
    {"graphml": write_graphml, "json": write_json, "cypher": write_cypher}[fmt](graph, path)
    return [path]
