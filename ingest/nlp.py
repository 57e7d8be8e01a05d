"""A spaCy pipeline for Vietnamese policy text: agencies, document symbols and dates as entities.

``spacy.blank("vi")`` with pyvi switched off (pyvi is unmaintained since 2021 and its word
segmentation adds nothing to matching fixed names), and spaCy's rule-based tokenizer with the
default punctuation rules, so "Sở Y tế," ends in the token "tế" and a name matches before a comma.
An EntityRuler holds one phrase pattern per name and variant of ``data/agencies.yaml`` (pattern
id = the official name); a small component adds document symbols and dates with the same regular
expressions the extractor uses. The review page highlights what this pipeline finds.

Patterns match case-insensitively, but a mention must start with a capital or with "các": a
lower-case "doanh nghiệp" or "sở y tế" (in "cơ sở y tế", a clinic) in running text is a word,
while "Hợp tác xã" in a partners cell is a body.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

import spacy
from policykg.ingest import agencies, dates
from policykg.ingest.identity import SYMBOL
from policykg.ingest.spans import Collapsed
from policykg.ingest.text import new_style_tones
from spacy.lang.punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, filter_spans

AGENCY, SYMBOL_LABEL, DATE = "AGENCY", "SYMBOL", "DATE"


@dataclass(frozen=True)
class Mention:
    """An entity found in a file's text: offsets into that text, label, official name for agencies."""

    start: int
    end: int
    label: str
    name: str


def _capitalised(span: Span) -> bool:
    """A name ("Sở Khoa học và công nghệ") or a group ("các sở, ngành"), not a common noun."""
    return span.text[:1].isupper() or span.text.lower().startswith("các ")


@Language.component("policy_entities")
def _policy_entities(doc: Doc) -> Doc:
    """Keep agency matches that are names, add document symbols and dates."""
    found: list[Span] = [ent for ent in doc.ents if ent.label_ != AGENCY or _capitalised(ent)]
    for label, patterns in ((SYMBOL_LABEL, (SYMBOL,)), (DATE, dates.MENTIONS)):
        for pattern in patterns:
            for m in pattern.finditer(doc.text):
                span = doc.char_span(m.start(), m.end(), label=label, alignment_mode="expand")
                if span is not None:
                    found.append(span)
    doc.ents = filter_spans(found)
    return doc


def _tokenizer(nlp: Language) -> Tokenizer:
    return Tokenizer(
        nlp.vocab,
        prefix_search=compile_prefix_regex(TOKENIZER_PREFIXES).search,
        suffix_search=compile_suffix_regex(TOKENIZER_SUFFIXES).search,
        infix_finditer=compile_infix_regex(TOKENIZER_INFIXES).finditer,
    )


def pipeline(extra_names: Iterable[str] = ()) -> Language:
    """A fresh pipeline; ``extra_names`` adds bodies not in the lexicon (unlisted ones a document names)."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.tokenizer = _tokenizer(nlp)
    ruler = cast(EntityRuler, nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"}))
    patterns: list[dict[str, Any]] = [
        {"label": AGENCY, "pattern": new_style_tones(written), "id": name}
        for _, name, _, written in agencies.lexicon().variants
    ]
    patterns += [{"label": AGENCY, "pattern": new_style_tones(name), "id": name} for name in extra_names]
    ruler.add_patterns(patterns)
    nlp.add_pipe("policy_entities")
    return nlp


def mentions(nlp: Language, text: str) -> list[Mention]:
    """Entities of a file's text, with offsets into that text.

    The pipeline reads a copy with whitespace runs collapsed and 'Uỷ' written 'Ủy', so a name
    wrapped over two lines still matches; offsets are mapped back to the original text.
    """
    flat = Collapsed(text)
    doc = nlp(new_style_tones(flat.text))
    return [
        Mention(flat.original(ent.start_char), flat.original(ent.end_char - 1) + 1, ent.label_, ent.ent_id_ or ent.text)
        for ent in doc.ents
    ]
