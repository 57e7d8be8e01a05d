"""Vietnamese dates: full, partial (day or month left blank) and recurring."""

from __future__ import annotations

import re

from policykg.ingest import vocabulary

_LONG = re.compile(
    r"ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})", re.IGNORECASE
)
_SHORT = re.compile(r"(?P<d>\d{1,2})?\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})")
_MONTH_YEAR = re.compile(r"tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>\d{4})", re.IGNORECASE)
DEADLINE = re.compile(
    r"\btrước\s+ngày\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})(?!\s*hàng năm)",
    re.IGNORECASE,
)
RECURRING = vocabulary.phrase_pattern("recurring_dates")  # "trước ngày 15/12 hằng năm", "… hằng tháng"

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


def _deadline_pattern() -> re.Pattern[str]:
    from policykg.ingest import vocabulary

    words = sorted(vocabulary.words("deadline_words"), key=len, reverse=True)
    lead = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    date = (r"(?:ngày\s*)?(?:(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})"
            r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4}))")
    return re.compile(rf"\b(?:{lead})\s+{date}(?!\s*h[àằ]ng\s+năm)", re.IGNORECASE)


_DEADLINE_CACHE: list[re.Pattern[str]] = []


def deadline(text: str) -> str | None:
    """A fixed deadline ("Trước ngày 15/6/2026", "trước ngày 25 tháng 11 năm 2025") as an ISO date;
    several give the latest; recurring ones ("trước ngày 15/12 hằng năm") give None."""
    if not _DEADLINE_CACHE:
        _DEADLINE_CACHE.append(_deadline_pattern())
    found = [iso(m["y"] or m["y2"], m["m"] or m["m2"], m["d"] or m["d2"]) for m in _DEADLINE_CACHE[0].finditer(text)]
    valid = [d for d in found if d and _valid(d)]
    return max(valid) if valid else None


def _valid(day: str) -> bool:
    y, m, d = (int(x) for x in day.split("-"))
    return 1 <= m <= 12 and 1 <= d <= 31
