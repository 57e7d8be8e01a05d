"""Assignments by cross-reference: "Bộ Xây dựng chủ trì … thực hiện các nhiệm vụ quy định tại các mục 1,
2, 3; điểm a, b mục 7 Phần III" gives the items it names that lead and those partners; "Bộ Khoa học
và Công nghệ phối hợp với Bộ Xây dựng thực hiện các nhiệm vụ quy định tại các điểm c, g mục 1 …"
makes that body a partner of the items named. Only explicit item numbers are resolved; a reference
to a kind of work ("các nội dung có liên quan đến địa phương", "quy định tại Phần III") is not.
An item a table restates keeps the row's cells.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

_REFERENCE = re.compile(
    r"(?:nhiệm vụ|nội dung|giải pháp)[^.;:]{0,40}?(?:quy định|nêu|đề ra)\s+tại\s+(?P<refs>(?:[^.]{0,200}?))"
    r"\s+(?:Phần|Mục)\s+(?P<part>[IVX]{1,4})\b",
    re.IGNORECASE,
)
_POINTS = re.compile(
    r"(?:các\s+)?điểm\s+(?P<points>[a-zđ](?:\s*(?:,|và)\s*[a-zđ])*)\s+(?:của\s+)?mục\s+(?P<item>\d{1,2})",
    re.IGNORECASE,
)
_ITEMS = re.compile(r"(?:các\s+)?mục\s+(?P<items>\d{1,2}(?:\s*(?:,|và)\s*\d{1,2})*)", re.IGNORECASE)
_PARTNER_ROLE = re.compile(r"^\s*(?:Chủ trì\s+hoặc\s+)?phối hợp\b", re.IGNORECASE)


class _Task(Protocol):
    path: str
    text: str
    lead: list[str]
    coordinators: list[str]
    also_at: list[str]
    kinds: dict[str, str]


def referenced_items(text: str) -> list[str]:
    """The outline paths a text assigns by reference ("III.1", "III.7.a" …), in order."""
    out: list[str] = []
    for m in _REFERENCE.finditer(text):
        part, refs = m["part"].upper(), m["refs"]
        taken: list[tuple[int, int]] = []
        for p in _POINTS.finditer(refs):
            taken.append(p.span())
            out += [f"{part}.{p['item']}.{x}" for x in re.findall(r"[a-zđ]", p["points"])]
        for i in _ITEMS.finditer(refs):
            if not any(a <= i.start() < b for a, b in taken):
                out += [f"{part}.{n}" for n in re.findall(r"\d{1,2}", i["items"])]
    return list(dict.fromkeys(out))


def _covers(ref: str, path: str) -> bool:
    return path == ref or path.startswith((ref + ".", ref + "-"))


def apply(tasks: Sequence[_Task]) -> None:
    """Give the items named by a cross-reference the referring task's lead (as lead, or as partner
    when the task only partners) and partners. Table rows and the referring task itself are left."""
    for source in tasks:
        refs = referenced_items(source.text)
        if not refs or not source.lead:
            continue
        partner_only = bool(_PARTNER_ROLE.match(source.text))
        for target in tasks:
            if target is source or target.also_at or not any(_covers(r, target.path) for r in refs):
                continue
            target.kinds.update({n: k for n, k in source.kinds.items() if n not in target.kinds})
            if partner_only:
                _add(target.coordinators, source.lead)
            else:
                _add(target.lead, source.lead)
                _add(target.coordinators, source.coordinators)


def _add(names: list[str], more: list[str]) -> None:
    names.extend(n for n in more if n not in names)
