"""The review page, checked in a real browser (headless Chromium): highlights, escaping, screenshot."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from policykg.ingest import nlp

from policykg.cli import main
from tests.conftest import ARTIFACTS, SEEDS

LAOCAI = SEEDS / "laocai-kh-55-kh-tu-36-nq-tw.txt"
HOSTILE = """KẾ HOẠCH
Thực hiện Kế hoạch số 55-KH/TU ngày 14/02/2026 <script>alert('x')</script>
1. Sở <b>Khoa học</b> chủ trì, phối hợp với Sở Tài chính triển khai "A & B" trước ngày 15/6/2026.
"""


def _review(source: Path, page: Path) -> str:
    result = CliRunner().invoke(main, ["review", str(source), "-o", str(page)])
    assert result.exit_code == 0, result.output
    return page.read_text("utf-8")


def test_pipeline_finds_agencies_symbols_and_dates_across_wrapped_lines():
    text = "giao Sở Khoa học và\ncông nghệ, Uỷ ban nhân dân\ntỉnh theo Nghị quyết 36-NQ/TW ngày 30/01/2023; cơ sở y tế"
    found = [(m.label, m.name, text[m.start:m.end]) for m in nlp.mentions(nlp.pipeline(), text)]
    assert found == [
        ("AGENCY", "Sở Khoa học và Công nghệ", "Sở Khoa học và\ncông nghệ"),
        ("AGENCY", "Ủy ban nhân dân tỉnh", "Uỷ ban nhân dân\ntỉnh"),
        ("SYMBOL", "36-NQ/TW", "36-NQ/TW"),
        ("DATE", "30/01/2023", "30/01/2023"),
    ]


def _dom(browser, page: Path) -> str:
    browser.open(page.as_uri(), settle=0.3)
    assert browser.requests()[0] == page.as_uri() and browser.outgoing() == [] and browser.errors() == []
    return browser.evaluate("document.documentElement.outerHTML")


def test_review_page_in_chromium_shows_roles_citations_and_dates(browser, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    page = ARTIFACTS / "review-laocai.html"
    _review(LAOCAI, page)
    dom = _dom(browser, page)
    marks = re.findall(r'<mark class="entity"[^>]*>(.*?)<span[^>]*>(\w+)</span>\s*</mark>', dom, re.S)
    labels = {label for _, label in marks}
    assert {"LEAD", "PARTNER", "MONITOR", "SYMBOL", "DATE"} <= labels
    leads = {" ".join(text.split()) for text, label in marks if label == "LEAD"}
    assert "Sở Y tế" in leads and "Công an tỉnh" in leads
    assert dom.count('<tr class="task">') == 45 and dom.count('<tr class="target">') == 13  # with a type column
    lead_chips = re.findall(r'<span class="chip lead">([^<]*)</span>', dom)
    assert "Sở Y tế" in lead_chips and "Các sở, ban, ngành" in lead_chips  # one chip per agency
    assert re.search(r'<span class="chip partner">[^<]*</span><span class="chip partner">', dom)
    # wide columns wrap: the table pane never scrolls sideways, however long the cells
    assert browser.evaluate("(() => { const f = document.getElementById('found'); "
                            "return f.scrollWidth <= f.clientWidth; })()")
    shot = ARTIFACTS / "review-laocai.png"
    browser.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


def test_review_escapes_document_text(browser, tmp_path):
    source = tmp_path / "hostile.txt"
    source.write_text(HOSTILE, "utf-8")
    html_text = _review(source, tmp_path / "hostile.html")
    assert "<script>alert" not in html_text and "<b>Khoa" not in html_text
    dom = _dom(browser, tmp_path / "hostile.html")
    assert "<script" not in dom and "<b>" not in dom
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in dom and "A &amp; B" in dom


def test_review_of_a_missing_file_is_one_line_error(tmp_path):
    result = CliRunner().invoke(main, ["review", str(tmp_path / "none.txt")])
    assert result.exit_code == 1
    assert "none.txt" in result.output and len(result.output.strip().splitlines()) == 1
