"""Language identification by stop-word coverage: German, English, or abstain.

A closed list of the most frequent words per language is enough to tell German and English from
their neighbours in a paper-length text, needs no model download, and is deterministic.
"""

from __future__ import annotations

from .lexicon import STOPWORDS
from .text import Token

SUPPORTED = ("de", "en")
# Below this many words the stop-word counts are too small to decide between languages.
MIN_WORDS_FOR_ID = 15
# Share of words that must be stop words of the winning language: prose reaches 0.2 to 0.4,
# lists of names, code or garbage do not.
MIN_COVERAGE = 0.08


def identify(tokens: list[Token]) -> str | None:
    """Return the language code ("de", "en", "fr", ...) of the tokens, or None if unclear.

    Only Latin-script words count; a text mostly in another script has no stop words here and
    comes out as None, which the caller treats as unsupported.
    """
    words = [t.norm for t in tokens if t.kind == "w"]
    if len(words) < MIN_WORDS_FOR_ID:
        return None
    counts = dict.fromkeys(STOPWORDS, 0)
    for word in words:
        for lang, stop in STOPWORDS.items():
            if word in stop:
                counts[lang] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    (best, hits), (_, runner_up) = ranked[0], ranked[1]
    if hits < MIN_COVERAGE * len(words) or hits <= runner_up:
        return None
    return best
