"""Gradient-boosted trees as plain arrays: export from scikit-learn and evaluate with numpy.

scikit-learn estimators can only be saved with pickle, and loading a pickle runs code. The style
model is a `GradientBoostingClassifier`, whose trees expose their nodes through the public
`tree_` attribute, so they can be copied into flat arrays and evaluated here without scikit-learn.
"""

from __future__ import annotations

from typing import Any

import numpy as np

ARRAY_NAMES = ("tree_feature", "tree_threshold", "tree_left", "tree_right", "tree_value", "tree_roots")


def export_boosting(model: Any, sample: np.ndarray) -> tuple[dict[str, np.ndarray], float, int]:
    """Flatten a fitted binary GradientBoostingClassifier into arrays.

    Returns (arrays, base score, depth). Leaves point to themselves, so that every sample can walk
    exactly `depth` steps. The base score (the log-odds the boosting starts from) is recovered
    from `decision_function` on `sample`, because scikit-learn keeps it in a private attribute.
    """
    feature, threshold, left, right, value, roots = [], [], [], [], [], []
    offset, depth = 0, 0
    rate = float(model.learning_rate)
    for est in model.estimators_[:, 0]:
        tree = est.tree_
        n = int(tree.node_count)
        is_leaf = tree.children_left == -1
        own = np.arange(n) + offset
        feature.append(np.where(is_leaf, 0, tree.feature).astype(np.int32))
        threshold.append(np.where(is_leaf, 0.0, tree.threshold).astype(np.float64))
        left.append(np.where(is_leaf, own, tree.children_left + offset).astype(np.int32))
        right.append(np.where(is_leaf, own, tree.children_right + offset).astype(np.int32))
        value.append((tree.value[:, 0, 0] * rate).astype(np.float64))
        roots.append(offset)
        offset += n
        depth = max(depth, int(tree.max_depth))
    arrays: dict[str, np.ndarray] = {
        "tree_feature": np.concatenate(feature),
        "tree_threshold": np.concatenate(threshold),
        "tree_left": np.concatenate(left),
        "tree_right": np.concatenate(right),
        "tree_value": np.concatenate(value),
        "tree_roots": np.asarray(roots, dtype=np.int32),
    }
    probe = np.asarray(sample[:1], dtype=np.float64)
    base = float(model.decision_function(probe)[0] - evaluate(arrays, 0.0, depth, probe)[0])
    return arrays, base, depth


def evaluate(arrays: dict[str, np.ndarray], base: float, depth: int, x: np.ndarray) -> np.ndarray:
    """Raw boosting score (log-odds) for each row of `x`, walking all trees at once."""
    # scikit-learn compares float32 features with float64 thresholds; do the same for equal results.
    x32 = np.asarray(x, dtype=np.float32).astype(np.float64)
    rows = np.arange(x32.shape[0])[:, None]
    nodes = np.broadcast_to(arrays["tree_roots"], (x32.shape[0], len(arrays["tree_roots"]))).copy()
    for _ in range(depth):
        go_left = x32[rows, arrays["tree_feature"][nodes]] <= arrays["tree_threshold"][nodes]
        nodes = np.where(go_left, arrays["tree_left"][nodes], arrays["tree_right"][nodes])
    return base + arrays["tree_value"][nodes].sum(axis=1)


def check_arrays(arrays: dict[str, np.ndarray], n_features: int) -> str | None:
    """Describe what is wrong with tree arrays (None if they are consistent)."""
    n = len(arrays["tree_feature"])
    for name in ARRAY_NAMES[:5]:
        if arrays[name].shape != (n,):
            return f"{name} has shape {arrays[name].shape}, expected ({n},)"
    for name in ("tree_left", "tree_right", "tree_roots"):
        if len(arrays[name]) and (arrays[name].min() < 0 or arrays[name].max() >= n):
            return f"{name} points outside the tree nodes"
    feats = arrays["tree_feature"]
    if len(feats) and (feats.min() < 0 or feats.max() >= n_features):
        return "tree_feature names a feature the model does not have"
    return None
