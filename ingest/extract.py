"""One document's text in, its structured extraction out (the format of gold/SCHEMA.md).

Extra fields beyond the gold format: ``spans`` (character offsets into the normalised
text and 1-based line numbers) on every task, target, reference and link, ``quote``
(the text of that span), ``listed`` on agencies, and ``warnings``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from policykg.ingest import (
    agencies,
    citations,
    crossrefs,
    header,
    identity,
    layout,
    outline,
    schema,
    tables,
    tasks,
    vocabulary,
)
from policykg.ingest.errors import IngestError
from policykg.ingest.read import read_text
from policykg.ingest.spans import line_of
from policykg.ingest.tasks import Target, Task
from policykg.ingest.text import collapse, new_style_tones

_APPENDIX = re.compile(r"^\s*(?:PHỤ(?:\s+LỤC)?\s*(?:SỐ\s*)?(?:\d+|[IVX]+)\b|PHỤ LỤC\s*:?\s*$|STT\b)", re.MULTILINE)
_BODY_END = re.compile(r"^[ \t|]*(?:\*+)?Nơi nhận", re.MULTILINE)


def _text_start(text: str) -> str:
    """The first 60 to 100 characters of an item's text, cut at a word boundary."""
    flat = collapse(text)
    if len(flat) <= 100:
        return flat.rstrip(" .;")
    cut = flat[:100]
    return cut[: cut.rfind(" ")] if " " in cut[60:] else cut


def _span(text: str, start: int, end: int) -> schema.Span:
    return {"start": start, "end": end, "line": line_of(text, start), "end_line": line_of(text, max(start, end - 1))}


def _assigned_at(text: str, task: tasks.Task) -> schema.Assigned | None:
    """Where the task's agencies were named, when that is a heading or lead-in outside its own text."""
    at = task.assigned_at
    if at is None or not (task.lead or task.coordinators or task.monitor):
        return None
    span = _span(text, at.start, at.end)
    return {"start": span["start"], "end": span["end"], "line": span["line"], "end_line": span["end_line"],
            "quote": collapse(at.text)}


# A document attached after the signature: "KẾ HOẠCH" then "(Ban hành kèm theo Quyết định số …)".
_ATTACHED = re.compile(
    r"^[ \t]*(?:KẾ HOẠCH|CHƯƠNG TRÌNH(?: HÀNH ĐỘNG)?|ĐỀ ÁN|QUY CHẾ|QUY ĐỊNH)[ \t]*\n(?:.*\n){0,8}?"
    r"[ \t]*\((?:Ban hành )?[Kk]èm theo",
    re.MULTILINE,
)


def _body_view(text: str, stop: int | None) -> str:
    """The text the outline reads: the body up to its signature, plus a plan attached after the
    signature of the decision that issues it; everything else blanked, offsets and lines kept."""
    recipients = _recipient_block(text[:stop] if stop is not None else text)
    if recipients:
        a, b = recipients
        text = text[:a] + re.sub(r"[^\n]", " ", text[a:b]) + text[b:]
    if stop is None:
        return text
    attached = _ATTACHED.search(text, stop)
    if attached is None:
        return text[:stop]
    end = _APPENDIX.search(text, attached.end())
    end_at = end.start() if end else len(text)
    blank = re.sub(r"[^\n]", " ", text[stop: attached.start()])
    return text[:stop] + blank + text[attached.start(): end_at]


_LINE_MARKUP = re.compile(r"^[ \t|*#]*")


def _recipient_block(text: str) -> tuple[int, int] | None:
    """The recipients of a letter or telegram ("Kính gửi: - Giám đốc Sở Tài chính; …"): the opener's
    line, then its dash lines and their wrapped continuations, up to the recipient that ends with '.'
    or the first line that is neither."""
    opener = vocabulary.phrase_pattern("recipient_openers")
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if opener.match(_LINE_MARKUP.sub("", line)):
            return start, _recipients_end(text, start, line)
    return None


def _recipients_end(text: str, start: int, first: str) -> int:
    end = start + len(first)
    inline = _LINE_MARKUP.sub("", first).split(":", 1)[-1].strip()
    if inline.endswith("."):
        return end  # "Kính gửi: Các phòng chuyên môn, đơn vị trực thuộc Sở."
    open_item = bool(inline) and not inline.endswith(";")
    pos = end + 1
    for line in text[pos:].split("\n"):
        flat = _LINE_MARKUP.sub("", line).strip()
        if not flat:
            pos += len(line) + 1
            continue
        if not (flat.startswith(("-", "+", "•")) or open_item):
            break
        end = pos + len(line)
        pos = end + 1
        if flat.endswith("."):
            break
        open_item = not flat.endswith(";")
    return end


def _unread_sections(root: outline.Item, found: list[tasks.Task]) -> list[str]:
    """Sections whose title promises tasks ("NHIỆM VỤ, GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN") but gave none: said,
    not hidden."""
    out = []
    for section in root.children:
        if section.kind != "roman" or not tasks.promises_tasks(section.heading):
            continue
        prefix = section.path + "."
        if not any(t.path == section.path or t.path.startswith((prefix, section.path + "-")) for t in found):
            out.append(f"section {section.number}. {section.heading[:60]} looks like it assigns tasks, "
                       "but none could be read from it")
    return out


def _unassigned(found: list[tasks.Task]) -> list[str]:
    """Tasks with no lead agency, counted (their paths, the first few) so that the gap is seen."""
    missing = [t.path for t in found if not t.lead]
    if not missing:
        return []
    shown = ", ".join(missing[:8]) + (" …" if len(missing) > 8 else "")
    return [f"{len(missing)} of {len(found)} tasks name no lead agency ({shown})"]


def _one_spelling(units: list[tasks.Task | tasks.Target]) -> None:
    """One name per body in a document: an unlisted body printed in two cases ("Ban Cán sự đảng"
    and "Ban cán sự đảng") keeps its first spelling."""
    first: dict[str, str] = {}
    for unit in units:
        for role in ("lead", "coordinators", "monitor"):
            if hasattr(unit, role):
                names = [first.setdefault(name.casefold(), name) for name in getattr(unit, role)]
                setattr(unit, role, list(dict.fromkeys(names)))


def extract_text(original: str, source: str) -> schema.Extraction:
    """Extract one normalised text. Raises IngestError when it is not a policy document.

    Structure is read on the layout view (same length and offsets, rendering undone); spans
    and quotes refer to the text as given."""
    text = layout.view(original)
    head = header.extract(layout.columns_to_lines(text))
    refs, links = citations.extract(text, head.symbol)
    with agencies.central_scope(identity.is_central_body(head.issuer)):
        return _extract_body(original, text, source, head, refs, links)


@dataclass
class _Body:
    """What the body gives: its outline, tasks and targets (body items and table rows together)."""

    root: outline.Item
    body_tasks: list[Task]
    tasks: list[Task]
    targets: list[Target]


def _read_body(text: str) -> _Body:
    appendix = _APPENDIX.search(text)
    stop = appendix.start() if appendix else None
    body_end = _BODY_END.search(text)
    if body_end and (stop is None or body_end.start() < stop):
        stop = body_end.start()
    root = outline.parse(_body_view(text, stop))
    body_tasks, body_targets = tasks.from_outline(root)
    row_tasks, row_targets = tasks.from_tables(tables.find_tables(text))
    all_tasks = tasks.merge_restated(body_tasks, row_tasks)
    crossrefs.apply(all_tasks)
    _one_spelling([*all_tasks, *row_targets, *body_targets])
    return _Body(root, body_tasks, all_tasks, row_targets if row_targets else body_targets)


def _checked_header(head: header.Header, body: _Body, refs: list[citations.Reference],
                    source: str) -> tuple[header.Header, list[str]]:
    """The header, or null document fields with a warning when none is recognisable; a text with no
    header, task or citation is no policy document."""
    if any(head.as_dict()[k] for k in ("symbol", "issuer", "issued_date", "title")):
        return head, []
    if not body.tasks and not refs:
        raise IngestError(source, "not a policy document (no header, no tasks, no citations)")
    # A bare task table is recognisably an appendix ("Phụ lục"); "a text without a type name is a letter"
    # is only a guess when nothing else of a header is there.
    return header.Header(doc_type=head.doc_type if head.doc_type == "Phụ lục" else None), [
        "no recognisable header: document fields are null"]


def _agencies_of(units: list[tasks.Task | tasks.Target]) -> list[schema.Agency]:
    out: dict[str, schema.Agency] = {}
    for unit in units:
        for role in ("lead", "coordinators", "monitor"):
            for name in getattr(unit, role, []):
                out.setdefault(name, {"name": name, "kind": unit.kinds.get(name, "specific"),
                                      "listed": agencies.is_listed(name)})
    return list(out.values())


def _reference_out(original: str, r: citations.Reference) -> schema.Reference:
    return {"symbol": r.symbol, "doc_type": r.doc_type, "issued_date": r.issued_date,
            "issuer": new_style_tones(collapse(r.issuer)) if r.issuer else None, "relation": r.relation,
            "spans": [_span(original, o.start, o.end) for o in r.occurrences], "quote": r.occurrences[0].quote}


def _task_out(original: str, text: str, t: tasks.Task) -> schema.Task:
    return {"path": t.path, "text_start": _text_start(t.text), "lead": t.lead, "coordinators": t.coordinators,
            "monitor": t.monitor, "deadline": t.deadline, "timeframe": t.timeframe, "product": t.product,
            "funding": t.funding, "also_at": t.also_at, "text": collapse(t.text),
            "span": _span(original, t.start, t.end), "quote": collapse(text[t.start:t.end]),
            "assigned_at": _assigned_at(original, t)}


def _target_out(original: str, text: str, g: tasks.Target) -> schema.Target:
    return {"path": g.path, "text_start": _text_start(g.text), "value": g.value, "year": g.year, "lead": g.lead,
            "monitor": g.monitor, "text": collapse(g.text), "span": _span(original, g.start, g.end),
            "quote": collapse(text[g.start:g.end])}


def _extract_body(original: str, text: str, source: str, head: header.Header, refs: list[citations.Reference],
                  links: list[citations.Link]) -> schema.Extraction:
    body = _read_body(text)
    head, warnings = _checked_header(head, body, refs, source)
    warnings += _unread_sections(body.root, body.body_tasks) + _unassigned(body.tasks)
    return {
        "source": Path(source).name,
        "document": cast(schema.Document, head.as_dict()),
        "references": [_reference_out(original, r) for r in refs],
        "links": [{"from": lk.source, "relation": lk.relation, "to": lk.target,
                   "span": _span(original, lk.start, lk.end), "quote": collapse(lk.quote)} for lk in links],
        "tasks": [_task_out(original, text, t) for t in body.tasks],
        "targets": [_target_out(original, text, g) for g in body.targets],
        "agencies": _agencies_of([*body.tasks, *body.targets]),
        "warnings": warnings,
    }


def extract_file(path: Path, province: str | None = None) -> schema.Extraction:
    """Read and extract one file; ``province`` overrides what the text suggests."""
    result = extract_text(read_text(path), str(path))
    if province:
        result["document"]["province"] = province
    return result
