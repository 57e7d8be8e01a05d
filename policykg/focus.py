"""A focus: the part of the graph a page or an export shows, fetched by one query of that part only.

- ``symbol`` (or a document uid): the document, every document implementing it directly or through
  others, their tasks and targets, the agencies assigned to them; with ``province``, the part of the
  cascade in that province (and the central documents on its chains, without their tasks).
- ``agency`` (``province`` chooses where): the agency's tasks by role, the documents they belong to,
  the other agencies on those tasks, and who holds their work today (SUCCEEDED_BY).
- ``province`` alone: the province's documents (stored or cited) and the documents they implement,
  their tasks and targets, and the agencies assigned to them.
- ``task``: the task, its agencies (and who holds their work today), and every document on its chains
  up to the directives it serves.
- nothing: the whole graph. ``tasks=False``: documents only (and the agency asked about).

A focus first becomes a *plan*: document, task and agency uids from the question modules, whose size
(documents and tasks) is known before anything else is read. Over ``max_nodes`` the call raises
``TooBig``, whose message says how to narrow the focus, with the size of each narrower one. Then
``queries/subgraph.cypher`` reads exactly those nodes and the edges between them: a focused page costs
the same on a national store as on a few files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from policykg import names
from policykg.graph.stores import Store
from policykg.queries.runner import run

if TYPE_CHECKING:
    import networkx as nx

MAX_NODES = 500  # above this a page is too dense to read and slow to open
_HINTS = 6  # narrower foci listed when a focus is too big


class TooBig(names.InputError):
    """The focus holds more nodes than asked for; the message says how to narrow it."""


@dataclass(frozen=True)
class Focus:
    symbol: str | None = None
    year: str | None = None
    agency: str | None = None
    province: str | None = None
    task: str | None = None
    tasks: bool = True

    @property
    def kind(self) -> str:
        given = [k for k in ("symbol", "agency", "task") if getattr(self, k)]
        if len(given) > 1:
            raise names.InputError("give one focus: SYMBOL, --agency, --task, or --province alone "
                                   "(--province also narrows SYMBOL, --agency and --task)")
        if given:
            return "cascade" if given[0] == "symbol" else given[0]
        return "province" if self.province else "whole"

    def words(self, **change: Any) -> str:
        """The command-line words of this focus (with fields changed), for suggestions."""
        f = replace(self, **change)
        out = [_quote(f.symbol)] if f.symbol else []
        out += [f"--{n} {_quote(str(getattr(f, n)))}" for n in ("year", "agency", "province", "task") if getattr(f, n)]
        return " ".join(out + ([] if f.tasks else ["--no-tasks"]))


def _quote(text: str) -> str:
    return text if all(c.isalnum() or c in "-/._" for c in text) else '"' + text.replace('"', '\\"') + '"'


@dataclass
class Plan:
    """What a focus shows, as uids; ``estimate`` counts its documents and tasks (agencies come on top).
    ``heading`` may hold ``{root}``: the first focus node's name, filled in once it is read."""

    heading: str
    documents: list[str]
    unit_documents: list[str] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    parents: bool = False
    focus: list[str] = field(default_factory=list)  # the nodes the page puts forward (root, agency, task)
    estimate: int = 0
    narrower: list[tuple[str, int]] = field(default_factory=list)  # (focus words, estimated nodes)


def _provinces(store: Store, f: Focus) -> list[str] | None:
    return names.province(store, f.province)


def _document_roots(store: Store, f: Focus, provinces: list[str] | None) -> list[str]:
    """Uids of the document ``symbol`` names (a uid is taken as it is); the province chooses among several."""
    symbol = f.symbol or ""
    if symbol.startswith("file:") or "|" in symbol:
        if not run(store, "subgraph", documents=[symbol]):
            raise names.NotFound(f"no document has uid '{symbol}'")
        return [symbol]
    try:
        return names.document(store, symbol, f.year)
    except names.Ambiguous:
        if provinces is None:
            raise
        return names.document(store, symbol, f.year, provinces)


def _by_province(rows: list[dict[str, Any]], base: int) -> Counter[str]:
    """Documents and tasks of ``rows`` per province, plus ``base`` nodes every province's page shares."""
    sizes: Counter[str] = Counter()
    for r in rows:
        if r["province"]:
            sizes[r["province"]] += 1 + (r["tasks"] or 0)
    return Counter({p: n + base for p, n in sizes.items()})


def _cascade(store: Store, f: Focus) -> Plan:
    provinces = _provinces(store, f)
    roots = _document_roots(store, f, provinces)
    rows = run(store, "cascade", root_uids=roots)
    shown = [r for r in rows if provinces is None or r["province"] in provinces or r["province"] is None]
    own = [r for r in shown if provinces is None or r["province"] in provinces]
    where = f" in {', '.join(provinces)}" if provinces else ""
    plan = Plan("{root} and the documents implementing it" + where, roots + [r["uid"] for r in shown],
                roots + [r["uid"] for r in own] if f.tasks else [], focus=roots)
    plan.estimate = len(plan.documents) + (sum(r["tasks"] or 0 for r in own) if f.tasks else 0)
    central = len(roots) + sum(1 for r in rows if r["province"] is None)
    plan.narrower = [(f.words(province=p), n) for p, n in _by_province(rows, central).most_common()]
    if f.tasks:
        plan.narrower.insert(0, (f.words(tasks=False), len(plan.documents)))
    return plan


def _agency(store: Store, f: Focus) -> Plan:
    provinces = _provinces(store, f)
    uids = names.agency(store, f.agency or "", provinces)
    rows = run(store, "owns", agency_uids=uids)
    tasks = list(dict.fromkeys(r["uid"] for r in rows))
    documents = list(dict.fromkeys(r["document_uid"] for r in rows))
    plan = Plan("{root}" + (f" ({', '.join(provinces)})" if provinces else "")
                + ": its tasks by role, the agencies sharing them, who holds its work today",
                documents, tasks=tasks if f.tasks else [], agencies=uids, focus=uids)
    plan.estimate = len(documents) + len(uids) + (len(tasks) if f.tasks else 0)
    sizes = Counter(r["province"] for r in rows if r["province"])
    plan.narrower = [(f.words(province=p), n) for p, n in sizes.most_common()] if provinces is None else []
    return plan


def _province(store: Store, f: Focus) -> Plan:
    provinces = _provinces(store, f) or []
    rows = run(store, "documents", provinces=provinces, stored_only=False)
    stored = [r["uid"] for r in rows if r["stored"] == "stored"]
    plan = Plan(f"{', '.join(provinces)}: its documents and those they implement, their tasks and agencies",
                [r["uid"] for r in rows], stored if f.tasks else [], parents=True)
    plan.estimate = len(rows) + (sum(r["tasks"] or 0 for r in rows) if f.tasks else 0)
    plan.narrower = [(f.words(province=None, symbol=r["symbol"] or r["uid"]), 1 + (r["tasks"] or 0))
                     for r in sorted(rows, key=lambda r: -(r["tasks"] or 0)) if r["tasks"]]
    if f.tasks:
        plan.narrower.insert(0, (f.words(tasks=False), len(rows)))
    return plan


def _task(store: Store, f: Focus) -> Plan:
    uid = names.task(store, f.task or "", _provinces(store, f))
    chains = run(store, "trace", uid=uid, only_implements=False)
    documents = list(dict.fromkeys(step["to_uid"] for c in chains for step in c["chain"]))
    roots = list(dict.fromkeys(c["root_uid"] for c in chains))
    plan = Plan("a task, its agencies and its chains to " + ", ".join(dict.fromkeys(c["root"] for c in chains)),
                documents, tasks=[uid], focus=[uid, *roots])
    plan.estimate = len(documents) + 1
    return plan


def _whole(store: Store, f: Focus) -> Plan:
    names.require_data(store)
    rows = run(store, "documents", stored_only=False)
    stored = [r["uid"] for r in rows if r["stored"] == "stored"]
    plan = Plan("the whole graph", [r["uid"] for r in rows], stored if f.tasks else [])
    plan.estimate = len(rows) + (sum(r["tasks"] or 0 for r in rows) if f.tasks else 0)
    plan.narrower = [(f.words(province=p), n) for p, n in _by_province(rows, 0).most_common()]
    if f.tasks:
        plan.narrower.insert(0, (f.words(tasks=False), len(rows)))
    return plan


PLANS: dict[str, Callable[[Store, Focus], Plan]] = {
    "cascade": _cascade, "agency": _agency, "province": _province, "task": _task, "whole": _whole,
}


def plan(store: Store, focus: Focus) -> Plan:
    return PLANS[focus.kind](store, focus)


def too_big(p: Plan, nodes: int, max_nodes: int, exact: bool) -> TooBig:
    """The error of a focus over ``max_nodes``: its size and how to narrow it."""
    size = f"{nodes:,} nodes" if exact else f"at least {nodes:,} nodes ({len(p.documents):,} documents and their tasks)"
    fits = [(words, n) for words, n in p.narrower if n <= max_nodes]
    rest = [(words, n) for words, n in p.narrower if n > max_nodes]
    listed = (fits + rest)[:_HINTS]
    lines = [f"this focus holds {size}, over --max-nodes {max_nodes:,}: a page that large cannot be read "
             "(and browsers struggle to open it)."]
    if listed:
        lines.append("Narrow it:")
        lines += [f"  policykg graph {words}   (about {n:,} nodes{'' if n <= max_nodes else ', still over'})"
                  for words, n in listed]
        if len(p.narrower) > len(listed):
            lines.append(f"  … {len(p.narrower) - len(listed)} more")
    lines.append("or raise --max-nodes, or take it to Gephi: policykg export --format graphml with the same focus.")
    return TooBig("\n".join(lines))


def fetch(store: Store, p: Plan) -> nx.MultiDiGraph:
    """The nodes and edges of a plan: node attributes ``label`` and every stored field, edge attributes
    ``type`` and every stored field."""
    rows = run(store, "subgraph", documents=p.documents, unit_documents=p.unit_documents, tasks=p.tasks,
               agencies=p.agencies, parents=p.parents)
    import networkx as nx  # imported when a page is made, not by every command

    graph = nx.MultiDiGraph()
    for row in rows:
        graph.add_node(row["uid"], label=row["label"], **dict(row["properties"]))
    seen = set()
    for row in rows:
        if row["uid"] in seen:
            continue
        seen.add(row["uid"])
        for edge in row["edges"]:
            if edge["target"] in graph:
                graph.add_edge(row["uid"], edge["target"], type=edge["type"], **dict(edge["properties"]))
    focus = [u for u in p.focus if u in graph]
    root = graph.nodes[focus[0]] if focus else {}
    name = root.get("symbol") or root.get("name") or (
        f"{root.get('doc_type') or 'Văn bản'} (không số, {root.get('province') or 'trung ương'})")
    graph.graph.update(heading=p.heading.replace("{root}", str(name)), focus=focus)
    return graph


def select(store: Store, focus: Focus, max_nodes: int | None = MAX_NODES) -> nx.MultiDiGraph:
    """The graph of a focus; ``TooBig`` when it holds more than ``max_nodes`` nodes (None: no limit)."""
    p = plan(store, focus)
    if max_nodes is not None and p.estimate > max_nodes:
        raise too_big(p, p.estimate, max_nodes, exact=False)
    graph = fetch(store, p)
    if max_nodes is not None and graph.number_of_nodes() > max_nodes:
        raise too_big(p, graph.number_of_nodes(), max_nodes, exact=True)
    return graph
