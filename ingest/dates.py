"""Vietnamese dates: full, partial (day or month left blank) and recurring."""

from __future__ import annotations

import re

_LONG = re.compile(
    r"ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})", re.IGNORECASE
)
_SHORT = re.compile(r"(?P<d>\d{1,2})?\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})")
_MONTH_YEAR = re.compile(r"tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>\d{4})", re.IGNORECASE)
DEADLINE = re.compile(
    r"\btrước\s+ngày\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})(?!\s*hàng năm)",
    re.IGNORECASE,
)
RECURRING = re.compile(
    r"\btrước\s+ngày\s+\d{1,2}\s*(?:/\s*\d{1,2}|\s+tháng\s+\d{1,2})\s+h[àằ]ng\s+năm", re.IGNORECASE
)

# Every printed form of a date, for highlighting ("ngày 30 tháng 01 năm 2023", "05/6/2026", "tháng 6 năm 2026").
MENTIONS = (_LONG, _SHORT, _MONTH_YEAR, RECURRING)


def iso(year: str | None, month: str | None = None, day: str | None = None) -> str | None:
    """ISO date, or YYYY-MM / YYYY when only that much is known."""
    if not year:
        return None
    if not month:
        return year
    if not day:
        return f"{year}-{int(month):02d}"
    return f"{year}-{int(month):02d}-{int(day):02d}"


def parse(text: str) -> str | None:
    """The first date in a phrase, in any of the printed forms."""
    candidates = []
    for pattern in (_LONG, _SHORT, _MONTH_YEAR):
        m = pattern.search(text)
        if m:
            groups = m.groupdict()
            candidates.append((m.start(), iso(groups["y"], groups.get("m"), groups.get("d"))))
    return min(candidates)[1] if candidates else None


def deadline(text: str) -> str | None:
    """A fixed deadline ("Trước ngày 15/6/2026") as an ISO date; recurring ones give None."""
    m = DEADLINE.search(text)
    return iso(m["y"], m["m"], m["d"]) if m else None
