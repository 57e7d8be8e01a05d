"""`policykg graph`: an interactive page of the stored graph (pyvis, vis-network inlined).

With a symbol, the page holds that directive, every document implementing it directly or
through others, their tasks and targets, and the agencies assigned to them; without one,
the whole graph. Hover a node for its fields, an edge for the sentence it came from. The
page is one self-contained file (no network). Document text reaches the page only inside
JSON that Jinja's ``tojson`` escapes for a script block, and vis-network shows tooltips as
plain text; the header written here is HTML-escaped.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network

from graph.export import to_networkx
from graph.stores import Store
from ingest.citations import symbol_key
from policykg import api

NODE_STYLE = {
    "Document": {"shape": "box", "color": "#4e79a7", "font": {"color": "#ffffff", "size": 30}, "mass": 4},
    "Task": {"shape": "dot", "size": 12, "color": "#bab0ac", "font": {"size": 14}},
    "Target": {"shape": "diamond", "size": 14, "color": "#edc948", "font": {"size": 14}},
    "Agency": {"shape": "dot", "size": 22, "color": "#f28e2b", "font": {"size": 24}},
}
EDGE_STYLE = {
    "IMPLEMENTS": {"color": "#1f3b73", "width": 3},
    "BASED_ON": {"color": "#4e79a7", "width": 2, "dashes": True},
    "CITES": {"color": "#9c9c9c", "width": 1, "dashes": True},
    "PART_OF": {"color": "#cccccc", "width": 1},
    "ASSIGNED_TO": {"color": "#e15759", "width": 2},
    "COORDINATES_WITH": {"color": "#76b7b2", "width": 1},
    "MONITORED_BY": {"color": "#b07aa1", "width": 1},
}
_ROLES = ("ASSIGNED_TO", "COORDINATES_WITH", "MONITORED_BY")
_PLURAL = {"Document": "documents", "Task": "tasks", "Target": "targets", "Agency": "agencies"}


class NotStored(LookupError):
    """The symbol asked for is not a stored document."""


def _cut(text: Any, limit: int = 400) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def select(store: Store, symbol: str | None = None, year: str | None = None,
           tasks: bool = True) -> nx.MultiDiGraph:
    """The part of the stored graph the page shows (see the module docstring)."""
    whole = to_networkx(store)
    if symbol is None:
        if tasks:
            return whole
        return whole.subgraph(n for n, d in whole.nodes(data=True) if d["label"] == "Document").copy()
    key = symbol_key(symbol)
    roots = {n for n, d in whole.nodes(data=True)
             if d["label"] == "Document" and d["key"] == key and (year is None or d["year"] == str(year))}
    if not roots:
        raise NotStored(f"{symbol}: no such document is stored")
    documents = roots | {row["uid"] for row in api.cascade(store, symbol, year)}
    keep = set(documents)
    if tasks:
        units = {a for a, b, d in whole.edges(data=True) if d["type"] == "PART_OF" and b in documents}
        keep |= units
        keep |= {b for a, b, d in whole.edges(data=True) if d["type"] in _ROLES and a in units}
    part = whole.subgraph(keep).copy()
    drop = [(a, b, k) for a, b, k, d in part.edges(keys=True, data=True)
            if part.nodes[a]["label"] == "Document" and d["type"] != "IMPLEMENTS"]
    part.remove_edges_from(drop)
    return part


def _node_title(data: dict[str, Any]) -> str:
    label = data["label"]
    if label == "Document":
        fields = ("doc_type", "symbol", "title", "issuer", "province", "issued_date")
        lines = [str(data[f]) for f in fields if data.get(f)]
        if data.get("stub"):
            lines.append("(cited only: not loaded)")
    elif label in ("Task", "Target"):
        lines = [data.get("path") or "", _cut(data.get("text") or "")]
        lines += [f"{f}: {data[f]}" for f in ("deadline", "timeframe", "value") if data.get(f)]
    else:
        unlisted = "" if data.get("listed") else "(not in the agency file)"
        lines = [data["name"] or "", data.get("province") or "", unlisted]
    return "\n".join(line for line in lines if line)


def _node_label(uid: str, data: dict[str, Any]) -> str:
    if data["label"] == "Document":
        return data.get("symbol") or (data.get("source") or uid).removeprefix("file:")
    return str(data.get("path") or data["name"] or uid)


def render(graph: nx.MultiDiGraph, heading: str) -> str:
    """The page of a selected graph."""
    net = Network(height="88vh", width="100%", directed=True, cdn_resources="in_line")
    net.barnes_hut(gravity=-6000, central_gravity=0.6, spring_length=80)
    net.options.physics.stabilization.iterations = 200  # a first layout in about a second; it settles live
    for uid, data in graph.nodes(data=True):
        style = dict(NODE_STYLE[data["label"]])
        if data["label"] == "Document" and data.get("stub"):
            style["color"] = "#a0b7d6"
        net.add_node(uid, label=_node_label(uid, data), title=_node_title(data), **style)
    for a, b, data in graph.edges(data=True):
        quote = f"{data['type']}: {_cut(data['quote'], 300)}" if data.get("quote") else data["type"]
        net.add_edge(a, b, title=quote, **EDGE_STYLE.get(data["type"], {}))
    page = net.generate_html()
    counts = {label: sum(1 for _, d in graph.nodes(data=True) if d["label"] == label) for label in NODE_STYLE}
    legend = " ".join(
        f'<span style="background:{s["color"]};padding:0 .4em;border-radius:.3em">{label}</span>'
        for label, s in NODE_STYLE.items()
    )
    header = (
        f'<div style="font-family:system-ui,sans-serif;padding:.4em 1em">'
        f"<b>{html.escape(heading)}</b> · "
        + ", ".join(f"{n} {_PLURAL[label]}" for label, n in counts.items())
        + f" · {legend} · hover a node for its fields, an edge for its source sentence</div>"
    )
    return page.replace("<body>", "<body>\n" + header, 1)


def write(store: Store, out: Path, symbol: str | None = None, year: str | None = None,
          tasks: bool = True) -> nx.MultiDiGraph:
    graph = select(store, symbol, year, tasks)
    heading = f"policykg: documents implementing {symbol}" if symbol else "policykg: the whole graph"
    out.write_text(render(graph, heading), encoding="utf-8")
    return graph
