"""The numbered outline of a document's body: sections, items and their paragraphs.

Items are Roman sections ("II."), dotted Arabic numbers ("2.2.1."), "(3)", "a)"
and dash items. A line only starts an Arabic item when its number can follow the
previous one, so a wrapped line that begins with a number stays text. Wrapped
lines are joined into paragraphs: a new paragraph starts after a line ending a
sentence (or an unpunctuated heading) when the next line starts with a capital.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.ingest import enumerations, vocabulary
from policykg.ingest.text import strip_markup

_ROMAN = re.compile(r"^(?P<n>[IVX]{1,4})\.\s+(?P<rest>\S.*)$")
# "2." or "2.1" / "2.1." starts an item; a bare "2 " is a wrapped line's number ("… khoảng" / "2 tháng").
_ARABIC = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2}){1,3}|\d{1,2}(?=\.))\.?\s+(?P<rest>\S.*)$")
_PAREN = re.compile(r"^\((?P<n>\d{1,2})\)\s*(?P<rest>\S.*)$")
_PAREN_START = re.compile(r"^\((?P<n>\d{1,2})\)(?:\s|$)")
_LETTER = re.compile(r"^(?P<n>[a-zđ])\)\s*(?P<rest>\S.*)$")
_DASH = re.compile(r"^[-–+•](?![-–_=*.])\s*(?P<rest>\S.*)$")  # "- item"; "-----" is a rule
_BARE_NUMBER = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2}){0,3})\.(?P<rest>)$")  # "1." with its text below
_END = re.compile(r"^\|?\s*(?:Nơi nhận|Trên đây là|TM\.|KT\.|\./\.)")
_SENTENCE_END = (".", ";", ":", "!", "?")
_ACRONYM = re.compile(r"^(?![IVX]+\b)[A-ZĐ][A-ZĐ&]{1,7}(?:\b|$)")


@dataclass
class Paragraph:
    text: str
    start: int
    end: int
    line: int


@dataclass
class Item:
    kind: str  # roman | arabic | paren | letter | dash | plus | root
    number: str
    path: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)
    parent: Item | None = None

    @property
    def heading(self) -> str:
        return self.paragraphs[0].text if self.paragraphs else ""

    def section(self) -> Item:
        item = self
        while item.parent is not None and item.kind != "roman":
            item = item.parent
        return item


def _valid_arabic(number: str, last: str | None) -> bool:
    parts = [int(x) for x in number.split(".")]
    if last is None:
        return parts == [1]
    prev = [int(x) for x in last.split(".")]
    if parts == prev + [1]:
        return True
    for depth in range(len(prev)):
        nxt = prev[: depth + 1]
        nxt[-1] += 1
        if parts == nxt:
            return True
    return False


@dataclass
class _Parser:
    """Reads body lines one by one into the outline: what is open while reading."""

    width: int | None
    root: Item = field(default_factory=lambda: Item("root", "", ""))
    stack: list[Item] = field(default_factory=list)
    last_arabic: str | None = None
    section: str = ""
    current: Item | None = None
    open_par: Paragraph | None = None
    prev_line: str = ""
    lengths: list[int] = field(default_factory=list)  # of the open paragraph's lines

    def _width(self) -> int | None:
        """The wrap width here: the longest line of the open paragraph when it has a few, else the
        text's (a paragraph re-wrapped at another width than its neighbours keeps its own)."""
        local = max(self.lengths) if len(self.lengths) >= 3 else 0
        return local if local >= 40 else self.width

    def __post_init__(self) -> None:
        self.stack = [self.root]
        self.current = self.root

    def _attach(self, item: Item, parent: Item) -> Item:
        item.parent = parent
        parent.children.append(item)
        self.stack = self.stack[: self.stack.index(parent) + 1] + [item]
        return item

    def _roman(self, line: str) -> tuple[Item, re.Match[str]] | None:
        m = _ROMAN.match(line)
        if not m:
            return None
        self.section, self.last_arabic = m["n"], None
        self.stack = [self.root]
        return self._attach(Item("roman", m["n"], m["n"]), self.root), m

    def _arabic(self, line: str) -> tuple[Item, re.Match[str]] | None:
        m = _ARABIC.match(line) or _BARE_NUMBER.match(line)
        if not m or not (_valid_arabic(m["n"], self.last_arabic)
                         or _skipped_sibling(m["n"], self.last_arabic, m["rest"])):
            return None
        self.last_arabic = m["n"]
        path = f"{self.section}.{m['n']}" if self.section else m["n"]
        parent = self.stack[1] if len(self.stack) > 1 and self.stack[1].kind == "roman" else self.root
        parent = next((c for c in reversed(self.stack) if c.kind == "arabic" and m["n"].startswith(c.number + ".")),
                      parent)
        return self._attach(Item("arabic", m["n"], path), parent), m

    def _lettered(self, line: str) -> tuple[Item, re.Match[str]] | None:
        m = _PAREN.match(line) or _LETTER.match(line)
        if not m:
            return None
        kind = "paren" if m.re is _PAREN else "letter"
        parent = next((s for s in reversed(self.stack) if s.kind in ("arabic", "roman", "root")), self.root)
        return self._attach(Item(kind, m["n"], f"{parent.path}.{m['n']}".lstrip(".")), parent), m

    def _dashed(self, line: str) -> tuple[Item, re.Match[str]] | None:
        m = _DASH.match(line)
        if not m or self._wrapped_dash(line):
            return None
        kind = "plus" if line.startswith("+") else "dash"
        # a "+" line details the dash item above it; a dash item hangs under the nearest numbered one
        parent = next((s for s in reversed(self.stack) if s.kind not in (kind, "plus")), self.root)
        k = sum(1 for c in parent.children if c.kind == kind) + 1
        return self._attach(Item(kind, str(k), f"{parent.path}{'-' if kind == 'dash' else '+'}{k}"), parent), m

    def _wrapped_dash(self, line: str) -> bool:
        """A dash that a wrap put at the line's start: "kinh tế" / "- xã hội", "Hữu Nghị" / "- Chi Lăng"
        (a line cut mid-sentence, then a dash and a word continuing the phrase), never an item."""
        prev = self.prev_line.rstrip()
        if self.open_par is None or not prev or prev.endswith((*_SENTENCE_END, ",")) or not line.startswith("-"):
            return False
        rest = line[1:].lstrip()
        last = prev.rsplit(" ", 1)[-1]
        name_cut = last[:1].isupper() and last[1:].islower() and rest[:1].isupper() and len(prev) >= 40
        return rest[:1].islower() or name_cut

    def _continues_enumeration(self, line: str) -> bool:
        """A line starting with the next marker of the open paragraph's inline enumeration ("Sở X: (1)
        …;" / "(2) …"): the wrap put the marker at the line's start; the list goes on."""
        m = _PAREN_START.match(line)
        if not m or self.open_par is None:
            return False
        n, text = int(m["n"]), self.open_par.text
        if n == 1:  # "… trên địa bàn:" / "(1)" / "Xây dựng …": the marker alone, its text below
            return line.strip() == "(1)" and text.rstrip().endswith(":")
        return enumerations.last_number(text) == n - 1

    def _inside_piece(self) -> bool:
        """The open paragraph's inline enumeration has a piece that has not ended ("…; (3) Hướng dẫn
        nông dân xuống giống lúa vụ Đông" / "Xuân …"): the next line goes on with it."""
        return (self.open_par is not None and not self.prev_line.rstrip().endswith(_SENTENCE_END)
                and enumerations.last_number(self.open_par.text) >= 1)

    def _open_bracket(self) -> bool:
        """The open paragraph has a bracket not yet closed, opened near its end ("… đơn vị (Sở Nội vụ;" /
        "Quý II/2026)."): the next line is inside it."""
        if self.open_par is None:
            return False
        tail = self.open_par.text[-400:]
        return tail.rfind("(") > tail.rfind(")")

    def read(self, number: int, start: int, raw: str) -> None:
        line = strip_markup(raw)
        joins = self._continues_enumeration(line)
        for rule in () if joins else (self._roman, self._arabic, self._lettered, self._dashed):
            found = rule(line)
            if found:
                self._open_item(*found, number, start, raw)
                return
        goes_on = joins or self._inside_piece() or self._open_bracket()
        if self.open_par is not None and (goes_on or not _new_paragraph(self.prev_line, line, self._width())):
            self.open_par.text = f"{self.open_par.text} {line}"
            self.open_par.end = start + len(raw)
            self.lengths.append(len(line))
        else:
            self.lengths = [len(line)]
            self.open_par = Paragraph(line, start + raw.find(line[:5]) if line[:5] in raw else start,
                                      start + len(raw), number)
            assert self.current is not None
            self.current.paragraphs.append(self.open_par)
        self.prev_line = line

    def _open_item(self, item: Item, m: re.Match[str], number: int, start: int, raw: str) -> None:
        self.current = item
        rest = m["rest"]
        if not rest:  # a bare number: the item's text starts on the next line
            self.open_par = None
            return
        offset = start + raw.find(rest) if rest in raw else start
        self.open_par = Paragraph(rest.strip(), offset, start + len(raw), number)
        item.paragraphs.append(self.open_par)
        self.prev_line = strip_markup(raw)
        self.lengths = [len(self.prev_line)]


def wrap_width(lines: list[str]) -> int | None:
    """The width the text was wrapped at, from the lines that certainly wrap (followed by a line in
    lower case); None when too few lines wrap (one paragraph per line, as web pages print)."""
    full = sorted(len(a.rstrip()) for a, b in zip(lines, lines[1:]) if a.strip() and b[:1].islower())
    return full[len(full) * 9 // 10] if len(full) >= 5 else None


def _skipped_sibling(number: str, last: str | None, rest: str) -> bool:
    """A heading whose number skips one or two of its level ("2. Sở Y tế" … "4. Liên minh Hợp tác xã
    tỉnh:", the 3 deleted or misprinted): still an item, so that its tasks never go to the heading
    before it. Only a capitalised heading, never a wrapped line's number."""
    if last is None or not rest[:1].isupper():
        return False
    parts, prev = [int(x) for x in number.split(".")], [int(x) for x in last.split(".")]
    depth = len(parts)
    return depth <= len(prev) and parts[:-1] == prev[: depth - 1] and 2 <= parts[-1] - prev[depth - 1] <= 3


def parse(text: str, stop: int | None = None) -> Item:
    """The outline of ``text[:stop]`` (the body; appendices and signature excluded)."""
    body = text if stop is None else text[:stop]
    raws = body.split("\n")
    parser = _Parser(wrap_width([strip_markup(r) for r in raws]))
    pos = 0
    for number, raw in enumerate(raws, start=1):
        start, pos = pos, pos + len(raw) + 1
        line = strip_markup(raw)
        if not line:
            continue
        if _END.match(line):
            break
        parser.read(number, start, raw)
    return parser.root


# Whether a line starts a new paragraph or continues the one above (the wrap of a PDF converter
# or a web page): ordered named rules, the first that decides wins (True: new, False: continues).
def _lower_start(prev: str, line: str, width: int | None) -> bool | None:
    """A line in lower case continues; so does a bracket after a line cut mid-sentence
    ("… thông tin công trình" / "(BIM) quốc gia")."""
    if line.startswith("("):
        return False if prev and not prev.rstrip().endswith((*_SENTENCE_END, ")")) else None
    return False if not line[:1].isupper() else None


_DANGLING_MARK = re.compile(r"(?:^|\s)\(\d{1,2}\)$")


def _dangling_marker(prev: str, line: str, width: int | None) -> bool | None:
    """A line ending with an inline enumeration's marker ("… tập trung; (2)" / "Kiểm tra …"): the
    marker's text is on the next line."""
    return False if _DANGLING_MARK.search(prev.rstrip()) else None


def _members_named(prev: str, line: str, width: int | None) -> bool | None:
    """"… phối hợp với Ủy ban nhân dân các xã:" / "Đông Sơn, Bình Chương …": the group's members are
    named on the next line."""
    from policykg.ingest import collectives

    return False if collectives.announces_members(prev) else None


def _after_sentence(prev: str, line: str, width: int | None) -> bool | None:
    return True if prev.rstrip().endswith(_SENTENCE_END) else None


def _upper_heading(prev: str, line: str, width: int | None) -> bool | None:
    """An upper-case heading wrapped over lines continues; text under it starts anew."""
    if prev.isupper():
        return not line.isupper()
    return None


def _cut_word(prev: str, line: str, width: int | None) -> bool | None:
    """A line cut in mid-phrase: after a function word or a comma, or after the first word of a name
    ("… của Bộ" / "Công Thương …", "2. Sở" / "Nông nghiệp và Môi trường")."""
    flat = prev.strip()
    words = flat.split()
    if flat.endswith(",") or words[-1] in vocabulary.words("cut_function_words"):
        return False
    return False if _name_across(words, line) else None


def _name_across(words: list[str], line: str) -> bool:
    """The line ends with the first word(s) of a listed body's name that the next line completes
    ("… của Bộ" / "Công Thương …"); "… trực thuộc Sở" / "Tổ chức …" names no body across."""
    from policykg.ingest import agencies

    for n in (1, 2):
        if len(words) < n or " ".join(words[-n:]) not in vocabulary.words("name_starts"):
            continue
        head = " ".join(words[-n:])
        joined = agencies.normalise(f"{head} {line[:80]}")
        found = agencies.match_at(joined, 0)
        if found is not None and found.listed and found.end > len(head) + 1:
            return True
    if _province_across(words[-1], line):
        return True
    return len(words) <= 2 and words[-1] in vocabulary.words("name_starts")  # "2. Sở" / "Nông nghiệp …"


def _province_across(last: str, line: str) -> bool:
    """A province's name cut between lines ("… Thanh Thủy, Quảng" / "Ngãi - Kon Tum"), or cut from its
    "tỉnh" ("Ủy ban nhân dân tỉnh" / "Lâm Đồng chủ động …")."""
    from policykg.ingest import agencies

    if last.lower() in ("tỉnh", "phố") and any(line.startswith(f"{p} ") or line == p
                                             for p in agencies.lexicon().provinces):
        return True
    joined = f"{last} {line[:40]}".lower()
    return any(joined.startswith(p.lower()) and len(p) > len(last) + 1 for p in agencies.lexicon().provinces
               if " " in p)


def _continuation_word(prev: str, line: str, width: int | None) -> bool | None:
    return False if line.startswith(vocabulary.words("continuation_words")) or _ACRONYM.match(line) else None


_ITEM_MARK = re.compile(r"^(?:[IVX]{1,4}\.|\d{1,2}(?:\.\d{1,2}){0,3}\.?|\(\d{1,2}\)|[a-zđ]\)|[-–+•])\s*")


def _agency_heading(prev: str, line: str, width: int | None) -> bool | None:
    """A line naming only bodies ("15. Liên minh Hợp tác xã tỉnh, Hiệp hội Doanh nghiệp tỉnh") is a
    heading: what follows in a capital starts the items under it."""
    from policykg.ingest import agencies

    return True if agencies.looks_like_agency_text(_ITEM_MARK.sub("", prev.strip())) else None


def _full_line(prev: str, line: str, width: int | None) -> bool | None:
    """A line that reaches the text's wrap width ends where the next word did not fit: it continues."""
    if width is None:
        return None
    first = line.split(" ", 1)[0]
    return False if len(prev.rstrip()) + 1 + len(first) > width else None


def _full_sentence_line(prev: str, line: str, width: int | None) -> bool | None:
    """A full line that ends a sentence inside a paragraph ("… nước dưới đất." / "Tăng cường …"): the next
    word did not fit, so the break is the converter's; a paragraph's last line leaves room."""
    if width is None or not prev.rstrip().endswith(".") or prev.isupper():
        return None
    return False if len(prev.rstrip()) >= width else None  # a sentence's end reaching the margin


_PARAGRAPH_RULES = [_lower_start, _dangling_marker, _members_named, _full_sentence_line,
                    _after_sentence, _upper_heading, _cut_word, _continuation_word,
                    _agency_heading, _full_line]


def _new_paragraph(prev: str, line: str, width: int | None = None) -> bool:
    for rule in _PARAGRAPH_RULES:
        decided = rule(prev, line, width)
        if decided is not None:
            return decided
    return True


def walk(item: Item):
    """Every item under ``item``, depth first, in document order."""
    for child in item.children:
        yield child
        yield from walk(child)
