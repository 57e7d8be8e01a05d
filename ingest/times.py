"""When a task is to be done, as the text says it: a timeframe phrase kept as printed.

A fixed date after a deadline word is a deadline (``dates.deadline``); otherwise the timeframe is,
in order of the named rules below: a recurring date ("trước ngày 15/12 hằng năm"), a month, quarter
or year phrase ("trong tháng 12 năm 2025", "Quý III/2026", "trong năm 2025"), or a standing word
("thường xuyên", "định kỳ", "hằng năm") when it qualifies the task's own action: opening the item,
beside its report ("định kỳ báo cáo", "báo cáo … hằng ngày"), or closing a clause — never when it
qualifies a noun ("giáo dục thường xuyên", "chi thường xuyên", "kế hoạch hằng năm"). Vocabulary
(period phrases, standing words, the nouns they may qualify) lives in data/vocabulary.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from policykg.ingest import vocabulary

_STANDING_TASK = re.compile(r"\blà (?:một )?nhiệm vụ[^.;:]{0,40}?\b(thường xuyên)", re.IGNORECASE)


@cache
def _periods() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in vocabulary.words("period_phrases"))


def _alternation(name: str) -> str:
    ordered = sorted(vocabulary.words(name), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@cache
def _standing() -> re.Pattern[str]:
    """A standing word, with an alternative joined by "hoặc" ("định kỳ hoặc đột xuất"), "định kỳ" with
    how often ("định kỳ hằng quý, 6 tháng, năm")."""
    words, often = _alternation("standing_words"), _alternation("frequency_words")
    more = rf"(?:{often}|{_alternation('frequency_units')})"
    frequency = rf"(?:định\s+kỳ,?\s+(?:{often})(?:(?:\s*,\s*|\s+và\s+){more}(?!\w))*)"
    return re.compile(rf"(?<!\w)(?:{frequency}|{words})(?:\s+hoặc\s+(?:{words}|đột\s+xuất))?(?!\w)",
                      re.IGNORECASE)


@cache
def _recurring() -> re.Pattern[str]:
    return vocabulary.phrase_pattern("recurring_dates")


@cache
def _noun_before() -> re.Pattern[str]:
    """The nouns a standing word may qualify, ending the text before it."""
    nouns = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in vocabulary.words("standing_nouns"))
    return re.compile(rf"(?<!\w)(?:{nouns})(?:,?\s+\S+){{0,8}}?\s*$", re.IGNORECASE)


def _qualifies_noun(text: str, start: int) -> bool:
    before = text[max(0, start - 80): start]
    clause = re.split(r"[;.:()]", before)[-1]
    return bool(_noun_before().search(clause))


def recurring_date(text: str) -> str | None:
    m = _recurring().search(text)
    return m.group(0) if m else None


_TIME_LABEL = re.compile(r"^(?:thời\s+(?:gian|hạn)(?:\s+thực\s+hiện|\s+hoàn\s+thành)?)\s*:\s*", re.IGNORECASE)


def bracket_time(text: str) -> str | None:
    """The time part of a bracket closing the task ("… (Sở Tư pháp; thường xuyên).", "(Sở Nội vụ chủ
    trì, phối hợp với Sở Tài chính; thời gian: năm 2026)"), as printed."""
    from policykg.ingest import brackets

    part = brackets.time_part(text)
    if part is None:
        return None
    part = _TIME_LABEL.sub("", part)
    return part if re.search(r"\d{4}", part) or _standing().fullmatch(part) else None


def period_phrase(text: str) -> str | None:
    """The last month, quarter or year phrase of the text (the one its closing clause sets)."""
    found = [m for p in _periods() for m in p.finditer(text)]
    return max(found, key=lambda m: (m.end(), m.end() - m.start())).group(0) if found else None


def opening_standing(text: str) -> str | None:
    """"Thường xuyên rà soát …", "Định kỳ, Thường trực … chủ trì …"."""
    m = _standing().match(text.lstrip())
    return m.group(0) if m else None


_REPORT = re.compile(r"báo\s+cáo", re.IGNORECASE)


def reporting_standing(text: str) -> str | None:
    """A standing word beside the report the task makes ("định kỳ báo cáo", "báo cáo định kỳ về …",
    "báo cáo các cấp hằng ngày")."""
    for m in _standing().finditer(text):
        before, after = text[max(0, m.start() - 30): m.start()], text[m.end(): m.end() + 12]
        if _REPORT.match(after.lstrip()) or re.search(r"báo\s+cáo(?:\s+\S+){0,3}\s*$", before, re.IGNORECASE):
            if not _qualifies_noun(text, m.start()):
                return m.group(0)
    return None


def closing_standing(text: str) -> str | None:
    """A standing word ending a clause of the task ("… trên địa bàn Thành phố hàng năm;")."""
    for m in _standing().finditer(text):
        if re.match(r"\s*(?:[.;)]|$|và\s+tổng\s+kết)", text[m.end():]) and not _qualifies_noun(text, m.start()):
            return m.group(0)
    return None


def clause_standing(text: str) -> str | None:
    """A standing word opening a later clause of the task ("…, định kỳ đánh giá kết quả …",
    "…; hàng năm tổng hợp kết quả …")."""
    for m in _standing().finditer(text):
        opens = re.search(r"(?:[,;.]|\btheo)\s*$", text[max(0, m.start() - 6): m.start()], re.IGNORECASE)
        if opens and re.match(r"\s+\w", text[m.end():]):
            return m.group(0)
    return None


def standing_task(text: str) -> str | None:
    """A task the text calls standing work ("Xác định đây là nhiệm vụ quan trọng, thường xuyên")."""
    m = _STANDING_TASK.search(text)
    return m.group(1) if m else None


RULES: list[Callable[[str], str | None]] = [
    recurring_date, bracket_time, period_phrase, opening_standing, reporting_standing, clause_standing,
    closing_standing,
    standing_task,
]


def timeframe(text: str) -> str | None:
    """The timeframe a task's text states, or None."""
    flat = re.sub(r"\s+", " ", text)
    for rule in RULES:
        found = rule(flat)
        if found:
            return found
    return None
