"""Names as people type them: agencies, provinces, document symbols and tasks.

Matching is on folded words (no diacritics, any case: ``graph.search_index.fold``), after writing out
abbreviations the agency file lists ("So KH&CN" = "Sở Khoa học và Công nghệ"), without "tỉnh" /
"thành phố" before a province, and with a symbol in either order ("36/NQ-TW" = "36-NQ/TW"). Nothing is
guessed: no match raises ``NotFound`` with the closest names ("did you mean …"), several raise
``Ambiguous`` with the candidates and how to choose.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

from policykg.graph.search_index import fold, words
from policykg.graph.stores import Store
from policykg.ingest import agencies as lexicon
from policykg.queries.runner import run


class InputError(LookupError):
    """A name, symbol or task the store cannot answer for; the message says why and what to try."""


class NotFound(InputError):
    pass


class Ambiguous(InputError):
    pass


class EmptyStore(InputError):
    pass


@lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    return " ".join(words(text))


# Lookups of names only (the query modules count tasks too, which a name does not need).
_STORED_PROVINCES = ("MATCH (d:Document) WHERE d.stub = false AND d.province IS NOT NULL "
                     "RETURN DISTINCT d.province AS province ORDER BY province")
_AGENCY_NAMES = ("MATCH (a:Agency) RETURN a.name AS name, a.province AS province, a.uid AS uid "
                 "ORDER BY coalesce(province, ''), uid")
# The same for some provinces only: a national store holds over a thousand agencies, and reading and
# folding every name cost a command tens of milliseconds when a province already narrows the choice.
_AGENCY_NAMES_IN = ("MATCH (a:Agency) WHERE a.province IN $provinces "
                    "RETURN a.name AS name, a.province AS province, a.uid AS uid ORDER BY province, uid")


def _suggest(wanted: str, choices: dict[str, str], n: int = 5) -> str:
    """ ' (did you mean: A, B?)' from folded keys -> display names, or '' when nothing is close."""
    close = difflib.get_close_matches(wanted, list(choices), n=n, cutoff=0.5)
    if not close:
        close = [k for k in choices if wanted and (wanted in k or k in wanted)][:n]
    return f" (did you mean: {', '.join(dict.fromkeys(choices[c] for c in close))}?)" if close else ""


def require_data(store: Store) -> None:
    if not store.read("MATCH (d:Document) RETURN d.uid AS uid LIMIT 1"):
        raise EmptyStore("the store is empty: load documents with `policykg ingest FILE_OR_FOLDER...` "
                         "(or see the tour with `policykg demo`)")


# Provinces -------------------------------------------------------------------------------------------

_PROVINCE_PREFIX = re.compile(r"^(?:tinh|thanh pho|tp)\s+")


def province_key(text: str) -> str:
    return _PROVINCE_PREFIX.sub("", key(text))


@cache
def _known_provinces() -> tuple[str, ...]:
    from policykg.graph.succession import province_of_2025  # its facts module: not needed at import

    listed = [p.removeprefix("Thành phố ") for p in lexicon.lexicon().provinces]
    return tuple(dict.fromkeys([*listed, *province_of_2025()]))


def province(store: Store, text: str | None) -> list[str] | None:
    """The province names documents and agencies store for what the user typed (None: no filter)."""
    if text is None:
        return None
    stored = [r["province"] for r in store.read(_STORED_PROVINCES)]
    choices = {province_key(p): p for p in [*_known_provinces(), *stored]}
    wanted = province_key(text)
    if wanted in choices:
        return [choices[wanted]]
    raise NotFound(f"'{text}' is not a province{_suggest(wanted, choices)}")


# Agencies --------------------------------------------------------------------------------------------

@cache
def _variants() -> dict[str, str]:
    """Folded spellings and abbreviations of the agency file -> official name."""
    return {key(variant): name for _, name, _, variant in lexicon.lexicon().variants}


def _split_province(wanted: str) -> tuple[str, str | None]:
    """'so y te tinh lao cai' -> ('so y te', 'Lào Cai')."""
    for name in _known_provinces():
        pk = province_key(name)
        for tail in (f" tinh {pk}", f" thanh pho {pk}", f" tp {pk}", f" {pk}"):
            if wanted.endswith(tail) and len(wanted) > len(tail):
                return wanted[: -len(tail)], name
    return wanted, None


def _agency_key(text: str) -> str:
    wanted = key(text)
    if wanted in _variants():
        return key(_variants()[wanted])
    return key(lexicon.canonical(text))


def agency(store: Store, text: str, provinces: list[str] | None = None) -> list[str]:
    """Uids of the stored agencies named ``text`` (in ``provinces`` when given)."""
    wanted = _agency_key(text)
    if provinces is not None:  # the likely answer first; every agency only for the message of a miss
        found = [r["uid"] for r in store.read(_AGENCY_NAMES_IN, {"provinces": provinces}) if key(r["name"]) == wanted]
        if found:
            return found
    rows = store.read(_AGENCY_NAMES)
    if not any(key(r["name"]) == wanted for r in rows) and provinces is None:
        stem, named = _split_province(wanted)
        if named:
            wanted, provinces = _agency_key(stem), [named]
    found = [r["uid"] for r in rows if key(r["name"]) == wanted
             and (provinces is None or r["province"] in provinces)]
    if found:
        return found
    where = f" in {', '.join(provinces)}" if provinces else ""
    pool = [r for r in rows if provinces is None or r["province"] in provinces] or rows
    choices = {key(r["name"]): _display(r) for r in pool}
    elsewhere = sorted({_display(r) for r in rows if key(r["name"]) == wanted})
    hint = f" (it is known in: {', '.join(elsewhere)})" if elsewhere else _suggest(wanted, choices)
    raise NotFound(f"no agency '{text}'{where}{hint}")


def _display(row: dict[str, Any]) -> str:
    return f"{row['name']} ({row['province']})" if row.get("province") else row["name"]


# Documents -------------------------------------------------------------------------------------------

def symbol_keys(text: str) -> list[str]:
    """Keys of a symbol in both orders: '36/NQ-TW' -> ['36/NQ-TW', '36-NQ/TW']."""
    from policykg.ingest.identity import symbol_key

    k = symbol_key(text)
    out = [k]
    if m := re.fullmatch(r"(\d+(?:\.\d+)?)/([^/-]+)-([^/]+)", k):
        out.append(f"{m.group(1)}-{m.group(2)}/{m.group(3)}")
    if m := re.fullmatch(r"(\d+(?:\.\d+)?)-([^/]+)/([^/-]+)", k):
        out.append(f"{m.group(1)}/{m.group(2)}-{m.group(3)}")
    return out


def document(store: Store, symbol: str, year: str | int | None = None,
             provinces: list[str] | None = None) -> list[str]:
    """Uids of the one document a symbol names (with --year / --province to choose among several)."""
    require_data(store)
    rows = run(store, "documents", keys=symbol_keys(symbol), stored_only=False)
    if not rows:
        rows = _folded_symbol(store, symbol)
    if not rows:
        choices = {fold(r["key"]): r["symbol"] for r in run(store, "documents", stored_only=False) if r["key"]}
        wanted = fold(symbol_keys(symbol)[0])
        raise NotFound(f"{symbol}: no such document is stored or cited{_suggest(wanted, choices)}")
    chosen = [r for r in rows if (year is None or r["year"] == str(year))
              and (provinces is None or r["province"] in provinces)]
    groups = _groups(chosen)
    if len(groups) == 1:
        return sorted(r["uid"] for r in next(iter(groups.values())))
    if not groups:
        raise NotFound(f"{symbol}: none of its documents matches the year or province given" + _listing(rows))
    raise Ambiguous(f"{symbol} names documents of several provinces or years: choose with --province or --year"
                    + _listing(chosen))


def _folded_symbol(store: Store, symbol: str) -> list[dict[str, Any]]:
    wanted = {fold(k) for k in symbol_keys(symbol)}
    return [r for r in run(store, "documents", stored_only=False) if r["key"] and fold(r["key"]) in wanted]


def _groups(rows: Iterable[dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Documents by (scope, year); a citation of unknown year joins the one dated document of its scope."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    rows = list(rows)
    for row in rows:
        groups.setdefault((row["scope"], row["year"] or "?"), []).append(row)
    for scope, year in list(groups):
        dated = [g for g in groups if g[0] == scope and g[1] != "?"]
        if year == "?" and len(dated) == 1:
            groups[dated[0]] += groups.pop((scope, year))
    return groups


def _listing(rows: list[dict[str, Any]]) -> str:
    return "".join(f"\n  {r['uid']}  {r['province'] or 'central'}  {r['year'] or '?'}  {r['stored']}" for r in rows)


# Tasks -----------------------------------------------------------------------------------------------

def task(store: Store, text: str, provinces: list[str] | None = None) -> str:
    """The uid of the one task ``text`` names: a uid, or words of its text that only one task has."""
    require_data(store)
    if "#" in text:
        return text
    from policykg.graph.search_index import query_words, search_params

    plain = words(text)
    if not plain:
        raise NotFound("give a task uid or some words of its text")
    terms, _ = query_words(text)

    def found(every: bool) -> list[dict[str, Any]]:
        return run(store, "search", **search_params(store, text, every), label="Task", provinces=provinces,
                   limit=200)

    rows = found(every=True)  # tasks holding every word, from the postings of the rarest
    wanted = " " + " ".join(plain) + " "
    whole = [r for r in rows if wanted in " " + key(r["text"] or "") + " "]
    full = whole or [r for r in rows if r["hits"] >= len(set(terms))]
    if len(full) == 1:
        return str(full[0]["uid"])
    if not full:
        near = "".join(f"\n  {r['uid']}  {_short(r['text'])}" for r in found(every=False)[:5])
        raise NotFound(f"no task matches '{text}'" + (f"; closest:{near}" if near else ""))
    listing = "".join(f"\n  {r['uid']}  {_short(r['text'])}" for r in full[:15])
    more = f"\n  … and {len(full) - 15} more" if len(full) > 15 else ""
    raise Ambiguous(f"'{text}' matches {len(full)} tasks: give a uid, more words or --province{listing}{more}")


def _short(text: str | None, n: int = 70) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"
