"""Hostile and unlucky input: mutated corpus texts never hang or crash the extraction, and spans do not
depend on the order in which files are extracted."""

from __future__ import annotations

import random
import signal
import time
from pathlib import Path

import pytest
from policykg.ingest.errors import IngestError
from policykg.ingest.extract import extract_file, extract_text
from policykg.ingest.read import read_text

from tests.conftest import ROOT, SHARED, _unavailable

_PER_INPUT = 2.0  # seconds: a mutated text of a few hundred lines that takes longer is a defect
_INPUTS = 2500
# Pieces that start structures the readers react to: table headers, items, citations, sections.
_TOKENS = ["STT", "TT", "|", "| 1 |", "1.", "a)", "(1)", "-", "+", "II.", "Căn cứ ", "Thực hiện ", "của 1/QĐ-TTg ",
           "Số: ", "Kính gửi:", "Nơi nhận:", "PHỤ LỤC", "**", "phối hợp với Sở Tài chính, ", "Sở Y tế, ",
           "Nhiệm vụ | Cơ quan chủ trì |", "trước ngày 15/6/2026", "Quý III/2026", " (tiếp)", "\u00a0", "\t"]


def _mutate(rng: random.Random, lines: list[str]) -> str:
    out = list(lines)
    for _ in range(rng.randint(1, 6)):
        if not out:
            out = [""]
        k = rng.randrange(len(out))
        op = rng.randrange(6)
        if op == 0:
            del out[k]
        elif op == 1:
            out.insert(k, out[k] * rng.randint(2, 5))
        elif op == 2:
            out[k] = rng.choice(_TOKENS) + " " + out[k]
        elif op == 3:
            out.insert(k, rng.choice(_TOKENS) * rng.randint(1, 40))
        elif op == 4:
            j = rng.randrange(len(out))
            out[k], out[j] = out[j], out[k]
        else:
            cut = rng.randint(0, len(out[k]))
            out[k] = out[k][:cut]
    return "\n".join(out)


class _TooSlow(Exception):
    pass


def _alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise _TooSlow


def _corpus_lines() -> list[list[str]]:
    folders = [SHARED / "corpus" / "seeds", SHARED / "corpus" / "real", SHARED / "corpus" / "real-full",
               ROOT / "tests" / "data"]
    if not (SHARED / "corpus").is_dir():
        _unavailable("../shared/corpus is not present")
    return [read_text(p).split("\n") for f in folders for p in sorted(f.glob("*")) if p.suffix in (".txt", ".md")]


def test_fuzzed_texts_end_quickly_with_a_result_or_a_clear_refusal():
    texts = _corpus_lines()
    rng = random.Random(20261206)
    slow, crashed = [], []
    previous = signal.signal(signal.SIGALRM, _alarm)
    started = time.monotonic()
    try:
        for n in range(_INPUTS):
            lines = rng.choice(texts)
            start = rng.randrange(max(1, len(lines) - 60))
            text = _mutate(rng, lines[start: start + rng.randint(5, 120)])
            signal.setitimer(signal.ITIMER_REAL, _PER_INPUT)
            try:
                got = extract_text(text, f"fuzz-{n}.txt")
                assert isinstance(got["tasks"], list)
            except IngestError:
                pass
            except _TooSlow:
                slow.append(text[:200])
            except Exception as exc:  # noqa: BLE001 - any other exception is the defect reported
                crashed.append(f"{type(exc).__name__}: {exc} in {text[:120]!r}")
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert not slow, f"{len(slow)} inputs took over {_PER_INPUT} s, e.g. {slow[:2]}"
    assert not crashed, crashed[:3]
    assert time.monotonic() - started < 600  # a bound on the whole run, far above its usual time


def test_a_reworded_repeated_table_header_does_not_hang():
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, _PER_INPUT)
    try:
        extract_text("STT\nNhiệm vụ\nCơ quan chủ trì\n1 Tuyên truyền\nSTT x", "hang.txt")
    except IngestError:
        pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _spans(paths: list[Path]) -> dict[str, list]:
    out = {}
    for path in paths:
        got = extract_file(path)
        out[path.name] = [(t["path"], t["span"]) for t in got["tasks"]] + [
            (r["symbol"], r["spans"]) for r in got["references"]]
    return out


def test_spans_do_not_depend_on_the_order_files_are_extracted_in():
    folders = [SHARED / "corpus" / "seeds", SHARED / "corpus" / "real", SHARED / "corpus" / "real-full"]
    paths = [p for f in folders if f.is_dir() for p in sorted(f.glob("*.txt"))]
    if not paths:
        _unavailable("../shared/corpus is not present")
    forward = _spans(paths)
    backward = _spans(list(reversed(paths)))
    shuffled = _spans(random.Random(7).sample(paths, len(paths)))
    assert forward == backward == shuffled
    for path in paths:  # and each span points at its own text
        text = read_text(path)
        got = extract_file(path)
        for task in got["tasks"]:
            span = task["span"]
            assert text.count("\n", 0, span["start"]) + 1 == span["line"], (path.name, task["path"])


@pytest.mark.parametrize("text", ["", "   \n\n", "\x00\x01binary", "a" * 10000])
def test_texts_that_are_no_document_are_refused_in_one_line(text):
    with pytest.raises(IngestError) as caught:
        extract_text(text, "odd.txt")
    assert "\n" not in str(caught.value)
