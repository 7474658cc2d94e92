"""Validation groups of a labelled record: source, subset, genre, generator family, variant.

A detector that only ever meets texts of the sources, genres and generators it was trained on looks
better than it is. Validation therefore holds out whole groups; these functions name them.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

THESIS_FOLDS = 5
GENRES = ("essays", "abstracts", "encyclopedia", "news", "theses")
# Corpus "domain" values that are a kind of thesis or paper written for a degree or a journal.
_THESIS_DOMAINS = frozenset(
    ["thesis", "termpaper", "report", "dissertation", "school-paper", "article", "academic_paper"]
)
# A release date or build number at the end of a model name ("-0613", "-2024-07-18").
_VERSION_SUFFIX = re.compile(r"(-\d{4}(-\d{2}-\d{2})?|-instruct|-chat)+$")


def group_of(record: dict[str, Any], key: str = "source") -> str:
    """Validation group: the source (or subset); thesis repositories are pooled into a few folds.

    Every repository is one source, and most give only one to four excerpts; pooling them by a hash of
    the repository name keeps each repository inside one fold.
    """
    if str(record.get("subset", "")).startswith("theses"):
        digest = hashlib.sha256(str(record["source"]).encode()).digest()
        return f"theses-{digest[0] % THESIS_FOLDS}"
    return str(record.get(key, "unknown"))


def genre_of(record: dict[str, Any]) -> str:
    """One of GENRES, from the record's `genre` or `domain` field ("other" when it says nothing).

    Academic texts count as abstracts when the subset says arXiv or abstract; other academic texts
    (paper introductions, theses, term papers) count as theses.
    """
    if record.get("genre") in GENRES:
        return str(record["genre"])
    domain = str(record.get("domain", "")).lower()
    subset = str(record.get("subset", "")).lower()
    if "essay" in domain:
        return "essays"
    if domain in ("wiki", "encyclopedia"):
        return "encyclopedia"
    if domain == "news":
        return "news"
    if domain == "abstract" or (domain == "academic" and ("arxiv" in subset or "abstract" in subset)):
        return "abstracts"
    if domain == "academic" or domain in _THESIS_DOMAINS or subset.startswith("theses"):
        return "theses"
    return "other"


def generator_family(name: str) -> str:
    """The model behind a generator name, without release date or chat/instruct suffix, lower case.

    "gpt-3.5-turbo-0613" and "gpt-3.5-turbo" are one model; holding out only one of them would leave
    its twin in training.
    """
    return _VERSION_SUFFIX.sub("", name.strip().lower())


def describe(record: dict[str, Any]) -> dict[str, str]:
    """All group names of one record (the metadata that validation and reports group by)."""
    human = record.get("label") == "human"
    return {
        "source": str(record.get("source", "")),
        "group": group_of(record),
        "subset": group_of(record, "subset"),
        "genre": genre_of(record),
        "generator": "human" if human else generator_family(str(record.get("generator", ""))),
        "variant": "human" if human else str(record.get("variant") or "plain"),
    }
