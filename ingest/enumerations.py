"""Inline enumerations: one paragraph that lists its tasks "(1) … (2) … (5)" (telegrams, conclusions,
agency paragraphs of plans). Each numbered piece is a task of the paragraph's bodies, path ``.n``; the
part before "(1)" is a task of its own only when it says something besides introducing the list
("… chủ động triển khai các biện pháp cần thiết, trong đó:"), not when it only introduces it
("Sở X chủ trì, phối hợp với Y thực hiện các nhiệm vụ sau:")."""

from __future__ import annotations

import re
from dataclasses import replace

from policykg.ingest import vocabulary

_MARK = re.compile(r"(?:^|(?<=[\s:;,.]))\((?P<n>\d{1,2})\)\s*")


def _marks(text: str) -> list[re.Match[str]]:
    """The markers "(1)", "(2)" … of ``text`` that follow one another from 1."""
    marks: list[re.Match[str]] = []
    for m in _MARK.finditer(text):
        if int(m["n"]) == len(marks) + 1:
            marks.append(m)
    return marks


def last_number(text: str) -> int:
    """The last number of the enumeration "(1) … (n)" that ``text`` holds; 0 when none."""
    return len(_marks(text))


def pieces(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """The lead-in and the numbered pieces of a paragraph holding "(1) … (2) …" in order from 1; None
    when it holds no such list of two or more."""
    marks = _marks(text)
    if len(marks) < 2:
        return None
    ends = [m.start() for m in marks[1:]] + [len(text)]
    return text[: marks[0].start()].strip(), [
        (m["n"], text[m.end(): end].strip().rstrip(";,").strip()) for m, end in zip(marks, ends)]


def has_own_content(lead_in: str) -> bool:
    """A lead-in that says something besides introducing its list: it ends on an elaboration word
    ("trong đó:", "cụ thể là:") rather than on the list's announcement ("các nhiệm vụ sau:")."""
    flat = lead_in.rstrip(" :")
    return bool(re.search(rf"(?:{'|'.join(vocabulary.words('elaboration_words'))})$", flat, re.IGNORECASE)) \
        and len(flat.split()) > 8


def split(tasks: list, refill) -> list:  # noqa: ANN001 - tasks.Task and its refill function
    """Each task whose text lists "(1) … (2) …" becomes its numbered pieces (and its lead-in when that has
    content of its own); ``refill(task, text)`` reads a piece's own fields, the task's bodies kept."""
    out = []
    for task in tasks:
        found = pieces(" ".join(task.text.split()))
        if found is None:
            out.append(task)
            continue
        lead_in, numbered = found
        if has_own_content(lead_in):
            out.append(refill(replace(task, text=lead_in, also_at=[], kinds=dict(task.kinds)), lead_in))
        for n, piece in numbered:
            out.append(refill(replace(task, path=f"{task.path}.{n}", text=piece, also_at=[], kinds=dict(task.kinds)),
                              f"{lead_in} {piece}"))
    return out
