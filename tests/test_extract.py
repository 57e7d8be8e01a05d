import json
import unicodedata
from pathlib import Path

import pytest
from policykg.ingest.errors import IngestError
from policykg.ingest.extract import extract_file, extract_text
from policykg.ingest.read import find_files, read_text

from tests.conftest import SEEDS


def test_laocai_plan_yields_document_citations_tasks_and_targets():
    got = extract_file(SEEDS / "laocai-kh-55-kh-tu-36-nq-tw.txt")
    assert got["document"]["province"] == "Lào Cai"
    assert {r["symbol"] for r in got["references"]} == {"55-KH/TU", "36-NQ/TW", "189/NQ-CP", "48-NQ/TU"}
    assert len(got["tasks"]) == 45
    assert sum(1 for t in got["tasks"] if t["also_at"]) == 41
    assert len(got["targets"]) == 13
    row = next(t for t in got["tasks"] if t["path"] == "PL02.I.1")
    assert row["deadline"] == "2026-06-15" and row["timeframe"] is None
    assert row["also_at"] == ["III.1.1"]
    single = next(t for t in got["tasks"] if t["path"] == "IV.3")  # one numbered sentence, not a heading
    assert single["lead"] == ["Sở Tài chính"] and single["coordinators"] == ["Các sở, ban, ngành"]


def test_cited_issuers_in_official_spelling_from_text_or_symbol_code():
    text = (
        "KẾ HOẠCH\nThực hiện Nghị quyết số 36-NQ/TW ngày 30/01/2023 của BỘ CHÍNH TRỊ; Nghị quyết số "
        "189/NQ-CP ngày 16/11/2023 của Chính phủ và Kế hoạch số 55-KH/TU đến đảng viên. Căn cứ Nghị quyết "
        "số 340/NQ-HĐND; theo đề nghị của Giám đốc Sở KH&CN tại Tờ trình số 27/TTr-SKHCN ngày 02/3/2026.\n"
        "1. Sở Tài chính chủ trì, phối hợp với Sở Y tế rà soát kinh phí.\n"
    )
    issuers = {r["symbol"]: r["issuer"] for r in extract_text(text, "cited.txt")["references"]}
    assert issuers == {
        "36-NQ/TW": "Bộ Chính trị", "189/NQ-CP": "Chính phủ", "55-KH/TU": None,
        "340/NQ-HĐND": "Hội đồng nhân dân tỉnh", "27/TTr-SKHCN": "Sở Khoa học và Công nghệ",
    }


def test_every_task_keeps_its_span_in_the_text():
    path = SEEDS / "langson-kh-88-ctr-tu-36-nq-tw.txt"
    text = read_text(path)
    for task in extract_file(path)["tasks"]:
        quoted = " ".join(text[task["span"]["start"]: task["span"]["end"]].split())
        assert quoted.startswith(task["text_start"][:20])


def test_recurring_deadline_is_a_timeframe():
    got = extract_file(SEEDS / "sonla-kh-1639-qd-ttg-bvmt.txt")
    vi1 = next(t for t in got["tasks"] if t["path"] == "VI.1")
    assert vi1["deadline"] is None and vi1["timeframe"] == "trước ngày 15/12 hàng năm"


@pytest.mark.parametrize(
    "content, reason",
    [(b"", "empty file"), (b"\x00\x01\x02binary", "binary file"), (b"\xff\xfe\xfa\x81\x82", "UTF")],
)
def test_bad_files_get_one_line_reasons(tmp_path: Path, content: bytes, reason: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(IngestError) as err:
        extract_file(path)
    assert str(path) in str(err.value) and reason.lower() in str(err.value).lower()
    assert "\n" not in str(err.value)


def test_windows_1258_and_nfd_text_are_decoded_and_normalised(tmp_path: Path):
    text = (SEEDS / "laichau-sct-congvan-1355-qd-bct.txt").read_text("utf-8")
    nfd = tmp_path / "nfd.txt"
    nfd.write_text(unicodedata.normalize("NFD", text), "utf-8")
    assert extract_file(nfd)["document"]["issuer"] == "Sở Công Thương tỉnh Lai Châu"
    legacy = tmp_path / "cp1258.txt"
    # Windows-1258 writes tones as combining marks after the base letter.
    legacy_text = "S\u00f4\u0301: 12/KH-UBND\nLào Cai, ngày 02 tháng 3 năm 2026\nK\u00ca\u0301 HOA\u0323CH\n"
    legacy.write_bytes(legacy_text.encode("cp1258"))
    assert extract_file(legacy)["document"]["issued_date"] == "2026-03-02"


def test_text_that_is_not_a_policy_document_is_refused():
    with pytest.raises(IngestError, match="not a policy document"):
        extract_text("Hôm nay trời đẹp. Chúng tôi đi chơi.", "note.txt")


def test_folder_without_documents_is_an_error(tmp_path: Path):
    files, errors = find_files([tmp_path])
    assert files == [] and "no .txt or .md" in str(errors[0])


def test_extraction_is_json_serialisable():
    json.dumps(extract_file(SEEDS / "phuluc-cnsh-congthuong-2022-2030.txt"), ensure_ascii=False)


def test_standing_work_is_a_timeframe_where_it_qualifies_the_task():
    text = ("KẾ HOẠCH\nThực hiện Nghị quyết số 36-NQ/TW ngày 30/01/2023 của Bộ Chính trị\n"
            "I. NHIỆM VỤ, GIẢI PHÁP\n1. Tuyên truyền, nâng cao nhận thức\n"
            "Tổ chức quán triệt Nghị quyết. Xác định đây là nhiệm vụ quan trọng, thường xuyên.\n"
            "2. Hoàn thiện chính sách\nRà soát các văn bản.\nThường xuyên rà soát, bổ sung cơ chế.\n"
            "3. Đào tạo\nLồng ghép nội dung vào chương trình giáo dục thường xuyên.\n")
    got = {t["path"]: t["timeframe"] for t in extract_text(text, "standing.txt")["tasks"]}
    # a sentence opening with the word, in any paragraph (paragraph breaks are the converter's); a noun
    # it qualifies ("giáo dục thường xuyên") is no timeframe
    assert got == {"I.1": "thường xuyên", "I.2": "Thường xuyên", "I.3": None}


def test_text_without_header_keeps_its_tasks_with_null_document_fields():
    got = extract_text("- Sở Y tế chủ trì, phối hợp với Sở Tài chính rà soát cơ sở vật chất bệnh viện.\n"
                       "- Sở Công Thương chủ trì hỗ trợ doanh nghiệp.\n", "fragment.txt")
    assert set(got["document"].values()) == {None}
    assert got["warnings"] == ["no recognisable header: document fields are null"]
    assert [(t["lead"], t["coordinators"]) for t in got["tasks"]] == [
        (["Sở Y tế"], ["Sở Tài chính"]), (["Sở Công Thương"], [])]


def test_sections_that_promise_tasks_but_give_none_and_tasks_without_lead_are_said():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\nSố: 77/KH-UBND\nCao Bằng, ngày 3 tháng 3 năm 2026\nKẾ HOẠCH\n"
            "Ứng dụng công nghệ sinh học\nI. NHIỆM VỤ, GIẢI PHÁP\n"
            "Các nội dung được thể hiện chi tiết trong văn bản riêng của Ủy ban nhân dân tỉnh.\n"
            "II. TỔ CHỨC THỰC HIỆN\n1. Rà soát cơ chế, chính sách hỗ trợ doanh nghiệp.\n")
    warnings = extract_text(text, "honest.txt")["warnings"]
    assert any(w.startswith("section I. NHIỆM VỤ, GIẢI PHÁP looks like it assigns tasks") for w in warnings)
    assert "1 of 1 tasks name no lead agency (II.1)" in warnings
