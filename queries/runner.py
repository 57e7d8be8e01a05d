"""The query catalogue: one ``.cypher`` file per question, each opening with a header comment.

A header gives the question, the command that asks it, its parameters (``$name (type, default X):
what``), its columns and an example. ``policykg queries``, each command's ``--help`` and the README's
command table are generated from these headers. Modules run read-only, with parameters only (user text
is never pasted into Cypher), on either store.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from policykg.graph.stores import Store

# Neo4j reports a label or relationship type that no node has yet (MONITORED_BY, SUCCEEDED_BY in a young
# store) as a notification the driver logs as a warning: not the user's business, never on their screen.
logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)

_PARAM = re.compile(r"^\$(\w+) \(([^)]*)\):\s*(.*)$")
# A numbered series of parameters on one line: "$w0 … $w7 (string or null, default null): …"
_SERIES = re.compile(r"^\$([a-z_]+)(\d+) … \$\1(\d+) (\(.*)$")
_SECTIONS = ("Question", "Command", "Parameters", "Columns", "Example")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: Any
    required: bool
    help: str


@dataclass(frozen=True)
class Module:
    name: str
    question: str
    command: str
    parameters: tuple[Parameter, ...]
    columns: str
    example: str
    text: str = field(repr=False)


@cache
def text(name: str) -> str:
    """The Cypher text of query module ``name`` (e.g. 'cascade')."""
    return resources.files("policykg.queries").joinpath(f"{name}.cypher").read_text("utf-8")


def names() -> list[str]:
    return sorted(p.name[:-7] for p in resources.files("policykg.queries").iterdir() if p.name.endswith(".cypher"))


def _header(source: str) -> dict[str, str]:
    """The header's sections (continuation lines joined to the section above)."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in source.splitlines():
        if not line.startswith("//"):
            break
        body = line[2:].strip()
        head, sep, rest = body.partition(":")
        if sep and head in _SECTIONS:
            current = head
            sections[current] = [rest.strip()] if rest.strip() else []
        elif current is not None:
            sections[current].append(body)
    return {k: "\n".join(v) for k, v in sections.items()}


def _parameter(line: str) -> list[Parameter]:
    series = _SERIES.match(line.strip())
    if series:
        prefix, first, last, rest = series.groups()
        return [p for i in range(int(first), int(last) + 1) for p in _parameter(f"${prefix}{i} {rest}")]
    m = _PARAM.match(line.strip())
    if m is None:
        return []
    kind, _, default = m.group(2).partition(", default ")
    return [Parameter(m.group(1), kind, json.loads(default) if default else None, not default, m.group(3))]


def _parameters(section: str) -> tuple[Parameter, ...]:
    """Parameters, a line each; a line not starting with ``$`` continues the one above."""
    lines: list[str] = []
    for line in section.splitlines():
        if line.startswith("$") or not lines:
            lines.append(line)
        else:
            lines[-1] += " " + line.strip()
    return tuple(p for line in lines for p in _parameter(line))


@cache
def module(name: str) -> Module:
    source = text(name)
    h = _header(source)
    missing = [s for s in _SECTIONS if s not in h]
    if missing:
        raise ValueError(f"queries/{name}.cypher: header lacks {', '.join(missing)}")
    return Module(name, " ".join(h["Question"].split()), h["Command"], _parameters(h["Parameters"]),
                  " ".join(h["Columns"].split()), h["Example"], source)


def catalogue() -> list[Module]:
    return [module(n) for n in names()]


def run(store: Store, query: str, **params: Any) -> list[dict[str, Any]]:
    """Run a query module read-only; parameters the call leaves out take the header's defaults."""
    mod = module(query)
    values = {p.name: p.default for p in mod.parameters if not p.required}
    values.update(params)
    missing = [p.name for p in mod.parameters if p.required and p.name not in values]
    if missing:
        raise TypeError(f"query '{query}' needs {', '.join(missing)}")
    return store.read(mod.text, values)
