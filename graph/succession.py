"""Agency succession: who took over a body's work after the 2025 restructuring.

Facts come from versioned data files (``graph/data/succession-2025.yaml`` shipped; a user's own
files in the same format, passed to ``apply`` or listed in ``POLICYKG_SUCCESSION``). They become
``(:Agency)-[:SUCCEEDED_BY {effective, basis, source, scope, keywords, default, version, file, quote}]
->(:Agency)`` edges between the agencies the graph holds and their successors (created when
missing). Rules, in order, for each stored agency:

1. a department or ministry fact naming it (by its stored name, at its level) gives its successors;
2. else, when its province merged into another on 1 July 2025, the body of the same name there
   (a name that carries the old province's name takes the new one's);
successors go through the same rules, so Sở Kế hoạch và Đầu tư of Yên Bái → Sở Tài chính of
Yên Bái → Sở Tài chính of Lào Cai.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from policykg.graph.model import agency_uid
from policykg.graph.search_index import fold
from policykg.graph.stores import Store
from policykg.ingest.vocabulary import safe_loader

SHIPPED = "succession-2025.yaml"


@dataclass(frozen=True)
class Agency:
    uid: str
    name: str
    province: str | None


def _read(text: str, file: str) -> dict[str, Any]:
    data = yaml.load(text, Loader=safe_loader()) or {}
    version = str(data.get("version", "?"))
    facts = [{**f, "version": version, "file": file} for f in data.get("facts", [])]
    return {"version": version, "facts": facts, "provinces": data.get("provinces") or {}}


@cache
def shipped() -> dict[str, Any]:
    text = resources.files("policykg.graph.data").joinpath(SHIPPED).read_text("utf-8")
    return _read(text, SHIPPED)


def user_files() -> list[Path]:
    return [Path(p) for p in os.environ.get("POLICYKG_SUCCESSION", "").split(os.pathsep) if p]


def load_files(paths: list[Path]) -> list[dict[str, Any]]:
    """Facts of the shipped file and of ``paths`` (a user's own files)."""
    facts = list(shipped()["facts"])
    for path in paths:
        facts += _read(path.read_text("utf-8"), path.name)["facts"]
    return facts


@cache
def province_of_2025() -> dict[str, str]:
    """Every province name (before or after 1 July 2025) -> the province it is part of now."""
    data = shipped()["provinces"]
    out = {name: name for name in data.get("unchanged", [])}
    for new, former in data.get("merged", {}).items():
        out.update({old: new for old in former})
    out.update(data.get("renamed", {}))
    return out


def provinces_2025() -> list[dict[str, Any]]:
    """The 34 provinces from 1 July 2025, each with every name its territory had."""
    data = shipped()["provinces"]
    renamed = {new: old for old, new in data.get("renamed", {}).items()}
    rows = [{"name": n, "names": [n] + ([renamed[n]] if n in renamed else [])} for n in data["unchanged"]]
    rows += [{"name": new, "names": list(former)} for new, former in data["merged"].items()]
    return sorted(rows, key=lambda r: fold(r["name"]))


def _fact_rule(agency: Agency, facts: list[dict[str, Any]]) -> list[tuple[Agency, dict[str, Any]]]:
    """Rule 1: the facts naming this body at its level."""
    central = agency.uid.endswith("|VN")
    out = []
    for fact in facts:
        if fact["from"] != agency.name or (fact["level"] == "central") != central:
            continue
        province = None if central else agency.province
        out.append((Agency(agency_uid(fact["to"], province), fact["to"], province), fact))
    return out


def _province_rule(agency: Agency) -> list[tuple[Agency, dict[str, Any]]]:
    """Rule 2: a body of a province merged into another passes to the same body there."""
    data = shipped()["provinces"]
    mapping = {old: new for old, new in province_of_2025().items()
               if old != new and old not in data.get("renamed", {})}
    old = agency.province or next((p for p in mapping if agency.name.endswith(" " + p)), None)
    if old not in mapping:
        return []
    new = mapping[old]
    name = agency.name[: -len(old)] + new if agency.name.endswith(" " + old) else agency.name
    province = new if agency.province else None
    fact = {k: data[k] for k in ("basis", "source", "effective")}
    fact |= {"scope": f"{old} merged into {new}", "version": shipped()["version"], "file": SHIPPED}
    return [(Agency(agency_uid(name, province), name, province), fact)]


def successors(agency: Agency, facts: list[dict[str, Any]]) -> list[tuple[Agency, dict[str, Any]]]:
    return _fact_rule(agency, facts) or _province_rule(agency)


def edges(agencies: list[Agency], facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """SUCCEEDED_BY rows for these agencies and, transitively, their successors."""
    rows: dict[str, dict[str, Any]] = {}
    todo, seen = list(agencies), {a.uid for a in agencies}
    while todo:
        agency = todo.pop()
        for target, fact in successors(agency, facts):
            rows[f"{agency.uid}>{target.uid}"] = _row(agency, target, fact)
            if target.uid not in seen:
                seen.add(target.uid)
                todo.append(target)
    return sorted(rows.values(), key=lambda r: (r["from"], r["to"]))


def _row(agency: Agency, target: Agency, fact: dict[str, Any]) -> dict[str, Any]:
    keywords = [" " + " ".join(fold(k).split()) + " " for k in fact.get("keywords", [])]
    return {
        "from": agency.uid, "to": target.uid, "to_name": target.name, "to_province": target.province,
        "effective": str(fact["effective"]), "basis": fact["basis"], "source": fact["source"],
        "scope": fact.get("scope") or "every function", "keywords": keywords,
        "default": bool(fact.get("default", False)), "version": fact["version"], "file": fact["file"],
        "quote": f"{agency.name} → {target.name} ({fact.get('scope') or 'every function'}): {fact['basis']}",
    }


# Agencies some task or target names; the others exist only as successors (or are left over).
_AGENCIES = """
MATCH (a:Agency)
WHERE (a)<-[:ASSIGNED_TO|COORDINATES_WITH|MONITORED_BY]-()
RETURN a.uid AS uid, a.name AS name, a.province AS province
"""
_CLEAR = "MATCH (:Agency)-[r:SUCCEEDED_BY]->(:Agency) WHERE r.file IN $files DELETE r"
_WRITE = """
UNWIND $rows AS row
MATCH (a:Agency {uid: row.from})
MERGE (b:Agency {uid: row.to})
ON CREATE SET b.name = row.to_name, b.province = row.to_province, b.kind = a.kind, b.listed = true
MERGE (a)-[r:SUCCEEDED_BY]->(b)
SET r.effective = row.effective, r.basis = row.basis, r.source = row.source, r.scope = row.scope,
    r.keywords = row.keywords, r.default = row.default, r.version = row.version, r.file = row.file,
    r.quote = row.quote
"""
# An agency no task names and no succession reaches (its search-index edges do not keep it).
_ORPHANS = """
MATCH (a:Agency)
WHERE NOT (a)-[:ASSIGNED_TO|COORDINATES_WITH|MONITORED_BY|SUCCEEDED_BY]-()
DETACH DELETE a
"""


def apply(store: Store, paths: list[Path] | None = None) -> int:
    """(Re)write the succession edges of the agencies tasks name, and drop agencies left with no role
    and no succession (one transaction on Neo4j); returns how many edges the files give."""
    paths = user_files() + list(paths or [])
    facts = load_files(paths)
    agencies = [Agency(r["uid"], r["name"], r["province"]) for r in store.read(_AGENCIES)]
    rows = edges(agencies, facts)
    files = [SHIPPED, *(p.name for p in paths)]
    store.write_many([(_CLEAR, {"files": files}), (_WRITE, {"rows": rows}), (_ORPHANS, {})])
    return len(rows)
