"""The numbered outline of a document's body: sections, items and their paragraphs.

Items are Roman sections ("II."), dotted Arabic numbers ("2.2.1."), "(3)", "a)"
and dash items. A line only starts an Arabic item when its number can follow the
previous one, so a wrapped line that begins with a number stays text. Wrapped
lines are joined into paragraphs: a new paragraph starts after a line ending a
sentence (or an unpunctuated heading) when the next line starts with a capital.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import vocabulary
from ingest.text import strip_markup

_ROMAN = re.compile(r"^(?P<n>[IVX]{1,4})\.\s+(?P<rest>\S.*)$")
_ARABIC = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?P<rest>\S.*)$")
_PAREN = re.compile(r"^\((?P<n>\d{1,2})\)\s*(?P<rest>\S.*)$")
_LETTER = re.compile(r"^(?P<n>[a-zđ])\)\s*(?P<rest>\S.*)$")
_DASH = re.compile(r"^[-–+•]\s*(?P<rest>\S.*)$")
_BARE_NUMBER = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2}){0,3})\.(?P<rest>)$")  # "1." with its text below
_END = re.compile(r"^\|?\s*(?:Nơi nhận|Trên đây là|TM\.|KT\.|\./\.)")
_SENTENCE_END = (".", ";", ":", "!", "?")
_ACRONYM = re.compile(r"^(?![IVX]+\b)[A-ZĐ][A-ZĐ&]{1,7}(?:\b|$)")


@dataclass
class Paragraph:
    text: str
    start: int
    end: int
    line: int


@dataclass
class Item:
    kind: str  # roman | arabic | paren | letter | dash | plus | root
    number: str
    path: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)
    parent: Item | None = None

    @property
    def heading(self) -> str:
        return self.paragraphs[0].text if self.paragraphs else ""

    def section(self) -> Item:
        item = self
        while item.parent is not None and item.kind != "roman":
            item = item.parent
        return item


def _valid_arabic(number: str, last: str | None) -> bool:
    parts = [int(x) for x in number.split(".")]
    if last is None:
        return parts == [1]
    prev = [int(x) for x in last.split(".")]
    if parts == prev + [1]:
        return True
    for depth in range(len(prev)):
        nxt = prev[: depth + 1]
        nxt[-1] += 1
        if parts == nxt:
            return True
    return False


def parse(text: str, stop: int | None = None) -> Item:
    """The outline of ``text[:stop]`` (the body; appendices and signature excluded)."""
    root = Item("root", "", "")
    stack: list[Item] = [root]
    last_arabic: str | None = None
    section = ""
    pos = 0
    current: Item = root
    open_par: Paragraph | None = None
    prev_line = ""
    body = text if stop is None else text[:stop]
    for number, raw in enumerate(body.split("\n"), start=1):
        start = pos
        pos += len(raw) + 1
        line = strip_markup(raw)
        if not line:
            continue
        if _END.match(line):
            break
        item: Item | None = None
        m = _ROMAN.match(line)
        if m:
            section = m["n"]
            last_arabic = None
            item = Item("roman", m["n"], m["n"])
            stack = [root, item]
            item.parent = root
            root.children.append(item)
        elif ((m := _ARABIC.match(line)) or (m := _BARE_NUMBER.match(line))) and _valid_arabic(m["n"], last_arabic):
            last_arabic = m["n"]
            path = f"{section}.{m['n']}" if section else m["n"]
            parent = stack[1] if len(stack) > 1 and stack[1].kind == "roman" else root
            for candidate in reversed(stack):
                if candidate.kind == "arabic" and m["n"].startswith(candidate.number + "."):
                    parent = candidate
                    break
            item = Item("arabic", m["n"], path, parent=parent)
            parent.children.append(item)
            stack = stack[: stack.index(parent) + 1] + [item]
        elif (m := _PAREN.match(line)) or (m := _LETTER.match(line)):
            kind = "paren" if m.re is _PAREN else "letter"
            parent = next((s for s in reversed(stack) if s.kind in ("arabic", "roman", "root")), root)
            item = Item(kind, m["n"], f"{parent.path}.{m['n']}".lstrip("."), parent=parent)
            parent.children.append(item)
            stack = stack[: stack.index(parent) + 1] + [item]
        elif m := _DASH.match(line):
            kind = "plus" if line.startswith("+") else "dash"
            # a "+" line details the dash item above it; a dash item hangs under the nearest numbered one
            parent = next((s for s in reversed(stack) if s.kind not in (kind, "plus")), root)
            k = sum(1 for c in parent.children if c.kind == kind) + 1
            item = Item(kind, str(k), f"{parent.path}{'-' if kind == 'dash' else '+'}{k}", parent=parent)
            parent.children.append(item)
            stack = stack[: stack.index(parent) + 1] + [item]
        if item is not None:
            current = item
            rest = m["rest"]
            if not rest:  # a bare number: the item's text starts on the next line
                open_par = None
                continue
            offset = start + raw.find(rest) if rest in raw else start
            open_par = Paragraph(rest.strip(), offset, start + len(raw), number)
            current.paragraphs.append(open_par)
            prev_line = rest
            continue
        if open_par is not None and not _new_paragraph(prev_line, line):
            open_par.text = f"{open_par.text} {line}"
            open_par.end = start + len(raw)
        else:
            open_par = Paragraph(line, start + raw.find(line[:5]) if line[:5] in raw else start,
                                 start + len(raw), number)
            current.paragraphs.append(open_par)
        prev_line = line
    return root


# Whether a line starts a new paragraph or continues the one above (the wrap of a PDF converter
# or a web page): ordered named rules, the first that decides wins (True: new, False: continues).
def _lower_start(prev: str, line: str) -> bool | None:
    return False if not line[:1].isupper() and not line.startswith("(") else None


def _after_sentence(prev: str, line: str) -> bool | None:
    return True if prev.rstrip().endswith(_SENTENCE_END) else None


def _upper_heading(prev: str, line: str) -> bool | None:
    """An upper-case heading wrapped over lines continues; text under it starts anew."""
    if prev.isupper():
        return not line.isupper()
    return None


def _cut_word(prev: str, line: str) -> bool | None:
    """A line cut in mid-phrase: after a function word or a comma, or a heading that is only the
    first word of a name ("2. Sở" / "Nông nghiệp và Môi trường")."""
    flat = prev.strip()
    last = flat.rsplit(" ", 1)[-1]
    if flat.endswith(",") or last in vocabulary.words("cut_function_words"):
        return False
    words = flat.split()
    short_cut = len(words) <= 3 and (words[-1] in vocabulary.words("name_starts") or " ".join(words[-2:])
                                     in vocabulary.words("name_starts"))
    return False if flat in vocabulary.words("name_starts") or short_cut else None


def _continuation_word(prev: str, line: str) -> bool | None:
    return False if line.startswith(vocabulary.words("continuation_words")) or _ACRONYM.match(line) else None


_PARAGRAPH_RULES = [_lower_start, _after_sentence, _upper_heading, _cut_word, _continuation_word]


def _new_paragraph(prev: str, line: str) -> bool:
    for rule in _PARAGRAPH_RULES:
        decided = rule(prev, line)
        if decided is not None:
            return decided
    return True


def walk(item: Item):
    """Every item under ``item``, depth first, in document order."""
    for child in item.children:
        yield child
        yield from walk(child)
