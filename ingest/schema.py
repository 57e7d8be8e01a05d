"""The extraction's output, typed: the gold format of ``../shared/gold/SCHEMA.md`` plus provenance
(``span``, ``quote``), the agencies' ``listed`` flag and the document's ``warnings``. Written by
ingest/extract.py; read by graph/model.py (the store's rows), policykg/review.py (the review page)
and ingest/evaluate.py (the scoring)."""

from __future__ import annotations

from typing import TypedDict


class Span(TypedDict):
    start: int  # character offsets into the normalised text (ingest/read.py)
    end: int
    line: int  # 1-based lines of the text as given
    end_line: int


class Document(TypedDict):
    symbol: str | None
    doc_type: str | None
    title: str | None
    issuer: str | None
    province: str | None
    issued_date: str | None  # ISO date, or YYYY-MM / YYYY when only that much is printed
    signer: str | None


class Reference(TypedDict):
    symbol: str
    doc_type: str | None
    issued_date: str | None
    issuer: str | None
    relation: str  # implements | based_on | proposed_by | mentions
    spans: list[Span]
    quote: str


class Link(TypedDict):
    # "from" is a keyword: links are written and read as plain dicts with the keys from, relation, to
    relation: str
    to: str
    span: Span
    quote: str


class Assigned(TypedDict, total=False):
    start: int
    end: int
    line: int
    end_line: int
    quote: str


class Task(TypedDict):
    path: str
    text_start: str
    lead: list[str]
    coordinators: list[str]
    monitor: list[str]
    deadline: str | None
    timeframe: str | None
    product: str | None
    funding: str | None
    also_at: list[str]
    text: str
    span: Span
    quote: str
    assigned_at: Assigned | None  # the heading or lead-in the agencies were read from, when apart


class Target(TypedDict):
    path: str
    text_start: str
    value: str | None
    year: int | None
    lead: list[str]
    monitor: list[str]
    text: str
    span: Span
    quote: str


class Agency(TypedDict):
    name: str
    kind: str  # specific | collective
    listed: bool  # in the shipped agency list (else found from a name pattern)


class Extraction(TypedDict):
    source: str
    document: Document
    references: list[Reference]
    links: list[dict[str, object]]  # Link, with its "from" key
    tasks: list[Task]
    targets: list[Target]
    agencies: list[Agency]
    warnings: list[str]
