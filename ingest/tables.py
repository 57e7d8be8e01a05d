"""Task and target tables, whatever their rendering.

A table is a header row naming its columns and rows of cells. Three renderings reach us:

- ``| a | b | c |`` rows, one per line (Markdown, or a legal site's HTML table after
  ``layout.cell_lines_to_rows`` has joined its one-cell-per-line form into rows): the cells are
  known; a cell spanning several rows is printed only in its first row, so a short row's cells are
  aligned to the columns by what they hold, and the missing columns take the value of the row above;
- PDF text: each row starts with its STT number and its cells follow one after another, wrapped
  over lines (with or without blank lines between), sometimes two cells on one line, the header
  repeated after a page break, a row continued on the next page. Each line is cut into cell pieces
  by what the pieces look like (agency list, time, money source, value, prose), and each piece is
  put in a column by its look and by column order.

Headers are found by their column titles (``table_columns`` of the vocabulary file) wherever they
stand. Every decision is a small named rule in an ordered list; every loop over lines, cells or
pieces advances at each step, and reads a bounded window of a cell, never the whole cell again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from policykg.ingest import agencies, vocabulary
from policykg.ingest.text import collapse, new_style_tones

# ---------------------------------------------------------------------------------------------
# Column titles
# ---------------------------------------------------------------------------------------------

_BOTH = "agencies"  # one column for lead and partners: "Sở X (chủ trì); Sở Y", or the lead listed first
AGENCY_ROLES = ("lead", "coordinators", "monitor", _BOTH)
_CELL_ROLES = (*AGENCY_ROLES, "time", "product", "funding", "value")  # what makes a row a task or target
_UNUSED = ("stt", "note")
_MARKUP = re.compile(r"[*_#`]+")


@lru_cache(maxsize=16384)  # a table's cells and headers are read by several rules
def plain(text: str) -> str:
    """A cell or header as words: markup removed, whitespace collapsed, new-style tones."""
    return collapse(new_style_tones(_MARKUP.sub(" ", text)))


@cache
def _title_pattern() -> re.Pattern[str]:
    titles = sorted(vocabulary.data()["table_columns"], key=len, reverse=True)

    def loose(title: str) -> str:
        out = re.escape(new_style_tones(title))
        return out.replace(r"\ ", r"\s+").replace("/", r"\s*/\s*").replace(",", r"\s*,")

    return re.compile(r"(?<!\w)(?:" + "|".join(loose(t) for t in titles) + r")(?!\w)", re.IGNORECASE)


@cache
def _role_of_title() -> dict[str, str]:
    return {plain(t).lower().replace(" /", "/").replace("/ ", "/"): r
            for t, r in vocabulary.data()["table_columns"].items()}


_YEAR_AFTER = re.compile(r"\s*(\d{4})(?!\d)")


@dataclass(frozen=True)
class Title:
    """A column title found in a header text."""

    role: str
    year: int | None
    start: int
    end: int


def column_titles(text: str) -> list[Title]:
    """The column titles of a header text (already ``plain``), in order; a value title takes the
    year printed after it ("Mục tiêu đến năm 2030")."""
    out: list[Title] = []
    for m in _title_pattern().finditer(text):
        key = re.sub(r"\s*/\s*", "/", re.sub(r"\s*,", ",", re.sub(r"\s+", " ", m.group(0).lower())))
        role = _role_of_title().get(key, "note")
        year = None
        end = m.end()
        if role == "value":
            y = _YEAR_AFTER.match(text, end)
            if y:
                year, end = int(y.group(1)), y.end()
        out.append(Title(role, year, m.start(), end))
    return out


def _letters(text: str) -> int:
    return len(re.sub(r"[\W\d_]", "", text))


def _title_share(text: str, titles: list[Title]) -> float:
    """How much of a header text its titles make up (letters)."""
    total = _letters(text)
    return sum(_letters(text[t.start:t.end]) for t in titles) / total if total else 0.0


_MIN_TITLE_SHARE = 0.6  # a header is made of its titles ("Cơ quan, đơn vị, chủ trì thực hiện" still is)
_MAX_TITLE_CELL = 80  # characters: a longer cell is data, not a title
_UNIT = re.compile(r"\([^()]{0,30}\)")


def column_role(cell: str) -> tuple[str, int | None] | None:
    """The role of a header cell ("Cơ quan chủ trì" -> lead, "Mục tiêu đến năm 2030" -> value, 2030),
    or None when the cell is not a column title. The longest title in the cell decides."""
    text = _UNIT.sub(" ", plain(cell)).strip()  # "Dự kiến kinh phí (triệu đồng)"
    if not text or len(text) > _MAX_TITLE_CELL:
        return None
    titles = column_titles(text)
    if not titles or _title_share(text, titles) < _MIN_TITLE_SHARE:
        return None
    best = max(titles, key=lambda t: t.end - t.start)
    return best.role, next((t.year for t in titles if t.year), None)


def _resolve(roles: list[str | None]) -> list[str | None]:
    """A target table titled "Chỉ tiêu | … | Mục tiêu đến năm 2030": with no text column, the first of
    two value columns names the indicators."""
    if "text" not in roles and roles.count("value") >= 2:
        roles = list(roles)
        roles[roles.index("value")] = "text"
    return roles


def _header_roles(cells: list[str]) -> tuple[list[str | None], int | None]:
    roles: list[str | None] = []
    year = None
    for cell in cells:
        found = column_role(cell)
        roles.append(found[0] if found else None)
        year = year or (found[1] if found else None)
    return _resolve(roles), year


def is_header_row(cells: list[str]) -> bool:
    """A row of column titles naming a task or target table: a text column and at least one column
    of agencies, time, product, funding or value; two thirds of its filled cells are titles."""
    filled = [c for c in cells if plain(c)]
    if len(filled) < 2:
        return False
    roles, _ = _header_roles(filled)
    titled = [r for r in roles if r]
    return "text" in roles and any(r in _CELL_ROLES for r in titled) and 3 * len(titled) >= 2 * len(filled)


# ---------------------------------------------------------------------------------------------
# Tables and rows
# ---------------------------------------------------------------------------------------------


@dataclass
class Row:
    """One task or target row, its cells as printed, and the lines it spans."""

    stt: str
    path: str
    cells: dict[str, list[str]] = field(default_factory=dict)
    start: int = 0
    end: int = 0
    first_line: int = 0
    last_line: int = 0

    def cell(self, role: str) -> str | None:
        parts = self.cells.get(role)
        if not parts:
            return None
        return collapse("\n".join(parts)) or None


@dataclass
class Table:
    prefix: str
    columns: list[str]
    year: int | None
    rows: list[Row]
    start: int
    end: int


@dataclass
class _Line:
    text: str
    start: int
    end: int
    number: int
    page_start: bool = False


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        start, end = pos, pos + len(raw)
        pos = end + 1
        if not raw.strip():
            out.append(_Line("", start, end, number))
            continue
        page_start = raw.startswith(" ") and not raw.startswith("  ")  # the PDF tool indents a page's first line
        out.append(_Line(raw.strip(), start, end, number, page_start))
    return out


_ROMAN = re.compile(r"[IVX]{1,4}")
_STT = re.compile(r"^\s*(?P<n>[IVX]{1,4}|\d{1,2}(?:\.\d{1,2}){0,3})\.?(?=\s|$)\s*(?P<rest>.*)$")
_BARE_CAPTION = re.compile(r"^\s*PHỤ LỤC\s*:?\s*$")
_CAPTION = re.compile(r"^\s*PHỤ(?:\s+LỤC)?\s*(?:SỐ\s*)?(?P<n>\d+|[IVX]+)\b", re.IGNORECASE)
TIME = re.compile(
    r"^(?:H[ằà]ng năm|Thường xuyên|Định kỳ|Trước\s+ngày|Từ tháng|Từ năm|Năm \d{4}|Quý|Tháng|"
    r"\d{4}\s?-\s?\d{4}|\d{4}\s?-$|\d{4}\.?$|Giai đoạn)",
    re.IGNORECASE,
)
FUNDING = re.compile(r"^(?:NSNN|Ngân sách|Nguồn|Kinh phí|Vốn|Xã hội hóa)", re.IGNORECASE)
# A time cell of a '|' table: a time phrase or a date ("30/6/2026", "Ngày 15/3/2026", "Trong năm 2026").
_TIME_CELL = re.compile(
    rf"{TIME.pattern}|^(?:Ngày\s+)?\d{{1,2}}/\d{{1,2}}/\d{{4}}|^(?:Trong|Đến|Cuối|Đầu)\s+(?:năm|tháng|quý)",
    re.IGNORECASE,
)
VALUE = re.compile(r"^(?:[≥≤><]\s?)?\d+(?:[.,]\d+)?\s?%?$")
_FUNCTION_END = re.compile(r"(?:[,;]|\b(?:và|các|Các|với|của|sở|Sở))\s*$")
_WINDOW = 300  # characters of a cell's end that the rules read


def _path(prefix: str, roman: str, n: str) -> str:
    return ".".join(p for p in (prefix, roman if not _ROMAN.fullmatch(n) else "", n) if p)


def _caption_prefix(text: str, prefix: str) -> str:
    """The path prefix an appendix caption gives the rows after it ("PHỤ LỤC 02" -> PL02; an
    unnumbered "PHỤ LỤC" -> PL, so that its rows do not take the body's paths)."""
    caption = _CAPTION.match(text)
    if caption and not _title_pattern().match(text.lstrip()):
        n = caption.group("n")
        return f"PL{int(n):02d}" if n.isdigit() else f"PL{n}"
    if _BARE_CAPTION.match(text):
        return "PL"
    return prefix


def _is_pipe_row(text: str) -> bool:
    return text.count("|") >= 2


def _pipe_cells(text: str) -> list[str]:
    return [cell.strip() for cell in text.strip().strip("|").split("|")]


def find_tables(text: str) -> list[Table]:
    """Every task or target table in the text, with its rows reassembled."""
    lines = _lines(text)
    tables: list[Table] = []
    i = 0
    prefix = ""
    while i < len(lines):
        line = lines[i]
        prefix = _caption_prefix(line.text, prefix)
        reader = _read_pipe_table if _is_pipe_row(line.text) else _read_table
        table, nxt = reader(lines, i, prefix)
        if table:
            tables.append(table)
        i = max(nxt, i + 1)  # always advances
    return tables


# ---------------------------------------------------------------------------------------------
# '|' tables
# ---------------------------------------------------------------------------------------------

_STT_CELL = re.compile(r"^(?:[IVX]{1,4}|[A-ZĐ]|[a-zđ]|\d{1,2}(?:\.\d{1,2}){0,3})[.)]?$")
_SUB_MARK = re.compile(r"^[-+–•]\s*")
_TEXT_NUMBER = re.compile(r"^(?P<n>[IVX]{1,4}|\d{1,2}(?:\.\d{1,2}){0,3})[.)]\s+(?=\S)")


def _cell_kind(cell: str) -> str:
    """What a cell holds: empty, stt, value, time, funding, body (one named body), agencies (several,
    or a group) or prose."""
    flat = plain(cell)
    if not flat or re.fullmatch(r"[-+–•.]", flat):
        return "empty"
    if _STT_CELL.match(flat):
        return "stt"
    if VALUE.match(flat):
        return "value"
    if _TIME_CELL.match(flat):
        return "time"
    if FUNDING.match(flat):
        return "funding"
    return _agency_kind(flat) or "prose"


_MAX_AGENCY_CELL = 600  # characters: a longer cell is prose


def _agency_kind(flat: str) -> str | None:
    """"body" for a cell naming one body, "agencies" for several bodies or a group, None when the
    cell is not made of bodies (listed, by name pattern, or headed like a body)."""
    if len(flat) > _MAX_AGENCY_CELL:
        return None
    found = agencies.cell_bodies(flat)
    text = agencies.normalise(flat)
    covered = sum(_letters(text[a.start:a.end]) for a in found)
    if not found or covered < 0.7 * _letters(text):
        return None
    return "body" if len(found) == 1 and found[0].kind == "specific" else "agencies"


# How well a cell of each kind fits a column of each role (alignment of a short row).
# "*": any other column.
_FIT: dict[str, dict[str, float]] = {
    "empty": {"stt": 1, "text": -1, "*": 0},
    "stt": {"stt": 3, "value": 2, "text": -3, "*": -2},
    "value": {"value": 3, "text": -2, "*": -2},
    "time": {"time": 3, "text": -1, "product": -1, "stt": -5, "*": -2},
    "funding": {"funding": 3, "text": -1, "product": 0, "stt": -5, "*": -2},
    # several bodies or a group partner more often than they lead; the body that follows up is the
    # same for many rows (it spans rather than being printed in a short row)
    "body": {"lead": 2, "coordinators": 2, _BOTH: 2, "monitor": 1.5, "text": -1, "product": -1, "stt": -5,
             "*": -2},
    "agencies": {"lead": 2, "coordinators": 2.5, _BOTH: 2.5, "monitor": 1.5, "text": -1, "product": -1,
                 "stt": -5, "*": -2},
    "prose": {"text": 2, "product": 1, "note": 0, "funding": -1, "stt": -5, "*": -2},
}


def align(kinds: list[str], roles: list[str | None], repeated: frozenset[tuple[int, str]] = frozenset()) -> list[int]:
    """The column of each cell of a row printed with fewer cells than columns: cells keep their
    order, each goes where its kind fits best; a cell printed as the row above printed a column
    (``repeated``: cell index, role) fits that column better, since a spanning value is printed
    once; when two placements fit as well, the earlier column is the one left out (its value spans
    from the row above: a lead shared by several rows)."""
    n, m = len(kinds), len(roles)
    neg = float("-inf")
    best = [[0.0] * (m + 1)] + [[neg] * (m + 1) for _ in range(n)]
    took = [[False] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(i, m + 1):
            skip = best[i][j - 1]
            fits = _FIT[kinds[i - 1]]
            role = roles[j - 1] or "note"
            take = best[i - 1][j - 1] + fits.get(role, fits["*"]) + ((i - 1, role) in repeated)
            best[i][j], took[i][j] = (take, True) if take >= skip else (skip, False)
    out: list[int] = []
    i, j = n, m
    while i > 0:  # each step lowers j, and i when a cell is placed
        if took[i][j]:
            out.append(j - 1)
            i -= 1
        j -= 1
    return out[::-1]


@dataclass
class _PipeRow:
    """One printed row: its cells by role (None: not printed, spanning from the row above)."""

    raw: list[str]  # the cells as printed
    cells: dict[str, str | None]
    own: set[str]  # roles whose cell this row prints
    line: _Line


@dataclass
class _PipeState:
    roles: list[str | None]
    prefix: str
    rows: list[Row] = field(default_factory=list)
    roman: str = ""
    parent: Row | None = None  # the numbered row that sub-rows belong to
    subs: int = 0
    above: dict[str, str] = field(default_factory=dict)  # the last task row's cells, for row spans
    ordinal: int = 0  # numbers of rows in a table without an STT column


def _by_role(raw: list[str], roles: list[str | None], line: _Line, above: dict[str, str] | None = None) -> _PipeRow:
    """A printed row's cells by column (``align`` for a short row, knowing the row above's cells)."""
    cells = raw
    if len(cells) > len(roles):  # surplus cells: the last column's
        cells = [*cells[: len(roles) - 1], " ".join(cells[len(roles) - 1:])]
    if len(cells) == len(roles):
        columns = list(range(len(cells)))
    else:
        seen = {plain(v): r for r, v in (above or {}).items() if r in AGENCY_ROLES}
        repeated = frozenset((i, seen[plain(c)]) for i, c in enumerate(cells) if plain(c) in seen)
        columns = align([_cell_kind(c) for c in cells], roles, repeated)
    out: dict[str, str | None] = {r: None for r in roles if r}
    own: set[str] = set()
    for col, cell in zip(columns, cells):
        role = roles[col]
        if role:
            out[role] = cell
            own.add(role)
    return _PipeRow(raw, out, own, line)


_PipeRule = Callable[[_PipeState, _PipeRow], bool]


def _rule_markdown_rule(state: _PipeState, row: _PipeRow) -> bool:
    """``|---|:---:|`` under a Markdown header, and rows of empty cells."""
    return all(re.fullmatch(r":?-*:?", plain(c)) for c in row.raw)


def _rule_repeated_header(state: _PipeState, row: _PipeRow) -> bool:
    """The header printed again (after a page break, "(tiếp)"), or a second header row of
    sub-titles: no row."""
    filled = [c for c in row.raw if plain(c) and not re.fullmatch(r"\(?\d{1,2}\)?", plain(c))]
    return bool(filled) and all(column_role(c) or re.search(r"tiếp", c, re.IGNORECASE) for c in filled)


def _is_upper_title(text: str) -> bool:
    letters = re.sub(r"[\W\d_]", "", text)
    return len(letters) >= 4 and letters.isupper()


def _rule_group_row(state: _PipeState, row: _PipeRow) -> bool:
    """A group row: a Roman numeral or a capital letter, or a title in capitals, and no other cell.
    It gives the Roman part of its rows' paths."""
    filled = [plain(c) for c in row.raw if plain(c)]
    if not filled or len(filled) > 2:
        return False
    number = filled[0] if len(filled) == 2 else ""
    title = filled[-1]
    if number and not (_ROMAN.fullmatch(number.rstrip(".")) or re.fullmatch(r"[A-ZĐ]\.?", number)):
        return False
    if not number:  # "I. Nhóm nhiệm vụ …" in the text cell, or a title in capitals
        in_text = _TEXT_NUMBER.match(title)
        number = in_text.group("n") if in_text and _ROMAN.fullmatch(in_text.group("n")) else ""
        if not number and not _is_upper_title(title):
            return False
    if number:  # a title without a number keeps the group's part of the path
        state.roman = number.rstrip(".")
    state.parent, state.subs, state.above = None, 0, {}
    return True


def _stt_and_text(state: _PipeState, row: _PipeRow) -> tuple[str, str]:
    stt = plain(row.cells.get("stt") or "")
    text = (row.cells.get("text") or "").strip()
    if not stt and "stt" not in state.roles:
        m = _TEXT_NUMBER.match(plain(text))
        if m:
            return m.group("n"), plain(text)[m.end():]
    return stt.rstrip(".)"), text


def _start_row(state: _PipeState, row: _PipeRow, path: str, stt: str, text: str) -> Row:
    out = Row(stt, path, start=row.line.start, end=row.line.end, first_line=row.line.number,
              last_line=row.line.number)
    spans = len(row.own - {"stt", "text"}) > 0  # a row printing only its number and title takes no spans
    for role, cell in row.cells.items():
        value = text if role == "text" else cell
        if value is None and spans and role not in ("stt", "text"):
            value = state.above.get(role)
        if value and plain(value) and role not in _UNUSED:
            out.cells[role] = [value]
    state.above = {r: c[0] for r, c in out.cells.items()}
    state.rows.append(out)
    return out


def _rule_numbered_row(state: _PipeState, row: _PipeRow) -> bool:
    """A row with its number (or, in a table without an STT column, a text cell that starts with a
    capital): a row of its own, path from the number."""
    stt, text = _stt_and_text(state, row)
    if not stt and "stt" not in state.roles and plain(text)[:1].isupper() and not _SUB_MARK.match(text):
        state.ordinal += 1
        stt = str(state.ordinal)
    if re.fullmatch(r"[a-zđ]", stt) and state.parent is not None:  # a lettered row under a numbered one
        _start_row(state, row, f"{state.parent.path}.{stt}", stt, text)
        return True
    if not stt or not re.fullmatch(r"\d{1,2}(?:\.\d{1,2}){0,3}", stt):
        return False
    state.parent = _start_row(state, row, _path(state.prefix, state.roman, stt), stt, text)
    state.subs = 0
    return True


def _rule_continuation(state: _PipeState, row: _PipeRow) -> bool:
    """A row with no number whose text goes on in lower case (or that has no text): the row
    above, continued cell by cell."""
    _, text = _stt_and_text(state, row)
    if not state.rows or (plain(text) and not plain(text)[:1].islower()):
        return False
    last = state.rows[-1]
    for role in row.own - {"stt"}:
        cell = row.cells.get(role)
        if cell and plain(cell) and role not in _UNUSED:
            last.cells.setdefault(role, []).append(cell)
    last.end, last.last_line = row.line.end, row.line.number
    return True


def _rule_sub_row(state: _PipeState, row: _PipeRow) -> bool:
    """An unnumbered sub-row ('-'/'+' item, or an empty number cell) with its own text: a row of its
    own, path of the numbered row above plus '-1', '-2', …"""
    _, text = _stt_and_text(state, row)
    text = _SUB_MARK.sub("", plain(text))
    if not text:
        return False
    state.subs += 1
    base = state.parent.path if state.parent else _path(state.prefix, state.roman, "") or "PL"
    _start_row(state, row, f"{base}-{state.subs}", "", text)
    return True


_PIPE_ROW_RULES: list[_PipeRule] = [
    _rule_markdown_rule, _rule_repeated_header, _rule_group_row, _rule_numbered_row, _rule_continuation,
    _rule_sub_row,
]


def _read_pipe_table(lines: list[_Line], i: int, prefix: str) -> tuple[Table | None, int]:
    """A table of '|' rows whose header row names its columns."""
    header = _pipe_cells(lines[i].text)
    if not is_header_row(header):
        return None, i + 1
    roles, year = _header_roles(header)
    k = i + 1
    sub = _next_pipe_row(lines, k)
    if sub is not None and _BOTH in roles:  # "Cơ quan thực hiện" over "Chủ trì | Phối hợp"
        sub_roles, _ = _header_roles(_pipe_cells(lines[sub].text))
        if sub_roles and all(sub_roles):
            at = roles.index(_BOTH)
            roles = [*roles[:at], *sub_roles, *roles[at + 1:]]
            k = sub + 1
    state = _PipeState(roles, prefix)
    while k < len(lines) and (not lines[k].text or _is_pipe_row(lines[k].text)):
        line = lines[k]
        k += 1
        if line.text:
            row = _by_role(_pipe_cells(line.text), roles, line, state.above)
            next((rule for rule in _PIPE_ROW_RULES if rule(state, row)), None)
    columns = [r for r in roles if r and r not in _UNUSED]
    end = lines[min(k, len(lines)) - 1].end
    return Table(prefix, columns, year, state.rows, lines[i].start, end), k


def _next_pipe_row(lines: list[_Line], k: int) -> int | None:
    while k < len(lines) and not lines[k].text:
        k += 1
    return k if k < len(lines) and _is_pipe_row(lines[k].text) else None


# ---------------------------------------------------------------------------------------------
# PDF text tables
# ---------------------------------------------------------------------------------------------

_MAX_HEADER_LINES = 16


@dataclass
class _Header:
    first: str  # the role of the title it starts with
    roles: list[str]
    year: int | None
    lines: list[str]  # as printed (blank lines left out)
    words: frozenset[str]
    end: int  # index of the first line after it
    sequence: tuple[str, ...] = ()  # its words in order


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,;/()]+", plain(text).lower()) if w]


def _pdf_header(lines: list[_Line], i: int) -> _Header | None:
    """A header that starts with a column title at line ``i`` and runs to the first row ('1' or
    'I'): its titles must make up most of it and name a text column and one more."""
    first = plain(lines[i].text)
    titles = column_titles(first) if first else []
    # a header starts with a title: the row number's, or one of two on its first line (a caption in
    # capitals such as "NHIỆM VỤ THỰC HIỆN KẾ HOẠCH" names one)
    if not titles or titles[0].start != 0 or (titles[0].role != "stt" and len(titles) < 2):
        return None
    texts: list[str] = []
    j = i
    found_row = False
    while j < len(lines) and len(texts) < _MAX_HEADER_LINES:
        t = lines[j].text
        row = _STT.match(t) if t else None
        if row and texts and row.group("n") in {"1", "I"}:
            found_row = True
            break
        if t:
            texts.append(t)
        j += 1
    joined = plain(" ".join(texts))
    titles = column_titles(joined)
    if not found_row or _title_share(joined, titles) < _MIN_TITLE_SHARE:
        return None
    roles = [r for r in _resolve([t.role for t in titles]) if r and r not in _UNUSED]
    roles = list(dict.fromkeys(roles))
    if "text" not in roles or len(roles) < 2:
        return None
    year = next((t.year for t in titles if t.year), None)
    words = _words(joined)
    return _Header(titles[0].role, roles, year, texts, frozenset(words) | {"tiếp", "theo"}, j, tuple(words))


def _successors(last: list[str] | None) -> set[str]:
    """STT numbers that may follow ``last`` (next sibling, first child, next at any level)."""
    if last is None:
        return {"1", "I"}
    out: set[str] = set()
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    if last[0] in roman:
        i = roman.index(last[0])
        if i + 1 < len(roman):
            out.add(roman[i + 1])
        out.add("1")
        return out
    nums = [int(x) for x in last[0].split(".")]
    out.add(".".join(map(str, nums + [1])))
    for depth in range(len(nums)):
        nxt = nums[: depth + 1]
        nxt[-1] += 1
        out.add(".".join(map(str, nxt)))
    for r in roman:
        out.add(r)
    return out


@dataclass
class _PdfReader:
    """What the line rules know while reading a PDF table."""

    lines: list[_Line]
    header: _Header
    prefix: str
    state: _RowState
    rows: list[Row] = field(default_factory=list)
    roman: str = ""
    last: list[str] | None = None


_STOP = -1
_LineRule = Callable[[_PdfReader, int], int | None]  # the index of the next line, _STOP, or None: not mine


def _line_blank(reader: _PdfReader, k: int) -> int | None:
    """Blank lines carry nothing: the converter adds or drops them at will."""
    return k + 1 if not reader.lines[k].text else None


def _line_table_end(reader: _PdfReader, k: int) -> int | None:
    """A new appendix caption or the closing mark './.' ends the table."""
    t = reader.lines[k].text
    return _STOP if _CAPTION.match(t) or t in {"./.", "./"} else None


def repeated_header_end(lines: list[_Line], k: int, header: _Header) -> int | None:
    """The line after a header printed again at ``k`` (after a page break, maybe reworded: "…
    (tiếp)"): lines made only of the header's words, at most as many as it has, holding two of its
    column titles; None if there is none at ``k``."""
    budget = sum(len(_words(t)) for t in header.lines) + 2
    j = k
    taken: list[str] = []
    while j < len(lines) and len(taken) < len(header.lines):
        t = lines[j].text
        if t:
            words = _words(t)
            if not words or not set(words) <= header.words or len(words) > budget:
                break
            budget -= len(words)
            taken.append(t)
        j += 1
    titles = column_titles(plain(" ".join(taken)))
    if not titles or titles[0].start != 0 or titles[0].role != header.first or len({t.role for t in titles}) < 2:
        return None
    return j


def _line_repeated_header(reader: _PdfReader, k: int) -> int | None:
    end = repeated_header_end(reader.lines, k, reader.header)
    if end is None:
        return None
    reader.state.page_break()
    return max(end, k + 1)


_WORD = re.compile(r"[^\s,;/()]+")


def _line_header_then_text(reader: _PdfReader, k: int) -> int | None:
    """The whole header repeated on one line with the row's text run on after it (a converter that
    joined the two lines): the header is skipped, the rest is cell text."""
    line = reader.lines[k]
    words = reader.header.sequence
    found = list(zip(range(len(words) + 1), _WORD.finditer(plain(line.text))))
    if len(found) <= len(words) or tuple(m.group(0).lower() for _, m in found[: len(words)]) != words:
        return None
    rest = plain(line.text)[found[len(words) - 1][1].end():].strip()
    reader.state.page_break()
    reader.state.add(rest, line)
    return k + 1


def _next_text(lines: list[_Line], k: int) -> tuple[str, int]:
    j = k + 1
    while j < len(lines) and not lines[j].text:
        j += 1
    return (lines[j].text, j) if j < len(lines) else ("", j)


def _line_page_number(reader: _PdfReader, k: int) -> int | None:
    """A lone number is a page number when a repeated header or a fitting row follows it."""
    t = reader.lines[k].text
    if not re.fullmatch(r"\d{1,3}", t):
        return None
    nxt, j = _next_text(reader.lines, k)
    m = _STT.match(nxt)
    page = (repeated_header_end(reader.lines, j, reader.header) is not None
            or t not in _successors(reader.last)
            or bool(m and m.group("n") in _successors(reader.last) and m.group("n") not in _successors([t])))
    if not page:
        return None
    reader.state.page_break()
    return k + 1


def _line_new_row(reader: _PdfReader, k: int) -> int | None:
    """A line starting with the number that may come next starts a row."""
    line = reader.lines[k]
    m = _STT.match(line.text)
    if not m or m.group("n") not in _successors(reader.last):
        return None
    n = m.group("n")
    if _ROMAN.fullmatch(n):
        reader.roman = n
    reader.last = [n]
    reader.state.finish(reader.rows)
    reader.state.start(Row(n, _path(reader.prefix, reader.roman, n), start=line.start, first_line=line.number))
    if line.page_start:
        reader.state.page_break()
    if m.group("rest"):
        reader.state.add(m.group("rest"), line)
    return k + 1


def _line_cell_text(reader: _PdfReader, k: int) -> int | None:
    """Any other line holds cell text of the current row (a page's first line first ends the
    page's part of the row)."""
    line = reader.lines[k]
    if line.page_start:
        reader.state.page_break()
    reader.state.add(line.text, line)
    return k + 1


_LINE_RULES: list[_LineRule] = [
    _line_blank, _line_table_end, _line_repeated_header, _line_header_then_text, _line_page_number,
    _line_new_row, _line_cell_text,
]


def _read_table(lines: list[_Line], i: int, prefix: str) -> tuple[Table | None, int]:
    header = _pdf_header(lines, i)
    if header is None:
        return None, i + 1
    reader = _PdfReader(lines, header, prefix, _RowState(header.roles))
    k = header.end
    while k < len(lines):
        nxt = next(n for rule in _LINE_RULES if (n := rule(reader, k)) is not None)
        if nxt == _STOP:
            break
        k = max(nxt, k + 1)  # every rule consumes at least the line it read
    reader.state.finish(reader.rows)
    end = lines[min(k, len(lines) - 1)].end
    return Table(prefix, header.roles, header.year, _number_overflow(reader.rows), lines[i].start, end), k


def _number_overflow(rows: list[Row]) -> list[Row]:
    """Rows split off a numbered row (two indicators in one row) share the next number."""
    out: list[Row] = []
    for i, row in enumerate(rows):
        if row.stt == "" and i + 1 < len(rows):
            nxt = rows[i + 1]
            row.stt, row.path = nxt.stt, nxt.path + "-1"
            nxt.path += "-2"
        out.append(row)
    return out


def _tail(parts: list[str]) -> str:
    """The end of a cell, collapsed: its last pieces up to ``_WINDOW`` characters, cut after a
    separator when longer (the rules read how a cell ends, never the whole cell again)."""
    out: list[str] = []
    size = 0
    for part in reversed(parts):
        out.append(part)
        size += len(part) + 1
        if size > _WINDOW:
            break
    flat = collapse("\n".join(reversed(out)))
    if len(flat) > _WINDOW:
        flat = flat[-_WINDOW:]
        cut = re.search(r"[;,]\s*", flat)
        flat = flat[cut.end():] if cut else flat
    return flat


@lru_cache(maxsize=4096)
def _agency_text(flat: str) -> bool:
    """``agencies.looks_like_agency_text`` on a bounded piece (a longer one is prose)."""
    return len(flat) <= _MAX_AGENCY_CELL and agencies.looks_like_agency_text(flat)


@dataclass
class _Piece:
    text: str
    flat: str
    lower: bool
    current: str  # the column the previous piece went to


class _RowState:
    """Puts the pieces of the current row into columns."""

    def __init__(self, columns: list[str]) -> None:
        self.columns = columns
        self.agency_cols = [c for c in columns if c in AGENCY_ROLES]
        self.row: Row | None = None
        self.pointer = 0
        self.block: list[tuple[str, _Line]] = []
        self.after_break = False
        self.extra: list[Row] = []

    def start(self, row: Row) -> None:
        self.row = row
        self.pointer = 0
        self.block = []
        self.after_break = False

    def add(self, text: str, line: _Line) -> None:
        if self.row is None:
            return
        self.block.append((text, line))
        self.row.end = line.end
        self.row.last_line = line.number

    def page_break(self) -> None:
        self._flush()
        self.after_break = True
        self.pointer = 0

    def finish(self, rows: list[Row]) -> None:
        self._flush()
        rows.extend(self.extra)
        self.extra = []
        if self.row is not None:
            rows.append(self.row)
        self.row = None

    # -- assigning pieces ----------------------------------------------------------
    def _flush(self) -> None:
        """The lines printed since the last page break: cut into pieces, each put in a column."""
        if self.row is None or not self.block:
            self.block = []
            return
        parts = line_parts([t for t, _ in self.block])
        self.block = []
        if self.after_break:
            parts = self._continue_open_cells(parts)
        for piece in merge_continuations(split_parts(parts)):
            self.place(piece)

    def col(self, role: str) -> str:
        """How the cell of ``role`` ends (collapsed, at most ``_WINDOW`` characters)."""
        assert self.row is not None
        return _tail(self.row.cells.get(role, []))

    def is_open(self, role: str) -> bool:
        """A cell that the page break cut mid-phrase."""
        content = self.col(role)
        if not content:
            return False
        if role in self.agency_cols:
            return bool(_FUNCTION_END.search(content)) or not _ends_with_listed_agency(content)
        if role == "time":
            return bool(re.search(r"(?:ngày|tháng|từ|-)$", content))
        return not content.endswith((".", ";", ":"))

    def _continue_open_cells(self, pieces: list[str]) -> list[str]:
        """After a page break, the lines that continue the cells the break cut, put back in column
        order (the PDF prints each column's remainder left to right); returns the lines left.

        A line continues the first open cell it fits: an agency cell takes lines that keep it a
        list of agencies, a text or product cell takes lower-case lines that are not agency lists.
        """
        opened = [c for c in self.columns if self.is_open(c)]
        i = done = 0
        for piece in pieces:
            flat = collapse(piece)
            while i < len(opened) and not self._fits(opened[i], flat):
                i += 1
            if i == len(opened):
                break
            self.put(opened[i], piece)
            done += 1
            if not self.is_open(opened[i]):
                i += 1
        if done:
            self.after_break = False
        return pieces[done:]

    def _fits(self, role: str, flat: str) -> bool:
        if role in self.agency_cols:
            return (flat[:1].islower() or bool(_FUNCTION_END.search(self.col(role)))) and \
                _agency_text(f"{self.col(role)} {flat}")
        if role == "time":
            return bool(re.match(r"\d{4}$", flat))
        # "triển kinh tế …", or "55-KH/TU tại từng cấp …" after "… và Kế hoạch số"
        starts_inside = flat[:1].islower() or (flat[:1].isdigit() and not _is_cell_kind(flat))
        return starts_inside and not _agency_text(flat)

    def put(self, role: str, piece: str) -> None:
        assert self.row is not None
        self.row.cells.setdefault(role, []).append(piece)
        self.pointer = self.columns.index(role)

    def place(self, piece: str) -> None:
        """Put one piece in a column: the first rule of ``PLACE_RULES`` that takes it."""
        assert self.row is not None
        flat = collapse(piece)
        ctx = _Piece(piece, flat, flat[:1].islower(), self.columns[self.pointer])
        next(rule for rule in PLACE_RULES if rule(self, ctx))

    def complete(self) -> bool:
        assert self.row is not None
        return all(self.row.cells.get(c) for c in self.columns if c in ("text", "value", "lead"))

    def overflow(self, piece: str) -> None:
        """A new prose cell after the last column: a second row printed inside this one."""
        assert self.row is not None
        self.extra.append(self.row)
        self.row = Row("", "", start=self.row.end, first_line=self.row.last_line)
        self.pointer = 0
        self.put("text", piece)


# The rules that put a piece in a column, in order; each returns True when it has placed the piece.
_PlaceRule = Callable[[_RowState, _Piece], bool]


def place_text_after_break(s: _RowState, p: _Piece) -> bool:
    """The first piece after a page break that is no agency list continues an unfinished text."""
    if not s.after_break:
        return False
    s.after_break = False
    if (p.lower or not _agency_text(p.flat)) and not _agency_text(p.flat):
        text = s.col("text")
        if text and not text.endswith((".", ";")):
            s.put("text", p.text)
            return True
    return False


def place_year_after_dash(s: _RowState, p: _Piece) -> bool:
    """"2026-" then "2030": one time cell."""
    if p.current == "time" and s.col("time").endswith("-") and re.match(r"\d{4}$", p.flat):
        s.put("time", p.text)
        return True
    return False


def place_open_cell(s: _RowState, p: _Piece) -> bool:
    """A cell cut after a function word or a date word takes the next piece (not a cell of its own)."""
    content = s.col(p.current)
    if content and p.current != "text" and not _is_cell_kind(p.flat) and (
            _FUNCTION_END.search(content) or re.search(r"(?:ngày|tháng|từ|-)$", content)):
        s.put(p.current, p.text)
        return True
    return False


def place_value(s: _RowState, p: _Piece) -> bool:
    if "value" in s.columns and VALUE.match(p.flat):
        s.put("value", p.text)
        return True
    return False


def place_time(s: _RowState, p: _Piece) -> bool:
    if "time" in s.columns and TIME.match(p.flat) and p.current != "text":
        s.put("time", p.text)
        return True
    return False


def place_funding(s: _RowState, p: _Piece) -> bool:
    if "funding" in s.columns and FUNDING.match(p.flat) and p.current != "text":
        s.put("funding", p.text)
        return True
    return False


def place_lower_case_continuation(s: _RowState, p: _Piece) -> bool:
    """A lower-case piece goes on with the current (non-text) cell, unless it starts a new agency
    list after a complete one, or is prose after an agency cell with the product column still ahead."""
    if not (p.lower and s.col(p.current) and p.current != "text"):
        return False
    agency_piece = _agency_text(p.flat)
    new_list = p.current in s.agency_cols and _ends_with_listed_agency(s.col(p.current)) and agency_piece
    prose_for_product = p.current in s.agency_cols and not agency_piece and "product" in s.columns \
        and s.columns.index("product") > s.pointer
    if new_list or prose_for_product:
        return False
    s.put(p.current, p.text)
    return True


def place_agencies(s: _RowState, p: _Piece) -> bool:
    """An agency list goes to the current agency column while it is open, else to the next one
    (the first not yet filled when the current column is no agency column)."""
    if not (_agency_text(p.flat) or (p.lower and p.current in s.agency_cols)):
        return False
    assert s.row is not None
    if not s.agency_cols:
        s.put("text", p.text)
    elif p.current in s.agency_cols:
        content = s.col(p.current)
        i = s.agency_cols.index(p.current)
        if _FUNCTION_END.search(content) or not content or i + 1 == len(s.agency_cols):
            s.put(p.current, p.text)
        else:
            s.put(s.agency_cols[i + 1], p.text)
    else:
        s.put(next((c for c in s.agency_cols if not s.row.cells.get(c)), s.agency_cols[-1]), p.text)
    return True


def place_product_after_text(s: _RowState, p: _Piece) -> bool:
    """A short capitalised piece after a finished text is the product ("Tin, bài")."""
    if (p.current == "text" and "product" in s.columns and not p.lower and len(p.flat) < 80
            and s.col("text").endswith(".") and "value" not in s.columns):
        s.put("product", p.text)
        return True
    return False


def place_text(s: _RowState, p: _Piece) -> bool:
    """Prose while the text is current, or a lower-case piece continuing an unfinished text (in a
    target table, prose after a complete last column starts a second row)."""
    text = s.col("text")
    if not (p.current == "text" or (p.lower and not s.col("product") and text and not text.endswith("."))):
        return False
    if "value" in s.columns and p.current != "text" and s.pointer >= len(s.columns) - 1 and s.complete():
        s.overflow(p.text)
    else:
        s.put("text", p.text)
    return True


def place_overflow(s: _RowState, p: _Piece) -> bool:
    if "value" in s.columns and s.complete() and s.pointer >= len(s.columns) - 1:
        s.overflow(p.text)
        return True
    return False


def place_product_or_text(s: _RowState, p: _Piece) -> bool:
    """Anything else: the product, or the text in a table without a product column."""
    s.put("product" if "product" in s.columns else "text", p.text)
    return True


PLACE_RULES: list[_PlaceRule] = [
    place_text_after_break, place_year_after_dash, place_open_cell, place_value, place_time, place_funding,
    place_lower_case_continuation, place_agencies, place_product_after_text, place_text, place_overflow,
    place_product_or_text,
]


# -- cutting printed lines into cell pieces ----------------------------------------------------


@dataclass
class _Cut:
    """A part of a line, and what the rules know about the piece it may continue."""

    flat: str  # the part, collapsed
    ahead: str  # the part and the next part (a time phrase wrapped after its first word)
    ahead3: str  # the part and the next two (a body's name wrapped over lines: "Các Trung" / "tâm nghiên")
    head: str  # the beginning of the piece so far
    tail: str  # the end of the piece so far
    short: str | None  # the whole piece so far when it is short enough to read as agencies (_WINDOW)


_CutRule = Callable[[_Cut], bool]


def cut_value_or_time(c: _Cut) -> bool:
    """A value, or a time phrase (also one wrapped after its first word: "Thường" / "xuyên")."""
    time = TIME.match(c.flat) or TIME.match(c.ahead)
    return bool(VALUE.match(c.flat) or time and not c.tail.endswith(("từ", "tháng")))


def cut_funding_after_time(c: _Cut) -> bool:
    return bool(FUNDING.match(c.flat) and TIME.match(c.head))


def cut_after_time(c: _Cut) -> bool:
    """A capitalised piece after a time cell ("Trước ngày 15/6/2026." then "Kế hoạch …")."""
    return bool(TIME.match(c.head)) and not TIME.match(c.flat) and not c.flat[:1].islower() \
        and not c.flat[:1].isdigit()


def cut_after_value(c: _Cut) -> bool:
    return c.short is not None and bool(VALUE.match(c.short))


def _starts_agencies(c: _Cut) -> bool:
    """The part is agencies, or begins a list of bodies whose first name runs over the line end."""
    if _agency_text(c.flat) or _agency_text(c.ahead):
        return True
    found, end = agencies.leading_list(c.ahead3[:_WINDOW])
    return bool(found) and end >= len(agencies.normalise(c.flat))


def cut_agencies_after_prose(c: _Cut) -> bool:
    """An agency list after a finished sentence, or after a long text."""
    if c.short is not None and _agency_text(c.short):
        return False
    if c.tail.endswith((".", ";")):
        return _starts_agencies(c)
    if not c.flat[:1].isupper():
        return False
    if (c.short is None or len(c.short) > 60) and _agency_text(c.flat):
        return True
    prose = c.short is None or (len(c.short) > 30 and not agencies.leading_list(c.short)[0])
    return prose and not _mid_phrase(c.tail) and _starts_agencies(c)


@cache
def _mid_phrase_pattern() -> re.Pattern[str]:
    words = [*vocabulary.words("cut_function_words"), "giao", "đề nghị", "yêu cầu", "phối hợp", "chủ trì", "sở"]
    return re.compile(r"(?:[,;:(-]|(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r"))\s*$", re.IGNORECASE)


def _mid_phrase(tail: str) -> bool:
    """Text that stops where a name would go on ("… phối hợp với", "… giao", "…, ")."""
    return bool(_mid_phrase_pattern().search(tail))


def cut_after_sentence(c: _Cut) -> bool:
    """A line after a finished sentence: a capitalised one is the next cell (a short one is the
    product), a lower-case one the rest of a cell a page break cut."""
    return c.tail.endswith(".") and not c.tail.endswith("..") and not c.flat[:1].isdigit() \
        and not TIME.match(c.head) and not VALUE.match(c.head)


def cut_new_body_after_agencies(c: _Cut) -> bool:
    """A body's name starting a line after an agency list that is not cut mid-phrase; in lower case
    ("Các trường Đại học, Cao đẳng" then "các Sở, ngành") only after a complete listed name that the
    line does not lengthen."""
    if not (_starts_with_body(c.flat) and c.short is not None
            and _agency_text(c.short) and not _FUNCTION_END.search(c.tail)):
        return False
    return c.flat[:1].isupper() or (_ends_with_listed_agency(c.tail) and not _lengthens_last_name(c.tail, c.flat))


def _starts_with_body(flat: str) -> bool:
    """A text that opens with a body's name (read in a bounded window)."""
    return agencies.match_at(agencies.normalise(flat[:_WINDOW]), 0) is not None


def _lengthens_last_name(tail: str, flat: str) -> bool:
    """Whether a line read after a cell's end makes the cell's last name longer ("Ủy ban nhân dân" /
    "các xã")."""
    text = agencies.normalise(tail)
    found = agencies.parse_list(text, dedupe=False)
    if not found:
        return False
    longer = agencies.match_at(agencies.normalise(f"{text} {flat[:_WINDOW]}"), found[-1].start)
    return longer is not None and longer.end > len(text)


def cut_prose_after_agencies(c: _Cut) -> bool:
    """A line that is no body's name after a complete agency list: the next cell ("… và các đơn vị
    có liên quan" then "Đề tài, dự án"; "… đơn vị liên quan" then "đồng/Thoả thuận")."""
    if not (c.short is not None and _agency_text(c.short) and not _FUNCTION_END.search(c.tail)
            and _ends_with_listed_agency(c.tail)):
        return False
    if c.flat[:1].islower():
        return not _agency_text(f"{c.tail} {c.flat}")
    return not _starts_with_body(c.flat)


CUT_RULES: list[_CutRule] = [
    cut_value_or_time, cut_funding_after_time, cut_after_time, cut_after_value, cut_agencies_after_prose,
    cut_after_sentence, cut_new_body_after_agencies, cut_prose_after_agencies,
]


def starts_cell(c: _Cut) -> bool:
    return any(rule(c) for rule in CUT_RULES)


def split_pieces(lines: list[str]) -> list[str]:
    """Cut printed lines into cell pieces: a new piece where a cell starts on a line, and inside a
    line where two cells were printed side by side. Blank lines play no part."""
    return split_parts(line_parts(lines))


def split_parts(parts: list[str]) -> list[str]:
    """Cut the parts of printed lines (``_split_line``) into cell pieces."""
    pieces: list[str] = []
    current: list[str] = []
    head = tail = ""
    size = 0
    for n, part in enumerate(parts):
        flat = collapse(part)
        nxt = collapse(" ".join(parts[n + 1: n + 3]))
        ahead = f"{flat} {collapse(parts[n + 1])}" if n + 1 < len(parts) else flat
        short = collapse("\n".join(current)) if size <= _WINDOW else None
        if current and starts_cell(_Cut(flat, ahead, f"{flat} {nxt}".strip(), head, tail, short)):
            pieces.append("\n".join(current))
            current, head, tail, size = [], "", "", 0
        current.append(part)
        size += len(part) + 1
        head = head if len(head) >= 120 else collapse(f"{head} {flat}")[:120]
        tail = _tail([tail, part])
    if current:
        pieces.append("\n".join(current))
    return pieces


def merge_continuations(pieces: list[str]) -> list[str]:
    """Glue a piece that starts in lower case to the piece before it (a wrapped cell),
    unless it is itself a new list of agencies after a complete one."""
    out: list[str] = []
    prev = ""  # how the last piece of ``out`` ends
    prev_short: str | None = None  # the whole last piece when short
    for piece in pieces:
        flat = collapse(piece)
        glue = False
        if out and not _is_cell_kind(flat) and _FUNCTION_END.search(prev) and (
                flat[:1].islower() or (prev_short is not None and _agency_text(prev_short))):
            glue = True
        elif out and flat[:1].islower():
            new_list = _starts_with_body(flat)
            after_list = prev_short is not None and _agency_text(prev_short) and _ends_with_listed_agency(prev) \
                and not _agency_text(f"{prev} {flat}")  # prose after a complete agency list: another cell
            glue = (not new_list and not after_list and not prev.endswith((".", ";"))) \
                or bool(_FUNCTION_END.search(prev))
        if glue:
            out[-1] = out[-1] + "\n" + piece
            prev = _tail([prev, piece])
            prev_short = collapse(out[-1]) if len(out[-1]) <= _MAX_AGENCY_CELL else None
            continue
        out.append(piece)
        prev = _tail([piece])
        prev_short = flat if len(flat) <= _MAX_AGENCY_CELL else None
    return out


@lru_cache(maxsize=4096)
def _ends_with_listed_agency(flat: str) -> bool:
    """An agency cell (its last ';' item made of agencies) that ends with a complete listed name."""
    found = agencies.parse_list(flat, dedupe=False)
    return bool(found) and found[-1].listed and found[-1].end >= len(agencies.normalise(flat)) \
        and agencies.looks_like_agency_text(flat.split(";")[-1])


def _is_cell_kind(flat: str) -> bool:
    """A piece that is a time, value or money-source cell on its own."""
    return bool(VALUE.match(flat) or TIME.match(flat) or FUNDING.match(flat))


_INLINE_TIME = re.compile(
    r"(?<=\S)\s+(?=(?:H[ằà]ng năm|\d{4}\s?-\s?\d{4})(?:\s|$))|"
    r"(?<=H[ằà]ng năm)\s+(?=\S)|(?<=\d{4}-\d{4})\s+(?=\S)|(?<=\d{4} - \d{4})\s+(?=\S)"
)
_INLINE_VALUE = re.compile(r"(?<![≥≤])\s+((?:[≥≤]\s?)?\d+(?:[.,]\d+)?\s?%|[≥≤]\s?\d+)(?=\s|$)")
_MAX_SPLIT_LINE = 300  # characters: a longer line is read as one part


def line_parts(lines: list[str]) -> list[str]:
    """The parts of printed lines (``_split_line``); a lead cell printed at the end of a line and
    wrapped onto the next one ("… tuân thủ các Sở Tài" / "chính") is one part."""
    out: list[str] = []
    i = 0
    while i < len(lines):  # i grows by one or two each turn
        line = lines[i]
        if i + 1 < len(lines) and _trailing_agency(line) is None:
            joined = f"{line.rstrip()} {lines[i + 1].strip()}"
            tail = _trailing_agency(joined)
            if tail and len(tail) > len(lines[i + 1].strip()) + 1 and len(lines[i + 1].split()) <= 3:
                out.extend(_split_line(joined[: len(joined) - len(tail)]))
                out.append(tail.strip())
                i += 2
                continue
        out.extend(_split_line(line))
        i += 1
    return out


def _split_line(line: str) -> list[str]:
    """Split one printed line holding several cells (text + value + agencies, time + product)."""
    if len(line) > _MAX_SPLIT_LINE:
        return [line.strip()] if line.strip() else []
    line = re.sub(r"^(\d{4})\s+(?=\D)", r"\1\n", line)
    parts = [p for chunk in line.split("\n") for p in _INLINE_TIME.split(chunk) if p and p.strip()]
    out: list[str] = []
    for part in parts:
        m = _INLINE_VALUE.search(part)
        if m and m.start() > 0:
            out.extend(x for x in (part[: m.start()], m.group(1), part[m.end():]) if x.strip())
            continue
        tail = _trailing_agency(part)
        if tail:
            out.extend([part[: len(part) - len(tail)].rstrip(), tail])
            continue
        out.append(part)
    return [p.strip() for p in out if p.strip()]


_TRAILING = re.compile(r"(?:(?<=\.)|(?<=\bcác))\s+((?:Sở|Công an|Ban|Bộ|Ủy ban|Uỷ ban|UBND)\s[^.;,]*?)\.?\s*$")


def _trailing_agency(part: str) -> str | None:
    """A lead cell printed at the end of the last line of the task text ('… bản địa. Sở Y tế.')."""
    m = _TRAILING.search(part)
    if not m:
        return None
    found = agencies.parse_list(m.group(1))
    if len(found) == 1 and found[0].listed and found[0].end >= len(agencies.normalise(m.group(1))) - 1:
        return part[m.start(1):]
    return None
