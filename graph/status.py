"""Task status kept by users, apart from extracted facts.

A report is ``(:StatusReport {uid, task, status, on, note, at, current})-[:REPORTS_ON]->(:Task)``.
Loading never touches these nodes: a re-ingest that keeps a task keeps its link, and one that
re-creates it (same uid) gets the link back from ``relink``, since the report keeps the task's uid.
The latest recorded report of a task is its ``current`` one; older ones stay as history.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from policykg.graph.search_index import fold
from policykg.graph.stores import Store

STATUSES = ("done", "in-progress", "not-started")
# Words a department's own spreadsheet uses for a status (folded), in the order they are tried.
_STATUS_WORDS = (
    ("not-started", ("not started", "not-started", "chua thuc hien", "chua trien khai", "chua bat dau")),
    ("in-progress", ("in progress", "in-progress", "dang thuc hien", "dang trien khai", "chua hoan thanh")),
    ("done", ("done", "da hoan thanh", "hoan thanh", "xong")),
)
# Column names a spreadsheet may use (folded) for each field.
_COLUMNS = {
    "task": ("task", "uid", "task uid", "ma nhiem vu"),
    "text": ("text", "nhiem vu", "noi dung", "noi dung nhiem vu", "ten nhiem vu"),
    "status": ("status", "tinh trang", "trang thai", "ket qua"),
    "on": ("on", "date", "ngay", "ngay hoan thanh", "ngay cap nhat", "thoi diem"),
    "note": ("note", "ghi chu"),
}

_TASK = "MATCH (t:Task {uid: $uid}) RETURN t.uid AS uid"
_RECORD = """
MATCH (t:Task {uid: $row.task})
OPTIONAL MATCH (old:StatusReport {task: $row.task})
SET old.current = false
WITH DISTINCT t
CREATE (s:StatusReport {uid: $row.uid, task: $row.task, status: $row.status, on: $row.on, note: $row.note,
                        at: $row.at, current: true})
CREATE (s)-[:REPORTS_ON]->(t)
"""
_RELINK = """
MATCH (s:StatusReport)
WHERE NOT (s)-[:REPORTS_ON]->(:Task)
MATCH (t:Task {uid: s.task})
MERGE (s)-[:REPORTS_ON]->(t)
"""


class StatusError(ValueError):
    """A status, date or spreadsheet row that cannot be recorded (the message says which and why)."""


def status_value(text: str) -> str:
    """'done', 'in-progress' or 'not-started' from English or Vietnamese wording."""
    folded = " ".join(fold(text).replace("_", " ").split())
    for status, spellings in _STATUS_WORDS:
        if any(folded == s or folded.startswith(s + " ") for s in spellings):
            return status
    raise StatusError(f"'{text}' is not a status: use done, in-progress or not-started")


def date_value(text: str | None) -> str:
    """An ISO date from 2026-05-01, 1/5/2026 or 01/05/2026 (today when empty)."""
    if not text or not text.strip():
        return dt.date.today().isoformat()
    text = text.strip()
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise StatusError(f"'{text}' is not a date (use 2026-05-01 or 1/5/2026)") from None


def record(store: Store, task_uid: str, status: str, on: str | None = None, note: str | None = None) -> dict[str, Any]:
    """Record a task's status; the report becomes the task's current one."""
    if not store.read(_TASK, {"uid": task_uid}):
        raise StatusError(f"no task has uid '{task_uid}'")
    at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    row = {"uid": f"{task_uid}@{at}", "task": task_uid, "status": status_value(status), "on": date_value(on),
           "note": note, "at": at}
    store.write(_RECORD, {"row": row})
    return row


def relink(store: Store) -> None:
    """Link reports whose task was re-created by a re-ingest (same uid) back to it."""
    store.write(_RELINK)


def _header_map(header: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for column in header:
        key = " ".join(fold(column).split())
        field = next((f for f, names in _COLUMNS.items() if key in names), None)
        if field and field not in out.values():
            out[column] = field
    return out


def read_csv(path: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows of a department's spreadsheet (CSV, comma or semicolon) as {task|text, status, on, note};
    rows that cannot be read get one line each naming the file, the line and the reason."""
    text = path.read_text("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
    reader = csv.DictReader(text.splitlines(), dialect=dialect)
    columns = _header_map(reader.fieldnames or [])
    if "status" not in columns.values() or not {"task", "text"} & set(columns.values()):
        return [], [f"{path}: needs a status column and a task uid or task text column"]
    rows, errors = [], []
    for line, raw in enumerate(reader, start=2):
        row = {field: (raw.get(column) or "").strip() for column, field in columns.items()}
        try:
            row["status"] = status_value(row["status"])
            row["on"] = date_value(row.get("on"))
        except StatusError as exc:
            errors.append(f"{path}:{line}: {exc}")
            continue
        rows.append(row | {"line": line})
    return rows, errors
