"""Regression guard: extraction quality against ../shared/gold must stay above the bars."""

import pytest
from policykg.ingest.evaluate import BARS, align, below_bars, evaluate

from tests.conftest import SHARED, _unavailable

_CORPORA = ("seeds", "real", "real-full")


@pytest.fixture(scope="module")
def scores():
    if not (SHARED / "gold").is_dir():
        _unavailable("../shared/gold is not present")
    return evaluate(SHARED / "gold", [SHARED / "corpus" / name for name in _CORPORA])


@pytest.mark.parametrize("corpus, field, bar", [(c, f, b) for c in _CORPORA for f, b in BARS[c].items()])
def test_bars(scores, corpus, field, bar):
    assert scores[corpus][field]["f1"] >= bar


def test_check_lists_fields_under_their_bar():
    result = {"seeds": {"tasks": {"f1": 0.5}}, "real": {name: {"f1": 1.0} for name in BARS["real"]}}
    missing = below_bars(result)
    assert "seeds tasks 0.50 < 0.95" in missing and "seeds links 0.00 < 0.95" in missing
    assert not [line for line in missing if line.startswith("real ")]


def test_tasks_sharing_an_opening_align_by_their_longer_text():
    opening = "Sở Tài chính chủ trì, phối hợp với các sở, ngành tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí "
    gold = [{"text_start": opening + "thực hiện"}, {"text_start": opening + "đào tạo"}]
    got = [{"text": opening + "đào tạo nguồn nhân lực"}, {"text": opening + "thực hiện Kế hoạch"}]
    assert sorted(align(gold, got)) == [(0, 1), (1, 0)]
