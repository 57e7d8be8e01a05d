"""The search index: an inverted index of folded words, kept in the graph itself.

Every task, document and agency is linked to one ``(:Term {uid: word, df, weight})`` node per distinct
word of its text: ``(x)-[:HAS_TERM]->(:Term)``. A word is folded (lower case, no diacritics,
``đ`` → ``d``), so "cong nghe sinh hoc" finds "công nghệ sinh học". Abbreviations are indexed
with their expansion: the common ones (``KH&CN``, ``UBND``, … from the vocabulary file) and
those a document defines ("công nghệ sinh học (sau đây viết tắt là CNSH)"), so a task that only
says "CNSH" is found by "cong nghe sinh hoc" and the other way round.

Why nodes and not a store's full-text index: FalkorDB (RediSearch) and Neo4j (Lucene) call their
full-text indexes with different procedures and rank with different formulas, and the product
promises one Cypher text and the same ranking on both. ``Term.uid`` (the word) has an ordinary index on
both stores, so a search reads the postings of the query's words only, never every task: its
cost grows with how common the words are, not with the size of the store. Weights are integers
(1000 × inverse document frequency, computed here in Python) so both stores add them exactly.
Ranking (``queries/search.cypher``): the weights of the query words a text has, plus 1000 for each
two-word phrase of the query it contains, scaled by 100 / (50 + its length in words), so a short
task about exactly this outranks a long one that mentions every word somewhere.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import cache
from typing import Any

from policykg.graph.stores import Store

# Function words that would only add long postings (folded).
STOPWORDS = frozenset(
    "va cac cua trong cho voi theo de la co duoc tren nhung mot nay khi tai ve tu den nhu thi "
    "o da se bang do cung hoac vao ra sau truoc nham".split()
)
_WORD = re.compile(r"[a-z0-9]+")
_DEFINED = re.compile(
    r"\((?:sau đây |dưới đây )?(?:viết|gọi) tắt (?:là\s*)?:?\s*[\"“]?([A-ZĐ][A-ZĐa-zđ&\-]{1,11})[\"”]?\s*\)"
)


class _Folding(dict[int, str]):
    """A ``str.translate`` table that folds each character once, the first time it is seen: a text is
    then folded at C speed (folding is a large part of ingest time when done character by character)."""

    def __missing__(self, code: int) -> str:
        c = chr(code).replace("Đ", "D").replace("đ", "d")
        folded = "".join(x for x in unicodedata.normalize("NFD", c) if not unicodedata.combining(x)).lower()
        self[code] = folded
        return folded


_FOLDING = _Folding()


def fold(text: str) -> str:
    """Lower case without diacritics: "Sở Y tế" -> "so y te"."""
    return text.translate(_FOLDING)


def words(text: str) -> list[str]:
    """Folded words in order (stop words kept: phrases need them)."""
    return _WORD.findall(fold(text))


def terms(text: str) -> list[str]:
    """Distinct folded words worth indexing, in order of first appearance."""
    return list(dict.fromkeys(w for w in words(text) if w not in STOPWORDS))


@cache
def common_abbreviations() -> dict[str, str]:
    """Abbreviations everyone uses (folded abbreviation words -> expansion), from the vocabulary file."""
    from policykg.ingest import vocabulary

    return {" ".join(words(short)): long for short, long in vocabulary.data()["abbreviations"].items()}


def defined_abbreviations(text: str) -> dict[str, str]:
    """Abbreviations a document defines: the words before "(viết tắt là X)" whose initials spell X."""
    found: dict[str, str] = {}
    for m in _DEFINED.finditer(text):
        letters = "".join(words(m.group(1)))
        before = re.findall(r"[\wđĐ]+", text[max(0, m.start() - 200): m.start()])
        candidate = before[-len(letters):] if letters else []
        if len(candidate) == len(letters) and "".join(fold(w)[0] for w in candidate) == letters:
            found[letters] = " ".join(candidate)
    return found


@cache
def _spelled(long: str) -> str:
    """An expansion as ``expanded`` looks for it in a folded text: its folded words, padded."""
    return f" {' '.join(words(long))} "


def expanded(text: str, defined: dict[str, str] | None = None) -> str:
    """``text`` followed by the expansion of every abbreviation it contains (and the abbreviation
    of every defined expansion it spells out), so both forms are found."""
    folded = folded_text(text)
    extra = []
    for short, long in {**common_abbreviations(), **(defined or {})}.items():
        if f" {short} " in folded:
            extra.append(long)
        elif _spelled(long) in folded:
            extra.append(short)
    return " ".join([text, *extra])


def folded_text(text: str) -> str:
    """The form phrase matching reads: folded words between single spaces, padded."""
    return " " + " ".join(words(text)) + " "


# Labels cannot be parameters: one statement per indexed label, each using that label's uid index.
# A unit's edges are cleared, then created anew (its words are distinct: no MERGE needed).
LABELS = ("Task", "Document", "Agency")
_CLEAR = {label: f"""
UNWIND $uids AS uid
MATCH (x:{label} {{uid: uid}})-[h:HAS_TERM]->(:Term)
DELETE h
""" for label in LABELS}
# The words are merged once each, then each statement linking units finds them once (one index look-up
# per word, in $batch_words order) and a unit names its words by position in that list: a look-up per
# (unit, word) pair cost FalkorDB half of a first ingest's loading time (tens of thousands of pairs a batch).
_TERMS = "UNWIND $words AS word MERGE (:Term {uid: word})"
_LINK = {label: f"""
UNWIND range(0, size($batch_words) - 1) AS i
MATCH (w:Term {{uid: $batch_words[i]}})
WITH i, w ORDER BY i
WITH collect(w) AS ws
UNWIND $rows AS row
MATCH (x:{label} {{uid: row.uid}})
SET x.folded = row.folded, x.words = row.words
WITH ws, x, row
UNWIND row.terms AS i
WITH x, ws[i] AS w
CREATE (x)-[:HAS_TERM]->(w)
""" for label in LABELS}
_AGENCIES = "MATCH (a:Agency) RETURN 'Agency' AS label, a.uid AS uid, a.name + ' ' + coalesce(a.province, '') AS text"
_DF = "MATCH (w:Term)<-[h:HAS_TERM]-() RETURN w.uid AS word, count(h) AS df"
_UNUSED = "MATCH (w:Term) WHERE NOT (w)<-[:HAS_TERM]-() DELETE w"
_WEIGHTS = "UNWIND $rows AS row MATCH (w:Term {uid: row.word}) SET w.df = row.df, w.weight = row.weight"
_COUNT = ("MATCH (x:Task) RETURN count(x) AS n UNION ALL MATCH (x:Document) RETURN count(x) AS n "
          "UNION ALL MATCH (x:Agency) RETURN count(x) AS n")


def index_rows(units: list[dict[str, Any]], defined: dict[str, str]) -> list[dict[str, Any]]:
    """Index rows {label, uid, folded, terms, words} of ``units`` (rows of label, uid, text); ``defined``:
    the abbreviations their document defines."""
    rows = {}
    for unit in units:
        text = expanded(unit["text"] or "", defined)
        every = words(text)
        rows[(unit["label"], unit["uid"])] = {
            "label": unit["label"], "uid": unit["uid"], "folded": " " + " ".join(every) + " ",
            "terms": list(dict.fromkeys(w for w in every if w not in STOPWORDS)),
            "words": len(words(unit["text"] or ""))}
    return list(rows.values())


def link_statements(rows: list[dict[str, Any]], new: set[str] | frozenset[str] = frozenset()) -> list[
        tuple[str, dict[str, Any]]]:
    """Statements that replace the index entries of the units of ``rows`` (from ``index_rows``); units
    whose uid is in ``new`` were created in the same transaction and have no entries to clear."""
    statements: list[tuple[str, dict[str, Any]]] = [(_TERMS, {"words": sorted({w for r in rows for w in r["terms"]})})]
    for label in LABELS:
        batch = list({r["uid"]: r for r in rows if r["label"] == label}.values())
        if batch:
            words_ = sorted({w for r in batch for w in r["terms"]})
            position = {w: i for i, w in enumerate(words_)}
            linked = [{**r, "terms": [position[w] for w in r["terms"]]} for r in batch]
            statements += [(_CLEAR[label], {"uids": [r["uid"] for r in batch if r["uid"] not in new]}),
                           (_LINK[label], {"rows": linked, "batch_words": words_})]
    return statements


def finish(store: Store) -> None:
    """Index the agencies, drop unused words and recompute every word's weight (after a batch)."""
    store.write_many(link_statements(index_rows(store.read(_AGENCIES), {})) + [(_UNUSED, {})])
    total = sum(r["n"] for r in store.read(_COUNT))
    rows = [{"word": r["word"], "df": r["df"], "weight": weight(r["df"], total)} for r in store.read(_DF)]
    store.write(_WEIGHTS, {"rows": rows})


def weight(df: int, total: int) -> int:
    """1000 × inverse document frequency, an integer (both stores add integers exactly)."""
    return max(1, round(1000 * math.log((total + 1) / (df + 0.5))))


def query_words(text: str) -> tuple[list[str], list[str]]:
    """The words a search looks up (with abbreviations expanded) and its two-word phrases."""
    plain = words(text)
    phrases = [f" {a} {b} " for a, b in zip(plain, plain[1:])]
    return terms(expanded(text)), phrases


# How many postings the candidates of a search may come from (the rarest words first).
SEED_POSTINGS = 5000
_DFS = ("UNWIND $words AS word MATCH (w:Term {uid: word}) "
        "RETURN w.uid AS word, coalesce(w.df, 0) AS df, coalesce(w.weight, 0) AS weight")
SLOTS = 8  # words and phrases the search module takes as scalar parameters ($w0 … $w7, $p0 … $p7)


def search_params(store: Store, text: str, every: bool = False) -> dict[str, Any]:
    """The parameters of the search module for the words of ``text``: the words and their seeds, and
    the words (rarest first) and phrases in its slots, the rest in its lists. A word in no text has
    weight 0 and no postings."""
    terms, phrases = query_words(text)
    found = {r["word"]: r for r in store.read(_DFS, {"words": terms})}
    dfs = {w: r["df"] for w, r in found.items()}
    ranked = sorted(set(terms), key=lambda w: (-found[w]["weight"] if w in found else 0, w))
    weights = [found[w]["weight"] if w in found else 0 for w in ranked]
    params: dict[str, Any] = {"words": terms, "seeds": seeds(dfs, terms, every)}
    for i, (word, weight_) in enumerate(zip(ranked[:SLOTS], weights)):
        params[f"w{i}"], params[f"t{i}"] = f" {word} ", weight_
    for i, phrase in enumerate(phrases[:SLOTS]):
        params[f"p{i}"] = phrase
    if len(ranked) > SLOTS:
        params["more_words"] = [f" {w} " for w in ranked[SLOTS:]]
        params["more_weights"] = weights[SLOTS:]
    if len(phrases) > SLOTS:
        params["more_phrases"] = phrases[SLOTS:]
    params["most_words"] = sum(weights)
    params["most"] = sum(weights) + 1000 * len(phrases)
    return params


def seeds(dfs: dict[str, int], words_: list[str], every: bool = False) -> list[str]:
    """The query words whose postings give a search's candidates, from the words' postings counts (``dfs``,
    words in no text absent): with ``every`` (a text must hold every word) the rarest one, none when a word
    is in no text; else the rarest words while their postings add up to ``SEED_POSTINGS`` (at least one).
    A text holding only words more common than those is not among the candidates: the cost of a search
    follows how rare its words are, not the store's size."""
    dfs = {w: dfs[w] for w in dict.fromkeys(words_) if w in dfs}
    if every:
        return [] if len(dfs) < len(set(words_)) else [min(dfs, key=lambda w: (dfs[w], w))]
    chosen: list[str] = []
    total = 0
    for word in sorted(dfs, key=lambda w: (dfs[w], w)):
        if chosen and total + dfs[word] > SEED_POSTINGS:
            break
        chosen.append(word)
        total += dfs[word]
    return chosen


_FOLDED = {label: f"MATCH (x:{label}) WHERE x.folded IS NOT NULL "
                  f"RETURN '{label}' AS label, x.uid AS uid, x.folded AS folded, x.words AS words" for label in LABELS}


# A search filters tasks by the province written on them; an export of an earlier version has none.
_TASK_PROVINCES = ("MATCH (t:Task)-[:PART_OF]->(d:Document) WHERE t.province IS NULL AND d.province IS NOT NULL "
                   "SET t.province = d.province")


def reindex(store: Store) -> None:
    """Link every node that carries its folded text (an imported store) to its words, then weigh them.
    A unit's old links are cleared first (``link_statements``), so a second run leaves the same index."""
    rows = [{"label": r["label"], "uid": r["uid"], "folded": r["folded"], "terms": terms(r["folded"]),
             "words": r["words"]} for label in LABELS for r in store.read(_FOLDED[label])]
    if rows:
        store.write_many(link_statements(rows) + [(_TASK_PROVINCES, {})])
    finish(store)
