"""`policykg graph`: an interactive page of one focus of the graph (pyvis data, vis-network inlined).

The page opens laid out (``policykg.layout``: documents by level above one column per document with
tasks, its tasks in a grid and its agencies below; no physics, the same picture at every load) and
fitted to the window, document labels sized to be read at that first view: the focus document (the
root) a dark red box, loaded documents blue boxes, documents only cited white boxes with a dashed
border. Tasks are labelled by their first words, targets too, agencies by short name and province.
A legend names node and edge types; filters (province, role, node type) and a search box act in the
page; hovering shows a node's fields or an edge's source sentence.

Safety: document text reaches the page only inside one JSON block written by Jinja's ``tojson``
(``<``, ``>``, ``&`` and quotes escaped), and the page's script turns it into tooltips with
``textContent``, never as HTML; the heading is HTML-escaped by the template. Every script and
stylesheet is inlined: the page loads nothing from the network.
"""

from __future__ import annotations

import math
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
from markupsafe import Markup
from pyvis.network import Network

from policykg import layout
from policykg.focus import MAX_NODES, Focus, select
from policykg.graph.stores import Store
from policykg.ingest import agencies as lexicon

DOCUMENT_FONT = 18  # at the least; larger when the picture must be shrunk to fit the window
WINDOW = (1560.0, 820.0)  # the canvas of a 1600 x 1000 window, fonts sized for it
FIT_MARGIN = 1.1  # vis-network's fit leaves a tenth of the picture's extent as margin
READABLE = 15.0  # pixels: a document label at the opening view
AGENCY_LINE = 18  # characters: a longer agency name goes on two lines (its cell is 165 units wide)
_ROLES = {"ASSIGNED_TO": "lead", "COORDINATES_WITH": "partner", "MONITORED_BY": "monitor"}
KINDS = {
    "root": "focus document",
    "document": "document (loaded)",
    "cited": "document (cited only)",
    "task": "task",
    "target": "target",
    "agency": "agency",
    "collective": "collective group of agencies",
    "successor": "body that took over the work (2025)",
}
NODE_STYLE: dict[str, dict[str, Any]] = {
    "root": {"shape": "box", "color": {"background": "#8b1e1e", "border": "#3b0a0a"}, "borderWidth": 3,
             "font": {"color": "#ffffff"}, "margin": 12, "shadow": True},
    "document": {"shape": "box", "color": {"background": "#2f5d8f", "border": "#1b3a5c"},
                 "font": {"color": "#ffffff"}, "margin": 10},
    "cited": {"shape": "box", "color": {"background": "#ffffff", "border": "#2f5d8f"}, "borderWidth": 2,
              "shapeProperties": {"borderDashes": [6, 4]}, "font": {"color": "#2f5d8f"}, "margin": 10},
    "task": {"shape": "dot", "size": 7, "color": {"background": "#8d949c", "border": "#5f666d"},
             "font": {"size": 12, "color": "#30343a"}},
    "target": {"shape": "diamond", "size": 9, "color": {"background": "#e6b32e", "border": "#9c7412"},
               "font": {"size": 12, "color": "#30343a"}},
    "agency": {"shape": "dot", "size": 13, "color": {"background": "#f28e2b", "border": "#a85a10"},
               "font": {"size": 14, "color": "#2b2b2b"}},
    "collective": {"shape": "dot", "size": 13, "color": {"background": "#f7d2a8", "border": "#a85a10"},
                   "font": {"size": 14, "color": "#5b5b5b"}},
    "successor": {"shape": "dot", "size": 13, "color": {"background": "#8fd19e", "border": "#2c7a3f"},
                  "font": {"size": 14, "color": "#2b2b2b"}},
}
EDGE_STYLE: dict[str, dict[str, Any]] = {
    "IMPLEMENTS": {"color": "#1b3a5c", "width": 2.5},
    "BASED_ON": {"color": "#4e79a7", "width": 2, "dashes": [8, 6]},
    "PART_OF": {"color": "#c9cdd2", "width": 0.8, "arrows": {"to": {"enabled": False}}},
    "ASSIGNED_TO": {"color": "rgba(214,39,40,0.75)", "width": 1.6},
    "COORDINATES_WITH": {"color": "rgba(23,162,184,0.45)", "width": 0.8},
    "MONITORED_BY": {"color": "rgba(148,103,189,0.8)", "width": 1.2, "dashes": [3, 3]},
    "SUCCEEDED_BY": {"color": "#2c7a3f", "width": 2, "dashes": [10, 4],  # arcs: a line would run along labels
                     "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.2}},
}
EDGE_NAMES = {
    "IMPLEMENTS": "implements", "BASED_ON": "based on (căn cứ)", "PART_OF": "task of document",
    "ASSIGNED_TO": "lead (chủ trì)", "COORDINATES_WITH": "partner (phối hợp)",
    "MONITORED_BY": "follows up (theo dõi)", "SUCCEEDED_BY": "work taken over by",
}
OPTIONS: dict[str, Any] = {
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False},
    "interaction": {"hover": True, "tooltipDelay": 150, "multiselect": True, "keyboard": False},
    "edges": {"smooth": {"enabled": False},  # an object, so that an edge type may turn it on (succession arcs)
              "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}}, "selectionWidth": 2},
    "nodes": {"font": {"face": "system-ui, 'Segoe UI', Roboto, sans-serif"}},
}


def _cut(text: Any, limit: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# "Chủ trì, phối hợp với các đơn vị liên quan đề xuất …": the words after the partners say what the task is.
_ROLE_OPENING = re.compile(r"^(?:chủ trì|phối hợp)\b.{0,90}?\bliên quan,?\s+(?=\w)", re.IGNORECASE)


def first_words(text: str | None, limit: int = 30) -> str:
    """The opening of a text (after an opening naming the roles), cut at a word, on two lines."""
    text = " ".join(str(text or "").split())
    if m := _ROLE_OPENING.match(text):
        rest = text[m.end():]
        text = rest[:1].upper() + rest[1:]
    out = ""
    for word in text.split(" "):
        if out and len(out) + 1 + len(word) > limit:
            out += "…"
            break
        out = f"{out} {word}".strip()
    return _two_lines(out)


def _two_lines(text: str) -> str:
    if len(text) <= 16 or " " not in text:
        return text
    middle = len(text) // 2
    cut = min((i for i, c in enumerate(text) if c == " "), key=lambda i: abs(i - middle))
    return text[:cut] + "\n" + text[cut + 1:]


@cache
def short_name(name: str) -> str:
    """An agency's short name for long names: its shortest abbreviation in the agency file that keeps the
    head word ("Sở KH&CN", "UBND tỉnh"), else the name cut."""
    if len(name) <= 20:
        return name
    head = name.split(" ")[0]
    shorts = [v for _, official, _, v in lexicon.lexicon().variants
              if official == name and len(v) < len(name) and sum(c.isupper() for c in v) >= 3]
    if not shorts:
        return _cut(name, 26)
    return min(shorts, key=lambda v: (not v.startswith(head + " "), "&" not in v, len(v)))


def _title_case(title: str) -> str:
    """A title printed in capitals in sentence case (symbols such as 55-KH/TU kept)."""
    if not title.isupper():
        return title
    words = [w if any(c.isdigit() for c in w) else w.lower() for w in title.split()]
    return " ".join(words)[:1].upper() + " ".join(words)[1:]


def node_label(data: dict[str, Any]) -> str:
    """Documents by symbol (or type, province and short title when unnumbered), tasks and targets by
    their first words, agencies by short name and province."""
    kind = data["label"]
    if kind == "Document":
        if data.get("symbol"):
            return str(data["symbol"])
        head = f"{data.get('doc_type') or 'Văn bản'} {data.get('province') or 'trung ương'} (không số)"
        return head + (f"\n{first_words(_title_case(data['title']), 34).replace(chr(10), ' ')}"
                       if data.get("title") else "")
    if kind in ("Task", "Target"):
        return first_words(data.get("text"))
    name = short_name(str(data.get("name") or ""))
    return f"{_two_lines(name) if len(name) > AGENCY_LINE else name}\n{data.get('province') or 'trung ương'}"


def node_kind(graph: nx.MultiDiGraph, uid: str) -> str:
    data = graph.nodes[uid]
    if data["label"] == "Document":
        return "root" if uid in graph.graph.get("focus", []) else "cited" if data.get("stub") else "document"
    if data["label"] != "Agency":
        return data["label"].lower()
    if not any(t in _ROLES for _, _, t in graph.in_edges(uid, data="type")):
        return "successor"
    return "collective" if data.get("kind") == "collective" else "agency"


def node_tip(graph: nx.MultiDiGraph, uid: str) -> list[list[str]]:
    """Tooltip lines [field, value]: the document header, the task's text and deadline, the agency."""
    d = graph.nodes[uid]
    if d["label"] == "Document":
        head = [["", " ".join(str(d[k]) for k in ("doc_type", "symbol") if d.get(k)) or "Văn bản (không số)"]]
        rows = [[k, _cut(d.get(f), 300)] for k, f in (("title", "title"), ("issuer", "issuer"),
                                                      ("province", "province"), ("date", "issued_date"),
                                                      ("file", "source")) if d.get(f)]
        return head + rows + ([["", "cited only: known from a citation, not loaded"]] if d.get("stub") else [])
    if d["label"] in ("Task", "Target"):
        document: dict[str, Any] = next(
            (graph.nodes[b] for _, b, t in graph.out_edges(uid, data="type") if t == "PART_OF"), {})
        rows = [["", f"{d['label'].lower()} {d.get('path') or ''}"],
                ["document", str(document.get("symbol") or document.get("doc_type") or "")],
                ["text", _cut(d.get("text"), 600)]]
        return rows + [[k, str(d[k])] for k in ("deadline", "timeframe", "product", "funding", "value", "year")
                       if d.get(k)]
    rows = [["", str(d.get("name") or "")], ["province", str(d.get("province") or "central")]]
    return rows + ([["", "not in the agency file"]] if not d.get("listed") else [])


def edge_tip(graph: nx.MultiDiGraph, a: str, b: str, data: dict[str, Any]) -> list[list[str]]:
    rows = [["", EDGE_NAMES.get(data["type"], data["type"])]]
    if data.get("effective"):
        rows.append(["since", f"{data['effective']} ({data.get('basis') or ''})"])
    if data.get("quote"):
        rows.append(["source", f"« {_cut(data['quote'], 500)} »"])
    if data.get("source"):
        rows.append(["file", str(data["source"])])
    return rows


def provinces_of(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """The provinces each node belongs to for the page's filter: its own; for a central document, those
    of the documents implementing it; for a task, its document's; for a central agency, its tasks'."""
    own = {n: d.get("province") for n, d in graph.nodes(data=True)}
    out: dict[str, set[str]] = {n: {p} if p else set() for n, p in own.items()}
    for _ in range(8):  # up the chains of documents
        changed = False
        for a, b, t in graph.edges(data="type"):
            if t in ("IMPLEMENTS", "BASED_ON", "SUCCEEDED_BY") and not own[b] and not out[a] <= out[b]:
                out[b] |= out[a]
                changed = True
        if not changed:
            break
    for a, b, t in graph.edges(data="type"):
        if t == "PART_OF" and not own[a]:
            out[a] |= out[b]
    for a, b, t in graph.edges(data="type"):
        if t in _ROLES and not own[b]:
            out[b] |= out[a]
    return {n: sorted(p) for n, p in out.items()}


def _label_width(label: str, font: float) -> float:
    return max(len(line) for line in label.split("\n")) * font * 0.56 + 26


def _label_height(label: str, font: float) -> float:
    return (label.count("\n") + 1) * font * 1.2 + 24


def _opening_scale(pos: dict[str, tuple[float, float]], widths: dict[str, float]) -> float:
    """The zoom at which the window shows the whole picture (vis-network's fit), at most 1: each node
    as wide as its label, the bottom line's labels (agencies, three lines) below it."""
    if not pos:
        return 1.0
    left = min(x - widths[n] / 2 for n, (x, _) in pos.items())
    right = max(x + widths[n] / 2 for n, (x, _) in pos.items())
    top, bottom = min(y for _, y in pos.values()) - 40, max(y for _, y in pos.values()) + 70
    span = FIT_MARGIN * max(1.0, right - left), FIT_MARGIN * max(1.0, bottom - top)
    return min(1.0, WINDOW[0] / span[0], WINDOW[1] / span[1])


def arrange(graph: nx.MultiDiGraph, labels: dict[str, str]) -> tuple[dict[str, tuple[float, float]], float]:
    """Positions and the document font: the font grows until document labels are ``READABLE`` pixels
    high at the opening view (the layout is redone with the wider labels)."""
    focus = graph.graph.get("focus", [])
    font = float(DOCUMENT_FONT)
    documents = [n for n, d in graph.nodes(data=True) if d["label"] == "Document"]
    others = {n: _label_width(labels[n], NODE_STYLE["agency"]["font"]["size"] if d["label"] == "Agency" else
                              NODE_STYLE["task"]["font"]["size"]) for n, d in graph.nodes(data=True)}
    pos: dict[str, tuple[float, float]] = {}
    for _ in range(4):
        widths = others | {n: _label_width(labels[n], font * (1.3 if n in focus else 1)) for n in documents}
        heights = {n: _label_height(labels[n], font * (1.3 if n in focus else 1)) for n in documents}
        pos = layout.positions(graph, focus, widths.__getitem__, heights.__getitem__)
        wanted = max(float(DOCUMENT_FONT), READABLE / _opening_scale(pos, widths))
        if abs(wanted - font) < 0.5:
            break
        font = math.ceil(wanted)
    return pos, font


def network(graph: nx.MultiDiGraph) -> Network:
    """The pyvis network of a selected graph: nodes placed, styled, with tooltips and filter fields."""
    labels = {n: node_label(d) for n, d in graph.nodes(data=True)}
    pos, font = arrange(graph, labels)
    provinces = provinces_of(graph)
    net = Network(directed=True)
    for uid, data in sorted(graph.nodes(data=True)):
        kind = node_kind(graph, uid)
        style = {**NODE_STYLE[kind], "font": dict(NODE_STYLE[kind]["font"])}
        if data["label"] == "Document":
            style["font"]["size"] = round(font * (1.3 if kind == "root" else 1))
        elif uid in graph.graph.get("focus", []):  # the agency or task asked about
            style.update(size=style["size"] * 1.8, borderWidth=3, shadow=True)
            style["font"]["size"] += 4
        x, y = pos.get(uid, (0.0, 0.0))
        text = " ".join(str(data.get(k) or "") for k in ("symbol", "name", "path", "text", "title", "province"))
        net.add_node(uid, label=labels[uid], x=round(x, 1), y=round(y, 1), physics=False, kind=kind,
                     type=data["label"], provinces=provinces[uid], tip=node_tip(graph, uid), search=text, **style)
    for a, b, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["type"])):
        net.add_edge(a, b, role=data["type"], tip=edge_tip(graph, a, b, data), **EDGE_STYLE.get(data["type"], {}))
    net.options = OPTIONS
    return net


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("policykg", "templates"), autoescape=True)
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}
    return env


def _asset(package: str, name: str) -> str:
    return resources.files(package).joinpath(name).read_text("utf-8")


def summary(graph: nx.MultiDiGraph) -> str:
    """'13 documents, 116 tasks, 14 targets, 46 agencies' (kinds with none left out)."""
    counts = [(sum(1 for _, d in graph.nodes(data=True) if d["label"] == kind), word)
              for kind, word in (("Document", "document"), ("Task", "task"), ("Target", "target"),
                                 ("Agency", "agenc"))]
    return ", ".join(f"{n} {word}{('y' if n == 1 else 'ies') if word.endswith('c') else ('' if n == 1 else 's')}"
                     for n, word in counts if n) or "nothing"


def render(graph: nx.MultiDiGraph) -> str:
    """The page of a selected graph (one self-contained HTML file)."""
    net = network(graph)
    data = {"nodes": net.nodes, "edges": net.edges, "options": net.options,
            "kinds": KINDS, "edge_names": EDGE_NAMES}
    return _environment().get_template("graph.html").render(
        heading=graph.graph.get("heading", "policykg"), summary=summary(graph), data=data,
        node_style=NODE_STYLE, edge_style=EDGE_STYLE, kinds=KINDS, edge_names=EDGE_NAMES,
        vis_js=Markup(_asset("pyvis", "lib/vis-9.1.2/vis-network.min.js")),
        vis_css=Markup(_asset("pyvis", "lib/vis-9.1.2/vis-network.css")),
        page_js=Markup(_asset("policykg", "templates/graph.js")),
    )


def write(store: Store, out: Path, focus: Focus | None = None, max_nodes: int | None = MAX_NODES) -> nx.MultiDiGraph:
    """Write the page of a focus (default: the whole graph); returns the graph shown."""
    graph = select(store, focus or Focus(), max_nodes)
    out.write_text(render(graph), encoding="utf-8")
    return graph
