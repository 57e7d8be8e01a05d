"""Two stores, one interface: the embedded FalkorDB (default) and a Neo4j server.

Both take the same Cypher text with parameters. ``read`` refuses writes: FalkorDB
through GRAPH.RO_QUERY, Neo4j through a read-access transaction.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from graph.errors import StoreError

GRAPH_NAME = "policykg"
STORE_NAMES = ("embedded", "neo4j")

# Indexes and constraints on uid (engine-specific DDL, not query modules).
_LABELS = ("Document", "Task", "Agency", "Target", "Term", "StatusReport")
_FALKOR_INDEXES = {
    "Document": "CREATE INDEX FOR (n:Document) ON (n.uid)",
    "Task": "CREATE INDEX FOR (n:Task) ON (n.uid)",
    "Agency": "CREATE INDEX FOR (n:Agency) ON (n.uid)",
    "Target": "CREATE INDEX FOR (n:Target) ON (n.uid)",
    "Term": "CREATE INDEX FOR (n:Term) ON (n.uid)",  # the search index (graph/search_index.py)
    "StatusReport": "CREATE INDEX FOR (n:StatusReport) ON (n.uid)",  # users' task status (graph/status.py)
}
_NEO4J_CONSTRAINTS = (
    "CREATE CONSTRAINT document_uid IF NOT EXISTS FOR (n:Document) REQUIRE n.uid IS UNIQUE",
    "CREATE CONSTRAINT task_uid IF NOT EXISTS FOR (n:Task) REQUIRE n.uid IS UNIQUE",
    "CREATE CONSTRAINT agency_uid IF NOT EXISTS FOR (n:Agency) REQUIRE n.uid IS UNIQUE",
    "CREATE CONSTRAINT target_uid IF NOT EXISTS FOR (n:Target) REQUIRE n.uid IS UNIQUE",
    "CREATE CONSTRAINT term_uid IF NOT EXISTS FOR (n:Term) REQUIRE n.uid IS UNIQUE",
    "CREATE CONSTRAINT status_uid IF NOT EXISTS FOR (n:StatusReport) REQUIRE n.uid IS UNIQUE",
)


class Store:
    name = "store"

    def read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        raise NotImplementedError

    def write(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        raise NotImplementedError

    def write_many(self, statements: list[tuple[str, dict[str, Any]]]) -> None:
        """Run several writes; Neo4j runs them in one transaction."""
        for query, params in statements:
            self.write(query, params)

    def ensure_schema(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class FalkorStore(Store):
    name = "embedded"

    def __init__(self, data_dir: Path) -> None:
        from falkordb import FalkorDB

        from graph.embedded import EmbeddedServer

        self.server = EmbeddedServer(data_dir)
        socket = self.server.start()
        try:
            self.db = FalkorDB(unix_socket_path=socket)
            self.graph = self.db.select_graph(GRAPH_NAME)
        except Exception:
            self.server.stop()
            raise

    @staticmethod
    def _rows(result: Any) -> list[dict[str, Any]]:
        names = [h[1] if isinstance(h, (list, tuple)) else h for h in result.header]
        return [dict(zip(names, row)) for row in result.result_set]

    def read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        try:
            return self._rows(self.graph.ro_query(query, params or {}))
        except Exception as exc:
            raise StoreError(f"embedded store: {exc}") from None

    def write(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        try:
            return self._rows(self.graph.query(query, params or {}))
        except Exception as exc:
            raise StoreError(f"embedded store: {exc}") from None

    def ensure_schema(self) -> None:
        existing = str(self.graph.list_indices().result_set) if self._has_graph() else ""
        for label in _LABELS:
            if f"'{label}'" not in existing:
                try:
                    self.graph.query(_FALKOR_INDEXES[label])
                except Exception as exc:
                    if "already" not in str(exc).lower():
                        raise StoreError(f"embedded store: {exc}") from None

    def _has_graph(self) -> bool:
        return GRAPH_NAME in self.db.list_graphs()

    def close(self) -> None:
        try:
            self.db.connection.close()
        finally:
            self.server.stop()


class Neo4jStore(Store):
    name = "neo4j"

    def __init__(self, uri: str, user: str, password: str, database: str | None) -> None:
        import neo4j

        self._neo4j = neo4j
        try:
            self.driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
            self.driver.verify_connectivity()
        except Exception as exc:
            raise StoreError(f"neo4j store at {uri}: unreachable ({type(exc).__name__})") from None
        self.database = database or None

    def _session(self, write: bool):
        mode = self._neo4j.WRITE_ACCESS if write else self._neo4j.READ_ACCESS
        return self.driver.session(database=self.database, default_access_mode=mode)

    def read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        try:
            with self._session(False) as session:
                return session.execute_read(lambda tx: [r.data() for r in tx.run(query, params or {})])
        except Exception as exc:
            raise StoreError(f"neo4j store: {getattr(exc, 'message', None) or exc}") from None

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
            raise StoreError(f"neo4j store: {getattr(exc, 'message', None) or exc}") from None

    def ensure_schema(self) -> None:
        for statement in _NEO4J_CONSTRAINTS:
            self.write(statement)

    def close(self) -> None:
        self.driver.close()


def open_store(name: str | None = None, data_dir: str | Path | None = None) -> Store:
    """The store named by ``name`` or POLICYKG_STORE (default: embedded), schema ensured."""
    name = name or os.environ.get("POLICYKG_STORE") or "embedded"
    if name == "embedded":
        path = Path(data_dir or os.environ.get("POLICYKG_DATA_DIR") or "policykg-data")
        store: Store = FalkorStore(path.resolve())
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
