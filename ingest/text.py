"""Small text helpers shared by the extractors."""

from __future__ import annotations

import re
from functools import lru_cache

_WS = re.compile(r"\s+")
_WRAP_HYPHEN = re.compile(r"(\w)-\s*\n\s*(?=\w)")


@lru_cache(maxsize=16384)  # the same cells and headings are collapsed many times while a document is read
def collapse(text: str) -> str:
    """Collapse whitespace and line breaks to one space; rejoin words wrapped at a hyphen."""
    text = _WRAP_HYPHEN.sub(r"\1-", text)
    return _WS.sub(" ", text).strip()


def new_style_tones(text: str) -> str:
    """Write 'Uỷ' as 'Ủy' (the only spelling normalisation applied to names)."""
    return text.replace("Uỷ", "Ủy").replace("uỷ", "ủy").replace("UỶ", "ỦY")


def clean_value(text: str | None) -> str | None:
    """A cell or phrase as printed: whitespace collapsed, trailing period or semicolon dropped."""
    if text is None:
        return None
    value = collapse(text)
    if value.endswith(",...."):
        value = value[:-1]
    while value.endswith((";", ".")) and not value.endswith("..."):
        value = value[:-1].rstrip()
    return value or None


def strip_markup(line: str) -> str:
    """Remove Markdown heading and emphasis marks that PDF-to-text tools leave."""
    line = re.sub(r"^\s*#{1,6}\s+", "", line)
    return line.replace("***", "").replace("**", "").strip()
