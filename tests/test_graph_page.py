"""The graph page: what each focus selects (both stores), its labels and layout rules, and the page itself in
headless Chromium with networking blocked (request log, a drawn canvas, the node count, readable labels)."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from policykg import api, names
from policykg.cli import main
from policykg.focus import Focus, TooBig, select
from policykg.graph_page import first_words, node_label, short_name
from policykg.layout import levels, pack, positions
from tests.browser import INKED_PIXELS
from tests.conftest import ARTIFACTS, SEEDS, SHARED, _unavailable

LAOCAI = "file:laocai-kh-55-kh-tu-36-nq-tw.txt"
ROLES = ("ASSIGNED_TO", "COORDINATES_WITH", "MONITORED_BY")


def _labels(graph: nx.MultiDiGraph, kind: str) -> set[str]:
    return {n for n, d in graph.nodes(data=True) if d["label"] == kind}


def test_each_focus_selects_its_part(store):
    api.ingest(store, [SEEDS])
    cascade = select(store, Focus("36-NQ/TW"))
    rows = api.cascade(store, "36-NQ/TW")
    assert _labels(cascade, "Document") == {r["uid"] for r in rows} | {"36-NQ/TW|VN|2023"}
    assert len(_labels(cascade, "Task")) == sum(r["tasks"] or 0 for r in rows)
    for a, b, t in cascade.edges(data="type"):  # documents linked by IMPLEMENTS or căn cứ only; roles from units
        assert t in ("IMPLEMENTS", "BASED_ON", "PART_OF", "SUCCEEDED_BY", *ROLES)
        if t in ROLES:
            assert cascade.nodes[a]["label"] in ("Task", "Target") and cascade.nodes[b]["label"] == "Agency"
    assert cascade.graph["focus"] == ["36-NQ/TW|VN|2023"]
    assert _labels(select(store, Focus("36-NQ/TW", tasks=False)), "Task") == set()

    health = select(store, Focus(agency="So Y te", province="lao cai"))
    owned = api.owns(store, "Sở Y tế", "Lào Cai")
    assert _labels(health, "Task") == {r["uid"] for r in owned} and "Sở Y tế|Lào-Cai" in health
    assert {health.nodes[a]["label"] for a, _ in health.in_edges("Sở Y tế|Lào-Cai")} == {"Task"}
    assert len(_labels(health, "Agency")) > 3  # the agencies sharing its tasks

    langson = select(store, Focus(province="Lạng Sơn"))
    # Only the province's own documents show their tasks (a task carries its document's province).
    assert {d.get("province") for _, d in langson.nodes(data=True) if d["label"] == "Task"} == {"Lạng Sơn"}
    assert {"file:langson-kh-88-ctr-tu-36-nq-tw.txt", "36-NQ/TW|VN|2023"} <= _labels(langson, "Document")

    task = "Đầu tư xây dựng và phát triển các Trung tâm bảo tồn"
    trace = select(store, Focus(task=task))
    chains = {step["to_uid"] for chain in api.trace(store, task) for step in chain["chain"]}
    assert _labels(trace, "Document") == chains and {LAOCAI, "36-NQ/TW|VN|2023"} <= chains
    assert len(_labels(trace, "Task")) == 1 and _labels(trace, "Agency")


def test_a_focus_over_max_nodes_says_how_to_narrow_it(store):
    api.ingest(store, [SEEDS])
    with pytest.raises(TooBig) as too_big:
        select(store, Focus("36-NQ/TW"), max_nodes=60)
    message = str(too_big.value)
    assert "over --max-nodes 60" in message and 'policykg graph 36-NQ/TW --province "Lào Cai"' in message
    assert "policykg graph 36-NQ/TW --no-tasks" in message
    fits = [line for line in message.splitlines() if "still over" not in line and "(about" in line]
    assert fits, "some narrower focus fits"
    for line in fits:  # every narrower focus said to fit does fit
        words = line.split("policykg graph ")[1].split("   (")[0]
        result = CliRunner().invoke(main, ["graph", *_split(words), "--max-nodes", "60", "-o", "/dev/null"])
        assert "over --max-nodes" not in result.output
    with pytest.raises(names.NotFound):
        select(store, Focus("99-NQ/TW"))
    with pytest.raises(names.InputError):
        select(store, Focus("36-NQ/TW", agency="Sở Y tế"))


def _split(words: str) -> list[str]:
    import shlex

    return shlex.split(words)


def test_labels_say_what_a_node_is():
    assert first_words("Chủ trì, phối hợp với các đơn vị liên quan đề xuất đặt hàng các nhiệm vụ khoa học") == \
        "Đề xuất đặt hàng\ncác nhiệm vụ…"
    assert first_words("Tăng cường đầu tư các thiết bị") == "Tăng cường đầu\ntư các thiết bị"
    assert short_name("Sở Khoa học và Công nghệ") == "Sở KH&CN" and short_name("Sở Y tế") == "Sở Y tế"
    assert short_name("Sở Nông nghiệp và Môi trường") == "Sở NN&MT"
    unnumbered = {"label": "Document", "doc_type": "Kế hoạch", "province": "Lào Cai",
                  "title": "THỰC HIỆN KẾ HOẠCH SỐ 55-KH/TU CỦA BAN THƯỜNG VỤ TỈNH ỦY"}
    assert node_label(unnumbered) == "Kế hoạch Lào Cai (không số)\nThực hiện kế hoạch số 55-KH/TU của…"
    assert node_label({"label": "Agency", "name": "Sở Y tế", "province": "Lạng Sơn"}) == "Sở Y tế\nLạng Sơn"
    assert node_label({"label": "Agency", "name": "Bộ Y tế", "province": None}) == "Bộ Y tế\ntrung ương"
    long = node_label({"label": "Agency", "name": "Hiệp hội Doanh nghiệp tỉnh", "province": "Lạng Sơn"})
    assert long == "Hiệp hội Doanh\nnghiệp tỉnh\nLạng Sơn"  # a long name on two lines: the cell stays narrow


def _toy() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(focus=["R"])
    for doc in ("R", "A", "B", "C"):
        g.add_node(doc, label="Document")
    g.add_edge("A", "R", type="IMPLEMENTS")
    g.add_edge("B", "A", type="IMPLEMENTS")
    g.add_edge("B", "R", type="IMPLEMENTS")
    g.add_edge("C", "B", type="BASED_ON")
    g.add_edge("R", "C", type="IMPLEMENTS")  # a cycle through the root is cut at the root
    for doc, n in (("A", 5), ("B", 3)):
        for i in range(n):
            g.add_node(f"{doc}{i}", label="Task", path=f"{i + 1}")
            g.add_edge(f"{doc}{i}", doc, type="PART_OF")
    g.add_node("X", label="Agency")
    g.add_node("Y", label="Agency")
    g.add_edge("A0", "X", type="ASSIGNED_TO")
    g.add_edge("B0", "X", type="COORDINATES_WITH")
    g.add_edge("B1", "X", type="ASSIGNED_TO")
    g.add_edge("X", "Y", type="SUCCEEDED_BY")
    return g


def test_layout_puts_implementers_below_and_keeps_nodes_apart():
    g = _toy()
    assert levels(g, ["R"]) == {"R": 0, "A": 1, "B": 2, "C": 3}
    pos = positions(g, ["R"], lambda _: 100.0)
    assert pos == positions(g, ["R"], lambda _: 100.0)  # the same at every load
    assert pos["R"][1] < pos["A"][1] < pos["B"][1] < pos["C"][1] < pos["A0"][1] < pos["X"][1] < pos["Y"][1]
    assert abs(pos["X"][0] - pos["B0"][0]) < abs(pos["X"][0] - pos["A0"][0])  # X goes where most of its tasks are
    assert len(set(pos.values())) == len(pos)
    placed = pack([("a", 0.0, 100.0), ("b", 10.0, 100.0), ("c", 20.0, 100.0)], span=1000)
    xs = sorted(x for x, _ in placed.values())
    assert all(b - a >= 100 for a, b in zip(xs, xs[1:])) and abs(sum(xs) / 3 - 10.0) < 1e-6
    staggered = pack([(c, 0.0, 300.0) for c in "abcdef"], span=1000)
    assert max(line for _, line in staggered.values()) > 0


def test_the_agency_asked_about_has_nothing_below_its_label():
    g = nx.MultiDiGraph(focus=["A2"])
    g.add_node("D", label="Document")
    for i in range(6):
        g.add_node(f"T{i}", label="Task", path=str(i + 1))
        g.add_edge(f"T{i}", "D", type="PART_OF")
    for i in range(6):
        g.add_node(f"A{i}", label="Agency")
        g.add_edge(f"T{i}", f"A{i}", type="ASSIGNED_TO")
    pos = positions(g, ["A2"], lambda _: 100.0)
    agencies = [pos[f"A{i}"] for i in range(6)]
    assert len({y for _, y in agencies}) > 1  # the agencies take more than one line
    assert not any(abs(x - pos["A2"][0]) < 1 and y > pos["A2"][1] for x, y in agencies)
    assert len(set(pos.values())) == len(pos)


# In the page: each document label's size on screen and its box in the window (vis-network's own numbers).
DOCUMENT_LABELS = """
(() => {
  const net = window.policykg.network, scale = net.getScale();
  const docs = net.body.data.nodes.get({filter: n => n.type === 'Document'});
  return docs.map(n => {
    const box = net.getBoundingBox(n.id);
    const a = net.canvasToDOM({x: box.left, y: box.top}), b = net.canvasToDOM({x: box.right, y: box.bottom});
    return {id: n.id, px: net.body.nodes[n.id].options.font.size * scale, left: a.x, top: a.y, right: b.x,
            bottom: b.y};
  });
})()
"""
CANVAS = "(() => { const r = document.getElementById('graph').getBoundingClientRect(); return [r.width, r.height]; })()"


def _open(browser, page: Path, shot: str) -> None:
    browser.open(page.as_uri(), settle=1.0)
    assert browser.requests() and browser.requests()[0] == page.as_uri()  # the log holds the page itself
    assert browser.outgoing() == [] and browser.errors() == []
    assert browser.evaluate("document.body.dataset.drawn") == "yes"
    assert browser.evaluate(INKED_PIXELS) > 20_000  # the canvas is drawn on, not blank
    ARTIFACTS.mkdir(exist_ok=True)
    browser.screenshot(ARTIFACTS / shot)


def _readable(browser) -> list[dict]:
    """Document labels at the opening view: each at least 12 px high, inside the window, none overlapping."""
    width, height = browser.evaluate(CANVAS)
    labels = browser.evaluate(DOCUMENT_LABELS)
    for label in labels:
        assert label["px"] >= 12, label
        assert 0 <= label["left"] and label["right"] <= width and 0 <= label["top"] and label["bottom"] <= height
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            apart = (a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"]
                     or b["bottom"] <= a["top"])
            assert apart, (a["id"], b["id"])
    return labels


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    """Seeds and the shared real corpus in an embedded store, with a document whose text attacks the page."""
    real = SHARED / "corpus" / "real"
    if not real.is_dir():
        _unavailable(f"the shared corpus is missing under {SHARED}")
    folder = tmp_path_factory.mktemp("pages")
    hostile = folder / "hostile.txt"
    hostile.write_text(
        "KẾ HOẠCH\nThực hiện Nghị quyết số 36-NQ/TW ngày 30/01/2023 của Bộ Chính trị\n"
        "I. NHIỆM VỤ\n1. Sở Y tế chủ trì nghiên cứu </script><script>alert('x')</script> vắc-xin.\n", "utf-8")
    data = folder / "data"
    result = CliRunner().invoke(main, ["ingest", str(SEEDS), str(real), str(hostile), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    return data


@pytest.mark.parametrize(("name", "words"), [
    ("graph-36-nq-tw", ["36-NQ/TW"]),
    ("graph-agency", ["--agency", "Sở Y tế", "--province", "Lào Cai"]),
    ("graph-province", ["--province", "Lạng Sơn"]),
    ("graph-task", ["--task", "Đầu tư xây dựng và phát triển các Trung tâm bảo tồn"]),
])
def test_page_renders_offline_with_readable_documents(browser, corpus_store, name, words):
    ARTIFACTS.mkdir(exist_ok=True)
    page = ARTIFACTS / f"{name}.html"
    result = CliRunner().invoke(main, ["graph", *words, "-o", str(page), "--data-dir", str(corpus_store)])
    assert result.exit_code == 0, result.output
    nodes, edges = (int(x) for x in re.search(r": (\d+) nodes, (\d+) edges", result.output).groups())
    source = page.read_text("utf-8")
    assert "<script>alert" not in source and "<link" not in source and 'src="' not in source
    _open(browser, page, f"{name}.png")
    assert int(browser.evaluate("document.body.dataset.nodes")) == nodes  # what the page holds = the query
    assert int(browser.evaluate("document.body.dataset.edges")) == edges
    labels = _readable(browser)
    if name == "graph-36-nq-tw":
        assert "\\u003c/script\\u003e\\u003cscript\\u003ealert" in source  # the hostile task, escaped
        with api.open_store("embedded", corpus_store) as store:
            wanted = {r["uid"] for r in api.cascade(store, "36-NQ/TW")} | {"36-NQ/TW|VN|2023"}
        assert {label["id"] for label in labels} == wanted  # the root and every implementing document


def test_filters_and_search_act_in_the_page(browser, corpus_store, tmp_path):
    page = tmp_path / "cascade.html"
    CliRunner().invoke(main, ["graph", "36-NQ/TW", "-o", str(page), "--data-dir", str(corpus_store)])
    browser.open(page.as_uri(), settle=0.5)
    whole = browser.evaluate("document.getElementById('shown').textContent")
    province = browser.evaluate("(() => { const s = document.getElementById('province'); s.value = 'Lào Cai'; "
                                "s.dispatchEvent(new Event('change')); "
                                "return document.getElementById('shown').textContent; })()")
    assert whole.endswith("edges") and " of " in province and province != whole
    hidden = browser.evaluate("window.policykg.network.body.data.nodes.get({filter: n => n.hidden})"
                              ".map(n => n.provinces.join('|'))")
    assert hidden and not any("Lào Cai" in p.split("|") for p in hidden)
    found = browser.evaluate("(() => { const q = document.getElementById('search'); q.value = 'so y te'; "
                             "q.dispatchEvent(new Event('input')); "
                             "return window.policykg.network.getSelectedNodes(); })()")
    assert "Sở Y tế|Lào-Cai" in found and not any("Lạng" in f for f in found)
    roles = browser.evaluate("(() => { const r = document.querySelector('input[data-role=COORDINATES_WITH]'); "
                             "r.checked = false; r.dispatchEvent(new Event('change')); "
                             "return window.policykg.network.body.data.edges.get({filter: e => !e.hidden})"
                             ".map(e => e.role); })()")
    assert roles and "COORDINATES_WITH" not in roles and "ASSIGNED_TO" in roles
    tip = browser.evaluate("window.policykg.network.body.data.nodes.get('36-NQ/TW|VN|2023').title.textContent")
    assert "36-NQ/TW" in tip and "cited only" in tip


def test_the_request_log_catches_a_page_that_calls_out(browser, tmp_path):
    page = tmp_path / "calls-out.html"
    page.write_text('<!DOCTYPE html><img src="http://example.invalid/x.png"><script src="https://cdn.invalid/a.js">'
                    "</script>", "utf-8")
    browser.open(page.as_uri(), settle=0.3)
    assert set(browser.outgoing()) == {"http://example.invalid/x.png", "https://cdn.invalid/a.js"}


def test_graph_command_errors_are_one_line(corpus_store, tmp_path):
    runner, data = CliRunner(), ["--data-dir", str(corpus_store)]
    missing = runner.invoke(main, ["graph", "99-NQ/TW", "-o", str(tmp_path / "x.html"), *data])
    assert missing.exit_code == 1 and "99-NQ/TW: no such document" in missing.output
    big = runner.invoke(main, ["graph", "--max-nodes", "50", "-o", str(tmp_path / "x.html"), *data])
    assert big.exit_code == 1 and "Narrow it:" in big.output and not (tmp_path / "x.html").exists()
    assert "Traceback" not in big.output
    both = runner.invoke(main, ["graph", "36-NQ/TW", "--agency", "Sở Y tế", "-o", str(tmp_path / "x.html"), *data])
    assert both.exit_code == 1 and "give one focus" in both.output
