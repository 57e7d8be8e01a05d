"""The graph model: identities (uids) and the node and edge rows of one extraction.

(:Document {uid, key, scope, year, symbol, doc_type, title, issuer, province, issued_date,
            signer, source, stub})
(:Task {uid, path, text, province (its document's), deadline, due, timeframe, recurring, product, funding,
        also_at, source, span, leads, lead_uids})
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
from collections.abc import Mapping
from typing import Any

from policykg.ingest.identity import is_central_body, is_central_symbol, symbol_key

REL_TYPES = {"implements": "IMPLEMENTS", "based_on": "BASED_ON", "mentions": "CITES", "proposed_by": "CITES"}
ROLE_TYPES = {"lead": "ASSIGNED_TO", "coordinators": "COORDINATES_WITH", "monitor": "MONITORED_BY"}


def slug(text: str | None) -> str:
    return re.sub(r"\s+", "-", text.strip()) if text else "?"


def scope_of(symbol: str, province: str | None) -> str:
    return "VN" if is_central_symbol(symbol) else slug(province)


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
    return f"{name}|{'VN' if is_central_body(name) else slug(province)}"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def _document_row(doc: dict[str, Any], uid: str, source: str) -> dict[str, Any]:
    province = doc.get("province")
    return {
        "uid": uid, "key": symbol_key(doc["symbol"]) if doc.get("symbol") else None,
        "scope": scope_of(doc["symbol"], province) if doc.get("symbol") else None,
        "year": year_of(doc.get("issued_date"), doc.get("symbol")),
        **{k: doc.get(k) for k in ("symbol", "doc_type", "title", "issuer", "province", "issued_date",
                                   "signer")},
        "source": source, "stub": False,
    }


def _cited_row(ref: dict[str, Any], ref_uid: str, province: str | None) -> dict[str, Any]:
    return {
        "uid": ref_uid, "key": symbol_key(ref["symbol"]), "scope": scope_of(ref["symbol"], province),
        "year": year_of(ref.get("issued_date"), ref["symbol"]), "symbol": ref["symbol"],
        "doc_type": ref.get("doc_type"), "issuer": ref.get("issuer"), "issued_date": ref.get("issued_date"),
        "province": None if is_central_symbol(ref["symbol"]) else province,
    }


def _link_rows(extraction: Mapping[str, Any], uid_of_symbol: dict[str, str], source: str) -> list[dict[str, Any]]:
    return [
        {"from": uid_of_symbol[symbol_key(lk["from"])], "to": uid_of_symbol[symbol_key(lk["to"])],
         "type": REL_TYPES[lk["relation"]], "relation": lk["relation"], "quote": lk["quote"], "source": source}
        for lk in extraction["links"]
        if symbol_key(lk["from"]) in uid_of_symbol and symbol_key(lk["to"]) in uid_of_symbol
    ]


class _Assignments:
    """Agency rows (one per body of the document's scope) and the edges from tasks and targets to them."""

    def __init__(self, extraction: Mapping[str, Any], province: str | None, source: str) -> None:
        self.kinds = {a["name"]: a["kind"] for a in extraction["agencies"]}
        self.listed = {a["name"]: a["listed"] for a in extraction["agencies"]}
        self.province, self.source = province, source
        self.agencies: dict[str, dict[str, Any]] = {}
        self.edges: list[dict[str, Any]] = []

    def add(self, node_uid: str, name: str, rel: str, quote: str) -> None:
        a_uid = agency_uid(name, self.province)
        self.agencies[a_uid] = {"uid": a_uid, "name": name, "kind": self.kinds.get(name, "specific"),
                                "listed": self.listed.get(name, False),
                                "province": None if a_uid.endswith("|VN") else self.province}
        self.edges.append({"task": node_uid, "agency": a_uid, "type": rel, "source": self.source, "quote": quote})


def due(deadline: str | None) -> str | None:
    """The last day a deadline allows, as a string that sorts with ISO dates: a year counts to its
    31 December, a month to its '-31' (after every real day of it); a full date is itself."""
    if not deadline:
        return None
    return {4: f"{deadline}-12-31", 7: f"{deadline}-31"}.get(len(deadline), deadline)


def recurring(timeframe: str | None) -> bool:
    """Whether a timeframe marks standing work that comes back (vocabulary's recurring_words)."""
    from policykg.ingest import vocabulary

    lowered = (timeframe or "").lower()
    return any(word in lowered for word in vocabulary.words("recurring_words"))


def _task_row(t: dict[str, Any], uid: str, source: str, province: str | None) -> dict[str, Any]:
    return {
        "uid": f"{uid}#{t['path']}#{_digest(t['text'])}", "doc": uid, "path": t["path"], "text": t["text"],
        "province": province,
        **{k: t.get(k) for k in ("deadline", "timeframe", "product", "funding")},
        "due": due(t.get("deadline")), "recurring": recurring(t.get("timeframe")),
        "also_at": t.get("also_at") or [], "source": source, "span": json.dumps(t["span"]), "quote": t["quote"],
    }


def _target_row(g: dict[str, Any], uid: str, source: str) -> dict[str, Any]:
    return {"uid": f"{uid}#T{g['path']}#{_digest(g['text'])}", "doc": uid, "path": g["path"], "text": g["text"],
            "value": g.get("value"), "year": g.get("year"), "source": source,
            "span": json.dumps(g["span"]), "quote": g["quote"]}


def _lead_columns(tasks: list[dict[str, Any]], assigned: _Assignments) -> None:
    """Each task's leads, also written on the task (names in order, their uids alongside): the deadline
    list shows them for thousands of tasks, and one look-up of edges per task was most of its time.
    Written with the ASSIGNED_TO edges, from the same rows, and replaced with them."""
    leads: dict[str, dict[str, str]] = {row["uid"]: {} for row in tasks}
    for edge in assigned.edges:
        if edge["type"] == ROLE_TYPES["lead"] and edge["task"] in leads:
            leads[edge["task"]][edge["agency"]] = assigned.agencies[edge["agency"]]["name"]
    for row in tasks:
        ordered = sorted(leads[row["uid"]].items(), key=lambda item: (item[1], item[0]))
        row["leads"] = [name for _, name in ordered]
        row["lead_uids"] = [a_uid for a_uid, _ in ordered]


def rows(extraction: Mapping[str, Any], source: str) -> dict[str, Any]:
    """Node and edge rows for one extraction; cited documents of unknown year keep '?'."""
    doc = extraction["document"]
    province = doc.get("province")
    uid = document_uid(doc.get("symbol"), province, doc.get("issued_date"), source)
    cited: dict[str, dict[str, Any]] = {}
    uid_of_symbol: dict[str, str] = {}
    for ref in extraction["references"]:
        ref_uid = document_uid(ref["symbol"], province, ref.get("issued_date"), source)
        uid_of_symbol[symbol_key(ref["symbol"])] = ref_uid
        cited[ref_uid] = _cited_row(ref, ref_uid, province)
    citations = [
        {"from": uid, "to": uid_of_symbol[symbol_key(r["symbol"])], "type": REL_TYPES[r["relation"]],
         "relation": r["relation"], "quote": r.get("quote") or r["symbol"], "source": source}
        for r in extraction["references"]
    ]
    assigned = _Assignments(extraction, province, source)
    tasks = [_task_row(t, uid, source, province) for t in extraction["tasks"]]
    for t, row in zip(extraction["tasks"], tasks):
        heading = t.get("assigned_at")
        quote = f"{heading['quote']} … {t['quote']}" if heading else t["quote"]
        for role, rel in ROLE_TYPES.items():
            for name in t[role]:
                assigned.add(row["uid"], name, rel, quote)
    targets = [_target_row(g, uid, source) for g in extraction["targets"]]
    for g, row in zip(extraction["targets"], targets):
        for role in ("lead", "monitor"):
            for name in g[role]:
                assigned.add(row["uid"], name, ROLE_TYPES[role], g["quote"])
    _lead_columns(tasks, assigned)  # after every agency row: the names the Agency nodes get
    # How many of its tasks have a lead: the store's count of led tasks sums these (one number per document)
    # instead of a distinct count over every task's assignments.
    document = {**_document_row(doc, uid, source), "led_tasks": sum(1 for row in tasks if row["leads"])}
    return {"document": document, "cited": list(cited.values()), "citations": citations,
            "links": _link_rows(extraction, uid_of_symbol, source), "tasks": tasks, "targets": targets,
            "agencies": list(assigned.agencies.values()), "assignments": assigned.edges}
