"""Word count and language of an extracted text: the figures a receipt and the marking table show.

Deliberately simple and independent of the AI-text detector (which has its own, stricter notion of
language): the most frequent function words decide, and a text with too few of them has no language.
"""

from __future__ import annotations

import re
from collections import Counter

# A word: letters or digits, with inner hyphens or apostrophes ("E-Mail", "don't", "§-Angabe" counts once).
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_SAMPLE_WORDS = 5000
_MIN_HITS = 10

# The commonest function words of each language; words shared between languages are left out.
_FUNCTION_WORDS = {
    "de": """der die das und ist nicht ein eine einer eines dem den auch sich mit von zu auf für werden
        wird sind wie bei oder aus nach noch sie es wir ich diese dieser durch über kann können nur
        schon wenn dass zum zur im vom hat haben sein wurde sowie aber""",
    "en": """the and of to is are that this with for it be by not or which as from have has can their
        they we would been were these there such more than its into""",
    "fr": """le la les et est une qui dans pour pas sur au aux du ce cette sont avec plus ou par nous
        vous ils elle être été leur""",
    "es": "el los las y del por para como más pero sus su al se son esta este entre también fue ser",
    "it": "il gli e della delle è per non come più sono alla nel questo anche tra stato essere hanno",
    "nl": "het een en van dat niet op te zijn voor ook maar bij door wordt naar deze dit hun worden heeft",
}
FUNCTION_WORDS = {code: frozenset(text.split()) for code, text in _FUNCTION_WORDS.items()}


def words(text: str) -> list[str]:
    """The words of ``text`` in order."""
    return _WORD.findall(text)


def word_count(text: str) -> int:
    """How many words ``text`` has (numbers count, punctuation does not)."""
    return sum(1 for _ in _WORD.finditer(text))


def language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when the text gives too little to tell."""
    sample = Counter(word.casefold() for word in words(text)[:_SAMPLE_WORDS])
    hits = {code: sum(sample[w] for w in vocabulary) for code, vocabulary in FUNCTION_WORDS.items()}
    best = max(hits, key=lambda code: hits[code])
    ranked = sorted(hits.values(), reverse=True)
    # Too few function words (a list of names, a table) or a near tie: better no answer than a guess.
    if ranked[0] < _MIN_HITS or ranked[0] < 1.5 * ranked[1]:
        return None
    return best
