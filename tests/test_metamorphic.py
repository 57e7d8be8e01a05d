"""The extraction of every corpus file is the same however the text was rendered: without blank lines,
re-wrapped at 60 or 120 columns, with doubled spaces, with tables one cell per line, inside a legal
site's banner, metadata box and footer (tests/renderings.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from policykg.ingest.extract import extract_text
from policykg.ingest.read import normalise, read_text

from tests.conftest import ROOT, SHARED, _unavailable
from tests.renderings import TRANSFORMS, site_chrome

_FOLDERS = [SHARED / "corpus" / "seeds", SHARED / "corpus" / "real", SHARED / "corpus" / "real-full",
            ROOT / "tests" / "data", ROOT / "tests" / "data" / "classes"]
_NAMES = [t.__name__ for t in TRANSFORMS] + ["site_chrome"]


def _files() -> list[Path]:
    return [p for folder in _FOLDERS if folder.is_dir() for p in sorted(folder.glob("*"))
            if p.suffix in (".txt", ".md") and p.name != "README.md"]


def facts(extraction: dict) -> dict:
    """What must not change: document fields, references and their relations, every task's and
    target's fields, the agencies."""
    doc = extraction["document"]
    return {
        "document": {k: doc.get(k) for k in ("symbol", "doc_type", "issuer", "province", "issued_date", "signer")},
        "references": sorted((r["symbol"], r["relation"]) for r in extraction["references"]),
        "tasks": [(t["path"], t["text_start"][:50], t["lead"], t["coordinators"], t["monitor"], t["deadline"],
                   t["timeframe"], t["product"], t["funding"]) for t in extraction["tasks"]],
        "targets": [(t["path"], t["text_start"][:50], t["value"]) for t in extraction["targets"]],
        "agencies": sorted(a["name"] for a in extraction["agencies"]),
    }


@pytest.fixture(scope="module")
def corpus() -> list[tuple[Path, str, dict]]:
    """Each file, its text and its extraction as given, read once for all renderings."""
    if not (SHARED / "corpus").is_dir():
        _unavailable("../shared/corpus is not present")
    out = []
    for path in _files():
        text = read_text(path)
        out.append((path, text, extract_text(text, path.name)))
    return out


@pytest.mark.parametrize("transform", _NAMES)
def test_extraction_does_not_depend_on_rendering(corpus, transform):
    changed = []
    for path, text, base in corpus:
        render = site_chrome(base["document"]) if transform == "site_chrome" else \
            next(t for t in TRANSFORMS if t.__name__ == transform)
        expected, got = facts(base), facts(extract_text(normalise(render(text)), path.name))
        if got != expected:
            changed.append(f"{path.name}: {', '.join(k for k in expected if got[k] != expected[k])}")
    assert not changed, f"{transform} changes the extraction of {len(changed)} files: {changed}"


def test_renderings_change_the_text():
    """Each rendering really changes a text of its class (a test that cannot fail is no test)."""
    sample = ("KẾ HOẠCH\n\n| STT | Nhiệm vụ | Cơ quan chủ trì |\n|---|---|---|\n| 1 | Rà soát | Sở Y tế |\n\n"
              + "Các sở, ngành triển khai thực hiện các nội dung của Kế hoạch, báo cáo kết quả thực hiện "
              + "về Sở Khoa học và Công nghệ để tổng hợp\ntrước ngày 15/12 hằng năm.\n")
    for transform in TRANSFORMS:
        assert transform(sample) != sample, transform.__name__
