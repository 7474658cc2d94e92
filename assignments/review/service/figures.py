"""The model's own figures for the pages: the measured false-positive rate at a report's threshold."""

from __future__ import annotations

from typing import Any

from assignments.detection import Model


def validation(model: Model) -> dict[str, Any]:
    """The model card's leave-one-source-out figures (overall and per language)."""
    return dict(model.meta.get("validation", {}).get("leave_one_source_out", {}))


def false_positive_rate(model: Model, language: str | None) -> float | None:
    """How often human texts of ``language`` reach the threshold: the local calibration's target
    share where it covers the language, else the rate measured in the model's validation."""
    cal = model.calibration or {}
    if language and language in cal.get("languages", {}):
        return float(cal.get("max_share", 0.01))
    figures = validation(model)
    row = figures.get("language", {}).get(language or "") or figures.get("overall") or {}
    return row.get("fpr")
