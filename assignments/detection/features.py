"""Features of one window: masked word n-grams and a vector of style measures.

Topic guard: the n-gram model only sees words from a closed list (frequent words of the language plus
the lexicon's function words and connectives); every other word becomes a placeholder carrying its
frequency band and capitalisation, so "Datenbank" and "Sprachwandel" look alike to the model.
"""

from __future__ import annotations

import itertools
import math
from functools import lru_cache

import numpy as np
import wordfreq

from .lexicon import FUNCTION_WORDS, HEDGES, LLM_MARKERS, NEGATIONS, PRONOUNS_FIRST, SENTENCE_OPENERS
from .text import SENTENCE_END, Token, sentences

KEEP_PUNCT = frozenset('.,;:!?()"-/%')

STYLE_FEATURES = (
    "lang_de", "function_words", "llm_markers", "sentence_openers", "first_person", "hedges",
    "negations", "sent_mean", "sent_std", "sent_cv", "sent_short", "sent_long", "word_len_mean",
    "word_len_std", "long_words", "zipf_mean", "zipf_std", "rare_words", "unknown_words", "ttr50",
    "comma", "semicolon", "colon", "parenthesis", "quote", "dash", "question", "exclamation",
    "numbers", "capitalised", "commas_per_sentence", "repeated_bigrams",
)  # fmt: skip


@lru_cache(maxsize=262_144)
def zipf(word: str, lang: str) -> float:
    """Zipf frequency of a word (0 for unknown words); cached because wordfreq costs ~5 µs a call."""
    return float(wordfreq.zipf_frequency(word, lang))


def masked_tokens(tokens: list[Token], lang: str, keep: frozenset[str]) -> list[str]:
    """The window's tokens with every word outside `keep` replaced by its frequency band."""
    out: list[str] = []
    for tok in tokens:
        if tok.kind == "w":
            if tok.norm in keep:
                out.append(tok.norm)
            else:
                band = min(int(zipf(tok.norm, lang)), 6)
                out.append(f"<{'C' if tok.cap else 'w'}{band}>")
        elif tok.kind == "n":
            out.append("<num>")
        else:
            out.append(tok.norm if tok.norm in KEEP_PUNCT else "<p>")
    return out


def ngrams(masked: list[str]) -> list[str]:
    """Word 1- and 2-grams of a masked token sequence (the n-gram model's vocabulary items)."""
    return masked + [f"{a} {b}" for a, b in itertools.pairwise(masked)]


def _rate(words: list[str], vocab: frozenset[str]) -> float:
    return sum(1 for w in words if w in vocab) / len(words)


def _mean_std(values: list[float]) -> tuple[float, float]:
    if not values:
        return 0.0, 0.0
    arr = np.asarray(values, dtype=np.float64)
    return float(arr.mean()), float(arr.std())


def style_vector(tokens: list[Token], lang: str) -> np.ndarray:
    """Style measures of one window, in the order of STYLE_FEATURES. Never NaN."""
    words = [t.norm for t in tokens if t.kind == "w"] or [""]
    n_words = len(words)
    n_all = max(1, sum(1 for t in tokens if t.kind != "p"))
    sents = sentences(tokens) or [n_all]
    s_mean, s_std = _mean_std([float(s) for s in sents])
    lens = [float(len(w)) for w in words]
    w_mean, w_std = _mean_std(lens)
    freqs = [zipf(w, lang) for w in words]
    z_mean, z_std = _mean_std(freqs)
    chunks = [words[i : i + 50] for i in range(0, n_words, 50)]
    ttr = sum(len(set(c)) / len(c) for c in chunks) / len(chunks)
    punct = [t.norm for t in tokens if t.kind == "p"]
    openers, caps, after_end = 0, 0, True
    for tok in tokens:
        if tok.kind == "w":
            if after_end and tok.norm in SENTENCE_OPENERS[lang]:
                openers += 1
            caps += tok.cap and not after_end
            after_end = False
        elif tok.norm in SENTENCE_END:
            after_end = True
    bigrams = list(itertools.pairwise(words))
    repeated = len(bigrams) - len(set(bigrams))
    values = [
        1.0 if lang == "de" else 0.0,
        _rate(words, FUNCTION_WORDS[lang]),
        _rate(words, LLM_MARKERS[lang]),
        openers / len(sents),
        _rate(words, PRONOUNS_FIRST[lang]),
        _rate(words, HEDGES[lang]),
        _rate(words, NEGATIONS[lang]),
        s_mean,
        s_std,
        s_std / s_mean if s_mean else 0.0,
        sum(1 for s in sents if s < 8) / len(sents),
        sum(1 for s in sents if s > 35) / len(sents),
        w_mean,
        w_std,
        sum(1 for n in lens if n >= 12) / n_words,
        z_mean,
        z_std,
        sum(1 for f in freqs if 0 < f < 3) / n_words,
        sum(1 for f in freqs if f == 0) / n_words,
        ttr,
        *(punct.count(p) / n_all for p in ',;:("-?!'),
        sum(1 for t in tokens if t.kind == "n") / n_all,
        caps / n_words,
        punct.count(",") / len(sents),
        repeated / max(1, len(bigrams)),
    ]
    vec = np.asarray(values, dtype=np.float64)
    return np.where(np.isfinite(vec), vec, 0.0)


def log1p_safe(x: float) -> float:
    """log(1 + x) for x >= 0 (sublinear term frequency)."""
    return math.log1p(x)
