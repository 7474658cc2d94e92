"""`analyse(text)`: the detector's public entry point. Imports nothing from Flask or the platform."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from . import calibration
from .language import MIN_WORDS_FOR_ID, SUPPORTED, identify
from .model import DEFAULT_DIR, Model, read_model
from .scoring import combine, component_scores, probability
from .text import count_words, tokenise, windows

DEFAULT_MIN_WORDS = 250  # a whole paper; shorter texts give noisy scores
LOWEST_MIN_WORDS = 80  # one passage-sized window is the least the model was validated on

REASONS = {
    "no_text": "no words found in the text",
    "not_text": "the input does not look like running text (binary data, markup or symbols)",
    "unsupported_language": "the text is not German or English",
    "too_short": "the text is shorter than the minimum length for a reliable score",
}


@dataclass(frozen=True, slots=True)
class Passage:
    """A window of the original text, as character offsets [start, end), and its probability."""

    start: int
    end: int
    probability: float


@dataclass(frozen=True, slots=True)
class Analysis:
    """Result of `analyse`. `probability` is None when the detector abstains (then `reason` says why)."""

    probability: float | None
    flag: bool
    abstain: bool
    reason: str | None
    language: str | None
    words: int
    threshold: float | None
    passages: tuple[Passage, ...] = ()

    @property
    def reason_text(self) -> str | None:
        """Human-readable explanation of `reason`."""
        return REASONS.get(self.reason) if self.reason else None


@lru_cache(maxsize=8)
def _load(path: str, calibration_path: str | None, mtime: int) -> Model:
    model = read_model(path)
    return calibration.apply(model, calibration_path) if calibration_path else model


def load_model(path: str | Path | None = None, calibration_path: str | Path | None = None) -> Model:
    """Load (and cache) a model; the committed default when `path` is None.

    `calibration_path` names a local calibration file; if it does not exist the model's own
    thresholds are used. The cache notices when the calibration file changes.
    """
    cal = Path(calibration_path) if calibration_path else None
    mtime = cal.stat().st_mtime_ns if cal and cal.exists() else 0
    cal_str = str(cal) if cal and mtime else None
    return _load(str(Path(path) if path else DEFAULT_DIR), cal_str, mtime)


def _garbage(text: str, tokens_chars: int) -> bool:
    """True when letters and digits make up less than half of the visible characters."""
    visible = sum(1 for c in text if not c.isspace())
    return visible > 0 and tokens_chars < 0.5 * visible


def analyse(text: str, model: Model | None = None, *, min_words: int = DEFAULT_MIN_WORDS) -> Analysis:
    """Score `text` for signs of AI generation, or abstain with a reason. Deterministic."""
    if min_words < LOWEST_MIN_WORDS:
        raise ValueError(f"min_words must be at least {LOWEST_MIN_WORDS}")
    model = model or load_model()
    tokens = tokenise(text)
    words = count_words(tokens)

    def abstain(reason: str, lang: str | None = None) -> Analysis:
        return Analysis(None, False, True, reason, lang, words, model.thresholds.get(lang or ""), ())

    if words == 0:
        return abstain("no_text")
    if _garbage(text, sum(t.end - t.start for t in tokens if t.kind != "p")):
        return abstain("not_text")
    lang = identify(tokens)
    if lang is not None and lang not in SUPPORTED:
        return abstain("unsupported_language")
    if lang is None:
        # Too few words to tell the language is itself a length problem.
        return abstain("too_short" if words < max(min_words, MIN_WORDS_FOR_ID) else "unsupported_language")
    if words < min_words:
        return abstain("too_short", lang)
    spans = windows(tokens)
    per_window = combine(model, component_scores(model, tokens, spans, lang), lang)
    sizes = np.asarray([count_words(tokens[a:b]) for a, b in spans], dtype=np.float64)
    prob = probability(model, float(np.average(per_window, weights=sizes)))
    threshold = model.thresholds[lang]
    passages = tuple(
        Passage(tokens[a].start, tokens[b - 1].end, probability(model, float(s)))
        for (a, b), s in zip(spans, per_window, strict=True)
    )
    return Analysis(prob, prob >= threshold, False, None, lang, words, threshold, passages)
