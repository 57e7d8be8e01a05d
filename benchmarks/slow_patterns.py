"""Extraction grows linearly with its input: each pattern that was once slow is timed at a size and at
twice that size, and the ratio printed (linear growth gives about ×2; the bar is ×2.2).

Patterns (issue 7): "của 1/QĐ-TTg " 800 times (the citation issuer rule), "Căn cứ 1/QĐ-TTg, " 2,000
times, a '|' cell listing "Sở Y tế, " 8,000 times, a table row followed by 2,000 lines indented by one
space, "phối hợp với Sở Tài chính, " 2,000 times; also many rows one cell per line and a long agency
cell of a PDF table. Times are of the whole extraction (``extract_text``). Run with `make bench`.
"""

from __future__ import annotations

from collections.abc import Callable

from common import best_of
from policykg.ingest.extract import extract_text

HEADER = "ỦY BAN NHÂN DÂN\nTỈNH YÊN BÁI\nSố: 12/KH-UBND\nKẾ HOẠCH\nThực hiện Nghị quyết số 36-NQ/TW\nPHỤ LỤC 01\n"


def pipe_cell(n: int) -> str:
    return (HEADER + "| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp |\n"
            f"| 1 | Tuyên truyền | Sở Tài chính | {'Sở Y tế, ' * n}|\n")


def indented_lines(n: int) -> str:
    return (HEADER + "STT Nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian\n1 Tuyên truyền Sở Y tế\n"
            + " dòng tiếp theo\n" * n)


def many_rows_cell_per_line(n: int) -> str:
    cells = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Kinh phí"]
    lines = ["|", *[x for c in cells for x in (c, "|")]]
    for i in range(1, n + 1):
        row = [str(i), f"Nhiệm vụ số {i} về chuyển đổi số", "Sở Khoa học và Công nghệ", "Sở Tài chính; Sở Y tế",
               "Năm 2026", "Ngân sách tỉnh"]
        lines += ["|", *[x for c in row for x in (c, "|")]]
    return HEADER + "\n".join(lines) + "\n"


def long_pdf_agency_cell(n: int) -> str:
    return (HEADER + "STT Nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian\n1 Tuyên truyền.\nSở Y tế\n"
            + "Sở Tài chính, Sở Nội vụ,\n" * n + "Năm 2026\n")


def issuer_chain(n: int) -> str:
    return HEADER + "I. NHIỆM VỤ\n1. Rà soát " + "của 1/QĐ-TTg " * n + "\n"


def based_on_list(n: int) -> str:
    return HEADER + "Căn cứ " + "Căn cứ 1/QĐ-TTg, " * n + "\n"


def partner_list(n: int) -> str:
    return HEADER + "II. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế chủ trì, " + "phối hợp với Sở Tài chính, " * n + "\n"


PATTERNS: list[tuple[str, Callable[[int], str], int]] = [
    ('"của 1/QĐ-TTg " × n', issuer_chain, 800),
    ('"Căn cứ 1/QĐ-TTg, " × n', based_on_list, 2000),
    ('"phối hợp với Sở Tài chính, " × n', partner_list, 2000),
    ('"Sở Y tế, " × n in one | cell', pipe_cell, 8000),
    ("a row, then n lines indented by one space", indented_lines, 2000),
    ("n rows printed one cell per line", many_rows_cell_per_line, 500),
    ("a PDF agency cell of n lines", long_pdf_agency_cell, 2000),
]


def extract(text: str) -> object:
    return extract_text(text, "bench.txt")


def main() -> None:
    worst = 0.0
    for name, make, n in PATTERNS:
        small, large = make(n), make(2 * n)
        t1 = best_of(3, lambda: extract(small))  # noqa: B023 - timed at once
        t2 = best_of(3, lambda: extract(large))  # noqa: B023
        worst = max(worst, t2 / t1)
        print(f"{name:45s} n={n:5d}: {t1 * 1000:8.1f} ms, 2n: {t2 * 1000:8.1f} ms, ×{t2 / t1:.2f}")
    print(f"worst ratio of extraction when the input doubles: ×{worst:.2f} (bar: ×2.2)")


if __name__ == "__main__":
    main()
