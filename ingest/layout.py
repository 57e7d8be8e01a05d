"""Undo accidents of rendering before structure is read, keeping every offset.

Legal sites print a document as Markdown: emphasis marks (``**I. MỤC``/``ĐÍCH**``),
HTML tables as one cell per line between lines holding a lone ``|``, and headings
broken wherever the page's column ended. PDF converters wrap at their own width.
The rules here rewrite such text into a *view* of exactly the same length (marks
become spaces, a line break that only wraps becomes a space), so that offsets and
spans found on the view are offsets in the original text, while the readers of
structure see one logical line per heading, paragraph or table row.

Each rule is a small named function, text in and text out, applied in order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from policykg.ingest import vocabulary

_EMPHASIS = re.compile(r"\*{1,3}|(?<!\w)_{2}|_{2}(?!\w)")
_HEADING_MARK = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.MULTILINE)


def _blank(m: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", m.group(0))


def strip_emphasis(text: str) -> str:
    """Markdown emphasis and heading marks become spaces."""
    return _HEADING_MARK.sub(_blank, _EMPHASIS.sub(_blank, text))


# A bold span that opens a line and closes at the end of a later line: a heading or a short title
# wrapped by the page ("**4. Sở Nông" / "nghiệp và Môi trường**"); a span closing mid-line ("**" …
# "**3. **Tuân thủ …") is a pair of other spans, not one.
_BOLD_SPAN = re.compile(r"(?m)^[ \t]*\*\*(?=[^\s*])([^*]{1,300}?)\*\*[ \t:]*$")


def join_emphasis_spans(text: str) -> str:
    """A bold span that runs over several lines is one line (``**V. TỔ CHỨC`` / ``THỰC HIỆN**``).

    Applied to the original text (marks still there); only the line breaks inside a
    span that opens at the start of a line are replaced.
    """
    out = list(text)
    for m in _BOLD_SPAN.finditer(text):
        inner = m.group(1)
        if "\n" in inner and "\n\n" not in inner and "|" not in inner:
            for i in range(m.start(1), m.end(1)):
                if text[i] == "\n":
                    out[i] = " "
    return "".join(out)


def _pipe_only(line: str) -> bool:
    return line.strip() == "|"


def cell_lines_to_rows(text: str) -> str:
    """An HTML table printed one cell per line between lone ``|`` lines becomes one line per
    row, cells separated by ``|``: ``|``/``1``/``|``/``Tổ chức …``/``|``/``|`` (two lone pipes
    end a row and start the next) reads ``| 1 | Tổ chức … |``. Where a run of cells ends is
    decided by ``_run_end``; a blank line between two lone pipes inside a row is an empty cell."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    pipes = [k for k, line in enumerate(lines) if _pipe_only(line)]
    out = list(text)
    a = 0
    while a < len(pipes):  # each run ends at a pipe at or after its first: a advances
        b, boundaries = _run_end(lines, pipes, a)
        for k in range(pipes[a], pipes[b]):
            if k not in boundaries:
                out[starts[k] + len(lines[k])] = " "
        a = b + 1
    return "".join(out)


_MAX_CELL_LINES = 30  # a longer stretch between lone pipes is text after the table, not a cell
_MAX_HEADER_CELLS = 16


@dataclass
class _Run:
    """What the rules know about the run of cells read so far."""

    cells: int = 0  # cells of the row being read
    widths: list[int] = field(default_factory=list)  # cells of each row read
    widest: int = 0  # the most cells of a row read
    same_width: bool = True  # every row read had as many cells as the first
    boundaries: set[int] = field(default_factory=set)  # lines closing a row (a row starts on the next)
    chain_has_boundary: bool = False  # lone pipes on consecutive lines: the first pair ends a row


def _between(lines: list[str], pipes: list[int], j: int) -> list[str]:
    """The lines between lone pipe ``j`` and the next one."""
    return lines[pipes[j] + 1: pipes[j + 1]] if j + 1 < len(pipes) else lines[pipes[j] + 1:]


def _end_blank(lines: list[str], pipes: list[int], j: int, run: _Run) -> bool:
    """A lone pipe followed by a blank line (or by nothing) closes the run, unless the blank line is an
    empty cell: a lone pipe follows it and the row has fewer cells than the rows before it."""
    k = pipes[j]
    if k + 1 == len(lines):
        return True
    if lines[k + 1].strip():
        return False
    empty_cell = j + 1 < len(pipes) and pipes[j + 1] == k + 2 and run.cells < run.widest
    return not empty_cell


def _end_far(lines: list[str], pipes: list[int], j: int, run: _Run) -> bool:
    """More lines before the next lone pipe than a cell holds, or none: text after the table."""
    return j + 1 == len(pipes) or pipes[j + 1] - pipes[j] - 1 > _MAX_CELL_LINES


def _end_full_row(lines: list[str], pipes: list[int], j: int, run: _Run) -> bool:
    """Every row so far had the same number of cells (two or more), and this one has as many: text
    that follows its last pipe directly is no further cell."""
    next_is_cell = pipes[j + 1] > pipes[j] + 1
    return next_is_cell and bool(run.widths) and run.same_width and run.widths[0] >= 2 and run.cells == run.widths[0]


def _end_before_header(lines: list[str], pipes: list[int], j: int, run: _Run) -> bool:
    """The next stretch is followed by a row of column titles: it is a caption between two tables
    (a signature block, then "PHỤ LỤC …" and the task table's header)."""
    from policykg.ingest import tables

    stretch = " ".join(_between(lines, pipes, j)).strip(" *_")
    if not stretch or tables.column_role(stretch) is not None:  # no caption, or a header's own cell
        return False
    cells: list[str] = []
    h = j + 1
    while h + 1 < len(pipes) and pipes[h + 1] > pipes[h] + 1 and len(cells) < _MAX_HEADER_CELLS:
        cells.append(" ".join(_between(lines, pipes, h)))
        h += 1
    return len(cells) >= 2 and tables.column_role(cells[0]) is not None and tables.is_header_row(cells)


def _end_other_form(lines: list[str], pipes: list[int], j: int, run: _Run) -> bool:
    """The next stretch holds a table row printed on one line ("| Số hiệu: | 12/KH-UBND |") or a page
    heading ("## …"): a cell holds neither, so the run ended at this pipe."""
    return any((x.strip().startswith("|") and len(x.strip()) > 1) or re.match(r"\s*#{1,6}\s", x)
               for x in _between(lines, pipes, j))


_RUN_ENDS = [_end_blank, _end_far, _end_full_row, _end_before_header, _end_other_form]


def _ends_row(pipes: list[int], j: int, run: _Run) -> bool:
    """Whether lone pipes ``j - 1`` and ``j`` on consecutive lines end a row (else they close an empty
    cell printed as nothing): the first pair of a chain does, unless the row lacks just one cell of
    the widest row and the chain goes on (its last cell is the empty one)."""
    if run.chain_has_boundary:
        return False
    chain_goes_on = j + 1 < len(pipes) and pipes[j + 1] == pipes[j] + 1
    return not (run.widths and run.cells == run.widest - 1 and chain_goes_on)


def _run_end(lines: list[str], pipes: list[int], a: int) -> tuple[int, set[int]]:
    """Index (in ``pipes``) of the lone pipe closing the run of cells opened at ``pipes[a]`` (the first
    where one of ``_RUN_ENDS`` holds), and the lines of the run that close a row."""
    run = _Run()
    j = a
    while True:  # j grows by one each turn and the last pipe always ends the run (_end_far)
        adjacent = j > a and pipes[j] == pipes[j - 1] + 1
        if adjacent and _ends_row(pipes, j, run):
            run.widths.append(run.cells)
            run.widest = max(run.widest, run.cells)
            run.same_width = run.same_width and run.cells == run.widths[0]
            run.cells = 0
            run.boundaries.add(pipes[j - 1])
            run.chain_has_boundary = True
        elif j > a:
            run.cells += 1
            run.chain_has_boundary = run.chain_has_boundary and adjacent
        if any(rule(lines, pipes, j, run) for rule in _RUN_ENDS):
            return j, run.boundaries
        j += 1


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("|")]


def _laid_out(line: str) -> bool:
    stripped = line.strip()
    return "|" in stripped and not stripped.startswith("|")


def _column_block_end(lines: list[str], i: int) -> int:
    """The end of a run of lines laid out in columns: lines without a blank line between them, one at
    least with cells joined by " | " inside it, none of them prose running across the page; a legal
    site's "| … |" table row is no such run."""
    k = i
    names = vocabulary.data()["type_names"]
    while k < len(lines) and lines[k].strip() and not lines[k].strip().startswith("|") and (
            _laid_out(lines[k]) or (len(lines[k].strip()) <= 60 and lines[k].strip().strip("*# ") not in names)):
        k += 1  # the type name ("QUYẾT ĐỊNH") below a header opens the subject, never one of its columns
    return k if any(_laid_out(x) for x in lines[i:k]) else i


def columns_to_lines(text: str) -> str:
    """For reading a header or a signature: a page laid out in columns read column by column (the left
    column's lines, then the right one's), and each cell of a one-line row on a line of its own."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        end = _column_block_end(lines, i)
        if end == i:
            out.append(lines[i].replace("|", "\n"))
            i += 1
            continue
        rows = [_cells(x) if "|" in x else ([x.strip()] if len(x) - len(x.lstrip()) < 20 else ["", x.strip()])
                for x in lines[i:end]]
        width = max(len(r) for r in rows)
        out.extend(r[c] for c in range(width) for r in rows if c < len(r) and r[c])
        i = end
    return "\n".join(out)


_MOTTO = re.compile(r"CỘNG\s+HÒA\s+XÃ\s+HỘI|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM")


def blank_furniture(text: str) -> str:
    """Legal sites' banners, notices, news summaries and footers (``furniture`` in the vocabulary
    file) become spaces: they are not the document and must give no type, task or citation."""
    out = text
    motto = _MOTTO.search(text)
    for block in vocabulary.data()["furniture"]:
        start = re.compile(block["start"])
        end = re.compile(block["end"])
        limit = motto.start() if block.get("before_motto") and motto else len(text)
        pos = 0
        while (m := start.search(text, pos)) and m.start() < limit:
            e = end.search(text, m.end())
            stop = e.end() if e else m.end()
            out = out[: m.start()] + re.sub(r"[^\n]", " ", text[m.start(): stop]) + out[stop:]
            pos = max(stop, m.end() + 1)
    return out


# A bullet, not an emphasis mark: "•", or a line-initial "*" and a space ("*   Khẩn trương …") whose
# paragraph holds no lone "*" closing it; "* (Ban hành kèm theo …" / "… năm 2025)*" opens italics.
_BULLET = re.compile(r"(?m)^([ \t]*)(?:•|\*(?=[ \t]))([ \t]+)(?=[^\s*])")
_CLOSING_STAR = re.compile(r"(?<![\s*])\*(?!\*)")
_PARAGRAPH_END = re.compile(r"\n[ \t]*(?:\n|[*•])")


def _closes_emphasis(text: str, start: int) -> bool:
    end = _PARAGRAPH_END.search(text, start)
    return bool(_CLOSING_STAR.search(text, start, end.start() if end else len(text)))


def markdown_bullets(text: str) -> str:
    """A Markdown bullet ("*   Khẩn trương …") is a dash item ("-   Khẩn trương …")."""

    def bullet(m: re.Match[str]) -> str:
        if m.group(0).lstrip().startswith("*") and _closes_emphasis(text, m.end()):
            return m.group(0)
        return f"{m.group(1)}-{m.group(2)}"

    return _BULLET.sub(bullet, text)


RULES: list[Callable[[str], str]] = [
    blank_furniture, markdown_bullets, join_emphasis_spans, cell_lines_to_rows, strip_emphasis,
]


def view(text: str) -> str:
    """The text as the structure readers see it: same length, same offsets."""
    for rule in RULES:
        text = rule(text)
    return text
