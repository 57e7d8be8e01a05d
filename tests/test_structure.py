"""Extraction rules on a document written for the tests (not a seed): header, prose task and
"Tổ chức thực hiện" sections, and a PDF-linearised task table with a page break inside a row."""

from __future__ import annotations

from pathlib import Path

import pytest
from policykg.ingest.extract import extract_file

SAMPLE = Path(__file__).parent / "data" / "yenbai-synthetic-plan.txt"


@pytest.fixture(scope="module")
def got() -> dict:
    return extract_file(SAMPLE)


@pytest.fixture(scope="module")
def tasks(got) -> dict[str, dict]:
    return {t["path"]: t for t in got["tasks"]}


def test_header_and_citations(got):
    assert got["document"] == {
        "symbol": "12/KH-UBND", "doc_type": "Kế hoạch",
        "title": "Triển khai Nghị quyết số 36-NQ/TW ngày 30/01/2023 của Bộ Chính trị",
        "issuer": "Ủy ban nhân dân tỉnh Yên Bái", "province": "Yên Bái", "issued_date": "2026-03-05",
        "signer": None,
    }
    assert [(r["symbol"], r["relation"]) for r in got["references"]] == [
        ("36-NQ/TW", "implements"), ("271-KH/TU", "implements")]


def test_task_paths_group_rows_and_restatement(tasks):
    # Group-heading rows (I, II) are no tasks; an unnumbered appendix prefixes its rows with PL;
    # the body task I.1 restated by row PL.I.1 is one task there.
    assert list(tasks) == ["I.2", "II.1-1", "II.1-2", "II.2", "II.3", "PL.I.1", "PL.I.2", "PL.I.3", "PL.II.1"]
    assert tasks["PL.I.1"]["also_at"] == ["I.1"]
    assert tasks["I.2"]["lead"] == []  # a task that names no agency is kept, unassigned


def test_organisation_section(tasks):
    first = tasks["II.1-1"]  # a dash item under an agency heading
    assert first["lead"] == ["Sở Khoa học và Công nghệ"] and first["coordinators"] == ["Sở Tài chính"]
    assert first["monitor"] == ["Sở Khoa học và Công nghệ"]  # "đầu mối … theo dõi, tổng hợp"
    assert first["timeframe"] == "trước ngày 15/12 hàng năm" and first["deadline"] is None
    assert first["assigned_at"]["quote"] == "Sở Khoa học và Công nghệ"
    two = tasks["II.2"]  # several agencies in one heading are several leads; a fixed date is a deadline
    assert two["lead"] == ["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"] and two["deadline"] == "2027-06-30"
    three = tasks["II.3"]  # one numbered sentence: lead and partners from the sentence itself
    assert three["lead"] == ["Sở Nông nghiệp và Môi trường"] and three["coordinators"] == ["Các sở, ban, ngành"]
    assert three["assigned_at"] is None


def test_table_row_cut_by_a_page_break(tasks):
    row = tasks["PL.I.2"]  # page number and repeated header between the halves of three cells
    assert row["text"] == ("Xây dựng cơ sở dữ liệu nguồn gen cây trồng bản địa phục vụ nghiên cứu khoa học "
                           "của tỉnh.")
    assert row["lead"] == ["Sở Khoa học và Công nghệ"]
    assert row["coordinators"] == ["Sở Tài chính", "Các sở, ban, ngành"]
    assert row["timeframe"] == "2026-2030" and row["product"] == "Cơ sở dữ liệu/Báo cáo tổng hợp"


def test_table_cells_wrapped_and_partly_empty(tasks):
    one = tasks["PL.I.1"]
    assert one["coordinators"] == ["Báo Yên Bái", "Đài Phát thanh và Truyền hình tỉnh"]
    assert (one["timeframe"], one["product"]) == ("Năm 2026", "Tin, bài")
    three = tasks["PL.I.3"]  # no partner and no product cell
    assert (three["lead"], three["coordinators"], three["timeframe"], three["product"]) == (
        ["Sở Công Thương"], [], "Hằng năm", None)
    last = tasks["PL.II.1"]  # a bare year is a time cell; an unlisted centre is still a partner
    assert last["timeframe"] == "2027" and last["coordinators"] == ["Sở Y tế", "Trung tâm Khuyến nông tỉnh"]


def test_unlisted_body_is_flagged(got):
    listed = {a["name"]: a["listed"] for a in got["agencies"]}
    assert listed["Trung tâm Khuyến nông tỉnh"] is False and listed["Sở Nội vụ"] is True


def test_ministry_decision_header_preamble_and_signature():
    got = extract_file(SAMPLE.parent / "ministry-decision-synthetic.txt")
    doc = got["document"]
    # the title stops at the upper-case authority line; the signer follows "KT. BỘ TRƯỞNG / THỨ TRƯỞNG"
    assert doc["title"] == ("Ban hành Kế hoạch hành động của Bộ Khoa học và Công nghệ thực hiện Nghị quyết "
                            "số 189/NQ-CP ngày 16 tháng 11 năm 2023 của Chính phủ")
    assert (doc["issuer"], doc["province"], doc["signer"]) == ("Bộ Khoa học và Công nghệ", None, "Lê Xuân Định")
    refs = {r["symbol"]: (r["relation"], r["issuer"], r["issued_date"]) for r in got["references"]}
    assert refs == {
        "189/NQ-CP": ("implements", "Chính phủ", "2023-11-16"),  # the title implements; implements wins
        "28/2023/NĐ-CP": ("based_on", "Chính phủ", "2023-06-02"),
        "36-NQ/TW": ("based_on", "Bộ Chính trị", "2023-01-30"),  # nested in a "Căn cứ" clause
    }
    assert [(lk["from"], lk["to"]) for lk in got["links"]] == [("189/NQ-CP", "36-NQ/TW")]
    assert got["tasks"] == []  # "Điều 1 … Điều 3" of a decision are no tasks


def test_department_letter_two_level_header_and_numbered_requests():
    got = extract_file(SAMPLE.parent / "department-letter-synthetic.txt")
    doc = got["document"]
    assert (doc["doc_type"], doc["issuer"], doc["province"], doc["signer"]) == (
        "Công văn", "Sở Khoa học và Công nghệ tỉnh Thái Nguyên", "Thái Nguyên", "Nguyễn Văn Hùng")
    refs = {r["symbol"]: r["issuer"] for r in got["references"]}
    assert refs["112/KH-UBND"] == "Ủy ban nhân dân tỉnh Thái Nguyên"  # not run on into the motto
    one, two = got["tasks"]
    assert (one["lead"], one["coordinators"], one["deadline"]) == (
        ["Phòng Quản lý khoa học"], ["Trung tâm Ứng dụng tiến bộ khoa học và công nghệ"], "2024-06-30")
    assert two["lead"] == two["monitor"] == ["Văn phòng Sở"]


def test_party_plan_in_web_page_noise():
    got = extract_file(SAMPLE.parent / "party-plan-synthetic.txt")
    doc = got["document"]
    # "Số 271-KH/TU" without colon, the Party motto, a rule line under the subject
    assert (doc["symbol"], doc["issuer"], doc["province"], doc["signer"]) == (
        "271-KH/TU", "Tỉnh ủy Bắc Giang", "Bắc Giang", "Lê Thị Thu Hồng")
    assert not doc["title"].endswith("-")
    assert [r["symbol"] for r in got["references"]] == ["36-NQ/TW"]  # its own number is no citation
    by_path = {t["path"]: t for t in got["tasks"]}
    assert by_path["III.1"]["coordinators"] == ["Ban Cán sự đảng Ủy ban nhân dân tỉnh"]  # unlisted, ends at a verb
    assert by_path["III.2"]["lead"] == ["Ban Cán sự đảng Ủy ban nhân dân tỉnh"]  # one spelling per body
    assert by_path["III.3"]["monitor"] == ["Ủy ban Kiểm tra Tỉnh ủy"]


def test_decision_with_its_plan_attached_after_the_signature():
    got = extract_file(SAMPLE.parent / "decision-with-attached-plan-synthetic.txt")
    doc = got["document"]
    assert (doc["symbol"], doc["issuer"], doc["issued_date"], doc["signer"]) == (
        "1017/QĐ-UBND", "Ủy ban nhân dân tỉnh Hà Giang", "2024-06-05", "Nguyễn Văn Sơn")
    refs = {r["symbol"]: (r["relation"], r["issuer"]) for r in got["references"]}
    assert refs == {"50-KL/TW": ("implements", "Ban Bí thư"),
                    "88/TTr-SKHCN": ("proposed_by", "Sở Khoa học và Công nghệ")}  # "Xét đề nghị của …"
    # the plan attached after "Nơi nhận" is read; a sentence opening with a body names the lead;
    # a paragraph right under "TỔ CHỨC THỰC HIỆN" is a task too
    assert [(t["path"], t["lead"], t["coordinators"], t["monitor"]) for t in got["tasks"]] == [
        ("I.1", ["Sở Khoa học và Công nghệ"], ["Sở Tài chính"], []),
        ("I.2", ["Sở Giáo dục và Đào tạo"], [], []),
        ("II", ["Sở Khoa học và Công nghệ"], [], ["Sở Khoa học và Công nghệ"]),
    ]
    assert got["tasks"][2]["timeframe"] == "trước ngày 15/12 hàng năm"


def test_task_details_given_as_labelled_dash_items():
    got = extract_file(SAMPLE.parent / "labelled-fields-plan-synthetic.txt")
    rows = {t["path"]: t for t in got["tasks"]}
    assert list(rows) == ["I.1.a", "I.1.b", "I.2", "II"]  # "- Cơ quan chủ trì: …" items are no tasks
    a = rows["I.1.a"]
    assert (a["lead"], a["coordinators"], a["timeframe"], a["deadline"], a["product"]) == (
        ["Sở Khoa học và Công nghệ"], ["Sở Tài chính", "Các sở, ban, ngành"], "năm 2025", None,
        "Cơ sở dữ liệu được vận hành")
    assert "Cơ quan chủ trì: Sở Khoa học và Công nghệ" in a["quote"]  # the assignment's source is quoted
    b = rows["I.1.b"]  # "Thời gian hoàn thành: trước ngày 30/9/2025" is a deadline
    assert (b["lead"], b["coordinators"], b["deadline"], b["timeframe"]) == (
        ["Sở Công Thương"], ["Sở Tư pháp"], "2025-09-30", None)
    two = rows["I.2"]  # a short heading, then "Giao Sở … chủ trì, phối hợp với …; báo cáo kết quả về Sở …"
    assert (two["lead"], two["coordinators"], two["monitor"]) == (
        ["Sở Giáo dục và Đào tạo"], ["Các cơ sở đào tạo"], ["Sở Khoa học và Công nghệ"])


def test_table_headed_tt_with_one_column_for_all_agencies():
    got = extract_file(SAMPLE.parent / "tt-table-one-agency-column-synthetic.txt")
    rows = [(t["path"], t["lead"], t["coordinators"], t["timeframe"], t["funding"]) for t in got["tasks"]]
    assert rows == [
        # "Sở Tài nguyên và Môi trường (chủ trì); Ủy ban nhân dân cấp huyện"
        ("PL01.1", ["Sở Tài nguyên và Môi trường"], ["Ủy ban nhân dân cấp huyện"], "Quý IV/2024", "Ngân sách tỉnh"),
        # no marker: the body listed first leads
        ("PL01.2", ["Sở Nông nghiệp và Phát triển nông thôn"], ["Sở Khoa học và Công nghệ"], "2025",
         "Nguồn sự nghiệp khoa học"),
    ]


@pytest.mark.parametrize("name, expected", [
    ("site-metadata-vanban-synthetic.txt",  # tab-separated "Số ký hiệu", "Cơ quan ban hành", "Trích yếu"
     {"symbol": "1639/QĐ-TTg", "doc_type": "Quyết định", "issuer": "Thủ tướng Chính phủ", "province": None,
      "issued_date": "2024-12-24", "signer": "Trần Hồng Hà",
      "title": "Phê duyệt Đề án phát triển công nghiệp sinh học trong lĩnh vực bảo vệ môi trường đến năm 2030"}),
    ("site-metadata-colon-synthetic.txt",  # "Cơ quan ban hành: …", "Số hiệu: …" one per line
     {"symbol": "112/KH-UBND", "doc_type": "Kế hoạch", "issuer": "Ủy ban nhân dân tỉnh Bắc Giang",
      "province": "Bắc Giang", "issued_date": "2024-04-15", "signer": "Phan Thế Tuấn"}),
])
def test_documents_known_only_by_a_legal_site_metadata_block(name, expected):
    got = extract_file(SAMPLE.parent / name)
    assert {k: got["document"][k] for k in expected} == expected
    assert expected["symbol"] not in {r["symbol"] for r in got["references"]}


def test_city_under_central_rule():
    got = extract_file(SAMPLE.parent / "city-plan-synthetic.txt")
    doc = got["document"]
    assert (doc["issuer"], doc["province"], doc["signer"]) == (
        "Ủy ban nhân dân thành phố Hà Nội", "Hà Nội", "Hà Minh Hải")
    assert got["tasks"][0]["coordinators"] == ["Ủy ban nhân dân cấp huyện"]  # "UBND các quận, huyện, thị xã"


def test_pipe_delimited_table_as_legal_sites_print_html_tables():
    got = extract_file(SAMPLE.parent / "pipe-table-plan-synthetic.txt")
    assert (got["document"]["issuer"], got["document"]["issued_date"]) == (
        "Ủy ban nhân dân tỉnh Quảng Trị", "2024-05-14")  # header cells split by '|'
    rows = {t["path"]: t for t in got["tasks"]}
    assert list(rows) == ["PLI.I.1", "PLI.I.2", "PLI.II.1"]  # group rows I, II are no tasks
    one = rows["PLI.I.1"]
    assert (one["lead"], one["coordinators"], one["timeframe"], one["product"]) == (
        ["Sở Thông tin và Truyền thông"], ["Báo Quảng Trị", "Đài Phát thanh và Truyền hình tỉnh"], "Hằng năm",
        "Tin, bài")
    two = rows["PLI.I.2"]  # a line without a number continues the row; "Trước ngày 30/9/2024" is a deadline
    assert two["text"].endswith("phục vụ nông nghiệp") and two["deadline"] == "2024-09-30"


def test_page_with_only_a_legal_site_title_line():
    """No printed header: the site's title line gives type, number, year, issuer and province."""
    got = extract_file(SAMPLE.parent / "site-title-only-synthetic.md")
    doc = got["document"]
    assert (doc["symbol"], doc["doc_type"], doc["issued_date"]) == ("418/KH-UBND", "Kế hoạch", "2025")
    assert (doc["issuer"], doc["province"]) == ("Ủy ban nhân dân tỉnh Bình Định", "Bình Định")
    assert [(t["lead"], t["coordinators"], t["deadline"]) for t in got["tasks"]] == [
        (["Sở Nông nghiệp và Môi trường"], ["Sở Khoa học và Công nghệ"], "2025-09-30"),
        (["Ủy ban nhân dân cấp xã"], [], None)]
