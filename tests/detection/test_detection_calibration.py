"""Local calibration: thresholds from known-human texts flag at most the configured share of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from detection_texts import make_text, write_jsonl
from flask.testing import FlaskCliRunner
from hypothesis import given
from hypothesis import strategies as st

from assignments.detection import analyse, load_model
from assignments.detection import calibration as cal
from assignments.detection.model import ModelError, read_model


@given(st.lists(st.floats(0, 1), min_size=1, max_size=300), st.sampled_from([0.0, 0.01, 0.05, 0.2, 0.5]))
def test_threshold_flags_at_most_the_share(probs: list[float], share: float) -> None:
    threshold = cal.threshold_for(probs, share)
    flagged = sum(p >= threshold for p in probs)
    assert flagged <= share * len(probs) + 1e-9
    # and it is the lowest such threshold: one step lower would flag more than allowed
    if flagged < len(probs) and threshold > 0:
        below = max(p for p in probs if p < threshold)
        assert sum(p >= below for p in probs) > share * len(probs)


def test_threshold_rejects_bad_share() -> None:
    with pytest.raises(ValueError, match="max_share"):
        cal.threshold_for([0.5], 1.0)


def _humans(tmp_path: Path, n: int) -> Path:
    # Deliberately AI-like texts declared human: the calibration must raise the thresholds.
    records = [{"text": make_text("de", "ai", 300, i), "id": i} for i in range(n)]
    records += [{"text": make_text("en", "ai", 300, i), "id": 1000 + i} for i in range(n)]
    return write_jsonl(tmp_path / "human.jsonl", records)


def test_calibrate_command_sets_thresholds(
    cli: FlaskCliRunner, tiny_model_dir: Path, tmp_path: Path, detector_app
) -> None:
    detector_app.config["DETECTOR_MODEL_DIR"] = str(tiny_model_dir)
    humans = _humans(tmp_path, 40)
    result = cli.invoke(args=["detector", "calibrate", "--human", str(humans), "--max-share", "0.05"])
    assert result.exit_code == 0, result.output
    path = Path(detector_app.instance_path) / "detector" / "calibration.json"
    doc = json.loads(path.read_text())
    assert doc["max_share"] == 0.05 and set(doc["languages"]) == {"de", "en"}
    model = load_model(tiny_model_dir, path)
    assert model.thresholds != read_model(tiny_model_dir).thresholds
    for lang in ("de", "en"):
        texts = [json.loads(line)["text"] for line in humans.read_text().splitlines()]
        results = [analyse(t, model) for t in texts]
        mine = [r for r in results if r.language == lang]
        assert len(mine) == 40
        assert sum(r.flag for r in mine) <= 0.05 * len(mine)
    card = cli.invoke(args=["detector", "card"])
    assert card.exit_code == 0
    assert "Local calibration" in card.output and "40 known-human texts" in card.output


def test_calibration_for_another_model_is_refused(tiny_model_dir: Path, tmp_path: Path) -> None:
    model = read_model(tiny_model_dir)
    doc = cal.build(model, {"de": [0.1, 0.2]}, 0.01, "test")
    doc["model_checksum"] = "0" * 64
    cal.write(tmp_path / "c.json", doc)
    with pytest.raises(ModelError, match="another model"):
        cal.apply(model, tmp_path / "c.json")
    (tmp_path / "broken.json").write_text("{")
    with pytest.raises(ModelError, match="cannot be read"):
        cal.apply(model, tmp_path / "broken.json")
