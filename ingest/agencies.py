"""Agency names: the shipped lexicon, list splitting and canonical spelling.

A mention such as "Sở KH&CN tỉnh Lào Cai; Uỷ ban nhân dân cấp xã, phường" becomes
[("Sở Khoa học và Công nghệ", specific), ("Ủy ban nhân dân cấp xã", collective)].
Bodies missing from the lexicon are still found from name patterns ("Sở …",
"Ban …", "Trung tâm …") and flagged ``listed=False``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from policykg.ingest import collectives, vocabulary
from policykg.ingest.text import collapse, new_style_tones


@dataclass(frozen=True)
class Agency:
    """One body named in a text, with where its mention sits in the scanned string."""

    name: str
    kind: str  # "specific" or "collective"
    listed: bool
    start: int
    end: int


@dataclass(frozen=True)
class Lexicon:
    variants: tuple[tuple[str, str, str, str], ...]  # (lower-case key, name, kind, as written), longest first
    central_names: dict[tuple[str, str], str]  # (key, name) -> the name this wording has in a central document
    provinces: tuple[str, ...]
    codes: dict[str, str]  # issuing-body part of a document symbol -> official name


def _key(text: str) -> str:
    return collapse(new_style_tones(text)).lower()


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load the shipped agency and province lists once."""
    data = vocabulary.agency_data()
    rows: list[tuple[str, str, str, str]] = []
    central_names: dict[tuple[str, str], str] = {}
    for section, kind in (("specific", "specific"), ("central", "specific"), ("collective", "collective")):
        for entry in data.get(section, []):
            name = entry["name"]
            for variant in [name, *entry.get("variants", [])]:
                rows.append((_key(variant), name, kind, variant))
                if entry.get("central"):
                    central_names[(_key(variant), name)] = entry["central"]
    rows.sort(key=lambda r: -len(r[0]))
    text = resources.files("policykg.ingest.data").joinpath("provinces.txt").read_text("utf-8")
    provinces = tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )
    codes = {code.upper(): name for code, name in data.get("codes", {}).items()}
    return Lexicon(tuple(rows), central_names, tuple(sorted(provinces, key=len, reverse=True)), codes)


# A body that is not in the lexicon: a head word and capitalised name words.
# A name ends before a list separator, before "và" opening another body ("Sở Y tế và Sở Tài chính", "… và
# các đơn vị"; "Cục Trồng trọt và Bảo vệ thực vật", "Ban Quản lý Khu công nghệ cao và các khu công nghiệp"
# are one name), or before an action the body takes ("… chủ trì", "… xây dựng kế hoạch"; a name may end
# with such a word: "Ban Quản lý dự án đầu tư xây dựng:"). A name longer than eight words after its head
# must end at punctuation or the end and take no action word: a long run of words is a sentence, no name.
_NAME_WORD = r"(?:\s+(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\w&-]*|và|-|\w+))"
_HARD_END = r"(?=\s*(?:[,;.():]|$))"


@lru_cache(maxsize=1)
def _generic() -> re.Pattern[str]:
    """The pattern of a body missing from the lexicon, built when first needed: it costs tens of
    milliseconds, which a query command (that only looks names up) should not pay at import."""
    heads = "|".join(vocabulary.agency_data()["name_heads"])
    plain_word = (r"(?:\s+(?!(?:" + "|".join(p for p in vocabulary.data()["action_verbs"]).replace(r"|xây\s+dựng", "")
                  + r"))(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\w&-]*|và|-|\w+))")
    return re.compile(
        rf"(?!Báo cáo|báo cáo|Ban hành|ban hành|Bộ phận|bộ phận)(?:{heads})(?:"
        rf"{_NAME_WORD}{{1,8}}?(?=\s*(?:[,;.():]|\s+và\s+(?:(?:{heads})\b|[Cc]ác\s+(?:{collectives.grammar().noun.pattern})|UBND\b)"
        r"|\s+(?:chủ trì|phối hợp|theo dõi|có trách nhiệm|thực hiện|tham mưu|hướng dẫn|lãnh đạo|chỉ đạo|"
        r"triển khai|tổ chức|rà soát|nghiên cứu|đề xuất|kiểm tra|đôn đốc|chủ động|bố trí)\b"
        rf"|\s+xây dựng\b(?!\s*(?:[,;.:]|$))|$))|{plain_word}{{9,14}}?{_HARD_END})"
    )


_SEPARATOR = re.compile(r"(?:\s*(?:[,;]|\bvà\b|\bvới\b|\bcùng\b|\+|/)\s*|\s+)")
# An official's title before the body they head stands for the body ("Giám đốc Sở Y tế", "Chủ tịch
# Ủy ban nhân dân các xã", "Bộ trưởng Bộ Xây dựng"): skipped like a separator in lists.
_TITLE_WORDS = re.compile(
    r"(?:Tổng Giám đốc|Giám đốc|Thủ trưởng|Chủ tịch|Bộ trưởng|Trưởng ban|Chánh Văn phòng|Người đứng đầu|Lãnh đạo)"
    r"(?:\s*,\s*(?=(?:Tổng Giám đốc|Giám đốc|Thủ trưởng|Chủ tịch|Bộ trưởng|Trưởng ban|Người đứng đầu)\b)|\s+)"
    r"(?=[A-ZĐÀ-Ỹ]|các\b|cơ quan\b)"
)  # also a list of titles before the bodies they head ("Giám đốc, Thủ trưởng các sở, ban ngành")
# "Bộ trưởng các Bộ: Quốc phòng, Công an, …" names the ministries one by one.
_MINISTRY_LIST = re.compile(r"(?:Bộ trưởng\s+)?các Bộ\s*:\s*", re.IGNORECASE)
_PROVINCE_SUFFIX_WORDS = ("tỉnh ", "thành phố ", "")


_WINDOW = 160  # longer than any name: matching looks at this much text, never the whole string


def _strip_province(text: str, pos: int) -> int:
    """Skip a province qualifier ("tỉnh Lào Cai", " Lào Cai") right after a name."""
    lower = text[pos: pos + _WINDOW].lower()  # offsets below are relative to pos
    for word in _PROVINCE_SUFFIX_WORDS:
        at = len(lower) - len(lower.lstrip(" "))
        if word and not lower.startswith(word, at):
            continue
        at += len(word)
        if m := _provinces_pattern().match(lower, at):
            return pos + at + len(m.group(0))
    return pos


@lru_cache(maxsize=1)
def _provinces_pattern() -> re.Pattern[str]:
    """The lexicon's provinces (lower case) in its order: the first that the text starts with wins."""
    return re.compile("|".join(re.escape(p.lower()) for p in lexicon().provinces))


# The first word of a name: letters, digits and "&" ("Sở", "KH&CN"); a name's mention must end where a
# word does, so a variant can only start the text if its first word is the text's first word.
_FIRST_WORD = re.compile(r"(?:[^\W_]|&)*")


@lru_cache(maxsize=1)
def _by_first_word() -> dict[str, tuple[tuple[str, str, str, str], ...]]:
    """The lexicon's variants grouped by first word (each group still longest first)."""
    groups: dict[str, list[tuple[str, str, str, str]]] = {}
    for row in lexicon().variants:
        groups.setdefault(_FIRST_WORD.match(row[0]).group(0), []).append(row)  # type: ignore[union-attr]
    return {word: tuple(rows) for word, rows in groups.items()}


# Whether the document being read is a central one (a ministry, the Government, the Party centre):
# there "địa phương" are the provinces and a named province acting is its People's Committee.
CENTRAL_SCOPE: ContextVar[bool] = ContextVar("central_scope", default=False)


@contextmanager
def central_scope(central: bool) -> Iterator[None]:
    token = CENTRAL_SCOPE.set(central)
    try:
        yield
    finally:
        CENTRAL_SCOPE.reset(token)


_PROVINCE_ACTOR = re.compile(r"(?:(?:Ủy ban nhân dân|UBND)\s+)?(?:các\s+)?(?:tỉnh|[Tt]hành phố)\s+", re.IGNORECASE)



def _province_actor(text: str, pos: int) -> Agency | None:
    """In a central document, a province named as an actor: its People's Committee
    ("các tỉnh Nghệ An, Quảng Ngãi", "Thành phố Hà Nội", "Ủy ban nhân dân tỉnh Hưng Yên")."""
    from policykg.ingest.identity import people_committee

    m = _PROVINCE_ACTOR.match(text, pos, pos + _WINDOW)
    at = m.end() if m else pos
    lower = text[at: at + _WINDOW].lower()
    for province in lexicon().provinces:
        name = province[len("Thành phố "):] if province.startswith("Thành phố ") else province
        for written in dict.fromkeys((province, name)):  # "Thành phố Hồ Chí Minh", or "Hồ Chí Minh"
            end = at + len(written)
            if lower.startswith(written.lower()) and not (end < len(text) and text[end].isalnum()):
                return Agency(people_committee(name), "specific", True, pos, end)
    return None


def match_at(text: str, pos: int) -> Agency | None:
    """The agency whose mention starts exactly at ``pos`` of a normalised string, if any."""
    central = CENTRAL_SCOPE.get()
    if central and (actor := _province_actor(text, pos)):
        return actor
    lower = text[pos: pos + _WINDOW].lower()  # offsets below are relative to pos
    for variant, name, kind, _ in _by_first_word().get(_FIRST_WORD.match(lower).group(0), ()):  # type: ignore[union-attr]
        if lower.startswith(variant):
            end = pos + len(variant)
            if end < len(text) and (text[end].isalnum() or text[end] == "&"):
                continue
            if kind == "specific":
                end = _strip_province(text, end)
            if central:
                name = lexicon().central_names.get((variant, name), name)
            return Agency(name, kind, True, pos, end)
    window = text[max(0, pos - 1): pos + _WINDOW]  # one character before: the pattern's look-behinds
    generic = _generic().match(window, 1 if pos else 0)
    if generic and (pos == 0 or not text[pos - 1].isalnum()):
        raw = generic.group(0)
        name = _capitalise(raw.strip())
        end = _strip_province(text, pos + len(raw))
        return Agency(name, "specific", False, pos, end)
    return None


def _capitalise(name: str) -> str:
    return name[0].upper() + name[1:] if name else name


def normalise(text: str) -> str:
    """The string the matchers scan: collapsed whitespace, new-style tones, no trailing dot, common
    abbreviations written out ("Bộ CHQS tỉnh", "Sở TN&MT"), and a list of ministries by their short
    names written out ("các Bộ: Quốc phòng, Công an" ->
    "Bộ Quốc phòng, Bộ Công an")."""
    return _normalised(text, CENTRAL_SCOPE.get())


@lru_cache(maxsize=8192)  # a heading or cell is normalised by several readers; the scope changes the answer
def _normalised(text: str, central: bool) -> str:
    return _expand_ministries(expand_abbreviations(collapse(new_style_tones(text))).rstrip(" .;,"))


def _expand_ministries(text: str) -> str:
    m = _MINISTRY_LIST.search(text)
    if m is None:
        return text
    names: list[str] = []
    pos = m.end()
    while pos < len(text):
        sep = _SEPARATOR.match(text, pos)
        if sep and sep.end() > pos:
            pos = sep.end()
            continue
        found = match_at("Bộ " + text[pos:], 0)
        if found is None or not found.listed or not found.name.startswith("Bộ "):
            break
        names.append(found.name)
        pos = end = pos + found.end - 3
    if not names:
        return text
    return text[: m.start()] + ", ".join(names) + text[end:]


def bodies_at(text: str, pos: int) -> tuple[list[Agency], int] | None:
    """The bodies a mention starting at ``pos`` names and where it ends: one listed or patterned body,
    or the collectives of a list of group nouns ("các sở, ban, ngành, đoàn thể"), the longer wins."""
    one = match_at(text, pos)
    group = collectives.at(text, pos, CENTRAL_SCOPE.get())
    if group and (one is None or group[1] > one.end):
        names, end = group
        # the spans tile the whole list, so that the list reads as bodies only
        starts = [pos, *(a for _, a, _ in names[1:])]
        ends = [*starts[1:], end]
        return [Agency(n, "collective", True, a, b) for (n, _, _), a, b in zip(names, starts, ends)], end
    return ([one], one.end) if one else None


def parse_list(text: str, dedupe: bool = True) -> list[Agency]:
    """Split a cell or phrase listing bodies into agencies, in order (without repeats by default).

    Words that are neither a body nor a list separator end nothing: they are skipped,
    so "Các sở, ngành; địa phương; Các tổ chức" still yields every body in it.
    """
    return list(_parsed(normalise(text), dedupe, CENTRAL_SCOPE.get()))


@lru_cache(maxsize=8192)  # cells and headings are parsed by several readers (the scope changes the answer)
def _parsed(text: str, dedupe: bool, central: bool) -> tuple[Agency, ...]:
    found: list[Agency] = []
    pos = 0
    while pos < len(text):
        sep = _SEPARATOR.match(text, pos) or _TITLE_WORDS.match(text, pos)
        if sep and sep.end() > pos:
            pos = sep.end()
            continue
        named = bodies_at(text, pos)
        if named:
            bodies, end = named
            found.extend(a for a in bodies if not dedupe or a.name not in {f.name for f in found})
            pos = max(end, pos + 1)
            continue
        nxt = _WORD_RUN.match(text, pos)
        pos = nxt.end() if nxt else pos + 1
    return tuple(found)


_WORD_RUN = re.compile(r"\S+")


def leading_list(text: str) -> tuple[list[Agency], int]:
    """Agencies listed at the very start of ``text`` (until the first non-agency word).

    Returns the agencies and the offset where the list ends. Used after "phối hợp với".
    """
    found, end = _leading(normalise(text), CENTRAL_SCOPE.get())
    return list(found), end


@lru_cache(maxsize=8192)  # the same lead-ins are read by several rules (the scope changes the answer)
def _leading(text: str, central: bool) -> tuple[tuple[Agency, ...], int]:
    found: list[Agency] = []
    pos = 0
    end = 0
    while pos < len(text):
        sep = _SEPARATOR.match(text, pos) or _TITLE_WORDS.match(text, pos)
        if sep and sep.end() > pos:
            pos = sep.end()
            continue
        named = bodies_at(text, pos)
        if not named:
            break
        bodies, pos = named
        found.extend(a for a in bodies if a.name not in {f.name for f in found})
        end = pos
    return tuple(found), end


def is_listed(name: str) -> bool:
    """True for an official name of the shipped lexicon (False: found by a name pattern only)."""
    return name in _official_names()


@lru_cache(maxsize=1)
def _official_names() -> frozenset[str]:
    return frozenset(name for _, name, _, _ in lexicon().variants)


_TITLE = re.compile(r"^(?:Giám đốc|Chủ tịch|Thủ trưởng|Bộ trưởng|Trưởng ban|Chánh Văn phòng)\s+", re.IGNORECASE)


def official(text: str) -> str | None:
    """The official spelling of one listed body named by all of ``text``, its province kept.

    "BAN THƯỜNG VỤ TỈNH ỦY HƯNG YÊN" -> "Ban Thường vụ Tỉnh ủy Hưng Yên", "UBND tỉnh" ->
    "Ủy ban nhân dân tỉnh", "Giám đốc Sở KH&CN" -> "Sở Khoa học và Công nghệ"; None when the
    text is not exactly one listed body.
    """
    text = _TITLE.sub("", normalise(text))
    found = match_at(text, 0)
    if found is None or not found.listed or found.end < len(text):
        return None
    lower = text.lower()
    for province in lexicon().provinces:
        if lower.endswith(" " + province.lower()):
            level = next((w for w in ("tỉnh ", "thành phố ") if lower.endswith(" " + w + province.lower())), "")
            if found.name.lower().endswith(" " + level.strip()) and level:
                level = ""
            return f"{found.name} {level}{province}"
    return found.name


def by_code(symbol: str) -> str | None:
    """The issuer a document symbol's body code names ("340/NQ-HĐND" -> Hội đồng nhân dân tỉnh)."""
    parts = re.split(r"[/-]", re.sub(r"\s+", "", symbol))
    for part in reversed(parts[1:]):
        name = lexicon().codes.get(re.sub(r"\d+$", "", part).upper())
        if name:
            return name
    return None


def canonical(name: str) -> str:
    """The lexicon spelling of one body's name (user input to ``owns``), else the name tidied."""
    agencies = parse_list(name)
    if len(agencies) == 1:
        return agencies[0].name
    return normalise(name)


def looks_like_agency_text(text: str) -> bool:
    """True when a text fragment is made of agency names and separators only."""
    return _agency_text(text, CENTRAL_SCOPE.get())


@lru_cache(maxsize=8192)  # several rules ask it of the same fragment (the scope changes the answer)
def _agency_text(text: str, central: bool) -> bool:
    text = re.sub(r"\(\s*(?:chủ trì|phối hợp|theo dõi)\s*\)", "", normalise(text), flags=re.IGNORECASE)
    text = re.sub(r"\s*\b(?:và|các|với|sở)\s*$", "", text, flags=re.IGNORECASE)
    if not text:
        return False
    found = parse_list(text, dedupe=False)
    letters = len(re.sub(r"[\s,;.]|\bvà\b", "", text))
    agencies_letters = sum(len(re.sub(r"[\s,;.]|\bvà\b", "", text[a.start:a.end])) for a in found)
    return bool(found) and agencies_letters >= 0.85 * letters


def expand_abbreviations(text: str) -> str:
    """Common abbreviations written out ("Ủy ban KH,CN&MT" -> "Ủy ban Khoa học, Công nghệ và Môi trường")."""
    pattern, table = _abbreviations()
    return pattern.sub(lambda m: table[m.group(0)], text) if pattern.search(text) else text


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[re.Pattern[str], dict[str, str]]:
    from policykg.ingest import vocabulary

    table: dict[str, str] = vocabulary.data()["abbreviations"]
    shorts = "|".join(re.escape(s) for s in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![\w&,])(?:{shorts})(?![\w&])"), table


def heading_body(heading: str) -> Agency | None:
    """A short heading that is a body's name ("Tổ đảng ở Thường trực Ủy ban KH,CN&MT", "Lãnh đạo Ban
    Dân nguyện"): the body, named as printed (abbreviations written out, an official's title dropped),
    when no listed body names it."""
    from policykg.ingest import vocabulary

    text = normalise(heading).rstrip(" :")
    text = _TITLE_WORDS.sub("", text, count=1) if _TITLE_WORDS.match(text) else text
    words = text.split()
    if not 2 <= len(words) <= 16 or text.endswith((".", ";")) or not text[:1].isupper():
        return None
    if not text.startswith(tuple(h + " " for h in vocabulary.words("body_heads"))):
        return None
    action = _HEADING_ACTION.search(text)  # "Đảng ủy Ủy ban nhân dân tỉnh lãnh đạo, chỉ đạo …": the name before it
    if action:
        text = text[: action.start()]
        if len(text.split()) < 2:
            return None
    name = expand_abbreviations(text)
    return Agency(name, "specific", False, 0, len(text))


_HEADING_ACTION = re.compile(r"\s+(?:lãnh đạo|chỉ đạo|chủ trì|phối hợp|thực hiện|có trách nhiệm|chịu trách nhiệm|"
                             r"tham mưu|triển khai|hướng dẫn)\b")


# Between two bodies of a table cell: a comma, a semicolon, or "và" before a capital ("Sở A và Ban B").
_CELL_SEPARATOR = re.compile(r"[,;]|\s+và\s+(?=[A-ZĐ])")
_ROLE_MARK = re.compile(r"\s*\(\s*(?:chủ trì|phối hợp|theo dõi)\s*\)", re.IGNORECASE)
_MAX_NAME_WORDS = 16


def cell_bodies(text: str) -> list[Agency]:
    """Every body a table's agency cell names, in order: the lexicon's bodies and name patterns, and
    each other stretch between separators (",", ";", "và" before a capital) that starts with a body's
    head word (``body_heads`` of the vocabulary file), named as printed with common abbreviations
    written out ("Ban Quản lý các khu công nghệ cao và khu công nghiệp", listed=False). Offsets are
    in ``normalise(text)``; "(chủ trì)" marks stay outside the names."""
    from policykg.ingest import vocabulary

    flat = normalise(text)
    found = _parse_in_chunks(flat)
    spans = sorted((a.start, a.end) for a in found)
    heads = tuple(h + " " for h in vocabulary.words("body_heads"))
    out = list(found)
    covered_upto = 0  # index into spans: every span before it ends before the current segment
    pos = 0
    by_start = {a.start: a for a in found}
    replaced: set[int] = set()  # starts of name patterns replaced by their whole stretch
    for sep in [*_CELL_SEPARATOR.finditer(flat), None]:
        end = sep.start() if sep else len(flat)
        while covered_upto < len(spans) and spans[covered_upto][1] <= pos:
            covered_upto += 1
        inside = [s for s in spans[covered_upto: covered_upto + 2] if s[0] < end]
        segment = flat[pos:end]
        mark = _ROLE_MARK.search(segment)
        name = (segment[: mark.start()] if mark else segment).strip()
        start = pos + segment.index(name) if name else pos
        # a name pattern that stopped short of the stretch ("Ban Quản lý dự án đầu tư" of "… đầu tư xây
        # dựng tỉnh") is the whole stretch
        short = len(inside) == 1 and inside[0][0] == start and not by_start[start].listed \
            and inside[0][1] < start + len(name)
        if (not inside or short) and _named_body(name, heads) and len(name.split()) <= _MAX_NAME_WORDS:
            if short:
                replaced.add(start)
            out.append(Agency(expand_abbreviations(name), "specific", False, start, start + len(name)))
        pos = sep.end() if sep else end
    out = [a for a in out if a.listed or (a.start not in replaced or a.end > by_start[a.start].end)
           and _named_body(a.name, heads)]
    out.sort(key=lambda a: a.start)
    seen: set[str] = set()
    return [a for a in out if not (a.name in seen or seen.add(a.name))]  # type: ignore[func-returns-value]


def _named_body(name: str, heads: tuple[str, ...]) -> bool:
    """A head word followed by a name in capitals ("Ban Quản lý …", "Trung tâm Dữ liệu …"), not a
    head word in a phrase ("Báo cáo …", "Hội nghị …", "Phòng trừ sâu bệnh")."""
    head = max((h for h in heads if name.startswith(h)), key=len, default=None)
    rest = name[len(head):] if head else name.partition(" ")[2]
    return bool(rest) and (rest[:1].isupper() or rest[:1].isdigit())


_CHUNK = 400  # characters: a long cell is read in stretches cut at a separator, each in its own window


def _parse_in_chunks(flat: str) -> list[Agency]:
    """``parse_list`` of a normalised text, read in stretches of about ``_CHUNK`` characters cut after a
    separator (the time to read a cell grows with its length, not with its square)."""
    found: list[Agency] = []
    pos = 0
    while pos < len(flat):  # each stretch ends after pos
        cut = _CELL_SEPARATOR.search(flat, pos + _CHUNK)
        end = cut.end() if cut else len(flat)
        found += [Agency(a.name, a.kind, a.listed, a.start + pos, a.end + pos)
                  for a in parse_list(flat[pos:end], dedupe=False)]
        pos = end
    return found
