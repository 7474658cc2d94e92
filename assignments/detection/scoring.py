"""Window scores from a loaded model: n-gram logistic regression plus style trees, then calibration."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

from .features import masked_tokens, ngrams, style_vector
from .model import Model
from .text import Token
from .trees import evaluate


def ngram_score(model: Model, grams: list[str]) -> float:
    """Logistic-regression score of one window, with scikit-learn's sublinear, l2-normalised TF-IDF."""
    counts = Counter(model.vocab[g] for g in grams if g in model.vocab)
    if not counts:
        return float(model.meta["intercept"])
    idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
    tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
    weights = (1.0 + np.log(tf)) * model.arrays["idf"][idx]
    norm = math.sqrt(float(weights @ weights))
    return float(weights @ model.arrays["coef"][idx]) / norm + float(model.meta["intercept"])


def component_scores(
    model: Model, tokens: list[Token], spans: list[tuple[int, int]], lang: str
) -> np.ndarray:
    """(n_windows, 2) raw scores: column 0 n-gram model, column 1 style model."""
    suffix = int(model.meta["suffix_letters"][lang])
    ng = [ngram_score(model, ngrams(masked_tokens(tokens[a:b], lang, model.keep, suffix))) for a, b in spans]
    style = np.vstack([style_vector(tokens[a:b], lang) for a, b in spans])
    st = evaluate(model.arrays, float(model.meta["gb_base"]), int(model.meta["gb_depth"]), style)
    return np.column_stack([np.asarray(ng, dtype=np.float64), st])


def combine(model: Model, raw: np.ndarray, lang: str) -> np.ndarray:
    """Scale each component on the training human scores and average them with the language's
    style weight (one value per window)."""
    m_ng, s_ng, m_st, s_st = (float(v) for v in model.meta["scale"])
    w = float(model.meta["style_weight"][lang])
    return (1.0 - w) * (raw[:, 0] - m_ng) / s_ng + w * (raw[:, 1] - m_st) / s_st


def probability(model: Model, score: float) -> float:
    """Calibrated probability (Platt scaling fitted on out-of-fold text scores)."""
    a, b = (float(v) for v in model.meta["platt"])
    z = max(-500.0, min(500.0, a * score + b))
    return 1.0 / (1.0 + math.exp(-z))
