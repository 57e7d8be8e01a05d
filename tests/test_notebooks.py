"""Every notebook runs top to bottom in a real kernel (nbclient) on a store of its own: each shows a table
(a pandas DataFrame) and a picture, and the store your commands use is left as it was."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner
from nbclient import NotebookClient

from policykg.cli import main
from tests.conftest import ROOT, SEEDS

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# What each story must show (besides a DataFrame and a picture).
SHOWS = {
    "01_who_owns_what": ["Sở Y tế", "no lead"],
    "02_trace_to_36-NQ-TW": ["root: 36-NQ/TW", "1639/QĐ-TTg", "provinces have an implementing document"],
    "03_agencies_after_2025": ["Sở Tài chính", "Nghị định 45/2025/NĐ-CP", "betweenness"],
    "04_explore_graph": ["srcdoc=", "Narrow it:", "nodes, ", "edges in cascade.graphml"],
}


def _outputs(notebook: nbformat.NotebookNode) -> tuple[str, set[str]]:
    """All text of a run notebook's outputs, and the MIME types they hold."""
    texts, kinds = [], set()
    for cell in notebook.cells:
        for out in cell.get("outputs", []):
            texts.append(out.get("text", ""))
            for kind, value in out.get("data", {}).items():
                kinds.add(kind)
                texts.append(value if isinstance(value, str) else "")
    return "\n".join(texts), kinds


@pytest.fixture(scope="module")
def users_store(tmp_path_factory) -> tuple[list[str], str]:
    data = tmp_path_factory.mktemp("user") / "data"
    where = ["--data-dir", str(data)]
    assert CliRunner().invoke(main, ["ingest", str(SEEDS / "sonla-kh-1639-qd-ttg-bvmt.txt"), *where]).exit_code == 0
    return where, CliRunner().invoke(main, ["stats", "--format", "json", *where]).output


def test_there_are_four_stories():
    assert [p.stem for p in NOTEBOOKS] == list(SHOWS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_on_a_store_of_its_own(path: Path, tmp_path: Path, monkeypatch, users_store):
    where, before = users_store
    monkeypatch.setenv("POLICYKG_DATA_DIR", where[1])  # the user's store: the notebook must not touch it
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    text, kinds = _outputs(notebook)
    assert 'class="dataframe"' in text, "a pandas table"
    assert "image/png" in kinds or "<iframe srcdoc=" in text, "a picture"
    for shown in SHOWS[path.stem]:
        assert shown in text, shown
    assert "a store of this notebook's own" in text
    assert CliRunner().invoke(main, ["stats", "--format", "json", *where]).output == before
    assert list(tmp_path.iterdir()) == [], "pages and stores go to the notebook's temporary folder"


def test_notebooks_are_committed_without_outputs():
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        assert all(not cell.get("outputs") and cell.get("execution_count") is None
                   for cell in notebook.cells if cell.cell_type == "code"), path.name
