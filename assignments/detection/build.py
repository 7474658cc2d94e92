"""Assemble a scoring model from training: final fit, export, thresholds, calibration, figures."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

from .features import STYLE_FEATURES
from .model import FORMAT, FORMAT_VERSION, Model, checksum
from .scoring import combine
from .text import WINDOW_WORDS
from .training import Fitted, Params, Prepared, fit, mix, window_scores
from .trees import export_boosting
from .validation import validate

Log = Callable[[str], None]


class TrainingError(Exception):
    """The corpus cannot give a validated model (the message says why)."""


def export(
    fitted: Fitted, prep: Prepared, keep: frozenset[str], params: Params | None = None
) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """Scoring settings and arrays of a fitted pair of components (style weights of `params`, else the
    defaults; the word endings are the ones `prep` was made with)."""
    settings = params or Params()
    vocab = sorted(fitted.vectoriser.vocabulary_, key=fitted.vectoriser.vocabulary_.__getitem__)
    trees, base, depth = export_boosting(fitted.boosting, prep.style)
    arrays = {
        "idf": fitted.vectoriser.idf_.astype(np.float64),
        "coef": fitted.linear.coef_[0].astype(np.float64),
    }
    arrays.update(trees)
    meta = {
        "vocab": vocab, "keep": sorted(keep), "style_features": list(STYLE_FEATURES),
        "intercept": float(fitted.linear.intercept_[0]), "gb_base": base, "gb_depth": depth,
        "scale": [float(v) for v in fitted.scale], "window_words": WINDOW_WORDS,
        "style_weight": dict(settings.style_weight),
        "suffix_letters": {lang: prep.suffix.get(lang, 0) for lang in ("de", "en")},
    }  # fmt: skip
    return meta, arrays


def verify_export(model: Model, fitted: Fitted, prep: Prepared) -> float:
    """Largest difference between exported and scikit-learn window scores (must be ~0)."""
    from .scoring import ngram_score
    from .trees import evaluate

    rows = np.arange(len(prep.grams))[:: max(1, len(prep.grams) // 300)]
    langs = [prep.meta[prep.win_text[i]]["lang"] for i in rows]
    ref = mix(window_scores(fitted, prep, rows), langs, model.meta["style_weight"])
    ng = np.asarray([ngram_score(model, prep.grams[i]) for i in rows])
    st = evaluate(model.arrays, model.meta["gb_base"], model.meta["gb_depth"], prep.style[rows])
    raw = np.column_stack([ng, st])
    ours = np.asarray([combine(model, raw[i : i + 1], lang)[0] for i, lang in enumerate(langs)])
    return float(np.abs(ours - ref).max())


def corpus_summary(paths: list[str], prep: Prepared) -> dict[str, Any]:
    """What the model was trained on: files (name, SHA-256) and counts per language and label."""
    files = [
        {"name": Path(p).name, "sha256": hashlib.sha256(Path(p).read_bytes()).hexdigest()} for p in paths
    ]
    counts: dict[str, int] = {}
    for m, y in zip(prep.meta, prep.label, strict=True):
        key = f"{m['lang']}/{'ai' if y else 'human'}"
        counts[key] = counts.get(key, 0) + 1
    return {"files": files, "texts": counts, "windows": len(prep.win_text),
            "sources": sorted({m["source"] for m in prep.meta if not m["group"].startswith("theses")}),
            "thesis_repositories": len({m["source"] for m in prep.meta if m["group"].startswith("theses")})}  # fmt: skip


def build_model(
    paths: list[str], prep: Prepared, keep: frozenset[str], params: Params, log: Log
) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """Validate, fit on everything, export and check; returns (meta, arrays) for `save_model`.

    The operating thresholds and the Platt map come from leave-one-source-out; the other validations
    report what happens on an unseen genre or generator, each at its own out-of-fold threshold.
    """
    results = {}
    for kind in ("source", "genre", "generator"):
        log(f"leave-one-{kind}-out validation")
        result = validate(prep, params, kind, log)
        if result is not None:
            results[kind] = result
    if "source" not in results:
        raise TrainingError(
            "the corpus needs at least two sources with human and AI texts to set a threshold"
        )
    by_source = results["source"]
    log("final fit on all texts")
    fitted = fit(prep, np.arange(len(prep.meta)), params)
    meta, arrays = export(fitted, prep, keep, params)
    meta.update(platt=by_source["platt"], thresholds=by_source["thresholds"])
    model = Model({**meta, "format": FORMAT, "format_version": FORMAT_VERSION, "checksum": checksum(meta, arrays)},
                  arrays, {g: i for i, g in enumerate(meta["vocab"])}, keep, by_source["thresholds"])  # fmt: skip
    diff = verify_export(model, fitted, prep)
    if diff > 1e-6:
        raise RuntimeError(f"exported model differs from scikit-learn by {diff}")
    meta.update(
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        versions={"scikit-learn": version("scikit-learn"), "wordfreq": version("wordfreq"), "numpy": np.__version__},
        params=asdict(params),
        training=corpus_summary(paths, prep),
        validation={f"leave_one_{kind}_out": r["report"] for kind, r in results.items()},
        export_max_difference=diff,
    )  # fmt: skip
    return meta, arrays
