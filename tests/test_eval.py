"""Regression guard: extraction quality against ../shared/gold must stay above the bars."""

import pytest

from ingest.evaluate import evaluate
from tests.conftest import SHARED

SEED_BARS = {
    "document.symbol": 0.95, "document.doc_type": 0.95, "document.issuer": 0.95,
    "document.province": 0.95, "document.issued_date": 0.95, "document.signer": 0.95,
    "references.symbol+relation": 0.95, "links": 0.9, "tasks": 0.9, "assign.lead": 0.9,
    "assign.coordinators": 0.85, "assign.monitor": 0.75, "task.deadline": 0.9, "task.timeframe": 0.9,
    "targets": 0.9, "agencies.specific": 0.9,
    # beyond the bars: what a cited document is, when and by whom it was issued
    "references.doc_type": 0.9, "references.issued_date": 0.9, "references.issuer": 0.9,
}
REAL_BARS = {
    "document.symbol": 0.9, "document.doc_type": 0.9, "document.issuer": 0.9, "document.province": 0.9,
    "document.issued_date": 0.9, "document.signer": 0.9, "references.symbol+relation": 0.9, "links": 0.85,
    "references.doc_type": 0.9, "references.issued_date": 0.9, "references.issuer": 0.9,
}


@pytest.fixture(scope="module")
def scores():
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared/gold is not present")
    return evaluate(SHARED / "gold", [SHARED / "corpus" / "seeds", SHARED / "corpus" / "real"])


@pytest.mark.parametrize("field, bar", SEED_BARS.items())
def test_seed_bars(scores, field, bar):
    assert scores["seeds"][field]["f1"] >= bar


@pytest.mark.parametrize("field, bar", REAL_BARS.items())
def test_real_bars(scores, field, bar):
    assert scores["real"][field]["f1"] >= bar
