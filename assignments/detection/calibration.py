"""Local calibration: an institution's own known-human texts set the operating thresholds.

The file lives outside the committed model (the Flask CLI keeps it in the instance folder), is
bound to one model by its checksum, and only overrides the thresholds of the languages it covers.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .model import Model, ModelError

CAL_FORMAT = "campus-ai-text-calibration"
MAX_THRESHOLD = math.nextafter(1.0, math.inf)  # flags nothing, not even a probability of 1.0


def threshold_for(probabilities: list[float], max_share: float) -> float:
    """Lowest threshold at which at most `max_share` of `probabilities` reach it (flag is p >= t)."""
    if not 0.0 <= max_share < 1.0:
        raise ValueError("max_share must be at least 0 and below 1")
    ranked = sorted(probabilities, reverse=True)
    allowed = math.floor(max_share * len(ranked) + 1e-9)
    if allowed >= len(ranked):
        return 0.0
    # Just above the first score that must not be flagged; ties with it stay unflagged too. Above a
    # probability of exactly 1.0 this is a hair over 1: nothing is flagged, as the share demands.
    return math.nextafter(ranked[allowed], math.inf)


def build(model: Model, scores: dict[str, list[float]], max_share: float, source: str) -> dict[str, Any]:
    """Calibration document for the given per-language probabilities of known-human texts."""
    languages = {}
    for lang, probs in sorted(scores.items()):
        if not probs:
            continue
        thr = threshold_for(probs, max_share)
        flagged = sum(1 for p in probs if p >= thr)
        languages[lang] = {
            "n_texts": len(probs),
            "threshold": thr,
            "model_threshold": model.meta["thresholds"].get(lang),
            "flagged": flagged,
            "flagged_share": flagged / len(probs),
        }
    return {
        "format": CAL_FORMAT,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "model_checksum": model.meta["checksum"],
        "max_share": max_share,
        "source": source,
        "languages": languages,
    }


def write(path: str | Path, doc: dict[str, Any]) -> None:
    """Store a calibration document (parent folders are created)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def apply(model: Model, path: str | Path) -> Model:
    """The model with the thresholds of the calibration file at `path` (ModelError if unusable)."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        if doc.get("format") != CAL_FORMAT:
            raise ModelError(f"{path} is not a detector calibration file")
        thresholds = {str(k): float(v["threshold"]) for k, v in doc["languages"].items()}
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError(f"calibration file {path} cannot be read: {exc}") from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ModelError(f"calibration file {path} is incomplete: {exc}") from None
    if doc.get("model_checksum") != model.meta["checksum"]:
        raise ModelError(
            f"calibration file {path} was made for another model; run `flask detector calibrate` again"
        )
    if any(not 0.0 <= t <= MAX_THRESHOLD for t in thresholds.values()):
        raise ModelError(f"calibration file {path} has a threshold outside 0..1")
    return model.with_thresholds(thresholds, doc)
