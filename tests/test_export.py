"""Exports on both stores: GraphML into networkx with the store's counts and typed attributes; CSV and JSON
through `policykg import` into an empty store, and the Cypher script replayed, giving the same store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner
from policykg.graph.export import cypher_script, to_networkx, write
from policykg.graph.importer import ImportError_, load
from policykg.graph.search_index import reindex

from policykg import api
from policykg.cli import main
from tests.conftest import SEEDS, SHARED, _unavailable

# Every label and relationship type with its count (the search index's Term and HAS_TERM included).
CENSUS = """
MATCH (n) RETURN 'node ' + labels(n)[0] AS what, count(n) AS n
UNION ALL
MATCH ()-[r]->() RETURN 'edge ' + type(r) AS what, count(r) AS n
"""


def census(store: Any) -> dict[str, int]:
    return {row["what"]: row["n"] for row in store.read(CENSUS)}


def dump(store: Any) -> tuple[list[Any], list[Any]]:
    """Every node and edge but the search index, with all their fields."""
    graph = to_networkx(store, everything=True)
    return (sorted([n, sorted(d.items())] for n, d in graph.nodes(data=True)),
            sorted([a, b, sorted(d.items())] for a, b, d in graph.edges(data=True)))


def export(store: Any, fmt: str, path: Path) -> Path:
    """What `policykg export --format FMT -o PATH` writes (the command itself is run on data directories below:
    a second opener of an embedded store open here would wait for its lock)."""
    write(to_networkx(store, everything=True), fmt, path)
    return path


def _filled(store: Any) -> tuple[dict[str, int], tuple[list[Any], list[Any]]]:
    real = SHARED / "corpus" / "real"
    if not real.is_dir():
        _unavailable(f"the shared corpus is missing under {SHARED}")
    api.ingest(store, [SEEDS, real])
    api.set_status(store, "Tổ chức nghiên cứu, học tập, quán triệt", "done", "2026-06-01", "a note; with \"quotes\"",
                   "Lào Cai")
    return census(store), dump(store)


def test_graphml_opens_in_networkx_with_the_store_counts_and_types(store, tmp_path):
    counts, _ = _filled(store)
    path = tmp_path / "policykg.graphml"
    export(store, "graphml", path)
    graph = nx.read_graphml(path)
    stored = {k: n for k, n in counts.items() if k not in ("node Term", "edge HAS_TERM")}  # all but the index
    assert graph.number_of_nodes() == sum(n for k, n in stored.items() if k.startswith("node "))
    assert graph.number_of_edges() == sum(n for k, n in stored.items() if k.startswith("edge "))
    root = graph.nodes["36-NQ/TW|VN|2023"]
    assert root["type"] == "Document" and root["label"] == "36-NQ/TW" and root["stub"] is True  # a typed boolean
    assert isinstance(graph.nodes["Sở Y tế|Lào-Cai"]["listed"], bool)
    text = path.read_text("utf-8")
    assert 'attr.name="stub" attr.type="boolean"' in text and 'attr.name="folded"' not in text


def test_csv_and_json_imported_into_an_empty_store_give_the_same_store(store, tmp_path):
    counts, before = _filled(store)
    search = api.search(store, "cong nghe sinh hoc xu ly chat thai")
    export(store, "csv", tmp_path / "csv")
    export(store, "json", tmp_path / "all.json")
    header = (tmp_path / "csv" / "nodes-Document.csv").read_text("utf-8").splitlines()[0]
    assert header.startswith('"uid:ID(Document)",":LABEL"') and '"stub:boolean"' in header
    edge_header = (tmp_path / "csv" / "edges-Task-ASSIGNED_TO-Agency.csv").read_text("utf-8").splitlines()[0]
    assert edge_header.startswith('":START_ID(Task)",":END_ID(Agency)",":TYPE"')
    with pytest.raises(ImportError_, match="not empty"):
        load(store, tmp_path / "csv")
    for exported in (tmp_path / "csv", tmp_path / "all.json"):
        store.write("MATCH (n) DETACH DELETE n")
        assert load(store, exported) == {"nodes": len(before[0]), "edges": len(before[1])}
        assert census(store) == counts, exported
        assert dump(store) == before, exported
        assert api.search(store, "cong nghe sinh hoc xu ly chat thai") == search


def test_cypher_script_replays_into_an_empty_store(store, tmp_path):
    counts, before = _filled(store)
    path = tmp_path / "policykg.cypher"
    export(store, "cypher", path)
    assert list(cypher_script(to_networkx(store, everything=True))) == path.read_text("utf-8").splitlines()
    store.write("MATCH (n) DETACH DELETE n")
    for _ in range(2):  # replayable: a second run changes nothing
        for line in path.read_text("utf-8").splitlines():
            if line.startswith("//") or (line.startswith(("CREATE CONSTRAINT", "CREATE INDEX"))
                                         and store.name == "embedded"):
                continue  # the schema (constraints, indexes) is Neo4j's; policykg makes the embedded one's itself
            store.write(line.rstrip(";"))
    reindex(store)
    assert census(store) == counts and dump(store) == before


def test_export_and_import_commands(tmp_path):
    runner, data, copy = CliRunner(), ["--data-dir", str(tmp_path / "data")], ["--data-dir", str(tmp_path / "copy")]
    assert runner.invoke(main, ["ingest", str(SEEDS), *data]).exit_code == 0
    out = runner.invoke(main, ["export", "--format", "csv", "-o", str(tmp_path / "csv"), *data])
    assert out.exit_code == 0 and "neo4j-admin database import full" in out.output
    assert "--nodes=" in out.output and "--relationships=" in out.output
    result = runner.invoke(main, ["import", str(tmp_path / "csv"), *copy])
    assert result.exit_code == 0 and result.output.startswith("imported ")
    assert runner.invoke(main, ["stats", "--format", "json", *copy]).output == \
        runner.invoke(main, ["stats", "--format", "json", *data]).output
    # As after neo4j-admin import of an earlier version's export: no index, tasks without their province.
    with api.open_store("embedded", tmp_path / "copy") as store:
        store.write("MATCH (w:Term) DETACH DELETE w")
        store.write("MATCH (t:Task) REMOVE t.province")
    rebuilt = runner.invoke(main, ["reindex", *copy])
    assert rebuilt.exit_code == 0 and "search index rebuilt" in rebuilt.output
    for words in (["search", "cong nghe sinh hoc", "--format", "json"],
                  ["search", "cong nghe sinh hoc", "--kind", "task", "--province", "Lào Cai", "--format", "json"]):
        assert runner.invoke(main, [*words, *copy]).output == runner.invoke(main, [*words, *data]).output


def test_a_focus_exports_what_the_page_shows(tmp_path):
    data = ["--data-dir", str(tmp_path / "data")]
    assert CliRunner().invoke(main, ["ingest", str(SEEDS), *data]).exit_code == 0
    page = CliRunner().invoke(main, ["graph", "--agency", "Sở Y tế", "--province", "Lào Cai",
                                     "-o", str(tmp_path / "p.html"), *data])
    out = CliRunner().invoke(main, ["export", "--format", "json", "-o", str(tmp_path / "f.json"), "--agency", "Sở Y tế",
                                    "--province", "Lào Cai", *data])
    assert out.exit_code == 0, out.output
    exported = json.loads((tmp_path / "f.json").read_text("utf-8"))
    assert f"{len(exported['nodes'])} nodes, {len(exported['links'])} edges" in page.output
    assert {n["label"] for n in exported["nodes"]} == {"Document", "Task", "Agency"}


@pytest.mark.parametrize(("name", "content", "message"), [
    ("bad.json", "{not json", "not a policykg JSON export"),
    ("export.graphml", "<graphml/>", "import reads a JSON export"),
])
def test_bad_imports_are_one_line_and_leave_the_store_empty(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, "utf-8")
    data = ["--data-dir", str(tmp_path / "data")]
    result = CliRunner().invoke(main, ["import", str(path), *data])
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    with api.open_store("embedded", tmp_path / "data") as store:
        assert census(store) == {}


def test_an_edge_to_a_node_the_export_lacks_is_refused(tmp_path):
    broken = {"directed": True, "multigraph": True, "graph": {}, "nodes": [
        {"id": "a", "label": "Task", "properties": {"uid": "a"}}],
        "links": [{"source": "a", "target": "missing", "key": 0, "type": "PART_OF", "properties": {}}]}
    path = Path(tmp_path / "broken.json")
    path.write_text(json.dumps(broken), "utf-8")
    result = CliRunner().invoke(main, ["import", str(path), "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 1 and "missing" in result.output
