"""Is every stored document whole? The facts a complete load of each file holds (its parts and
assignments), compared with what the store holds: used by the crash test and benchmark."""

from __future__ import annotations

from pathlib import Path

from policykg.graph.model import rows
from policykg.graph.stores import Store


def expected_facts(files: list[Path]) -> dict[str, list[set[str]]]:
    """For each document uid, the facts of each file that produces it: part uids and
    ``task>TYPE>agency`` assignments."""
    from policykg.ingest.errors import IngestError
    from policykg.ingest.extract import extract_file

    out: dict[str, list[set[str]]] = {}
    for path in files:
        try:
            r = rows(extract_file(path), path.name)
        except IngestError:
            continue
        facts = {t["uid"] for t in r["tasks"] + r["targets"]}
        facts |= {f"{a['task']}>{a['type']}>{a['agency']}" for a in r["assignments"]}
        out.setdefault(r["document"]["uid"], []).append(facts)
    return out


def stored_facts(store: Store) -> dict[str, set[str]]:
    """The same facts for every loaded (not stub) document in the store."""
    held: dict[str, set[str]] = {}
    for row in store.read("MATCH (d:Document) WHERE d.stub = false RETURN d.uid AS d"):
        held[row["d"]] = set()
    for row in store.read("MATCH (x)-[:PART_OF]->(d:Document) RETURN d.uid AS d, x.uid AS f"):
        held.setdefault(row["d"], set()).add(row["f"])
    for row in store.read("MATCH (x)-[:PART_OF]->(d:Document) MATCH (x)-[r]->(a:Agency) "
                          "RETURN d.uid AS d, x.uid + '>' + type(r) + '>' + a.uid AS f"):
        held.setdefault(row["d"], set()).add(row["f"])
    return held


def partial_documents(store: Store, expected: dict[str, list[set[str]]]) -> list[str]:
    """Stored documents that are not exactly a complete load of one of their files, and loaded
    documents no file is recorded as producing."""
    partial = [uid for uid, facts in stored_facts(store).items() if facts not in expected.get(uid, [])]
    unproduced = store.read("MATCH (d:Document) WHERE d.stub = false AND NOT (d)<-[:PRODUCED]-(:Source) "
                            "RETURN d.uid AS d")
    return partial + [f"{row['d']} (no Source)" for row in unproduced]
