"""Validation by held-out groups: source, subset, genre or generator (needs scikit-learn).

Each validation retrains without one group at a time, scores the held-out texts, fits the Platt map
on these out-of-fold scores and sets the per-language threshold so that at most 1% of the out-of-fold
human texts reach it. The figures are read at that threshold, so they include the error of choosing it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

from . import calibration, metrics
from .training import Params, Prepared, fit, mix, text_scores, window_scores

Log = Callable[[str], None]
Fold = tuple[str, np.ndarray]  # name, indices of the held-out texts
# Validation kind -> the metadata key whose values are held out one at a time.
KINDS = {"source": "group", "subset": "subset", "genre": "genre", "generator": "generator"}  # fmt: skip
TARGET_FPR = 0.01


def partition(prep: Prepared, key: str) -> list[Fold]:
    """One fold per value of `key`: all texts with that value are held out together."""
    values = np.asarray([m[key] for m in prep.meta])
    return [(str(v), np.flatnonzero(values == v)) for v in sorted(set(values))]


def generator_folds(prep: Prepared) -> list[Fold]:
    """One fold per generator: its AI texts plus a fixed half of the human texts of the same sources.

    Only half of the humans are held out so that every source keeps human texts in training; holding
    out all of them would teach the model that the source itself means "AI".
    """
    folds = []
    ai_gens = {m["generator"] for m, y in zip(prep.meta, prep.label, strict=True) if y == 1}
    for gen in sorted(g for g in ai_gens if g):
        ai = [i for i, m in enumerate(prep.meta) if prep.label[i] == 1 and m["generator"] == gen]
        sources = {prep.meta[i]["source"] for i in ai}
        human = [
            i for i, m in enumerate(prep.meta) if prep.label[i] == 0 and m["source"] in sources and m["half"]
        ]
        folds.append((gen, np.asarray(ai + human)))
    return folds


def out_of_fold(
    prep: Prepared, params: Params, folds: list[Fold], log: Log
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(text indices, (n, 2) component scores, fold names) of every held-out text, scored without its fold.

    A text held out by several folds (the human texts of leave-one-generator-out) appears once per fold.
    """
    texts: list[int] = []
    scores: list[np.ndarray] = []
    names: list[str] = []
    for name, held in folds:
        train = np.setdiff1d(np.arange(len(prep.meta)), held)
        if len(set(prep.label[train])) < 2 or not len(held):
            log(f"fold {name}: skipped (nothing left to contrast with)")
            continue
        model = fit(prep, train, params)
        rows = np.flatnonzero(np.isin(prep.win_text, held))
        for t, s in text_scores(window_scores(model, prep, rows), prep, rows).items():
            texts.append(t)
            scores.append(s)
            names.append(name)
        log(f"fold {name}: {len(held)} texts held out")
    return np.asarray(texts, dtype=np.int64), np.vstack(scores) if scores else np.zeros((0, 2)), names


def platt_fit(scores: np.ndarray, labels: np.ndarray) -> list[float]:
    """Platt map (slope, intercept) of text scores to probabilities, classes weighted equally."""
    lr = LogisticRegression(C=1e4, class_weight="balanced").fit(scores[:, None], labels)
    return [float(lr.coef_[0, 0]), float(lr.intercept_[0])]


def platt_apply(platt: list[float], scores: np.ndarray) -> np.ndarray:
    """Probabilities of text scores under a Platt map (the engine's `probability`, vectorised)."""
    return 1.0 / (1.0 + np.exp(-np.clip(platt[0] * scores + platt[1], -500, 500)))


def variant_report(
    prob: np.ndarray, labels: np.ndarray, flags: np.ndarray, meta: list[dict[str, Any]]
) -> dict:
    """Figures per AI variant (paraphrase, rewrite, attack, ...) against the human texts of the subsets
    in which that variant occurs, so that each variant is compared with its own genre."""
    variants = np.asarray([m["variant"] for m in meta])
    subsets = np.asarray([m["subset"] for m in meta])
    out = {}
    for v in sorted(set(variants[labels == 1])):
        ai = (labels == 1) & (variants == v)
        sel = ai | ((labels == 0) & np.isin(subsets, sorted(set(subsets[ai]))))
        out[str(v)] = metrics.summary(prob[sel], labels[sel], flags[sel])
    return out


def validate(prep: Prepared, params: Params, kind: str, log: Log) -> dict[str, Any] | None:
    """Run one validation kind (see KINDS): Platt map, per-language thresholds and a grouped report.

    None when the corpus does not allow it (e.g. a single genre: no fold leaves both classes to
    train on, or the held-out texts are of one class only).
    """
    key = KINDS[kind]
    folds = generator_folds(prep) if kind == "generator" else partition(prep, key)
    texts, comps, fold_of = out_of_fold(prep, params, folds, log)
    meta = [prep.meta[t] for t in texts]
    labels = prep.label[texts]
    if len(set(labels)) < 2:
        log(f"leave-one-{kind}-out: not possible with this corpus")
        return None
    langs = [m["lang"] for m in meta]
    score = mix(comps, langs, params.style_weight)
    platt = platt_fit(score, labels)
    prob = platt_apply(platt, score)
    thresholds = {}
    for lang in sorted(set(langs)):
        human = [float(p) for p, lg, y in zip(prob, langs, labels, strict=True) if lg == lang and y == 0]
        thresholds[lang] = calibration.threshold_for(human, TARGET_FPR)
    flags = np.asarray([p >= thresholds[lg] for p, lg in zip(prob, langs, strict=True)], dtype=bool)
    # Grouped by fold, so that each generator is reported with the human texts held out beside it.
    groups = {"language": langs, kind: fold_of}
    if kind != "genre":
        groups["genre"] = [m["genre"] for m in meta]
    groups["length"] = [metrics.bucket_of(m["words"]) for m in meta]
    report = metrics.report(prob, labels, flags, groups)
    report["variant"] = variant_report(prob, labels, flags, meta)
    return {"platt": platt, "thresholds": thresholds, "report": report}
