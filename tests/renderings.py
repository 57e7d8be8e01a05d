"""Accidents of rendering, applied to a document's text: the extraction must not change under them.

Each transformation is text in, text out, and stands for a way documents reach users: a PDF
converter that drops or adds blank lines or wraps at another width, a copy that doubles spaces, a
legal site that prints tables one cell per line or wraps the page in its banner, metadata box and
footer.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable

_MARKER = re.compile(r"^\s*(?:[-–+•*]|\(?\d{1,2}(?:\.\d{1,2})*[.)\s]|[a-zđ]\)|[IVX]{1,4}\.|\|)")


def no_blank_lines(text: str) -> str:
    """Blank lines are an artefact of the converter: remove them all."""
    return "\n".join(line for line in text.split("\n") if line.strip())


def _wrap_line(line: str, width: int) -> list[str]:
    if len(line) <= width or line.lstrip().startswith("|"):
        return [line]
    return textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) or [line]


def _prose_block(lines: list[str]) -> bool:
    """Lines of one paragraph as a converter wrapped them: long lines of even length (a table's cells
    are narrow and uneven), no table pipes, no item opening a later line, no lead-in or list end
    before the last line, no upper-case header line."""
    if len(lines) < 2:
        return False
    widest = max(len(x.strip()) for x in lines)
    return (widest >= 60 and all(len(x.strip()) >= 0.6 * widest for x in lines[1:-1])
            and not any("|" in x or x.strip().isupper() or x.strip().startswith(("---", "#")) for x in lines)
            and not any(_MARKER.match(x) or re.match(r" \S", x) for x in lines[1:])  # " X": a PDF page starts
            and not any(x.rstrip().endswith((":", ";", "*")) for x in lines[:-1])
            # a sentence ending a line inside the block: one paragraph only when that line is full
            and not any(x.rstrip().endswith(".") and len(x.strip()) < 0.9 * widest for x in lines[:-1]))


def wrap_at(width: int) -> Callable[[str], str]:
    """Re-wrapped at ``width``: a paragraph (lines between blank lines, no item opening a later line)
    re-flowed, any other line longer than ``width`` wrapped at a space (never inside a word or at a
    hyphen)."""

    def wrap(text: str) -> str:
        out: list[str] = []
        block: list[str] = []
        for line in [*text.split("\n"), ""]:
            if line.strip():
                block.append(line)
                continue
            if _prose_block(block):
                out.extend(_wrap_line(" ".join(x.strip() for x in block), width))
            else:
                out.extend(w for x in block for w in _wrap_line(x, width))
            block = []
            out.append(line)
        return "\n".join(out[:-1])

    wrap.__name__ = f"wrap_at_{width}"
    return wrap


def unwrap_then_wrap_at(width: int) -> Callable[[str], str]:
    """A wider converter: a prose line (60 characters or more; narrow table cells are laid out by
    column, not joined; a table's header row neither) continued by a line starting in lower case (a
    wrap, never an item or a heading) is joined to it, then long lines are wrapped at ``width``."""

    def rewrap(text: str) -> str:
        lines = text.split("\n")
        out: list[str] = []
        for line in lines:
            prev = out[-1] if out else ""
            if (len(prev.strip()) >= 60 and line[:1].islower() and not _MARKER.match(line) and "|" not in prev + line
                    and not prev.rstrip().endswith((":", ";", ".")) and not re.match(r"\s*S?TT\b", prev)):
                out[-1] = f"{prev.rstrip()} {line.strip()}"
            else:
                out.append(line)
        return wrap_at(width)("\n".join(out))

    rewrap.__name__ = f"unwrap_then_wrap_at_{width}"
    return rewrap


def double_spaces(text: str) -> str:
    """Every space between words doubled (a copy from a justified PDF)."""
    return re.sub(r"(?<=\S) (?=\S)", "  ", text)


def cells_one_per_line(text: str) -> str:
    """Tables printed '| a | b |' on one line become one cell per line between lone '|' lines, rows
    separated by two lone '|' lines (as a legal site prints an HTML table)."""
    out: list[str] = []
    in_table = False
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue  # a markdown rule under the header row
            out.append("|")
            for cell in cells:
                out.extend([cell, "|"])
            in_table = True
            continue
        if in_table:
            out.append("")
            in_table = False
        out.append(line)
    return "\n".join(out)


_BANNER = """|
|
Bản dịch này thuộc quyền sở hữu của **
THƯ VIỆN PHÁP LUẬT**. Mọi hành vi sao chép, đăng tải lại mà không có sự đồng ý của **
THƯ VIỆN PHÁP LUẬT** là vi phạm pháp luật về Sở hữu trí tuệ.
**
THƯ VIỆN PHÁP LUẬT** has the copyright on this translation. Copying or reposting it without the consent of **
THƯ VIỆN PHÁP LUẬT** is a violation against the Law on Intellectual Property.
X
Các nội dung của VB này được VB khác thay đổi, hướng dẫn sẽ được làm nổi bật bằng các màu sắc.
Click vào phần bôi vàng để xem chi tiết.
|
|
Đang tải văn bản...
"""

_FOOTER = """

Văn bản này chưa cập nhật nội dung Tiếng Anh
Bạn Chưa Đăng Nhập Thành Viên!
Vì chưa Đăng Nhập nên Bạn chỉ xem được Thuộc tính của Văn bản.
Bạn chưa xem được Hiệu lực của Văn bản, Văn bản liên quan, Văn bản thay thế, Văn bản gốc, Văn bản tiếng Anh,...
Nếu chưa là Thành Viên, mời Bạn Đăng ký Thành viên tại đây
"""


def _metadata_box(document: dict) -> str:
    """The site's box of the document's properties, in its cell-per-line form."""
    issued = document.get("issued_date") or ""
    day = "/".join(reversed(issued.split("-"))) if len(issued) == 10 else None  # printed dd/mm/yyyy
    fields = [("Số hiệu", document.get("symbol")), ("Loại văn bản", document.get("doc_type")),
              ("Nơi ban hành", document.get("issuer")), ("Người ký", document.get("signer")),
              ("Ngày ban hành", day)]
    lines = ["#"]
    for label, value in fields:
        lines += [f"**{label}:**", "|", value or "Đang cập nhật", "|", "|"]
    return "\n".join(lines) + "\n"


def site_chrome(document: dict) -> Callable[[str], str]:
    """A legal site's copyright banner, loading notice and metadata box (from the document's own
    fields) before the text, its footer after."""

    def chrome(text: str) -> str:
        return _BANNER + _metadata_box(document) + text + _FOOTER

    chrome.__name__ = "site_chrome"
    return chrome


TRANSFORMS: list[Callable[[str], str]] = [
    no_blank_lines, wrap_at(60), wrap_at(120), unwrap_then_wrap_at(120), double_spaces, cells_one_per_line,
]
