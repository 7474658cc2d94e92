"""The model card's figures: pooled variant shares, targets per language, the round-one baseline."""

from __future__ import annotations

from assignments.detection.card import baseline, caught, targets


def _row(n_ai: int, tpr: float | None, n_human: int = 10) -> dict:
    return {"n_human": n_human, "n_ai": n_ai, "auroc": 0.9, "tpr_at_1pct_fpr": 0.5, "fpr": 0.0, "tpr": tpr}


def test_caught_pools_variants_by_their_number_of_texts() -> None:
    report = {"variant": {"a": _row(30, 0.1), "b": _row(10, 0.5), "c": _row(0, None)}}
    assert caught(report, ("a", "b", "c", "missing")) == "20%"  # (3 + 5) / 40
    assert caught(report, ("a", "b"), "de") == "20 %"
    assert caught(report, ("missing",)) == "–"


def test_targets_name_each_language() -> None:
    report = {
        "overall": _row(100, 0.75) | {"auroc": 0.96, "fpr": 0.01},
        "language": {
            "de": _row(50, 0.7) | {"auroc": 0.94, "fpr": 0.02},
            "en": _row(50, 0.8) | {"auroc": 0.97},
        },
    }
    lines = targets(report).splitlines()
    assert "- AUROC de ≥ 0.95: 0.940 – NICHT erreicht / NOT met" in lines
    assert "- FPR de ≤ 0.01: 0.020 – NICHT erreicht / NOT met" in lines
    assert "- AUROC en ≥ 0.95: 0.970 – erreicht / met" in lines
    assert "- TPR overall ≥ 0.70: 0.750 – erreicht / met" in lines


def test_baseline_lists_the_maintainers_measurement() -> None:
    text = "\n".join(baseline())
    assert "| human-written student abstracts (computer science) | 6.7% falsely flagged |" in text
    assert "3,315" in text and "3.315" in text
