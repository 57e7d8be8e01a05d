"""Assignments printed in brackets after the task ("Rà soát … (Sở Tư pháp chủ trì, phối hợp với các sở,
ban, ngành; thời gian: năm 2026).", "(Sở Tư pháp; hoàn thành trước ngày 30/6/2026)", "(các sở, ban,
ngành; Ủy ban nhân dân các xã, phường; thường xuyên)"), as plans laid out without a table print their
task lists: the bracket closing the paragraph names the lead, then the partners, then the time; its
parts are separated by semicolons. Parts that are not bodies (times, products) are left to the field
readers, which read the whole text."""

from __future__ import annotations

import re

from policykg.ingest import agencies

_CLOSING_BRACKET = re.compile(r"\((?P<inner>[^()]{3,400})\)\s*[.;,]?\s*$")
_LABEL = re.compile(r"^(?:(?:cơ quan|đơn vị)\s+)?(?:chủ trì|thực hiện)\s*:\s*", re.IGNORECASE)
_PARTNER = re.compile(r"(?:,\s*|\s+)(?:(?:cơ quan|đơn vị)\s+)?phối hợp(?:\s+với)?\s*:?\s*", re.IGNORECASE)
_THROUGH = re.compile(r"\s*(?:thông\s+)?qua\b", re.IGNORECASE)  # "báo cáo về Công an tỉnh (qua Phòng …)"
_LEAD_WORD = re.compile(r"\s+chủ trì\s*$", re.IGNORECASE)


def closing(text: str) -> tuple[list[agencies.Agency], list[agencies.Agency]] | None:
    """The leads and partners a bracket closing ``text`` names; None when it names no body."""
    m = _CLOSING_BRACKET.search(text.rstrip())
    if m is None or _THROUGH.match(m["inner"]):
        return None
    leads: list[agencies.Agency] = []
    partners: list[agencies.Agency] = []
    for part in (p.strip() for p in m["inner"].split(";")):
        part = _LABEL.sub("", part)
        split = _PARTNER.search(part)
        head, tail = (part[: split.start()], part[split.end():]) if split else (part, "")
        head = _LEAD_WORD.sub("", head)
        if head and agencies.looks_like_agency_text(head) and not partners:
            leads.extend(agencies.parse_list(head))
        if tail and agencies.looks_like_agency_text(tail):
            partners.extend(agencies.parse_list(tail))
    return (leads, partners) if leads else None


def time_part(text: str) -> str | None:
    """The last part of a bracket closing ``text`` that names no body (its time, when it has one)."""
    m = _CLOSING_BRACKET.search(text.rstrip())
    if m is None or _THROUGH.match(m["inner"]) or ";" not in m["inner"]:
        return None
    last = m["inner"].rsplit(";", 1)[1].strip()
    return None if not last or agencies.looks_like_agency_text(last) else last
