"""policykg: a knowledge graph of Vietnamese policy directives (CLI and Python API).

The repository keeps the design's top-level folders ``graph/``, ``ingest/`` and ``queries/``; they are
the subpackages ``policykg.graph``, ``policykg.ingest`` and ``policykg.queries``. The wheel puts them
inside ``policykg/`` (``force-include`` in pyproject.toml), so it installs no top-level package but
``policykg``; in a checkout (tests, editable installs) they are found beside this folder.
"""

from pathlib import Path
from typing import TYPE_CHECKING

if not (Path(__file__).parent / "ingest").is_dir():  # a checkout: the subpackages sit beside policykg/
    __path__.append(str(Path(__file__).resolve().parent.parent))

if TYPE_CHECKING:
    from policykg.api import cascade, cypher, ingest, open_store, owns, trace  # noqa: F401

__all__ = ["open_store", "ingest", "cascade", "trace", "owns", "cypher"]


def __getattr__(name: str) -> object:
    """``policykg.owns`` and the other API names, imported when first used: every command imports this
    package, and most need only a part of the API (the command line starts in a fraction of a second)."""
    if name in __all__:
        from policykg import api

        return getattr(api, name)
    raise AttributeError(f"module 'policykg' has no attribute '{name}'")
