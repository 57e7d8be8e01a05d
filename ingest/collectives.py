"""Vague groups of bodies written as lists of nouns: "các sở, ban, ngành, đoàn thể cấp tỉnh",
"Ủy ban nhân dân các phường, xã", "các doanh nghiệp viễn thông, tổ chức, cá nhân có liên quan".

Each noun belongs to one collective of gold/SCHEMA.md (sở, ngành, cơ quan, đơn vị → "Các sở, ban,
ngành"; đoàn thể, hội → "Các tổ chức chính trị - xã hội"; doanh nghiệp, nhà đầu tư → "Các tổ chức,
doanh nghiệp" …); a list yields the collectives of its nouns, in order, once each. A list opens with
"các" (or a level's head, "Ủy ban nhân dân", "Công an"); the nouns, their separators and the
qualifiers that may close the list ("có liên quan", "cấp tỉnh", "trên địa bàn") are data in
``data/agencies.yaml`` (``collective_words``, ``collective_heads``, ``collective_tails``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Word:
    name: str  # the collective's name in a provincial document
    central: str  # … and in a central one


@dataclass(frozen=True)
class Head:
    nouns: dict[str, Word]  # lower-case noun -> its level ("xã" -> Ủy ban nhân dân cấp xã)
    single: bool  # one noun without "các" is the group ("Công an phường"); else "UBND tỉnh" is one body


@dataclass(frozen=True)
class Grammar:
    words: dict[str, Word]  # lower-case noun -> its collective
    heads: dict[str, Head]  # lower-case head ("ủy ban nhân dân") -> the nouns it takes
    noun: re.Pattern[str]
    head: re.Pattern[str]
    tail: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def grammar() -> Grammar:
    from policykg.ingest import vocabulary

    data = vocabulary.agency_data()
    words: dict[str, Word] = {}
    for entry in data["collective_words"]:
        for noun in entry["words"]:
            words[noun.lower()] = Word(entry["name"], entry.get("central", entry["name"]))
    heads: dict[str, Head] = {}
    for entry in data["collective_heads"]:
        nouns = {n.lower(): Word(level["name"], level.get("central", level["name"]))
                 for level in entry["levels"] for n in level["words"]}
        for head in entry["heads"]:
            heads[head.lower()] = Head(nouns, bool(entry.get("single")))
    all_nouns = [*words, *(n for h in heads.values() for n in h.nouns)]
    return Grammar(
        words, heads,
        re.compile(rf"(?:{_alternation(all_nouns)})(?!\w)", re.IGNORECASE),
        re.compile(rf"(?P<head>{_alternation(list(heads))})\s+(?P<plural>(?:các\s+|cấp\s+)+)?", re.IGNORECASE),
        re.compile(rf"\s*(?:{_alternation(data['collective_tails'])})(?!\w)", re.IGNORECASE),
    )


def announces_members(text: str) -> bool:
    """``text`` ends announcing the named members of a group ("… lãnh đạo các sở:", "… Ủy ban nhân dân
    các xã:"): the names follow ("Xây dựng, Tài chính", "Đông Sơn, Bình Chương")."""
    m = re.search(r"\bcác\s+(?P<nouns>[\wà-ỹđ ,]+?)\s*:$", text.strip(), re.IGNORECASE)
    return m is not None and all(grammar().noun.fullmatch(n.strip()) for n in re.split(r",|\bvà\b", m["nouns"]))


_OPENER = re.compile(r"(?:các|những|toàn thể)\s+", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*(?:,|;|\bvà\b|\bhoặc\b|/)\s*(?:các\s+)?|\s+", re.IGNORECASE)
# Words describing a noun ("doanh nghiệp viễn thông", "cơ sở nuôi trồng thủy sản"): lower-case words
# up to the next separator, at most a few, never an action ("chủ trì", "thực hiện").
_MODIFIER = re.compile(
    r"(?:\s+(?!(?:chủ trì|phối hợp|thực hiện|theo dõi|có trách nhiệm|tham mưu|triển khai|tổ chức|xây dựng|"
    r"chủ động|rà soát|tăng cường|đẩy mạnh|căn cứ|trong|theo|để|và|có|của|tại|trên|với|về|được|cần|phải)\b)"
    r"[a-zà-ỹđ][\wà-ỹđ-]*){1,4}(?=\s*(?:,|;|\bvà\b|$|\s+(?:có\s+)?liên quan))"
)


def at(text: str, pos: int, central: bool = False) -> tuple[list[tuple[str, int, int]], int] | None:
    """The collectives a list starting at ``pos`` names, as (name, start, end), and where it ends;
    None when no list of group nouns starts there."""
    g = grammar()
    head = g.head.match(text, pos)
    if head:
        rule = g.heads[" ".join(head["head"].lower().split())]
        nouns, start = rule.nouns, head.end()
    else:
        opened = _opened(text, pos)
        if opened is None:
            return None
        nouns, start = g.words, opened
    found, end, count = _nouns(text, start, nouns, central, pos)
    if not found or (head and not head["plural"] and count < 2 and not rule.single):
        return None  # "Ủy ban nhân dân tỉnh" is one body, not a group
    if tail := g.tail.match(text, end):
        end = tail.end()
    return found, end


def _nouns(text: str, cursor: int, nouns: dict[str, Word], central: bool,
           pos: int) -> tuple[list[tuple[str, int, int]], int, int]:
    """The group nouns listed from ``cursor``: their collectives, where the list ends, how many nouns."""
    found: list[tuple[str, int, int]] = []
    end, count = cursor, 0
    while cursor < len(text):
        m = grammar().noun.match(text, cursor)
        word = nouns.get(" ".join(m.group(0).lower().split())) if m else None
        if m is None or word is None:
            break
        count += 1
        end = m.end()
        if mod := _MODIFIER.match(text, end):
            end = mod.end()
        name = word.central if central else word.name
        if name and name not in (f[0] for f in found):
            found.append((name, pos if not found else cursor, end))
        sep = _SEPARATOR.match(text, end)
        cursor = sep.end() if sep else end
    return found, end, count


def _opened(text: str, pos: int) -> int | None:
    m = _OPENER.match(text, pos)
    return m.end() if m else None
