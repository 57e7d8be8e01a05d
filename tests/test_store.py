"""The store under an unlucky or hostile user, on real servers: kills during an ingest, a file
whose number changes, forgetting and pruning files, endless queries, files read through Cypher,
credentials in messages, odd paths."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from policykg.graph.audit import expected_facts, partial_documents
from policykg.graph.embedded import server_processes
from policykg.graph.errors import StoreError
from policykg.graph.load import counts
from policykg.graph.stores import open_store

from policykg import api
from policykg.cli import main
from tests.conftest import ROOT, SEEDS, SHARED

LAICHAU = SEEDS / "laichau-sct-congvan-1355-qd-bct.txt"
WARM = {**os.environ, "POLICYKG_KEEP_WARM": "30"}  # the command line's default
ENDLESS = "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y RETURN count(*) AS n"


def _policykg(*args: str, **kwargs) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "policykg", *args], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kwargs)


def dump(store) -> list[str]:
    """Every node and edge with its properties (the ingest time aside), sorted: two stores that
    dump the same hold the same graph."""
    nodes = store.read("MATCH (n) RETURN labels(n)[0] AS label, properties(n) AS p")
    edges = store.read("MATCH (a)-[r]->(b) RETURN coalesce(a.uid, a.path) AS a, type(r) AS t, b.uid AS b, "
                       "properties(r) AS p")
    for row in nodes:
        row["p"].pop("ingested_at", None)
    return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in nodes + edges)


# --- atomic documents, no orphaned server -------------------------------------------------------

def _crash_corpus() -> list[Path]:
    folders = [SEEDS, ROOT / "tests" / "data", SHARED / "corpus" / "real", SHARED / "corpus" / "real-full"]
    return [p for f in folders if f.is_dir() for p in sorted(f.iterdir()) if p.suffix in (".txt", ".md")
            and p.name != "README.md"]


def _orphans(socket: Path, wait: float = 15.0) -> list[int]:
    deadline = time.monotonic() + wait
    while (left := server_processes(socket)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def test_kills_during_an_ingest_leave_whole_documents_and_no_server(tmp_path: Path):
    files = _crash_corpus()
    expected = expected_facts(files)
    data = tmp_path / "data"
    seed = int(os.environ.get("POLICYKG_CRASH_SEED", time.time_ns() % 100000))
    rng = random.Random(seed)
    for kill in range(3):
        order = rng.sample(files, len(files))
        proc = _policykg("ingest", *map(str, order), "--data-dir", str(data), env=WARM)  # as users run it
        # extraction workers start first; the last kill comes late enough that, even on a loaded machine,
        # something was stored for the partial-document check to look at
        time.sleep(rng.uniform(1.5, 6.0) if kill < 2 else rng.uniform(6.0, 10.0))
        proc.kill()
        proc.communicate()
        if proc.returncode == -9:  # killed; one that had finished (its files loaded before) leaves a warm server
            assert _orphans(data / "falkordb.sock") == [], f"server left running after kill {kill} (seed {seed})"
    with open_store("embedded", data) as store:
        partial = partial_documents(store, expected)
        assert counts(store)["Document"] > 0 and not partial, f"seed {seed}: {partial[:3]}"
    finished = _policykg("ingest", *map(str, files), "--data-dir", str(data))
    assert finished.wait(timeout=300) in (0, 1), finished.communicate()[0]
    after = _policykg("cascade", "36-NQ/TW", "--data-dir", str(data))
    out = after.communicate(timeout=120)[0]
    assert after.returncode == 0 and "55-KH/TU" in out, out
    assert _orphans(data / "falkordb.sock", wait=5) == []


def test_a_second_command_stops_a_server_left_running(tmp_path: Path):
    data = tmp_path / "data"
    store = open_store("embedded", data)
    api.ingest(store, [LAICHAU])
    before = counts(store)
    server = store.server._process
    store.server._process = None  # forget it, as a killed policykg would: the server runs on, unseen
    store.server.stop()
    assert server is not None and server.poll() is None
    with open_store("embedded", data) as again:
        assert server.wait(timeout=30) is not None  # stopped before a new one started
        assert counts(again) == before
    assert _orphans(data / "falkordb.sock", wait=5) == []


# --- a warm server between commands -------------------------------------------------------------

def _owns(data: Path, env: dict[str, str]) -> str:
    proc = _policykg("owns", "Phòng Quản lý Công nghiệp", "--province", "Lai Châu", "--data-dir", str(data),
                     "--format", "json", env=env)
    out = proc.communicate(timeout=120)[0]
    assert proc.returncode == 0, out
    return out


def test_a_released_server_is_adopted_by_the_next_command_then_stops_when_idle(tmp_path: Path):
    data = tmp_path / "data"
    with open_store("embedded", data) as store:
        api.ingest(store, [LAICHAU])
    assert server_processes(data / "falkordb.sock") == []  # the API stops its own server
    first = _owns(data, {**os.environ, "POLICYKG_KEEP_WARM": "3"})
    running = server_processes(data / "falkordb.sock")
    assert len(running) == 1, "the server outlives the command"
    second = _owns(data, {**os.environ, "POLICYKG_KEEP_WARM": "3"})
    assert second == first and json.loads(second)
    assert server_processes(data / "falkordb.sock") == running, "the second command used the same server"
    with open_store("embedded", data) as store:  # the API adopts it too, and stops it (keep_warm 0)
        assert store.server.adopted and counts(store)["Task"] > 0
    assert _orphans(data / "falkordb.sock", wait=5) == []
    _owns(data, {**os.environ, "POLICYKG_KEEP_WARM": "1"})
    assert len(server_processes(data / "falkordb.sock")) == 1
    assert _orphans(data / "falkordb.sock", wait=10) == [], "stopped after its idle time"
    deadline = time.monotonic() + 5  # the keeper removes its pid file just after the server has gone
    while (data / "keeper.pid").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not (data / "keeper.pid").exists()


def test_a_killed_command_stops_the_warm_server_it_used(tmp_path: Path):
    data = tmp_path / "data"
    _policykg("ingest", str(LAICHAU), "--data-dir", str(data), env=WARM).communicate(timeout=120)
    assert len(server_processes(data / "falkordb.sock")) == 1
    proc = _policykg("cypher", ENDLESS, "--data-dir", str(data), env=WARM)
    time.sleep(2.0)  # the command has adopted the server and waits for the query
    proc.kill()
    proc.communicate()
    assert _orphans(data / "falkordb.sock", wait=15) == [], "a command killed while using it leaves no server"
    with open_store("embedded", data) as store:
        assert counts(store)["Task"] > 0


# --- the store knows its files ------------------------------------------------------------------

def test_renumbered_file_leaves_the_store_of_a_fresh_ingest(store, tmp_path: Path):
    path = tmp_path / "laichau.txt"
    unnumbered = LAICHAU.read_text("utf-8")
    numbered = unnumbered.replace("Số: /SCT-QLCN", "Số: 123/SCT-QLCN")
    assert numbered != unnumbered
    for first, final in ((unnumbered, numbered), (numbered, unnumbered)):
        store.write("MATCH (n) DETACH DELETE n")
        path.write_text(first, "utf-8")
        api.ingest(store, [path, SEEDS / "sonla-kh-1639-qd-ttg-bvmt.txt"])
        path.write_text(final, "utf-8")
        api.ingest(store, [path])
        changed = dump(store)
        store.write("MATCH (n) DETACH DELETE n")
        api.ingest(store, [path, SEEDS / "sonla-kh-1639-qd-ttg-bvmt.txt"])
        assert changed == dump(store)
    sources = store.read("MATCH (s:Source)-[:PRODUCED]->(d:Document) RETURN s.path AS p, s.sha256 AS h, "
                         "s.ingested_at AS t, d.uid AS d ORDER BY p")
    assert [s["d"] for s in sources] == ["file:laichau.txt", "1639/QĐ-TTg|VN|2023"] or len(sources) == 2
    assert all(len(s["h"]) == 64 and s["t"] for s in sources)


def test_forget_and_prune_leave_the_store_of_the_files_that_remain(store, tmp_path: Path):
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    gone, pruned = folder / "laichau-sct-congvan-1355-qd-bct.txt", folder / "sonla-kh-1639-qd-ttg-bvmt.txt"
    api.ingest(store, [folder])
    assert api.forget(store, gone) == 1
    assert api.forget(store, gone) is None
    gone.unlink()
    pruned.unlink()
    report = api.ingest(store, [folder], prune=True)
    assert report.pruned == [str(pruned)]
    after = dump(store)
    store.write("MATCH (n) DETACH DELETE n")
    api.ingest(store, [folder])
    assert after == dump(store)


def test_forget_command_and_summary_counts_what_the_store_holds(tmp_path: Path):
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    result = runner.invoke(main, ["ingest", str(LAICHAU), str(LAICHAU), str(SEEDS), *data])
    assert result.exit_code == 0, result.output
    with open_store("embedded", tmp_path / "data") as store:
        tasks = counts(store)["Task"]
    assert f"the store holds {tasks} tasks" in result.output
    result = runner.invoke(main, ["forget", str(LAICHAU), *data])
    assert result.exit_code == 0 and "1 documents removed" in result.output
    result = runner.invoke(main, ["forget", str(LAICHAU), *data])
    assert result.exit_code == 1 and "not in the store" in result.output


# --- bounded queries ----------------------------------------------------------------------------

def test_an_endless_query_stops_at_the_time_limit(store):
    api.ingest(store, [LAICHAU])
    with pytest.raises(StoreError, match=r"stopped at the 1 s time limit"):
        api.cypher(store, ENDLESS, timeout=1)
    assert api.cypher(store, "MATCH (d:Document) RETURN count(d) AS n")[0]["n"] > 0  # the store still answers
    # The query: Neo4j stops it at the limit; FalkorDB's range() asks for a 32 GB list at once,
    # which the embedded server's memory limit refuses (the server stops; nothing stored is lost).
    with pytest.raises(StoreError, match=r"stopped at the 1 s time limit|Out Of Memory"):
        api.cypher(store, "UNWIND range(1,2000000000) AS x RETURN count(x)", timeout=1)


def test_cypher_command_stops_endless_queries_with_one_line(tmp_path: Path):
    data = ["--data-dir", str(tmp_path / "data")]
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(LAICHAU), *data]).exit_code == 0
    result = runner.invoke(main, ["cypher", ENDLESS, "--timeout", "1", *data])
    assert result.exit_code == 1 and result.output.strip().count("\n") == 0, result.output
    assert "stopped at the 1 s time limit" in result.output
    # The query asks FalkorDB for a 32 GB list: the server's memory limit stops it.
    result = runner.invoke(main, ["cypher", "UNWIND range(1,2000000000) AS x RETURN count(x)", *data])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert "Out Of Memory" in result.output and "POLICYKG_MEMORY_LIMIT_MB" in result.output
    result = runner.invoke(main, ["cypher", "MATCH (t:Task) RETURN count(t) AS n", "--format", "json", *data])
    assert result.exit_code == 0 and json.loads(result.output)[0]["n"] > 0


@pytest.mark.parametrize("query", [
    "LOAD CSV FROM 'file:///etc/hostname' AS r RETURN r",
    "load /* hidden */ csv from 'https://example.org/x.csv' as r return r",
    "CALL dbms.listConfig()",
    "CALL `dbms`.`showCurrentUser`()",
    "RETURN apoc.version()",
])
def test_cypher_refuses_files_network_and_settings(store, query):
    with pytest.raises(StoreError, match="refused"):
        api.cypher(store, query)


def test_cypher_allows_what_only_looks_like_a_file_read(store):
    api.ingest(store, [LAICHAU])
    rows_ = api.cypher(store, "MATCH (t:Task) WHERE t.text CONTAINS 'LOAD CSV' RETURN count(t) AS n // it's fine")
    assert rows_ == [{"n": 0}]
    assert {"Document", "Task"} <= {r["label"] for r in api.cypher(store, "CALL db.labels() YIELD label RETURN label")}


# --- messages -----------------------------------------------------------------------------------

SECRET = "S3cr3t-Pa55word"


def test_no_secret_in_any_message(neo4j_uri, monkeypatch):
    runner = CliRunner()
    host = neo4j_uri.split("://", 1)[1]
    outputs = []
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)
    for uri, expect in ((f"neo4j://policykg:{SECRET}@127.0.0.1:1", "invalid NEO4J_URI"),
                        (f"bolt://neo4j:{SECRET}@{host}", "neo4j store at bolt://neo4j:***@"),
                        ("bolt://127.0.0.1:1", "unreachable"),
                        (neo4j_uri, "authentication failed for user 'neo4j'")):
        monkeypatch.setenv("NEO4J_URI", uri)
        result = runner.invoke(main, ["cascade", "36-NQ/TW", "--store", "neo4j"])
        assert result.exit_code == 1 and expect in result.output and "Traceback" not in result.output, result.output
        outputs.append(result.output)
    monkeypatch.setenv("NEO4J_URI", neo4j_uri)
    monkeypatch.setenv("NEO4J_USER", "expired")
    monkeypatch.setenv("NEO4J_PASSWORD", "expired-password")
    result = runner.invoke(main, ["cypher", "RETURN 1", "--store", "neo4j"])
    assert result.exit_code == 1 and "password of user 'expired' has expired" in result.output, result.output
    outputs.append(result.output)
    assert not [o for o in outputs if SECRET in o]
    assert StoreError(f"at bolt://u:{SECRET}@h:7687 with {SECRET}").args[0].count("***") == 1


def test_bad_paths_are_one_clear_line(tmp_path: Path):
    runner = CliRunner()
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    result = runner.invoke(main, ["cascade", "36-NQ/TW", "--data-dir", str(not_a_folder)])
    assert result.exit_code == 1 and "not a folder" in result.output and "Traceback" not in result.output
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    deep.mkdir(parents=True)  # an existing folder: the store would start there
    result = runner.invoke(main, ["cascade", "36-NQ/TW", "--data-dir", str(deep)])
    assert result.exit_code == 1 and "too long for the server's socket" in result.output
    assert "choose a shorter --data-dir" in result.output
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    data = ["--data-dir", str(tmp_path / "data")]
    result = runner.invoke(main, ["ingest", str(fifo), "/dev/zero", str(LAICHAU), *data])
    assert result.exit_code == 1 and "loaded 1 of 1 files" in result.output, result.output
    assert f"{fifo}: a FIFO, not a document file" in result.output
    assert "/dev/zero: a device, not a document file" in result.output



VALUES = [
    "plain", "", 'a "quoted" word', "back\\slash \\\" both", "dòng\nmới\ttab", "ệ ở ư đ", 0, -3, 2.5, 1e-9, True,
    False, None, [], [1, "x", None], {"uid": "a", "n": 1, "nested": {"k": [1, {"z": None}]}},
    [{"uid": "a", "text": 'x"y'}, {"uid": "b", "text": None}], {"@type": 1, "ma-ke": "v"},
]


def test_parameters_reach_the_embedded_store_as_sent(tmp_path: Path):
    """The parameter header policykg writes for the embedded store (graph/resp.py) gives back every value."""
    with open_store("embedded", tmp_path / "data") as store:
        for value in VALUES:
            for params in ({"v": value}, {"v": [value, value], "w": {"inner": value}}):
                row = store.read("RETURN $v AS v" + (", $w AS w" if "w" in params else ""), params)[0]
                assert row == params, value


@pytest.mark.parametrize("values", [VALUES, ["a", "b", None, 3], [["x", None], None, [], ["y"]], [[1, [2]], ["z"]]])
def test_columns_of_many_rows_come_back_as_sent(tmp_path: Path, values: list[object]):
    """Rows are built column by column (graph/resp.py): a column of one kind of cell, of lists of plain
    values, of lists and nulls, or of mixed cells, gives every row's value."""
    with open_store("embedded", tmp_path / "data") as store:
        rows = store.read("UNWIND range(0, size($vs) - 1) AS i RETURN i, $vs[i] AS v, [$vs[i], 'x'] AS pair, "
                          "CASE WHEN $vs[i] IS NULL THEN null ELSE [$vs[i]] END AS maybe", {"vs": values})
    assert rows == [{"i": i, "v": v, "pair": [v, "x"], "maybe": None if v is None else [v]}
                    for i, v in enumerate(values)]
