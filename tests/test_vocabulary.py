"""The vocabulary and agency files hold data a reader can trust: every pattern compiles, no name is a
fragment of a longer one, no wording means two bodies, no word two groups, no column title two roles."""

from __future__ import annotations

import re
from collections import defaultdict
from importlib import resources

import pytest
import yaml


def _load(name: str) -> dict:
    return yaml.safe_load(resources.files("policykg.ingest.data").joinpath(name).read_text("utf-8"))


VOCABULARY = _load("vocabulary.yaml")
AGENCIES = _load("agencies.yaml")
_PATTERN_LISTS = ("period_phrases", "monitor_phrases", "closing_formulas", "recipient_openers", "speaker_phrases",
                  "action_verbs")


@pytest.mark.parametrize("name", _PATTERN_LISTS)
def test_every_pattern_compiles_and_matches_no_empty_text(name):
    for pattern in VOCABULARY[name]:
        compiled = re.compile(pattern, re.IGNORECASE)
        assert not compiled.fullmatch(""), (name, pattern)


def test_furniture_blocks_compile():
    for block in VOCABULARY["furniture"]:
        re.compile(block["start"])
        re.compile(block["end"])
        assert block["start"], block["name"]


def _agency_entries():
    for section in ("specific", "central", "collective"):
        for entry in AGENCIES.get(section, []):
            for variant in [entry["name"], *entry.get("variants", [])]:
                yield section, entry, variant


def test_no_wording_names_two_bodies():
    names: dict[str, set[str]] = defaultdict(set)
    for _, entry, variant in _agency_entries():
        names[" ".join(variant.lower().split())].add(entry["name"])
    assert {v: n for v, n in names.items() if len(n) > 1} == {}


def test_no_agency_name_is_a_fragment():
    """A one-word name is an abbreviation or a brand (capitalised), never a piece of a longer name that a
    YAML flow list split at a comma ("truyền thông", "cao đẳng")."""
    for section, _entry, variant in _agency_entries():
        words = variant.split()
        if len(words) == 1:
            assert variant[:1].isupper(), (section, variant)
        assert not variant.startswith((",", " ")) and not variant.endswith(","), (section, variant)


def test_no_group_noun_belongs_to_two_groups():
    seen: dict[str, str] = {}
    for entry in AGENCIES["collective_words"]:
        for word in entry["words"]:
            key = (word.lower(), entry.get("central", entry["name"]))
            assert seen.setdefault(key[0], entry["name"] + "|" + key[1]) == entry["name"] + "|" + key[1], word


def test_no_column_title_has_two_roles_and_every_role_is_known():
    roles = {"stt", "text", "lead", "coordinators", "agencies", "monitor", "time", "product", "funding", "value",
             "note", "group"}
    titles: dict[str, str] = {}
    for title, role in VOCABULARY["table_columns"].items():
        assert titles.setdefault(title.lower(), role) == role, title
        assert role in roles, (title, role)


def test_section_titles_are_whole_words_in_upper_case():
    for kind, titles in VOCABULARY["sections"].items():
        for title in titles:
            assert title.isupper() and len(title) > 3, (kind, title)
