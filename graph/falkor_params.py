"""Parameters for the embedded store, written as FalkorDB's ``CYPHER name=value …`` header.

The FalkorDB client builds this header in Python with a generic recursive function (``isinstance``
chains, one f-string per value); for a batch of thousands of rows that took a third of the main
process's time during an ingest. ``header`` writes the very same text (``tests/test_store.py``
compares the two) with one type test per value: strings quoted with ``\\`` and ``"`` escaped,
``None`` as ``null``, lists and tuples in brackets, maps with their keys in backticks, anything
else as ``str`` (so ``True`` stays ``True``, as the client writes it). A value of any other type
(bytes, a ``str`` subclass) goes through the client's own function."""

from __future__ import annotations

from typing import Any

from falkordb.helpers import stringify_param_value


def literal(value: Any) -> str:
    """One parameter value as the header writes it."""
    kind = type(value)
    if kind is str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if value is None:
        return "null"
    if kind is int or kind is float or kind is bool:
        return str(value)
    if kind is list or kind is tuple:
        return "[" + ",".join([literal(v) for v in value]) + "]"
    if kind is dict:
        return "{" + ",".join([(_PREFIX.get(k) or _prefix(k)) + literal(v) for k, v in value.items()]) + "}"
    return str(stringify_param_value(value))


_PREFIX: dict[Any, str] = {}  # a map key as written before its value: "`uid`:"


def _prefix(key: Any) -> str:
    _PREFIX[key] = written = f"`{_key(key)}`:"
    return written


def _key(key: Any) -> str:
    name = key if type(key) is str else (key.decode() if isinstance(key, bytes) else str(key))
    if not name or "`" in name:
        raise ValueError(f"a parameter or map key must be a plain name: {name!r}")
    return name


def header(params: dict[str, Any] | None) -> str:
    """``CYPHER `name`=value … `` before a query (empty without parameters)."""
    if params is None:
        return ""
    return "CYPHER " + "".join(f"`{_key(k)}`={literal(v)} " for k, v in params.items())
