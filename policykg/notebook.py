"""What the notebooks share: a store of their own, the corpus they load, a graph page shown inline.

A notebook never touches the store your commands use (``POLICYKG_DATA_DIR``): ``store()`` opens a new
embedded store in a temporary folder, removed when the kernel stops.
"""

from __future__ import annotations

import atexit
import html
import shutil
import tempfile
from pathlib import Path
from typing import Any

from policykg import api
from policykg.graph.stores import Store, open_store

_FOLDER: Path | None = None


def folder() -> Path:
    """The notebook's temporary folder (its store, the pages it writes)."""
    global _FOLDER
    if _FOLDER is None:
        _FOLDER = Path(tempfile.mkdtemp(prefix="policykg-notebook-"))
        atexit.register(shutil.rmtree, _FOLDER, True)
    return _FOLDER


def corpus() -> list[Path]:
    """The bundled seed documents, and the shared real corpus when it sits beside the checkout."""
    shared = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "real"
    return [api.sample_corpus(), *([shared] if shared.is_dir() else [])]


def store(paths: list[Path] | None = None) -> Store:
    """A new embedded store in the notebook's folder with ``paths`` (default: ``corpus()``) loaded."""
    opened = open_store("embedded", folder() / "store")
    atexit.register(opened.close)
    selected: list[str | Path] = list(paths if paths is not None else corpus())
    report = api.ingest(opened, selected)
    t = report.totals
    print(f"a store of this notebook's own ({folder()}): {report.loaded} files loaded, {t['Document']} documents, "
          f"{t['Task']} tasks, {t['Target']} targets, {t['Agency']} agencies")
    return opened


def inline(page: Path, height: int = 640) -> Any:
    """A graph page shown in the notebook (the whole page inside an iframe: it needs no server)."""
    from IPython.display import HTML

    source = html.escape(page.read_text("utf-8"), quote=True)
    style = f"width:100%;height:{height}px;border:1px solid #ccc"
    return HTML(f'<div><iframe srcdoc="{source}" style="{style}"></iframe></div>')
