"""What the ``cypher`` command refuses before a query reaches a store.

Read-only transactions still read files and URLs (Neo4j runs ``LOAD CSV`` in a read
transaction; FalkorDB too) and may call procedures that reach the server's files, settings
or network. A query is refused when one of the named rules below matches its text once
string literals and comments are blanked (so a search for the words 'LOAD CSV' is fine) and
backticks dropped (so ```dbms`.x`` is ``dbms.x``). Procedures are allowed by name only.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from policykg.graph.errors import StoreError

# Procedures a read-only question may call: the schema listings, and FalkorDB's graph algorithms.
ALLOWED_PROCEDURES = ("db.labels", "db.relationshipTypes", "db.propertyKeys", "db.indexes", "db.constraints",
                      "db.idx.fulltext.queryNodes", "db.index.fulltext.queryNodes")
ALLOWED_PREFIXES = ("algo.",)

# Scanned left to right so that a quote inside a comment or a // inside a string is not misread.
_TOKEN = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)
_CALL = re.compile(r"\bCALL\s+([A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*)", re.I)


def _load_csv(text: str) -> str | None:
    if re.search(r"\bLOAD\s+CSV\b", text, re.I):
        return "LOAD CSV reads files and URLs"
    return None


def _procedures(text: str) -> str | None:
    allowed = {p.lower() for p in ALLOWED_PROCEDURES}
    for m in _CALL.finditer(text):
        name = re.sub(r"\s+", "", m.group(1))
        if name.lower() not in allowed and not name.lower().startswith(ALLOWED_PREFIXES):
            return f"procedure {name} is not allowed (only {', '.join(ALLOWED_PROCEDURES)}, algo.*)"
    return None


def _apoc(text: str) -> str | None:
    if re.search(r"\bapoc\s*\.", text, re.I):
        return "APOC procedures and functions reach files, settings and the network"
    return None


RULES: tuple[Callable[[str], str | None], ...] = (_load_csv, _procedures, _apoc)


def normalise(query: str) -> str:
    """The query with string literals and comments blanked and backticks dropped."""

    def blank(m: re.Match[str]) -> str:
        token = m.group(0)
        if token[0] in "'\"":
            return "''"
        return token[1:-1] if token[0] == "`" else " "

    return _TOKEN.sub(blank, query)


def check(query: str) -> None:
    """Raise StoreError naming the first rule the query breaks."""
    text = normalise(query)
    for rule in RULES:
        reason = rule(text)
        if reason:
            raise StoreError(f"refused: {reason}")
