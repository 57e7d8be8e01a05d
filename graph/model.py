"""The graph model: identities (uids) and the node and edge rows of one extraction.

(:Document {uid, key, scope, year, symbol, doc_type, title, issuer, province, issued_date,
            signer, source, stub})
(:Task {uid, path, text, deadline, timeframe, product, funding, also_at, source, span})
(:Target {uid, path, text, value, year, source, span})
(:Agency {uid, name, kind, province, listed})
(:Document)-[:IMPLEMENTS|BASED_ON|CITES {relation, source, quote}]->(:Document)
(:Task|Target)-[:PART_OF]->(:Document); (:Task)-[:ASSIGNED_TO|COORDINATES_WITH|MONITORED_BY]->(:Agency)

Identity: a document is its symbol plus issuing scope ("VN" for central bodies, else
its province) plus year; a document without a number is its source file.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from ingest.citations import symbol_key
from ingest.identity import is_central_body

_PROVINCIAL_WORD = re.compile(r"\b(?:tỉnh|thành phố)\b")

REL_TYPES = {"implements": "IMPLEMENTS", "based_on": "BASED_ON", "mentions": "CITES", "proposed_by": "CITES"}
ROLE_TYPES = {"lead": "ASSIGNED_TO", "coordinators": "COORDINATES_WITH", "monitor": "MONITORED_BY"}
_CENTRAL_CODES = {"TW", "CP", "TTG", "VPCP", "VHL", "QH"}


def slug(text: str | None) -> str:
    return re.sub(r"\s+", "-", text.strip()) if text else "?"


def is_central(symbol: str) -> bool:
    """True for symbols of central bodies (Party Central, Government, PM, ministries, National Assembly)."""
    key = symbol_key(symbol)
    if re.match(r"^\d+-[A-ZĐ]+/", key):
        return key.split("/")[-1] in _CENTRAL_CODES
    parts = [p for p in re.split(r"[/-]", key)[1:] if not p.isdigit()]
    codes = parts[1:] if len(parts) > 1 else parts
    code = codes[0] if codes else ""
    return code in _CENTRAL_CODES or code.startswith("QH") or (code.startswith("B") and len(code) > 2)


def scope_of(symbol: str, province: str | None) -> str:
    return "VN" if is_central(symbol) else slug(province)


def year_of(date: str | None, symbol: str | None = None) -> str | None:
    if date:
        return date[:4]
    m = re.search(r"/(\d{4})/", symbol or "")
    return m.group(1) if m else None


def document_uid(symbol: str | None, province: str | None, date: str | None, source: str) -> str:
    if not symbol:
        return f"file:{source}"
    return f"{symbol_key(symbol)}|{scope_of(symbol, province)}|{year_of(date, symbol) or '?'}"


def agency_uid(name: str, province: str | None) -> str:
    """An agency's uid: its name and province, or ``VN`` for a central body (ingest/identity.py); an
    unlisted ministry ("Bộ …") is central, a province's body that starts with "Bộ" ("Bộ Chỉ huy Quân sự
    tỉnh") is not."""
    central = is_central_body(name) or (name.startswith("Bộ ") and not _PROVINCIAL_WORD.search(name))
    return f"{name}|{'VN' if central else slug(province)}"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def rows(extraction: dict[str, Any], source: str) -> dict[str, Any]:
    """Node and edge rows for one extraction; cited documents of unknown year keep '?'."""
    doc = extraction["document"]
    province = doc.get("province")
    uid = document_uid(doc.get("symbol"), province, doc.get("issued_date"), source)
    document = {
        "uid": uid, "key": symbol_key(doc["symbol"]) if doc.get("symbol") else None,
        "scope": scope_of(doc["symbol"], province) if doc.get("symbol") else None,
        "year": year_of(doc.get("issued_date"), doc.get("symbol")),
        **{k: doc.get(k) for k in ("symbol", "doc_type", "title", "issuer", "province", "issued_date",
                                   "signer")},
        "source": source, "stub": False,
    }
    cited: dict[str, dict[str, Any]] = {}
    uid_of_symbol: dict[str, str] = {}
    for ref in extraction["references"]:
        ref_uid = document_uid(ref["symbol"], province, ref.get("issued_date"), source)
        uid_of_symbol[symbol_key(ref["symbol"])] = ref_uid
        cited[ref_uid] = {
            "uid": ref_uid, "key": symbol_key(ref["symbol"]), "scope": scope_of(ref["symbol"], province),
            "year": year_of(ref.get("issued_date"), ref["symbol"]), "symbol": ref["symbol"],
            "doc_type": ref.get("doc_type"), "issuer": ref.get("issuer"),
            "issued_date": ref.get("issued_date"),
            "province": None if is_central(ref["symbol"]) else province,
        }
    citations = [
        {"from": uid, "to": uid_of_symbol[symbol_key(r["symbol"])], "type": REL_TYPES[r["relation"]],
         "relation": r["relation"], "quote": r.get("quote") or r["symbol"], "source": source}
        for r in extraction["references"]
    ]
    links = [
        {"from": uid_of_symbol[symbol_key(lk["from"])], "to": uid_of_symbol[symbol_key(lk["to"])],
         "type": REL_TYPES[lk["relation"]], "relation": lk["relation"], "quote": lk["quote"],
         "source": source}
        for lk in extraction["links"]
        if symbol_key(lk["from"]) in uid_of_symbol and symbol_key(lk["to"]) in uid_of_symbol
    ]
    kinds = {a["name"]: a["kind"] for a in extraction["agencies"]}
    listed = {a["name"]: a["listed"] for a in extraction["agencies"]}
    agencies: dict[str, dict[str, Any]] = {}
    tasks, targets, assignments = [], [], []

    def agency(name: str) -> str:
        a_uid = agency_uid(name, province)
        agencies[a_uid] = {"uid": a_uid, "name": name, "kind": kinds.get(name, "specific"),
                           "listed": listed.get(name, False),
                           "province": None if a_uid.endswith("|VN") else province}
        return a_uid

    for t in extraction["tasks"]:
        t_uid = f"{uid}#{t['path']}#{_digest(t['text'])}"
        tasks.append({
            "uid": t_uid, "doc": uid, "path": t["path"], "text": t["text"],
            **{k: t.get(k) for k in ("deadline", "timeframe", "product", "funding")},
            "also_at": t.get("also_at") or [], "source": source, "span": json.dumps(t["span"]),
            "quote": t["quote"],
        })
        heading = t.get("assigned_at")
        quote = f"{heading['quote']} … {t['quote']}" if heading else t["quote"]
        for role, rel in ROLE_TYPES.items():
            for name in t[role]:
                assignments.append({"task": t_uid, "agency": agency(name), "type": rel,
                                    "source": source, "quote": quote})
    for g in extraction["targets"]:
        g_uid = f"{uid}#T{g['path']}#{_digest(g['text'])}"
        targets.append({"uid": g_uid, "doc": uid, "path": g["path"], "text": g["text"],
                        "value": g.get("value"), "year": g.get("year"), "source": source,
                        "span": json.dumps(g["span"]), "quote": g["quote"]})
        for role in ("lead", "monitor"):
            for name in g[role]:
                assignments.append({"task": g_uid, "agency": agency(name), "type": ROLE_TYPES[role],
                                    "source": source, "quote": g["quote"]})
    return {"document": document, "cited": list(cited.values()), "citations": citations,
            "links": links, "tasks": tasks, "targets": targets, "agencies": list(agencies.values()),
            "assignments": assignments}
