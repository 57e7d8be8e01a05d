"""The interactive graph page: what it selects (both stores) and how it renders in Chromium."""

from __future__ import annotations

from click.testing import CliRunner

from policykg import api
from policykg.cli import main
from policykg.graph_page import NotStored, select
from tests.conftest import ARTIFACTS, SEEDS


def test_cascade_selection(store):
    api.ingest(store, [SEEDS])
    page = select(store, "36-NQ/TW")
    labels = [d["label"] for _, d in page.nodes(data=True)]
    cascade = api.cascade(store, "36-NQ/TW")
    assert labels.count("Document") == len(cascade) + 1  # the directive and every implementer
    assert labels.count("Task") == sum(row["tasks"] or 0 for row in cascade)  # cited-only documents: None
    assert labels.count("Agency") > 0
    # documents are linked by IMPLEMENTS only; every assignment starts at a task or target shown
    for a, b, d in page.edges(data=True):
        if page.nodes[a]["label"] == "Document":
            assert d["type"] == "IMPLEMENTS"
        if d["type"] in ("ASSIGNED_TO", "COORDINATES_WITH", "MONITORED_BY"):
            assert page.nodes[a]["label"] in ("Task", "Target") and page.nodes[b]["label"] == "Agency"
    only_documents = select(store, "36-NQ/TW", tasks=False)
    assert {d["label"] for _, d in only_documents.nodes(data=True)} == {"Document"}
    all_documents = select(store, tasks=False)
    assert {d["label"] for _, d in all_documents.nodes(data=True)} == {"Document"}
    assert all_documents.number_of_nodes() > only_documents.number_of_nodes()
    try:
        select(store, "99-NQ/TW")
    except NotStored as exc:
        assert "99-NQ/TW" in str(exc)
    else:
        raise AssertionError("an unknown symbol must be refused")


def test_page_renders_in_chromium_and_escapes_text(chromium, tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "KẾ HOẠCH\nThực hiện Nghị quyết số 36-NQ/TW ngày 30/01/2023 của Bộ Chính trị\n"
        "I. NHIỆM VỤ\n1. Sở Y tế chủ trì nghiên cứu </script><script>alert('x')</script> vắc-xin.\n", "utf-8")
    runner, data = CliRunner(), str(tmp_path / "data")
    assert runner.invoke(main, ["ingest", str(SEEDS), str(hostile), "--data-dir", data]).exit_code == 0
    ARTIFACTS.mkdir(exist_ok=True)
    out = ARTIFACTS / "graph-36-nq-tw.html"
    result = runner.invoke(main, ["graph", "36-NQ/TW", "-o", str(out), "--data-dir", data])
    assert result.exit_code == 0, result.output
    source = out.read_text("utf-8")
    assert "<script>alert" not in source and "\\u003c/script\\u003e\\u003cscript\\u003ealert" in source
    dom = chromium("--virtual-time-budget=5000", "--dump-dom", out.as_uri())
    assert "<canvas" in dom and "documents implementing 36-NQ/TW" in dom
    shot = ARTIFACTS / "graph-36-nq-tw.png"
    chromium("--window-size=1400,900", "--virtual-time-budget=5000", f"--screenshot={shot}", out.as_uri())
    assert shot.read_bytes()[:4] == b"\x89PNG" and shot.stat().st_size > 20_000
    missing = runner.invoke(main, ["graph", "99-NQ/TW", "-o", str(tmp_path / "x.html"), "--data-dir", data])
    assert missing.exit_code == 1 and "99-NQ/TW: no such document is stored" in missing.output
