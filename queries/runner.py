"""Load the query modules (one ``.cypher`` file per question) and run them on a store."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from graph.stores import Store


@cache
def text(name: str) -> str:
    """The Cypher text of query module ``name`` (e.g. 'cascade')."""
    return resources.files("queries").joinpath(f"{name}.cypher").read_text("utf-8")


def names() -> list[str]:
    return sorted(p.name[:-7] for p in resources.files("queries").iterdir() if p.name.endswith(".cypher"))


def run(store: Store, query: str, **params: Any) -> list[dict[str, Any]]:
    """Run a query module read-only with parameters (never pasted into the text)."""
    return store.read(text(query), params)
