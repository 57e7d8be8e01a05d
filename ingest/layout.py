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

from ingest import vocabulary

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
    end a row and start the next) reads ``| 1 | Tổ chức … |``. A run of cells ends at a lone
    ``|`` followed by a blank line or the end of the text."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    out = list(text)
    i = 0
    while i < len(lines):
        if not _pipe_only(lines[i]):
            i += 1
            continue
        end = _run_end(lines, i)
        for k in range(i, end):
            if not (_pipe_only(lines[k]) and _pipe_only(lines[k + 1])):
                out[starts[k] + len(lines[k])] = " "
        i = end + 1
    return "".join(out)


_MAX_CELL_LINES = 30  # a longer stretch between lone pipes is text after the table, not a cell


def _run_end(lines: list[str], i: int) -> int:
    """Index of the lone ``|`` closing the run of cells opened at ``i``: one followed by a blank
    line, the end of the text, or more lines than a cell holds."""
    last_pipe = i
    k = i + 1
    while k < len(lines):
        if k - last_pipe > _MAX_CELL_LINES:
            return last_pipe
        if _pipe_only(lines[k]):
            if k + 1 == len(lines) or not lines[k + 1].strip():
                return k
            last_pipe = k
        k += 1
    return last_pipe


def pipes_to_lines(text: str) -> str:
    """For reading a header: each cell of a one-line row on a line of its own."""
    return text.replace("|", "\n")


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


def header_view(text: str) -> str:
    """The view for the header reader: table cells (the header is often a two-column table) on
    lines of their own."""
    return pipes_to_lines(view(text))
