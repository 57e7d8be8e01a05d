"""Task and target tables: each named rule on a short text, the synthetic documents of each table
class, and the same rows whatever the rendering (blank lines, wrapping, doubled spaces, one cell
per line)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from policykg.ingest import agencies, layout, tables, tasks
from policykg.ingest.errors import IngestError
from policykg.ingest.extract import extract_file, extract_text
from policykg.ingest.read import normalise, read_text
from policykg.ingest.tables import Row, _Cut, _Line, _Piece, _PipeState, _RowState

from tests.conftest import ROOT, SHARED, _unavailable
from tests.renderings import cells_one_per_line, double_spaces, no_blank_lines, wrap_at

DATA = Path(__file__).parent / "data"


def _line(text: str, number: int = 1) -> _Line:
    return _Line(text.strip(), 0, len(text), number, text.startswith(" ") and not text.startswith("  "))


def _rows(path: Path) -> dict[str, tuple]:
    got = extract_file(path)
    return {t["path"]: (t["lead"], t["coordinators"], t["deadline"], t["timeframe"], t["product"], t["funding"])
            for t in got["tasks"]}


# -- column titles (vocabulary file, table_columns) ---------------------------------------------


@pytest.mark.parametrize("cell, role", [
    ("**STT**", ("stt", None)),
    ("Nội dung/nhiệm vụ", ("text", None)),
    ("Tên nhiệm vụ/dự\nán", ("text", None)),
    ("Cơ quan chủ trì", ("lead", None)),
    ("CƠ QUAN PHỐI HỢP", ("coordinators", None)),
    ("Cơ quan thực hiện", ("agencies", None)),
    ("Cơ quan chủ trì, phối hợp", ("agencies", None)),
    ("Cơ quan theo dõi, tổng hợp", ("monitor", None)),
    ("Thời gian hoàn thành", ("time", None)),
    ("Tiến độ thực hiện", ("time", None)),
    ("Kết quả dự kiến", ("product", None)),
    ("Sản phẩm/ Kết quả", ("product", None)),
    ("Dự kiến kinh phí (triệu đồng)", ("funding", None)),
    ("Nguồn vốn", ("funding", None)),
    ("Mục tiêu đến năm 2030", ("value", 2030)),
    ("Ghi chú", ("note", None)),
    ("Tổ chức triển khai nội dung tuyên truyền về chuyển đổi số", None),  # data holding a title
    ("Sở Y tế", None),
])
def test_column_role_of_a_header_cell(cell, role):
    assert tables.column_role(cell) == role


def test_header_row_names_a_text_column_and_one_more():
    assert tables.is_header_row(["Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"])  # no STT
    assert tables.is_header_row(["STT", "Nội dung", "Kinh phí", "Ghi chú"])
    assert not tables.is_header_row(["STT", "Nội dung"])  # nothing but the text
    assert not tables.is_header_row(["Số: 12/KH-UBND", "Hà Nội, ngày 2 tháng 3 năm 2025"])
    assert not tables.is_header_row(["1", "Tuyên truyền", "Sở Y tế", "2025"])


def test_target_table_titled_chi_tieu_reads_its_indicators_as_text():
    roles, year = tables._header_roles(["STT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu đến năm 2030"])
    assert (roles, year) == (["stt", "text", "note", "value"], 2030)


# -- alignment of a short '|' row (row spans) -----------------------------------------------------

ROLES = ["stt", "text", "lead", "coordinators", "time", "product", "funding"]


@pytest.mark.parametrize("kinds, columns", [
    (["stt", "prose", "body", "body", "time", "prose", "funding"], [0, 1, 2, 3, 4, 5, 6]),  # full row
    (["stt", "prose", "body", "body", "time", "prose"], [0, 1, 2, 3, 4, 5]),  # funding spans
    (["stt", "prose", "agencies", "time", "prose", "funding"], [0, 1, 3, 4, 5, 6]),  # the lead spans
    (["stt", "prose", "body", "time", "prose", "funding"], [0, 1, 3, 4, 5, 6]),  # as well placed: the lead spans
    (["prose", "agencies", "body", "time", "prose"], [1, 2, 3, 4, 5]),  # number and funding span
])
def test_align_puts_cells_where_their_kind_fits(kinds, columns):
    assert tables.align(kinds, ROLES) == columns


def test_align_reads_a_body_printed_again_in_its_column():
    # the row above printed the same lead: the lead does not span here, the partners do
    kinds = ["stt", "prose", "body", "time", "prose", "funding"]
    assert tables.align(kinds, ROLES, frozenset({(2, "lead")})) == [0, 1, 2, 4, 5, 6]


@pytest.mark.parametrize("cell, kind", [
    ("", "empty"), ("** **", "empty"), ("-", "empty"), ("1", "stt"), ("II", "stt"), ("2.1", "stt"),
    ("≥ 80%", "value"), ("Quý IV/2025", "time"), ("30/9/2025", "time"), ("Năm 2026", "time"),
    ("Ngân sách tỉnh", "funding"), ("Sở Tư pháp", "body"), ("Sở Tư pháp; các sở, ngành liên quan", "agencies"),
    ("Ban Quản lý dự án đầu tư xây dựng tỉnh", "body"), ("Báo cáo rà soát các quy định", "prose"),
])
def test_cell_kind(cell, kind):
    assert tables._cell_kind(cell) == kind


# -- '|' row rules --------------------------------------------------------------------------------


def _state(prefix: str = "PL") -> _PipeState:
    return _PipeState(list(ROLES), prefix)


def _row(state: _PipeState, cells: list[str]) -> tables._PipeRow:
    return tables._by_role(cells, state.roles, _line("|"))


def test_pipe_rule_markdown_rule_and_empty_rows():
    assert tables._rule_markdown_rule(_state(), _row(_state(), ["---", ":---:", ""]))
    assert tables._rule_markdown_rule(_state(), _row(_state(), ["", " "]))
    assert not tables._rule_markdown_rule(_state(), _row(_state(), ["1", "Tuyên truyền"]))


def test_pipe_rule_repeated_header_also_reworded():
    assert tables._rule_repeated_header(_state(), _row(_state(), ["STT", "Nhiệm vụ (tiếp)", "Cơ quan chủ trì"]))
    assert tables._rule_repeated_header(_state(), _row(_state(), ["(1)", "(2)", "Chủ trì", "Phối hợp"]))
    assert not tables._rule_repeated_header(_state(), _row(_state(), ["1", "Nhiệm vụ tuyên truyền", "Sở Y tế"]))


def test_pipe_rule_group_row_gives_the_roman_part_of_paths():
    state = _state()
    assert tables._rule_group_row(state, _row(state, ["**II**", "**PHÁT TRIỂN HẠ TẦNG**", "", ""]))
    assert state.roman == "II"
    assert tables._rule_group_row(state, _row(state, ["", "NHÓM NHIỆM VỤ VỀ DỮ LIỆU", ""]))
    assert state.roman == "II"  # a title without a number keeps the group
    assert tables._rule_group_row(state, _row(state, ["", "III. Nhóm nhiệm vụ về dữ liệu"]))
    assert state.roman == "III"
    assert not tables._rule_group_row(state, _row(state, ["1", "Tuyên truyền", "Sở Y tế"]))
    assert not tables._rule_group_row(state, _row(state, ["3", "Triển khai các nền tảng số"]))  # numbered


def test_pipe_rule_numbered_row_with_spans_from_the_row_above():
    state = _state()
    state.roman = "I"
    cells = ["1", "Rà soát quy định", "Sở Tư pháp", "Các sở, ngành", "2025", "Báo cáo", "Ngân sách tỉnh"]
    assert tables._rule_numbered_row(state, _row(state, cells))
    assert tables._rule_numbered_row(state, _row(state, ["2", "Xây dựng quy chế", "Sở Tư pháp", "Văn phòng UBND tỉnh",
                                             "Quý IV/2025", "Quy chế"]))
    first, second = state.rows
    assert (first.path, second.path) == ("PL.I.1", "PL.I.2")
    assert second.cell("funding") == "Ngân sách tỉnh"  # printed in the first row only
    assert second.cell("coordinators") == "Văn phòng UBND tỉnh"


def test_pipe_rule_numbered_row_printing_only_its_title_takes_no_spans():
    state = _state()
    tables._rule_numbered_row(state, _row(state, ["1", "Tuyên truyền", "Sở Y tế", "", "2025", "Tin bài", "Ngân sách"]))
    assert tables._rule_numbered_row(state, _row(state, ["2", "Triển khai các nền tảng, gồm:"]))
    assert state.rows[-1].cells == {"text": ["Triển khai các nền tảng, gồm:"]}


def test_pipe_rule_numbered_row_in_a_table_without_stt_column():
    state = _PipeState(["text", "lead", "time"], "PL")
    assert tables._rule_numbered_row(state, _row(state, ["2. Tổ chức hội nghị", "Sở Y tế", "2025"]))
    assert (state.rows[0].path, state.rows[0].cell("text")) == ("PL.2", "Tổ chức hội nghị")


def test_pipe_rule_continuation_appends_cell_by_cell():
    state = _state()
    tables._rule_numbered_row(state, _row(state, ["1", "Tổ chức hội thảo", "Sở Y tế", "", "2025", "Kỷ yếu", ""]))
    assert tables._rule_continuation(state, _row(state, ["", "phục vụ nông nghiệp", "", "", "", "", ""]))
    assert state.rows[0].cell("text") == "Tổ chức hội thảo phục vụ nông nghiệp"
    assert not tables._rule_continuation(state, _row(state, ["", "- Hội nghị cấp xã", "Ủy ban nhân dân cấp xã"]))


def test_pipe_rule_sub_row_is_a_task_under_the_numbered_row():
    state = _state()
    tables._rule_numbered_row(state, _row(state, ["3", "Triển khai các nền tảng số, gồm:", "", "", "", "", ""]))
    assert tables._rule_sub_row(state, _row(state, ["", "- Nền tảng LGSP", "Sở Tư pháp", "", "2025", "", ""]))
    assert tables._rule_sub_row(state, _row(state, ["", "+ Nền tảng giám sát", "Công an tỉnh", "", "2025", "", ""]))
    assert [(r.path, r.cell("text")) for r in state.rows[1:]] == [
        ("PL.3-1", "Nền tảng LGSP"), ("PL.3-2", "Nền tảng giám sát")]


def test_two_level_header_splits_the_agencies_column():
    text = ("| STT | Nội dung | Cơ quan thực hiện | Thời gian |\n| Chủ trì | Phối hợp |\n"
            "| 1 | Tuyên truyền | Sở Y tế | Sở Tư pháp | 2025 |\n")
    (table,) = tables.find_tables(text)
    assert table.columns == ["text", "lead", "coordinators", "time"]
    assert (table.rows[0].cell("lead"), table.rows[0].cell("coordinators")) == ("Sở Y tế", "Sở Tư pháp")


# -- PDF line rules ----------------------------------------------------------------------------------

HEADER = "STT Nhiệm vụ Cơ quan chủ\ntrì Cơ quan phối hợp\nThời gian\n"


def _reader(text: str) -> tables._PdfReader:
    lines = tables._lines(text)
    header = tables._pdf_header(lines, 0)
    assert header is not None
    return tables._PdfReader(lines, header, "PL", _RowState(header.roles))


def test_pdf_header_runs_to_the_first_row_and_must_be_made_of_titles():
    lines = tables._lines(HEADER + "1 Tuyên truyền\n")
    header = tables._pdf_header(lines, 0)
    assert header is not None and (header.roles, header.end) == (["text", "lead", "coordinators", "time"], 3)
    assert tables._pdf_header(tables._lines("NHIỆM VỤ THỰC HIỆN KẾ HOẠCH\n" + HEADER + "1 A\n"), 0) is None
    assert tables._pdf_header(tables._lines("Nội dung chính của kế hoạch là phối hợp\n1. Sở Y tế\n"), 0) is None
    assert tables._pdf_header(tables._lines(HEADER), 0) is None  # no row follows


def test_line_blank_and_table_end():
    reader = _reader(HEADER + "1 A\n\nPHỤ LỤC 02\n./.\n")
    assert tables._line_blank(reader, 4) == 5 and tables._line_blank(reader, 3) is None
    assert tables._line_table_end(reader, 5) == tables._STOP
    assert tables._line_table_end(reader, 6) == tables._STOP
    assert tables._line_table_end(reader, 3) is None


def test_repeated_header_reworded_is_consumed():
    reader = _reader(HEADER + "1 A\n STT Nhiệm vụ (tiếp) Cơ quan chủ trì Cơ quan phối hợp Thời gian\nthực hiện.\n")
    assert tables._line_repeated_header(reader, 4) == 5
    assert tables._line_repeated_header(reader, 5) is None
    # a line of the header's words that does not start like it is cell text
    reader = _reader(HEADER + "1 A\nNhiệm vụ phối hợp\n")
    assert tables._line_repeated_header(reader, 4) is None


def test_header_run_into_the_row_text():
    reader = _reader(HEADER + "1 Xây dựng mô hình phục vụ\nSTT Nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian "
                              "nhu cầu của nông dân.\n")
    tables._line_new_row(reader, 3)
    assert tables._line_header_then_text(reader, 4) == 5
    reader.state.finish(reader.rows)
    assert reader.rows[0].cell("text") == "Xây dựng mô hình phục vụ nhu cầu của nông dân."


def test_page_number_before_a_repeated_header_or_a_fitting_row():
    reader = _reader(HEADER + "1 A\n2\nSTT Nhiệm vụ Cơ quan chủ\n")
    reader.last = ["1"]
    assert tables._line_page_number(reader, 4) == 5
    reader = _reader(HEADER + "1 A\n2\nTuyên truyền\n")
    reader.last = ["1"]
    assert tables._line_page_number(reader, 4) is None  # row 2 itself


def test_new_row_only_for_a_number_that_may_come_next():
    reader = _reader(HEADER + "1 Tuyên truyền\n3 Không phải hàng\nII Nhóm hai\n")
    assert tables._line_new_row(reader, 3) == 4 and reader.state.row.path == "PL.1"
    assert tables._line_new_row(reader, 4) is None  # 3 cannot follow 1
    assert tables._line_new_row(reader, 5) == 6 and reader.roman == "II"


def test_cell_text_always_consumes_its_line():
    reader = _reader(HEADER + "1 A\nbất kỳ\n")
    assert tables._line_cell_text(reader, 4) == 5


def test_reading_always_ends_on_a_reworded_header_line():
    """A 61-byte text once hung extraction: a row, then a line starting like the header."""
    text = "STT\nNhiệm vụ\nCơ quan chủ trì\n1 Tuyên truyền\nSTT x\n"
    assert len(text.encode()) == 61
    (table,) = tables.find_tables(text)
    assert [r.path for r in table.rows] == ["1"]
    with pytest.raises(IngestError):  # a row with no cell besides its text: no task, and no header
        extract_text(text, "tiny.txt")


# -- placing pieces (PDF) ---------------------------------------------------------------------------


def _state_with(columns: list[str], **cells: str) -> _RowState:
    state = _RowState(columns)
    state.start(Row("1", "1"))
    for role, value in cells.items():
        state.put(role, value)
    return state


def _piece(state: _RowState, text: str) -> _Piece:
    return _Piece(text, text, text[:1].islower(), state.columns[state.pointer])


COLS = ["text", "lead", "coordinators", "time", "product", "funding"]


def test_place_text_after_break():
    state = _state_with(COLS, text="Xây dựng mô hình phục vụ", lead="Sở Y tế")
    state.after_break = True
    assert tables.place_text_after_break(state, _piece(state, "nhu cầu của nông dân."))
    assert state.col("text").endswith("nhu cầu của nông dân.") and not state.after_break


def test_place_year_after_dash_and_open_cell():
    state = _state_with(COLS, time="2026-")
    assert tables.place_year_after_dash(state, _piece(state, "2030")) and state.col("time") == "2026-2030"
    state = _state_with(COLS, coordinators="Sở Tài chính; Các")
    assert tables.place_open_cell(state, _piece(state, "sở, ngành liên quan"))
    assert state.col("coordinators") == "Sở Tài chính; Các sở, ngành liên quan"


@pytest.mark.parametrize("rule, piece, role", [
    (tables.place_value, "≥ 20%", "value"),
    (tables.place_time, "Hằng năm", "time"),
    (tables.place_funding, "NSNN; nguồn khác", "funding"),
])
def test_place_cells_by_kind(rule, piece, role):
    state = _state_with([*COLS, "value"], text="Tuyên truyền.", lead="Sở Y tế")
    assert rule(state, _piece(state, piece)) and state.col(role) == piece


def test_place_lower_case_continuation_but_not_a_new_list():
    state = _state_with(["text", "lead", "coordinators", "time"], text="A.", lead="Sở Khoa học")
    assert tables.place_lower_case_continuation(state, _piece(state, "và Công nghệ"))
    state = _state_with(COLS, text="A.", lead="Sở Khoa học")  # prose for the product column ahead
    assert not tables.place_lower_case_continuation(state, _piece(state, "kỹ thuật số"))
    state = _state_with(COLS, text="A.", lead="Sở Y tế")
    assert not tables.place_lower_case_continuation(state, _piece(state, "các sở, ngành liên quan"))


def test_place_agencies_goes_to_the_next_agency_column():
    state = _state_with(COLS, text="A.", lead="Sở Y tế")
    assert tables.place_agencies(state, _piece(state, "Sở Tài chính"))
    assert state.col("coordinators") == "Sở Tài chính"
    state = _state_with(COLS, text="Tuyên truyền.")
    assert tables.place_agencies(state, _piece(state, "Sở Y tế")) and state.col("lead") == "Sở Y tế"


def test_place_product_after_text_text_overflow_and_default():
    state = _state_with(COLS, text="Tuyên truyền.")
    assert tables.place_product_after_text(state, _piece(state, "Tin, bài"))
    assert state.col("product") == "Tin, bài"
    state = _state_with(COLS, text="Tuyên truyền")
    assert tables.place_text(state, _piece(state, "trên báo")) and state.col("text") == "Tuyên truyền trên báo"
    targets = _state_with(["text", "value", "lead"], text="Chỉ số A", value="50%", lead="Sở Y tế")
    assert tables.place_overflow(targets, _piece(targets, "Chỉ số B")) and len(targets.extra) == 1
    state = _state_with(COLS, text="A", lead="Sở Y tế")
    assert tables.place_product_or_text(state, _piece(state, "Đề án")) and state.col("product") == "Đề án"


# -- cutting lines into pieces (PDF) -----------------------------------------------------------------


def _cut(flat: str, before: str, nxt: str = "") -> _Cut:
    return _Cut(flat, f"{flat} {nxt}".strip(), f"{flat} {nxt}".strip(), before[:120], before[-300:],
                before if len(before) <= 600 else None)


@pytest.mark.parametrize("rule, flat, before, nxt, cuts", [
    (tables.cut_value_or_time, "≥ 3", "Nâng cấp phòng thí nghiệm", "", True),
    (tables.cut_value_or_time, "Thường", "Sở Khoa học và Công nghệ;", "xuyên", True),
    (tables.cut_value_or_time, "3/2026", "Hằng năm từ tháng", "", False),
    (tables.cut_funding_after_time, "NSNN;", "Hàng năm", "", True),
    (tables.cut_after_time, "Kế hoạch tuyên truyền", "Trước ngày 15/6/2026.", "", True),
    (tables.cut_after_time, "từ tháng", "Hằng năm", "", False),
    (tables.cut_after_value, "Sở Y tế", "≥ 3", "", True),
    (tables.cut_agencies_after_prose, "Sở Khoa học", "… đã được phê duyệt.", "và Công nghệ", True),
    (tables.cut_agencies_after_prose, "Các Trung", "Đầu tư phòng thí nghiệm chuyên ngành cho các đơn vị của tỉnh",
     "tâm nghiên cứu, các", True),
    (tables.cut_agencies_after_prose, "Sở Y tế", "Tăng cường phối hợp với", "", False),
    (tables.cut_after_sentence, "Đề án/ Dự án", "… trong và ngoài tỉnh.", "", True),
    (tables.cut_after_sentence, "sở, ngành; địa phương;", "… trong quá trình hợp tác.", "", True),
    (tables.cut_after_sentence, "Năm", "… tỉnh...", "", False),
    (tables.cut_new_body_after_agencies, "Sở Công", "Sở Khoa học và Công nghệ", "Thương", True),
    (tables.cut_new_body_after_agencies, "các Sở, ngành,", "Các trường Đại học, Cao đẳng", "", True),
    (tables.cut_new_body_after_agencies, "Sở Kế", "Sở Công Thương,", "hoạch và Đầu tư", False),
    (tables.cut_prose_after_agencies, "Đề tài, dự", "và các sở, ngành, đơn vị có liên quan", "án, đề án", True),
    (tables.cut_prose_after_agencies, "đồng/Thoả thuận", "Các tổ chức, đơn vị liên quan", "", True),
    (tables.cut_prose_after_agencies, "Thương", "Sở Công", "", False),
])
def test_cut_rules(rule, flat, before, nxt, cuts):
    assert rule(_cut(flat, before, nxt)) is cuts


def test_split_pieces_reads_content_not_blank_lines():
    lines = ["1.1 Hỗ trợ nghiên cứu công nghệ mới.", "Sở Khoa học", "và Công nghệ", "Sở Công", "Thương; và các sở,",
             "ngành có liên quan", "Đề tài, dự", "án", "Hàng năm NSNN;", "nguồn kinh", "phí khác"]
    assert tables.split_pieces(lines) == [
        "1.1 Hỗ trợ nghiên cứu công nghệ mới.", "Sở Khoa học\nvà Công nghệ",
        "Sở Công\nThương; và các sở,\nngành có liên quan", "Đề tài, dự\nán", "Hàng năm", "NSNN;\nnguồn kinh\nphí khác"]


def test_merge_continuations_keeps_prose_after_a_complete_agency_list_apart():
    assert tables.merge_continuations(["Các tổ chức, đơn vị liên quan", "đồng/Thoả thuận"]) == [
        "Các tổ chức, đơn vị liên quan", "đồng/Thoả thuận"]
    assert tables.merge_continuations(["Sở Khoa học và", "công nghệ"]) == ["Sở Khoa học và\ncông nghệ"]


def test_line_parts_split_cells_printed_side_by_side():
    assert tables.line_parts(["trường. ≥ 3 Sở Y tế; Các địa phương"]) == ["trường.", "≥ 3", "Sở Y tế; Các địa phương"]
    assert tables.line_parts(["Hàng năm NSNN;"]) == ["Hàng năm", "NSNN;"]
    assert tables.line_parts(["… học, tuân thủ các Sở Tài", "chính"]) == ["… học, tuân thủ các", "Sở Tài chính"]


# -- cell-per-line tables (layout) ----------------------------------------------------------------


def _pipes(text: str) -> tuple[list[str], list[int]]:
    lines = text.split("\n")
    return lines, [k for k, line in enumerate(lines) if layout._pipe_only(line)]


def test_run_end_rules():
    lines, pipes = _pipes("|\na\n|\nb\n|\n\ntext")
    assert layout._end_blank(lines, pipes, 2, layout._Run())
    lines, pipes = _pipes("|\na\n|\n\n|\nb\n|")
    assert layout._end_blank(lines, pipes, 1, layout._Run(cells=3, widths=[3], widest=3))  # a full row's blank: end
    assert not layout._end_blank(lines, pipes, 1, layout._Run(cells=1, widths=[3], widest=3))  # an empty cell
    lines, pipes = _pipes("|\na\n|\n" + "x\n" * 31 + "|")
    assert layout._end_far(lines, pipes, 1, layout._Run())
    lines, pipes = _pipes("|\nc\n|\ntext after\n|")
    assert layout._end_full_row(lines, pipes, 1, layout._Run(cells=2, widths=[2, 2]))
    assert not layout._end_full_row(lines, pipes, 1, layout._Run(cells=2, widths=[2, 3], same_width=False))
    lines, pipes = _pipes("|\nký\n|\nPHỤ LỤC\n|\nSTT\n|\nNhiệm vụ\n|\nCơ quan chủ trì\n|\n|")
    assert layout._end_before_header(lines, pipes, 1, layout._Run())
    assert not layout._end_before_header(lines, pipes, 2, layout._Run())  # the header's own first cell


def test_consecutive_lone_pipes_end_a_row_once():
    run = layout._Run(cells=2, widths=[3], widest=3)
    assert not layout._ends_row([0, 1, 2], 1, run)  # the row's last cell was empty, the chain goes on
    assert layout._ends_row([0, 1], 1, layout._Run(cells=2, widths=[3], widest=3))  # a short row (a span)
    assert not layout._ends_row([0, 1, 2], 2, layout._Run(chain_has_boundary=True))


def test_cells_one_per_line_without_blank_lines_after_a_signature_and_caption():
    text = ("|\nNơi nhận:\n|\nKT. CHỦ TỊCH\n|\nPHỤ LỤC\n(Kèm theo Kế hoạch)\n|\nSTT\n|\nNhiệm vụ\n|\nCơ quan chủ trì\n"
            "|\n|\n1\n|\nTuyên truyền\n|\nSở Y tế\n|\n|\n\n|\nhội thảo\n|\nSở Tư pháp\n|")
    rows = [line for line in layout.cell_lines_to_rows(no_blank_lines(text)).split("\n") if "|" in line]
    assert [re.sub(r"\s+", " ", r) for r in rows] == [
        "| Nơi nhận: | KT. CHỦ TỊCH |", "| STT | Nhiệm vụ | Cơ quan chủ trì |", "| 1 | Tuyên truyền | Sở Y tế |",
        "| | hội thảo | Sở Tư pháp |"]  # an empty cell printed as a blank line, the blank line gone


# -- agency cells ------------------------------------------------------------------------------------


@pytest.mark.parametrize("cell, names", [
    ("Ban Quản lý các khu công nghệ cao và khu công nghiệp", ["Ban Quản lý các khu công nghệ cao và khu công nghiệp"]),
    ("Sở Khoa học và Công nghệ Sở Công Thương; UBND các phường, xã",
     ["Sở Khoa học và Công nghệ", "Sở Công Thương", "Ủy ban nhân dân cấp xã"]),
    ("Ban Quản lý dự án đầu tư xây dựng tỉnh (chủ trì); Sở Y tế",
     ["Ban Quản lý dự án đầu tư xây dựng tỉnh", "Sở Y tế"]),
    ("Các bộ, ngành liên quan", ["Các bộ, ngành"]),
    ("Báo cáo kết quả; Hội nghị tổng kết", []),  # a head word, but no name after it
    ("nhà đầu tư", []),
])
def test_cell_bodies_names_every_body_listed_or_not(cell, names):
    assert [a.name for a in agencies.cell_bodies(cell)] == names


def test_one_column_for_lead_and_partners():
    lead, partners = tasks._lead_and_partners("Sở Y tế; Ban Quản lý dự án tỉnh (chủ trì)")
    assert ([a.name for a in lead], [a.name for a in partners]) == (["Ban Quản lý dự án tỉnh"], ["Sở Y tế"])
    lead, partners = tasks._lead_and_partners("Sở Y tế; Sở Tư pháp")
    assert ([a.name for a in lead], [a.name for a in partners]) == (["Sở Y tế"], ["Sở Tư pháp"])


@pytest.mark.parametrize("cell, fields", [
    ("30/9/2025", ("2025-09-30", None)),
    ("Trước ngày 15/6/2026.", ("2026-06-15", None)),
    ("Quý IV/2025", (None, "Quý IV/2025")),
    ("Từ 01/3/2026 đến 30/6/2026", (None, "Từ 01/3/2026 đến 30/6/2026")),
    ("Trước ngày 15/12 hằng năm", (None, "Trước ngày 15/12 hằng năm")),
    (None, (None, None)),
])
def test_time_cell_is_a_deadline_only_when_one_full_date(cell, fields):
    assert tasks.time_cell(cell) == fields


# -- synthetic documents of each table class ----------------------------------------------------


def test_legal_site_table_one_cell_per_line_with_spans_and_sub_rows():
    rows = _rows(DATA / "legal-site-task-table-synthetic.md")
    assert rows == {
        # group rows I, II, III give the paths; a full date is a deadline
        "PL.I.1": (["Sở Khoa học và Công nghệ"], ["Sở Tư pháp", "Các sở, ban, ngành"], "2025-09-30", None,
                   "Báo cáo rà soát", "Ngân sách tỉnh"),
        # the funding cell spans from the row above
        "PL.I.2": (["Sở Khoa học và Công nghệ"], ["Văn phòng Ủy ban nhân dân tỉnh"], None, "Quý IV/2025",
                   "Quyết định ban hành Quy chế", "Ngân sách tỉnh"),
        # the lead spans too: one body printed where a lead or the partners fit is the partner
        "PL.I.3": (["Sở Khoa học và Công nghệ"], ["Sở Nội vụ"], None, "Quý I/2026", "Lớp tập huấn", "Ngân sách tỉnh"),
        # a body missing from the lexicon is still the lead
        "PL.II.1": (["Ban Quản lý dự án đầu tư xây dựng tỉnh"], ["Sở Khoa học và Công nghệ"], None, "Năm 2026",
                    "Trung tâm dữ liệu được nâng cấp", "Vốn đầu tư công"),
        # the lead cell spans from the row above; the printed group of companies is the partner
        "PL.II.2": (["Ban Quản lý dự án đầu tư xây dựng tỉnh"], ["Các tổ chức, doanh nghiệp"], None, "2025-2026",
                    "Trạm phát sóng 5G", "Xã hội hóa"),
        # a title row's unnumbered sub-rows are its tasks
        "PL.II.3-1": (["Sở Khoa học và Công nghệ"], ["Các sở, ban, ngành"], None, "Năm 2025",
                      "Nền tảng LGSP được nâng cấp", "Ngân sách tỉnh"),
        "PL.II.3-2": (["Công an tỉnh"], ["Sở Khoa học và Công nghệ"], "2025-12-31", None,
                      "Hệ thống giám sát được vận hành", "Ngân sách tỉnh"),
        "PL.III.1": (["Sở Nội vụ"], ["Sở Khoa học và Công nghệ"], None, "Hằng năm", "Các lớp bồi dưỡng",
                     "Ngân sách tỉnh"),
        # a '+' sub-row whose number and funding cells span
        "PL.III.1-1": (["Ủy ban nhân dân cấp xã"], ["Sở Nội vụ"], None, "Hằng năm", "Cán bộ cấp xã được bồi dưỡng",
                       "Ngân sách tỉnh"),
    }


def test_table_whose_header_does_not_start_with_stt():
    rows = _rows(DATA / "no-stt-header-table-synthetic.txt")
    assert rows == {
        "PLII.I.1": (["Sở Khoa học và Công nghệ"], ["Các sở, ban, ngành"], "2025-07-15", None, "Hội nghị được tổ chức",
                     "Ngân sách tỉnh"),
        "PLII.I.2": (["Sở Tài chính"], ["Sở Khoa học và Công nghệ"], None, "Quý III/2025", "Báo cáo đề xuất",
                     "Ngân sách tỉnh"),
        "PLII.II.1": (["Sở Nông nghiệp và Môi trường"], ["Sở Khoa học và Công nghệ"], None, "Tháng 12/2025",
                      "Cơ sở dữ liệu được vận hành", "Nguồn sự nghiệp khoa học"),
        "PLII.II.1-1": (["Ủy ban nhân dân cấp xã"], ["Sở Nông nghiệp và Môi trường"], "2025-10-30", None,
                        "Dữ liệu được chuẩn hóa", "Ngân sách cấp xã"),
        "PLII.II.2": (["Văn phòng Ủy ban nhân dân tỉnh"], ["Công an tỉnh", "Sở Khoa học và Công nghệ"], None,
                      "Năm 2025", "Cổng dịch vụ công được nâng cấp", "Ngân sách tỉnh"),
    }


def test_pdf_table_whose_header_is_repeated_reworded_on_a_new_page():
    got = extract_file(DATA / "pdf-table-continued-header-synthetic.txt")
    rows = {t["path"]: (t["text"], t["lead"], t["coordinators"], t["timeframe"], t["funding"]) for t in got["tasks"]}
    assert rows == {
        "PL01.1": ("Điều tra, đánh giá thực trạng ứng dụng công nghệ sinh học trong nông nghiệp trên địa bàn tỉnh.",
                   ["Sở Nông nghiệp và Môi trường"], ["Sở Khoa học và Công nghệ", "Ủy ban nhân dân cấp xã"],
                   "Năm 2026", "Ngân sách tỉnh"),
        # the page break cut the text, the partners and the funding: each continues after "(tiếp)"
        "PL01.2": ("Xây dựng mô hình sản xuất giống cây trồng bằng công nghệ nuôi cấy mô phục vụ nhu cầu của nông "
                   "dân trong tỉnh.", ["Sở Khoa học và Công nghệ"],
                   ["Sở Nông nghiệp và Môi trường", "Các tổ chức, doanh nghiệp"], "2026-2028",
                   "Nguồn sự nghiệp khoa học"),
        "PL01.3": ("Tuyên truyền về ứng dụng công nghệ sinh học trên Báo và Đài Phát thanh - Truyền hình tỉnh.",
                   ["Sở Văn hóa, Thể thao và Du lịch"], [], "Hằng năm", "Nguồn xã hội hóa"),
    }


def test_target_table_in_pipes():
    got = extract_file(DATA / "target-table-synthetic.md")
    assert [(t["path"], t["value"], t["year"], t["lead"], t["monitor"]) for t in got["targets"]] == [
        ("PL01.1", "≥ 80%", 2030, ["Văn phòng Ủy ban nhân dân tỉnh"], ["Sở Khoa học và Công nghệ"]),
        ("PL01.2", "500", 2030, ["Sở Tài chính"], ["Sở Khoa học và Công nghệ"]),
        ("PL01.3", "50%", 2030, ["Công an tỉnh"], ["Sở Khoa học và Công nghệ"]),  # monitor cell spans
    ]
    assert got["tasks"] == []


# -- the same rows whatever the rendering ---------------------------------------------------------

RENDERINGS = [no_blank_lines, wrap_at(60), wrap_at(120), double_spaces, cells_one_per_line]
TABLE_FILES = [DATA / "legal-site-task-table-synthetic.md", DATA / "no-stt-header-table-synthetic.txt",
               DATA / "pdf-table-continued-header-synthetic.txt", DATA / "target-table-synthetic.md",
               DATA / "pipe-table-plan-synthetic.txt", DATA / "tt-table-one-agency-column-synthetic.txt",
               DATA / "yenbai-synthetic-plan.txt", ROOT / "corpus" / "seeds" / "phuluc-cnsh-congthuong-2022-2030.txt",
               ROOT / "corpus" / "seeds" / "laocai-kh-55-kh-tu-36-nq-tw.txt"]
SHARED_TABLE_FILES = ["01-hanoi-kh-310-ubnd-ha-tang-5g-iot.txt", "03-ttg-qd-2597-qd-ttg-cds-ket-cau-ha-tang.txt"]


def _table_rows(text: str) -> list[tuple]:
    got = extract_text(text, "rendering.txt")
    fields = ("path", "lead", "coordinators", "monitor", "deadline", "timeframe", "product", "funding")
    rows = [tuple(str(t[f]) for f in fields) + (t["text_start"][:50],) for t in got["tasks"] if "PL" in t["path"]
            or re.fullmatch(r"\d+\.\d+", t["path"])]
    return rows + [(t["path"], t["value"], str(t["lead"]), str(t["monitor"])) for t in got["targets"]]


@pytest.mark.parametrize("rendering", RENDERINGS, ids=lambda r: r.__name__)
@pytest.mark.parametrize("path", TABLE_FILES, ids=lambda p: p.name)
def test_table_rows_do_not_depend_on_rendering(path, rendering):
    text = read_text(path)
    base = _table_rows(text)
    assert base
    assert _table_rows(normalise(rendering(text))) == base


@pytest.mark.parametrize("rendering", RENDERINGS, ids=lambda r: r.__name__)
@pytest.mark.parametrize("name", SHARED_TABLE_FILES)
def test_legal_site_tables_of_real_documents_do_not_depend_on_rendering(name, rendering):
    path = SHARED / "corpus" / "real-full" / name
    if not path.exists():
        _unavailable(f"shared corpus missing: {path}")
    text = read_text(path)
    base = _table_rows(text)
    assert base
    assert _table_rows(normalise(rendering(text))) == base


# -- mutated tables: reading always ends, and never fails ----------------------------------------

_MUTATIONS = [
    lambda lines, k, rnd: lines[:k] + lines[k + 1:],  # a line lost
    lambda lines, k, rnd: lines[:k] + [lines[k]] * 3 + lines[k + 1:],  # a line repeated
    lambda lines, k, rnd: lines[:k] + [lines[k][: len(lines[k]) // 2]] + lines[k:],  # a half line
    lambda lines, k, rnd: lines[:k] + ["STT Nhiệm vụ (tiếp) Cơ quan chủ trì x"] + lines[k:],  # a reworded header
    lambda lines, k, rnd: lines[:k] + ["|", "|"] + lines[k:],  # lone pipes
    lambda lines, k, rnd: lines[:k] + [" " + line for line in lines[k:k + 40]] + lines[k + 40:],  # page starts
    lambda lines, k, rnd: lines[:k] + [str(rnd.randint(1, 12))] + lines[k:],  # a page or row number
]


def test_mutated_tables_are_read_to_the_end():
    import random

    rnd = random.Random(7)
    sources = [read_text(p).split("\n") for p in TABLE_FILES[:7]]
    for n in range(300):
        lines = list(sources[n % len(sources)])
        for _ in range(3):
            k = rnd.randrange(len(lines))
            lines = rnd.choice(_MUTATIONS)(lines, k, rnd)
        text = "\n".join(lines)
        found = tables.find_tables(layout.view(text))
        row_tasks, row_targets = tasks.from_tables(found)
        assert all(t.path for t in row_tasks) and all(t.path for t in row_targets)
