"""Each named rule of the extraction, alone: a short text in, a value out."""

from dataclasses import dataclass, field

import pytest

from ingest import collectives, crossrefs, extract, layout, outline, tasks, times


@pytest.mark.parametrize("rule, text, expected", [
    (times.recurring_date, "Báo cáo kết quả trước ngày 15/12 hằng năm.", "trước ngày 15/12 hằng năm"),
    (times.period_phrase, "Hoàn thành trong tháng 12 năm 2025.", "trong tháng 12 năm 2025"),
    (times.period_phrase, "Khảo sát trong năm 2025; báo cáo kết quả trong Quý I năm 2026.", "trong Quý I năm 2026"),
    (times.period_phrase, "Tổ chức quan trắc từ tháng 3 đến tháng 10 năm 2026.", "từ tháng 3 đến tháng 10 năm 2026"),
    (times.period_phrase, "Rà soát các văn bản hiện hành.", None),
    (times.opening_standing, "Thường xuyên kiểm tra chất lượng nước.", "Thường xuyên"),
    (times.opening_standing, "Kiểm tra thường xuyên chất lượng nước.", None),
    (times.reporting_standing, "Theo dõi việc thực hiện, định kỳ báo cáo Ủy ban nhân dân.", "định kỳ"),
    (times.reporting_standing, "Tổ chức đánh giá, báo cáo định kỳ về tiến độ.", "định kỳ"),
    (times.reporting_standing, "Lập báo cáo tài chính.", None),
    (times.clause_standing, "Chủ trì theo dõi Kế hoạch, định kỳ đánh giá kết quả.", "định kỳ"),
    (times.clause_standing, "Thanh tra theo định kỳ hoặc đột xuất các tổ chức.", "định kỳ hoặc đột xuất"),
    (times.closing_standing, "Tổ chức phổ biến kiến thức cho cộng đồng hàng năm;", "hàng năm"),
    (times.closing_standing, "Lồng ghép vào chương trình giáo dục thường xuyên.", None),
    (times.closing_standing, "Lồng ghép trong kế hoạch bồi dưỡng cán bộ, công chức, viên chức hàng năm.", None),
    (times.standing_task, "Xác định đây là nhiệm vụ quan trọng, thường xuyên.", "thường xuyên"),
])
def test_timeframe_rules(rule, text, expected):
    assert rule(text) == expected


def test_timeframe_rules_in_order():
    assert times.timeframe("Thường xuyên rà soát; hoàn thành trong năm 2026.") == "trong năm 2026"
    assert times.timeframe("Rà soát cơ chế, chính sách.") is None


@pytest.mark.parametrize("prev, line, width, new", [
    ("khai thác nước dưới đất", "và hành nghề khoan", None, False),          # lower case continues
    ("Tổ chức quán triệt Nghị quyết.", "Rà soát các văn bản.", None, True),  # after a sentence
    ("V. TỔ CHỨC", "THỰC HIỆN", None, False),                                 # upper-case heading wrapped
    ("I. NHIỆM VỤ, GIẢI PHÁP", "Các sở, ngành triển khai", None, True),
    ("triển khai Quyết định số 1355/QĐ-BCT của Bộ", "Công Thương theo chức năng", None, False),
    ("1. Các phòng chuyên môn, đơn vị trực thuộc Sở", "Tổ chức nghiên cứu, quán triệt", None, True),
    ("khẩu Thanh Thủy, Quảng", "Ngãi - Kon Tum", None, False),                # a province cut in two
    ("2. Sở", "Nông nghiệp và Môi trường", None, False),
    ("15. Liên minh Hợp tác xã tỉnh, Hiệp hội Doanh nghiệp tỉnh", "Nâng cao vai trò", 56, True),
    ("Phòng Quản lý khoa học chủ trì, phối hợp với Trung tâm", "Ứng dụng tiến bộ", 56, False),  # full line
    ("Phòng Quản lý khoa học chủ trì, phối hợp với Trung tâm", "Ứng dụng tiến bộ", 90, True),
])
def test_paragraph_rules(prev, line, width, new):
    assert outline._new_paragraph(prev, line, width) is new


def test_wrap_width_from_lines_that_certainly_wrap():
    lines = ["Tổ chức quán triệt các nội dung của Nghị quyết đến", "cán bộ"] * 6
    assert outline.wrap_width(lines) == len(lines[0])
    assert outline.wrap_width(["Một đoạn.", "Hai đoạn."]) is None


@pytest.mark.parametrize("line, kind", [
    ("1. Sở Y tế", "arabic"), ("1 tháng cuối năm", None), ("- Rà soát", "dash"),
    ("-------------- Số: 12/KH-UBND", None), ("a) Tuyên truyền", "letter"), ("(3) Tập huấn", "paren"),
])
def test_item_markers(line, kind):
    root = outline.parse(line)
    found = [i.kind for i in outline.walk(root)]
    assert found == ([kind] if kind else [])


def test_numbers_follow_one_another():
    root = outline.parse("1. Sở Y tế\n1.1 Tập huấn\n3. Sở Tài chính\n2. Sở Xây dựng")
    assert [i.path for i in outline.walk(root)] == ["1", "1.1", "2"]


def test_bold_span_closing_a_line_is_one_heading_but_pairs_mid_line_are_not():
    text = "**4. Sở Nông\nnghiệp và Môi trường**\n"
    assert layout.join_emphasis_spans(text) == "**4. Sở Nông nghiệp và Môi trường**\n"
    split = "**2.****\n**Kết hợp khai thác\nnước mặt.\n**3. **Tuân thủ"
    assert layout.join_emphasis_spans(split) == split


def test_star_bullets_unless_the_paragraph_closes_the_emphasis():
    assert layout.markdown_bullets("*   Khẩn trương rà soát.") == "-   Khẩn trương rà soát."
    italic = "* (Ban hành kèm theo Quyết định\nsố 12/QĐ-UBND)*"
    assert layout.markdown_bullets(italic) == italic


@pytest.mark.parametrize("text, closing", [
    ("Trên đây là Kế hoạch triển khai …", True),
    ("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, báo cáo Sở Tài chính.", True),
    ("UBND tỉnh yêu cầu các sở, ban, ngành nghiêm túc thực hiện./.", True),
    ("Giao Sở Tài chính chủ trì xác định kinh phí; trình UBND tỉnh quyết định./.", False),
    ("(Khung kế hoạch tại Phụ lục kèm theo)", True),
])
def test_closing_formulas(text, closing):
    assert tasks._closing(text) is closing


@pytest.mark.parametrize("text, blanked", [
    ("Kính gửi:\n- Giám đốc Sở Tài chính;\n- Giám đốc Sở Y tế.\nXét Tờ trình số 5/TTr-SYT", 2),
    ("Kính gửi: Các phòng chuyên môn, đơn vị trực thuộc Sở.\n1. Rà soát", 0),
    ("THỦ TƯỚNG CHÍNH PHỦ điện:\n- Chủ tịch Ủy ban nhân dân các tỉnh: Đà Nẵng,\nQuảng Ngãi;\n"
     "- Bộ trưởng Bộ Y tế.\nHồi 16h ngày 26/11", 3),
])
def test_recipient_block_ends_with_its_last_recipient(text, blanked):
    start, end = extract._recipient_block(text)
    assert text[:start] == "" and text[end:].count("\n") == text.count("\n") - blanked


def test_speaker_lead_in_assigns_nothing():
    assert tasks._addressees("Chủ tịch UBND tỉnh có ý kiến như sau:") == []
    assert [a.name for a in tasks._addressees("Chủ tịch UBND tỉnh yêu cầu Giám đốc Sở Y tế thực hiện:")] == [
        "Sở Y tế"]


@pytest.mark.parametrize("text, paths", [
    ("Bộ Xây dựng chủ trì thực hiện các nhiệm vụ quy định tại các mục 1, 2; điểm a, b mục 7 Phần III",
     ["III.7.a", "III.7.b", "III.1", "III.2"]),
    ("Phối hợp thực hiện các nhiệm vụ quy định tại các điểm c, g mục 1, điểm d mục 3 Phần III",
     ["III.1.c", "III.1.g", "III.3.d"]),
    ("Thực hiện các nội dung có liên quan đến địa phương được quy định tại Phần III", []),
])
def test_cross_references_name_items(text, paths):
    assert crossrefs.referenced_items(text) == paths


def test_cross_reference_gives_lead_or_partner():
    @dataclass
    class T:
        path: str
        text: str
        lead: list = field(default_factory=list)
        coordinators: list = field(default_factory=list)
        also_at: list = field(default_factory=list)
        kinds: dict = field(default_factory=dict)

    items = [T("III.1.a", "Rà soát"), T("III.1.c", "Ban hành tiêu chuẩn"), T("III.2.a", "Chuẩn hóa")]
    lead = T("V.1.d", "Chủ trì, phối hợp với các bộ thực hiện các nhiệm vụ quy định tại mục 1 Phần III",
             ["Bộ Xây dựng"], ["Các bộ, ngành"])
    partner = T("V.2.b", "Phối hợp với Bộ Xây dựng thực hiện các nhiệm vụ quy định tại điểm c mục 1 Phần III",
                ["Bộ Khoa học và Công nghệ"], ["Bộ Xây dựng"])
    crossrefs.apply([*items, lead, partner])
    assert [(t.lead, t.coordinators) for t in items] == [
        (["Bộ Xây dựng"], ["Các bộ, ngành"]),
        (["Bộ Xây dựng"], ["Các bộ, ngành", "Bộ Khoa học và Công nghệ"]),
        ([], [])]


@pytest.mark.parametrize("text, groups", [
    ("các sở, ban, ngành, đoàn thể cấp tỉnh", ["Các sở, ban, ngành", "Các tổ chức chính trị - xã hội"]),
    ("Ủy ban nhân dân các phường, xã", ["Ủy ban nhân dân cấp xã"]),
    ("UBND các huyện, thành phố", ["Ủy ban nhân dân cấp huyện"]),
    ("các doanh nghiệp viễn thông, tổ chức, cá nhân có liên quan", ["Các tổ chức, doanh nghiệp"]),
    ("các cơ quan thông tấn, báo chí trên địa bàn", ["Các cơ quan báo chí"]),
    ("Công an phường", ["Công an cấp xã"]),
    ("Ủy ban nhân dân tỉnh", None),  # one body, not a group
    ("các văn bản hướng dẫn", None),
])
def test_group_nouns(text, groups):
    found = collectives.at(text, 0)
    assert ([name for name, _, _ in found[0]] if found else None) == groups


def test_groups_in_a_central_document():
    assert [n for n, _, _ in collectives.at("các sở, ngành, địa phương", 0, central=True)[0]] == [
        "Các bộ, ngành", "Ủy ban nhân dân cấp tỉnh"]


@pytest.mark.parametrize("text, name", [
    ("Giao Thanh tra thành phố tổ chức thanh tra việc chấp hành", "Thanh tra thành phố"),
    ("Giao Ban Quản lý dự án đầu tư xây dựng tỉnh chủ trì thực hiện", "Ban Quản lý dự án đầu tư xây dựng tỉnh"),
    ("Giao nhiệm vụ cho các đơn vị", None),
    ("Tổ chức thanh tra việc chấp hành", None),
])
def test_an_assignment_names_an_unlisted_body_before_its_action(text, name):
    found = tasks._given_to(text)
    assert (found[0].name if found else None) == name


@pytest.mark.parametrize("body, row, same", [
    ("Triển khai Nghị quyết số 36-NQ/TW và Kế hoạch số 55-KH/TU đến cán bộ, đảng viên",
     "Triển khai Nghị quyết số 36-NQ/TW ngày 30/01/2023 của Bộ Chính trị và Kế hoạch số 55-KH/TU đến cán bộ, đảng viên",
     True),
    ("Chuẩn hóa dữ liệu kết cấu hạ tầng xây dựng theo tiêu chuẩn thống nhất",
     "Chuẩn hóa dữ liệu kết cấu hạ tầng theo tiêu chuẩn thống nhất", False),
    ("Đề xuất sửa đổi quy định về dữ liệu điện tử. Trong đó, quy định rõ việc áp dụng BIM",
     "Đề xuất sửa đổi quy định về dữ liệu điện tử", False),
])
def test_a_row_restates_an_item_only_word_for_word(body, row, same):
    assert tasks.restates(body, row) is same


def test_an_agency_is_central_only_when_it_is_a_central_body():
    from graph.model import agency_uid

    assert agency_uid("Bộ Chỉ huy Quân sự tỉnh", "Lào Cai") == "Bộ Chỉ huy Quân sự tỉnh|Lào-Cai"
    assert agency_uid("Bộ Y tế", "Lào Cai") == "Bộ Y tế|VN"
    assert agency_uid("Thủ tướng Chính phủ", None) == "Thủ tướng Chính phủ|VN"
    assert agency_uid("Sở Y tế", "Lào Cai") == "Sở Y tế|Lào-Cai"
