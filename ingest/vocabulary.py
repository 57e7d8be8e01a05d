"""The vocabulary of ``data/vocabulary.yaml``: section titles and the words that decide line joins."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def data_file(name: str) -> dict[str, Any]:
    """A YAML file of ``ingest/data`` (``vocabulary.yaml``, ``agencies.yaml``), read once."""
    text = resources.files("policykg.ingest.data").joinpath(name).read_text("utf-8")
    loaded: dict[str, Any] = yaml.load(text, Loader=safe_loader())
    return loaded


def safe_loader() -> type[yaml.SafeLoader]:
    """PyYAML's safe loader in C when libyaml is there: the pure-Python one took most of a query
    command's start-up reading the agency list (0.1-0.4 s against a few ms)."""
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data() -> dict[str, Any]:
    return data_file("vocabulary.yaml")


def agency_data() -> dict[str, Any]:
    return data_file("agencies.yaml")


@cache
def section_pattern(kind: str) -> re.Pattern[str]:
    """Any title of one kind of section (tasks, organisation, targets, skip)."""
    words = sorted(data()["sections"][kind], key=len, reverse=True)
    return re.compile("|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words), re.IGNORECASE)


@cache
def words(name: str) -> tuple[str, ...]:
    return tuple(data()[name])


@cache
def phrase_pattern(name: str) -> re.Pattern[str]:
    """One pattern for a list of regular expressions of the vocabulary file."""
    return re.compile("|".join(f"(?:{p})" for p in data()[name]), re.IGNORECASE)


@cache
def patterns(name: str) -> tuple[re.Pattern[str], ...]:
    """The vocabulary's regular expressions ``name``, each compiled (tried in order by its reader)."""
    return tuple(re.compile(p, re.IGNORECASE) for p in data()[name])
