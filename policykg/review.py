"""`policykg review`: one HTML page to check an extraction at a glance.

Left, the file's text with every agency (coloured by its role in the task around it),
document symbol and date highlighted by displaCy; right, the document fields, citations
and the table of tasks and targets (type, path, text, agencies as chips by role, when, product,
funding; long values wrap), each linking to the paragraph it came from.
Every piece of document text is HTML-escaped (displaCy escapes the text it renders;
this module escapes everything else); the page carries no script.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from spacy import displacy

from policykg.ingest import nlp
from policykg.ingest.extract import extract_text
from policykg.ingest.read import read_text

LEAD, PARTNER, MONITOR = "LEAD", "PARTNER", "MONITOR"
COLORS = {
    LEAD: "#ff9561", PARTNER: "#7aecec", MONITOR: "#c887fb", nlp.AGENCY: "#dddddd",
    nlp.SYMBOL_LABEL: "#feca74", nlp.DATE: "#bfe1d9",
}
LEGEND = {
    LEAD: "lead (chủ trì) of the task or target around it",
    PARTNER: "partner (phối hợp)",
    MONITOR: "follows up (theo dõi, tổng hợp)",
    nlp.AGENCY: "agency with no role in the task around it",
    nlp.SYMBOL_LABEL: "document symbol (citation)",
    nlp.DATE: "date",
}
_BLANK_LINES = re.compile(r"\n[ \t]*\n")


def _e(value: Any) -> str:
    if value is None or value == [] or value == "":
        return '<span class="unknown" title="not stated in the text">–</span>'
    if isinstance(value, list):
        return "<br>".join(html.escape(str(v)) for v in value)
    return html.escape(str(value))


def _holds(span: dict[str, int] | None, offset: int) -> bool:
    return span is not None and span["start"] <= offset < span["end"]


def _role(mention: nlp.Mention, units: list[dict[str, Any]]) -> str:
    """The role of an agency mention in the smallest task or target whose text holds it,
    or in the tasks whose agency heading or lead-in sentence holds it."""
    holders = [u for u in units if _holds(u["span"], mention.start)]
    if holders:
        holders = [min(holders, key=lambda u: u["span"]["end"] - u["span"]["start"])]
    else:
        holders = [u for u in units if _holds(u.get("assigned_at"), mention.start)]
    for role, key in ((LEAD, "lead"), (PARTNER, "coordinators"), (MONITOR, "monitor")):
        if any(mention.name in u.get(key, []) for u in holders):
            return role
    return nlp.AGENCY


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph blocks (split at blank lines) as (start, end) offsets."""
    out, pos = [], 0
    for m in _BLANK_LINES.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _source_html(text: str, ents: list[dict[str, Any]]) -> tuple[str, list[int]]:
    """The highlighted text, one displaCy block per paragraph, each anchored by its first line."""
    parts: list[str] = []
    block_lines: list[int] = []
    ents = sorted(ents, key=lambda e: e["start"])
    first = 0
    for start, end in _blocks(text):
        line = text.count("\n", 0, start) + 1
        block_lines.append(line)
        inside = []
        while first < len(ents) and ents[first]["start"] < start:
            first += 1
        i = first
        while i < len(ents) and ents[i]["start"] < end:
            if ents[i]["end"] <= end:
                inside.append({**ents[i], "start": ents[i]["start"] - start, "end": ents[i]["end"] - start})
            i += 1
        rendered = displacy.render({"text": text[start:end], "ents": inside, "title": None}, style="ent",
                                   manual=True, page=False, options={"colors": COLORS})
        parts.append(f'<div class="block" id="L{line}"><a class="ln" href="#L{line}">{line}</a>{rendered}</div>')
    return "\n".join(parts), block_lines


def _chips(names: list[str] | None, role: str) -> str:
    """Agencies as separate chips, coloured by role."""
    if not names:
        return _e(None)
    return "".join(f'<span class="chip {role}">{html.escape(name)}</span>' for name in names)


def _units_rows(units: list[dict[str, Any]], block_lines: list[int]) -> str:
    rows = []
    for u in units:
        line = u["span"]["line"]
        anchor = block_lines[max(0, bisect.bisect_right(block_lines, line) - 1)] if block_lines else line
        when = u.get("deadline") or u.get("timeframe") or (u.get("year") and f"by {u['year']}")
        rows.append(
            f'<tr class="{u["kind"]}"><td class="type">{u["kind"]}</td>'
            f'<td><a href="#L{anchor}">{_e(u["path"])}</a><br><small>line {line}</small>'
            f'{"<br><small>also " + _e(u.get("also_at")) + "</small>" if u.get("also_at") else ""}</td>'
            f'<td class="text">{_e(u["text_start"])}</td>'
            f'<td>{_chips(u.get("lead"), "lead")}</td><td>{_chips(u.get("coordinators"), "partner")}</td>'
            f'<td>{_chips(u.get("monitor"), "monitor")}</td><td>{_e(when)}</td>'
            f"<td>{_e(u.get('product') or u.get('value'))}</td><td>{_e(u.get('funding'))}</td>"
            "</tr>"
        )
    return "\n".join(rows)


_CSS = """
body { font-family: system-ui, sans-serif; margin: 0; color: #222; }
header { padding: 0.6rem 1rem; border-bottom: 1px solid #ccc; }
header h1 { font-size: 1.2rem; margin: 0 0 0.3rem; }
.legend span.key { display: inline-block; padding: 0.1rem 0.5rem; margin-right: 0.4rem; border-radius: 0.3rem; }
main { display: flex; height: calc(100vh - 7.5rem); }
#source { flex: 1 1 45%; overflow-y: auto; padding: 0 1rem; border-right: 1px solid #ccc; font-size: 0.9rem; }
#found { flex: 1 1 55%; overflow-y: auto; padding: 0 1rem; font-size: 0.85rem; }
.block { position: relative; padding-left: 3rem; }
.block .entities { line-height: 2.2 !important; }
.ln { position: absolute; left: 0; top: 0.6rem; color: #999; font-size: 0.75rem; text-decoration: none; }
.block:target { background: #fff8d6; }
table { border-collapse: collapse; width: 100%; }
table.units { table-layout: fixed; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.4rem; vertical-align: top; text-align: left; }
table.units td, table.units th { overflow-wrap: anywhere; hyphens: auto; }
th { background: #f4f4f4; position: sticky; top: 0; }
td.type { color: #555; font-size: 0.7rem; text-transform: uppercase; overflow-wrap: normal; }
tr.target td.type { color: #8a6d00; }
.chip { display: inline-block; margin: 0 0.2rem 0.2rem 0; padding: 0.05rem 0.4rem; border-radius: 0.7rem;
        line-height: 1.3; }
.chip.lead { background: #ffd9c4; } .chip.partner { background: #c9f3f3; } .chip.monitor { background: #ead6fd; }
.unknown { color: #aaa; }
.warn { color: #a40; }
"""


def _document_rows(result: Mapping[str, Any]) -> tuple[str, str, str]:
    """HTML rows of the document's header, of its citations, and the items of its links."""
    doc = result["document"]
    doc_rows = "".join(f"<tr><th>{k}</th><td>{_e(doc.get(k))}</td></tr>"
                       for k in ("symbol", "doc_type", "title", "issuer", "province", "issued_date", "signer"))
    ref_rows = "".join(
        f"<tr><td>{_e(r['symbol'])}</td><td>{_e(r['relation'])}</td><td>{_e(r['doc_type'])}</td>"
        f"<td>{_e(r['issued_date'])}</td><td>{_e(r['issuer'])}</td><td>{r['spans'][0]['line']}</td></tr>"
        for r in result["references"]
    )
    link_rows = "".join(f"<li>{_e(lk['from'])} {_e(lk['relation'])} {_e(lk['to'])}</li>" for lk in result["links"])
    return doc_rows, ref_rows, link_rows


def render(path: Path) -> str:
    """The review page of one file (raises IngestError like ``extract``)."""
    text = read_text(path)
    result = extract_text(text, str(path))
    units: list[dict[str, Any]] = sorted([*({**u, "kind": "task"} for u in result["tasks"]),
                    *({**u, "kind": "target"} for u in result["targets"])], key=lambda u: u["span"]["start"])
    unlisted = [a["name"] for a in result["agencies"] if not a["listed"]]
    found = nlp.mentions(nlp.pipeline(unlisted), text)
    ents = [
        {"start": m.start, "end": m.end, "label": _role(m, units) if m.label == nlp.AGENCY else m.label}
        for m in found
    ]
    source, block_lines = _source_html(text, ents)
    highlighted = {m.name for m in found if m.label == nlp.AGENCY}
    missing = [a["name"] for a in result["agencies"] if a["name"] not in highlighted]
    doc_rows, ref_rows, link_rows = _document_rows(result)
    legend = "".join(f'<span class="key" style="background:{COLORS[k]}">{k}</span>{html.escape(v)}&nbsp; '
                     for k, v in LEGEND.items())
    warnings = "".join(f'<li class="warn">{_e(w)}</li>' for w in result["warnings"])
    counts = (f"{len(result['tasks'])} tasks, {len(result['targets'])} targets, "
              f"{len(result['references'])} citations, {len(result['agencies'])} agencies "
              f"({len(unlisted)} not in the agency file)")
    not_highlighted = (f"<p>Extracted but not highlighted (named only by a common noun): {_e(missing)}</p>"
                       if missing else "")
    th = "".join(f'<th style="width:{w}">{h}</th>' for h, w in (
        ("Type", "7%"), ("Path", "9%"), ("Text starts", "25%"), ("Lead", "14%"), ("Partners", "15%"),
        ("Monitor", "10%"), ("When", "8%"), ("Product / value", "7%"), ("Funding", "5%")))
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>policykg review: {_e(path.name)}</title>
<style>{_CSS}</style></head>
<body>
<header><h1>policykg review: {_e(path.name)}</h1>
<div class="counts">{counts}</div>
<div class="legend">{legend}</div></header>
<main>
<section id="source">{source}</section>
<section id="found">
<h2>Document</h2><table>{doc_rows}</table>
<ul>{warnings}</ul>
<h2>Citations</h2><table><tr><th>Symbol</th><th>Relation</th><th>Type</th><th>Date</th><th>Issuer</th>
<th>Line</th></tr>{ref_rows}</table>
<ul>{link_rows}</ul>
<h2>Tasks and targets</h2>{not_highlighted}
<table class="units"><tr>{th}</tr>
{_units_rows(units, block_lines)}
</table>
</section>
</main>
</body></html>
"""


def write(path: Path, out: Path) -> Path:
    out.write_text(render(path), encoding="utf-8")
    return out
