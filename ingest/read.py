"""Turn a file's bytes into normalised text (decoding, NFC, line ends)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from policykg.ingest.errors import IngestError

SUFFIXES = (".txt", ".md")

# Windows-1258 text is mostly ASCII plus these bytes for Vietnamese letters and
# combining tones; a valid UTF-8 decode is always tried first.
_CP1258_HINTS = bytes([0xD0, 0xF0, 0xEC, 0xCC, 0xD2, 0xDE, 0xF2])


def decode(data: bytes, source: str) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 (with BOM) or Windows-1258."""
    if not data.strip():
        raise IngestError(source, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise IngestError(source, f"broken UTF-16 text ({exc.reason})") from None
    if b"\x00" in data[:4096]:
        raise IngestError(source, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if any(b in data for b in _CP1258_HINTS):
        try:
            return data.decode("cp1258")
        except UnicodeDecodeError:
            pass
    raise IngestError(source, "not UTF-8, UTF-16 or Windows-1258 text")


# Spaces repeated between words are an accident of the copy (a justified PDF line, a converter's
# padding): one space. Indentation at the start of a line is kept (a PDF converter's page mark). A wide
# gap (three spaces or more) between two blocks of a line is a page laid out in columns, as converters
# keeping the layout print a header or signature beside another ("ỦY BAN NHÂN DÂN      CỘNG HÒA …"):
# a cell boundary " | ", as legal sites print table cells; never after a bullet opening the line, nor in a
# number or date left blank ("Số:      /KH-UBND", "ngày    tháng    năm 2025").
_SPACE_RUN = re.compile(r"(?<=\S) {2,}(?=\S)")
_BLANK_FIELD = re.compile(r"(?:^|\s)(?:[-*•+]|số:?|Số:?|ngày|tháng|năm)$")


def _gap(m: re.Match[str]) -> str:
    if len(m.group(0)) < 3:
        return " "
    line_start = m.string.rfind("\n", 0, m.start()) + 1
    before = m.string[line_start: m.start()]
    if _BLANK_FIELD.search(before) or m.string.startswith("/", m.end()):
        return " "
    return " | "


def normalise(text: str) -> str:
    """NFC, Unix line ends, no BOM, no non-breaking spaces or tabs, one space between words, a column
    gap as a cell boundary. Spans refer to this text."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\t", " ")
    text = _SPACE_RUN.sub(_gap, text)
    return unicodedata.normalize("NFC", text)


def read_text(path: Path) -> str:
    """Read one file and return its normalised text, or raise IngestError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(str(path), exc.strerror or "cannot be read") from None
    return normalise(decode(data, str(path)))


def find_files(paths: list[Path]) -> tuple[list[Path], list[IngestError]]:
    """Expand files and folders into document files; folders without documents are errors."""
    files: list[Path] = []
    errors: list[IngestError] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not found:
                errors.append(IngestError(str(path), "folder holds no .txt or .md documents"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            errors.append(IngestError(str(path), "no such file or folder"))
    return files, errors
