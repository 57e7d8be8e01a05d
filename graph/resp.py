"""A small client of the embedded server: the Redis protocol (RESP2) over its unix socket, and
FalkorDB's compact result format.

Why not redis-py and the falkordb client: importing them costs a query command 0.15-0.3 s (redis-py
imports its asyncio and cluster clients whatever is used), more than the rest of the command on a
warm server, and the falkordb client parses results cell by cell through several layers. This module
imports the standard library and hiredis's C reply parser only. The falkordb client is still used,
imported when first needed, for the one thing it adds: the nodes, relationships and paths a
hand-written ``policykg cypher`` may return (they need the graph's label and property names).

Replies look as redis-py gives them with ``decode_responses``: strings decoded, an error reply inside
an array (a MULTI/EXEC's failed statement, a query's run-time error) kept as a ``ReplyError`` value.
"""

from __future__ import annotations

import gc
import operator
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain
from typing import Any

import hiredis

# FalkorDB's compact value types (falkordb.query_result.ResultSetScalarTypes).
_NULL, _STRING, _INTEGER, _BOOLEAN, _DOUBLE, _ARRAY, _EDGE, _NODE, _PATH, _MAP, _POINT, _VECTOR = range(1, 13)
_AS_IS = frozenset((_NULL, _STRING, _INTEGER))  # a cell [kind, value] whose value is the answer
_LISTS = frozenset((_NULL, _ARRAY))
_KIND, _VALUE = operator.itemgetter(0), operator.itemgetter(1)


class ReplyError(Exception):
    """An error reply of the server (a bad query, a query stopped at its time limit, LOADING …)."""


@contextmanager
def collector_paused() -> Iterator[None]:
    """The garbage collector off for a while (nested pauses keep it off): stores.FalkorStore holds one
    from a query's reply to its rows. A large answer is ~10^5 fresh lists and strings, then thousands of
    row dicts, none in a cycle: the collector's passes over them took as long as the parsing itself."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


class Connection:
    """One connection to a unix socket. ``timeout`` (seconds, None: wait for ever) bounds every wait
    for the server; a wait over it raises ``TimeoutError``, a server gone ``ConnectionError``."""

    def __init__(self, path: str, timeout: float | None = None) -> None:
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            self._sock.settimeout(timeout)
            self._sock.connect(path)
        except BaseException:
            self._sock.close()
            raise
        # hiredis's reply parser (C): a large answer parsed in Python took most of the answer's time
        self._parser = hiredis.Reader(encoding="utf-8", replyError=ReplyError)

    def settimeout(self, seconds: float | None) -> None:
        self._sock.settimeout(seconds)

    def command(self, *args: Any) -> Any:
        """Send one command, return its reply; an error reply is raised."""
        reply = self.pipeline([args])[0]
        if isinstance(reply, ReplyError):
            raise reply
        return reply

    def pipeline(self, commands: list[tuple[Any, ...]]) -> list[Any]:
        """Send several commands in one write and read their replies (errors returned, not raised)."""
        self._sock.sendall(b"".join(_encode(args) for args in commands))
        return self._parsed(len(commands))

    def _parsed(self, count: int) -> list[Any]:
        """``count`` replies, as redis-py gives them with ``decode_responses`` (error replies as values)."""
        parser = self._parser
        replies: list[Any] = []
        while len(replies) < count:
            reply = parser.gets()
            if reply is False:
                data = self._sock.recv(1 << 16)
                if not data:
                    raise ConnectionError("the server closed the connection")
                parser.feed(data)
            else:
                replies.append(reply)
        return replies

    def close(self) -> None:
        self._sock.close()


def _encode(args: tuple[Any, ...]) -> bytes:
    parts = [b"*%d\r\n" % len(args)]
    for arg in args:
        data = arg if isinstance(arg, bytes) else str(arg).encode("utf-8")
        parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(parts)


# FalkorDB --------------------------------------------------------------------------------------------

def params_header(params: dict[str, Any] | None) -> str:
    """``CYPHER a=1 b="x" `` before a query: how FalkorDB takes parameters (as the falkordb client
    writes them: strings quoted with backslash escapes, map keys in backticks)."""
    if not params:
        return ""
    return "CYPHER " + " ".join(f"{k}={_literal(v)}" for k, v in params.items()) + " "


def _literal(value: Any) -> str:
    """A value as Cypher text. Exact types first, strings inline: a batch of a loader writes megabytes
    of parameters, and this function was its largest cost in Python."""
    kind = type(value)
    if kind is str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if kind is dict:
        return "{" + ",".join([_key(k) + (('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"')
                                          if type(v) is str else _literal(v)) for k, v in value.items()]) + "}"
    if kind is list or kind is tuple:
        return "[" + ",".join([('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"') if type(v) is str
                               else _literal(v) for v in value]) + "]"
    if value is None:
        return "null"
    if kind is int or kind is float or kind is bool:
        return str(value)
    if isinstance(value, bytes):
        return _literal(value.decode())
    if isinstance(value, str):  # subclasses: their text, as the exact types above
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, dict):
        return "{" + ",".join([_key(k) + _literal(v) for k, v in value.items()]) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join([_literal(v) for v in value]) + "]"
    return str(value)


_KEYS: dict[Any, str] = {}


def _key(key: Any) -> str:
    """```name`:`` for a map key (checked once per name)."""
    written = _KEYS.get(key)
    if written is None:
        text = key.decode() if isinstance(key, bytes) else str(key)
        if not text or "`" in text:
            raise ValueError(f"a map key FalkorDB cannot take: {text!r}")
        written = _KEYS[key] = f"`{text}`:"
    return written


def failure(reply: Any) -> ReplyError | None:
    """The error a GRAPH.QUERY reply carries: the whole reply, or (a run-time error) its last element."""
    if isinstance(reply, ReplyError):
        return reply
    if isinstance(reply, list) and reply and isinstance(reply[-1], ReplyError):
        return reply[-1]
    return None


def rows(reply: list[Any], entities: Any = None) -> list[dict[str, Any]]:
    """The rows of a GRAPH.QUERY --compact reply as dicts. ``entities(cell)`` parses a cell holding a
    node, relationship or path (or a list or map with one inside); without it such a cell is refused.

    Column by column: a column of nulls, strings and integers (most of them) is its cells' values taken
    in one C-level pass, and a column of lists of those the same per list; only the other cells take a
    call each. Row by row with a call per cell was a third of a 2,000-row answer's time."""
    if len(reply) < 3:
        return []  # statistics only: a write without RETURN
    names = [h[1] if isinstance(h, list) else h for h in reply[0]]
    if not reply[1]:
        return []
    columns = [_column(cells, entities) for cells in zip(*reply[1])]
    return [dict(zip(names, values)) for values in zip(*columns)]


def _column(cells: tuple[list[Any], ...], entities: Any) -> list[Any]:
    kinds = set(map(_KIND, cells))
    if kinds <= _AS_IS:
        return list(map(_VALUE, cells))
    if kinds <= _LISTS:
        lists = [cell[1] for cell in cells if cell[0] == _ARRAY]
        if _AS_IS.issuperset(map(_KIND, chain.from_iterable(lists))):
            return [list(map(_VALUE, cell[1])) if cell[0] == _ARRAY else None for cell in cells]
    return [_cell(cell, entities) for cell in cells]


def _cell(cell: list[Any], entities: Any) -> Any:
    if cell[0] in _AS_IS:
        return cell[1]
    try:
        return _value(cell)
    except _Entity:
        if entities is None:
            raise ReplyError("the result holds nodes or relationships this reader cannot parse") from None
        return entities(cell)


class _Entity(Exception):
    pass


def _value(cell: list[Any]) -> Any:
    kind, value = cell[0], cell[1]
    if kind == _STRING or kind == _INTEGER:
        return value
    if kind == _NULL:
        return None
    if kind == _ARRAY:
        return [_value(v) for v in value]
    if kind == _MAP:
        return {value[i]: _value(value[i + 1]) for i in range(0, len(value), 2)}
    if kind == _BOOLEAN:
        return value == "true"
    if kind == _DOUBLE:
        return float(value)
    if kind == _POINT:
        return {"latitude": float(value[0]), "longitude": float(value[1])}
    if kind == _VECTOR:
        return [float(v) for v in value]
    raise _Entity  # nodes, relationships, paths; dates and durations (none stored): the falkordb client's
