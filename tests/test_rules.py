"""Each named rule of the extraction, alone: a short text in, a value out."""

from dataclasses import dataclass, field

import pytest
from policykg.ingest import brackets, citations, collectives, crossrefs, extract, layout, outline, tasks, times


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
    (times.recurring_date, "Báo cáo kết quả trước ngày 25 hằng tháng.", "trước ngày 25 hằng tháng"),
    (times.recurring_date, "Báo cáo trước ngày 15 của tháng cuối quý.", "trước ngày 15 của tháng cuối quý"),
    (times.bracket_time, "Rà soát văn bản (Sở Tư pháp; thường xuyên).", "thường xuyên"),
    (times.bracket_time, "Sắp xếp đơn vị (Sở Nội vụ chủ trì; thời gian: năm 2026).", "năm 2026"),
    (times.bracket_time, "Xây dựng kho dữ liệu (Sở Khoa học và Công nghệ; 2026 - 2027).", "2026 - 2027"),
    (times.bracket_time, "Rà soát văn bản (Sở Tư pháp).", None),
    (times.reporting_standing, "Báo cáo định kỳ hằng quý, 6 tháng, năm về Sở Nội vụ.",
     "định kỳ hằng quý, 6 tháng, năm"),
    (times.closing_standing, "Theo dõi, đôn đốc định kỳ hằng tháng.", "định kỳ hằng tháng"),
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
    ("Về hạ tầng cảng: Ủy ban nhân dân tỉnh", "Lâm Đồng chủ động bố trí", None, False),  # cut from "tỉnh"
    ("2. Sở", "Nông nghiệp và Môi trường", None, False),
    ("tập trung; (2)", "Kiểm tra, xử lý nghiêm", 80, False),                # an enumeration marker cut off
    ("(3)", "Hướng dẫn thủ tục", None, False),
    ("Bình Hải chịu trách nhiệm trước", "Chủ tịch UBND tỉnh về tiến độ", None, False),  # a preposition
    ("a) Sở Xây dựng phối hợp với Ủy ban nhân dân các xã:", "Đông Sơn, Bình Hải", None, False),  # members
    ("các sở, ngành thực hiện các nội dung sau:", "Rà soát", None, True),
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
    root = outline.parse("1. Sở Y tế\n1.1 Tập huấn\n5. Sở Tài chính\n2. Sở Xây dựng")
    assert [i.path for i in outline.walk(root)] == ["1", "1.1", "2"]


def test_a_heading_may_skip_one_or_two_numbers_of_its_level():
    root = outline.parse("1. Sở Y tế\n1.1 Tập huấn\n3. Sở Tài chính\n4. Sở Xây dựng")
    assert [i.path for i in outline.walk(root)] == ["1", "1.1", "3", "4"]
    wrapped = outline.parse("1. Sở Y tế chủ trì rà soát theo Quyết định số\n3. năm 2024")
    assert [i.path for i in outline.walk(wrapped)] == ["1"]


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


@pytest.mark.parametrize("text, leads, partners", [
    ("Rà soát văn bản (Sở Tư pháp chủ trì, phối hợp với các sở, ban, ngành; thời gian: năm 2026).",
     ["Sở Tư pháp"], ["Các sở, ban, ngành"]),
    ("Rà soát văn bản (Sở Tư pháp; hoàn thành trước ngày 30/6/2026).", ["Sở Tư pháp"], []),
    ("Giải quyết hồ sơ đúng hạn (các sở, ban, ngành; Ủy ban nhân dân các xã, phường; thường xuyên).",
     ["Các sở, ban, ngành", "Ủy ban nhân dân cấp xã"], []),
    ("Triển khai (Cơ quan chủ trì: Sở Y tế; cơ quan phối hợp: Sở Tài chính, Công an tỉnh)",
     ["Sở Y tế"], ["Sở Tài chính", "Công an tỉnh"]),
])
def test_closing_bracket_names_the_assignment(text, leads, partners):
    found = brackets.closing(text)
    assert found is not None
    assert [a.name for a in found[0]] == leads and [a.name for a in found[1]] == partners


@pytest.mark.parametrize("text", [
    "Kết quả báo cáo về Công an tỉnh (qua Phòng An ninh chính trị nội bộ).",
    "Tổ chức hội nghị sơ kết (năm 2026).",
    "Triển khai mô hình (thí điểm tại 05 xã, phường).",
])
def test_brackets_naming_no_assignment(text):
    assert brackets.closing(text) is None


def test_a_bracket_left_open_carries_the_paragraph_over():
    root = outline.parse("- Hoàn thiện danh mục vị trí việc làm (Sở Nội vụ;\nQuý II/2026).\n- Đổi mới tuyển dụng.")
    texts = [p.text for i in outline.walk(root) for p in i.paragraphs]
    assert texts == ["Hoàn thiện danh mục vị trí việc làm (Sở Nội vụ; Quý II/2026).", "Đổi mới tuyển dụng."]


def test_an_enumeration_marker_cut_off_stays_with_its_piece():
    root = outline.parse("1. Sở Y tế: (1) Theo dõi dịch bệnh tại các vùng;\n(2)\nKiểm tra các cơ sở.\n2. Sở Tài chính")
    first = next(outline.walk(root))
    assert [p.text for p in first.paragraphs] == [
        "Sở Y tế: (1) Theo dõi dịch bệnh tại các vùng; (2) Kiểm tra các cơ sở."]


def test_fields_after_the_items_they_govern_go_to_each_item():
    text = ("KẾ HOẠCH\nKiểm tra năm 2026\nII. NỘI DUNG\n1. Kiểm tra an toàn lao động\n"
            "- Kiểm tra các công trường đang thi công.\n- Tổ chức tập huấn cho nhà thầu.\n"
            "- Đơn vị chủ trì: Phòng Quản lý hoạt động xây dựng.\n- Đơn vị phối hợp: Thanh tra Sở, Công an tỉnh.\n")
    got = [(t["path"], t["lead"], t["coordinators"]) for t in extract.extract_text(text, "x.txt")["tasks"]]
    assert got == [("II.1-1", ["Phòng Quản lý hoạt động xây dựng"], ["Thanh tra Sở", "Công an tỉnh"]),
                   ("II.1-2", ["Phòng Quản lý hoạt động xây dựng"], ["Thanh tra Sở", "Công an tỉnh"])]


def test_plus_lines_under_an_announcing_sub_heading_are_items():
    text = ("KẾ HOẠCH\nKiểm tra năm 2026\nII. NỘI DUNG\n1. Sở Xây dựng\na) Đối với công trình vốn đầu tư công:\n"
            "+ Kiểm tra công tác nghiệm thu.\n+ Kiểm tra định kỳ hiện trường.\n")
    assert [t["text_start"][:20] for t in extract.extract_text(text, "x.txt")["tasks"]] == [
        "Kiểm tra công tác ng", "Kiểm tra định kỳ hiệ"]


@pytest.mark.parametrize("text, names", [
    ("Thanh tra Sở; Vụ Pháp chế; Đại học Đà Nẵng", ["Thanh tra Sở", "Vụ Pháp chế", "Đại học Đà Nẵng"]),
    ("Thanh tra việc thực hiện chính sách", []),
    ("vụ Đông Xuân", []),
])
def test_name_heads_of_unlisted_bodies(text, names):
    from policykg.ingest import agencies

    assert [a.name for a in agencies.parse_list(text)] == names


def test_unnumbered_paragraphs_of_a_task_section_under_topic_labels():
    text = ("THÔNG BÁO\nKết luận của Phó Thủ tướng\nII. NHIỆM VỤ THỜI GIAN TỚI\n"
            "Yêu cầu các bộ, cơ quan, địa phương tập trung thực hiện các nhiệm vụ sau:\n"
            "Về giá điện: Bộ Công Thương hướng dẫn phương pháp xác định khung giá phát điện.\n"
            "Về nguồn nhân lực: Bộ Giáo dục và Đào tạo xây dựng chương trình đào tạo.\n"
            "Văn phòng Chính phủ thông báo để các bộ, cơ quan, địa phương liên quan biết, thực hiện./.\n")
    got = [(t["path"], t["lead"]) for t in extract.extract_text(text, "x.txt")["tasks"]]
    assert got == [("II", ["Bộ Công Thương"]), ("II", ["Bộ Giáo dục và Đào tạo"])]


@pytest.mark.parametrize("line, opens", [
    ("THỦ TƯỚNG CHÍNH PHỦ điện:", True), ("Bộ trưởng Bộ Nông nghiệp và Môi trường điện:", True),
    ("Kính gửi: Sở Tài chính", True), ("Về giá điện: Bộ Công Thương hướng dẫn", False), ("Giá điện: tăng 5%", False),
])
def test_recipient_openers(line, opens):
    from policykg.ingest import vocabulary

    assert bool(vocabulary.phrase_pattern("recipient_openers").match(line)) is opens


@pytest.mark.parametrize("text, links", [
    ("Thực hiện Nghị quyết số 68-NQ/TW ngày 04/5/2025 của Bộ Chính trị (sau đây gọi tắt là Nghị quyết 68) và "
     "Nghị quyết số 138/NQ-CP, ngày 16/5/2025 của Chính phủ ban hành Chương trình hành động của Chính phủ thực "
     "hiện Nghị quyết 68, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:", {("138/NQ-CP", "68-NQ/TW")}),
    ("Căn cứ Kế hoạch số 135/KH-UBND ngày 20/8/2025 của Ủy ban nhân dân thành phố triển khai Nghị quyết số "
     "71/NQ-CP ngày 01/4/2025 của Chính phủ;", {("135/KH-UBND", "71/NQ-CP")}),
    ("Thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ và Kế hoạch hành động của Ban Thường vụ "
     "Thành ủy về triển khai Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;", set()),
])
def test_links_between_cited_documents(text, links):
    _, found = citations.extract(text, None)
    assert {(link.source, link.target) for link in found} == links


@pytest.mark.parametrize("name, central", [
    ("Bộ Y tế", True), ("Bộ Dân tộc và Tôn giáo", True), ("Đài Truyền hình Việt Nam", True),
    ("Bộ Chỉ huy Quân sự tỉnh", False), ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", False), ("Sở Y tế", False),
])
def test_central_bodies_belong_to_no_province(name, central):
    from policykg.graph.model import agency_uid
    from policykg.ingest import identity

    assert identity.is_central_body(name) is central
    assert agency_uid(name, "Lào Cai").endswith("|VN") is central


@pytest.mark.parametrize("text, expected", [
    ("Ủy ban nhân dân các xã chủ động bố trí kinh phí từ nguồn vốn ngân sách địa phương trong kế hoạch hằng năm, "
     "nguồn Quỹ Phòng, chống thiên tai được trích lại; đồng thời huy động các nguồn vốn hợp pháp khác.",
     "nguồn vốn ngân sách địa phương trong kế hoạch hằng năm, nguồn Quỹ Phòng, chống thiên tai được trích lại"),
    ("Các sở chủ động bố trí kinh phí trong phạm vi dự toán được cấp có thẩm quyền giao để thực hiện.",
     "dự toán được cấp có thẩm quyền giao"),
    ("Ngân sách tỉnh bảo đảm kinh phí thực hiện các nhiệm vụ.", "Ngân sách tỉnh"),
    ("Sở Tài chính tham mưu bố trí đủ vốn bồi thường, giải phóng mặt bằng từ nguồn vốn ngân sách tỉnh năm 2026.",
     "nguồn vốn ngân sách tỉnh năm 2026"),
    ("Tham mưu bố trí kinh phí thực hiện từ nguồn ngân sách tỉnh cho công tác phòng cháy.", "nguồn ngân sách tỉnh"),
    ("Tăng kinh phí đầu tư từ ngân sách nhà nước, khuyến khích thu hút nguồn vốn ngoài ngân sách.", None),
])
def test_funding_phrases(text, expected):
    assert tasks.funding(text) == expected


def test_a_lead_in_directing_another_body_makes_both_lead_its_pieces_but_a_sentence_does_not():
    lead_in = ("Đề nghị Chủ tịch Ủy ban nhân dân các tỉnh chỉ đạo Ủy ban nhân dân cấp xã triển khai các biện pháp "
               "sau: (1) Hướng dẫn người dân; (2) Chỉ đạo gieo cấy.")
    both = [a.name for a in tasks._own_leads(lead_in)]
    assert len(both) == 2 and both[1] == "Ủy ban nhân dân cấp xã"
    sentence = "Bộ Nông nghiệp và Môi trường chỉ đạo Cục Thú y hướng dẫn các địa phương tiêm phòng."
    assert [a.name for a in tasks._own_leads(sentence)] == ["Bộ Nông nghiệp và Môi trường"]


def test_a_cited_documents_issuer_has_its_abbreviations_written_out():
    refs, _ = citations.extract("Căn cứ Quyết định số 4125/QĐ-UBND ngày 01/10/2025 của UBND thành phố;", None)
    assert refs[0].issuer == "Ủy ban nhân dân thành phố"


def test_a_party_header_printed_motto_first_names_its_lower_body():
    text = ("ĐẢNG CỘNG SẢN VIỆT NAM\n\nBAN CHẤP HÀNH TRUNG ƯƠNG\nĐẢNG ĐOÀN QUỐC HỘI\n\nSố 1234-KH/ĐĐQH15\n\n"
            "Hà Nội, ngày 10 tháng 01 năm 2025\n\nKẾ HOẠCH\nthực hiện Nghị quyết số 57-NQ/TW\n")
    doc = extract.extract_text(text, "x.txt")["document"]
    assert (doc["issuer"], doc["province"]) == ("Đảng đoàn Quốc hội", None)


@pytest.mark.parametrize("upper, issuer", [
    ("UBND THÀNH PHỐ HẢI PHÒNG SỞ XÂY DỰNG", ("Sở Xây dựng thành phố", "Hải Phòng")),
    ("UBND TỈNH THÁI NGUYÊN SỞ KHOA HỌC VÀ CÔNG NGHỆ", ("Sở Khoa học và Công nghệ tỉnh", "Thái Nguyên")),
])
def test_a_two_level_header_issues_from_its_lower_body(upper, issuer):
    from policykg.ingest import header

    assert header._as_issuer(upper) == issuer


def test_a_central_document_names_the_provincial_body_it_addresses_with_its_province():
    text = ("VĂN PHÒNG CHÍNH PHỦ\n-------\nSố: 634/TB-VPCP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 22 tháng 11 năm 2025\n\nTHÔNG BÁO\nKết luận của Thủ tướng\n\n"
            "Thủ tướng làm việc với Thường trực Tỉnh ủy Thanh Hóa. Thủ tướng kết luận như sau:\n"
            "I. NHIỆM VỤ\n1. Đề nghị Thường trực Tỉnh ủy tập trung lãnh đạo, chỉ đạo phát triển kinh tế.\n")
    got = extract.extract_text(text, "x.txt")
    assert got["document"]["province"] is None
    assert [t["lead"] for t in got["tasks"]] == [["Thường trực Tỉnh ủy Thanh Hóa"]]


@pytest.mark.parametrize("text, leads", [
    ("Về hoạt động của mô hình chính quyền địa phương 02 cấp: tăng số lượng cấp phó tại các phòng chuyên môn: "
     "giao Bộ Nội vụ chủ trì, phối hợp với các cơ quan liên quan nghiên cứu.", ["Bộ Nội vụ"]),
    ("Về giá điện: Bộ Công Thương hướng dẫn phương pháp xác định khung giá.", ["Bộ Công Thương"]),
    ("Về nguồn vốn: tiếp tục rà soát, cân đối các nguồn lực.", []),
])
def test_a_topic_then_its_assignment(text, leads):
    assert [a.name for a in tasks._own_leads(text)] == leads


def test_partners_after_a_manner_word():
    kinds: dict[str, str] = {}
    assert tasks._partners("Phối hợp chặt chẽ, thường xuyên với Công an tỉnh kiểm tra.", kinds) == ["Công an tỉnh"]


def test_a_sentence_with_lead_and_partners_is_no_heading():
    sentence = "Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư tham mưu bố trí kinh phí thực hiện."
    assert tasks._heading_agencies(sentence) is None
    heading = tasks._heading_agencies("Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư, Sở Nội vụ:")
    assert heading is not None and [a.name for a in heading[1]] == ["Sở Kế hoạch và Đầu tư", "Sở Nội vụ"]


def test_bodies_then_a_colon_label_their_task_unless_they_announce_members():
    text = ("KẾ HOẠCH\nPhòng, chống hạn\nII. NỘI DUNG THỰC HIỆN\n"
            "1. Sở Y tế: Chỉ đạo các cơ sở y tế bảo đảm nước sạch.\n"
            "2. Đài Phát thanh và Truyền hình tỉnh, Báo Ấp Bắc: Tăng cường thông tin, tuyên truyền.\n"
            "3. Ủy ban nhân dân các huyện, thị xã: Cai Lậy, Gò Công triển khai lịch thời vụ.\n")
    got = [(t["text_start"][:20], t["lead"]) for t in extract.extract_text(text, "x.txt")["tasks"]]
    assert got[1] == ("Tăng cường thông tin", ["Đài Phát thanh và Truyền hình tỉnh", "Báo Ấp Bắc"])
    assert got[2][0].startswith("Ủy ban nhân dân")
    assert collectives.announces_members("Ủy ban nhân dân các tỉnh, thành phố:")
def test_an_agency_is_central_only_when_it_is_a_central_body():
    from policykg.graph.model import agency_uid

    assert agency_uid("Bộ Chỉ huy Quân sự tỉnh", "Lào Cai") == "Bộ Chỉ huy Quân sự tỉnh|Lào-Cai"
    assert agency_uid("Bộ Y tế", "Lào Cai") == "Bộ Y tế|VN"
    assert agency_uid("Thủ tướng Chính phủ", None) == "Thủ tướng Chính phủ|VN"
    assert agency_uid("Sở Y tế", "Lào Cai") == "Sở Y tế|Lào-Cai"


@pytest.mark.parametrize("text, province", [
    ("Báo cáo gửi tỉnh Lào Cai, tỉnh Sơn La và tỉnh Lào Cai.", "Lào Cai"),
    ("Các tỉnh: tỉnh Sơn La, tỉnh Lạng Sơn cùng thực hiện.", None),  # a tie: no guess, whatever the hash seed
    ("Không nêu địa phương nào.", None),
])
def test_the_most_named_province_is_one_only_when_it_is_named_most(text, province):
    from policykg.ingest import header

    assert header._province_most_named(header._Page(text, text.splitlines(), text)) == province


@pytest.mark.parametrize("deadline, last_day", [
    (None, None), ("", None), ("2026", "2026-12-31"), ("2026-04", "2026-04-31"), ("2026-06-15", "2026-06-15"),
])
def test_a_deadline_allows_until_the_end_of_its_period(deadline, last_day):
    from policykg.graph.model import due

    assert due(deadline) == last_day


@pytest.mark.parametrize("timeframe, standing", [
    ("hằng năm", True), ("Định kỳ hằng quý", True), ("Thường xuyên", True), ("trước ngày 15/12 hàng năm", True),
    ("2026-2030", False), ("Quý III năm 2026", False), (None, False),
])
def test_a_timeframe_of_standing_work_is_recurring(timeframe, standing):
    from policykg.graph.model import recurring

    assert recurring(timeframe) is standing
