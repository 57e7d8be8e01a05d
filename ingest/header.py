"""The document itself: number, type, subject, issuer, province, date and signer.

Follows the header block of Decree 30/2020/NĐ-CP (issuing body beside the national
motto, "Số: …", place-and-date line, type name and subject), the signature block,
and, for pages copied from legal sites, their "Số hiệu / Loại văn bản / Người ký"
metadata. Whatever the text does not tell stays None.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass
from functools import cached_property

from policykg.ingest import agencies, dates, vocabulary
from policykg.ingest.identity import SYMBOL, is_central_body, people_committee, symbol_key, type_names, type_of_symbol
from policykg.ingest.text import collapse, new_style_tones, strip_markup

_MOTTO = re.compile(r"CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM")
_FREEDOM = re.compile(r"Độc\s+lập\s*-\s*Tự\s+do\s*-\s*Hạnh\s+phúc")
_UPPER_WORD = re.compile(r"^[A-ZĐÀ-Ỹ&][A-ZĐÀ-Ỹ&.\-]*$")
_PLACE_DATE = re.compile(
    r"([A-ZĐ][\wÀ-ỹ]*(?: [A-ZĐ]?[\wÀ-ỹ]+){0,3}),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})"
)
_SIGN_TITLE = re.compile(
    r"^\s*(?:TM\.|KT\.|Q\.|TL\.)?\s*(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|"
    r"TRƯỞNG\s+BAN|BÍ\s+THƯ|CHÁNH\s+VĂN\s+PHÒNG)\s*$"
)
_NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+)(?: [A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4}$")
_TRIGGER_LINE = re.compile(r"^\s*(?:Thực hiện|Căn cứ|Theo đề nghị|Xét|Kính gửi|I\.\s)")


@dataclass
class Header:
    symbol: str | None = None
    doc_type: str | None = None
    title: str | None = None
    issuer: str | None = None
    province: str | None = None
    issued_date: str | None = None
    signer: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return asdict(self)


def _lines(text: str) -> list[str]:
    return [strip_markup(line).strip(" |") for line in text.splitlines()]


_META_NEXT = re.compile(
    r"\s+(?:Số hiệu|Loại văn bản|Người ký|Ngày hiệu lực|Ngày có hiệu lực|Nơi ban hành|Ngày ban hành)\b"
)


def _meta(text: str, label: str) -> str | None:
    """A legal site's metadata value: after "Label:" on its line, or, in the box's cell-per-line
    form, on the next line that holds anything."""
    for m in re.finditer(rf"(?:^|(?<=\s)){label}\s*:?[ \t]*(?P<rest>[^\n]*)", text[:6000], re.MULTILINE):
        value = m["rest"].strip()
        if not value:
            following = re.match(r"(?:[ \t|]*\n)*[ \t|]*(?P<next>[^\n]*)", text[m.end(): m.end() + 300])
            value = following["next"].strip(" |") if following else ""
        value = _META_NEXT.split(value, maxsplit=1)[0].strip()
        if value and not value.endswith(":"):
            return value
    return None


def _symbol(text: str, lines: list[str]) -> str | None:
    for line in lines:
        m = re.match(r"^Số\s*:\s*(\S*)", line)
        if m:
            value = m.group(1) or _next_filled(lines, line)  # "Số:" / "86/KH-UBND" on the next line
            s = SYMBOL.match(value)
            return s.group(0) if s else None  # "Số:      /KH-UBND": the number is left blank
        m = re.match(r"^Số\s+(\S+)\s*$", line)  # Party documents: "Số 271-KH/TU"
        party = SYMBOL.match(m.group(1)) if m else None
        if party:
            return party.group(0)
    meta = _meta(text, "Số hiệu") or _meta(text, "Số ký hiệu") or _meta(text, "Số/Ký hiệu")
    printed = SYMBOL.match(meta) if meta else None
    if printed:
        return printed.group(0)
    for line in lines[:80]:
        for upper in type_names():
            if line.startswith(upper):
                s = SYMBOL.match(line[len(upper):].strip())
                if s:
                    return s.group(0)
    return None


def _next_filled(lines: list[str], line: str) -> str:
    """The first word of the next line that holds anything after ``line``."""
    i = lines.index(line)
    following = next((x for x in lines[i + 1: i + 4] if x.strip()), "")
    return following.split()[0] if following.split() else ""


def _doc_type(text: str, lines: list[str], symbol: str | None) -> tuple[str | None, int | None]:
    for i, line in enumerate(lines):
        flat = collapse(line)
        if flat in type_names():
            return type_names()[flat], i
        for upper, name in type_names().items():
            if flat.startswith(upper) and SYMBOL.match(flat[len(upper):].strip()):
                return name, i
    meta = _meta(text, "Loại văn bản")
    if meta:
        return meta, None
    if symbol:
        return type_of_symbol(symbol) or "Công văn", None
    first = next((line for line in lines if line), "")
    if first.upper().startswith("STT"):
        return "Phụ lục", None
    if any(line.startswith("V/v") for line in lines[:60]):
        return "Công văn", None
    return "Công văn", None


def _title(lines: list[str], type_at: int | None) -> str | None:
    start = type_at + 1 if type_at is not None else None
    if start is None:
        vv = next((i for i, line in enumerate(lines[:60]) if line.startswith("V/v")), None)
        if vv is None:
            return None
        start = vv
    parts: list[str] = []
    for line in lines[start: start + 12]:
        if not line:
            continue
        if re.fullmatch(r"[-_*=.\s]+", line):
            if parts:
                break  # the rule printed under the subject line
            continue
        if parts and (_TRIGGER_LINE.match(line) or _MOTTO.search(line)):
            break
        if parts and parts[0].isupper() != line.isupper():
            break  # an upper-case title ends at mixed case, a mixed one at an authority line
        if line.startswith("Kính gửi"):
            break
        if line.isupper() and collapse(line) in {"CHÍNH PHỦ", "THỦ TƯỚNG CHÍNH PHỦ"} and parts:
            break
        parts.append(line)
    return collapse(" ".join(parts)) or None


def _header_issuer(text: str) -> str | None:
    """The issuing body printed beside the national motto, in upper case."""
    head = re.sub(r"-{3,}|\|", " ", text[:6000])
    flat = collapse(head)
    motto = _MOTTO.search(flat)
    if not motto:
        return None
    words = flat[: motto.start()].split()
    run: list[str] = []
    for word in reversed(words):
        if _UPPER_WORD.match(word) and not word.endswith(":"):
            run.insert(0, word)
        else:
            break
    after = flat[motto.end():]
    freedom = _FREEDOM.search(after)
    if freedom:
        extra = after[: freedom.start()].split()
        if extra and all(_UPPER_WORD.match(w) for w in extra):
            run.extend(extra)
    elif not run and motto.group(0).startswith("ĐẢNG"):  # a Party header printed motto first, then its body
        for word in after.split()[:20]:
            if not (_UPPER_WORD.match(word) and word.isupper() and not word.endswith(":")):
                break
            run.append(word)
    return " ".join(run) or None


def _top_issuer(lines: list[str]) -> str | None:
    """The upper-case lines that open a document whose left header column comes first
    ("UBND TỈNH THÁI NGUYÊN / SỞ KHOA HỌC VÀ CÔNG NGHỆ / Số: …")."""
    run: list[str] = []
    for line in [x for x in lines if x.strip()][:30]:  # the page's first lines, however spaced
        line = re.sub(r"-{3,}|_{3,}|^\*+$", "", line).strip()
        if not line:
            continue
        if re.match(r"(?:Số hiệu|Loại văn bản|Nơi ban hành|Người ký|Ngày ban hành)\s*:", line):
            continue  # a legal site's metadata box before the document
        if _MOTTO.search(line) or line.startswith(tuple(type_names())) or line.startswith("Số"):
            break  # the issuer is printed before the number, the motto and the type name
        starts_with_body = agencies.match_at(agencies.normalise(line), 0) is not None or _opens_with_body_head(line)
        if line.isupper() and (run or starts_with_body):
            run.append(line)
        elif run:
            break
    return " ".join(run) or None


def _opens_with_body_head(line: str) -> bool:
    """An upper-case line opening with a body's head word ("ỦY BAN NHÂN DÂN", "ĐẢNG BỘ TỈNH …")."""
    from policykg.ingest import vocabulary

    lower = line.lower()
    return any(lower.startswith(head.lower() + " ") or lower == head.lower() for head in vocabulary.words("body_heads"))


def _find_provinces(text: str) -> list[str]:
    """Provinces named as "tỉnh X", "thành phố X" or "Báo X", in order of appearance."""
    by_lower = {p.lower(): p for p in agencies.lexicon().provinces}
    names = "|".join(re.escape(p) for p in sorted(by_lower, key=len, reverse=True))
    pattern = re.compile(rf"(?:tỉnh|thành phố|báo)\s+({names})\b")
    return [by_lower[m.group(1)] for m in pattern.finditer(text.lower())]


def _as_issuer(upper: str) -> tuple[str, str | None]:
    """'ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH' -> ('Ủy ban nhân dân tỉnh', 'Quảng Ninh').

    In a two-level header ('UBND TỈNH THÁI NGUYÊN SỞ KHOA HỌC VÀ CÔNG NGHỆ') the issuer is the
    lower body, and the province is the one the upper body names."""
    text = new_style_tones(collapse(upper))
    province = None
    for p in agencies.lexicon().provinces:
        m = re.search(rf"\s{re.escape(p.lower())}(?=\s|$)", text.lower())
        if m:
            province = p
            text = collapse(text[: m.start()] + text[m.end():])
            break
    # the level word read as the lexicon writes it ("UBND THÀNH PHỐ HẢI PHÒNG / SỞ XÂY DỰNG"): the level
    # of the name given back is the province's
    found = agencies.parse_list(re.sub(r"\bTHÀNH PHỐ\b", "TỈNH", text) if province else text)
    name = found[-1].name if found else text.capitalize()
    if re.search(r"\svăn phòng$", text.lower()) and found and found[-1].name != "Văn phòng":
        name = f"Văn phòng {found[-1].name}"  # "UBND TỈNH X / VĂN PHÒNG": the upper body's office
    elif name == "Văn phòng" and len(found) > 1:
        name = f"Văn phòng {found[-2].name}"
    elif province and "tỉnh" not in name.lower() and found and found[-1].kind == "specific":
        if not is_central_body(name):
            level = "thành phố" if province in vocabulary.words("central_cities") else "tỉnh"
            name += f" {level}"
    return name, province


@dataclass
class _Page:
    """What the header rules read: the text (table cells on lines of their own), its lines, the first
    part collapsed, and what earlier rules found."""

    text: str
    lines: list[str]
    flat: str
    symbol: str | None = None

    @cached_property
    def site_title(self) -> re.Match[str] | None:
        return _site_title(self)

    @cached_property
    def portal_title(self) -> re.Match[str] | None:
        return _portal_title(self)


# A legal site's title line when the page prints no header: "Kế hoạch 2753/KH-UBND năm 2024 thực hiện …
# do tỉnh Quảng Nam ban hành", "Quyết định 1234/QĐ-TTg năm 2025 phê duyệt … do Thủ tướng Chính phủ ban hành".
_SITE_TITLE = re.compile(
    r"^(?P<type>[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?: [a-zà-ỹđ]+){0,3}) (?P<symbol>\S+) năm (?P<year>\d{4}) "
    r"(?P<title>.+?) do (?P<issuer>.+?) ban hành\s*$"
)


# A portal's or a post's headline naming the document when the page prints no header: "Công điện số
# 28/CĐ-BNNMT ngày 08/12/2025 của Bộ trưởng Bộ Nông nghiệp và Môi trường về việc …".
_PORTAL_TITLE = re.compile(
    r"^(?P<type>[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?: [a-zà-ỹđ]+){0,3}) số (?P<symbol>\S+) ngày (?P<date>\d{1,2}/\d{1,2}/\d{4}) "
    r"của (?P<issuer>[^,;:]+?) (?:về|v/v|V/v|thực hiện|triển khai|phê duyệt|ban hành|hướng dẫn|quy định)\b"
)


def _portal_title(page: _Page) -> re.Match[str] | None:
    if _MOTTO.search(page.flat) or re.search(r"(?m)^\s*Số\s*:", page.text[:6000]):
        return None  # a printed header says it
    lines = [x for x in page.lines if x.strip()][:40]
    for i in range(len(lines)):
        for k in range(1, 5):  # a headline a converter wrapped over a few lines
            m = _PORTAL_TITLE.match(collapse(" ".join(lines[i: i + k])))
            if m and m["type"] in type_names().values() and SYMBOL.fullmatch(m["symbol"]):
                return m
    return None


def _site_title(page: _Page) -> re.Match[str] | None:
    """The title line among the page's first lines, also when a converter wrapped it over a few."""
    lines = [x for x in page.lines if x.strip()][:40]
    for i in range(len(lines)):
        for k in range(1, 5):
            m = _SITE_TITLE.match(collapse(" ".join(lines[i: i + k])))
            if m and m["type"] in type_names().values() and SYMBOL.fullmatch(m["symbol"]):
                return m
    return None


def _issuer_beside_motto(page: _Page) -> tuple[str, str | None] | None:
    upper = _header_issuer(page.text) or _top_issuer(page.lines)
    return _as_issuer(upper) if upper else None


def _issuer_site_metadata(page: _Page) -> tuple[str, str | None] | None:
    """A legal site's metadata: "Cơ quan ban hành: Thủ tướng Chính phủ"."""
    meta = _meta(page.text, "Cơ quan ban hành")
    name = agencies.official(meta) if meta else None
    return (name, None) if name else None


def _issuer_site_title(page: _Page) -> tuple[str, str | None] | None:
    """The site's title line: "… do tỉnh Quảng Nam ban hành" (its People's Committee), "… do Thủ tướng
    Chính phủ ban hành"."""
    m = page.site_title
    if m is None:
        return None
    named = m["issuer"]
    province = next((p for p in agencies.lexicon().provinces if named.lower().endswith(p.lower())), None)
    if province and re.match(r"(?:tỉnh|thành phố)\s", named, re.IGNORECASE):
        return "Ủy ban nhân dân", province
    name = agencies.official(named)
    return (name, province) if name else None


def _issuer_portal_title(page: _Page) -> tuple[str, str | None] | None:
    m = page.portal_title
    if m is None:
        return None
    named = m["issuer"]
    province = next((p for p in agencies.lexicon().provinces if named.lower().endswith(p.lower())), None)
    return agencies.official(named) or named[:1].upper() + named[1:], province


def _issuer_director(page: _Page) -> tuple[str, str | None] | None:
    """A department's letter without header: "Giám đốc Sở X yêu cầu …"."""
    m = re.search(r"Giám đốc (Sở [^\n,]+?) (?:yêu cầu|chỉ đạo|đề nghị)", page.text)
    return (agencies.canonical(m.group(1)) + " tỉnh", None) if m else None


def _issuer_committee_acting(page: _Page) -> tuple[str, str | None] | None:
    acting = re.search(
        r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+tỉnh(?:\s+[A-ZĐ][\wÀ-ỹ]+){0,2}\s+"
        r"(?:ban hành|xây dựng|chỉ đạo|nhận được|yêu cầu)|TM\.\s*(?:ỦY|UỶ) BAN NHÂN DÂN", page.text)
    return ("Ủy ban nhân dân tỉnh", None) if acting else None


def _issuer_symbol_code(page: _Page) -> tuple[str, str | None] | None:
    name = agencies.by_code(page.symbol) if page.symbol else None
    return (name, None) if name else None


ISSUER_RULES = [_issuer_portal_title, _issuer_beside_motto, _issuer_site_metadata, _issuer_site_title, _issuer_director,
                _issuer_committee_acting, _issuer_symbol_code]


def _province_of_place(page: _Page) -> str | None:
    place = _PLACE_DATE.search(page.flat)
    return next((p for p in agencies.lexicon().provinces if collapse(place.group(1)).endswith(p)), None) \
        if place else None


def _province_of_metadata(page: _Page) -> str | None:
    meta = _meta(page.text, "Nơi ban hành") or _meta(page.text, "Cơ quan ban hành")
    return next((p for p in agencies.lexicon().provinces if meta.endswith(p)), None) if meta else None


def _province_most_named(page: _Page) -> str | None:
    """The province named most often; none when two are named equally often (no guess)."""
    counts = Counter(_find_provinces(page.text)).most_common(2)
    if not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
        return None
    return counts[0][0]


PROVINCE_RULES = [_province_of_place, _province_of_metadata, _province_most_named]


def _date_of_place(page: _Page) -> str | None:
    place = _PLACE_DATE.search(page.flat)
    return dates.iso(place.group(4), place.group(3), place.group(2)) if place else None


def _date_of_metadata(page: _Page) -> str | None:
    meta = _meta(page.text, "Ngày ban hành")
    return dates.parse(meta) if meta and dates.parse(meta.replace("-", "/")) else None


def _date_of_attachment(page: _Page) -> str | None:
    """An appendix's caption: "(Kèm theo Kế hoạch số …/KH-UBND ngày … )" of this document."""
    annex = re.search(r"Kèm theo [^\n)]*?số\s*:?\s*(\S*)\s*ngày([^\n)]*)", page.text)
    if annex and (not SYMBOL.match(annex.group(1)) or
                  (page.symbol and symbol_key(annex.group(1)) == symbol_key(page.symbol))):
        return dates.parse("ngày" + annex.group(2))
    return None


def _date_after_symbol(page: _Page) -> str | None:
    if not page.symbol or page.symbol not in page.flat:
        return None
    after = page.flat[page.flat.index(page.symbol) + len(page.symbol):][:40]
    return dates.parse(after) if re.match(r"\s*ngày", after) else None


def _date_of_site_title(page: _Page) -> str | None:
    m = page.site_title
    return m["year"] if m else None


def _date_of_portal_title(page: _Page) -> str | None:
    m = page.portal_title
    return dates.parse(m["date"]) if m else None


DATE_RULES = [_date_of_portal_title, _date_of_place, _date_of_metadata, _date_of_attachment, _date_after_symbol,
              _date_of_site_title]


def _first(rules: list, page: _Page):  # noqa: ANN202 - each list returns its own kind of value
    return next((found for rule in rules if (found := rule(page))), None)


def extract(text: str) -> Header:
    lines = _lines(text)
    page = _Page(text, lines, collapse(text[:6000]))
    h = Header()
    h.symbol = page.symbol = _symbol(text, lines) or _symbol_of_site_title(page) or (
        page.portal_title["symbol"] if page.portal_title else None)
    h.doc_type, type_at = _doc_type(text, lines, h.symbol)
    h.title = _title(lines, type_at) or _meta(text, "Trích yếu") or _title_of_site_title(page)
    issuer_name, issuer_province = _first(ISSUER_RULES, page) or (None, None)
    if not is_central_body(issuer_name):
        h.province = issuer_province or _first(PROVINCE_RULES, page)
    if h.province and h.province.startswith("Thành phố "):
        h.province = h.province[len("Thành phố "):]
    if issuer_name:
        h.issuer = _with_province(issuer_name, h.province)
    h.issued_date = _first(DATE_RULES, page)
    signer = _meta(text, "Người ký")
    h.signer = signer if signer and _NAME.match(signer) else _signature_name(text)
    return h


def _symbol_of_site_title(page: _Page) -> str | None:
    m = page.site_title
    return m["symbol"] if m else None


def _title_of_site_title(page: _Page) -> str | None:
    m = page.site_title
    return m["title"] if m else None


# The signature block: the signing title (after "TM." / "KT." lines), then the name, on lines of their
# own or run together in one table cell ("KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trương Việt Dũng").
_SIGNATURE = re.compile(
    r"(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|TRƯỞNG\s+BAN|BÍ\s+THƯ|CHÁNH\s+VĂN\s+PHÒNG|"
    r"CHỦ\s+NHIỆM|TỔNG\s+GIÁM\s+ĐỐC|(?<!PHÓ\s)TRƯỞNG|THƯỜNG\s+TRỰC)[ \t]*\|?\s*"
    r"(?:(?:\(|\[)[^)\]\n]{0,30}(?:\)|\])\s*)*"
    r"(?P<name>[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:[ \t]+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4})\b(?![ \t]*[a-zà-ỹđ])"
)


def _signature_name(text: str) -> str | None:
    """The name under the last signing title of the text's first signature block."""
    sent = re.search(r"(?m)^[ \t|]*Nơi nhận", text)
    found = list(_SIGNATURE.finditer(text, sent.start() if sent else 0))
    if not found:
        return _name_ending_the_block(text, sent.start()) if sent else None
    return collapse(found[0]["name"] if sent else found[-1]["name"])


_SIGN_TITLE_LINE = re.compile(r"(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|TRƯỞNG\s+BAN|BÍ\s+THƯ|"
                              r"CHÁNH\s+VĂN\s+PHÒNG|CHỦ\s+NHIỆM|THƯỜNG\s+TRỰC)\s*$", re.MULTILINE)
_NAME_AT_END = re.compile(r"(?:^|[.;,:|]\s*|\s)(?P<name>[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:[ \t]+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4})[ \t]*$",
                          re.MULTILINE)


def _name_ending_the_block(text: str, sent: int) -> str | None:
    """A signature flattened into the recipients' lines ("Nơi nhận: KT. CHÁNH VĂN PHÒNG" … "- Lưu: VT, KTN.
    Đỗ Thị Hồng Nhung"): the name that ends a line after the signing title, within the block."""
    title = _SIGN_TITLE_LINE.search(text, sent, sent + 1500)
    if title is None:
        return None
    names = [m["name"] for m in _NAME_AT_END.finditer(text, title.end(), title.end() + 800)
             if not agencies.match_at(agencies.normalise(m["name"]), 0)]
    return collapse(names[0]) if names else None


def _with_province(issuer: str, province: str | None) -> str:
    """A provincial body's full name: "Tỉnh ủy Bắc Giang", "Ủy ban nhân dân tỉnh Phú Yên", and for a
    bare "Ủy ban nhân dân" of a centrally-run city "Ủy ban nhân dân thành phố Cần Thơ"."""
    if not province:
        return issuer
    if issuer in ("Ủy ban nhân dân", "Ủy ban nhân dân tỉnh"):
        return people_committee(province)
    if issuer.endswith(("tỉnh", "Tỉnh ủy", "thành phố", "Thành ủy")):
        return f"{issuer} {province}"
    return issuer
