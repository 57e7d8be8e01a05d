"""Identity: how a document symbol is read and keyed, and whether a body or symbol is central.

One module for what identifies things in policykg (the graph's uids are built from these):
- a document is its symbol (``symbol_key``: no spaces, upper case) plus issuing scope ("VN" for
  central bodies, else its province) plus year;
- an agency belongs to a province unless it is truly central (a ministry, the Government, the
  Party's central bodies, the National Assembly: the ``central`` list of ``agencies.yaml``).
"""

from __future__ import annotations

import re
from functools import cache

from policykg.ingest import vocabulary

_PARTY = r"\d{1,4}\s?-\s?[A-ZĐ][A-Za-zĐđ]{1,5}\s?/\s?[A-ZĐ][A-ZĐ0-9]{1,7}(?![\w-])"
_STATE = (
    r"\d{1,5}(?:\.\d{1,3})?(?:/\d{4})?/\s?[A-ZĐƯ][A-Za-zĐđƯư&0-9]*"
    r"(?:\s?-\s?[A-ZĐƯ][A-Za-zĐđƯư&0-9]*)*(?![\w])"
)
# A printed symbol: Party order "36-NQ/TW", state order "189/NQ-CP", "14/2008/QĐ-TTg", "66.2/2025/NQ-CP".
SYMBOL = re.compile(rf"(?<![\w/.-])(?:{_PARTY}|{_STATE})")
# Codes of central issuers in a symbol ("NQ/TW", "QĐ-TTg", "NQ-CP", ministries "B…", "QH15").
_CENTRAL_CODES = {"TW", "CP", "TTG", "VPCP", "VHL", "QH", "BCT"}
_CENTRAL_NAMES = ("Chính phủ", "Thủ tướng Chính phủ", "Bộ Chính trị", "Ban Bí thư", "Quốc hội",
                  "Ban Chấp hành Trung ương", "Văn phòng Chính phủ")


def symbol_key(symbol: str) -> str:
    """Identity of a printed symbol: no spaces, upper case ("30-Ctr/TU" = "30-CTR/TU")."""
    return re.sub(r"\s+", "", symbol).upper()


def tidy_symbol(symbol: str) -> str:
    return re.sub(r"\s+", "", symbol)


def symbol_codes(symbol: str) -> list[str]:
    """The letter parts of a symbol after its number and year: "189/NQ-CP" -> ["NQ", "CP"]."""
    key = symbol_key(symbol)
    return [p for p in re.split(r"[/-]", key)[1:] if p and not p.isdigit()]


def type_of_symbol(symbol: str) -> str | None:
    """The document type a symbol's type code names ("KH" -> Kế hoạch), if any."""
    codes = symbol_codes(symbol)
    key = symbol_key(symbol)
    code = codes[0] if codes else ""
    if re.match(r"^\d+-[A-ZĐ]+/", key):  # Party order: the type comes first
        code = key.split("-")[1].split("/")[0]
    return vocabulary.data()["type_codes"].get(code)


def type_names() -> dict[str, str]:
    """Upper-case type names as printed -> type ("KẾ HOẠCH" -> "Kế hoạch")."""
    names: dict[str, str] = vocabulary.data()["type_names"]
    return names


def is_central_symbol(symbol: str) -> bool:
    """True for symbols of central bodies (Party Central, Government, PM, ministries, National Assembly)."""
    key = symbol_key(symbol)
    if re.match(r"^\d+-[A-ZĐ]+/", key):
        return key.split("/")[-1] in _CENTRAL_CODES
    parts = symbol_codes(symbol)
    codes = parts[1:] if len(parts) > 1 else parts
    code = codes[0] if codes else ""
    return code in _CENTRAL_CODES or code.startswith("QH") or (code.startswith("B") and len(code) > 2)


@cache
def _central_bodies() -> frozenset[str]:
    data = vocabulary.agency_data()
    return frozenset(entry["name"] for entry in data.get("central", []))


def is_central_body(name: str | None) -> bool:
    """True for a body of the central state or Party (listed as central, or a named central organ);
    "Bộ Chỉ huy Quân sự tỉnh" is provincial although it starts with "Bộ"."""
    if not name:
        return False
    ministry = name.startswith("Bộ ") and not name.startswith(("Bộ Chỉ huy", "Bộ Tư lệnh", "Bộ phận"))
    national = name.endswith(" Việt Nam")  # "Đài Truyền hình Việt Nam", "Tập đoàn Điện lực Việt Nam"
    return name in _central_bodies() or name.startswith(_CENTRAL_NAMES) or ministry or national


def people_committee(province: str) -> str:
    """The People's Committee of a province: "Ủy ban nhân dân tỉnh Phú Yên"; centrally-run cities
    "Ủy ban nhân dân thành phố Cần Thơ" (Hồ Chí Minh's own name begins "Thành phố")."""
    if province == "Hồ Chí Minh":
        return "Ủy ban nhân dân Thành phố Hồ Chí Minh"
    level = "thành phố" if province in vocabulary.words("central_cities") else "tỉnh"
    return f"Ủy ban nhân dân {level} {province}"
