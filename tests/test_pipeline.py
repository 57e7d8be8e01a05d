"""The national-scale ingest on real stores: files unchanged since their last ingest are skipped (and
redone with ``force``), extraction in worker processes gives the store a sequential one gives,
cross-file batches leave the graph file-by-file loading leaves, and searches find tasks through the
postings of the search index."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from policykg.graph import search_index
from policykg.graph.load import Prepared, load_files
from policykg.graph.stores import Store
from policykg.queries.runner import run

from policykg import api, pipeline
from policykg.cli import main
from tests.conftest import ROOT, SEEDS
from tests.test_store import dump

LAICHAU = SEEDS / "laichau-sct-congvan-1355-qd-bct.txt"
LAOCAI = SEEDS / "laocai-kh-55-kh-tu-36-nq-tw.txt"


def _corpus() -> list[Path]:
    """The seeds and the synthetic layouts: more files than ``POOL_MIN_FILES``, so the pool runs."""
    folders = [SEEDS, ROOT / "tests" / "data"]
    return [p for f in folders for p in sorted(f.iterdir()) if p.suffix in (".txt", ".md") and p.name != "README.md"]


def _copy(tmp_path: Path, files: list[Path]) -> list[Path]:
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    for path in files:
        shutil.copy(path, folder / path.name)
    return [folder / p.name for p in files]


def _answers(store: Store) -> list[object]:
    """Answers of the questions users ask, for comparing two ways of filling a store."""
    return [api.cascade(store, "36-NQ/TW"), api.owns(store, "Sở Y tế", "Lào Cai"),
            api.search(store, "cong nghe sinh hoc xu ly chat thai"), api.stats(store),
            api.trace(store, "Đầu tư xây dựng và phát triển các Trung tâm bảo tồn"), api.agencies(store, "Lào Cai")]


def _clear(store: Store) -> None:
    store.write("MATCH (n) DETACH DELETE n")


# --- unchanged files are skipped -------------------------------------------------------------------

def test_unchanged_files_are_skipped_and_force_redoes_them(store, tmp_path: Path):
    files = _copy(tmp_path, sorted(SEEDS.glob("*.txt")))
    first = api.ingest(store, files)
    assert first.loaded == len(files) and first.unchanged == 0
    before = dump(store)
    files[0].touch()  # a newer time, the same content: still unchanged
    again = api.ingest(store, files)
    assert (again.loaded, again.unchanged, again.errors) == (0, len(files), [])
    assert again.tasks == first.tasks and dump(store) == before
    forced = api.ingest(store, files, force=True)
    assert (forced.loaded, forced.unchanged) == (len(files), 0)
    assert dump(store) == before


def test_a_changed_file_is_extracted_again_and_the_others_skipped(store, tmp_path: Path):
    files = _copy(tmp_path, [LAICHAU, LAOCAI])
    api.ingest(store, files)
    laichau = files[0]
    laichau.write_text(laichau.read_text("utf-8").replace("ưu tiên lồng ghép", "ưu tiên bố trí"), "utf-8")
    report = api.ingest(store, files)
    assert (report.loaded, report.unchanged) == (1, 1)
    texts = [r["text"] for r in store.read("MATCH (t:Task) RETURN t.text AS text")]
    assert any("ưu tiên bố trí" in t for t in texts) and not any("ưu tiên lồng ghép" in t for t in texts)


def test_a_province_override_is_not_the_same_ingest(store, tmp_path: Path):
    files = _copy(tmp_path, [LAICHAU])
    api.ingest(store, files)
    report = api.ingest(store, files, province="Sơn La")
    assert (report.loaded, report.unchanged) == (1, 0)
    assert api.ingest(store, files, province="Sơn La").unchanged == 1


def test_ingest_command_says_what_it_skipped_and_force_redoes_it(tmp_path: Path):
    data = tmp_path / "data"
    files = _copy(tmp_path, [LAICHAU, LAOCAI])
    args = ["ingest", str(files[0].parent), "--data-dir", str(data)]
    assert CliRunner().invoke(main, args).exit_code == 0
    skipped = CliRunner().invoke(main, args)
    assert skipped.exit_code == 0, skipped.output
    assert "loaded 0 of 2 files (2 unchanged since their last ingest, skipped)" in skipped.output
    forced = CliRunner().invoke(main, [*args, "--force", "--jobs", "1"])
    assert forced.exit_code == 0 and "loaded 2 of 2 files:" in forced.output, forced.output


# --- parallel extraction ---------------------------------------------------------------------------

def test_workers_give_what_this_process_gives_in_the_files_order():
    files = _corpus()[:10]
    jobs = [(str(p), None) for p in files]
    here = [pipeline.prepare_file(job) for job in jobs]
    with pipeline.Workers(2) as workers:
        there = list(workers.map(jobs))
    assert len(there) == len(files)
    for a, b in zip(here, there):
        assert isinstance(a, Prepared) and isinstance(b, Prepared)
        assert (a.path, a.rows, a.units) == (b.path, b.rows, b.units)


def test_a_worker_that_ends_is_named_with_its_file_not_waited_for():
    files = _corpus()[:6]
    with pipeline.Workers(2) as workers:
        workers.procs[1].kill()
        workers.procs[1].wait()
        results = workers.map([(str(p), None) for p in files])
        assert isinstance(next(results), Prepared)  # the live worker's first file
        with pytest.raises(RuntimeError, match=f"an extraction worker stopped .* on {files[1]}"):
            next(results)


def test_parallel_extraction_gives_the_store_of_a_sequential_one(store):
    files = _corpus()
    assert len(files) >= pipeline.POOL_MIN_FILES
    sequential = api.ingest(store, files, processes=1)
    expected, answers = dump(store), _answers(store)
    _clear(store)
    parallel = api.ingest(store, files, processes=2)
    assert (parallel.loaded, parallel.errors, parallel.warnings) == \
        (sequential.loaded, sequential.errors, sequential.warnings)
    assert dump(store) == expected and _answers(store) == answers


# --- cross-file batches ----------------------------------------------------------------------------

def _batches(items: list[Prepared]) -> list[list[Prepared]]:
    """Files in batches as the pipeline forms them when neither size nor time stops a batch."""
    out: list[list[Prepared]] = [[]]
    keys: set[str] = set()
    for item in items:
        mine = {item.doc_uid, item.path or ""}
        if keys & mine:
            out.append([])
            keys = set()
        out[-1].append(item)
        keys |= mine
    return out


def _load(store: Store, rounds: list[list[Prepared]], batched: bool) -> None:
    for items in rounds:
        items = copy.deepcopy(items)  # loading resolves citations in place
        for batch in (_batches(items) if batched else [[i] for i in items]):
            load_files(store, batch)
        api.finish_ingest(store)


def test_cross_file_batches_leave_the_graph_of_file_by_file_loading(store, tmp_path: Path):
    files = _copy(tmp_path, _corpus())
    first = [r for r in map(pipeline.prepare_file, [(str(p), None) for p in files]) if isinstance(r, Prepared)]
    # A second round: one file changed (a body renamed, a task gone), others loaded again, in one batch.
    changed = files[[p.name for p in files].index(LAICHAU.name)]
    text = changed.read_text("utf-8")
    changed.write_text(text.replace("Sở Công Thương", "Sở Nông nghiệp và Phát triển nông thôn"), "utf-8")
    second = [r for r in map(pipeline.prepare_file, [(str(changed), None), *((str(p), None) for p in files[:6])])
              if isinstance(r, Prepared)]
    assert len(_batches(first)) * 3 <= len(first), "the files share batches"
    _load(store, [first, second], batched=False)
    expected, answers = dump(store), _answers(store)
    _clear(store)
    _load(store, [first, second], batched=True)
    assert dump(store) == expected
    assert _answers(store) == answers


# --- search through the index ----------------------------------------------------------------------

def test_search_finds_tasks_through_the_postings_of_their_words(store):
    api.ingest(store, [SEEDS])
    rows = api.search(store, "trung tâm bảo tồn cây dược liệu bản địa", kind="task", limit=3)
    assert rows and "dược liệu bản địa" in rows[0]["text"]
    uid = rows[0]["uid"]
    # The rarest word gives the candidates; the score still counts every word the text holds.
    terms, _ = search_index.query_words("trung tâm bảo tồn cây dược liệu bản địa")
    assert search_index.search_params(store, "trung tâm bảo tồn cây dược liệu bản địa", every=True)["seeds"] != []
    assert rows[0]["hits"] == len(set(terms))
    # Without its postings the task is not found: the search reads the index, not every task's text.
    store.write("MATCH (t:Task {uid: $uid})-[h:HAS_TERM]->() DELETE h", {"uid": uid})
    assert uid not in {r["uid"] for r in api.search(store, "trung tâm bảo tồn cây dược liệu bản địa", kind="task")}
    # A second ingest builds the index entries again (forced: the file is unchanged).
    api.ingest(store, [LAOCAI], force=True)
    assert api.search(store, "trung tâm bảo tồn cây dược liệu bản địa", kind="task", limit=1)[0]["uid"] == uid


def test_trace_by_words_names_its_task_through_the_index(store):
    api.ingest(store, [SEEDS])
    chains = api.trace(store, "Đầu tư xây dựng và phát triển các Trung tâm bảo tồn")
    assert chains and all(c["root"] for c in chains)
    store.write("MATCH (w:Term {uid: 'ton'}) DETACH DELETE w")  # the rarest of its words, gone from the index
    with pytest.raises(Exception, match="no task matches"):
        api.trace(store, "Đầu tư xây dựng và phát triển các Trung tâm bảo tồn")


def test_seeds_are_the_rarest_words_up_to_the_postings_limit(store, monkeypatch):
    api.ingest(store, [SEEDS])
    df = {r["w"]: r["df"] for r in store.read("MATCH (w:Term) RETURN w.uid AS w, w.df AS df")}
    common, rare = max(df, key=lambda w: df[w]), min(df, key=lambda w: (df[w], w))
    assert search_index.seeds(df, [common, rare], every=True) == [rare]
    assert search_index.seeds(df, [common, "khongcotu"], every=True) == []
    monkeypatch.setattr(search_index, "SEED_POSTINGS", df[rare])
    assert search_index.seeds(df, [common, rare]) == [rare]
    monkeypatch.setattr(search_index, "SEED_POSTINGS", df[rare] + df[common])
    assert search_index.seeds(df, [common, rare]) == [rare, common]



def _scored(store: Store, text: str, label: str | None, provinces: list[str] | None,
            limit: int) -> list[tuple[str, int]]:
    """The search's answer by its definition, computed in Python over every unit that holds a seed word:
    found words' weights plus 1000 per phrase, × 100 // (50 + length), best first, ties by uid."""
    params = search_index.search_params(store, text)
    weights = {r["w"]: r["weight"] for r in store.read("MATCH (w:Term) RETURN w.uid AS w, w.weight AS weight")}
    units = store.read("MATCH (x) WHERE x.folded IS NOT NULL RETURN labels(x) AS labels, x.uid AS uid, "
                       "x.folded AS f, x.words AS n, x.province AS province")
    _, phrases = search_index.query_words(text)
    scored = []
    for u in units:
        if not any(f" {s} " in u["f"] for s in params["seeds"]) or (label and label not in u["labels"]) or (
                provinces is not None and u["province"] not in provinces):
            continue
        found = sum(weights.get(w, 0) for w in params["words"] if f" {w} " in u["f"])
        found += 1000 * sum(1 for ph in phrases if ph in u["f"])
        scored.append((u["uid"], found * 100 // (50 + u["n"])))
    return sorted(scored, key=lambda s: (-s[1], s[0]))[:limit]


@pytest.mark.parametrize("text, label, provinces, limit", [
    ("cong nghe sinh hoc", None, None, 3),  # common words: the first pass's bound prunes most candidates
    ("Sở Y tế", "Agency", None, 5),
    ("ứng dụng công nghệ sinh học trong xử lý chất thải nông nghiệp tại các xã vùng sâu", None, None, 4),  # > 8 words
    ("bảo tồn nguồn gen dược liệu", "Task", ["Lào Cai"], 10),
    ("phát triển công nghiệp sinh học", None, ["Sơn La", "Lạng Sơn"], 1),
])
def test_search_answers_exactly_what_its_formula_gives_over_every_candidate(store, text, label, provinces, limit):
    api.ingest(store, [SEEDS, ROOT / "tests" / "data"])
    got = run(store, "search", **search_index.search_params(store, text), label=label, provinces=provinces,
              limit=limit)
    assert [(r["uid"], r["score"]) for r in got] == _scored(store, text, label, provinces, limit)
    assert len(got) == limit
    if provinces is None or len(provinces) == 1:
        kind = {"Agency": "agency", "Task": "task", None: None}[label]
        assert api.search(store, text, kind=kind, province=provinces[0] if provinces else None, limit=limit) == got
