"""Tasks and targets: from task sections, "Tổ chức thực hiện" agency headings and tables.

Rules (the README lists them for users):
- in a section of tasks or solutions ("Nhiệm vụ", "Giải pháp"), every item that has
  text of its own is a task; an item holding only sub-items is a group heading;
- under an agency heading ("1. Sở Y tế", "6. Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh")
  each paragraph or dash item is a task led by the heading's bodies; a numbered
  sentence ("Giao Sở X chủ trì …") is one task led by the bodies it opens with;
- "phối hợp (với) …" names partners; "theo dõi", "đầu mối", "tổng hợp, báo cáo"
  make the lead the monitor, and reports sent "về"/"qua" a body make that body it;
- a table row with any filled cell besides its text is a task; a body item that a
  table restates word for word is one task, kept at the row, with ``also_at``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from policykg.ingest import agencies, brackets, dates, enumerations, times, vocabulary
from policykg.ingest.outline import Item, Paragraph
from policykg.ingest.outline import walk as walk_items
from policykg.ingest.tables import Row, Table
from policykg.ingest.text import clean_value, collapse


def _TASK_SECTION() -> re.Pattern[str]:  # noqa: N802 - section vocabulary, loaded once
    return vocabulary.section_pattern("tasks")


def _ORG_SECTION() -> re.Pattern[str]:  # noqa: N802
    return vocabulary.section_pattern("organisation")


def _TARGET_SECTION() -> re.Pattern[str]:  # noqa: N802
    return vocabulary.section_pattern("targets")


def _SKIP_SECTION() -> re.Pattern[str]:  # noqa: N802
    return vocabulary.section_pattern("skip")


_PARTNERS = re.compile(r"\bphối hợp(?:\s+với)?\s+", re.IGNORECASE)
_RECIPIENT = re.compile(r"(?:báo cáo[^.;]*?\b(?:về|gửi)|\(qua)\s+", re.IGNORECASE)
_LEAD_PREFIX = re.compile(r"^(?:(?:Giao|Đề nghị|Yêu cầu)(?:\s+đồng\s+chí)?|Thủ trưởng|Giám đốc)\s+", re.IGNORECASE)
_HEADING_TAIL = re.compile(r"^\s*(?:chủ trì)?\s*(?:,?\s*phối hợp(?:\s+với)?\s+(?P<partners>.+))?$")
# A heading that names its bodies, then what they are ("… khai thác nước dưới đất trên địa bàn có trách
# nhiệm", "… thực hiện các nhiệm vụ sau"): the bodies it opens with lead its items.
_RESPONSIBLE = re.compile(r"\b(?:có|chịu)\s+trách\s+nhiệm\s*:?$|\bthực\s+hiện\s+(?:các|một\s+số)\s+"
                          r"(?:nhiệm\s+vụ|nội\s+dung)(?:\s+\S+){0,3}?\s+(?:sau|như\s+sau)\s*:?$", re.IGNORECASE)
_SECTION_TIME = re.compile(r"giai đoạn\s+(\d{4}\s*-\s*\d{4})|(thường xuyên)", re.IGNORECASE)
# A task's details given as labelled dash items under it ("- Cơ quan chủ trì: Sở Khoa học và Công nghệ.").
_FIELD = re.compile(
    r"^(?P<label>(?:(?:Cơ quan|Đơn vị)\s+)?(?:chủ trì|phối hợp|theo dõi)(?:\s+thực hiện)?"
    r"|(?:Cơ quan|Đơn vị)\s+thực hiện"
    r"|Thời gian(?:\s+(?:thực hiện|hoàn thành))?|Thời hạn(?:\s+hoàn thành)?|Sản phẩm(?:\s*/\s*kết quả)?"
    r"|Kết quả(?:\s+đầu ra)?|(?:Nguồn\s+)?kinh phí(?:\s+thực hiện)?|Nhiệm vụ|Nội dung(?:\s+nhiệm vụ)?)"
    r"\s*:\s*(?P<value>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_FIELD_ROLE = (("chủ trì", "lead"), ("phối hợp", "coordinators"), ("theo dõi", "monitor"), ("thời", "time"),
               ("sản phẩm", "product"), ("kết quả", "product"), ("kinh phí", "funding"), ("thực hiện", "agencies"),
               ("nhiệm vụ", "text"), ("nội dung", "text"))
# "Đơn vị chủ trì: Sở X. Đơn vị phối hợp: Sở Y" inside one "Cơ quan thực hiện" field
_SUB_LABEL = re.compile(r"(?:Đơn vị|Cơ quan)\s+(chủ trì|phối hợp|theo dõi)(?:\s+thực hiện)?\s*:\s*", re.IGNORECASE)
_VALUE = re.compile(r"(?:(?:tăng|giảm|đạt|trên|ít nhất|tối thiểu)\s+)?\d+(?:[.,]\d+)?\s?%")


@dataclass
class Task:
    path: str
    text: str
    start: int
    end: int
    line: int
    lead: list[str] = field(default_factory=list)
    coordinators: list[str] = field(default_factory=list)
    monitor: list[str] = field(default_factory=list)
    deadline: str | None = None
    timeframe: str | None = None
    product: str | None = None
    funding: str | None = None
    also_at: list[str] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)
    # The heading or lead-in paragraph the assignment was read from, when it is not the task's own text.
    assigned_at: Paragraph | None = None


@dataclass
class Target:
    path: str
    text: str
    value: str | None
    year: int | None
    start: int
    end: int
    line: int
    lead: list[str] = field(default_factory=list)
    monitor: list[str] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)


def _names(found: list[agencies.Agency], kinds: dict[str, str]) -> list[str]:
    out: list[str] = []
    for a in found:
        kinds[a.name] = a.kind
        if a.name not in out:
            out.append(a.name)
    return out


_LIST_WINDOW = 1500  # a list of bodies is read from at most this much text after its trigger


def _partners(text: str, kinds: dict[str, str]) -> list[str]:
    found: list[agencies.Agency] = []
    for m in _PARTNERS.finditer(text):
        listed, _ = agencies.leading_list(text[m.end(): m.end() + _LIST_WINDOW])
        found.extend(listed)
    return _names(found, kinds)


def _recipients(text: str, kinds: dict[str, str]) -> list[str]:
    found: list[agencies.Agency] = []
    for m in _RECIPIENT.finditer(text):
        listed, _ = agencies.leading_list(text[m.end(): m.end() + _LIST_WINDOW])
        found.extend(a for a in listed if a.name != "Ủy ban nhân dân tỉnh")
    return _names(found, kinds)


def funding(text: str) -> str | None:
    """The money source a text states (``funding_phrases`` of the vocabulary, first that matches)."""
    flat = collapse(text)
    for pattern in vocabulary.patterns("funding_phrases"):
        m = pattern.search(flat)
        if m:
            return clean_value(m["v"])
    return None


_DIRECTS = re.compile(r"^\s*(?:lãnh đạo,?\s+)?chỉ đạo\s+", re.IGNORECASE)


def _directed(text: str, end: int) -> tuple[list[agencies.Agency], int]:
    """The bodies a lead-in or heading directs right after its own ("Sở X chỉ đạo Chi cục Y thực hiện các
    nội dung sau:", "Đảng ủy … lãnh đạo, chỉ đạo Ủy ban nhân dân tỉnh:"): they lead its items too."""
    m = _DIRECTS.match(text[end:])
    if m is None:
        return [], end
    found, more = agencies.leading_list(text[end + m.end():])
    return found, end + m.end() + more if found else end


def _heading_agencies(heading: str) -> tuple[list[agencies.Agency], list[agencies.Agency], str] | None:
    """Leads and partners of an agency heading ("1. Sở Y tế", "Sở Y tế chủ trì, phối hợp với …:"),
    and the text after an inline label ("2. Sở Tài chính: Căn cứ …"); None if it is a sentence."""
    text = _LEAD_PREFIX.sub("", agencies.normalise(heading))
    leads, end = agencies.leading_list(text)
    if not leads:
        return None
    directed, end = _directed(text, end)
    leads = leads + [a for a in directed if a.name not in {x.name for x in leads}]
    rest = text[end:]
    label = re.match(r"^\s*(?:\(chủ trì\))?\s*:\s*(?P<inline>\S.*)$", rest)
    if label:
        return leads, [], label["inline"]
    tail = _HEADING_TAIL.match(rest.rstrip(" :"))
    if not tail:
        return (leads, [], "") if _RESPONSIBLE.search(rest.rstrip()) and len(rest) < 160 else None
    partners = agencies.parse_list(tail["partners"]) if tail["partners"] else []
    return leads, partners, ""


def _sentence_leads(text: str) -> list[agencies.Agency]:
    flat = agencies.normalise(text)
    leads, _ = agencies.leading_list(_LEAD_PREFIX.sub("", flat))
    given = _given_to(flat)
    if given and (not leads or (len(leads) == 1 and not leads[0].listed and len(given[0].name) > len(leads[0].name))):
        return given  # "Giao Ban Quản lý dự án đầu tư xây dựng tỉnh chủ trì …": the whole name before its role
    return leads


_ROLE_AFTER_NAME = re.compile(r"\s(?:chủ trì|phối hợp|có trách nhiệm|chịu trách nhiệm)\b")
_GIVEN = re.compile(r"^(?:Giao|Đề nghị|Yêu cầu)\s+(?:đồng chí\s+)?(?=[A-ZĐÀ-Ỹ])")


def _given_to(text: str) -> list[agencies.Agency]:
    """The body an explicit assignment names before its action, when no list knows it ("Giao Thanh tra
    thành phố tổ chức thanh tra …"): named as printed, up to the first action word."""
    m = _GIVEN.match(text)
    if m is None:
        return []
    role = _ROLE_AFTER_NAME.search(text, m.end(), m.end() + 100)
    if role and not re.search(r"[,;.:()]", text[m.end(): role.start()]):
        name = text[m.end(): role.start()].strip()
        return [agencies.Agency(agencies.expand_abbreviations(name), "specific", False, m.end(), m.end() + len(name))] \
            if 1 < len(name.split()) <= 12 else []
    verbs = vocabulary.phrase_pattern("action_verbs")
    for gap in re.finditer(r"\s+", text[m.end(): m.end() + 100]):
        name = text[m.end(): m.end() + gap.start()]
        if re.search(r"[,;.:()]", name):
            return []
        if verbs.match(text, m.end() + gap.end()):
            if 1 < len(name.split()) <= 12:
                return [agencies.Agency(agencies.expand_abbreviations(name), "specific", False, m.end(),
                                        m.end() + len(name))]
            return []
    return []


# "Về <đề xuất>: giao <cơ quan> …" — a conclusion's item names its topic, then the assignment.
_TOPIC = re.compile(r"^Về\s[^:]{3,300}?:\s*", re.IGNORECASE)


def _own_leads(text: str) -> list[agencies.Agency]:
    """Bodies an item's own sentence opens with: "Giao Thanh tra thành phố …", "Sở X chủ trì …",
    also after a topic label ("Về dự án …: Bộ Xây dựng khẩn trương …")."""
    topic = _TOPIC.match(agencies.normalise(text))
    if topic:
        return _sentence_leads(agencies.normalise(text)[topic.end():])
    return _sentence_leads(text)


_ADDRESS = re.compile(r"\b(?:yêu cầu|đề nghị|giao)\s+", re.IGNORECASE)


def _addressees(text: str) -> list[agencies.Agency]:
    """The bodies a lead-in sentence addresses: after "yêu cầu / đề nghị / giao" when it says so
    ("Chủ tịch … yêu cầu Giám đốc các sở, … thực hiện:"), else the bodies it opens with."""
    m = _ADDRESS.search(text)
    if m:
        found, end = agencies.leading_list(text[m.end():])
        if found:
            return found + _directed(agencies.normalise(text[m.end():]), end)[0]
    if vocabulary.phrase_pattern("speaker_phrases").search(text):
        return []  # "Chủ tịch UBND tỉnh có ý kiến như sau:": the one who speaks, not the one assigned
    flat = _LEAD_PREFIX.sub("", agencies.normalise(text))
    found, end = agencies.leading_list(flat)
    if found:
        return found + _directed(flat, end)[0]
    return _sentence_leads(text) or _sentence_leads(text.rsplit(",", 1)[-1])


def _fill(task: Task, text: str, leads: list[agencies.Agency], partners: list[str]) -> None:
    task.lead = _names(leads, task.kinds)
    task.coordinators = list(dict.fromkeys(partners + _partners(text, task.kinds)))
    recipients = _recipients(text, task.kinds)
    if recipients:
        task.monitor = recipients
    elif task.lead and vocabulary.phrase_pattern("monitor_phrases").search(text):
        task.monitor = list(task.lead)
    task.deadline = dates.deadline(text)
    task.timeframe = None if task.deadline else times.timeframe(text)
    task.funding = funding(text)


def _refill(task: Task, text: str) -> Task:
    """A piece of an enumeration: its own partners, follow-up and time, its task's bodies kept."""
    task.coordinators = _partners(text, task.kinds)
    recipients = _recipients(text, task.kinds)
    task.monitor = recipients or (list(task.lead) if task.lead and vocabulary.phrase_pattern("monitor_phrases")
                                  .search(task.text) else [])
    task.deadline = dates.deadline(task.text)
    task.timeframe = None if task.deadline else times.timeframe(task.text) or times.period_phrase(text)
    task.funding = funding(task.text) or funding(text)
    return task


def _task(path: str, paragraphs: list, text_override: str | None = None) -> Task:
    text = text_override or "\n\n".join(p.text for p in paragraphs)
    return Task(path, text, paragraphs[0].start, paragraphs[-1].end, paragraphs[0].line)


@dataclass
class _Walk:
    """What the rules know while walking the outline: items already taken with their heading."""

    taken: set[int] = field(default_factory=set)
    tasks: list[Task] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)


def promises_tasks(title: str) -> bool:
    """A section title of tasks or of the organisation that assigns them."""
    return bool(_TASK_SECTION().search(title) or _ORG_SECTION().search(title))


def _section_flags(item: Item) -> tuple[Item, str, bool, bool]:
    """The item's Roman section, its title, whether it assigns work (organisation) and whether
    its items are tasks. Outside Roman sections (letters, telegrams) every item may be a task."""
    section = item.section()
    if section.kind != "roman":
        return section, "", False, True
    title = section.heading
    return section, title, bool(_ORG_SECTION().search(title)), bool(_TASK_SECTION().search(title))


# The rules, in order: each takes an item and returns True when it has dealt with it.
def _rule_section_heading(item: Item, walk: _Walk) -> bool:
    """A Roman section heading: under "Tổ chức thực hiện", its own paragraphs that open with bodies."""
    if item.kind != "roman":
        return False
    if _ORG_SECTION().search(item.heading) or _TASK_SECTION().search(item.heading):
        walk.tasks.extend(_section_sentences(item))
    return True


def _rule_skipped_section(item: Item, walk: _Walk) -> bool:
    _, title, _, in_tasks = _section_flags(item)
    return bool(title) and bool(_SKIP_SECTION().search(title)) and not in_tasks


def _rule_objectives(item: Item, walk: _Walk) -> bool:
    _, title, _, in_tasks = _section_flags(item)
    if title and _TARGET_SECTION().search(title) and not in_tasks:
        walk.targets.extend(_targets(item))
        return True
    return False


def _rule_taken(item: Item, walk: _Walk) -> bool:
    """Items under an agency heading were read with it."""
    return id(item) in walk.taken or not item.paragraphs


def _rule_agency_heading(item: Item, walk: _Walk) -> bool:
    heading = _heading_agencies(item.heading) if _has_body(item) else None
    if heading is None and _has_body(item) and _assigns_work(item):
        body = agencies.heading_body(item.heading)
        heading = ([body], [], "") if body else None
    if heading is None:
        return False
    leads, partners, inline = heading
    kinds: dict[str, str] = {}
    partner_names = _names(partners, kinds)
    first = item.paragraphs[0]
    units: list[_Unit] = []
    if inline:
        units.append((item.path, [Paragraph(inline, first.end - len(inline), first.end, first.line)], None))
    units += [(item.path, [p], None) for p in item.paragraphs[1:] if not _closing(p.text)]
    for child in item.children:
        units += _child_units(child, walk)
    for path, paragraphs, lead_in in units:
        text = "\n\n".join(p.text for p in paragraphs)
        task = _task(path, paragraphs, text)
        task.kinds.update(kinds)
        own = _own_leads(lead_in.text if lead_in else paragraphs[0].text)
        if own:
            task.assigned_at = lead_in
            _fill(task, text, own, [])
        else:
            task.assigned_at = first
            _fill(task, text, leads, partner_names)
        walk.tasks.append(task)
    return True


_Unit = tuple[str, list[Paragraph], Paragraph | None]  # path, paragraphs, the lead-in they stand under


def _child_units(child: Item, walk: _Walk) -> list[_Unit]:
    """Tasks under an agency heading: each child item, or the items of a child that is a lead-in."""
    walk.taken.update(id(x) for x in walk_items(child))
    walk.taken.add(id(child))
    if not child.paragraphs or (child.kind == "dash" and _FIELD.match(child.heading)):
        return []
    if child.children and child.heading.rstrip().endswith(":"):  # its items, under its own sentence
        return [(g.path, g.paragraphs, child.paragraphs[0]) for g in child.children if g.paragraphs]
    return [(child.path, child.paragraphs, None)]


# A data line under an item: "Cửa sông lạch Càn: Lấy mẫu 01 vị trí …", "Các thông số: …".
_LABEL_LINE = re.compile(r"^(?P<label>[^:;.()]{2,45}):\s*\S")


def is_detail(item: Item) -> bool:
    """A '+' line, a labelled field or a short 'Label: data' line details its parent item."""
    if item.kind == "plus":
        return not _plus_is_item(item)
    if item.kind not in ("dash", "letter") or not item.paragraphs:
        return False
    if _FIELD.match(item.heading):
        return True
    if item.kind == "letter":
        return False
    m = _LABEL_LINE.match(item.heading)
    return m is not None and len(m["label"].split()) <= 6 and not agencies.leading_list(m["label"])[0]


def _plus_is_item(item: Item) -> bool:
    """A "+" line right under a lettered or numbered sub-heading that announces it ("*a) Đối với công
    trình sử dụng vốn đầu tư công:*" / "+ Kiểm tra …") is an item of its own, not a detail."""
    parent = item.parent
    return parent is not None and parent.kind in ("letter", "arabic", "roman") and parent.heading.rstrip().endswith(":")


def _shared_fields(item: Item) -> dict[str, tuple[str, str]]:
    """Labelled fields placed after the items they govern ("- Kiểm tra …" / "- Tổ chức tập huấn …" /
    "- Đơn vị chủ trì: Phòng …"): the fields of the nearest item above that has both."""
    node = item.parent
    while node is not None:
        fields, found = _fields(node)
        if fields and any(c not in found and not is_detail(c) for c in node.children):
            return fields
        node = node.parent
    return {}


def _assigns_work(item: Item) -> bool:
    """An item in a section that assigns work to bodies, or in a document without Roman sections."""
    _, _, org, _ = _section_flags(item)
    return org or item.section().kind != "roman"


def _rule_labelled_detail(item: Item, walk: _Walk) -> bool:
    return is_detail(item)


def _rule_outside_tasks(item: Item, walk: _Walk) -> bool:
    _, _, org, in_tasks = _section_flags(item)
    return not (org or in_tasks)


def _rule_group_heading(item: Item, walk: _Walk) -> bool:
    """An item holding only sub-items (or a lead-in sentence for them) is not a task."""
    fields, found = _fields(item)
    if fields:  # fields placed after items: the items are the tasks, each with those fields
        return any(c not in found and not is_detail(c) for c in item.children)
    if not item.children or all(is_detail(c) for c in item.children):
        return False
    if enumerations.has_own_content(item.heading):
        return False  # "… chủ động triển khai các biện pháp cần thiết, trong đó:" is a task besides its items
    return len(item.paragraphs) == 1 or item.heading.endswith(":")


def _rule_task_item(item: Item, walk: _Walk) -> bool:
    section, _, org, _ = _section_flags(item)
    paragraphs = [p for p in item.paragraphs if not _closing(p.text)]
    if not paragraphs:
        return True
    fields, field_items = _fields(item)
    details = [c for c in item.children if is_detail(c) and c not in field_items]
    if len(paragraphs) == 1 and details:  # a title whose content is its data lines
        paragraphs = paragraphs + [p for d in details for p in d.paragraphs]
    text = "\n\n".join(p.text for p in paragraphs)
    task = _task(item.path, paragraphs, text)
    # A sentence that opens with bodies names its own lead ("Phòng Quản lý khoa học chủ trì, …",
    # also under a short heading); otherwise a task-section item inherits its lead-in's.
    leads = _own_leads(text) or next((found for p in paragraphs[1:] if (found := _assigning(p.text))), [])
    own = bool(leads)
    partners: list[str] = []
    bracket = None if leads else brackets.closing(paragraphs[-1].text)
    if bracket:  # "… (Sở Tư pháp chủ trì, phối hợp với các sở, ngành; năm 2026)."
        leads, partners = bracket[0], _names(bracket[1], task.kinds)
    if not leads:  # the lead-in's bodies and partners apply to its items ("X chủ trì, phối hợp với Y:")
        lead_in = _lead_in(item)
        leads = _addressees(lead_in.text) if lead_in else []
        if lead_in and leads:
            task.assigned_at = lead_in
            partners = _partners(lead_in.text, task.kinds)
    _fill(task, text, leads, partners)
    if not org and not leads:
        task.coordinators = []
        task.monitor = []
    if fields:
        _apply_fields(task, fields)
        task.end = max(task.end, field_items[-1].paragraphs[-1].end)  # the quote shows the fields
    elif not own and (shared := _shared_fields(item)):
        _apply_fields(task, shared)
    if task.funding is None and (lead_in := _lead_in(item)) is not None:  # "… bố trí kinh phí từ …, cụ thể:"
        task.funding = funding(lead_in.text)
    if task.timeframe is None and not task.deadline:  # a time set by the lead-in, or the group's period
        lead_in = _lead_in(item)
        own = lead_in is not None and item.parent is not None and lead_in in item.parent.paragraphs
        task.timeframe = (times.period_phrase(lead_in.text) if own and lead_in else None) or _section_time(item)
    if section.kind == "roman" or task.lead:
        walk.tasks.append(task)
    return True


_ITEM_RULES = [
    _rule_section_heading, _rule_skipped_section, _rule_objectives, _rule_taken, _rule_agency_heading,
    _rule_labelled_detail, _rule_outside_tasks, _rule_group_heading, _rule_task_item,
]


def from_outline(root: Item) -> tuple[list[Task], list[Target]]:
    """Tasks of the body's task and organisation sections, and targets of its objectives."""
    state = _Walk()
    for item in walk_items(root):
        for rule in _ITEM_RULES:
            if rule(item, state):
                break
    return enumerations.split(state.tasks, _refill), state.targets


def _assigning(text: str) -> list[agencies.Agency]:
    """Leads of a later paragraph of an item: "Giao …"/"Đề nghị …", or bodies of the agency file
    (a name pattern alone would take "Phòng trừ sâu, bệnh hại …", pest control, for a division)."""
    found = _sentence_leads(text)
    if _LEAD_PREFIX.match(text) or all(a.listed for a in found):
        return found
    return []


def _fields(item: Item) -> tuple[dict[str, tuple[str, str]], list[Item]]:
    """The labelled details of a task given as dash items under it: role -> (label, value)."""
    fields: dict[str, tuple[str, str]] = {}
    found: list[Item] = []
    for child in item.children:
        m = _FIELD.match(child.heading) if child.kind in ("dash", "letter") and child.paragraphs else None
        if not m:
            continue
        label = m["label"].lower()
        role = next(r for key, r in _FIELD_ROLE if key in label)
        value = collapse(" ".join([m["value"], *(p.text for p in child.paragraphs[1:])]))
        if value:
            fields[role] = (label, value)
        if role == "agencies":  # its bodies given inline ("Đơn vị chủ trì: … Đơn vị phối hợp: …") or below
            fields.update(_sub_fields(value))
            fields.update(_fields(child)[0])
        found.append(child)
    return fields, found


def _sub_fields(value: str) -> dict[str, tuple[str, str]]:
    parts = _SUB_LABEL.split(value)
    return {next(r for key, r in _FIELD_ROLE if key in label.lower()): (label.lower(), text.strip(" ."))
            for label, text in zip(parts[1::2], parts[2::2])}


def _apply_fields(task: Task, fields: dict[str, tuple[str, str]]) -> None:
    if "agencies" in fields and "lead" not in fields:  # one field for all: "(chủ trì)" marks the lead, else the first
        lead, partners = _lead_and_partners(fields["agencies"][1])
        task.lead, task.coordinators = _names(lead, task.kinds), _names(partners, task.kinds)
    for role in ("lead", "coordinators", "monitor"):
        if role in fields:
            setattr(task, role, _names(agencies.parse_list(fields[role][1]), task.kinds))
    if "time" in fields:
        label, when = fields["time"]
        complete_by = any(w in label for w in ("hoàn thành", "thời hạn"))
        full_date = dates.parse(when)
        exact = full_date if complete_by and full_date and len(full_date) == 10 else None
        task.deadline = dates.deadline(when) or exact
        task.timeframe = None if task.deadline else clean_value(when)
    for role in ("product", "funding"):
        if role in fields:
            setattr(task, role, clean_value(fields[role][1]))


def _section_sentences(section: Item) -> list[Task]:
    """Unnumbered paragraphs right under a task or "Tổ chức thực hiện" section that open with the bodies
    they assign ("Bộ Công Thương chủ trì …", "Về giá điện: Bộ Công Thương hướng dẫn …"); in a section
    without items, also those under a lead-in that addresses bodies ("Yêu cầu các bộ … thực hiện:")."""
    out: list[Task] = []
    addressed: list[agencies.Agency] = []
    lead_in: Paragraph | None = None
    for para in section.paragraphs[1:]:
        if _closing(para.text):
            continue
        if para.text.rstrip().endswith(":"):
            lead_in, addressed = para, ([] if section.children else _addressees(para.text))
            continue
        leads = _own_leads(para.text)
        if leads or addressed:
            task = _task(section.path, [para])
            task.assigned_at = None if leads else lead_in
            _fill(task, para.text, leads or addressed, [])
            out.append(task)
    return out


def _has_body(item: Item) -> bool:
    """A numbered or lettered item that can be an agency heading: text or sub-items follow its first
    line. A lone sentence ("3. Sở Tài chính chủ trì, phối hợp với … rà soát …") is one task."""
    return item.kind in ("arabic", "roman", "letter", "paren") and (
        len(item.paragraphs) > 1 or any(child.paragraphs for child in item.children))


def _closing(text: str) -> bool:
    """A note in brackets, or a closing formula ("Trên đây là …", "Trong quá trình thực hiện, nếu có
    khó khăn, vướng mắc …"): no task. The end mark "./." only ends the text, whatever its last item."""
    return text.startswith("(") or bool(vocabulary.phrase_pattern("closing_formulas").match(text))


def _lead_in(item: Item) -> Paragraph | None:
    """The nearest lead-in sentence above an item ("… các sở, ngành … thực hiện các nhiệm vụ sau:"):
    an enclosing item's paragraph ending with ':' before it, or the preamble's last one."""
    parent = item.parent
    start = item.paragraphs[0].start if item.paragraphs else 0
    while parent is not None:
        before = [p for p in parent.paragraphs if p.start < start and p.text.rstrip().endswith(":")]
        if before:
            return before[-1]
        if parent.kind == "roman":
            return None
        parent = parent.parent
    return None


def _section_time(item: Item) -> str | None:
    parent = item.parent
    while parent is not None and parent.kind not in ("root", "roman"):
        m = _SECTION_TIME.search(parent.heading)
        if m:
            return m.group(1) or m.group(2)
        parent = parent.parent
    return None


def _targets(item: Item) -> list[Target]:
    out: list[Target] = []
    year = re.search(r"đến năm (\d{4})", item.heading)
    if not year or item.kind == "dash":
        return out
    for para in item.paragraphs[1:]:
        m = _VALUE.search(para.text)
        if m:
            out.append(Target(item.path, para.text, m.group(0), int(year.group(1)),
                              para.start, para.end, para.line))
    return out


def from_tables(tables: list[Table]) -> tuple[list[Task], list[Target]]:
    tasks: list[Task] = []
    targets: list[Target] = []
    for table in tables:
        for row in table.rows:
            filled = [c for c in table.columns if c != "text" and row.cell(c)]
            if not filled or not row.cell("text"):
                continue
            if "value" in table.columns:
                targets.append(_target_row(row, table))
            else:
                tasks.append(_task_row(row))
    return tasks, targets


def _split_cells(cell: str | None) -> list[list[agencies.Agency]]:
    """Agencies of a cell; two bodies printed side by side with no separator start a new cell."""
    if not cell:
        return []
    text = agencies.normalise(cell)
    groups: list[list[agencies.Agency]] = [[]]
    previous: agencies.Agency | None = None
    for a in agencies.cell_bodies(text):
        if previous is not None and not re.search(r"[,;]|\bvà\b", text[previous.end: a.start]):
            groups.append([])
        groups[-1].append(a)
        previous = a
    return groups


def _target_row(row: Row, table: Table) -> Target:
    target = Target(row.path, collapse(row.cell("text") or ""), clean_value(row.cell("value")),
                    table.year, row.start, row.end, row.first_line)
    lead_groups = _split_cells(row.cell("lead"))
    monitor_groups = _split_cells(row.cell("monitor"))
    if not monitor_groups and len(lead_groups) > 1:
        monitor_groups = lead_groups[1:]
        lead_groups = lead_groups[:1]
    target.lead = _names([a for g in lead_groups for a in g], target.kinds)
    target.monitor = _names([a for g in monitor_groups for a in g], target.kinds)
    return target


_MARKED_LEAD = re.compile(r"\(\s*chủ trì\s*\)", re.IGNORECASE)


def _lead_and_partners(cell: str | None) -> tuple[list[agencies.Agency], list[agencies.Agency]]:
    """A single "Cơ quan thực hiện" cell: bodies marked "(chủ trì)" lead, else the first listed."""
    if not cell:
        return [], []
    text = agencies.normalise(cell)
    found = agencies.cell_bodies(text)
    marked = [a for a in found if _MARKED_LEAD.match(text[a.end:a.end + 20].lstrip())]
    lead = marked or found[:1]
    return lead, [a for a in found if a not in lead]


def _task_row(row: Row) -> Task:
    """A table row's task: every body of its lead, partner and monitor cells (listed or not), its
    time cell as a deadline when it is one full date, else as printed; product and funding as printed."""
    task = Task(row.path, collapse(row.cell("text") or ""), row.start, row.end, row.first_line)
    lead, partners = _lead_and_partners(row.cell("agencies"))
    task.lead = _names(agencies.cell_bodies(row.cell("lead") or "") or lead, task.kinds)
    task.coordinators = _names(agencies.cell_bodies(row.cell("coordinators") or "") or partners, task.kinds)
    task.monitor = _names(agencies.cell_bodies(row.cell("monitor") or ""), task.kinds)
    task.deadline, task.timeframe = time_cell(row.cell("time"))
    task.product = clean_value(row.cell("product"))
    task.funding = clean_value(row.cell("funding"))
    return task


_ONE_DATE = re.compile(r"^(?:ngày\s+)?\d{1,2}\s?/\s?\d{1,2}\s?/\s?\d{4}$", re.IGNORECASE)


def time_cell(cell: str | None) -> tuple[str | None, str | None]:
    """(deadline, timeframe) of a time cell: a fixed date after a deadline word, or a cell that is one
    full date ("30/6/2026"), is a deadline; anything else is a timeframe as printed."""
    time = clean_value(cell)
    if not time:
        return None, None
    deadline = dates.deadline(time)
    if deadline is None and _ONE_DATE.match(time):
        found = dates.parse(time)
        deadline = found if found and len(found) == 10 else None
    return deadline, None if deadline else time


def _key(text: str) -> str:
    return re.sub(r"[^\w]+", " ", collapse(text).lower()).strip()


def restates(body: str, row: str) -> bool:
    """A table row that restates a body item word for word: the same words in the same order, where
    they differ only by a citation's details (its number, date, "số", issuer) or a trailing period;
    a row that drops or changes a content word, or goes on with sentences of its own, is a paraphrase."""
    a, b = _key(body).split(), _key(row).split()
    if min(len(a), len(b)) < 5 or a[:4] != b[:4]:
        return False
    minor = vocabulary.words("restatement_minor_words")
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal" and not all(w.isdigit() or w in minor for w in a[i1:i2] + b[j1:j2]):
            return False
    return True


def merge_restated(body: list[Task], rows: list[Task]) -> list[Task]:
    """A body task restated word for word by a table row becomes that row, with also_at."""
    out: list[Task] = []
    for task in body:
        match = next((r for r in rows if restates(task.text, r.text)), None)
        if match is not None:
            match.also_at.append(task.path)
            continue
        out.append(task)
    return out + rows
