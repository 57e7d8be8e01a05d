"""A deterministic synthetic national corpus: 34 provinces, national → provincial Party →
provincial People's Committee → department chains, written in every layout class the extractor
reads. Used by benchmarks/national.py.

Each province answers five national directives; for each it issues six documents: the Party
plan (Tỉnh ủy, prose), three People's Committee documents (a plan with a task table, a plan in
another layout, a decision with its plan attached or a directive) and two departments' letters.
The Government's programme for each directive (a table of ministries' tasks) is loaded too; the
Politburo's resolutions themselves stay cited only, as in real corpora. A scale keeps the first
documents of each province's list (the whole chain of the first directive first), so a smaller
corpus is part of a larger one. Every generated task is known (text, lead, partners), so a sample
can be checked against what extraction recovers.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from policykg.graph.succession import provinces_2025

DOCUMENTS_PER_PROVINCE = 30


@dataclass(frozen=True)
class Directive:
    symbol: str
    date: str  # d/m/yyyy
    issuer: str
    subject: str
    government: str  # the Government's programme implementing it
    government_date: str


DIRECTIVES = (
    Directive("36-NQ/TW", "30/01/2023", "Bộ Chính trị",
              "phát triển và ứng dụng công nghệ sinh học phục vụ phát triển bền vững đất nước", "189/NQ-CP",
              "16/11/2023"),
    Directive("57-NQ/TW", "22/12/2024", "Bộ Chính trị",
              "đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia", "03/NQ-CP",
              "09/01/2025"),
    Directive("29-NQ/TW", "17/11/2022", "Ban Chấp hành Trung ương",
              "tiếp tục đẩy mạnh công nghiệp hóa, hiện đại hóa đất nước", "131/NQ-CP", "06/10/2023"),
    Directive("41-NQ/TW", "10/10/2023", "Bộ Chính trị",
              "xây dựng và phát huy vai trò của đội ngũ doanh nhân Việt Nam", "66/NQ-CP", "26/3/2024"),
    Directive("45-NQ/TW", "24/11/2023", "Ban Chấp hành Trung ương",
              "tiếp tục xây dựng và phát huy vai trò của đội ngũ trí thức", "149/NQ-CP", "20/9/2024"),
)

DEPARTMENTS = ("Sở Khoa học và Công nghệ", "Sở Tài chính", "Sở Nội vụ", "Sở Y tế", "Sở Giáo dục và Đào tạo",
               "Sở Công Thương", "Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "Sở Tư pháp", "Sở Dân tộc và Tôn giáo",
               "Sở Ngoại vụ", "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Văn phòng Ủy ban nhân dân tỉnh",
               "Thanh tra tỉnh", "Cục Thuế tỉnh", "Liên minh Hợp tác xã tỉnh", "Hội Nông dân tỉnh",
               "Bảo hiểm xã hội tỉnh", "Kho bạc Nhà nước tỉnh", "Tỉnh đoàn", "Hội Liên hiệp Phụ nữ tỉnh",
               "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh", "Đài Phát thanh và Truyền hình tỉnh")
PARTY_BODIES = ("Ban Tuyên giáo Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy")
MINISTRIES = ("Bộ Khoa học và Công nghệ", "Bộ Tài chính", "Bộ Y tế", "Bộ Nông nghiệp và Môi trường", "Bộ Công Thương",
              "Bộ Giáo dục và Đào tạo", "Bộ Nội vụ", "Bộ Xây dựng", "Bộ Tư pháp", "Bộ Quốc phòng", "Bộ Công an",
              "Bộ Ngoại giao", "Bộ Dân tộc và Tôn giáo", "Ngân hàng Nhà nước Việt Nam", "Văn phòng Chính phủ")
OFFICES = ("Phòng Quản lý khoa học", "Phòng Kế hoạch - Tài chính", "Phòng Quản lý công nghệ", "Phòng Tổ chức cán bộ",
           "Phòng Quản lý chuyên ngành", "Phòng Quản lý tiêu chuẩn đo lường chất lượng")

VERBS = ("Xây dựng", "Triển khai", "Hoàn thiện", "Nghiên cứu", "Rà soát", "Phát triển", "Nâng cấp", "Đầu tư",
         "Tổ chức", "Đẩy mạnh", "Hỗ trợ", "Thí điểm", "Nhân rộng", "Khảo sát", "Đánh giá", "Ứng dụng", "Chuẩn hóa",
         "Số hóa", "Bồi dưỡng", "Đào tạo")
OBJECTS = ("mô hình", "cơ sở dữ liệu", "chương trình", "đề án", "quy chế", "nền tảng", "hệ thống", "trung tâm",
           "vùng nguyên liệu", "chuỗi giá trị", "phòng thí nghiệm", "dự án", "cơ chế", "bộ tiêu chí", "mạng lưới",
           "chuyên trang", "cẩm nang", "khu trình diễn", "sàn giao dịch", "quỹ")
TOPICS = ("ứng dụng công nghệ sinh học", "chuyển đổi số", "đổi mới sáng tạo", "sản xuất nông nghiệp hữu cơ",
          "bảo tồn nguồn gen", "xử lý chất thải", "chăm sóc sức khỏe ban đầu", "giáo dục nghề nghiệp",
          "khởi nghiệp sáng tạo", "thương mại điện tử", "quản lý đất đai", "phòng chống thiên tai",
          "an toàn thực phẩm", "du lịch cộng đồng", "kinh tế tuần hoàn", "năng lượng tái tạo",
          "dịch vụ công trực tuyến",
          "sở hữu trí tuệ", "doanh nghiệp nhỏ và vừa", "đội ngũ trí thức", "thu hút đầu tư", "hợp tác xã kiểu mới",
          "dược liệu quý", "giống cây trồng", "thủy sản nước ngọt", "lâm nghiệp bền vững", "hạ tầng số")
PLACES = ("vùng cao", "vùng đồng bào dân tộc thiểu số", "khu công nghiệp", "đô thị", "vùng ven biển", "biên giới",
          "nông thôn mới", "khu kinh tế", "làng nghề", "vùng trung du")
TIMES = ("Năm 2026", "2026-2030", "Quý III/2026", "Hằng năm", "Năm 2027", "Quý IV/2026", "2026-2028", "Năm 2028")
PRODUCTS = ("Báo cáo kết quả", "Mô hình được nhân rộng", "Quyết định phê duyệt", "Cơ sở dữ liệu được vận hành",
            "Đề án được phê duyệt", "Hội nghị được tổ chức", "Tài liệu hướng dẫn")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
         "XVII", "XVIII", "XIX", "XX")


@dataclass
class Task:
    text: str
    lead: list[str]
    partners: list[str]
    time: str
    product: str


@dataclass
class Document:
    name: str  # file name
    province: str | None
    layout: str
    text: str = ""
    tasks: list[Task] = field(default_factory=list)


def province_names() -> list[str]:
    return [p["name"] for p in provinces_2025()]


class Writer:
    """Random but reproducible wording for one document."""

    def __init__(self, seed: str) -> None:
        self.rng = random.Random(seed)
        self.seen: set[str] = set()

    def task_text(self) -> str:
        r = self.rng
        while True:
            text = (f"{r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(TOPICS)} tại {r.randint(2, 60)} xã "
                    f"{r.choice(PLACES)}, gắn với {r.choice(TOPICS)}")
            if text not in self.seen:
                self.seen.add(text)
                return text

    def task(self, bodies: tuple[str, ...], partners: int = 2, others: tuple[str, ...] = ()) -> Task:
        """A task led by one of ``bodies``, with up to ``partners`` partners (from ``others`` when given)."""
        lead = self.rng.choice(bodies)
        pool = [b for b in (others or bodies) if b != lead]
        chosen = self.rng.sample(pool, self.rng.randint(0, partners))
        return Task(self.task_text(), [lead], chosen, self.rng.choice(TIMES), self.rng.choice(PRODUCTS))

    def tasks(self, n: int, bodies: tuple[str, ...], partners: int = 2, others: tuple[str, ...] = ()) -> list[Task]:
        return [self.task(bodies, partners, others) for _ in range(n)]


def _header(issuer: list[str], number: str, place: str, date: str, kind: str, subject: str) -> str:
    d, m, y = date.split("/")
    return "\n".join([*issuer, f"Số: {number}", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                      f"{place}, ngày {d} tháng {m} năm {y}", kind, subject, ""])


def _groups(tasks: list[Task], size: int = 12) -> list[list[Task]]:
    return [tasks[i:i + size] for i in range(0, len(tasks), size)]


def _sentence(task: Task) -> str:
    partners = f", phối hợp với {', '.join(task.partners)}" if task.partners else ""
    return f"{', '.join(task.lead)} chủ trì{partners} {task.text[0].lower()}{task.text[1:]}."


# Layouts ----------------------------------------------------------------------------------------------

def party_prose(doc: Document, ctx: dict[str, str]) -> None:
    """A Party plan: a Tỉnh ủy header, numbered sentences naming lead and partners."""
    head = ["TỈNH ỦY " + ctx["PROVINCE"], "*", f"Số {ctx['number']}-KH/TU", "ĐẢNG CỘNG SẢN VIỆT NAM",
            f"{ctx['province']}, ngày {ctx['day']} tháng {ctx['month']} năm {ctx['year']}", "KẾ HOẠCH",
            f"thực hiện {ctx['cite']} về {ctx['subject']}", "-----",
            f"Thực hiện {ctx['cite']}, Ban Thường vụ Tỉnh ủy xây dựng Kế hoạch thực hiện như sau:",
            "I. MỤC ĐÍCH, YÊU CẦU", "1. Quán triệt sâu sắc nội dung Nghị quyết.", "II. TỔ CHỨC THỰC HIỆN"]
    lines = [f"{i}. {_sentence(t)}" for i, t in enumerate(doc.tasks, 1)]
    doc.text = "\n".join(head + lines + ["Nơi nhận:", "- Các đảng bộ trực thuộc Tỉnh ủy;", "- Lưu VPTU.",
                                         "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "Nguyễn Văn Bình", ""])


def _plan_head(ctx: dict[str, str], appendix: bool) -> str:
    where = "; các nhiệm vụ cụ thể tại Phụ lục kèm theo." if appendix else " như sau:"
    return _header(["ỦY BAN NHÂN DÂN", "TỈNH " + ctx["PROVINCE"]], f"{ctx['number']}/KH-UBND", ctx["province"],
                   ctx["date"], "KẾ HOẠCH", f"Thực hiện {ctx['cite']}") + \
        f"Thực hiện {ctx['cite']}; {ctx['party']}, Ủy ban nhân dân tỉnh ban hành Kế hoạch{where}\n"


def pipe_table(doc: Document, ctx: dict[str, str]) -> None:
    """A plan whose tasks are a '|' table with group rows."""
    lines = ["PHỤ LỤC I", "| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện | Sản phẩm |",
             "|---|---|---|---|---|---|"]
    for g, group in enumerate(_groups(doc.tasks)):
        lines.append(f"| {ROMAN[g]} | Nhóm nhiệm vụ {ROMAN[g]} | | | | |")
        lines += [f"| {i} | {t.text} | {'; '.join(t.lead)} | {'; '.join(t.partners)} | {t.time} | {t.product} |"
                  for i, t in enumerate(group, 1)]
    doc.text = _plan_head(ctx, True) + "\n" + "\n".join(lines) + "\n"


def cell_table(doc: Document, ctx: dict[str, str]) -> None:
    """A legal site's rendering (.md): one cell per line between lone '|' lines."""
    cells = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm"]
    lines = ["**PHỤ LỤC**", "", "DANH MỤC NHIỆM VỤ", "", *[x for c in cells for x in ("|", f"**{c}**")], "|"]
    for g, group in enumerate(_groups(doc.tasks)):
        lines += ["|", f"**{ROMAN[g]}**", "|", f"**NHÓM NHIỆM VỤ {ROMAN[g]}**", *["|", "** **"] * 4, "|"]
        for i, t in enumerate(group, 1):
            row = [str(i), t.text, "; ".join(t.lead), "; ".join(t.partners), t.time, t.product]
            lines += [*[x for c in row for x in ("|", c)], "|"]
    doc.text = _plan_head(ctx, True) + "\n" + "\n".join(lines) + "\n"


def pdf_table(doc: Document, ctx: dict[str, str]) -> None:
    """A table as PDF text: cells on their own lines, blank lines between, a page break inside."""
    header = "STT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian thực hiện Sản phẩm"
    lines = ["PHỤ LỤC", "DANH MỤC NHIỆM VỤ", "", header, ""]
    for g, group in enumerate(_groups(doc.tasks)):
        lines += [f"{ROMAN[g]} Nhóm nhiệm vụ {ROMAN[g]}", ""]
        for i, t in enumerate(group, 1):
            lines += [f"{i} {t.text}.", "", "; ".join(t.lead), ""]
            if t.partners:
                lines += ["; ".join(t.partners), ""]
            lines += [t.time, "", t.product, ""]
        lines += [str(g + 2), "", header, ""]
    doc.text = _plan_head(ctx, True) + "\n" + "\n".join(lines[:-4]) + "\n"


def labelled_fields(doc: Document, ctx: dict[str, str]) -> None:
    """Tasks as lettered items with labelled dash lines (lead, partners, time, product)."""
    lines = ["I. NHIỆM VỤ, GIẢI PHÁP"]
    for g, group in enumerate(_groups(doc.tasks, 10), 1):
        lines.append(f"{g}. Nhóm nhiệm vụ thứ {g}")
        for i, t in enumerate(group):
            lines += [f"{'abcdeghiklmn'[i]}) {t.text}.", f"- Cơ quan chủ trì: {', '.join(t.lead)}."]
            if t.partners:
                lines.append(f"- Cơ quan phối hợp: {', '.join(t.partners)}.")
            lines += [f"- Thời gian thực hiện: {t.time.lower()}.", f"- Sản phẩm: {t.product}."]
    lines += ["II. TỔ CHỨC THỰC HIỆN", "Các sở, ban, ngành căn cứ chức năng, nhiệm vụ tổ chức thực hiện Kế hoạch."]
    doc.text = _plan_head(ctx, False) + "\n".join(lines) + "\n"


def agency_headings(doc: Document, ctx: dict[str, str]) -> None:
    """'Tổ chức thực hiện' with an agency heading per lead and a dash item per task."""
    by_lead: dict[str, list[Task]] = {}
    for t in doc.tasks:
        by_lead.setdefault(t.lead[0], []).append(t)
    doc.tasks = [t for ts in by_lead.values() for t in ts]
    lines = ["I. MỤC TIÊU", "Cụ thể hóa các nhiệm vụ của tỉnh.", "II. TỔ CHỨC THỰC HIỆN"]
    for i, (lead, tasks) in enumerate(by_lead.items(), 1):
        lines.append(f"{i}. {lead}")
        for t in tasks:
            partners = f", phối hợp với {', '.join(t.partners)}" if t.partners else ""
            lines.append(f"- {t.text}{partners}.")
    doc.text = _plan_head(ctx, False) + "\n".join(lines) + "\n"


def one_agency_column(doc: Document, ctx: dict[str, str]) -> None:
    """A 'TT' table with one column for every body: the lead marked '(chủ trì)'."""
    lines = ["PHỤ LỤC 1", "DANH MỤC NHIỆM VỤ", "TT Nhiệm vụ Cơ quan thực hiện Thời gian thực hiện Kinh phí", ""]
    for i, t in enumerate(doc.tasks, 1):
        bodies = "; ".join([f"{t.lead[0]} (chủ trì)", *t.partners])
        lines += [f"{i} {t.text}.", "", bodies, "", t.time, "", "Ngân sách tỉnh", ""]
    doc.text = _plan_head(ctx, True) + "\n" + "\n".join(lines) + "\n"


def attached_plan(doc: Document, ctx: dict[str, str]) -> None:
    """A People's Committee decision issuing the plan attached after its signature."""
    head = _header(["ỦY BAN NHÂN DÂN", "TỈNH " + ctx["PROVINCE"]], f"{ctx['number']}/QĐ-UBND", ctx["province"],
                   ctx["date"], "QUYẾT ĐỊNH", f"Ban hành Kế hoạch thực hiện {ctx['cite']}")
    body = ["CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH " + ctx["PROVINCE"],
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", f"Căn cứ {ctx['cite']};",
            "QUYẾT ĐỊNH:", f"Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện {ctx['cite']}.",
            "Điều 2. Quyết định có hiệu lực kể từ ngày ký.", "Nơi nhận:", "- Như Điều 2;", "- Lưu: VT.", "CHỦ TỊCH",
            "", "Nguyễn Văn Sơn", "", "KẾ HOẠCH", f"Thực hiện {ctx['cite']}",
            f"(Kèm theo Quyết định số {ctx['number']}/QĐ-UBND ngày {ctx['date']} của Chủ tịch UBND tỉnh)",
            "I. NHIỆM VỤ"]
    doc.text = head + "\n".join(body + [f"{i}. {_sentence(t)}" for i, t in enumerate(doc.tasks, 1)]) + "\n"


def letter(doc: Document, ctx: dict[str, str]) -> None:
    """A department's letter to its offices: numbered requests naming lead and partners."""
    head = ["UBND TỈNH " + ctx["PROVINCE"], ctx["DEPARTMENT"], f"Số: {ctx['number']}/{ctx['code']}-VP",
            f"V/v triển khai Kế hoạch số {ctx['plan']} ngày {ctx['plan_date']} của UBND tỉnh",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
            f"{ctx['province']}, ngày {ctx['day']} tháng {ctx['month']} năm {ctx['year']}", "",
            "Kính gửi: Các phòng, đơn vị trực thuộc Sở.", "",
            f"Thực hiện Kế hoạch số {ctx['plan']} ngày {ctx['plan_date']} của UBND tỉnh {ctx['province']}, "
            f"{ctx['department']} đề nghị các phòng, đơn vị triển khai một số nội dung sau:"]
    lines = [f"{i}. {_sentence(t)}" for i, t in enumerate(doc.tasks, 1)]
    doc.text = "\n".join(head + lines + ["", "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "GIÁM ĐỐC", "",
                                         "Nguyễn Văn Hùng", ""])


def government(doc: Document, ctx: dict[str, str]) -> None:
    """The Government's programme: a resolution with a '|' table of ministries' tasks."""
    head = _header(["CHÍNH PHỦ"], ctx["number"], "Hà Nội", ctx["date"], "NGHỊ QUYẾT",
                   f"Ban hành Chương trình hành động của Chính phủ thực hiện {ctx['cite']}")
    body = ["Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;", f"Thực hiện {ctx['cite']};", "QUYẾT NGHỊ:",
            "Điều 1. Ban hành Chương trình hành động kèm theo Nghị quyết này.",
            "", "PHỤ LỤC", "| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm |",
            "|---|---|---|---|---|---|"]
    rows = [f"| {i} | {t.text} | {'; '.join(t.lead)} | {'; '.join(t.partners)} | {t.time} | {t.product} |"
            for i, t in enumerate(doc.tasks, 1)]
    doc.text = head + "\n".join(body + rows) + "\n"


LAYOUTS: dict[str, Callable[[Document, dict[str, str]], None]] = {
    f.__name__: f for f in (party_prose, pipe_table, cell_table, pdf_table, labelled_fields, agency_headings,
                            one_agency_column, attached_plan, letter, government)
}
# The People's Committee's second plan rotates through these layouts.
SECOND_PLAN = ("cell_table", "pdf_table", "labelled_fields", "agency_headings", "one_agency_column")


# The corpus ---------------------------------------------------------------------------------------------

LETTER_DEPARTMENTS = (("Sở Khoa học và Công nghệ", "SKHCN"), ("Sở Nông nghiệp và Môi trường", "SNNMT"))
CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"}
_SIZES = {"party_prose": 90, "pipe_table": 110, "second": 100, "attached_plan": 80, "letter": 35, "government": 120}


def _date(rng: random.Random, year: int) -> tuple[str, str, str]:
    return f"{rng.randint(1, 28):02d}", f"{rng.randint(1, 12):02d}", str(year)


def _cite(d: Directive) -> str:
    return f"Nghị quyết số {d.symbol} ngày {d.date} của {d.issuer}"


def _context(province: str, p: int, di: int, k: int, rng: random.Random) -> dict[str, str]:
    d = DIRECTIVES[di]
    year = int(d.date.split("/")[-1]) + 1 + k // 3
    day, month, _ = _date(rng, year)
    party_year = int(d.date.split("/")[-1]) + 1
    ctx = {"province": province, "PROVINCE": ("THÀNH PHỐ " if province in CITIES else "") + province.upper(),
           "number": str(100 + 6 * di + k + p), "day": day, "month": month, "year": str(year),
           "date": f"{int(day)}/{int(month)}/{year}", "subject": d.subject,
           "cite": _cite(d),
           "party": f"Kế hoạch số {100 + 6 * di + p}-KH/TU ngày 10/3/{party_year} của Ban Thường vụ Tỉnh ủy"}
    if province in CITIES:
        ctx["PROVINCE"] = ctx["PROVINCE"].replace("TỈNH ", "")
    return ctx


def _letter_context(ctx: dict[str, str], department: str, code: str, plan_number: str) -> dict[str, str]:
    return ctx | {"DEPARTMENT": department.upper(), "department": department, "code": code,
                  "plan": f"{plan_number}/KH-UBND", "plan_date": f"15/01/{ctx['year']}"}


def _province_documents(province: str, p: int) -> list[Document]:
    """The 30 documents of one province, in the order scales keep them."""
    slug = "-".join(province.lower().split())
    docs = []
    for di in range(len(DIRECTIVES)):
        for k, layout in enumerate(("party_prose", "pipe_table", SECOND_PLAN[(p + di) % len(SECOND_PLAN)],
                                    "attached_plan", "letter", "letter")):
            w = Writer(f"{province}|{di}|{k}")
            ctx = _context(province, p, di, k, w.rng)
            if layout == "letter":
                department, code = LETTER_DEPARTMENTS[k - 4]
                plan = _context(province, p, di, k - 3, random.Random(0))["number"]
                ctx = _letter_context(ctx, department, code, plan)
                tasks = w.tasks(_SIZES["letter"], OFFICES, 1, DEPARTMENTS)
            else:
                bodies = PARTY_BODIES + DEPARTMENTS[:8] if layout == "party_prose" else DEPARTMENTS
                tasks = w.tasks(_SIZES.get(layout, _SIZES["second"]), bodies)
            doc = Document(f"{p:02d}-{slug}-{di}{k}-{layout}.{'md' if layout == 'cell_table' else 'txt'}",
                           province, layout, tasks=tasks)
            LAYOUTS[layout](doc, ctx)
            docs.append(doc)
    return docs


def _national_documents() -> list[Document]:
    docs = []
    for di, d in enumerate(DIRECTIVES):
        w = Writer(f"national|{di}")
        day, month, year = d.government_date.split("/")
        ctx = {"number": d.government, "date": d.government_date, "cite": _cite(d)}
        doc = Document(f"00-chinh-phu-{di}-government.txt", None, "government",
                       tasks=w.tasks(_SIZES["government"], MINISTRIES))
        government(doc, ctx)
        docs.append(doc)
    return docs


def documents(scale: float) -> list[Document]:
    """The corpus at ``scale`` (1/8, 1/4, 1/2, 1): the Government's programmes and, in every province,
    the first round(30 × scale) documents."""
    keep = max(1, round(DOCUMENTS_PER_PROVINCE * scale))
    docs = _national_documents()
    for p, province in enumerate(province_names()):
        docs += _province_documents(province, p)[:keep]
    return docs


def write(folder: Path, scale: float) -> list[Document]:
    folder.mkdir(parents=True, exist_ok=True)
    docs = documents(scale)
    for doc in docs:
        (folder / doc.name).write_text(doc.text, "utf-8")
    return docs
