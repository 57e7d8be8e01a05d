"""Provenance: a whitespace-collapsed view of a slice of text that maps back to offsets."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

_WS = re.compile(r"\s+")


class Collapsed:
    """``text[start:end]`` with whitespace runs collapsed to one space.

    ``original(i)`` maps an index of the collapsed string back to the original text,
    so matches found on the tidy string keep exact spans in the file's text.
    """

    def __init__(self, text: str, start: int = 0, end: int | None = None) -> None:
        end = len(text) if end is None else end
        pieces: list[str] = []
        offsets: list[int] = []
        pos = start
        for m in _WS.finditer(text, start, end):
            chunk = text[pos: m.start()]
            pieces.append(chunk)
            offsets.extend(range(pos, m.start()))
            pieces.append(" ")
            offsets.append(m.start())
            pos = m.end()
        pieces.append(text[pos:end])
        offsets.extend(range(pos, end))
        offsets.append(end)
        self.text = "".join(pieces)
        self._offsets = offsets

    def original(self, index: int) -> int:
        return self._offsets[min(index, len(self._offsets) - 1)]


@lru_cache(maxsize=8)
def _line_starts(text: str) -> tuple[int, ...]:
    """Offsets where lines start, cached by the text itself (never by ``id``, which a later text
    may reuse)."""
    return (0, *(m.end() for m in re.finditer("\n", text)))


def line_of(text: str, offset: int) -> int:
    """1-based line number of an offset."""
    return bisect.bisect_right(_line_starts(text), offset)
