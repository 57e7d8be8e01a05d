"""Citations of other documents: symbols, their relation to this document, and links.

The relation comes from the clause a citation sits in ("Căn cứ …" → based_on,
"Thực hiện …" → implements, "Theo đề nghị của … tại Tờ trình số …" → proposed_by,
anything else → mentions). A citation that follows another inside a "… của X
(về việc) thực hiện B" phrase is nested: it takes its host's relation and the
text states a link host → B (implements). Where a document is cited with
several relations, implements wins, then based_on, proposed_by, mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.ingest import agencies, dates, identity
from policykg.ingest.identity import SYMBOL, symbol_key, tidy_symbol, type_of_symbol
from policykg.ingest.spans import Collapsed, line_of
from policykg.ingest.text import collapse

_TYPES = {
    "nghị quyết": "Nghị quyết", "quyết định": "Quyết định", "kế hoạch": "Kế hoạch",
    "chương trình hành động": "Chương trình hành động", "chương trình": "Chương trình",
    "chỉ thị": "Chỉ thị", "kết luận": "Kết luận", "nghị định": "Nghị định",
    "thông tư": "Thông tư", "tờ trình": "Tờ trình", "công văn": "Công văn",
    "văn bản": "Văn bản", "thông báo": "Thông báo", "luật": "Luật", "hướng dẫn": "Hướng dẫn",
}
_TYPE_BEFORE = re.compile(
    r"(" + "|".join(sorted(_TYPES, key=len, reverse=True)) + r")\s+(?:số\s*:?\s*)?$", re.IGNORECASE
)

# "Theo đề nghị của Giám đốc Sở X tại Tờ trình số …": the issuer precedes the symbol.
_ISSUER_BEFORE = re.compile(
    r"của\s+(?P<issuer>[^,;.]+?)\s+tại\s+(?:các\s+)?(?:Tờ trình|văn bản|Công văn)(?:\s+số)?\s*$", re.IGNORECASE
)

_TRIGGERS = [
    ("based_on", re.compile(r"\bcăn cứ\b", re.IGNORECASE)),
    # "trên cơ sở X", "theo (chỉ đạo / quy định) tại X": the document is a reference, not one carried out
    ("mentions", re.compile(r"\btrên cơ sở\b|\btheo\s+(?:chỉ đạo|quy định|hướng dẫn|yêu cầu)(?:\s+của\s+[^,;.]{1,80}?)?"
                            r"\s+tại\b", re.IGNORECASE)),
    ("proposed_by", re.compile(r"\btheo đề nghị\b|\bxét\b", re.IGNORECASE)),
    (
        "implements",
        # an order, not a report of what was done ("các bộ đã tích cực triển khai …")
        re.compile(
            r"(?<!đã )(?<!đang )(?<!đã tích cực )(?<!về )(?<!về việc )\b(?:thực hiện|triển khai|theo nội dung"
            r"|kế hoạch hành động|chương trình hành động của|cụ thể hóa|cụ thể hoá)\b",
            re.IGNORECASE,
        ),
    ),
]
_NESTING = re.compile(
    r"(?<!và )\b(?:về |về việc )?(?:tiếp tục )?(?:(?:triển khai |hướng dẫn )?(?:thực hiện|thi hành)|"
    r"(?:hướng dẫn )?triển khai(?: thi hành)?)\s*"
    r"(?:một số nội dung của\s+)?(?:(?:nghị quyết|kế hoạch|chương trình hành động|chương trình|chỉ thị|"
    r"quyết định|quy định|kết luận|nghị định|thông tư|công văn|công điện|văn bản|thông báo|đề án|luật)\s*"
    r"(?:số\s*)?)?$",
    re.IGNORECASE,
)
_RANK = {"implements": 0, "based_on": 1, "proposed_by": 2, "mentions": 3}
_CLAUSE_BREAK = re.compile(
    r"\n\s*(?:[-–+•]\s|\(?\d{1,2}[.)]|[IVX]{1,4}\.\s|[a-zđ]\)\s|Điều\s+\d"
    r"|(?=(?:Thực hiện|Căn cứ|Theo đề nghị|Xét)\s))"
)
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZĐ(\"“0-9])")


@dataclass
class Occurrence:
    start: int
    end: int
    line: int
    relation: str
    quote: str


@dataclass
class Reference:
    symbol: str
    doc_type: str | None
    issued_date: str | None
    issuer: str | None
    relation: str
    occurrences: list[Occurrence] = field(default_factory=list)


@dataclass
class Link:
    source: str
    target: str
    relation: str
    start: int
    end: int
    quote: str


def _case_changes(text: str) -> list[int]:
    """Starts of lines where upper-case header lines ("BỘ TRƯỞNG BỘ …", "CỘNG HÒA …") begin or end:
    a title or sentence never runs on into the header block beside or below it."""
    cuts: list[int] = []
    previous: bool | None = None
    pos = 0
    for line in text.split("\n"):
        words = line.split()
        if words:
            upper = line.isupper() and len(words) >= 2
            if previous is not None and upper != previous:
                cuts.append(pos)
            previous = upper
        pos += len(line) + 1
    return cuts


def clauses(text: str) -> list[tuple[int, int]]:
    """Sentence-like spans of the original text: items and sentences never share a clause."""
    cuts = sorted({0, *(m.start() for m in _CLAUSE_BREAK.finditer(text)), *_case_changes(text), len(text)})
    spans: list[tuple[int, int]] = []
    for a, b in zip(cuts, cuts[1:]):
        start = a
        for m in _SENTENCE_END.finditer(text, a, b):
            spans.append((start, m.end()))
            start = m.end()
        spans.append((start, b))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _doc_type(before: str, symbol: str) -> str | None:
    """Type from the word printed before the symbol, else from the symbol's type code."""
    m = _TYPE_BEFORE.search(before[-40:])
    if m:
        return _TYPES[m.group(1).lower()]
    found = type_of_symbol(symbol)
    if found:
        return found
    return "Công văn" if identity.symbol_codes(symbol) else None


_AFTER = re.compile(
    r"\s*(?:,\s*)?(?P<date>ngày\s+\d{1,2}\s*(?:/\s*\d{1,2}\s*/\s*\d{4}|tháng\s+\d{1,2}\s+năm\s+\d{4}))?"
    r"(?:\s*của\s+(?P<issuer>.{1,120}?)(?=\s+(?:về|v/v|phê duyệt|ban hành|thực hiện|quy định|đến|tại|trong|nhằm|"
    r"sửa đổi|bổ sung|cho|hướng dẫn|triển khai|"
    r"Kính gửi|và\s+(?:các\s+)?(?:Kế hoạch|Nghị quyết|Quyết định|Chỉ thị|Chương trình|Công văn|Thông tư|"
    r"Nghị định|Luật|Kết luận|Đề án))\b|[,;.(:]|$))?",
    re.IGNORECASE,
)


# Where the body's items begin (the first Roman section, "1." item or "Điều 1"): a citation there
# is a mention unless its clause orders it carried out ("triển khai thực hiện Kế hoạch số …").
_BODY_START = re.compile(r"(?m)^[ \t]*(?:[IVX]{1,4}\.\s|1\.\s|Điều\s+1\b)")
_GOVERNING = re.compile(
    r"(?:triển khai|thực hiện|quán triệt|kế hoạch hành động|chương trình hành động|theo nội dung|cụ thể ho[áa])\b"
    r"(?:[^.;:]{0,60}?|[^.]{0,200}?\b(?:nhất là|bao gồm|gồm|như|đề ra tại)\s*:?[^.]{0,1200}?)"
    r"(?:nghị quyết|kế hoạch|chương trình(?: hành động)?|chỉ thị|quyết định|kết luận|nghị định|thông tư|"
    r"công văn|văn bản|đề án)\s*(?:số\s*:?\s*)?$",
    re.IGNORECASE,
)


@dataclass
class _Reader:
    """Reads the citations of a text clause by clause: one reference per distinct document, and the
    links the text states between cited documents."""

    text: str
    own: str | None
    body_start: int
    refs: dict[str, Reference] = field(default_factory=dict)
    links: dict[tuple[str, str], Link] = field(default_factory=dict)
    short_names: dict[str, str] = field(default_factory=dict)

    def clause(self, a: int, b: int) -> None:
        if "/" not in self.text[a:b]:  # every symbol has one: a clause without it cites nothing
            return
        view = Collapsed(self.text, a, b)
        flat = view.text
        cites = [m for m in SYMBOL.finditer(flat) if symbol_key(m.group(0)) != self.own]
        triggers = _Triggers(flat)
        relations: list[str] = []
        for i, m in enumerate(cites):
            host = _nesting_host(flat, cites, i)
            if host is not None:  # "A … của X thực hiện B": B takes A's relation, and A implements B
                relation = relations[host]
                for h in _coordinated(flat, cites, host):
                    self._link(view, cites[h], m)
            else:
                relation = triggers.at(m.start())
                ordered = _GOVERNING.search(flat[max(0, m.start() - 1500): m.start()])
                if a >= self.body_start and relation == "implements" and not ordered:
                    relation = "mentions"  # cited inside a task, not the document it carries out
            relations.append(relation)
            self._record(view, m, relation)
        self._short_name_links(view, cites)

    def _short_name_links(self, view: Collapsed, cites: list[re.Match[str]]) -> None:
        """"A … của X ban hành Chương trình … thực hiện Nghị quyết 68", the short name given earlier to
        68-NQ/TW: A implements it."""
        for name, symbol in self.short_names.items():
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)(?!\s*\))", view.text, re.IGNORECASE):
                host = next((c for c in reversed(cites) if c.end() <= m.start()), None)
                if host is None or symbol_key(host.group(0)) == self.own:
                    continue
                gap = view.text[host.end(): m.start()]
                if _nests(gap) and not _ALIAS.search(gap):
                    self._add_link(view, host, symbol, m.end())

    def _link(self, view: Collapsed, host: re.Match[str], cited: re.Match[str]) -> None:
        self._add_link(view, host, cited.group(0), cited.end())

    def _add_link(self, view: Collapsed, host: re.Match[str], cited: str, end: int) -> None:
        """host implements ``cited``, as the text from the host to ``end`` (of the collapsed view) says."""
        key = (symbol_key(host.group(0)), symbol_key(cited))
        if key not in self.links and key[0] != key[1]:
            s, e = view.original(host.start()), view.original(end)
            self.links[key] = Link(tidy_symbol(host.group(0)), tidy_symbol(cited), "implements", s, e, self.text[s:e])

    def _record(self, view: Collapsed, m: re.Match[str], relation: str) -> None:
        flat = view.text
        before = flat[: m.start()]
        after = _AFTER.match(flat, m.end())
        date = dates.parse(after.group("date")) if after and after.group("date") else None
        year = re.search(r"/(\d{4})/", m.group(0))
        issuer = _issuer(before, after.group("issuer") if after else None, m.group(0))
        s, e = view.original(m.start()), view.original(m.end())
        occurrence = Occurrence(s, e, line_of(self.text, s), relation, flat.strip())
        key = symbol_key(m.group(0))
        ref = self.refs.get(key)
        if ref is None:
            ref = self.refs[key] = Reference(_display(m.group(0)), _doc_type(before, m.group(0)),
                                             date or (year.group(1) if year else None), issuer, relation)
        else:
            _merge(ref, m.group(0), relation, date, issuer)
        ref.occurrences.append(occurrence)


def _merge(ref: Reference, symbol: str, relation: str, date: str | None, issuer: str | None) -> None:
    """A document cited again: implements wins over based_on, proposed_by and mentions; the fuller date,
    the printed case and the fuller official issuer win."""
    if _RANK[relation] < _RANK[ref.relation]:
        ref.relation = relation
    if date and (not ref.issued_date or len(date) > len(ref.issued_date)):
        ref.issued_date = date
    if ref.symbol.isupper() and not symbol.isupper():
        ref.symbol = _display(symbol)
    if issuer and (not ref.issuer or (len(issuer) > len(ref.issuer) and agencies.official(issuer) == issuer
                                      and issuer.lower().startswith(ref.issuer.lower()))):
        ref.issuer = issuer  # "Tỉnh ủy Quảng Ninh" in the text beats "TỈNH ỦY" of the title


def extract(text: str, own_symbol: str | None) -> tuple[list[Reference], list[Link]]:
    """References (one per distinct document) and links between cited documents."""
    start = _BODY_START.search(text)
    reader = _Reader(text, symbol_key(own_symbol) if own_symbol else None, start.start() if start else len(text),
                     short_names=aliases(text))
    for a, b in clauses(text):
        reader.clause(a, b)
    return list(reader.refs.values()), list(reader.links.values())


def _issuer(before: str, after: str | None, symbol: str) -> str | None:
    """The cited document's issuer: named after it ("… của Bộ Chính trị") or before it ("… của
    Sở X tại Tờ trình số"), in the lexicon's spelling when it is one listed body; else the
    body its symbol's code names; else unknown."""
    if not after:
        m = _ISSUER_BEFORE.search(before[-300:])
        after = m.group("issuer") if m else None
    if after:
        named = collapse(after).strip()
        return agencies.official(named) or agencies.expand_abbreviations(named)
    return agencies.by_code(symbol)


def _display(symbol: str) -> str:
    return tidy_symbol(symbol)


class _Triggers:
    """The relation words of one clause, found once: ``at(i)`` is the relation of the last trigger
    that ends before offset ``i`` ("mentions" when none), asked in increasing order of ``i``."""

    def __init__(self, flat: str) -> None:
        found = [(m.end(), m.start(), k, relation) for k, (relation, pattern) in enumerate(_TRIGGERS)
                 for m in pattern.finditer(flat)]
        self._found = sorted(found)
        self._next = 0
        self._best: tuple[int, int, str] | None = None

    def at(self, offset: int) -> str:
        while self._next < len(self._found) and self._found[self._next][0] <= offset:
            _, start, k, relation = self._found[self._next]
            if self._best is None or (start, k) >= self._best[:2]:
                self._best = (start, k, relation)
            self._next += 1
        return self._best[2] if self._best else "mentions"




_AMENDS = re.compile(r"sửa đổi,\s*bổ sung", re.IGNORECASE)  # one phrase, its comma no list


def _nesting_host(flat: str, cites: list[re.Match[str]], i: int) -> int | None:
    """Index of the citation this one is nested in ("A … của X thực hiện B"), if any."""
    if i == 0:
        return None
    return i - 1 if _nests(flat[cites[i - 1].end(): cites[i].start()]) else None


def _nests(gap: str) -> bool:
    """The text between A and B reads "A … của X (ban hành …) thực hiện B": not a list, not a new clause
    (a comma before A's date, "A, ngày 16/5/2025 của …", or inside "sửa đổi, bổ sung" is neither)."""
    plain = _DATE_APPOSITION.sub(" ", _AMENDS.sub("", gap))
    if re.search(r"[,;]", plain) or len(gap) > 220 or _ANOTHER_DOCUMENT.search(gap):
        return False
    return bool(_NESTING.search(gap))


# "A … và Kế hoạch hành động của X về triển khai B": B is carried out by the other, unnumbered document.
_ANOTHER_DOCUMENT = re.compile(r"\bvà\s+(?:" + "|".join(sorted(_TYPES, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_DATE_APPOSITION = re.compile(r",\s*(?=ngày\s+\d)", re.IGNORECASE)
# "… Nghị quyết số 68-NQ/TW … (sau đây gọi tắt là Nghị quyết 68)": later text names it by the short name.
_ALIAS = re.compile(r"\((?:sau\s+đây\s+)?(?:gọi|viết)\s+tắt\s+là\s*:?\s*[“\"]?(?P<alias>[^)”\"]{2,80}?)[”\"]?\s*\)",
                    re.IGNORECASE)


def aliases(text: str) -> dict[str, str]:
    """Short names the text gives cited documents: lower-case short name -> the symbol it stands for."""
    flat = collapse(text)
    out: dict[str, str] = {}
    for m in _ALIAS.finditer(flat):
        before = list(SYMBOL.finditer(flat, max(0, m.start() - 400), m.start()))
        if before:
            out[m["alias"].strip().lower()] = before[-1].group(0)
    return out


def _coordinated(flat: str, cites: list[re.Match[str]], host: int) -> list[int]:
    """The host and the citations joined to it by "và" (read together as subjects)."""
    group = [host]
    j = host
    while j > 0:
        gap = flat[cites[j - 1].end(): cites[j].start()]
        if re.search(r"[,;]", gap) or not re.search(r"\bvà\b", gap, re.IGNORECASE):
            break
        if any(p.search(gap) for _, p in _TRIGGERS):
            break
        j -= 1
        group.append(j)
    return group
