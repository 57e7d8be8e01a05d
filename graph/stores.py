"""Two stores, one interface: the embedded FalkorDB (default) and a Neo4j server.

Both take the same Cypher text with parameters. ``read`` refuses writes (FalkorDB through
GRAPH.RO_QUERY, Neo4j through a read-access transaction) and is stopped by the server at a
time limit; ``write_many`` is one transaction on both.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from policykg.graph import resp
from policykg.graph.errors import StoreError

GRAPH_NAME = "policykg"
STORE_NAMES = ("embedded", "neo4j")

# Indexes and constraints (engine-specific DDL, not query modules): every label's key, and the properties
# questions filter on (a document's or agency's province, a document's symbol key).
_KEYS = {"Document": "uid", "Task": "uid", "Agency": "uid", "Target": "uid", "Source": "path",
         "Term": "uid",  # the search index (graph/search_index.py)
         "StatusReport": "uid",  # users' task status (graph/status.py)
         "Pending": "uid"}  # an ingest not finished (graph/load.py)
_FILTERS = (("Document", "province"), ("Document", "key"), ("Agency", "province"))
_FALKOR_INDEXES = {(label, prop): f"CREATE INDEX FOR (n:{label}) ON (n.{prop})"
                   for label, prop in [*_KEYS.items(), *_FILTERS]}
_NEO4J_CONSTRAINTS = (
    "CREATE CONSTRAINT document_uid IF NOT EXISTS FOR (n:Document) REQUIRE n.uid IS UNIQUE",
    "CREATE CONSTRAINT task_uid IF NOT EXISTS FOR (n:Task) REQUIRE n.uid IS UNIQUE",
    "CREATE CONSTRAINT agency_uid IF NOT EXISTS FOR (n:Agency) REQUIRE n.uid IS UNIQUE",
    "CREATE CONSTRAINT target_uid IF NOT EXISTS FOR (n:Target) REQUIRE n.uid IS UNIQUE",
    "CREATE CONSTRAINT source_path IF NOT EXISTS FOR (n:Source) REQUIRE n.path IS UNIQUE",
    "CREATE CONSTRAINT term_uid IF NOT EXISTS FOR (n:Term) REQUIRE n.uid IS UNIQUE",
    "CREATE CONSTRAINT status_uid IF NOT EXISTS FOR (n:StatusReport) REQUIRE n.uid IS UNIQUE",
    "CREATE CONSTRAINT pending_uid IF NOT EXISTS FOR (n:Pending) REQUIRE n.uid IS UNIQUE",
    *(f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})" for label, prop in _FILTERS),
)


QUERY_TIMEOUT = float(os.environ.get("POLICYKG_QUERY_TIMEOUT", "60"))  # seconds, for every read
_GRACE = 5.0  # after the limit, how long the server may take to stop a query before it is stopped
KEEP_WARM_SECONDS = "30"  # the command line's default (POLICYKG_KEEP_WARM)


def _over_limit(seconds: float) -> str:
    return f"query stopped at the {seconds:g} s time limit"


class Store:
    name = "store"
    batch_rows = 20000  # rows of a loading transaction (policykg/pipeline.py); a file is never split

    def read(self, query: str, params: dict[str, Any] | None = None,
             timeout: float | None = None) -> list[dict[str, Any]]:
        """Rows of a read-only query, stopped by the server after ``timeout`` seconds
        (default ``POLICYKG_QUERY_TIMEOUT``, 60)."""
        raise NotImplementedError

    def write(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        raise NotImplementedError

    def write_many(self, statements: list[tuple[str, dict[str, Any]]]) -> None:
        """Run several writes as one transaction: all become visible, or none."""
        raise NotImplementedError

    def ensure_schema(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class FalkorStore(Store):
    """The embedded store. A transaction is MULTI/EXEC: Redis runs its queries one after the
    other with nothing in between and writes them to the append-only file as one block,
    which a start after a kill keeps whole or drops whole. Spoken to through graph/resp.py (a
    query command imports neither redis-py nor the falkordb client)."""

    name = "embedded"

    def __init__(self, data_dir: Path, keep_warm: float = 0.0) -> None:
        from policykg.graph.embedded import EmbeddedServer

        self.server = EmbeddedServer(data_dir, keep_warm)
        self._socket = self.server.start()
        self._falkor: Any = None  # the falkordb client's graph, for results holding nodes (see _entity)
        try:
            self._conn = resp.Connection(self._socket)
        except OSError as exc:
            self.server.stop(compact=False)
            raise StoreError(f"embedded store: cannot reach the server ({exc})") from None
        except BaseException:
            self.server.stop(compact=False)
            raise

    def _entity(self, cell: list[Any]) -> Any:
        """A node, relationship or path (of a hand-written query), parsed by the falkordb client,
        which looks up the graph's label and property names."""
        from falkordb.query_result import parse_scalar

        if self._falkor is None:
            from falkordb import FalkorDB

            self._falkor = FalkorDB(unix_socket_path=self._socket).select_graph(GRAPH_NAME)
        return parse_scalar(cell, self._falkor)

    def _query(self, command: str, query: str, params: dict[str, Any] | None, *extra: Any) -> list[dict[str, Any]]:
        # One pause of the collector from the reply to its rows, the reply freed inside it: re-enabled in
        # between, the collector's first pass walked the whole reply (~10^5 lists) before the rows were made.
        with resp.collector_paused():
            reply = self._conn.command(command, GRAPH_NAME, resp.params_header(params) + query, "--compact", *extra)
            error = resp.failure(reply)
            if error is not None:
                raise error
            rows = resp.rows(reply, self._entity)
            del reply
        return rows

    def read(self, query: str, params: dict[str, Any] | None = None,
             timeout: float | None = None) -> list[dict[str, Any]]:
        seconds = timeout or QUERY_TIMEOUT
        self._conn.settimeout(seconds + _GRACE)  # the socket gives up a little after the server's own limit
        try:
            return self._query("GRAPH.RO_QUERY", query, params, "timeout", max(1, int(seconds * 1000)))
        except TimeoutError:
            self.server.kill()
            raise StoreError(f"embedded store: {_over_limit(seconds)} (the server did not stop it and was "
                             "stopped; nothing stored is lost)") from None
        except OSError:
            raise StoreError(f"embedded store: the server stopped while running the query: {self._why()}") from None
        except Exception as exc:
            if "timed out" in str(exc).lower():
                raise StoreError(f"embedded store: {_over_limit(seconds)}") from None
            raise StoreError(f"embedded store: {exc}") from None

    def _why(self) -> str:
        time.sleep(0.2)  # let a dying server finish its log
        reason = self.server.reason()
        if "Out Of Memory" in reason:
            reason += f" (the server may use {self.server_memory_mb()} MB: POLICYKG_MEMORY_LIMIT_MB)"
        return reason

    @staticmethod
    def server_memory_mb() -> int:
        from policykg.graph.embedded import MEMORY_LIMIT_MB

        return MEMORY_LIMIT_MB

    def write(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        self._conn.settimeout(None)
        try:
            return self._query("GRAPH.QUERY", query, params)
        except Exception as exc:
            raise StoreError(f"embedded store: {exc}") from None

    def write_many(self, statements: list[tuple[str, dict[str, Any]]]) -> None:
        """One MULTI/EXEC sent in one write: a batch costs one round trip, however many statements."""
        commands = [("MULTI",), *(("GRAPH.QUERY", GRAPH_NAME, resp.params_header(params) + query, "--compact")
                                  for query, params in statements), ("EXEC",)]
        self._conn.settimeout(None)
        try:
            replies = self._conn.pipeline(commands)
        except Exception as exc:
            raise StoreError(f"embedded store: {exc}") from None
        results = replies[-1]
        if not isinstance(results, list):  # EXEC refused: a statement was not even queued
            queued = [r for r in replies[1:-1] if isinstance(r, resp.ReplyError)]
            raise StoreError(f"embedded store: {queued[0] if queued else results}")
        failed = [e for e in map(resp.failure, results) if e is not None]
        if failed:
            raise StoreError(f"embedded store: a write failed part-way ({failed[0]}); load the file again")

    def ensure_schema(self) -> None:
        """The indexes of _FALKOR_INDEXES, created when missing (a read of the index list when none is:
        under a millisecond, so every opening checks rather than trusting an earlier one)."""
        try:
            graphs = self._conn.command("GRAPH.LIST")
        except (OSError, resp.ReplyError) as exc:
            raise StoreError(f"embedded store: {exc}") from None
        existing = {(row["label"], prop) for row in self.read("CALL db.indexes()") for prop in row["properties"]} \
            if GRAPH_NAME in graphs else set()
        for key, statement in _FALKOR_INDEXES.items():
            if key not in existing:
                try:
                    self.write(statement)
                except StoreError as exc:
                    if "already" not in str(exc).lower():
                        raise

    def close(self) -> None:
        try:
            self._conn.close()
            if self._falkor is not None:
                self._falkor.client.close()
        finally:
            self.server.stop(compact=self.server.alive())


class Neo4jStore(Store):
    name = "neo4j"
    # Neo4j commits several smaller transactions faster than one large one holding the same changes (a
    # transaction's changes are kept in the heap and written out at commit): the national corpus loaded
    # in 77 s at 20,000 rows a transaction, in 48 s at 5,000 and 47 s at 2,500.
    batch_rows = 5000

    def __init__(self, uri: str, user: str, password: str, database: str | None) -> None:
        import neo4j

        self._neo4j = neo4j
        self.user = user
        try:
            self.driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
            self.driver.verify_connectivity()
        except Exception as exc:
            raise StoreError(f"neo4j store at {uri}: {self._message(exc)}") from None
        self.database = database or None

    def _message(self, exc: Exception, seconds: float | None = None) -> str:
        """One line for a driver error: what happened and what to do."""
        from neo4j import exceptions as ne

        code = getattr(exc, "code", None) or ""
        if code.endswith("CredentialsExpired"):
            return (f"the password of user '{self.user}' has expired: set a new one "
                    "(ALTER CURRENT USER SET PASSWORD FROM … TO …) and update NEO4J_PASSWORD")
        if isinstance(exc, ne.AuthError) or code.startswith("Neo.ClientError.Security.Unauthorized"):
            return f"authentication failed for user '{self.user}' (check NEO4J_USER and NEO4J_PASSWORD)"
        if "TransactionTimedOut" in code or (seconds is not None and code.endswith("Transaction.Terminated")):
            return _over_limit(seconds or 0)
        if isinstance(exc, (ne.ServiceUnavailable, OSError)):
            return f"unreachable ({type(exc).__name__})"
        if isinstance(exc, ne.ConfigurationError | ValueError):
            return f"invalid NEO4J_URI ({exc})"
        return str(getattr(exc, "message", None) or exc)

    def _session(self, write: bool):
        mode = self._neo4j.WRITE_ACCESS if write else self._neo4j.READ_ACCESS
        return self.driver.session(database=self.database, default_access_mode=mode)

    def read(self, query: str, params: dict[str, Any] | None = None,
             timeout: float | None = None) -> list[dict[str, Any]]:
        seconds = timeout or QUERY_TIMEOUT

        @self._neo4j.unit_of_work(timeout=seconds)
        def work(tx: Any) -> list[dict[str, Any]]:
            return [r.data() for r in tx.run(query, params or {})]

        try:
            with self._session(False) as session:
                return session.execute_read(work)
        except Exception as exc:
            raise StoreError(f"neo4j store: {self._message(exc, seconds)}") from None

    def write(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return self._write_tx([(query, params or {})])

    def write_many(self, statements: list[tuple[str, dict[str, Any]]]) -> None:
        self._write_tx(statements)

    def _write_tx(self, statements: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
        def work(tx: Any) -> list[dict[str, Any]]:
            rows: list[dict[str, Any]] = []
            for query, params in statements:
                rows = [r.data() for r in tx.run(query, params)]
            return rows

        try:
            with self._session(True) as session:
                return session.execute_write(work)
        except Exception as exc:
            raise StoreError(f"neo4j store: {self._message(exc)}") from None

    def ensure_schema(self) -> None:
        for statement in _NEO4J_CONSTRAINTS:
            self.write(statement)

    def close(self) -> None:
        self.driver.close()


def keep_warm_seconds() -> float:
    """How long the command line leaves the embedded server running for the next command
    (POLICYKG_KEEP_WARM, seconds; 0: stopped with each command)."""
    try:
        return max(0.0, float(os.environ.get("POLICYKG_KEEP_WARM", KEEP_WARM_SECONDS)))
    except ValueError:
        raise StoreError("POLICYKG_KEEP_WARM: give a number of seconds") from None


def open_store(name: str | None = None, data_dir: str | Path | None = None, keep_warm: float = 0.0) -> Store:
    """The store named by ``name`` or POLICYKG_STORE (default: embedded), schema ensured. With
    ``keep_warm`` seconds, the embedded server outlives this store's closing for the next opening
    (graph/keeper.py); an opening finds and uses such a server whatever its own ``keep_warm``."""
    name = name or os.environ.get("POLICYKG_STORE") or "embedded"
    if name == "embedded":
        path = Path(data_dir or os.environ.get("POLICYKG_DATA_DIR") or "policykg-data")
        store: Store = FalkorStore(path.resolve(), keep_warm)
    elif name == "neo4j":
        uri = os.environ.get("NEO4J_URI", "bolt://localhost:7687")
        store = Neo4jStore(
            uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""),
            os.environ.get("NEO4J_DATABASE"),
        )
    else:
        raise StoreError(f"unknown store '{name}': choose one of {', '.join(STORE_NAMES)}")
    try:
        store.ensure_schema()
    except Exception:
        store.close()
        raise
    return store
