"""Regression guard: extraction quality against ../shared/gold must stay above the bars."""

import pytest

from ingest.evaluate import BARS, below_bars, evaluate
from tests.conftest import SHARED


@pytest.fixture(scope="module")
def scores():
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared/gold is not present")
    return evaluate(SHARED / "gold", [SHARED / "corpus" / "seeds", SHARED / "corpus" / "real"])


@pytest.mark.parametrize("field, bar", BARS["seeds"].items())
def test_seed_bars(scores, field, bar):
    assert scores["seeds"][field]["f1"] >= bar


@pytest.mark.parametrize("field, bar", BARS["real"].items())
def test_real_bars(scores, field, bar):
    assert scores["real"][field]["f1"] >= bar


def test_check_lists_fields_under_their_bar():
    result = {"seeds": {"tasks": {"f1": 0.5}}, "real": {name: {"f1": 1.0} for name in BARS["real"]}}
    missing = below_bars(result)
    assert "seeds tasks 0.50 < 0.9" in missing and "seeds links 0.00 < 0.9" in missing
    assert not [line for line in missing if line.startswith("real")]
