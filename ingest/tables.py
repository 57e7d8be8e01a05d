"""Task and target tables linearised from PDF.

A PDF table reaches us as text: each row starts with its STT number, its cells
follow one after another (wrapped over lines, split by blank lines, sometimes two
cells on one line), the header is repeated after each page break with a page
number before it, and a row may continue on the next page. Columns are known from
the header ("Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian", "Sản phẩm",
"Kinh phí", "theo dõi", "Mục tiêu đến năm …"); each piece of a row is put in a
column by what it looks like (agency list, time, money source, value, prose) and
by column order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import agencies
from ingest.text import collapse

_HEADER_START = re.compile(r"^\s*S?TT\b")
_COLUMN_WORDS = re.compile(
    r"Mục tiêu đến năm \d{4}|Nhiệm vụ|Nội dung|Mục tiêu|(?:Cơ quan|Đơn vị) (?:thực hiện|chủ trì,? phối hợp)|"
    r"chủ trì|phối hợp|theo dõi|"
    r"Thời gian|Sản phẩm|Kết quả|kinh phí",
    re.IGNORECASE,
)
_ROLE_OF = {
    "nhiệm vụ": "text", "nội dung": "text", "mục tiêu": "text", "chủ trì": "lead",
    "phối hợp": "coordinators", "theo dõi": "monitor", "thời gian": "time",
    "sản phẩm": "product", "kết quả": "product", "kinh phí": "funding",
}
_BOTH = "agencies"  # one column for lead and partners: "Sở X (chủ trì); Sở Y", or the lead listed first
_STT = re.compile(r"^\s*(?P<n>[IVX]{1,4}|\d{1,2}(?:\.\d{1,2}){0,3})\.?(?=\s|$)\s*(?P<rest>.*)$")
_BARE_CAPTION = re.compile(r"^\s*PHỤ LỤC\s*:?\s*$")
_CAPTION = re.compile(r"^\s*PHỤ(?:\s+LỤC)?\s*(?:SỐ\s*)?(?P<n>\d+|[IVX]+)\b", re.IGNORECASE)
TIME = re.compile(
    r"^(?:H[ằà]ng năm|Thường xuyên|Định kỳ|Trước\s+ngày|Từ tháng|Từ năm|Năm \d{4}|Quý|Tháng|"
    r"\d{4}\s?-\s?\d{4}|\d{4}\s?-$|\d{4}\.?$|Giai đoạn)",
    re.IGNORECASE,
)
FUNDING = re.compile(r"^(?:NSNN|Ngân sách|Nguồn|Kinh phí|Vốn|Xã hội hóa)", re.IGNORECASE)
VALUE = re.compile(r"^(?:[≥≤><]\s?)?\d+(?:[.,]\d+)?\s?%?$")
_INLINE_TIME = re.compile(
    r"(?<=\S)\s+(?=(?:H[ằà]ng năm|\d{4}\s?-\s?\d{4})(?:\s|$))|"
    r"(?<=H[ằà]ng năm)\s+(?=\S)|(?<=\d{4}-\d{4})\s+(?=\S)|(?<=\d{4} - \d{4})\s+(?=\S)"
)
_INLINE_VALUE = re.compile(r"(?<![≥≤])\s+((?:[≥≤]\s?)?\d+(?:[.,]\d+)?\s?%|[≥≤]\s?\d+)(?=\s|$)")
_FUNCTION_END = re.compile(r"(?:[,;]|\b(?:và|các|Các|với|của|sở|Sở))\s*$")


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


def _columns(header: str) -> tuple[list[str], int | None]:
    roles: list[str] = []
    year = None
    for m in _COLUMN_WORDS.finditer(header):
        word = m.group(0).lower()
        if word.startswith("mục tiêu đến năm"):
            role = "value"
            year = int(word[-4:])
        elif word.startswith(("cơ quan", "đơn vị")):
            role = _BOTH
        else:
            role = _ROLE_OF[word]
        if role not in roles:
            roles.append(role)
    return roles, year


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


def find_tables(text: str) -> list[Table]:
    """Every task or target table in the text, with its rows reassembled."""
    lines = _lines(text)
    tables: list[Table] = []
    i = 0
    prefix = ""
    while i < len(lines):
        line = lines[i]
        caption = _CAPTION.match(line.text)
        if caption and not _HEADER_START.match(line.text):
            n = caption.group("n")
            prefix = f"PL{int(n):02d}" if n.isdigit() else f"PL{n}"
        elif _BARE_CAPTION.match(line.text):
            prefix = "PL"  # an unnumbered appendix: its rows must not take the body's paths
        if line.text.count("|") >= 2 and _HEADER_START.match(line.text.lstrip("| ")):
            table, i = _read_pipe_table(lines, i, prefix)
            if table:
                tables.append(table)
            continue
        if _HEADER_START.match(line.text):
            table, i = _read_table(lines, i, prefix)
            if table:
                tables.append(table)
            continue
        i += 1
    return tables


def _read_table(lines: list[_Line], i: int, prefix: str) -> tuple[Table | None, int]:
    header_lines: list[str] = []
    j = i
    while j < len(lines):
        t = lines[j].text
        if t and header_lines and _STT.match(t) and _STT.match(t).group("n") in {"1", "I"}:
            break
        if t:
            header_lines.append(t)
        j += 1
    columns, year = _columns(" ".join(header_lines))
    if "text" not in columns or len(columns) < 2:
        return None, i + 1
    rows: list[Row] = []
    state = _RowState(columns)
    roman = ""
    last: list[str] | None = None
    k = j
    start = lines[i].start
    while k < len(lines):
        line = lines[k]
        t = line.text
        if not t:
            state.blank()
            k += 1
            continue
        if _CAPTION.match(t) or t in {"./.", "./"}:
            break
        if t == header_lines[0] or (_HEADER_START.match(t) and t.startswith(header_lines[0][:12])):
            k = max(_skip_header(lines, k, header_lines), k + 1)  # a reworded header line ("(tiếp)") too
            state.page_break()
            continue
        m = _STT.match(t)
        if m and re.fullmatch(r"\d{1,3}", t) and _is_page_number(lines, k, header_lines, last):
            k += 1
            state.page_break()
            continue
        if m and m.group("n") in _successors(last):
            n = m.group("n")
            if re.fullmatch(r"[IVX]{1,4}", n):
                roman = n
            last = [n]
            path = ".".join(p for p in (prefix, roman if not re.fullmatch(r"[IVX]{1,4}", n) else "", n) if p)
            state.finish(rows)
            state.start(Row(n, path, start=line.start, first_line=line.number))
            if line.page_start:
                state.page_break()
            if m.group("rest"):
                state.add(m.group("rest"), line)
            k += 1
            continue
        if line.page_start:
            state.page_break()
        state.add(t, line)
        k += 1
    state.finish(rows)
    end = lines[min(k, len(lines) - 1)].end
    return Table(prefix, columns, year, _number_overflow(rows), start, end), k


def _pipe_cells(text: str) -> list[str]:
    return [cell.strip() for cell in text.strip().strip("|").split("|")]


def _read_pipe_table(lines: list[_Line], i: int, prefix: str) -> tuple[Table | None, int]:
    """A table whose cells are separated by '|' (an HTML table as legal sites print it): cells
    map to the header's columns one to one; a line without a number continues the row above."""
    roles: list[str | None] = []
    year = None
    for cell in _pipe_cells(lines[i].text):
        found, cell_year = _columns(cell)
        roles.append(found[0] if found else None)
        year = year or cell_year
    if "text" not in roles:
        return None, i + 1
    rows: list[Row] = []
    roman, last = "", None
    k = i + 1
    while k < len(lines) and (not lines[k].text or lines[k].text.count("|") >= 2):
        line = lines[k]
        k += 1
        cells = _pipe_cells(line.text)
        if not line.text or all(re.fullmatch(r":?-*:?", c) for c in cells):
            continue  # blank line or a markdown rule
        m = _STT.match(cells[0]) if cells[0] else None
        if m and not m.group("rest") and m.group("n") in _successors(last):
            n = m.group("n")
            roman = n if re.fullmatch(r"[IVX]{1,4}", n) else roman
            last = [n]
            path = ".".join(p for p in (prefix, roman if not re.fullmatch(r"[IVX]{1,4}", n) else "", n) if p)
            rows.append(Row(n, path, start=line.start, first_line=line.number))
        elif not rows:
            continue
        row = rows[-1]
        for role, cell in zip(roles[1:], cells[1:]):
            if role and cell:
                row.cells.setdefault(role, []).append(cell)
        row.end, row.last_line = line.end, line.number
    columns = [r for r in roles if r]
    end = lines[min(k, len(lines)) - 1].end
    return Table(prefix, columns, year, rows, lines[i].start, end), k


def _skip_header(lines: list[_Line], k: int, header_lines: list[str]) -> int:
    """Skip a header repeated after a page break (same lines as the first header)."""
    h = 0
    while k < len(lines) and h < len(header_lines):
        if not lines[k].text:
            k += 1
            continue
        if lines[k].text != header_lines[h]:
            break
        h += 1
        k += 1
    return k


def _is_page_number(lines: list[_Line], k: int, header_lines: list[str], last: list[str] | None) -> bool:
    """A lone number is a page number when a repeated header or a fitting row follows it."""
    nxt = next((x.text for x in lines[k + 1:] if x.text), "")
    if nxt == header_lines[0] or nxt.startswith(header_lines[0][:12]):
        return True
    n = lines[k].text
    if n not in _successors(last):
        return True
    m = _STT.match(nxt)
    return bool(m and m.group("n") in _successors(last) and m.group("n") not in _successors([n]))


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


class _RowState:
    """Puts the pieces of the current row into columns."""

    def __init__(self, columns: list[str]) -> None:
        self.columns = columns
        self.agency_cols = [c for c in columns if c in ("lead", "coordinators", "monitor", _BOTH)]
        self.row: Row | None = None
        self.pointer = 0
        self.block: list[tuple[str, _Line]] = []
        self.after_break = False
        self.extra: list[Row] = []
        self.pending: list[str] = []

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

    def blank(self) -> None:
        self._cut()

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
    def _cut(self) -> None:
        """End of a printed block: split it into pieces, kept until the page or row ends."""
        if self.row is not None and self.block:
            self.pending.extend(_split_pieces([t for t, _ in self.block]))
        self.block = []

    def _flush(self) -> None:
        self._cut()
        if self.row is None:
            self.pending = []
            return
        pieces = self._continue_open_cells(self.pending) if self.after_break else self.pending
        for piece in _merge_continuations(pieces):
            self._place(piece)
        self.pending = []

    def _open(self, role: str) -> bool:
        """A cell that the page break cut mid-phrase."""
        content = self._col(role)
        if not content:
            return False
        if role in self.agency_cols:
            return bool(_FUNCTION_END.search(content)) or not _ends_with_listed_agency(content)
        if role == "time":
            return bool(re.search(r"(?:ngày|tháng|từ|-)$", content))
        return not content.endswith((".", ";", ":"))

    def _continue_open_cells(self, pieces: list[str]) -> list[str]:
        """After a page break, the pieces that continue the cells the break cut, put back in column
        order (the PDF prints each column's remainder left to right); returns the pieces left.

        A piece continues the first open cell it fits: an agency cell takes pieces that keep it a
        list of agencies, a text or product cell takes lower-case pieces that are not agency lists.
        """
        opened = [c for c in self.columns if self._open(c)]
        i = done = 0
        for piece in pieces:
            flat = collapse(piece)
            while i < len(opened) and not self._fits(opened[i], flat):
                i += 1
            if i == len(opened):
                break
            self._put(opened[i], piece)
            done += 1
            if not self._open(opened[i]):
                i += 1
        if done:
            self.after_break = False
        return pieces[done:]

    def _fits(self, role: str, flat: str) -> bool:
        if role in self.agency_cols:
            return (flat[:1].islower() or bool(_FUNCTION_END.search(self._col(role)))) and \
                agencies.looks_like_agency_text(f"{self._col(role)} {flat}")
        if role == "time":
            return bool(re.match(r"\d{4}$", flat))
        # "triển kinh tế …", or "55-KH/TU tại từng cấp …" after "… và Kế hoạch số"
        starts_inside = flat[:1].islower() or (flat[:1].isdigit() and not _is_cell_kind(flat))
        return starts_inside and not agencies.looks_like_agency_text(flat)

    def _col(self, role: str) -> str:
        assert self.row is not None
        return collapse("\n".join(self.row.cells.get(role, [])))

    def _put(self, role: str, piece: str) -> None:
        assert self.row is not None
        self.row.cells.setdefault(role, []).append(piece)
        self.pointer = self.columns.index(role)

    def _place(self, piece: str) -> None:
        assert self.row is not None
        current = self.columns[self.pointer]
        flat = collapse(piece)
        lower_start = flat[:1].islower()
        if self.after_break:
            self.after_break = False
            if lower_start or not agencies.looks_like_agency_text(flat):
                text = self._col("text")
                if not agencies.looks_like_agency_text(flat) and text and not text.endswith((".", ";")):
                    self._put("text", piece)
                    return
        if current == "time" and self._col("time").endswith("-") and re.match(r"\d{4}$", flat):
            self._put("time", piece)
            return
        if self.row.cells.get(current) and current != "text" and not _is_cell_kind(flat) and (
            _FUNCTION_END.search(self._col(current)) or re.search(r"(?:ngày|tháng|từ|-)$", self._col(current))
        ):
            self._put(current, piece)
            return
        if "value" in self.columns and VALUE.match(flat):
            self._put("value", piece)
            return
        if "time" in self.columns and TIME.match(flat) and current != "text":
            self._put("time", piece)
            return
        if "funding" in self.columns and FUNDING.match(flat) and current != "text":
            self._put("funding", piece)
            return
        if lower_start and self.row.cells.get(current) and current != "text":
            new_list = current in self.agency_cols and _ends_with_listed_agency(self._col(current)) and \
                agencies.looks_like_agency_text(flat)  # "Các trường Đại học, Cao đẳng" then "các Sở, ngành"
            if not new_list and not (current in self.agency_cols and not agencies.looks_like_agency_text(flat)
                                     and "product" in self.columns and self.columns.index("product") > self.pointer):
                self._put(current, piece)
                return
        if agencies.looks_like_agency_text(flat) or (lower_start and current in self.agency_cols):
            self._place_agencies(piece, current)
            return
        if (current == "text" and "product" in self.columns and not lower_start and len(flat) < 80
                and self._col("text").endswith(".") and "value" not in self.columns):
            self._put("product", piece)
            return
        if current == "text" or (lower_start and not self.row.cells.get("product")
                                 and self._col("text") and not self._col("text").endswith(".")):
            if "value" in self.columns and current != "text" and self.pointer >= len(self.columns) - 1 \
                    and self._complete():
                self._overflow(piece)
                return
            self._put("text", piece)
            return
        if "value" in self.columns and self._complete() and self.pointer >= len(self.columns) - 1:
            self._overflow(piece)
            return
        if "product" in self.columns:
            self._put("product", piece)
        else:
            self._put("text", piece)

    def _place_agencies(self, piece: str, current: str) -> None:
        if not self.agency_cols:
            self._put("text", piece)
            return
        if current in self.agency_cols:
            content = self._col(current)
            if _FUNCTION_END.search(content) or not content:
                self._put(current, piece)
                return
            i = self.agency_cols.index(current)
            if i + 1 < len(self.agency_cols):
                self._put(self.agency_cols[i + 1], piece)
            else:
                self._put(current, piece)
            return
        # First agency column not yet filled.
        for col in self.agency_cols:
            if not self.row.cells.get(col):  # type: ignore[union-attr]
                self._put(col, piece)
                return
        self._put(self.agency_cols[-1], piece)

    def _complete(self) -> bool:
        assert self.row is not None
        return all(self.row.cells.get(c) for c in self.columns if c in ("text", "value", "lead"))

    def _overflow(self, piece: str) -> None:
        """A new prose cell after the last column: a second row printed inside this one."""
        assert self.row is not None
        self.extra.append(self.row)
        self.row = Row("", "", start=self.row.end, first_line=self.row.last_line)
        self.pointer = 0
        self._put("text", piece)


def _split_pieces(lines: list[str]) -> list[str]:
    """Cut a block of lines into cell pieces: a new piece where a cell starts on a line,
    and inside a line where two cells were printed side by side."""
    pieces: list[str] = []
    current: list[str] = []
    for line in lines:
        for part in _split_line(line):
            if current and _starts_cell(part, current):
                pieces.append("\n".join(current))
                current = []
            current.append(part)
    if current:
        pieces.append("\n".join(current))
    return pieces


def _starts_cell(part: str, current: list[str]) -> bool:
    flat = collapse(part)
    before = collapse("\n".join(current))
    if VALUE.match(flat) or TIME.match(flat) and not before.endswith(("từ", "tháng")):
        return True
    if FUNDING.match(flat) and TIME.match(before):
        return True
    if TIME.match(before) and not TIME.match(flat) and not flat[:1].islower() and not flat[:1].isdigit():
        return True
    if VALUE.match(before):
        return True
    if agencies.looks_like_agency_text(flat) and not agencies.looks_like_agency_text(before):
        return before.endswith((".", ";")) or len(before) > 60 and flat[:1].isupper()
    if (flat[:1].isupper() and agencies.match_at(agencies.normalise(flat), 0)
            and agencies.looks_like_agency_text(before) and not _FUNCTION_END.search(before)):
        return True
    return False


def _merge_continuations(pieces: list[str]) -> list[str]:
    """Glue a piece that starts in lower case to the piece before it (a wrapped cell),
    unless it is itself a new list of agencies after a complete one."""
    out: list[str] = []
    for piece in pieces:
        flat = collapse(piece)
        prev = collapse(out[-1]) if out else ""
        if out and not _is_cell_kind(flat) and _FUNCTION_END.search(prev) and (
                flat[:1].islower() or agencies.looks_like_agency_text(prev)):
            out[-1] = out[-1] + "\n" + piece
            continue
        if out and flat[:1].islower():
            new_list = agencies.match_at(agencies.normalise(flat), 0) is not None
            if not new_list and not prev.endswith((".", ";")) or _FUNCTION_END.search(prev):
                out[-1] = out[-1] + "\n" + piece
                continue
        out.append(piece)
    return out


def _ends_with_listed_agency(flat: str) -> bool:
    """An agency cell (its last ';' item made of agencies) that ends with a complete listed name."""
    found = agencies.parse_list(flat, dedupe=False)
    return bool(found) and found[-1].listed and found[-1].end >= len(agencies.normalise(flat)) \
        and agencies.looks_like_agency_text(flat.split(";")[-1])


def _is_cell_kind(flat: str) -> bool:
    """A piece that is a time, value or money-source cell on its own."""
    return bool(VALUE.match(flat) or TIME.match(flat) or FUNDING.match(flat))


def _split_line(line: str) -> list[str]:
    """Split one printed line holding several cells (text + value + agencies, time + product)."""
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
