"""policykg: a knowledge graph of Vietnamese policy directives (CLI and Python API).

The repository keeps the design's top-level folders ``graph/``, ``ingest/`` and ``queries/``; they are
the subpackages ``policykg.graph``, ``policykg.ingest`` and ``policykg.queries``. The wheel puts them
inside ``policykg/`` (``force-include`` in pyproject.toml), so it installs no top-level package but
``policykg``; in a checkout (tests, editable installs) they are found beside this folder.
"""

from pathlib import Path

if not (Path(__file__).parent / "ingest").is_dir():  # a checkout: the subpackages sit beside policykg/
    __path__.append(str(Path(__file__).resolve().parent.parent))

from policykg.api import cascade, cypher, ingest, open_store, owns, trace  # noqa: E402

__all__ = ["open_store", "ingest", "cascade", "trace", "owns", "cypher"]
