"""Validation figures: AUROC, TPR at a fixed FPR, rates at a threshold, grouped reports."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

LENGTH_BUCKETS = (("80-250", 80, 250), ("250-1000", 250, 1000), (">1000", 1000, 10**9))


def auroc(scores: np.ndarray, labels: np.ndarray) -> float | None:
    """Area under the ROC curve (ties count half); None if one class is missing."""
    pos, neg = scores[labels == 1], scores[labels == 0]
    if not len(pos) or not len(neg):
        return None
    order = np.argsort(np.concatenate([neg, pos]), kind="mergesort")
    ranks = np.empty(len(order), dtype=np.float64)
    allv = np.concatenate([neg, pos])[order]
    # Average ranks over ties.
    _, first, counts = np.unique(allv, return_index=True, return_counts=True)
    avg = first + (counts + 1) / 2.0
    ranks[order] = np.repeat(avg, counts)
    rank_pos = ranks[len(neg) :].sum()
    return float((rank_pos - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def tpr_at_fpr(scores: np.ndarray, labels: np.ndarray, fpr: float = 0.01) -> float | None:
    """True-positive rate at the strictest threshold that flags at most `fpr` of the human texts."""
    pos, neg = scores[labels == 1], scores[labels == 0]
    if not len(pos) or not len(neg):
        return None
    allowed = int(np.floor(fpr * len(neg)))
    cut = np.sort(neg)[::-1][allowed] if allowed < len(neg) else -np.inf
    return float(np.mean(pos > cut))


def rates(flags: np.ndarray, labels: np.ndarray) -> tuple[float | None, float | None]:
    """(FPR, TPR) of boolean flags."""
    neg, pos = flags[labels == 0], flags[labels == 1]
    return (float(neg.mean()) if len(neg) else None, float(pos.mean()) if len(pos) else None)


def summary(scores: np.ndarray, labels: np.ndarray, flags: np.ndarray) -> dict[str, Any]:
    """All figures for one group of texts."""
    fpr, tpr = rates(flags, labels)
    return {
        "n_human": int((labels == 0).sum()),
        "n_ai": int((labels == 1).sum()),
        "auroc": auroc(scores, labels),
        "tpr_at_1pct_fpr": tpr_at_fpr(scores, labels),
        "fpr": fpr,
        "tpr": tpr,
    }


def bucket_of(n_words: int) -> str:
    """Name of the length bucket of a text (texts under 80 words fall into the first)."""
    for name, _lo, hi in LENGTH_BUCKETS:
        if n_words < hi:
            return name
    return LENGTH_BUCKETS[-1][0]


def report(scores: Any, labels: Any, flags: Any, groups: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """Figures overall and per value of each grouping (e.g. language, source, length)."""
    s, y, f = np.asarray(scores, float), np.asarray(labels, int), np.asarray(flags, bool)
    out: dict[str, Any] = {"overall": summary(s, y, f)}
    for name, values in groups.items():
        arr = np.asarray(values, dtype=object)
        out[name] = {str(v): summary(s[arr == v], y[arr == v], f[arr == v]) for v in sorted(set(values))}
    return out


def format_report(rep: dict[str, Any]) -> str:
    """Plain-text table of a report, one line per group."""

    def fmt(x: float | None) -> str:
        return "  n/a" if x is None else f"{x:5.3f}"

    lines = [f"{'group':38} {'human':>6} {'ai':>6} {'AUROC':>6} {'TPR@1%':>7} {'FPR':>6} {'TPR':>6}"]
    rows = [("overall", rep["overall"])]
    for key, sub in rep.items():
        if key != "overall":
            rows += [(f"{key}={k}", v) for k, v in sub.items()]
    for name, m in rows:
        lines.append(
            f"{name[:38]:38} {m['n_human']:6d} {m['n_ai']:6d} {fmt(m['auroc']):>6} "
            f"{fmt(m['tpr_at_1pct_fpr']):>7} {fmt(m['fpr']):>6} {fmt(m['tpr']):>6}"
        )
    return "\n".join(lines)
