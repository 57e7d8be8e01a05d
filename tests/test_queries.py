"""The query catalogue on both stores: every module over the same fixture (seeds + the shared real and
real-full corpora, loaded once per store per session) gives identical rows; the issue's acceptance
questions; names as people type them; user text only as parameters."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

import pytest
from policykg.graph.load import counts
from policykg.queries.runner import catalogue
from policykg.queries.runner import names as module_names

from policykg import api, names
from policykg.focus import Focus, select
from tests.conftest import NEO4J_PASSWORD, SEEDS, SHARED, _unavailable

LANGSON = "file:langson-kh-88-ctr-tu-36-nq-tw.txt"
LAOCAI = "file:laocai-kh-55-kh-tu-36-nq-tw.txt"
SONLA = "file:sonla-kh-1639-qd-ttg-bvmt.txt"
WASTE = "ung dung cong nghe sinh hoc trong xu ly chat thai"


def _refused(f: Callable[[], Any]) -> str:
    """The message of the InputError a call raises (the test fails when it raises none)."""
    with pytest.raises(names.InputError) as info:
        f()
    return str(info.value)


# Every question asked of both stores: (module it runs, call). Names are typed as people type them.
QUESTIONS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "cascade": ("cascade", lambda s: api.cascade(s, "36-NQ/TW")),
    "cascade_reversed_symbol": ("cascade", lambda s: api.cascade(s, "36/NQ-TW")),
    "cascade_only_implements": ("cascade", lambda s: api.cascade(s, "36-NQ/TW", only_implements=True)),
    "cascade_unknown": ("cascade", lambda s: _refused(lambda: api.cascade(s, "99-NQ/TW"))),
    "trace_sonla": ("trace", lambda s: api.trace(s, "ứng dụng CNSH trong xử lý các phụ phẩm", "Sơn La")),
    "trace_ambiguous": ("trace", lambda s: _refused(lambda: api.trace(s, "xử lý chất thải"))),
    "owns": ("owns", lambda s: api.owns(s, "Sở Y tế", "Lào Cai")),
    "owns_folded": ("owns", lambda s: api.owns(s, "So Y te", "lao cai")),
    "owns_prefixed": ("owns", lambda s: api.owns(s, "Sở Y tế", "tỉnh Lào Cai")),
    "owns_partial_name": ("owns", lambda s: _refused(lambda: api.owns(s, "Sở Nông nghiệp", "Lạng Sơn"))),
    "owns_unknown_province": ("owns", lambda s: _refused(lambda: api.owns(s, "Sở Y tế", "Atlantis"))),
    "matrix": ("matrix", lambda s: api.matrix(s, "Lạng Sơn")),
    "unassigned": ("unassigned", lambda s: api.unassigned(s)),
    "deadlines": ("deadlines", lambda s: api.deadlines(s, "2026-07-01")),
    "network": ("network", lambda s: api.network(s)),
    "network_graph": ("network", lambda s: sorted(api.network_graph(s, specific_only=True).edges(data="weight"))),
    "coverage": ("coverage", lambda s: api.coverage(s, "36-NQ/TW")),
    "current_owner_task": ("current_owner", lambda s: api.current_owner(s, "thu hút đầu tư", province="Lạng Sơn")),
    "current_owner_agencies": ("current_owner", lambda s: {
        r["uid"]: api.current_owner(s, agency=r["name"], province="Lạng Sơn")
        for r in api.agencies(s, "Lạng Sơn") if r["succeeded_by"]}),
    "search": ("search", lambda s: api.search(s, WASTE)),
    "stats": ("stats", lambda s: api.stats(s)),
    "agencies": ("agencies", lambda s: api.agencies(s)),
    "documents": ("documents", lambda s: api.documents(s, cited=True)),
    "provinces": ("provinces", lambda s: api.provinces(s)),
    "subgraph_cascade": ("subgraph", lambda s: _shown(s, Focus("36-NQ/TW"))),
    "subgraph_agency": ("subgraph", lambda s: _shown(s, Focus(agency="Sở Y tế", province="Lào Cai"))),
    "subgraph_province": ("subgraph", lambda s: _shown(s, Focus(province="Hưng Yên"))),
    "subgraph_task": ("subgraph", lambda s: _shown(s, Focus(task="ứng dụng CNSH trong xử lý các phụ phẩm",
                                                            province="Sơn La"))),
}


def _shown(store: Any, focus: Focus) -> dict[str, Any]:
    """A focus of the graph page as plain values: every node with its fields, every edge with its fields."""
    graph = select(store, focus, max_nodes=None)
    return {"nodes": sorted([n, sorted(d.items())] for n, d in graph.nodes(data=True)),
            "edges": sorted([a, b, sorted(d.items())] for a, b, d in graph.edges(data=True)),
            "heading": graph.graph["heading"]}


def _fixture_paths() -> list[Any]:
    shared = [SHARED / "corpus" / "real", SHARED / "corpus" / "real-full"]
    if not all(p.is_dir() for p in shared):
        _unavailable(f"the shared corpus is missing under {SHARED}")
    return [SEEDS, *shared]


def _answers(store: Any) -> dict[str, str]:
    store.write("MATCH (n) DETACH DELETE n")
    api.ingest(store, _fixture_paths())
    return {k: json.dumps(call(store), ensure_ascii=False, sort_keys=True, default=str)
            for k, (_, call) in QUESTIONS.items()}


@pytest.fixture(scope="session")
def answers(neo4j_uri, tmp_path_factory) -> dict[str, dict[str, str]]:
    """Every question's answer on each store, the shared fixture loaded once per store."""
    os.environ.update({"NEO4J_URI": neo4j_uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": NEO4J_PASSWORD})
    out = {}
    for name in ("embedded", "neo4j"):
        with api.open_store(name, tmp_path_factory.mktemp("answers")) as store:
            out[name] = _answers(store)
    return out


def answer(answers: dict[str, dict[str, str]], key: str) -> Any:
    return json.loads(answers["embedded"][key])


def test_every_module_is_asked_and_has_a_complete_header():
    assert len(module_names()) >= 11
    assert {module for module, _ in QUESTIONS.values()} == set(module_names())
    for m in catalogue():
        assert m.question.endswith("?") and m.columns and m.example.startswith(f"policykg {m.command.split()[0]}")


@pytest.mark.parametrize("key", list(QUESTIONS))
def test_both_stores_give_identical_rows(answers, key):
    assert answers["embedded"][key] == answers["neo4j"][key]
    assert answer(answers, key), f"{key}: no answer to compare"


def test_cascade_follows_based_on_steps_marked(answers):
    rows = {r["uid"]: r for r in answer(answers, "cascade")}
    assert {LANGSON, LAOCAI, SONLA} <= set(rows)
    assert rows[SONLA]["link"] == "via căn cứ" and "1639/QĐ-TTg ⇢căn cứ⇢ 36-NQ/TW" in rows[SONLA]["chain"]
    provinces = {r["province"] for r in rows.values() if r["stored"] == "stored"}
    assert {"Quảng Ninh", "Bắc Ninh", "Hưng Yên", "Lạng Sơn", "Lào Cai", "Sơn La"} <= provinces
    cited = [r for r in rows.values() if r["stored"] == "cited only"]
    assert cited and all(r["tasks"] is None for r in cited)
    assert answer(answers, "cascade_reversed_symbol") == answer(answers, "cascade")
    assert SONLA not in {r["uid"] for r in answer(answers, "cascade_only_implements")}
    assert "did you mean" in answer(answers, "cascade_unknown") and "36-NQ/TW" in answer(answers, "cascade_unknown")


def test_trace_reaches_the_resolution_once_per_chain(answers):
    chains = answer(answers, "trace_sonla")
    assert any(c["root"] == "36-NQ/TW" for c in chains)
    assert len({json.dumps(c["chain"]) for c in chains}) == len(chains)
    first = chains[0]["chain"][0]
    assert first["relation"] == "PART_OF" and first["line"] > 0 and first["source"].startswith("sonla")
    assert "matches" in answer(answers, "trace_ambiguous") and "#" in answer(answers, "trace_ambiguous")


def test_owns_matches_names_as_people_type_them(answers):
    rows = answer(answers, "owns")
    assert rows and all(r["uid"] and r["province"] == "Lào Cai" for r in rows)
    assert answer(answers, "owns_folded") == rows == answer(answers, "owns_prefixed")
    assert [r["path"] for r in rows if r["role"] == "lead"][:2] == ["PL02.II.2.2.1", "PL02.II.2.2.2"]
    partial = answer(answers, "owns_partial_name")
    assert "did you mean" in partial and "Sở Nông nghiệp và Phát triển nông thôn" in partial
    assert "not a province" in answer(answers, "owns_unknown_province")


def test_unassigned_lists_laocai_medicinal_plant_task(answers):
    rows = answer(answers, "unassigned")
    hit = [r for r in rows if r["document_uid"] == LAOCAI and r["path"].startswith("III.")
           and "dược liệu tập trung" in r["task"]]
    assert hit and hit[0]["reason"] == "no lead"
    assert any(r["reason"] == "collective leads only" for r in rows)


def test_current_owner_follows_succession_with_its_basis(answers):
    rows = answer(answers, "current_owner_task")
    assert [(r["agency"], r["owner"], r["owner_province"]) for r in rows] == [
        ("Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Lạng Sơn")]
    assert "45/2025/NĐ-CP" in rows[0]["steps"][0]["basis"] and rows[0]["steps"][0]["source"]
    gone = answer(answers, "current_owner_agencies")
    assert len(gone) >= 5 and all(gone.values())
    for uid, owners in gone.items():
        assert all(o["owner_uid"] != uid and o["steps"] for o in owners)
    split = gone["Sở Lao động - Thương binh và Xã hội|Lạng-Sơn"]
    assert {o["owner"] for o in split} >= {"Sở Nội vụ", "Sở Y tế"}
    assert all(o["decided_by"].startswith("candidate") for o in split)


def test_search_ranks_waste_treatment_tasks_first(answers):
    top = answer(answers, "search")[:5]
    waste = [r for r in top if r["kind"] == "task" and "chất thải" in r["text"]]
    assert {"Lào Cai", "Sơn La"} <= {r["province"] for r in waste}


def test_deadlines_as_of_put_laocai_fixed_dates_overdue(answers):
    rows = {(r["document"], r["path"]): r for r in answer(answers, "deadlines")}
    for path, due in (("PL02.I.2", "2026-04-15"), ("PL02.I.1", "2026-06-15")):
        row = rows[("Kế hoạch (không số, Lào Cai)", path)]
        assert row["due"] == due and row["bucket"] == "not done, overdue"
    assert {"recurring", "no deadline"} <= {r["bucket"] for r in rows.values()}


def test_coverage_lists_34_provinces(answers):
    rows = {r["province"]: r for r in answer(answers, "coverage")}
    assert len(rows) == 34
    assert all(rows[p]["covered"] == "yes" for p in ("Lạng Sơn", "Lào Cai", "Sơn La", "Quảng Ninh", "Bắc Ninh"))
    assert rows["Cà Mau"]["covered"] == "no"


def test_status_moves_bucket_and_survives_reingest(store):
    api.ingest(store, [SEEDS / "laocai-kh-55-kh-tu-36-nq-tw.txt"])

    def bucket() -> str:
        rows = api.deadlines(store, "2026-07-01", province="Lào Cai")
        return next(r["bucket"] for r in rows if r["path"] == "PL02.I.2")

    assert bucket() == "not done, overdue"
    api.set_status(store, "Xây dựng kế hoạch triển khai thực hiện Kế hoạch", "done", "2026-04-10", "sent", "lao cai")
    assert bucket() == "done on time"
    api.ingest(store, [SEEDS / "laocai-kh-55-kh-tu-36-nq-tw.txt"])
    assert bucket() == "done on time"
    owned = api.owns(store, "Sở Y tế", "Lào Cai")
    assert all(r["status"] is None for r in owned)


def test_status_imported_from_a_department_spreadsheet(store, tmp_path):
    api.ingest(store, [SEEDS / "laocai-kh-55-kh-tu-36-nq-tw.txt"])
    sheet = tmp_path / "tien-do.csv"
    sheet.write_text("Nội dung nhiệm vụ;Tình trạng;Ngày hoàn thành;Ghi chú\n"
                     "Tổ chức nghiên cứu, học tập, quán triệt;Đã hoàn thành;20/6/2026;trễ hạn\n"
                     "Hoàn thiện chuỗi giá trị dược liệu;Đang thực hiện;;\n"
                     "Không có nhiệm vụ này;Đã hoàn thành;1/1/2026;\n", "utf-8")
    recorded, problems = api.import_status(store, sheet)
    assert recorded == 2 and len(problems) == 1 and "tien-do.csv:4" in problems[0]
    buckets = {r["path"]: r["bucket"] for r in api.deadlines(store, "2026-07-01", province="Lào Cai")}
    assert buckets["PL02.I.1"] == "done late"


HOSTILE = ["x'}) DETACH DELETE n //", "x\"}) DETACH DELETE n //", "') MATCH (n) DETACH DELETE n //",
           "36-NQ/TW'}) DETACH DELETE n //"]


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_travels_only_as_parameters(store, text):
    api.ingest(store, [SEEDS / "sonla-kh-1639-qd-ttg-bvmt.txt"])
    before = counts(store)
    calls = [lambda: api.owns(store, text), lambda: api.owns(store, "Sở Y tế", text), lambda: api.cascade(store, text),
             lambda: api.trace(store, text), lambda: api.current_owner(store, agency=text),
             lambda: api.set_status(store, text, "done"), lambda: api.coverage(store, text)]
    for call in calls:
        with pytest.raises(names.InputError):
            call()
    api.search(store, text)  # words only: may find something, never runs the text
    assert counts(store) == before


def test_empty_store_says_how_to_fill_it(store):
    assert "policykg ingest" in _refused(lambda: api.owns(store, "Sở Y tế"))


def test_driver_notifications_never_reach_the_screen(neo4j_uri, monkeypatch, caplog, capsys):
    monkeypatch.setenv("NEO4J_URI", neo4j_uri)
    with api.open_store("neo4j") as store:
        store.write("MATCH (n) DETACH DELETE n")
        api.ingest(store, [SEEDS / "laichau-sct-congvan-1355-qd-bct.txt"])
        api.owns(store, "Phòng Quản lý Công nghiệp", "Lai Châu", "monitor")  # no MONITORED_BY edge
        api.current_owner(store, agency="Phòng Quản lý Công nghiệp", province="Lai Châu")
    assert not [r for r in caplog.records if r.name.startswith("neo4j")]
    assert "warn" not in capsys.readouterr().err.lower()


def test_natural_sort_of_paths():
    paths = ["IV.10", "IV.2", "IX.1", "V.1", "PL02.II.2.10", "PL02.II.2.9"]
    assert sorted(paths, key=api.natural_key) == ["IV.2", "IV.10", "V.1", "IX.1", "PL02.II.2.9", "PL02.II.2.10"]


def test_network_exports_to_networkx(answers):
    edges = answer(answers, "network_graph")
    specific = [r for r in answer(answers, "network") if "Các " not in r["a"] + r["b"]]
    assert edges and len(edges) <= len(specific) and all(w >= 1 for _, _, w in edges)


def test_a_symbol_of_two_provinces_is_two_candidates_not_a_merge():
    rows = [{"uid": "337-KH/TU|Hà-Nội|2024", "scope": "Hà-Nội", "year": "2024"},
            {"uid": "337-KH/TU|Nghệ-An|2024", "scope": "Nghệ-An", "year": "2024"},
            {"uid": "337-KH/TU|Nghệ-An|?", "scope": "Nghệ-An", "year": None}]
    groups = names._groups(rows)
    assert len(groups) == 2 and len(groups[("Nghệ-An", "2024")]) == 2
    assert names.symbol_keys("36/NQ-TW") == ["36/NQ-TW", "36-NQ/TW"]


def test_succession_rules():
    from policykg.graph.succession import Agency, edges, load_files, provinces_2025

    facts = load_files([])
    rows = edges([Agency("Sở Kế hoạch và Đầu tư|Yên-Bái", "Sở Kế hoạch và Đầu tư", "Yên Bái"),
                  Agency("Ủy ban nhân dân tỉnh Yên Bái|?", "Ủy ban nhân dân tỉnh Yên Bái", None),
                  Agency("Sở Y tế|Lạng-Sơn", "Sở Y tế", "Lạng Sơn")], facts)
    assert [(r["from"], r["to"]) for r in rows] == [
        ("Sở Kế hoạch và Đầu tư|Yên-Bái", "Sở Tài chính|Yên-Bái"),
        ("Sở Tài chính|Yên-Bái", "Sở Tài chính|Lào-Cai"),
        ("Ủy ban nhân dân tỉnh Yên Bái|?", "Ủy ban nhân dân tỉnh Lào Cai|?")]
    assert all(r["basis"] and r["source"] and r["effective"] for r in rows)
    assert len(provinces_2025()) == 34 and sum(len(p["names"]) for p in provinces_2025()) == 64  # + Thừa Thiên Huế


def test_status_words_of_a_department():
    from policykg.graph.status import StatusError, date_value, status_value

    assert [status_value(w) for w in ("Đã hoàn thành", "dang thuc hien", "Chưa triển khai", "done")] == [
        "done", "in-progress", "not-started", "done"]
    assert date_value("1/5/2026") == "2026-05-01" and date_value("2026-05-01") == "2026-05-01"
    with pytest.raises(StatusError):
        status_value("maybe")


def test_abbreviations_a_document_defines():
    from policykg.graph.search_index import defined_abbreviations, fold

    text = ("phát triển công nghệ sinh học  (viết tắt là CNSH)  trong lĩnh vực bảo vệ môi trường "
            "(sau đây viết tắt là BVMT)")
    assert defined_abbreviations(text) == {"cnsh": "công nghệ sinh học", "bvmt": "bảo vệ môi trường"}
    assert fold("Sở Y tế Đắk Lắk") == "so y te dak lak"
