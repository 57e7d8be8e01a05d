"""Positions of the graph page, computed once (the page opens laid out, the same at every load).

Two zones, top to bottom:

1. *Documents by level*: the focus documents at the top, each other document one row below the lowest
   document it implements (longest chain), so every IMPLEMENTS edge points up. A row too wide for the
   page is staggered over several lines.
2. *One column per document with tasks* under the documents: its tasks and targets in a grid (by
   outline path), then the agencies assigned to them (each agency in the column it has most edges
   to, ordered left to right by where its tasks are), then the bodies that took over their work.
   Columns of one province sit side by side. The columns' common height is chosen so that the whole
   picture is about as wide as a screen is, relative to its height (``ASPECT``).

A document heading a column sits above the column's middle; the others sit near the documents they
are linked to. Widths of document labels come from the caller (``width(uid)``), in the same units
as the positions.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import networkx as nx

from policykg.api import natural_key

ASPECT = 1.9  # width / height of the picture, that of the page's canvas in a 1600 x 1000 window
UNIT = (135.0, 62.0)  # grid cell of a task or target (width, height)
AGENCY = (165.0, 78.0)  # grid cell of an agency (a label of up to three lines below its dot)
GAP = 110.0  # between columns
ROW = 95.0  # between lines of documents
ZONE = 150.0  # between the documents and the columns
_DOC_EDGES = ("IMPLEMENTS", "BASED_ON")
_ROLE_EDGES = ("ASSIGNED_TO", "COORDINATES_WITH", "MONITORED_BY")


@dataclass
class Column:
    document: str
    units: list[str]
    agencies: list[str]
    successors: list[list[str]] = field(default_factory=list)  # bodies that took over the work, step by step
    x: float = 0.0
    grid: int = 1  # tasks per line
    agency_grid: int = 1  # agencies per line

    def shape(self, lines: int) -> None:
        """Grids for ``lines`` lines of tasks; agencies take at most about half as much height."""
        self.grid = max(2, math.ceil(len(self.units) / lines))
        agency_lines = max(2, math.ceil(lines * UNIT[1] / AGENCY[1] / 2))
        self.agency_grid = max(1, round(self.grid * UNIT[0] / AGENCY[0]), math.ceil(len(self.agencies) / agency_lines))

    @property
    def width(self) -> float:
        return max(self.grid * UNIT[0], AGENCY[0] * min(len(self.agencies), self.agency_grid))

    @property
    def height(self) -> float:
        units = math.ceil(len(self.units) / self.grid) * UNIT[1]
        return units + (math.ceil(len(self.agencies) / self.agency_grid) + len(self.successors)) * AGENCY[1]


def _labelled(graph: nx.MultiDiGraph, kind: str) -> list[str]:
    return sorted(n for n, d in graph.nodes(data=True) if d["label"] == kind)


def levels(graph: nx.MultiDiGraph, focus: list[str]) -> dict[str, int]:
    """Each document's row: 0 for a document that implements no document shown (or a focus document),
    else one below the lowest document it implements. Cycles are cut where they are met."""
    parents: dict[str, list[str]] = defaultdict(list)
    for a, b, t in graph.edges(data="type"):
        if t in _DOC_EDGES and a != b and a not in focus:
            parents[a].append(b)
    out: dict[str, int] = {}

    def level(doc: str, path: frozenset[str]) -> int:
        if doc not in out:
            ups = [p for p in parents.get(doc, []) if p not in path]
            out[doc] = 1 + max(level(p, path | {doc}) for p in ups) if ups else 0
        return out[doc]

    for doc in _labelled(graph, "Document"):
        level(doc, frozenset())
    return out


def _owner(graph: nx.MultiDiGraph, agency: str, column_of: dict[str, int]) -> int | None:
    """The column an agency goes to: the one holding most of its tasks, else its predecessor's."""
    votes: dict[int, int] = defaultdict(int)
    for unit, _, t in graph.in_edges(agency, data="type"):
        if t in _ROLE_EDGES and unit in column_of:
            votes[column_of[unit]] += 1
    if votes:
        return min(votes, key=lambda c: (-votes[c], c))
    return None


def columns(graph: nx.MultiDiGraph, rows: dict[str, int]) -> list[Column]:
    """One column per document with tasks or targets; agencies placed where their tasks are."""
    units_of: dict[str, list[str]] = defaultdict(list)
    for a, b, t in graph.edges(data="type"):
        if t == "PART_OF":
            units_of[b].append(a)
    province = {n: graph.nodes[n].get("province") or "" for n in units_of}
    docs = sorted(units_of, key=lambda d: (province[d], rows.get(d, 0), d))
    cols = [Column(d, sorted(units_of[d], key=lambda u: (graph.nodes[u]["label"], natural_key(
        graph.nodes[u].get("path")), u)), []) for d in docs]
    column_of = {u: i for i, c in enumerate(cols) for u in c.units}
    loose: list[str] = []
    for agency in _labelled(graph, "Agency"):
        owner = _owner(graph, agency, column_of)
        if owner is None:
            loose.append(agency)
        else:
            cols[owner].agencies.append(agency)
            column_of[agency] = owner
    _place_successors(graph, cols, column_of, loose)
    return cols


def _place_successors(graph: nx.MultiDiGraph, cols: list[Column], column_of: dict[str, int],
                      loose: list[str]) -> None:
    """Agencies with no task shown go under the body whose work they took over, one line per step;
    the rest (an agency asked about that has no task shown) get a column of their own."""
    pending, step = list(loose), 0
    while pending:
        found = {}
        for agency in pending:
            before = sorted(a for a, _, t in graph.in_edges(agency, data="type")
                            if t == "SUCCEEDED_BY" and a in column_of)
            if before:
                found[agency] = column_of[before[0]]
        if not found:
            break
        for agency, owner in found.items():
            column = cols[owner]
            while len(column.successors) <= step:
                column.successors.append([])
            column.successors[step].append(agency)
            pending.remove(agency)
        column_of.update(found)
        step += 1
    if pending:
        cols.append(Column("", [], pending))


def _balance(cols: list[Column], above: float) -> int:
    """Lines of tasks shared by every column, chosen for a picture about ASPECT wide (``above``: the
    height the documents take above the columns)."""
    if not cols:
        return 0
    most = max(len(c.units) for c in cols)
    best, best_cost = 1, math.inf
    for lines in range(1, max(most, 1) + 1):
        for c in cols:
            c.shape(lines)
        width = sum(c.width + GAP for c in cols)
        height = max(c.height for c in cols)
        cost = abs(math.log((width + 1) / (height + above) / ASPECT))
        if cost < best_cost:
            best, best_cost = lines, cost
    for c in cols:
        c.shape(best)
    return best


def pack(wanted: list[tuple[str, float, float]], span: float, gap: float = 40.0) -> dict[str, tuple[float, int]]:
    """Places items (name, wanted x, width) on one line, in the order of their wanted x, without
    overlaps and centred where they wanted to be; staggered over more lines (up to 4) when one line
    would be wider than ``span``. Returns each item's x and line."""
    order = sorted(wanted, key=lambda w: (w[1], w[0]))
    placed: dict[str, tuple[float, int]] = {}
    for lines in range(1, 5):
        placed = {}
        for line in range(lines):
            items = order[line::lines]
            xs: list[float] = []
            for i, (_, want, width) in enumerate(items):
                least = xs[-1] + (items[i - 1][2] + width) / 2 + gap if xs else -math.inf
                xs.append(max(want, least))
            shift = (sum(w for _, w, _ in items) - sum(xs)) / len(items) if items else 0.0
            placed |= {name: (x + shift, line) for (name, _, _), x in zip(items, xs)}
        left = min(x - w / 2 for (n, _, w) in order for x in [placed[n][0]]) if order else 0.0
        right = max(x + w / 2 for (n, _, w) in order for x in [placed[n][0]]) if order else 0.0
        if right - left <= span:
            break
    return placed


def _columns_x(cols: list[Column]) -> float:
    """Sets each column's centre; returns the columns' total width."""
    x = 0.0
    for c in cols:
        c.x = x + c.width / 2
        x += c.width + GAP
    total = max(0.0, x - GAP)
    for c in cols:
        c.x -= total / 2
    return total


def _wanted_x(graph: nx.MultiDiGraph, rows: dict[str, int], anchors: dict[str, float]) -> dict[str, float]:
    """Where each document would like to be: above its column, else amid the documents linked to it
    (those below first, then those above)."""
    links: dict[str, set[str]] = defaultdict(set)
    for a, b, t in graph.edges(data="type"):
        if t in _DOC_EDGES and a != b:
            links[a].add(b)
            links[b].add(a)
    wanted = dict(anchors)
    order = sorted(rows, key=lambda d: (-rows[d], d))
    for sweep in (order, order[::-1], order):
        for doc in sweep:
            if doc in anchors:
                continue
            near = [wanted[n] for n in links[doc] if n in wanted]
            if near:
                wanted[doc] = sum(near) / len(near)
    return {d: wanted.get(d, 0.0) for d in rows}


def positions(graph: nx.MultiDiGraph, focus: list[str], width: Callable[[str], float],
              height: Callable[[str], float] = lambda _: 40.0) -> dict[str, tuple[float, float]]:
    """x, y of every node (see the module docstring); ``width`` and ``height`` are those of a document's label."""
    rows = levels(graph, focus)
    cols = columns(graph, rows)
    lines = _balance(cols, len(set(rows.values())) * ROW + ZONE)
    total = _columns_x(cols)
    wanted = _wanted_x(graph, rows, {c.document: c.x for c in cols if c.document})
    out: dict[str, tuple[float, float]] = {}
    top = _place_documents(out, rows, wanted, width, height, max(total, 1400.0)) + ZONE
    for c in cols:
        _grid(out, c.units, c.x, top, c.grid, UNIT)
        below = top + lines * UNIT[1] + AGENCY[1] * 0.6
        agencies = _focus_on_last_line(_by_tasks(graph, c.agencies, out), focus, c.agency_grid)
        _grid(out, agencies, c.x, below, c.agency_grid, AGENCY, by_column=True)
        below += math.ceil(len(c.agencies) / c.agency_grid) * AGENCY[1] + AGENCY[1] * 0.5
        for step in c.successors:
            below = _successors(graph, step, out, below, c.width)
    return out


def _place_documents(out: dict[str, tuple[float, float]], rows: dict[str, int], wanted: dict[str, float],
                     width: Callable[[str], float], height: Callable[[str], float], span: float) -> float:
    """Documents level by level, a level wider than ``span`` staggered over lines, each line far enough
    below the one above for the tallest label to fit; returns the y of the lowest line."""
    y, last = 0.0, 0.0
    for level in sorted(set(rows.values())):
        docs = sorted(d for d in rows if rows[d] == level)
        placed = pack([(d, wanted[d], width(d)) for d in docs], span)
        step = max(ROW * 0.8, max(height(d) for d in docs) + 16)
        for doc, (x, line) in placed.items():
            out[doc] = (x, y + line * step)
        last = y + max(line for _, line in placed.values()) * step
        y = last + max(ROW, step + 24)
    return last


def _successors(graph: nx.MultiDiGraph, agencies: list[str], out: dict[str, tuple[float, float]], top: float,
                span: float) -> float:
    """One step of successions on a line at ``top``, each body under the bodies it took over from."""
    def wanted(agency: str) -> float:
        xs = [out[a][0] for a, _, t in graph.in_edges(agency, data="type") if t == "SUCCEEDED_BY" and a in out]
        return sum(xs) / len(xs) if xs else 0.0

    placed = pack([(a, wanted(a), AGENCY[0] * 0.9) for a in agencies], span, gap=10.0)
    for agency, (x, line) in placed.items():
        out[agency] = (x, top + line * AGENCY[1])
    return top + (1 + max(line for _, line in placed.values())) * AGENCY[1]


def _by_tasks(graph: nx.MultiDiGraph, agencies: list[str], placed: dict[str, tuple[float, float]]) -> list[str]:
    """Agencies in the order of the mean x of their tasks (successors right after their predecessor)."""
    def mean_x(agency: str) -> float:
        xs = [placed[u][0] for u, _, t in graph.in_edges(agency, data="type") if t in _ROLE_EDGES and u in placed]
        return sum(xs) / len(xs) if xs else math.inf

    return sorted(agencies, key=lambda a: (mean_x(a), a))


def _focus_on_last_line(items: list[str], focus: list[str], per_line: int) -> list[str]:
    """The order of a grid filled column by column, with each focus agency (drawn larger, its label
    too) swapped to the nearest place on the grid's last line, where no node sits below its label."""
    out = list(items)
    lines = math.ceil(len(out) / max(1, min(per_line, len(out)))) if out else 0
    for agency in [a for a in items if a in focus]:
        i = out.index(agency)
        last = [j for j in range(lines - 1, len(out), lines) if out[j] not in focus]
        if i % lines != lines - 1 and last:
            j = min(last, key=lambda j: (abs(j - i), j))
            out[i], out[j] = out[j], out[i]
    return out


def _grid(out: dict[str, tuple[float, float]], items: list[str], centre: float, top: float, per_line: int,
          cell: tuple[float, float], by_column: bool = False) -> None:
    """Items in a grid of ``per_line`` cells per line, centred on ``centre``, starting at ``top``; row by
    row, or column by column (``by_column``: the order then runs left to right)."""
    if not items:
        return
    per_line = max(1, min(per_line, len(items)))
    lines = math.ceil(len(items) / per_line)
    left = centre - (per_line - 1) * cell[0] / 2
    for i, item in enumerate(items):
        col, line = (i // lines, i % lines) if by_column else (i % per_line, i // per_line)
        out[item] = (left + col * cell[0], top + line * cell[1])
