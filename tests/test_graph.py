"""Both stores, real servers: load the seeds, ask the three questions, compare the answers."""

import json
import shutil
from pathlib import Path

import pytest
from policykg.graph.errors import StoreError
from policykg.graph.load import counts

from policykg import api
from tests.conftest import SEEDS


def _answers(store):
    from policykg.focus import Focus, select

    cascade = api.cascade(store, "36-NQ/TW")
    trace = api.trace(store, "Đầu tư xây dựng và phát triển các Trung tâm bảo tồn")
    owns = api.owns(store, "Sở Y tế", "Lào Cai")
    page = select(store, Focus("36-NQ/TW"))
    shown = sorted(page.nodes), sorted((a, b, d["type"]) for a, b, d in page.edges(data=True))
    return cascade, trace, owns, shown


def test_seed_questions(store):
    report = api.ingest(store, [SEEDS])
    assert report.loaded == 5 and not report.errors
    cascade, trace, owns, _ = _answers(store)
    by_uid = {r["uid"]: r for r in cascade}
    langson = by_uid["file:langson-kh-88-ctr-tu-36-nq-tw.txt"]
    laocai = by_uid["file:laocai-kh-55-kh-tu-36-nq-tw.txt"]
    # each plan implements 36-NQ/TW itself and through its Party plan: two routes, the direct one shown
    assert langson["routes"] == 2 and laocai["routes"] == 2 and langson["chain"].endswith("→ 36-NQ/TW")
    assert {"88-CTR/TU|Lạng-Sơn|2023", "55-KH/TU|Lào-Cai|2026"} <= set(by_uid)
    assert langson["tasks"] > 0 and laocai["tasks"] > 0
    assert any(c["root"] == "36-NQ/TW" for c in trace)
    for chain in trace:
        assert all(step["quote"] for step in chain["chain"])
    health = {r["path"] for r in owns if r["role"] == "lead" and r["path"].startswith("PL02.II.2.2.")}
    assert len(health) >= 8
    # Every assignment quotes the text it was read from: the row or sentence that names the body.
    assert all("Sở Y tế" in r["quote"] for r in owns)
    langson_owns = api.owns(store, "Sở Khoa học và Công nghệ", "Lạng Sơn", "lead")
    assert langson_owns and all(r["quote"].startswith("Sở Khoa học và Công nghệ …") for r in langson_owns
                                if r["path"].startswith("IV.1"))


def test_second_ingest_changes_no_counts(store):
    api.ingest(store, [SEEDS])
    first = counts(store)
    api.ingest(store, [SEEDS])
    assert counts(store) == first


def test_changed_file_replaces_its_tasks_without_orphans(store, tmp_path: Path):
    path = tmp_path / "laichau.txt"
    shutil.copy(SEEDS / "laichau-sct-congvan-1355-qd-bct.txt", path)
    api.ingest(store, [path])
    before = counts(store)
    text = path.read_text("utf-8").replace("### **2. Trung tâm khuyến công**", "### **2. Trung tâm xúc tiến**")
    path.write_text(text, "utf-8")
    api.ingest(store, [path])
    after = counts(store)
    assert after == before
    names = {r["n"] for r in store.read("MATCH (a:Agency) RETURN a.name AS n")}
    assert "Trung tâm xúc tiến" in names and "Trung tâm khuyến công" not in names
    # the leads written on each task (for the deadline list) were replaced with its ASSIGNED_TO edges
    leads = _leads_on_tasks_and_edges(store)
    assert any("Trung tâm xúc tiến" in r["leads"] for r in leads)
    assert all(r["leads"] == r["names"] and r["lead_uids"] == r["uids"] for r in leads)


def _leads_on_tasks_and_edges(store):
    return store.read("""
MATCH (t:Task) OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(a:Agency)
WITH t, a ORDER BY a.name, a.uid
RETURN t.uid AS uid, t.leads AS leads, t.lead_uids AS lead_uids, collect(a.name) AS names, collect(a.uid) AS uids""")


def test_cypher_is_read_only(store):
    with pytest.raises(StoreError):
        api.cypher(store, "CREATE (:Document {uid: 'x'})")
    assert api.cypher(store, "MATCH (d:Document {uid: $u}) RETURN d", {"u": "x"}) == []


def test_bad_file_is_reported_and_the_rest_loads(store, tmp_path: Path):
    (tmp_path / "empty.txt").write_text("", "utf-8")
    shutil.copy(SEEDS / "sonla-kh-1639-qd-ttg-bvmt.txt", tmp_path / "sonla.txt")
    report = api.ingest(store, [tmp_path])
    assert report.loaded == 1 and len(report.errors) == 1 and "empty.txt: empty file" in report.errors[0]


def test_both_stores_give_identical_answers(neo4j_uri, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", neo4j_uri)
    results = []
    for name in ("embedded", "neo4j"):
        store = api.open_store(name, tmp_path / name)
        try:
            store.write("MATCH (n) DETACH DELETE n")
            api.ingest(store, [SEEDS])
            results.append(json.dumps(_answers(store), ensure_ascii=False, sort_keys=True))
        finally:
            store.close()
    assert results[0] == results[1]


def test_networkx_export_matches_store(store):
    from policykg.graph.export import to_networkx

    api.ingest(store, [SEEDS / "laichau-sct-congvan-1355-qd-bct.txt"])
    g = to_networkx(store)
    totals = counts(store)
    assert g.number_of_edges() == totals["edges"]
    assert g.number_of_nodes() == totals["Document"] + totals["Task"] + totals["Target"] + totals["Agency"]
