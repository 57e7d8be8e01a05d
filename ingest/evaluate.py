"""Score extractions against gold files: precision, recall and F1 per field.

Alignment of tasks (and targets): each gold task is paired one-to-one with the
extracted task whose opening text is most similar (difflib ratio of the first 60
characters, lower-cased and whitespace-collapsed, or the gold opening found in
the first 100 characters of the extracted text), greedily from the best pair
down, keeping pairs with similarity >= 0.75. Assignment fields (lead,
coordinators, monitor) are scored as (task, agency) pairs over aligned tasks plus
all unaligned ones; deadline / timeframe / product / funding are scored on
aligned tasks only (a null on both sides is not counted). A cited document's doc_type,
issued_date and issuer are scored on references whose symbol matches the gold.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

from ingest.errors import IngestError
from ingest.extract import extract_file
from ingest.identity import symbol_key

DOC_FIELDS = ("symbol", "doc_type", "issuer", "province", "issued_date", "signer")
TASK_VALUES = ("deadline", "timeframe", "product", "funding")
REFERENCE_FIELDS = ("doc_type", "issued_date", "issuer")  # on references whose symbol matches

# The F1 each field must reach, per corpus folder (the quality bar; the reference
# fields beyond it). `policykg eval --check` and tests/test_eval.py hold extraction to them.
_REFERENCE_BARS = {"references.doc_type": 0.9, "references.issued_date": 0.9, "references.issuer": 0.9}
BARS: dict[str, dict[str, float]] = {
    "seeds": {
        "document.symbol": 0.95, "document.doc_type": 0.95, "document.issuer": 0.95,
        "document.province": 0.95, "document.issued_date": 0.95, "document.signer": 0.95,
        "references.symbol+relation": 0.95, "links": 0.9, "tasks": 0.9, "assign.lead": 0.9,
        "assign.coordinators": 0.85, "assign.monitor": 0.75, "task.deadline": 0.9, "task.timeframe": 0.9,
        "targets": 0.9, "agencies.specific": 0.9, **_REFERENCE_BARS,
    },
    "real": {
        "document.symbol": 0.9, "document.doc_type": 0.9, "document.issuer": 0.9, "document.province": 0.9,
        "document.issued_date": 0.9, "document.signer": 0.9, "references.symbol+relation": 0.9, "links": 0.85,
        **_REFERENCE_BARS,
    },
}


def below_bars(result: dict[str, dict[str, dict[str, float]]]) -> list[str]:
    """Fields under their bar, as 'corpus field F1 < bar' lines (a field not scored counts as 0)."""
    out = []
    for corpus, bars in BARS.items():
        if corpus not in result:
            continue
        for field, bar in bars.items():
            f1 = result[corpus].get(field, {}).get("f1", 0.0)
            if f1 < bar:
                out.append(f"{corpus} {field} {f1:.2f} < {bar}")
    return out


def _norm(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value)).strip().lower()


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def _similarity(gold: str, got: str) -> float:
    g, t = _norm(gold)[:60], _norm(got)
    if g and g in t[:100]:
        return 1.0
    return difflib.SequenceMatcher(None, g, t[:60]).ratio()


def align(gold: list[dict], got: list[dict]) -> list[tuple[int, int]]:
    pairs = []
    for i, g in enumerate(gold):
        for j, t in enumerate(got):
            s = _similarity(g["text_start"], t.get("text") or t["text_start"])
            if s >= 0.75:
                pairs.append((s, i, j))
    used_g, used_t, out = set(), set(), []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_g and j not in used_t:
            used_g.add(i)
            used_t.add(j)
            out.append((i, j))
    return out


class Scores:
    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = {}

    def add(self, field: str, tp: int, fp: int, fn: int) -> None:
        c = self.counts.setdefault(field, [0, 0, 0])
        c[0] += tp
        c[1] += fp
        c[2] += fn

    def sets(self, field: str, gold: set, got: set) -> None:
        self.add(field, len(gold & got), len(got - gold), len(gold - got))

    def table(self) -> dict[str, dict[str, float]]:
        return {k: _prf(*v) for k, v in self.counts.items()}


def score_file(gold: dict, got: dict, scores: Scores, full: bool) -> None:
    for f in DOC_FIELDS:
        g, t = gold["document"].get(f), got["document"].get(f)
        same = (g is None and t is None) or (g is not None and t is not None and _norm(g) == _norm(t))
        if f == "symbol" and g and t:
            same = symbol_key(g) == symbol_key(t)
        scores.add(f"document.{f}", int(same), int(not same), int(not same))
    scores.sets("references.symbol", {symbol_key(r["symbol"]) for r in gold["references"]},
                {symbol_key(r["symbol"]) for r in got["references"]})
    scores.sets("references.symbol+relation",
                {(symbol_key(r["symbol"]), r["relation"]) for r in gold["references"]},
                {(symbol_key(r["symbol"]), r["relation"]) for r in got["references"]})
    got_refs = {symbol_key(r["symbol"]): r for r in got["references"]}
    for ref in gold["references"]:
        mine = got_refs.get(symbol_key(ref["symbol"]))
        for f in REFERENCE_FIELDS:
            if mine is not None and (ref.get(f) or mine.get(f)):
                same = _norm(ref.get(f)) == _norm(mine.get(f))
                scores.add(f"references.{f}", int(same), int(not same), int(not same))
    scores.sets("links", {(symbol_key(x["from"]), x["relation"], symbol_key(x["to"])) for x in gold["links"]},
                {(symbol_key(x["from"]), x["relation"], symbol_key(x["to"])) for x in got["links"]})
    if not full:
        return
    pairs = align(gold["tasks"], got["tasks"])
    scores.add("tasks", len(pairs), len(got["tasks"]) - len(pairs), len(gold["tasks"]) - len(pairs))
    index = {i: f"t{j}" for i, j in pairs}
    for role in ("lead", "coordinators", "monitor"):
        g = {(index.get(i, f"g{i}"), _norm(a)) for i, t in enumerate(gold["tasks"]) for a in t[role]}
        t = {(f"t{j}", _norm(a)) for j, x in enumerate(got["tasks"]) for a in x[role]}
        scores.sets(f"assign.{role}", g, t)
    for i, j in pairs:
        for f in TASK_VALUES:
            g, t = gold["tasks"][i].get(f), got["tasks"][j].get(f)
            if g is None and t is None:
                continue
            ok = g is not None and t is not None and _norm(g) == _norm(t)
            scores.add(f"task.{f}", int(ok), int(t is not None and not ok), int(g is not None and not ok))
        g_also = set(gold["tasks"][i].get("also_at") or [])
        t_also = set(got["tasks"][j].get("also_at") or [])
        scores.sets("task.also_at", g_also, t_also)
    tpairs = align(gold["targets"], got["targets"])
    scores.add("targets", len(tpairs), len(got["targets"]) - len(tpairs), len(gold["targets"]) - len(tpairs))
    for i, j in tpairs:
        ok = _norm(gold["targets"][i]["value"]) == _norm(got["targets"][j]["value"])
        scores.add("targets.value", int(ok), int(not ok), int(not ok))
    scores.sets("agencies.specific",
                {_norm(a["name"]) for a in gold["agencies"] if a["kind"] == "specific"},
                {_norm(a["name"]) for a in got["agencies"] if a["kind"] == "specific"})


def evaluate(gold_dir: Path, corpus_dirs: list[Path]) -> dict[str, dict[str, dict[str, float]]]:
    """Scores per corpus folder name (e.g. 'seeds', 'real')."""
    out: dict[str, dict[str, dict[str, float]]] = {}
    for folder in corpus_dirs:
        scores = Scores()
        for path in sorted(folder.glob("*.txt")):
            gold_path = next((g for g in (gold_dir / folder.name / f"{path.stem}.gold.json",
                                          gold_dir / f"{path.stem}.gold.json") if g.exists()), None)
            if gold_path is None:
                continue
            gold = json.loads(gold_path.read_text("utf-8"))
            try:
                got = extract_file(path)
            except IngestError:
                got = {"document": {}, "references": [], "links": [], "tasks": [], "targets": [],
                       "agencies": []}
            # Gold files that annotate tasks (seeds) are scored on every field; those holding only
            # document, references and links (real-*) on those fields.
            score_file(gold, got, scores, full="tasks" in gold)
        out[folder.name] = scores.table()
    return out
