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
        # Each run of text and the one space after it map back linearly: the run's first character
        # sits at (collapsed, original) offsets (_at[k], _from[k]), and so on after it.
        self._at: list[int] = []
        self._from: list[int] = []
        pos, size = start, 0
        for m in _WS.finditer(text, start, end):
            self._at.append(size)
            self._from.append(pos)
            pieces.append(text[pos: m.start()])
            pieces.append(" ")
            size += m.start() - pos + 1
            pos = m.end()
        self._at.append(size)
        self._from.append(pos)
        pieces.append(text[pos:end])
        self.text = "".join(pieces)

    def original(self, index: int) -> int:
        if index < 0:  # from the end, as a list index would (-1: the end)
            index += len(self.text) + 1
        index = max(0, min(index, len(self.text)))
        k = bisect.bisect_right(self._at, index) - 1
        return self._from[k] + index - self._at[k]


@lru_cache(maxsize=8)
def _line_starts(text: str) -> tuple[int, ...]:
    """Offsets where lines start, cached by the text itself (never by ``id``, which a later text
    may reuse)."""
    return (0, *(m.end() for m in re.finditer("\n", text)))


def line_of(text: str, offset: int) -> int:
    """1-based line number of an offset."""
    return bisect.bisect_right(_line_starts(text), offset)
