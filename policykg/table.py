"""Rows on the screen or in a file: terminal-width tables, JSON, and CSV with one value per cell.

Tables fit the terminal: uids (any column whose name ends in ``uid``) and numbers keep their full
width, the other columns share what is left and wrap onto up to three lines, the last ending in "…"
when a value is longer still. ``--wide`` prints every value whole on one line. JSON and CSV always
carry every value whole; in CSV a list becomes its items joined by "; " and nested records are
flattened by the command before they get here.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from typing import Any

import click

MIN_WIDTH = 8
MAX_LINES = 3
GAP = "  "


def cell(value: Any) -> str:
    """One value as text: '-' for null, lists joined by '; ', whitespace collapsed."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return " ".join(str(value).split())


def _fixed(column: str, values: list[str]) -> bool:
    """Columns never cut: uids and short values (numbers, codes, dates, outline paths)."""
    return column.endswith("uid") or all(len(v) <= 16 for v in values)


def _detached(columns: list[str], cells: list[list[str]], total: int) -> list[int]:
    """Uid columns too wide to share a line with the rest (over a third of the width): printed
    whole on a line of their own under each row, where they can be copied."""
    return [i for i, c in enumerate(columns) if c.endswith("uid") and max(len(r[i]) for r in cells) > total // 3]


def widths(columns: list[str], cells: list[list[str]], total: int) -> list[int]:
    """Column widths that fit ``total`` characters when they can (fixed columns keep their width)."""
    natural = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    fixed = [_fixed(c, [r[i] for r in cells]) for i, c in enumerate(columns)]
    free = total - len(GAP) * (len(columns) - 1) - sum(w for w, f in zip(natural, fixed) if f)
    flexible = [i for i, f in enumerate(fixed) if not f]
    out = list(natural)
    # Give each flexible column its natural width when it is below a fair share, the rest share evenly.
    remaining = sorted(flexible, key=lambda i: natural[i])
    while remaining:
        share = max(MIN_WIDTH, free // len(remaining))
        i = remaining.pop(0)
        out[i] = max(min(natural[i], share), min(MIN_WIDTH, natural[i]), min(len(columns[i]), share))
        free -= out[i]
    return out


def _lines(text: str, width: int, wrap: bool) -> list[str]:
    if len(text) <= width:
        return [text]
    if not wrap:
        return [text[: width - 1] + "…"]
    lines = textwrap.wrap(text, width, break_long_words=True) or [""]
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1][: width - 1] + "…"
    return lines


def render(rows: list[dict[str, Any]], columns: list[str] | None = None, wide: bool = False,
           width: int | None = None) -> str:
    columns = columns or list(rows[0])
    total = width or shutil.get_terminal_size((100, 24)).columns
    cells = [[cell(row.get(c)) for c in columns] for row in rows]
    detached = [] if wide else _detached(columns, cells, total)
    inline = [i for i in range(len(columns)) if i not in detached]
    names = [columns[i] for i in inline]
    body = [[r[i] for i in inline] for r in cells]
    if wide:
        sizes = [max(len(c), *(len(r[i]) for r in body)) for i, c in enumerate(names)]
    else:
        sizes = widths(names, body, total)
    out = [GAP.join(c[:w].ljust(w) for c, w in zip(names, sizes)).rstrip()]
    out += [f"{'':4}↳ {', '.join(columns[i] for i in detached)}"] if detached else []
    for r, full in zip(body, cells):
        wrapped = [_lines(v, w, True) for v, w in zip(r, sizes)]
        for n in range(max(len(x) for x in wrapped)):
            out.append(GAP.join((x[n] if n < len(x) else "").ljust(w) for x, w in zip(wrapped, sizes)).rstrip())
        out += [f"{'':4}↳ {full[i]}" for i in detached]
    return "\n".join(out)


def to_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else cell(v) for k, v in row.items()})
    return out.getvalue()


def emit(rows: list[dict[str, Any]], fmt: str, columns: list[str] | None = None, wide: bool = False) -> None:
    """Print rows as a table (``columns`` only), JSON or CSV (every column)."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
    elif not rows:
        click.echo("(no rows)" if fmt == "table" else "", err=fmt == "table")
    elif fmt == "csv":
        click.echo(to_csv(rows), nl=False)
    else:
        click.echo(render(rows, [c for c in (columns or list(rows[0])) if c in rows[0]], wide))
