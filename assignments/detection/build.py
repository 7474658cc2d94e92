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
from sklearn.linear_model import LogisticRegression

from . import calibration, metrics
from .features import STYLE_FEATURES
from .model import FORMAT, FORMAT_VERSION, Model, checksum
from .scoring import combine
from .text import WINDOW_WORDS
from .training import Fitted, Params, Prepared, fit, loso, mix, text_scores, window_scores
from .trees import export_boosting

Log = Callable[[str], None]


def export(
    fitted: Fitted, prep: Prepared, keep: frozenset[str], style_weight: dict[str, float] | None = None
) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """Scoring settings and arrays of a fitted pair of components (default weights: `Params`)."""
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
        "style_weight": dict(Params().style_weight if style_weight is None else style_weight),
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


def _platt(scores: np.ndarray, labels: np.ndarray) -> list[float]:
    lr = LogisticRegression(C=1e4, class_weight="balanced").fit(scores[:, None], labels)
    return [float(lr.coef_[0, 0]), float(lr.intercept_[0])]


def _probs(platt: list[float], scores: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(platt[0] * scores + platt[1], -500, 500)))


def validate(prep: Prepared, params: Params, key: str, log: Log) -> dict[str, Any]:
    """Leave-one-group-out: out-of-fold scores, Platt map, per-language thresholds and figures."""
    oof = loso(prep, params, key=key, log=log)
    langs = [m["lang"] for m in prep.meta]
    score = mix(oof, langs, params.style_weight)
    platt = _platt(score, prep.label)
    prob = _probs(platt, score)
    thresholds = {}
    for lang in sorted(set(langs)):
        human = [p for p, lg, y in zip(prob, langs, prep.label, strict=True) if lg == lang and y == 0]
        thresholds[lang] = calibration.threshold_for(human, 0.01)
    flags = np.asarray([p >= thresholds[lg] for p, lg in zip(prob, langs, strict=True)])
    groups = {
        "language": langs,
        "source": [m[key] for m in prep.meta],
        "length": [metrics.bucket_of(m["words"]) for m in prep.meta],
    }
    return {
        "platt": platt,
        "thresholds": thresholds,
        "report": metrics.report(prob, prep.label, flags, groups),
    }


def validate_generators(
    prep: Prepared, params: Params, platt: list[float], thresholds: dict[str, float], log: Log
) -> dict[str, Any]:
    """Leave-one-generator-out: hold out one generator's AI texts and score them, with a fixed half of
    the human texts of the same sources, by a model trained on the rest (at the operating thresholds).

    Only half of the humans are held out so that every source keeps human texts in training;
    holding out all of them would teach the model that the source itself means "AI".
    """
    out: dict[str, Any] = {}
    pooled: list[np.ndarray] = []
    generators = sorted({m["generator"] for m, y in zip(prep.meta, prep.label, strict=True) if y == 1})
    for gen in generators:
        ai = [i for i, m in enumerate(prep.meta) if prep.label[i] == 1 and m["generator"] == gen]
        sources = {prep.meta[i]["source"] for i in ai}
        human = [
            i for i, m in enumerate(prep.meta) if prep.label[i] == 0 and m["source"] in sources and m["half"]
        ]
        held = np.asarray(ai + human)
        train = np.setdiff1d(np.arange(len(prep.meta)), held)
        if not gen or len(set(prep.label[train])) < 2:
            continue  # unnamed generator, or nothing left to contrast with
        model = fit(prep, train, params)
        rows = np.flatnonzero(np.isin(prep.win_text, held))
        scores = text_scores(window_scores(model, prep, rows), prep, rows)
        comp = np.vstack([scores[int(t)] for t in held])
        prob = _probs(platt, mix(comp, [prep.meta[t]["lang"] for t in held], params.style_weight))
        flags = np.asarray([p >= thresholds[prep.meta[t]["lang"]] for p, t in zip(prob, held, strict=True)])
        out[gen] = metrics.summary(prob, prep.label[held], flags)
        pooled.append(np.column_stack([prob, prep.label[held], flags]))
        log(f"generator {gen}: {len(ai)} AI texts, {len(human)} human texts of {', '.join(sorted(sources))}")
    # Pooled over folds (a human text is counted once for every fold that held it out).
    allp = np.vstack(pooled) if pooled else np.zeros((0, 3))
    return {
        "overall": metrics.summary(allp[:, 0], allp[:, 1].astype(int), allp[:, 2].astype(bool)),
        "generator": out,
    }


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
    """Validate, fit on everything, export and check; returns (meta, arrays) for `save_model`."""
    log("leave-one-source-out validation")
    by_source = validate(prep, params, "group", log)
    log("leave-one-subset-out validation")
    by_subset = validate(prep, params, "subset", log)
    log("leave-one-generator-out validation")
    by_generator = validate_generators(prep, params, by_source["platt"], by_source["thresholds"], log)
    log("final fit on all texts")
    fitted = fit(prep, np.arange(len(prep.meta)), params)
    meta, arrays = export(fitted, prep, keep, params.style_weight)
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
        validation={
            "leave_one_source_out": by_source["report"],
            "leave_one_subset_out": by_subset["report"],
            "leave_one_generator_out": by_generator,
        },
        export_max_difference=diff,
    )  # fmt: skip
    return meta, arrays
