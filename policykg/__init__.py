"""policykg: a knowledge graph of Vietnamese policy directives (CLI and Python API)."""

from policykg.api import cascade, cypher, ingest, open_store, owns, trace

__all__ = ["open_store", "ingest", "cascade", "trace", "owns", "cypher"]
